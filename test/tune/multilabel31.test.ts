// Battery multilabel31 (tuning): a study on multi-label data optimizes the subset accuracy (accuracy) or the
// macro F1 over the labels (f1), scikit-learn's accuracy_score and f1_score(average='macro'); balanced
// accuracy, a metric of one class per example, is refused naming the task; folds are not stratified by the
// first label's 0/1 (as scikit-learn's KFold on a multi-label Y).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix, Network, evaluate } from '../../src/node.js';
import { objectiveFor } from '../../src/tune/objective.js';
import { kFoldIndices } from '../../src/tune/folds.js';

test('objectives of a multi-label evaluation: accuracy is the subset accuracy, f1 the macro F1; balanced-accuracy refused', () => {
  const net = new Network({ inputSize: 1, layers: [{ units: 2, activation: 'sigmoid' }], dtype: 'float64' });
  net.setWeights([{ W: new Matrix(2, 1), b: new Matrix(2, 1, Float64Array.from([3, -3])) }]); // predicts (1, 0) for every example
  const Y = new Matrix(2, 4, Float64Array.from([1, 1, 0, 1, 0, 1, 0, 0])); // exact on examples 1 and 4
  const e = evaluate(net, new Matrix(1, 4), Y);
  assert.equal(objectiveFor('accuracy', 'multilabel').of(e), 0.5);
  // label 1: tp 3, fp 1 -> F1 6/7; label 2: tp 0, fn 1 -> 0; macro 3/7
  assert.equal(objectiveFor('f1', 'multilabel').of(e), 3 / 7);
  assert.throws(() => objectiveFor('balanced-accuracy', 'multilabel'), (err: Error) => err.name === 'OptionError' && /^\{ objective: 'balanced-accuracy' \} is a metric of one class per example, but the data is a multilabel task \(several labels per example\); use accuracy \(subset accuracy\), f1 \(macro F1 over the labels\) or loss$/.test(err.message));
  assert.throws(() => objectiveFor('r2', 'multilabel'), /is a regression metric, but the data is a classification task/);
});

test('k folds of a multi-label set are not grouped by the first label\'s 0/1 (stratification reads one class per example)', () => {
  // first label 1 in examples 0..5, 0 in 6..11: stratified, every fold would get 3 of each half in a fixed pattern
  const m = 12, Y = new Matrix(2, m, Float64Array.from({ length: 2 * m }, (_, q) => (q < m ? (q < 6 ? 1 : 0) : q % 2)));
  const data = { name: 'ml', X: new Matrix(1, m), Y, task: 'multilabel' as const, featureNames: ['x'] };
  const folds = kFoldIndices(data, 3, 1);
  assert.deepEqual(folds.flat().sort((a, b) => a - b), Array.from({ length: m }, (_, j) => j));
  const asBinary = kFoldIndices({ ...data, Y: new Matrix(1, m, Y.data.slice(0, m)), task: 'binary' }, 3, 1);
  assert.notDeepEqual(folds, asBinary, 'the same folds as a stratified split of the first label');
});
