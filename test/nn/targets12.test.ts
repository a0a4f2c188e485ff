// A 1 x m row of real targets for a network of several linear outputs (multi-output regression) is a
// shape error naming both shapes: it was taken for class indices, one-hot encoded, and failed on
// "oneHot: label -0.2996 of example 1 is not a class index in 0..1" (the playground's worker met it
// with an imported model of 2 regression outputs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix, Network, ShapeError, fit, gradientCheck } from '../../src/index.js';

const X = new Matrix(2, 3, Float64Array.from([0.5, -1, 2, 1, 0.25, -0.5]));
const linearNet = () => new Network({ inputSize: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 2, activation: 'linear' }], dtype: 'float64', seed: 1 });
const want = (e: Error) => e instanceof ShapeError && e.message === 'Y is 1 x 3 but the output layer has 2 units (expected 2 x m)';

test('2 linear outputs given a 1 x m row of real targets: fit, gradientCheck and evaluateCost say Y\'s shape is not 2 x m (it was read as class indices)', () => {
  const Y = [-0.2996, 0.5, 1.25];
  assert.throws(() => fit(linearNet(), X, Y, { epochs: 1, learningRate: 0.1 }), want);
  assert.throws(() => gradientCheck(linearNet(), X, Y), want);
  assert.throws(() => linearNet().evaluateCost(X, Y), want);
  // class indices still go to a softmax output, and a 2 x m Y to the linear one
  const softmax = new Network({ inputSize: 2, layers: [{ units: 2, activation: 'softmax' }], dtype: 'float64', seed: 1 });
  assert.ok(Number.isFinite(softmax.evaluateCost(X, [0, 1, 1])));
  assert.ok(Number.isFinite(linearNet().evaluateCost(X, new Matrix(2, 3, Float64Array.from([0.1, 0.2, 0.3, -0.1, -0.2, -0.3])))));
});
