// Battery peers33 (library): what the thirty-third session's comparison with scikit-learn and PyTorch on real
// tabular data found in trainModel. With standardize, a regression trains on its z-scored target, but the test
// cost recorded after each epoch (recordTestCost: --plot's test curve and --json's history) compared those
// z-scored predictions with the test targets in their own units: Boston's test MSE of about 8 read as 588
// (its mean square) at every epoch, a flat line far above the training curve.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trainModel, Matrix } from '../../src/node.js';

/** A regression of 2 features whose target is far from 0 (mean 1000, spread about 100), m examples. */
function farTarget(m: number, targets = 1) {
  const X = new Matrix(2, m), Y = new Matrix(targets, m);
  for (let j = 0; j < m; j++) {
    const a = Math.sin(j * 1.7), b = Math.cos(j * 0.9);
    X.set(0, j, a); X.set(1, j, b);
    for (let t = 0; t < targets; t++) Y.set(t, j, 1000 * (t + 1) + 80 * a - 50 * b + 10 * Math.sin(j * 7.3));
  }
  return { name: 'far', X, Y, task: 'regression' as const, featureNames: ['a', 'b'] };
}

for (const targets of [1, 2]) {
  test(`recordTestCost with a standardized regression target (${targets} target${targets > 1 ? 's' : ''}): on the training cost's scale, the test set's J after each update`, async () => {
    // the test set is the training set and full-batch gradient descent: the test cost after epoch e's update
    // is the training cost before epoch e + 1's
    const data = farTarget(60, targets);
    const r = await trainModel({ layers: [4], epochs: 12, learningRate: 0.05, standardize: true, testSplit: 0, recordTestCost: true, dtype: 'float64' }, { train: data, test: data });
    const { cost } = r.history, testCost = r.testCost!;
    assert.equal(testCost.length, cost.length);
    for (let e = 0; e + 1 < cost.length; e++) assert.ok(Math.abs(testCost[e]! - cost[e + 1]!) < 1e-9 * cost[e + 1]!, `epoch ${e + 1}: test ${testCost[e]} against training ${cost[e + 1]}`);
    assert.ok(testCost[testCost.length - 1]! < 2, `a z-scored target's MSE, not the targets' mean square (about ${1e6 * targets})`);
  });
}
