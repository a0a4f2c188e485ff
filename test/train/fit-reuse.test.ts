// fit keeps two buffers of a network for its next fit (fit.ts): the one-hot targets made from class
// indices, and the snapshot of the weights it restores when training diverges. A later fit of the
// same network must fill both again: its own labels, its own last finite weights.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DivergenceError, Matrix, Network, fit } from '../../src/index.js';
import { oneHot } from '../../src/tensor/ops.js';
import { Random } from '../../src/tensor/random.js';
import { explodingRegression } from './exploding.js';

test('a second fit of the same network trains on its own class indices, as on the same targets given one-hot', () => {
  const rng = new Random(8);
  const X = new Matrix(5, 40);
  for (let k = 0; k < X.data.length; k++) X.data[k] = rng.random() * 2 - 1;
  const first = Array.from({ length: 40 }, () => rng.int(3)), second = first.map((c) => (c + 1) % 3);
  const make = () => new Network({ inputSize: 5, seed: 2, layers: [{ units: 6, activation: 'tanh' }, { units: 3, activation: 'softmax' }] });
  const options = { epochs: 4, learningRate: 0.3, batchSize: 16, seed: 1 };
  const net = make(), ref = make();
  fit(net, X, first, options);
  const got = fit(net, X, second, options);
  fit(ref, X, first, options);
  const want = fit(ref, X, oneHot(second, 3), options); // targets given as a matrix: no buffer kept
  assert.deepEqual(got.cost, want.cost);
  for (let l = 1; l <= 2; l++) assert.deepEqual(net.W(l).data, ref.W(l).data, `W${l}`);
});

test('a fit that diverges after an earlier fit of the same network keeps its own last finite weights', () => {
  const { X, Y, net } = explodingRegression();
  fit(net, X, Y, { epochs: 2, learningRate: 1e-7 });
  let last: { W: Matrix[]; b: Matrix[] } | undefined;
  assert.throws(() => fit(net, X, Y, { epochs: 200, learningRate: 0.01, onEpochEnd: () => { last = net.snapshot(); } }), DivergenceError);
  assert.ok(last, 'an epoch was accepted before the divergence');
  for (let l = 1; l <= 2; l++) {
    assert.deepEqual(net.W(l).data, last.W[l - 1]!.data, `W${l}`);
    assert.deepEqual(net.b(l).data, last.b[l - 1]!.data, `b${l}`);
  }
});

test('a fit that diverges in its first epoch, after an earlier fit and weights set by hand, goes back to the weights it started from', () => {
  const { X, Y, net } = explodingRegression();
  fit(net, X, Y, { epochs: 2, learningRate: 1e-7 });
  net.setWeights(net.layers.map((layer) => ({ W: layer.W.data.map((w) => 0.5 * w), b: layer.b.data.map((b) => b + 1) })));
  const start = net.snapshot();
  assert.throws(() => fit(net, X, Y, { epochs: 5, learningRate: 1e6, batchSize: 10 }), (e: unknown) => e instanceof DivergenceError && e.epoch === 1);
  for (let l = 1; l <= 2; l++) {
    assert.deepEqual(net.W(l).data, start.W[l - 1]!.data, `W${l}`);
    assert.deepEqual(net.b(l).data, start.b[l - 1]!.data, `b${l}`);
  }
});
