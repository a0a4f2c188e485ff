// Battery multilabel31 (library): several 0/1 labels per example, a multi-label classification as
// scikit-learn's MLPClassifier().fit(X, Y) with Y of m x k 0/1 and Keras' k sigmoid units with
// binary_crossentropy. It was refused as "not supported"; now loadDataset reads 0/1 target columns as k
// labels (task multilabel), trainModel fits k sigmoid outputs with J = -(1/m) sum over the examples of the
// sum over the labels of [y log a + (1 - y) log(1 - a)] (scikit-learn's loss_), the model's classes are the
// labels' names, predict gives a 0/1 per label and evaluate the multi-label metrics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadDataset, loadModel, saveModel, trainModel, Matrix, Network, gradientCheck, fit, Model } from '../../src/node.js';
import { fileWriter, tempDir } from '../helpers/cli.js';
import { refused } from '../helpers/errors.js';

const dir = tempDir();
const write = fileWriter(dir);
// 48 rows: label a is x1 > 0, b is x2 > 0, c is both (a row may carry none, one, two or three labels)
const rows = Array.from({ length: 48 }, (_, j) => {
  const x1 = Math.sin(j * 1.3) * 2, x2 = Math.cos(j * 0.7) * 2;
  return [x1.toFixed(3), x2.toFixed(3), x1 > 0 ? 1 : 0, x2 > 0 ? 1 : 0, x1 > 0 && x2 > 0 ? 1 : 0];
});
const CSV = `x1,x2,a,b,c\n${rows.map((r) => r.join(',')).join('\n')}\n`;
const labels = write('labels.csv', CSV);

test('loadDataset: 0/1 target columns are the labels of a multi-label classification (auto, and task classification); task regression reads them as numbers', async () => {
  for (const task of [undefined, 'classification'] as const) {
    const r = await loadDataset(labels, { target: 'a,b,c', ...(task ? { task } : {}) });
    assert.equal(r.dataset.task, 'multilabel');
    assert.deepEqual([r.dataset.Y.rows, r.dataset.Y.cols], [3, 48]);
    assert.deepEqual(r.dataset.classes, ['a', 'b', 'c']);
    assert.ok(r.schema.format === 'csv' && r.schema.task === 'multilabel');
    assert.deepEqual(r.schema.format === 'csv' && r.schema.targets, ['a', 'b', 'c']);
    // the automatic choice is said (train prints it), with the option that makes the other
    if (task === undefined) assert.match(r.taskChoice ?? '', /labels\.csv: target columns 'a', 'b', 'c' hold only 0 and 1, read as 3 labels of a multi-label classification \(a sigmoid output per label; \{ task: 'auto' \}\); \{ task: 'regression' \} reads them as numbers$/);
  }
  const reg = await loadDataset(labels, { target: 'a,b,c', task: 'regression' });
  assert.equal(reg.dataset.task, 'regression');
});

test('the cost is the sum of the labels\' binary cross-entropies, averaged over the examples (scikit-learn\'s binary_log_loss); dZ = A - Y', () => {
  // one sigmoid layer of 2 units: A = [[0.9, 0.3], [0.2, 0.6]] (labels x examples) against Y = [[1, 1], [0, 1]]
  const logit = (p: number) => Math.log(p / (1 - p));
  const net = new Network({ inputSize: 1, layers: [{ units: 2, activation: 'sigmoid' }], dtype: 'float64' });
  net.setWeights([{ W: new Matrix(2, 1, Float64Array.from([logit(0.3) - logit(0.9), logit(0.6) - logit(0.2)])), b: new Matrix(2, 1, Float64Array.from([logit(0.9), logit(0.2)])) }]);
  const X = new Matrix(1, 2, Float64Array.from([0, 1]));
  const Y = new Matrix(2, 2, Float64Array.from([1, 1, 0, 1]));
  net.forward(X);
  // scikit-learn 1.9.1: binary_log_loss([[1, 0], [1, 1]], [[0.9, 0.2], [0.3, 0.6]]) = 1.0216512475319814
  assert.ok(Math.abs(net.cost(Y) - 1.0216512475319814) < 1e-12, String(net.cost(Y)));
  net.backward(Y);
  const dZ = net.gradients.dZ[1]!.data;
  [-0.1, -0.7, 0.2, -0.4].forEach((want, k) => assert.ok(Math.abs(dZ[k]! - want) < 1e-12, `dZ[${k}] ${dZ[k]} vs ${want}`));
});

test('gradient check of 3 sigmoid outputs with binary cross-entropy (float64): relative error < 1e-7', () => {
  const net = new Network({ inputSize: 4, seed: 7, dtype: 'float64', layers: [{ units: 5, activation: 'tanh' }, { units: 3, activation: 'sigmoid' }] });
  const X = new Matrix(4, 9, Float64Array.from({ length: 36 }, (_, k) => Math.sin(k * 1.7)));
  const Y = new Matrix(3, 9, Float64Array.from({ length: 27 }, (_, k) => (Math.cos(k * 0.9) > 0 ? 1 : 0)));
  const r = gradientCheck(net, X, Y);
  assert.ok(r.relativeError < 1e-7, `relative error ${r.relativeError}`);
});

test('fit a Network of 3 sigmoid units on a 3 x m 0/1 Y: the cost falls, and evaluate scores it as multi-label', () => {
  const net = new Network({ inputSize: 2, seed: 1, layers: [{ units: 8, activation: 'tanh' }, { units: 3, activation: 'sigmoid' }] });
  const m = rows.length;
  const X = new Matrix(2, m, Float32Array.from([...rows.map((r) => Number(r[0])), ...rows.map((r) => Number(r[1]))]));
  const Y = new Matrix(3, m, Float64Array.from([2, 3, 4].flatMap((i) => rows.map((r) => Number(r[i])))));
  const h = fit(net, X, Y, { epochs: 150, learningRate: 0.05, optimizer: 'adam' });
  assert.ok(h.cost.at(-1)! < h.cost[0]! / 2, `cost ${h.cost[0]} -> ${h.cost.at(-1)}`);
});

test('trainModel: k sigmoid outputs, the labels\' names as classes; predict a 0/1 per label; the model file round trip predicts and evaluates the same', async () => {
  const { dataset, schema } = await loadDataset(labels, { target: ['a', 'b', 'c'] });
  const r = await trainModel({ layers: [8], activation: 'tanh', epochs: 150, optimizer: 'adam', learningRate: 0.05, testSplit: 0, seed: 1 }, { train: dataset, schema });
  assert.equal(r.model.task, 'multilabel');
  assert.equal(r.model.network.describe(), '2-8(tanh)-3(sigmoid)');
  assert.equal(r.model.network.loss.name, 'binaryCrossEntropy');
  assert.deepEqual(r.model.classes, ['a', 'b', 'c']);
  assert.ok(r.train.multilabel!.subsetAccuracy > 0.8, String(r.train.multilabel!.subsetAccuracy));
  const P = r.model.predict(CSV) as number[][];
  assert.equal(P.length, 48);
  assert.ok(P.every((p) => p.length === 3 && p.every((v) => v === 0 || v === 1)), JSON.stringify(P.slice(0, 3)));
  assert.deepEqual([r.model.predictProba(CSV).rows, r.model.predictProba(CSV).cols], [3, 48]);
  assert.throws(() => r.model.predictClasses(CSV), /predictClasses: a multi-label model predicts several labels per example, not one class; use predict/);
  const file = path.join(dir, 'labels-model.json');
  await saveModel(file, r.model);
  const back = await loadModel(file);
  assert.equal(back.task, 'multilabel');
  assert.deepEqual(back.classes, ['a', 'b', 'c']);
  assert.deepEqual(back.predict(CSV), P);
  assert.equal(back.evaluate(CSV).multilabel!.subsetAccuracy, r.train.multilabel!.subsetAccuracy);
  // labels given as predict returns them: a list of 0/1 per example
  const truth = rows.map((row) => [Number(row[2]), Number(row[3]), Number(row[4])]);
  const features = rows.map((row) => [Number(row[0]), Number(row[1])]);
  assert.equal(back.evaluate(features, truth).multilabel!.hammingLoss, r.train.multilabel!.hammingLoss);
  assert.throws(() => back.evaluate(features, rows.map((row) => String(row[2]))), (e: Error) => e.name === 'DataError' && /^label 1: '\d', but a multi-label model of 3 labels \(a, b, c\) is scored on a list of 3 values 0 or 1 per example, as predict returns them$/.test(e.message));
  // Model.fromNetwork of k sigmoid units trained with cross-entropy is multi-label
  assert.equal(Model.fromNetwork(back.network).task, 'multilabel');
});

test('bad multi-label input: a text cell, a column of 3 values, the squared error, a softmax output, class weights, a Y of a 2: one line each', async () => {
  const text = write('text.csv', CSV.replace(/\n([^,\n]+),([^,\n]+),1,/, '\n$1,$2,yes,'));
  await refused(loadDataset(text, { target: 'a,b,c', task: 'classification' }), 'DataError', /^.*text\.csv: target column 'a' holds text \('yes': a yes\/no value: write 1 and 0\); several targets are a multi-label classification \(each column 0 or 1: the label absent or present\) or a multi-output regression \(numbers\)$/);
  const three = write('three.csv', CSV.replace(/,0\n/, ',2\n'));
  await refused(loadDataset(three, { target: 'a,b,c', task: 'classification' }), 'DataError', /^.*three\.csv: target column 'c' holds 2 besides 0 and 1; each column of a multi-label target holds 0 or 1 \(the label absent or present\): for one target of several classes give that column alone, or give \{ task: 'regression' \}$/);
  // (auto: a column of 0, 1, 2 makes them numbers, a regression, as before)
  assert.equal((await loadDataset(three, { target: 'a,b,c' })).dataset.task, 'regression');
  const { dataset, schema } = await loadDataset(labels, { target: 'a,b,c' });
  const data = { train: dataset, schema };
  await refused(trainModel({ loss: 'meanSquaredError', epochs: 1 }, data), 'OptionError', /^loss meanSquaredError does not fit a multi-label target: each of its 3 labels is a sigmoid unit trained with binaryCrossEntropy .*; leave the loss out, or give the task regression to fit the 0\/1 columns as numbers$/);
  await refused(trainModel({ output: 'softmax', epochs: 1 }, data), 'OptionError', /^output softmax does not fit a multi-label target of 3 labels: it needs a sigmoid per label \(the default\); a softmax makes the labels compete \(their probabilities sum to 1\), so two labels could not both be present; or give the task regression$/);
  await refused(trainModel({ classWeight: 'balanced', epochs: 1 }, data), 'OptionError', /^classWeight weighs the classes of a classification of one label per example, but labels's target is multi-label/);
  const Y = dataset.Y.clone();
  Y.data[5] = 2;
  await refused(trainModel({ epochs: 1 }, { train: { ...dataset, Y } }), 'DataError', /^trainModel: data\.train\.Y: label 1 \(a\) of example 6 is 2; a multi-label target holds 0 \(absent\) or 1 \(present\) per label$/);
});

test('a label present in every example, or in none, is warned of at training (as scikit-learn warns of a label never seen)', async () => {
  const never = write('never.csv', CSV.replace(/,([01])\n/g, ',0\n'));
  const { dataset, schema } = await loadDataset(never, { target: 'a,b,c' });
  const warnings: string[] = [];
  await trainModel({ epochs: 1, testSplit: 0 }, { train: dataset, schema, source: 'never.csv' }, { warn: (w) => warnings.push(w) });
  assert.ok(warnings.some((w) => /^never\.csv: label 'c' \(never present\) has one value in every example: the network learns to answer it always the same/.test(w)), warnings.join('\n'));
});
