// trainModel is the CLI's pipeline as a library function: the same options give the same model,
// value for value; it splits, fills, scales, folds the target back, and can be cancelled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { trainModel, Model, synthetic, Matrix, OptionError, DataError, ModelFileError } from '../../src/index.js';
import { loadDataset, loadModel } from '../../src/node.js';
import { backprop, tempDir } from '../helpers/cli.js';

/** A CSV with a text column, empty cells, and a numeric regression target of large scale. */
function houses(dir: string): string {
  const lines = ['rooms,area,district,price'];
  for (let i = 0; i < 120; i++) {
    const rooms = 1 + (i % 5), area = 40 + ((i * 37) % 160), district = ['north', 'south', 'east'][i % 3]!;
    const price = 1000 * area + 20000 * rooms + (district === 'south' ? 50000 : 0) + ((i * 7919) % 13) * 1000;
    lines.push(`${i % 17 === 0 ? '' : rooms},${area},${district},${price}`);
  }
  const file = path.join(dir, 'houses.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

// (the CLI on the JS kernels, as this process: the WebAssembly ones round float32 sums in another order)
test('backprop train and trainModel with the same options save the same model, value for value', async () => {
  const dir = tempDir(), file = houses(dir), saved = path.join(dir, 'cli.json');
  const cli = backprop(['--backend', 'js', 'train', '--data', file, '--one-hot', 'auto', '--missing', 'mean', '--standardize', '--layers', '6',
    '--optimizer', 'adam', '--lr', '0.01', '--epochs', '40', '--batch-size', '16', '--seed', '3', '--save', saved]);
  assert.equal(cli.code, 0, cli.stderr);
  const data = await loadDataset(file, { oneHot: 'auto', missing: 'mean', deferMissing: true, seed: 3 });
  const { model, test: testEval } = await trainModel(
    { layers: [6], optimizer: 'adam', learningRate: 0.01, epochs: 40, batchSize: 16, seed: 3, standardize: true },
    { train: data.dataset, schema: data.schema, source: file });
  const a = JSON.parse(readFileSync(saved, 'utf8')), b = model.toJson();
  assert.deepEqual(b.layers, a.layers, 'the same weights and biases');
  assert.deepEqual(b.preprocessing, a.preprocessing, 'the same fill values, standardization and target scaling');
  assert.equal(a.preprocessing.target.mean > 10_000, true, 'the target was z-scored while training');
  assert.ok(testEval!.regression!.r2 > 0.8, `test R² ${testEval!.regression!.r2}`);
  // the fill value of the empty 'rooms' cells is the mean of the training rows only
  const rooms = b.preprocessing!.data!.format === 'csv' ? b.preprocessing!.data!.features[0]! : undefined;
  assert.ok(rooms?.type === 'number' && rooms.mean > 1 && rooms.mean < 5);
  // the saved model predicts in the target's own units from raw rows, with an empty cell
  const back = await loadModel(saved);
  const [price] = back.predict([['', 100, 'south']]) as number[];
  assert.ok(price! > 100_000 && price! < 300_000, `price ${price}`);
});

test('a Model predicts from a Matrix, rows of numbers, a table and CSV text alike', async () => {
  const d = synthetic('circle', { seed: 2, samples: 200 });
  const { model } = await trainModel({ layers: [8], activation: 'tanh', optimizer: 'adam', learningRate: 0.05, epochs: 60, standardize: true, testSplit: 0 }, { train: d });
  const X = d.X.sliceColumns(0, 5);
  const rows = Array.from({ length: 5 }, (_, j) => [X.get(0, j), X.get(1, j)]);
  const fromMatrix = model.predict(X);
  assert.deepEqual(model.predict(rows), fromMatrix);
  assert.deepEqual(model.predict({ columns: ['x1', 'x2'], rows }), fromMatrix);
  assert.deepEqual(model.predict('x1,x2\n' + rows.map((r) => r.join(',')).join('\n')), fromMatrix);
  // a header that does not name the model's features is refused, not read as if it did
  assert.throws(() => model.predict('a,b\n' + rows.map((r) => r.join(',')).join('\n')), (e: unknown) => e instanceof DataError && /the header names the features a, b, but the model's features are x1, x2/.test(e.message));
  assert.deepEqual(model.predict(rows.map((r) => r.join(',')).join('\n')), fromMatrix, 'a first line of numbers is data, not a header');
  const labels = Array.from(d.Y.data.subarray(0, 5), (v) => String(v));
  assert.equal(model.evaluate(rows, labels).classification!.accuracy, model.evaluate(X, labels).classification!.accuracy);
  assert.throws(() => model.predict([[1, 2, 3]]), (e: unknown) => e instanceof DataError && /3 features per example but the model expects 2/.test(e.message));
  assert.throws(() => model.predict([[1, 'x']]), (e: unknown) => e instanceof DataError && /row 1, feature 2( \([^)]*\))?: 'x' is not a number$/.test(e.message));
  assert.throws(() => model.evaluate(rows, ['0', '1', '7', '0', '0']), (e: unknown) => e instanceof DataError && /label 3: '7' is not one of the model's classes/.test(e.message));
  const again = Model.fromJson(JSON.parse(JSON.stringify(model.toJson())), 'copy');
  assert.deepEqual(again.predictProba(X).data, model.predictProba(X).data);
  // the file's text as it is (a browser's `await response.text()`) is read too; text that is not JSON is named
  assert.deepEqual(Model.fromJson(JSON.stringify(model.toJson()), 'text').predictProba(X).data, model.predictProba(X).data);
  assert.throws(() => Model.fromJson('{"format": ', 'm.json'), (e: unknown) => e instanceof ModelFileError && /^m\.json: not valid JSON: the text ends before the document is complete \(after \d+ characters\); is it cut short/.test(e.message));
});

test('the spec is checked before any data is touched, naming the field', async () => {
  const d = synthetic('xor', { seed: 1, samples: 40 });
  await assert.rejects(trainModel({ epochs: 1e12 }, { train: d }), (e: unknown) => e instanceof OptionError && e.field === 'epochs' && /epochs must be a whole number from 0 to 10000000/.test(e.message));
  await assert.rejects(trainModel({ layers: [4, 0] }, { train: d }), (e: unknown) => e instanceof OptionError && /layers\[1\]/.test(e.message));
  await assert.rejects(trainModel({ keepProb: 0 }, { train: d }), /keepProb/);
  await assert.rejects(trainModel({ output: 'linear' }, { train: d }), (e: unknown) => e instanceof OptionError && e.field === 'output');
  await assert.rejects(trainModel({ layers: [100_000, 100_000] }, { train: d }, { memoryLimit: 2 ** 30 }), (e: unknown) => e instanceof OptionError && /would need about .* GiB of memory/.test(e.message));
});

test('hooks: progress per epoch, a false return stops, an AbortSignal cancels between steps', async () => {
  const d = synthetic('spiral', { seed: 1, samples: 200 });
  const seen: number[] = [];
  const r = await trainModel({ epochs: 30, optimizer: 'adam', testSplit: 0 }, { train: d }, { onEpochEnd: (e) => { seen.push(e.epoch); return e.epoch < 5; } });
  assert.deepEqual(seen, [1, 2, 3, 4, 5]);
  assert.equal(r.history.stopReason, 'callback');
  const controller = new AbortController();
  setTimeout(() => controller.abort(new Error('stopped by the user')), 20);
  await assert.rejects(trainModel({ epochs: 100_000, optimizer: 'minibatch', layers: [32], testSplit: 0 }, { train: d }, { signal: controller.signal }), /stopped by the user/);
});

test('resume goes on from a model: its architecture, preprocessing and target scale; a model of another task is refused', async () => {
  const d = synthetic('plane', { seed: 1, samples: 200 });
  const scaled = { ...d, Y: d.Y.map((v) => 1000 + 300 * v) };
  const first = await trainModel({ layers: [4], optimizer: 'adam', learningRate: 0.01, epochs: 30, standardize: true, testSplit: 0 }, { train: scaled });
  const cost0 = first.history.cost[first.history.cost.length - 1]!;
  const next = await trainModel({ optimizer: 'adam', learningRate: 0.01, epochs: 30, standardize: true, testSplit: 0, resume: first.model }, { train: scaled });
  assert.equal(next.model.network.describe(), first.model.network.describe());
  assert.deepEqual(next.model.preprocessing.target, first.model.preprocessing.target);
  assert.ok(next.history.cost[0]! <= cost0 * 1.5, `the cost goes on from ${cost0}, got ${next.history.cost[0]}`);
  const classes = synthetic('xor', { seed: 1, samples: 200 });
  await assert.rejects(trainModel({ resume: first.model, testSplit: 0 }, { train: classes }), (e: unknown) => e instanceof DataError && e.field === 'resume');
});

test('resume with layers, activation or init that the model fixes warns once, naming them (they were silently ignored)', async () => {
  const d = synthetic('xor', { seed: 1, samples: 100 });
  const first = await trainModel({ layers: [4], activation: 'tanh', epochs: 2, testSplit: 0 }, { train: d });
  const warnings: string[] = [];
  const warn = (m: string) => { if (/ignored/.test(m)) warnings.push(m); };
  const next = await trainModel({ layers: [8, 2], activation: 'relu', init: 'he', epochs: 1, testSplit: 0, resume: first.model }, { train: d }, { warn });
  assert.equal(next.model.network.describe(), first.model.network.describe());
  assert.deepEqual(warnings, [`layers, activation, init ignored: the resumed model keeps its own architecture and weights (${first.model.network.describe()})`]);
  warnings.length = 0;
  await trainModel({ layers: [4], activation: 'tanh', epochs: 1, testSplit: 0, resume: first.model }, { train: d }, { warn });
  assert.deepEqual(warnings, [], 'the same architecture as the model is no conflict');
});

test('a model that contradicts itself cannot be made or loaded', () => {
  const doc = (task: string, activation: string, units = 1, extra: Record<string, unknown> = {}) => ({
    format: 'backprop-model', version: 1, inputSize: 1, task, ...extra,
    layers: [{ units, activation, W: Array.from({ length: units }, () => [1]), b: new Array(units).fill(0) }],
  });
  assert.throws(() => Model.fromJson(doc('binary', 'linear'), 'm.json'), /m\.json: task "binary" needs 1 sigmoid unit/);
  assert.throws(() => Model.fromJson(doc('regression', 'softmax', 2), 'm.json'), /m\.json: task "regression" needs real-valued outputs/);
  assert.throws(() => Model.fromJson(doc('multiclass', 'softmax', 3, { classes: ['a', 'b'] }), 'm.json'), /2 class names, but the output layer is 3 softmax units/);
  assert.throws(() => Model.fromJson(doc('binary', 'sigmoid', 1, { loss: 'categoricalCrossEntropy' }), 'm.json'), /categoricalCrossEntropy needs a softmax output/);
  assert.throws(() => Model.fromJson(doc('regression', 'linear', 1, { training: { l2: -1 } }), 'm.json'), /training\.l2" must be a number >= 0/);
  const ok = Model.fromJson(doc('regression', 'linear', 1, { training: { l1: 0.1, l2: 0.2, keepProb: 1 } }), 'm.json');
  assert.deepEqual(ok.regularization, { l1: 0.1, l2: 0.2 });
  assert.ok(ok.predict(new Matrix(1, 1, new Float32Array([2]))));
});

test('an absurd L1/L2 strength is named as the cause: refused up front for gradient descent, blamed when Adam diverges, warned about when it swamps the loss', async () => {
  const d = synthetic('flower', { seed: 1 });
  await assert.rejects(trainModel({ l2: 1e308, epochs: 5 }, { train: d }), (e: unknown) =>
    e instanceof OptionError && e.field === 'l2' && /multiplies W by 1 - alpha lambda \/ m = .*use an L2 strength below 85330/.test(e.message));
  await assert.rejects(trainModel({ l2: 1e308, optimizer: 'adam', learningRate: 0.01, epochs: 5 }, { train: d }), (e: unknown) =>
    e instanceof Error && e.name === 'DivergenceError' && /the regularization penalty .* is most of the cost: use a smaller L2 strength than 1e\+308/.test(e.message) && !/learning rate/.test(e.message));
  const warnings: string[] = [];
  await trainModel({ l1: 1e30, optimizer: 'adam', epochs: 2 }, { train: d }, { warn: (m) => warnings.push(m) });
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /the regularization penalty \(9\.59e\+28\) is 1\.2e\+29 times the data's loss/);
  const quiet: string[] = [];
  await trainModel({ l2: 0.1, epochs: 2, standardize: true }, { train: d }, { warn: (m) => quiet.push(m) });
  assert.deepEqual(quiet, []);
});

test('inputs that are not centered are warned about under Adam and RMSprop, whose first steps move each weight by about the learning rate (cat pictures in [0, 1] collapsed to one class)', async () => {
  // 4000 "pixels" in [0, 1) over 40 examples, their means near 0.5: Adam's step of 0.001 per weight moves
  // every example's z[1] by up to 0.001 * 4000 * 0.5 = 2 together
  const n = 4000, m = 40, X = new Matrix(n, m), Y = new Matrix(1, m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) X.data[i * m + j] = ((i * 7919 + j * 104729) % 1000) / 1000;
  for (let j = 0; j < m; j++) Y.data[j] = j % 2;
  const pictures = { name: 'pictures', X, Y, task: 'binary' as const, classes: ['no', 'yes'], featureNames: Array.from({ length: n }, (_, i) => `p${i}`) };
  const run = async (spec: object, train = pictures) => {
    const warnings: string[] = [];
    await trainModel({ layers: [4], epochs: 0, testSplit: 0, ...spec }, { train }, { warn: (w) => warnings.push(w) });
    return warnings;
  };
  const adam = await run({ optimizer: 'adam' });
  assert.equal(adam.length, 1, adam.join('\n'));
  assert.match(adam[0]!, /^the inputs are not centered \(4000 features with values in \[0, 0\.999\], their means summing to 199\d\.?\d* in absolute value\): one adam step of learning rate 0\.001 can move every example's first-layer pre-activations by up to 1\.99\d* together, which can switch off \(ReLU\) or saturate \(tanh, sigmoid\) a whole layer of units at once, for good: the network then predicts one class; use standardize: true$/);
  assert.match((await run({ optimizer: 'rmsprop' }))[0]!, /one rmsprop step of learning rate 0\.001 can move .* by up to 6\.3\d* together/);
  for (const quiet of [{ optimizer: 'gd' }, { optimizer: 'momentum' }, { optimizer: 'adam', standardize: true }, { optimizer: 'adam', learningRate: 0.0001 }]) {
    assert.deepEqual(await run(quiet), [], JSON.stringify(quiet));
  }
  const centered = new Matrix(n, m);
  for (let k = 0; k < X.data.length; k++) centered.data[k] = X.data[k]! - 0.5;
  assert.deepEqual(await run({ optimizer: 'adam' }, { ...pictures, X: centered }), [], 'centered inputs of the same spread');
});

test('a split the spec or the data leaves without effect is named in a warning (validationSplit without earlyStopping, testSplit with a test set were dropped, silently)', async () => {
  const d = synthetic('xor', { seed: 1, samples: 60 }), test = synthetic('xor', { seed: 2, samples: 20 });
  const run = async (spec: object, data: object) => {
    const warnings: string[] = [];
    await trainModel({ layers: [2], epochs: 1, ...spec }, { train: d, ...data }, { warn: (m) => { if (/ignored/.test(m)) warnings.push(m); } });
    return warnings;
  };
  assert.deepEqual(await run({ validationSplit: 0.3 }, {}), ['validationSplit ignored: it holds out validation data for earlyStopping, which is not given']);
  assert.deepEqual(await run({ testSplit: 0.3 }, { test }), ['testSplit ignored: a test set is given']);
  assert.deepEqual(await run({ validationSplit: 0.3, earlyStopping: { patience: 2 } }, { validation: test }), ['validationSplit ignored: a validation set is given']);
  assert.deepEqual(await run({ validationSplit: 0.3, earlyStopping: { patience: 2 }, testSplit: 0 }, { test }), []);
});

test('a test or validation set encoded apart from the training set is refused, naming what differs (its class indices meant other labels: silently wrong metrics)', async () => {
  const dir = tempDir();
  const write = (name: string, rows: string[]) => { const f = path.join(dir, name); writeFileSync(f, ['x1,x2,label', ...rows].join('\n') + '\n'); return f; };
  const rows = (labels: string[]) => Array.from({ length: 60 }, (_, i) => { const l = labels[i % labels.length]!; return `${i % 7},${l.length + (i % 3)},${l}`; });
  const trainFile = write('train.csv', rows(['ant', 'bee', 'cat']));
  const train = await loadDataset(trainFile);
  const spec = { layers: [4], epochs: 2 };
  // loaded on its own, a file with classes bee and cat numbers bee 0: the training's ant
  const alone = (await loadDataset(write('test.csv', rows(['bee', 'cat'])))).dataset;
  const refused = (kind: 'test' | 'validation', re: RegExp) => (e: unknown) => e instanceof DataError && e.message.startsWith(`${kind} data `) && re.test(e.message);
  const classes = /its classes \('bee', 'cat'\) are not the training data's \('ant', 'bee', 'cat'\) in the same order, so a class index would name another label; load it with the training data's schema: loadDataset\(file, \{ schema \}\)/;
  await assert.rejects(trainModel(spec, { train: train.dataset, schema: train.schema, test: alone }), refused('test', classes));
  await assert.rejects(trainModel({ ...spec, earlyStopping: { patience: 2 } }, { train: train.dataset, schema: train.schema, validation: alone }), refused('validation', classes));
  // the same file read with the training's schema keeps the training's class indices, and trains
  const withSchema = (await loadDataset(path.join(dir, 'test.csv'), { schema: train.schema })).dataset;
  assert.deepEqual(withSchema.classes, ['ant', 'bee', 'cat']);
  const r = await trainModel(spec, { train: train.dataset, schema: train.schema, test: withSchema });
  assert.equal(r.examples.test, 60);
  // other features in the same number of columns, and a regression set for a classifier
  const renamed = { ...withSchema, featureNames: ['x2', 'x1'] };
  await assert.rejects(trainModel(spec, { train: train.dataset, test: renamed }), refused('test', /feature 1 is 'x2', but in the training data .* it is 'x1'/));
  const quantities = { ...withSchema, task: 'regression' as const, classes: undefined };
  await assert.rejects(trainModel(spec, { train: train.dataset, test: quantities }), refused('test', /is a regression set, but the training data .* is a classification set/));
});
