// Battery peers29 (a user comparing backprop with scikit-learn's MLP on scikit-learn's own data sets), on the
// command line: evaluate's numbers against sklearn.metrics on the same predictions, and a multi-output target
// (scikit-learn's load_linnerud: Weight, Waist, Pulse) read as several targets, not a misspelt column.
// The expected numbers are literals from scikit-learn 1.9.1 (the test does not need it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { backprop, fileWriter, tempDir, usageError } from '../helpers/cli.js';

const dir = tempDir();
const write = fileWriter(dir);

// A one-feature softmax model with known weights: z = (-10x, 5, 10x), so x = -2 -> a, 0 -> b, 2 -> c, and at
// x = 0.5 b and c tie (z = -5, 5, 5), as numpy's argmax resolves it: the first, b.
const model = {
  format: 'backprop-model', version: 1, inputSize: 1, task: 'multiclass', classes: ['a', 'b', 'c'],
  layers: [{ units: 3, activation: 'softmax', W: [[-10], [0], [10]], b: [0, 5, 0] }], loss: 'categoricalCrossEntropy', dtype: 'float64', features: ['x'],
  preprocessing: { data: { format: 'csv', header: true, columns: ['x', 'y'], target: 'y', task: 'multiclass', classes: ['a', 'b', 'c'], features: [{ column: 'x', type: 'number', mean: 0 }], featureNames: ['x'], missing: 'error' } },
};
writeFileSync(path.join(dir, 'abc.json'), JSON.stringify(model));
// 10 a's all right; 10 b's: 5 right, 1 right on the tie, 4 taken for c; no c in the file
const xs = [...Array(10).fill(-2), ...Array(5).fill(0), 0.5, ...Array(4).fill(2)];
write('abc.csv', `x,y\n${xs.map((x, i) => `${x},${i < 10 ? 'a' : 'b'}`).join('\n')}\n`);

test('evaluate --json prints scikit-learn\'s numbers for the same predictions: a class never in the file, a tie, F1 to the last digit', () => {
  const r = backprop(['evaluate', '--model', 'abc.json', '--data', 'abc.csv', '--json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const o = JSON.parse(r.stdout);
  // with yt = 10 'a' + 10 'b', yp = 'a'*10 + 'b'*6 + 'c'*4, labels=['a','b','c'], zero_division=0:
  assert.equal(o.accuracy, 0.8); // accuracy_score
  assert.equal(o.balancedAccuracy, 0.8); // balanced_accuracy_score (c, absent from yt, left out)
  assert.deepEqual(o.confusionMatrix, [[10, 0, 0], [0, 6, 4], [0, 0, 0]]); // confusion_matrix(labels=...)
  assert.deepEqual(o.precision, { a: 1, b: 1, c: 0 }); // precision_recall_fscore_support
  assert.deepEqual(o.recall, { a: 1, b: 0.6, c: 0 });
  assert.deepEqual(o.f1, { a: 1, b: 0.75, c: 0 }); // was 0.7499999999999999
  // log_loss(yt, softmax of the same z, labels=['a','b','c']) = 3.0380051835753132
  assert.ok(Math.abs(o.loss - 3.0380051835753132) < 1e-9, String(o.loss));
  const text = backprop(['evaluate', '--model', 'abc.json', '--data', 'abc.csv'], { cwd: dir });
  assert.match(text.stdout, /\nb +60\.00% +1\.0000 +0\.6000 +0\.7500\n/);
});

const linnerud = 'Chins,Situps,Jumps,Weight,Waist,Pulse\n5,162,60,191,36,50\n2,110,60,189,37,52\n12,101,101,193,38,58\n12,105,37,162,35,62\n13,155,58,189,35,46\n4,101,42,182,36,56\n';
write('linnerud.csv', linnerud);

test('a target of several columns is a multi-output regression in train and tune (it was "no target column \'Weight,Waist,Pulse\'", then "not supported")', () => {
  const r = backprop(['train', '--data', 'linnerud.csv', '--target', 'Weight,Waist,Pulse', '--standardize', '--epochs', '2', '--test-split', '0'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout + r.stderr, /3-16\(relu\)-3\(linear\)/);
  const t = backprop(['tune', '--data', 'linnerud.csv', '--target', 'Weight,Waist,Pulse', '--standardize', '--trials', '1', '--epochs', '2', '--lr', '0.01..0.1'], { cwd: dir });
  assert.equal(t.code, 0, t.stderr);
  // a misspelt name among them is a column that is not there, by its name
  usageError(backprop(['train', '--data', 'linnerud.csv', '--target', 'Weight,Wiast'], { cwd: dir }), /no target column 'Wiast'; the columns are: Chins, Situps/);
});
