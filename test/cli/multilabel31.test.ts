// Battery multilabel31 (command line): several 0/1 labels per example, a multi-label classification, end to
// end: train --target a,b,c (the automatic choice said), evaluate (text and --json: scikit-learn's numbers on
// the same predictions), predict (a 0/1 column per label headed by its name, --proba the probabilities, --out
// over its own output), inspect, export; and bad labels. The expected numbers are literals from scikit-learn
// 1.9.1's sklearn.metrics (the test does not need it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { backprop, fileWriter, tempDir, usageError } from '../helpers/cli.js';
import { h5Writer } from '../data/h5-files.js';

const dir = tempDir();
const write = fileWriter(dir);

// A model that predicts its 4 inputs: W = 20 I, b = -10, so a 0/1 input gives sigmoid(±10), its label at 0.5.
// The file's inputs are scikit-learn's yp, its labels yt (8 examples, 4 labels; test/metrics/multilabel31's case).
const yt = [[1, 0, 1, 0], [0, 0, 0, 0], [1, 1, 0, 0], [0, 1, 1, 0], [1, 1, 1, 0], [0, 0, 1, 0], [1, 0, 0, 0], [0, 1, 0, 0]];
const yp = [[1, 0, 0, 0], [0, 0, 0, 1], [1, 1, 0, 0], [0, 0, 1, 0], [1, 1, 1, 0], [0, 0, 0, 0], [0, 0, 0, 0], [1, 1, 0, 0]];
const features = ['f1', 'f2', 'f3', 'f4'], labels = ['cat', 'dog', 'sun', 'sea'];
const model = {
  format: 'backprop-model', version: 1, inputSize: 4, task: 'multilabel', classes: labels, features,
  layers: [{ units: 4, activation: 'sigmoid', W: [0, 1, 2, 3].map((i) => [0, 1, 2, 3].map((k) => (i === k ? 20 : 0))), b: [-10, -10, -10, -10] }], loss: 'binaryCrossEntropy', dtype: 'float64',
  preprocessing: { data: { format: 'csv', header: true, columns: [...features, ...labels], target: 'cat', targets: labels, task: 'multilabel', classes: labels, features: features.map((column) => ({ column, type: 'number', mean: 0 })), featureNames: features, missing: 'error' } },
};
writeFileSync(path.join(dir, 'four.json'), JSON.stringify(model));
write('four.csv', `${[...features, ...labels].join(',')}\n${yp.map((p, j) => [...p, ...yt[j]!].join(',')).join('\n')}\n`);

test('evaluate --json: subset accuracy, Hamming loss, per label and the micro/macro/samples averages equal scikit-learn\'s; the text shows a line per label', () => {
  const r = backprop(['evaluate', '--model', 'four.json', '--data', 'four.csv', '--json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const o = JSON.parse(r.stdout);
  assert.equal(o.subsetAccuracy, 0.25); // accuracy_score
  assert.equal(o.hammingLoss, 0.1875); // hamming_loss
  assert.deepEqual(o.labels, labels);
  assert.deepEqual(o.perLabel.cat, { accuracy: 0.75, precision: 0.75, recall: 0.75, f1: 0.75, support: 4 });
  assert.deepEqual(o.perLabel.sea, { accuracy: 0.875, precision: 0, recall: 0, f1: 0, support: 0 });
  const near = (got: number, want: number) => assert.ok(Math.abs(got - want) < 1e-15, `${got} vs scikit-learn's ${want}`);
  near(o.micro.f1, 0.7272727272727273); // f1_score(average='micro')
  near(o.macro.f1, 0.5684523809523809); // average='macro'
  near(o.samples.f1, 0.49999999999999994); // average='samples'
  near(o.samples.precision, 0.5625);
  near(o.macro.precision, 0.6875);
  // the loss: the labels' cross-entropies summed, averaged over the 8 examples (6 wrong cells of sigmoid(-10), 26 right)
  const loss = (6 * Math.log1p(Math.exp(10)) + 26 * Math.log1p(Math.exp(-10))) / 8;
  assert.ok(Math.abs(o.loss - loss) < 1e-14 * loss, `loss ${o.loss} vs ${loss}`);
  const text = backprop(['evaluate', '--model', 'four.json', '--data', 'four.csv'], { cwd: dir });
  assert.match(text.stdout, /subset accuracy 25\.00% {2}Hamming loss 0\.1875 {2}F1 micro 0\.7273 {2}macro 0\.5685 {2}samples 0\.5000 \(4 labels\)\n/);
  assert.match(text.stdout, /\ndog +87\.50% +1\.0000 +0\.7500 +0\.8571 +4\n/);
  assert.match(text.stdout, /\nmicro +0\.8000 +0\.6667 +0\.7273\n/);
});

test('predict: a 0/1 column per label headed by its name, --proba each label\'s probability; --out replaces its own output', () => {
  const p = backprop(['predict', '--model', 'four.json', '--data', 'four.csv', '--proba'], { cwd: dir });
  const [head, first] = p.stdout.split('\n');
  assert.equal(head, 'cat,dog,sun,sea,p_cat,p_dog,p_sun,p_sea');
  const cells = first!.split(',').map(Number), want = [1, 0, 0, 0, 1 / (1 + Math.exp(-10)), 1 / (1 + Math.exp(10)), 1 / (1 + Math.exp(10)), 1 / (1 + Math.exp(10))];
  want.forEach((w, i) => assert.ok(Math.abs(cells[i]! - w) < 1e-15, `${head!.split(',')[i]}: ${cells[i]} vs ${w}`));
  // the file it wrote is a CSV of predictions: written again over it (it was refused as 'not a CSV of predictions')
  for (let k = 0; k < 2; k++) {
    const o = backprop(['predict', '--model', 'four.json', '--data', 'four.csv', '--out', 'labels.csv'], { cwd: dir });
    assert.equal(o.code, 0, o.stderr);
  }
  assert.equal(readFileSync(path.join(dir, 'labels.csv'), 'utf8'), `cat,dog,sun,sea\n${yp.map((p) => p.join(',')).join('\n')}\n`);
  write('notes.csv', 'my notes\n');
  usageError(backprop(['predict', '--model', 'four.json', '--data', 'four.csv', '--out', 'notes.csv'], { cwd: dir }), /not a CSV of predictions \(its first line is not the header predict writes: 'prediction' or 'output1' or 'cat', \.\.\.\)/);
});

const rows = Array.from({ length: 60 }, (_, j) => {
  const x1 = Math.sin(j * 1.3) * 2, x2 = Math.cos(j * 0.7) * 2;
  return [x1.toFixed(3), x2.toFixed(3), x1 > 0 ? 1 : 0, x2 > 0 ? 1 : 0, x1 > 0 && x2 > 0 ? 1 : 0];
});
write('abc.csv', `x1,x2,a,b,c\n${rows.map((r) => r.join(',')).join('\n')}\n`);

test('train --target a,b,c: the choice said, k sigmoid outputs, multi-label metrics in its record; inspect takes the model, --resume refuses other data', () => {
  const t = backprop(['train', '--data', 'abc.csv', '--target', 'a,b,c', '--layers', '8', '--activation', 'tanh', '--epochs', '60', '--optimizer', 'adam', '--lr', '0.05', '--save', 'abc.json'], { cwd: dir });
  assert.equal(t.code, 0, t.stderr);
  assert.match(t.stdout + t.stderr, /abc\.csv: target columns 'a', 'b', 'c' hold only 0 and 1, read as 3 labels of a multi-label classification \(a sigmoid output per label; --task auto\); --task regression reads them as numbers/);
  assert.match(t.stdout, /\ntrain: loss [\d.]+ {2}subset accuracy [\d.]+% {2}Hamming loss [\d.]+ {2}F1 micro [\d.]+ {2}macro [\d.]+ {2}samples [\d.]+ \(3 labels\)\n/);
  const saved = JSON.parse(readFileSync(path.join(dir, 'abc.json'), 'utf8'));
  assert.deepEqual(saved.training.trainMetrics.labels, ['a', 'b', 'c']);
  assert.ok(saved.training.trainMetrics.subsetAccuracy > 0.5, String(saved.training.trainMetrics.subsetAccuracy));
  assert.equal(saved.task, 'multilabel');
  assert.deepEqual(saved.classes, ['a', 'b', 'c']);
  assert.deepEqual(saved.layers.map((l: { units: number; activation: string }) => `${l.units} ${l.activation}`), ['8 tanh', '3 sigmoid']);
  // the backward pass writes the loss it computes: the labels' cross-entropies summed (it wrote one label's formula)
  const i = backprop(['inspect', '--model', 'abc.json', '--data', 'abc.csv', '--example', '2', '--backward'], { cwd: dir });
  assert.equal(i.code, 0, i.stderr);
  assert.match(i.stdout, /task multilabel, loss binaryCrossEntropy/);
  assert.match(i.stdout, /labels \(one sigmoid output each, in order\): a, b, c/);
  assert.match(i.stdout, /prediction: a [01] \([\d.]+\), true 1; b [01] \([\d.]+\), true 1; c [01] \([\d.]+\), true 1\n/);
  assert.match(i.stdout, /\nL\(ŷ, y\) = -Σ_k \(y_k log ŷ_k \+ \(1 - y_k\) log\(1 - ŷ_k\)\) over the 3 labels per example: \[/);
  // one boundary between classes does not exist: it drew the argmax of the labels as if they were classes
  usageError(backprop(['inspect', '--model', 'abc.json', '--data', 'abc.csv', '--plot-boundary', 'b.svg'], { cwd: dir }), /--plot-boundary: a multi-label model has a boundary per label \(3\), not one between classes/);
  usageError(backprop(['train', '--data', 'abc.csv', '--target', 'a,b,c', '--task', 'regression', '--resume', 'abc.json', '--epochs', '2'], { cwd: dir }), /--resume abc\.json: a multilabel model \(2-8\(tanh\)-3\(sigmoid\)\) cannot go on training on regression data$/);
});

test('bad multi-label input on the command line: one line naming the column or option, exit code 2; a label never present is warned of', () => {
  usageError(backprop(['train', '--data', 'abc.csv', '--target', 'a,b,c', '--loss', 'mse', '--epochs', '1'], { cwd: dir }), /--loss meanSquaredError does not fit a multi-label target: each of its 3 labels is a sigmoid unit trained with binaryCrossEntropy/);
  usageError(backprop(['train', '--data', 'abc.csv', '--target', 'a,b,c', '--output', 'softmax', '--epochs', '1'], { cwd: dir }), /--output softmax does not fit a multi-label target of 3 labels: it needs a sigmoid per label \(the default\); a softmax makes the labels compete/);
  // (a text label and a column of 3 values: the library's refusals, test/model/multilabel31)
  write('never.csv', `x1,x2,a,b\n${rows.map((r) => `${r[0]},${r[1]},${r[2]},0`).join('\n')}\n`);
  const n = backprop(['train', '--data', 'never.csv', '--target', 'a,b', '--epochs', '1'], { cwd: dir });
  assert.equal(n.code, 0, n.stderr);
  assert.match(n.stderr, /label 'b' \(never present\) has one value in every example/);
});

test('--task decides an HDF5 Y of several 0/1 labels too: numbers with --task regression (multi-label by default: test/data/multilabel31; it was said to be ignored, CSV only)', async () => {
  const h5 = await h5Writer(dir);
  const m = 12, X = Float32Array.from({ length: m * 2 }, (_, k) => Math.sin(k)), Y = Float64Array.from({ length: m * 2 }, (_, q) => ((q * 5) % 3 === 0 ? 1 : 0));
  h5('labels.h5', [{ name: 'X', data: X, shape: [m, 2], dtype: '<f4' }, { name: 'y', data: Y, shape: [m, 2], dtype: '<f8' }]);
  const reg = backprop(['train', '--data', 'labels.h5', '--task', 'regression', '--epochs', '1', '--save', 'h5r.json'], { cwd: dir });
  assert.equal(reg.code, 0, reg.stderr);
  assert.doesNotMatch(reg.stderr, /--task/);
  assert.equal(JSON.parse(readFileSync(path.join(dir, 'h5r.json'), 'utf8')).task, 'regression');
});
