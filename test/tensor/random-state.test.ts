// Random.getState / setState: where a seeded stream is, kept as plain numbers and gone on from, so
// that a run stopped and restored (the page's Back and Forward) shuffles its mini-batches as the
// run that never stopped.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random, Network, fit, Matrix, StateError } from '../../src/index.js';

test('a Random restored from its state (through JSON) draws what the original draws next, a kept normal draw included', () => {
  const a = new Random(7);
  for (let i = 0; i < 700; i++) a.random(); // past a twist of the 624 words
  a.randn(); // the polar method keeps the pair's second draw for the next randn()
  const state = JSON.parse(JSON.stringify(a.getState()));
  const b = new Random(123);
  b.setState(state);
  assert.deepEqual([b.randn(), b.random(), b.int(1000), Array.from(b.permutation(9))], [a.randn(), a.random(), a.int(1000), Array.from(a.permutation(9))]);
  // a state is a copy: the original going on does not move it
  const c = new Random(0);
  c.setState(state);
  const d = new Random(0);
  d.setState(state);
  assert.equal(c.random(), d.random());
});

test('fit one epoch at a time: a network whose weights and random stream are restored after 3 epochs has the uninterrupted run\'s cost at epoch 6, to all digits', () => {
  const m = 40;
  const X = new Matrix(2, m, undefined, 'float64'), Y = new Matrix(1, m, undefined, 'float64');
  const data = new Random(5);
  for (let j = 0; j < m; j++) { X.data[j] = data.random() * 2 - 1; X.data[m + j] = data.random() * 2 - 1; Y.data[j] = X.data[j]! * X.data[m + j]! > 0 ? 1 : 0; }
  const make = () => new Network({ inputSize: 2, dtype: 'float64', seed: 3, layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], warn: () => {} });
  const epoch = (net: Network) => fit(net, X, Y, { epochs: 1, batchSize: 8, learningRate: 0.3, shuffle: true }).cost[0]!;
  const whole = make();
  for (let e = 0; e < 3; e++) epoch(whole);
  const weights = whole.layers.map((l) => ({ W: l.W.clone(), b: l.b.clone() }));
  const stream = JSON.parse(JSON.stringify(whole.rng.getState()));
  let cost = NaN;
  for (let e = 0; e < 3; e++) cost = epoch(whole);
  // the run restored: the same seed's network, the weights and the stream of epoch 3
  const restored = make();
  restored.setWeights(weights);
  restored.rng.setState(stream);
  let again = NaN;
  for (let e = 0; e < 3; e++) again = epoch(restored);
  assert.equal(again, cost);
  // without the stream, the batches are others and so is the cost
  const weightsOnly = make();
  weightsOnly.setWeights(weights);
  let other = NaN;
  for (let e = 0; e < 3; e++) other = epoch(weightsOnly);
  assert.notEqual(other, cost);
});

test('setState refuses a state that is not one, naming the field', () => {
  const r = new Random(1);
  const good = r.getState();
  const oneLine = (pattern: RegExp) => (e: unknown) => e instanceof StateError && pattern.test(e.message) && !e.message.includes('\n');
  assert.throws(() => r.setState(undefined as never), oneLine(/^Random\.setState: state must be an object from getState\(\), got undefined$/));
  assert.throws(() => r.setState({ ...good, mt: good.mt.slice(1) }), oneLine(/^Random\.setState: state\.mt must be 624 numbers, got 623$/));
  assert.throws(() => r.setState({ ...good, mt: [...good.mt.slice(0, 5), -1, ...good.mt.slice(6)] }), oneLine(/^Random\.setState: state\.mt\[5\] must be a whole number from 0 to 2\^32 - 1, got -1$/));
  assert.throws(() => r.setState({ ...good, index: 625 }), oneLine(/^Random\.setState: state\.index must be a whole number from 0 to 624, got 625$/));
  assert.throws(() => r.setState({ ...good, gauss: NaN }), oneLine(/^Random\.setState: state\.gauss must be a finite number or null, got NaN$/));
  // a refused state leaves the stream as it was
  const before = new Random(1);
  assert.equal(r.random(), before.random());
});
