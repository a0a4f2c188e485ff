// Round learn36 (a student of the course checking each step against NumPy): what the course caches and a
// student could not see. The forward cache held Z[l] and A[l] but not the dropout masks D[l] the course's
// forward_propagation_with_dropout caches beside them (its backward pass multiplies dA[l] by them), so
// inverted dropout's scaling could not be checked; a mini-batch callback said which batch of how many but
// not its size, so the course's smaller last mini-batch (m mod batchSize examples) could not be seen.
// The gradient check of the course's gradient_check_n example is pinned beside them (NumPy, the course's
// formulas: difference 1.19e-7 with its cost log(sigmoid(z)), 1.1e-9 with the cost computed from z as here).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix, Network, fit, gradientCheck, Random, synthetic, type BatchInfo } from '../../src/index.js';

test('net.cache.D[l] is the inverted-dropout mask of each hidden layer with dropout: A[l] = g(Z[l]) * D[l], D in {0, 1/keepProb}', () => {
  const { X, Y } = synthetic('flower');
  const net = new Network({ inputSize: 2, dtype: 'float64', seed: 1, init: 'xavier',
    layers: [{ units: 6, activation: 'tanh', keepProb: 0.8 }, { units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }] });
  net.forward(X, { training: true });
  const { Z, A, D } = net.cache;
  assert.equal(D.length, 4);
  assert.equal(D[2], undefined, 'no dropout on layer 2');
  assert.equal(D[3], undefined, 'none on the output layer');
  const d1 = D[1]!;
  assert.deepEqual([d1.rows, d1.cols], [6, 400]);
  const values = new Set(d1.data);
  assert.deepEqual([...values].sort(), [0, 1.25]);
  let kept = 0;
  for (let k = 0; k < d1.data.length; k++) {
    assert.equal(A[1]!.data[k], Math.tanh(Z[1]!.data[k]!) * d1.data[k]!);
    if (d1.data[k] !== 0) kept++;
  }
  // about keepProb of the units are kept (2400 draws: 0.8 ± 0.03)
  assert.ok(Math.abs(kept / d1.data.length - 0.8) < 0.03, String(kept / d1.data.length));
  // the backward pass goes through the same mask, as the course's: dA[1] = W[2]ᵀ·dZ[2] * D[1] (D already / keepProb)
  net.backward(net.prepareTargets(Y));
  const { dZ } = net.gradients;
  const W2 = net.layers[1]!.W;
  for (let i = 0; i < 6; i++) {
    for (let j = 0; j < 400; j += 37) {
      let dA = 0;
      for (let k = 0; k < 3; k++) dA += W2.data[k * 6 + i]! * dZ[2]!.data[k * 400 + j]!;
      const g = Math.tanh(Z[1]!.data[i * 400 + j]!);
      const expected = dA * d1.data[i * 400 + j]! * (1 - g * g); // dZ[1] = (W[2]ᵀ dZ[2] * D[1]) * g'(Z[1])
      assert.ok(Math.abs(dZ[1]!.data[i * 400 + j]! - expected) < 1e-15, `dZ[1][${i},${j}]`);
    }
  }
  // a forward pass without training applies no dropout: the mask is all ones
  net.forward(X);
  assert.ok(net.cache.D[1]!.data.every((v) => v === 1));
});

test('onBatchEnd tells each mini-batch\'s size: 300 examples in batches of 64 are 4 of 64 and a last one of 44', () => {
  const moons = synthetic('moons', { seed: 3 });
  const net = new Network({ inputSize: 2, dtype: 'float64', init: 'he', seed: 3, layers: [{ units: 5, activation: 'relu' }, { units: 1, activation: 'sigmoid' }] });
  const seen: BatchInfo[] = [];
  fit(net, moons.X, moons.Y, { epochs: 2, batchSize: 64, optimizer: 'adam', learningRate: 0.001, onBatchEnd: (b) => seen.push(b) });
  assert.deepEqual(seen.map((b) => b.examples), [64, 64, 64, 64, 44, 64, 64, 64, 64, 44]);
  assert.deepEqual(seen.map((b) => b.batch), [0, 1, 2, 3, 4, 0, 1, 2, 3, 4]);
  // full batch: one batch of m
  const whole: BatchInfo[] = [];
  fit(net, moons.X, moons.Y, { epochs: 1, onBatchEnd: (b) => whole.push(b) });
  assert.deepEqual(whole.map((b) => [b.examples, b.batches]), [[300, 1]]);
});

test('the course\'s gradient_check_n example: the same cost as NumPy, and a difference far below its 1e-7 threshold', () => {
  // np.random.seed(1); x = randn(4, 3); y = [1, 1, 0]; W1 = randn(5, 4); b1 = randn(5, 1); W2 = randn(3, 5); ...
  const r = new Random(1);
  const draw = (n: number, k: number) => Array.from({ length: n }, () => Array.from({ length: k }, () => r.randn()));
  const x = draw(4, 3);
  const weights = [[5, 4], [3, 5], [1, 3]].map(([n, k]) => ({ W: draw(n!, k!), b: draw(n!, 1).flat() }));
  const net = new Network({ inputSize: 4, dtype: 'float64', weights,
    layers: [{ units: 5, activation: 'relu' }, { units: 3, activation: 'relu' }, { units: 1, activation: 'sigmoid' }] });
  const check = gradientCheck(net, Matrix.from(x, 'float64'), [1, 1, 0], { order: 2 });
  assert.equal(check.epsilon, 1e-7);
  assert.ok(Math.abs(check.cost - 2.407833389834357) < 1e-13, String(check.cost)); // NumPy's cost of the course's formula
  // NumPy, the course's formula from log(sigmoid(z)): 1.186e-7; from z (as here): 1.117e-9; backprop: 1.2e-9
  assert.ok(check.relativeError > 1e-10 && check.relativeError < 1e-8, String(check.relativeError));
});
