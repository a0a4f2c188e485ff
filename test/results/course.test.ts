// The course's published results on its own data (../shared/data), reached through the CLI as a user would.
// deeplearning.ai, Neural Networks and Deep Learning: week 2 (logistic regression) and week 4 (deep network).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { backprop, hasSharedData, sharedMissing, SHARED_DATA } from '../helpers/cli.js';

const skip = !hasSharedData && sharedMissing;
const train = path.join(SHARED_DATA, 'train_catvnoncat.h5');
const testSet = path.join(SHARED_DATA, 'test_catvnoncat.h5');

test('cat vs non-cat, logistic regression: the course\'s costs, 99% train and 70% test accuracy', { skip }, () => {
  const r = backprop(['train', '--data', train, '--test', testSet, '--layers', 'none', '--init', 'zeros', '--lr', '0.005', '--epochs', '2000', '--float64', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  // "Cost after iteration i" as printed by the course (history[i] is the cost before update i+1)
  const published: [number, number][] = [[0, 0.693147], [100, 0.584508], [200, 0.466949], [500, 0.303273], [1000, 0.214820], [1500, 0.166521], [1900, 0.140872]];
  for (const [i, c] of published) assert.equal(out.history[i].cost.toFixed(6), c.toFixed(6), `cost after iteration ${i}`);
  assert.equal(out.train.accuracy.toFixed(4), '0.9904'); // 207 of 209
  assert.equal(out.test.accuracy, 0.7); // 35 of 50
  // the course: "the model is clearly overfitting the training data"
  assert.deepEqual(out.diagnosis.map((f: { kind: string }) => f.kind), ['highVariance']);
});

test('cat vs non-cat, 4-layer network 12288-20-7-5-1: the course\'s start, >= 98% train and >= 76% test', { skip }, () => {
  // --seed 1 --init lecun draws the course's np.random.seed(1); randn(n, n_prev) / sqrt(n_prev) weights
  const r = backprop(['train', '--data', train, '--test', testSet, '--layers', '20,7,5', '--activation', 'relu', '--init', 'lecun',
    '--lr', '0.0075', '--epochs', '2500', '--seed', '1', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.history[0].cost.toFixed(5), '0.77175'); // the course prints 0.771749
  assert.ok(Math.abs(out.history[100].cost - 0.672053) < 2e-3, `cost after iteration 100: ${out.history[100].cost} (course 0.672053)`);
  assert.ok(out.train.accuracy >= 0.98, `train accuracy ${out.train.accuracy}`);
  assert.ok(out.test.accuracy >= 0.76, `test accuracy ${out.test.accuracy}`);
  assert.deepEqual(out.diagnosis.map((f: { kind: string }) => f.kind), ['highVariance'], 'training accuracy about 20 points above test');
});
