// Stratified K-fold and the objectives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kFoldIndices, kFolds } from '../../src/tune/folds.js';
import { foldSummary, objectiveFor } from '../../src/tune/objective.js';
import { Matrix } from '../../src/tensor/matrix.js';
import type { Dataset } from '../../src/data/synthetic.js';

const data = (labels: number[]): Dataset => ({
  name: 't', task: 'multiclass', classes: ['a', 'b', 'c'], featureNames: ['f'],
  X: new Matrix(1, labels.length, Float32Array.from(labels, (_, j) => j)), Y: new Matrix(1, labels.length, Float32Array.from(labels)),
});

test('stratified K-fold: every example in one fold, each class spread evenly, seeded', () => {
  const labels = [...Array(30).fill(0), ...Array(12).fill(1), ...Array(9).fill(2)];
  const folds = kFoldIndices(data(labels), 3, 5);
  assert.deepEqual(folds.flat().sort((a, b) => a - b), labels.map((_, j) => j));
  for (const f of folds) {
    assert.equal(f.filter((j) => labels[j] === 0).length, 10);
    assert.equal(f.filter((j) => labels[j] === 1).length, 4);
    assert.equal(f.filter((j) => labels[j] === 2).length, 3);
  }
  assert.deepEqual(kFoldIndices(data(labels), 3, 5), folds);
  assert.notDeepEqual(kFoldIndices(data(labels), 3, 6), folds);
  const pairs = kFolds(data(labels), 3, 5);
  assert.equal(pairs[0]!.train.X.cols + pairs[0]!.validation.X.cols, labels.length);
  assert.throws(() => kFoldIndices(data(labels), 1), /options\.cv must be a whole number >= 2/);
});

test('objectives: direction, value, and a metric that does not fit the task is refused', () => {
  const e = { cost: 0.4, classification: { accuracy: 0.9, balancedAccuracy: 0.8, f1: [1, 0.5, NaN], confusionMatrix: [[1, 0, 0], [0, 1, 1], [0, 0, 0]] } } as never;
  assert.equal(objectiveFor('loss').of(e), 0.4);
  assert.equal(objectiveFor('loss').direction, 'minimize');
  assert.equal(objectiveFor('accuracy', 'multiclass').of(e), 0.9);
  assert.equal(objectiveFor('f1').of(e), 0.5);
  assert.throws(() => objectiveFor('r2', 'binary'), /\{ objective: 'r2' \} is a regression metric/);
  assert.throws(() => objectiveFor('auc'), /options\.objective must be one of/);
  assert.deepEqual(foldSummary([1, 3]), { mean: 2, std: 1 });
});
