// Targets the loss cannot mean, refused by every entry that computes gradients from them: a label 2 for
// a sigmoid output, a one-hot column of two 1s under softmax + categorical cross-entropy (its gradient
// A - Y holds only for columns that sum to 1), fewer labels than examples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataError, Matrix, Network, ShapeError, backwardTrace, fit, gradientCheck } from '../../src/index.js';

const X = new Matrix(2, 3, Float64Array.from([0.5, -1, 2, 1, 0.25, -0.5]));
const sigmoidNet = () => new Network({ inputSize: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], dtype: 'float64', seed: 1 });
const softmaxNet = () => new Network({ inputSize: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 3, activation: 'softmax' }], dtype: 'float64', seed: 1 });
// example 2's column is [1, 1, 0]: two classes at once
const twoOnes = new Matrix(3, 3, Float64Array.from([1, 1, 0, 0, 1, 0, 0, 0, 1]));

test('gradientCheck and backwardTrace refuse a label 2 for a sigmoid output (it checked the gradients of a meaningless cost)', () => {
  for (const run of [() => gradientCheck(sigmoidNet(), X, [0, 2, 1]), () => backwardTrace(sigmoidNet(), X, [0, 2, 1])]) {
    assert.throws(run, (e: Error) => e instanceof DataError && /Y has 2 at row 1, column 2 \(example 2\), but binaryCrossEntropy needs targets in \[0, 1\]/.test(e.message));
  }
});

test('a one-hot column of two 1s under softmax + categorical cross-entropy is refused by fit, gradientCheck, backwardTrace and evaluateCost', () => {
  const want = (e: Error) => e instanceof DataError && /column 2 \(example 2\) sums to 2, but a softmax output needs each example's targets to sum to 1/.test(e.message);
  assert.throws(() => gradientCheck(softmaxNet(), X, twoOnes), want);
  assert.throws(() => backwardTrace(softmaxNet(), X, twoOnes), want);
  assert.throws(() => fit(softmaxNet(), X, twoOnes, { epochs: 1, learningRate: 0.1 }), want);
  assert.throws(() => softmaxNet().evaluateCost(X, twoOnes), want);
  // class probabilities that sum to 1 (label smoothing) are targets, as one-hot columns are
  const smooth = new Matrix(3, 3, Float64Array.from([0.8, 0.1, 0.1, 0.1, 0.8, 0.1, 0.1, 0.1, 0.8]));
  assert.ok(gradientCheck(softmaxNet(), X, smooth).maxRelativeError < 1e-7);
  // a sigmoid output of 3 units (several labels per example) takes a column of two 1s
  const multiLabel = new Network({ inputSize: 2, layers: [{ units: 3, activation: 'sigmoid' }], dtype: 'float64', seed: 1 });
  assert.ok(gradientCheck(multiLabel, X, twoOnes).maxRelativeError < 1e-7);
});

test('backwardTrace refuses fewer labels than examples and a NaN in X (it traced them)', () => {
  assert.throws(() => backwardTrace(sigmoidNet(), X, [0, 1]), (e: Error) => (e instanceof ShapeError || e instanceof DataError) && /X has 3 examples \(columns\) but Y has 2/.test(e.message));
  const nan = X.clone();
  nan.data[4] = NaN;
  assert.throws(() => backwardTrace(sigmoidNet(), nan, [0, 1, 1]), (e: Error) => e instanceof DataError && /backwardTrace: X/.test(e.message));
});
