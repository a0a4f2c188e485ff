// Results on real datasets (../shared/data), through the CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { backprop, hasSharedData, sharedMissing, SHARED_DATA } from '../helpers/cli.js';

const skip = !hasSharedData && sharedMissing;

test('MNIST: 784-128-10 reaches at least 97% on the 10,000 test images, trained on the 60,000', { skip }, () => {
  const r = backprop(['train', '--data', path.join(SHARED_DATA, 'train-images-idx3-ubyte.gz'), '--test', path.join(SHARED_DATA, 't10k-images-idx3-ubyte.gz'),
    '--layers', '128', '--activation', 'relu', '--optimizer', 'adam', '--lr', '0.001', '--batch-size', '32', '--epochs', '8', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.ok(out.test.accuracy >= 0.97, `test accuracy ${out.test.accuracy}`);
  assert.equal(out.test.confusionMatrix.flat().reduce((a: number, b: number) => a + b, 0), 10000);
});

test('Boston housing regression: R² above 0.7 on a held-out 20%', { skip }, () => {
  const r = backprop(['train', '--data', path.join(SHARED_DATA, 'boston_housing.csv'), '--target', 'MEDV', '--standardize',
    '--layers', '32,16', '--optimizer', 'adam', '--lr', '0.01', '--epochs', '300', '--test-split', '0.2', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.ok(out.test.r2 > 0.7, `test R² ${out.test.r2}`);
  for (const k of ['mse', 'rmse', 'mae', 'r2', 'loss']) assert.ok(k in out.test, k);
  assert.equal(out.test.rmse, Math.sqrt(out.test.mse));
});

test('California housing: text column one-hot, missing cells filled, regression R² above 0.7', { skip }, () => {
  const r = backprop(['train', '--data', path.join(SHARED_DATA, 'california_housing.csv'), '--target', 'median_house_value', '--one-hot', 'ocean_proximity',
    '--missing', 'mean', '--standardize', '--layers', '32', '--optimizer', 'adam', '--lr', '0.01', '--batch-size', '256', '--epochs', '40', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.ok(out.test.r2 > 0.7, `test R² ${out.test.r2}`);
});

test('UCI optdigits: train on the .tra file, test on the .tes file (the writers differ), above 95%', { skip }, () => {
  const r = backprop(['train', '--data', path.join(SHARED_DATA, 'optdigits.tra'), '--no-header', '--test', path.join(SHARED_DATA, 'optdigits.tes'),
    '--standardize', '--layers', '64', '--optimizer', 'adam', '--lr', '0.001', '--batch-size', '32', '--epochs', '30', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.test.classes.length, 10);
  assert.ok(out.test.accuracy > 0.95, `test accuracy ${out.test.accuracy}`);
});
