// gradientCheck on a float32 network (Network's default): it checked in float32, where the rounding of J
// (about 1e-7 of it) is as large as the differences over ε, and a right gradient read as a relative error of
// about 1e-3 (> 1e-7: "backprop is wrong"); it checks a float64 copy, and leaves the network's own gradients.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Network, gradientCheck, synthetic } from '../../src/index.js';

test('gradientCheck of a float32 network checks a float64 copy of it: a right gradient agrees to 1e-7', () => {
  const { X, Y } = synthetic('flower', { seed: 1, samples: 40 });
  const net = new Network({ inputSize: 2, layers: [{ units: 5, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], seed: 3, l2: 0.1 });
  assert.equal(net.dtype, 'float32');
  for (const order of [2, 4] as const) {
    const r = gradientCheck(net, X, Y, { order });
    assert.equal(r.dtype, 'float64');
    assert.equal(r.onCopy, true);
    assert.ok(r.relativeError < 1e-7, `order ${order}: relative error ${r.relativeError}`);
  }
  // the network keeps its float32 parameters and is left with its own analytic gradients (as a float64 network is)
  assert.equal(net.layers[0]!.W.dtype, 'float32');
  const dW = net.layers[0]!.dW.clone();
  net.forward(X.astype('float32'));
  net.backward(Y);
  assert.deepEqual(Array.from(net.layers[0]!.dW.data), Array.from(dW.data));
});

test('gradientCheck of a float64 network checks it in place (onCopy false), with the same result as its float32 twin', () => {
  const { X, Y } = synthetic('flower', { seed: 2, samples: 30 });
  const spec = { inputSize: 2, layers: [{ units: 4, activation: 'relu' as const }, { units: 1, activation: 'sigmoid' as const }], seed: 5 };
  const n64 = new Network({ ...spec, dtype: 'float64' }), n32 = new Network(spec);
  n64.setWeights(n32.layers);
  const X32 = X.astype('float32'); // the same inputs for both (the float32 network reads X rounded to float32)
  const a = gradientCheck(n64, X32, Y, { order: 2 }), b = gradientCheck(n32, X32, Y, { order: 2 });
  assert.equal(a.onCopy, false);
  assert.equal(a.relativeError, b.relativeError);
});
