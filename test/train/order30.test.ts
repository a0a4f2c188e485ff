// fit's shuffle and schedule as functions: an epoch's order of the examples (a PyTorch Sampler) and
// its learning rate (Keras' LearningRateScheduler). What they return is checked: a repeated index
// trained one example twice and another not at all, silently.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix, Network, fit } from '../../src/index.js';

const X = new Matrix(2, 5, Float64Array.from([0.5, -1, 0.25, 2, -0.5, 1, 0.75, -0.25, 0.1, 0.3]), 'float64');
const Y = new Matrix(1, 5, Float64Array.from([1, 0, 1, 0, 1]), 'float64');
const net = () => new Network({ inputSize: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], seed: 4, dtype: 'float64' });

test('an order function gives each epoch\'s batches: batch i is its examples i·batchSize, ... (the same steps as training on the reordered set in order)', () => {
  const orders = [[4, 2, 0, 1, 3], [1, 3, 4, 0, 2]];
  const a = net(), seenEpochs: number[] = [];
  const ha = fit(a, X, Y, { epochs: 2, batchSize: 2, learningRate: 0.5, shuffle: (e) => { seenEpochs.push(e); return orders[e]!; } });
  assert.deepEqual(seenEpochs, [0, 1]);
  // the same two epochs by hand: the set reordered, then in order (shuffle: false), one epoch each
  const b = net();
  let hb: ReturnType<typeof fit> | undefined;
  for (const order of orders) {
    const Xo = new Matrix(2, 5, Float64Array.from([...order.map((j) => X.data[j]!), ...order.map((j) => X.data[5 + j]!)]), 'float64');
    const Yo = new Matrix(1, 5, Float64Array.from(order, (j) => Y.data[j]!), 'float64');
    hb = fit(b, Xo, Yo, { epochs: 1, batchSize: 2, learningRate: 0.5, shuffle: false });
  }
  assert.deepEqual(Array.from(a.layers[1]!.W.data), Array.from(b.layers[1]!.W.data));
  assert.equal(ha.cost[1], hb!.cost[0]);
});

test('an order that is not a permutation of 0..m-1 is refused, naming the epoch and the value', () => {
  const cases: [unknown, RegExp][] = [
    [[0, 1, 2, 3], /shuffle\(0\) must return a permutation of 0\.\.4 \(5 indices\), got 4 values/],
    [[0, 1, 2, 3, 3], /shuffle\(0\) must return a permutation of 0\.\.4: 3 appears twice/],
    [[0, 1, 2, 3, 5], /value 4 is 5/],
    [[0, 1, 2, 3, 1.5], /value 4 is 1\.5/],
    [undefined, /5 indices\), got undefined/],
  ];
  for (const [order, message] of cases) {
    assert.throws(() => fit(net(), X, Y, { epochs: 1, batchSize: 2, shuffle: () => order as number[] }), { name: 'OptionError', message });
  }
  assert.throws(() => fit(net(), X, Y, { epochs: 1, shuffle: 'yes' as unknown as boolean }), { name: 'OptionError', message: /shuffle must be true or false \(or a function giving an epoch's order\), got "yes"/ });
});

test('a schedule function sets each epoch\'s learning rate from alpha0; what is not a positive rate is refused', () => {
  const seen: [number, number][] = [];
  const h = fit(net(), X, Y, { epochs: 3, learningRate: 0.2, schedule: (e, a0) => { seen.push([e, a0]); return a0 / (e + 1); } });
  assert.deepEqual(seen, [[0, 0.2], [1, 0.2], [2, 0.2]]);
  assert.deepEqual(h.learningRate, [0.2, 0.1, 0.2 / 3]);
  for (const bad of [0, -1, Number.NaN, Infinity, '0.1']) {
    assert.throws(() => fit(net(), X, Y, { epochs: 2, schedule: () => bad as number }), { name: 'OptionError', message: /schedule\(0, 0\.01\) must return epoch 0's learning rate \(a positive number\), got/ });
  }
});
