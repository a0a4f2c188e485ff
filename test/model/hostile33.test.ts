// Hostile and careless calls of the library, thirty-third sweep (Model, trainModel, tune, evaluate):
// each test names what a developer saw before (an error of another class or caller, a silent result).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { choice, evaluate, fit, gradientCheck, Matrix, Model, Network, networkToOnnx, parseCsv, synthetic, trainModel, tune } from '../../src/node.js';
import type { Dataset } from '../../src/data/synthetic.js';
import { refused } from '../helpers/errors.js';

const quiet = { warn: () => {} };
/** The whole message, as a pattern for refused. */
const exactly = (message: string) => new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
const flower = synthetic('flower', { samples: 40 });
const text = `x1,x2,y\n${Array.from({ length: 12 }, (_, i) => `${i},${(i % 3) / 2},${['cat', 'dog', 'emu'][i % 3]}`).join('\n')}\n`;

async function model(train: Dataset = flower, spec = {}): Promise<Model> {
  return (await trainModel({ layers: [3], epochs: 1, testSplit: 0, ...spec }, { train }, quiet)).model;
}

test("tune names itself, not trainModel, when given loadDataset's result or a Dataset as its data", async () => {
  const result = parseCsv(text, quiet);
  const spec = { epochs: 1, learningRate: choice(0.1, 0.2) };
  // was "options.data must be { train, validation? } of datasets, got an object"
  await refused(tune({ spec, data: result as never, trials: 1 }), 'OptionError', exactly("tune: options.data must be { train, validation? }, got loadDataset's result: give { train: result.dataset }"));
  await refused(tune({ spec, data: flower as never, trials: 1 }), 'OptionError', exactly('tune: options.data must be { train, validation? }, got a Dataset: give { train: dataset }'));
  // was "trainModel: data.train is loadDataset's result ... and its schema as data.schema" (tune has no data.schema)
  await refused(tune({ spec, data: { train: result as never }, trials: 1 }), 'OptionError', exactly("tune: data.train is loadDataset's result, not its Dataset: give its dataset (train: result.dataset)"));
  // was "trainModel spec: unknown option 'lr' (did you mean 'l1'?)"
  await refused(tune({ spec: { ...spec, lr: 0.1 } as never, data: { train: flower }, trials: 1 }), 'OptionError', /^tune: options\.spec: unknown option 'lr' \(did you mean 'learningRate'\?\); the options are layers, /);
  // trainModel's own wording is kept
  await refused(trainModel({ epochs: 1 }, { train: result as never }, quiet), 'OptionError', /^trainModel: data\.train is loadDataset's result, not its Dataset: give its dataset \(train: result\.dataset\), and its schema as data\.schema/);
});

test("other libraries' names of a setting are suggested by that setting's name, not by spelling", async () => {
  // { lr } was told "did you mean 'l1'?": an L1 penalty of 0.1, if taken at its word
  await refused(trainModel({ epochs: 1, lr: 0.1 } as never, { train: flower }, quiet), 'OptionError', /^trainModel spec: unknown option 'lr' \(did you mean 'learningRate'\?\)/);
  await refused(trainModel({ max_iter: 5 } as never, { train: flower }, quiet), 'OptionError', /^trainModel spec: unknown option 'max_iter' \(did you mean 'epochs'\?\)/);
  await refused(trainModel({ epochs: 1, random_state: 0 } as never, { train: flower }, quiet), 'OptionError', /unknown option 'random_state' \(did you mean 'seed'\?\)/);
  assert.throws(() => new Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }], random_state: 1 } as never), { name: 'OptionError', message: /^Network: unknown option 'random_state' \(did you mean 'seed'\?\)/ });
});

test("evaluate's refusal of a task is worded as the other refusals of a name, with the near one", () => {
  const net = new Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }] });
  assert.throws(() => evaluate(net, flower.X, flower.Y, 'Binary' as never), {
    name: 'OptionError',
    message: "evaluate: task must be one of binary, multiclass, multilabel, regression, got 'Binary' (did you mean 'binary'?); or leave it out (the output layer's task)",
  });
});

test('a Matrix of no examples is a DataError as rows, a table and CSV text of none are (it was a ShapeError about "X")', async () => {
  const m = await model();
  for (const call of [() => m.predict(new Matrix(2, 0)), () => m.predictProba(new Matrix(2, 0)), () => m.predictClasses(new Matrix(2, 0)), () => m.evaluate(new Matrix(2, 0), [])]) {
    assert.throws(call, { name: 'DataError', message: 'the input has no examples (a Matrix of 2 x 0: one example per column)' });
  }
  assert.throws(() => m.predict([]), { name: 'DataError', message: 'the input has no examples (no rows)' });
  // empty CSV text was "1 columns, but the model takes 2 features", with no word of the text
  assert.throws(() => m.predict(''), { name: 'DataError', message: 'the CSV text is empty: no header line and no data rows' });
  assert.throws(() => m.predict('a,b,c,d\n1,2,3,4\n'), { name: 'DataError', message: /^the CSV text: 4 columns, but the model takes 2 features/ });
});

test('evaluate refuses a labels Matrix of the wrong rows as a DataError naming what it takes (a ShapeError of "1 units")', async () => {
  const binary = await model();
  assert.throws(() => binary.evaluate([[1, 2]], new Matrix(2, 1)), { name: 'DataError', message: 'evaluate: the labels Matrix is 2 x 1, but this binary model takes 1 x m labels 0 or 1 (one example per column)' });
  const { dataset } = parseCsv(text, quiet);
  const multi = await model(dataset as Dataset);
  assert.throws(() => multi.evaluate([[1, 0.5]], new Matrix(2, 1)), { name: 'DataError', message: 'evaluate: the labels Matrix is 2 x 1, but this multiclass model takes 1 x m class indices or 3 x m one-hot columns (one example per column)' });
  // the shapes it takes still score
  assert.equal(multi.evaluate([[1, 0.5]], new Matrix(3, 1, Float32Array.from([0, 1, 0]))).classification?.confusionMatrix.length, 3);
  assert.equal(multi.evaluate([[1, 0.5]], new Matrix(1, 1, Float32Array.from([2]))).classification?.confusionMatrix.length, 3);
});

test('a label left out (a hole, undefined, null, an empty string, NaN) is refused by its position, not scored as class 0 or the value 0', async () => {
  const { dataset } = parseCsv(text, quiet);
  const multi = await model(dataset as Dataset);
  // [, 'dog'] was scored as if its first label were 'cat' (class 0), silently
  // biome-ignore lint/suspicious/noSparseArray: the hole is what is probed
  assert.throws(() => multi.evaluate([[1, 0.5], [2, 1]], [, 'dog'] as never), { name: 'DataError', message: 'label 1 is missing (undefined); give one label per example' });
  assert.throws(() => multi.evaluate([[1, 0.5]], [null] as never), { name: 'DataError', message: 'label 1 is missing (null); give one label per example' });
  const reg = await model({ ...flower, task: 'regression', classes: undefined } as Dataset, { output: 'linear' });
  // null, '' and ' ' were the value 0, true the value 1, [5] the value 5
  assert.throws(() => reg.evaluate([[1, 2]], [''] as never), { name: 'DataError', message: 'label 1 is missing (an empty string); give one label per example' });
  assert.throws(() => reg.evaluate([[1, 2]], [' '] as never), { name: 'DataError', message: "label 1: ' ' is not a number (a regression target)" });
  assert.throws(() => reg.evaluate([[1, 2]], [true] as never), { name: 'DataError', message: 'label 1: a boolean is not a number (a regression target)' });
  assert.throws(() => reg.evaluate([[1, 2]], [NaN]), { name: 'DataError', message: 'label 1 is missing (NaN); give one label per example' });
  assert.equal(reg.evaluate([[1, 2], [3, 4]], ['0.5', 1]).regression?.mse !== undefined, true);
});

test("a model's classes, features, preprocessing and training record are copies: sorting or editing them leaves its predictions as they were", async () => {
  const { dataset, schema } = parseCsv(`y,x1,x2\n${Array.from({ length: 12 }, (_, i) => `${['zebra', 'ant'][i % 2]},${i % 2 ? i : -i},${i / 3}`).join('\n')}\n`, { ...quiet, target: 'y' });
  const { model: m } = await trainModel({ layers: [], epochs: 30, learningRate: 0.5, testSplit: 0, standardize: true }, { train: dataset as Dataset, schema: schema as never }, quiet);
  const before = m.predict([[5, 1], [-4, 1]]), classes = m.classes;
  const saved = JSON.stringify(m);
  m.classes?.reverse(); // (or sorted for a display) renamed every prediction
  m.features?.reverse();
  const p = m.preprocessing;
  if (p.standardize) p.standardize.mean[0] = 1e6;
  m.training.epochs = 999;
  assert.deepEqual(m.predict([[5, 1], [-4, 1]]), before);
  assert.equal(JSON.stringify(m), saved);
  assert.deepEqual(m.classes, classes);
  assert.deepEqual(new Set(before as string[]), new Set(['ant', 'zebra']));
});

test('a memory limit too small for the network is said in the units that show it (it was "0.0 GiB ... more than the 0.0 GiB allowed")', async () => {
  await refused(trainModel({ layers: [16], epochs: 1 }, { train: flower }, { ...quiet, memoryLimit: 10 }), 'OptionError',
    /^layers: a 2-16-1 network has 65 parameters and would need about [\d.]+ KiB of memory to train \(batch 32\), more than the 10 bytes allowed; use smaller layers or batches$/);
});

test("Model.fromNetwork's classes are names, as a model file's: numbers are kept as their names, anything else refused (it failed inside, or predicted a number)", () => {
  const net = new Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }], seed: 1 });
  // [0, 1] predicted the number 0 or 1 where a model file of them predicts '0' or '1'
  const m = Model.fromNetwork(net, { classes: [0, 1] as never });
  assert.deepEqual(m.classes, ['0', '1']);
  assert.equal(typeof m.predict([[1, 2]])[0], 'string');
  // 'ab' failed on "classes.findIndex is not a function"
  assert.throws(() => Model.fromNetwork(net, { classes: 'ab' as never }), { name: 'ModelFileError', message: 'classes must be an array of class names, one per output class, got "ab"' });
  assert.throws(() => Model.fromNetwork(net, { classes: ['a', { b: 1 }] as never }), { name: 'ModelFileError', message: 'classes must be an array of class names, one per output class, got ["a",{"b":1}]' });
});

test("a network's Y of the wrong rows says 1 unit, not '1 units'", () => {
  const net = new Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }], seed: 1 });
  assert.throws(() => net.prepareTargets(new Matrix(2, 3)), { name: 'ShapeError', message: 'Y is 2 x 3 but the output layer has 1 unit (expected 1 x m)' });
});

test('a Model where a Network goes, a Network where a Model goes, and either as a model document say the way from one to the other', async () => {
  const m = await model();
  // each was told only "got a Model" / "got a Network", or 'field "format" ... is missing'
  assert.throws(() => evaluate(m as never, flower.X, flower.Y), { name: 'OptionError', message: 'evaluate: net must be a Network, got a Model (its network is model.network)' });
  assert.throws(() => fit(m as never, flower.X, flower.Y, { epochs: 1 }), { name: 'OptionError', message: 'fit: net must be a Network (new Network({ inputSize, layers })), got a Model (its network is model.network)' });
  assert.throws(() => gradientCheck(m as never, flower.X, flower.Y), { message: 'gradientCheck: net must be a Network, got a Model (its network is model.network)' });
  await refused(trainModel({ epochs: 1, resume: m.network as never }, { train: flower }, quiet), 'OptionError', /^trainModel: resume must be a Model \(from trainModel, loadModel or Model\.fromJson\), got a Network \(make a Model of it: Model\.fromNetwork\(net, \{ task, classes \}\)\)$/);
  assert.throws(() => networkToOnnx(m.network as never), { message: /got a Network \(make a Model of it: Model\.fromNetwork\(net, \{ task, classes \}\)\)$/ });
  assert.throws(() => Model.fromNetwork(m as never), { name: 'OptionError', message: 'Model.fromNetwork: network must be a Network (new Network({ inputSize, layers })), got a Model (its network is model.network)' });
  assert.throws(() => Model.fromJson(m), { name: 'ModelFileError', message: "model: it is a Model, not a model file's document: to copy it, Model.fromJson(model.toJson())" });
  assert.throws(() => Model.fromJson(m.network), { name: 'ModelFileError', message: "model: it is a Network (make a Model of it: Model.fromNetwork(net, { task, classes })), not a model file's document" });
  assert.throws(() => new Network(m.toJson() as never), { name: 'OptionError', message: "Network: options are a model file's document (format 'backprop-model'); read it with Model.fromJson(doc), whose network is model.network" });
});
