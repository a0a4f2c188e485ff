// The backward pass written out: every gradient agrees with its finite differences, for a loss
// without the combined dZ = A - Y, with L2, and the step is W - α dW.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix, Network, Random } from '../../src/index.js';
import { backwardTrace } from '../../src/nn/backward-trace.js';

test('backwardTrace: MSE through tanh and relu with L2, float32 source, checks agree, step is W - α dW', () => {
  const rng = new Random(4);
  const net = new Network({ inputSize: 3, seed: 3, l2: 0.4, loss: 'meanSquaredError', layers: [{ units: 4, activation: 'tanh' }, { units: 3, activation: 'relu' }, { units: 2, activation: 'tanh' }] });
  for (const layer of net.layers) layer.b.data.forEach((_, i) => { layer.b.data[i] = 0.1 + 0.1 * rng.randn(); });
  const X = new Matrix(3, 5, Float64Array.from({ length: 15 }, () => rng.randn()));
  const Y = new Matrix(2, 5, Float64Array.from({ length: 10 }, () => rng.randn()));
  const t = backwardTrace(net, X, Y, { learningRate: 0.3, checks: 4 });
  assert.deepEqual(t.layers.map((l) => l.l), [3, 2, 1]);
  assert.equal(t.losses.length, 5);
  assert.ok(Math.abs(t.cost - (t.losses.reduce((a, b) => a + b) / 5 + t.penalty)) < 1e-12);
  assert.ok(t.penalty > 0);
  assert.equal(t.layers[0]!.equations.dZ, "dZ[3] = dA[3] * tanh'(Z[3])");
  assert.equal(t.layers[0]!.equations.dAOut, 'dA[3] = ∂L/∂A[3] = (2/2)(A[3] - Y)'); // two outputs: the squared error is their mean
  assert.match(t.layers[0]!.equations.dW, /\+ \(0\.4\/m\) W\[3\]/);
  for (const layer of t.layers) {
    for (const [what, entries] of Object.entries(layer.checks)) {
      assert.equal(entries.length, Math.min(4, what === 'dW' ? layer.dW.size : what === 'db' ? layer.db.size : what === 'dZ' ? layer.dZ.size : layer.dAPrev.size));
      for (const e of entries) assert.ok(Math.abs(e.analytic - e.numeric) <= 1e-7 + 1e-6 * Math.abs(e.analytic), `${what}[${layer.l}] ${e.row},${e.col}: ${e.analytic} vs ${e.numeric}`);
    }
    const W = net.W(layer.l);
    layer.WNext.data.forEach((v, k) => assert.ok(Math.abs(v - (W.data[k]! - 0.3 * layer.dW.data[k]!)) < 1e-12));
  }
  // the source network is untouched (the trace works on a float64 copy)
  assert.equal(net.dtype, 'float32');
});
