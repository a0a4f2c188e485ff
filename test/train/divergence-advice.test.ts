// A run that diverges on inputs in the hundreds of thousands (a raw count or a sum of money beside
// features near 1, as in the UCI adult file) is told to standardize its inputs, not only to lower the
// learning rate: fit names X's largest row, trainModel the feature by name and its own option, the
// command line its flag. Inputs of ordinary size keep the advice of a smaller learning rate alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DivergenceError, Matrix, Network, fit, trainModel, type Dataset } from '../../src/index.js';
import { backprop, tempDir } from '../helpers/cli.js';

/** 200 examples: 'age' near 1, 'weight' up to 500,000 (a column of raw counts), a label from age. */
function adultLike(): Dataset {
  const m = 200, X = new Matrix(2, m), Y = new Matrix(1, m);
  for (let j = 0; j < m; j++) {
    X.set(0, j, (j % 7) / 7);
    X.set(1, j, 10_000 + ((j * 7919) % 490_000));
    Y.set(0, j, j % 7 > 3 ? 1 : 0);
  }
  return { name: 'adult-like', X, Y, task: 'binary', classes: ['0', '1'], featureNames: ['age', 'weight'] };
}

test('fit: a divergence on a large input names the row of X and advises standardizing', () => {
  const d = adultLike();
  const net = new Network({ inputSize: 2, seed: 1, layers: [{ units: 16, activation: 'relu' }, { units: 1, activation: 'sigmoid' }] });
  assert.throws(() => fit(net, d.X, d.Y, { epochs: 20, learningRate: 0.0075 }), (e: unknown) =>
    e instanceof DivergenceError && /try a smaller learning rate than 0\.0075, or standardize the inputs \(fitStandardize\): row 2 of X \(of 2\) reaches 49\d{4}/.test(e.message));
});

test('fit: a divergence on inputs of ordinary size advises a smaller learning rate only', () => {
  const d = adultLike();
  for (let j = 0; j < 200; j++) d.X.set(1, j, (j % 13) - 6);
  const net = new Network({ inputSize: 2, seed: 1, layers: [{ units: 8, activation: 'relu' }, { units: 1, activation: 'sigmoid' }] });
  assert.throws(() => fit(net, d.X, d.Y, { epochs: 50, learningRate: 1e4 }), (e: unknown) =>
    e instanceof DivergenceError && /try a smaller learning rate than 10000 \(the weights/.test(e.message));
});

test('trainModel names the feature and its own option; the command line its flag', async () => {
  await assert.rejects(trainModel({ layers: [16], epochs: 20, testSplit: 0 }, { train: adultLike() }), (e: unknown) =>
    e instanceof DivergenceError && /or standardize the inputs \(\{ standardize: true \}\): feature 'weight' reaches 49\d{4}/.test(e.message));
  const dir = tempDir();
  const file = path.join(dir, 'adult.csv');
  const d = adultLike();
  writeFileSync(file, 'age,weight,y\n' + Array.from({ length: 200 }, (_, j) => `${d.X.get(0, j)},${d.X.get(1, j)},${d.Y.get(0, j)}`).join('\n') + '\n');
  const r = backprop(['train', '--data', file, '--layers', '16', '--epochs', '20']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /or standardize the inputs \(--standardize\): feature 'weight' reaches 49\d{4}/);
});
