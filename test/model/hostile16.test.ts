// Hostile input, sixteenth sweep (library). trainModel read its switches by truthiness ({ standardize:
// 'false' } standardized the inputs, { recordTestCost: 'yes' } recorded), ignored a memoryLimit of
// '1GB' for the default, and let a NaN alpha or a recordEvery of 0 fail inside as a RangeError of the
// network or of fit; an alpha with ReLU was dropped without a word. earlyStopping true, {} or with a
// key that is no setting trained every epoch and never stopped. A Dataset's class names ['a', 'a'], or
// three for a binary target, failed as a "ModelFileError" once the network was built. Class names 'é'
// composed and decomposed (which print the same) were two classes, in a CSV and in a model file.
// Model.fromJson of a document with a sparse array failed on a TypeError ([, layer]) or took the hole
// as given (a standardize mean of [, 0]: every prediction NaN); predict given a BigInt or a Symbol
// cell failed on "cell.trim is not a function"; saveOnnx and saveTfjs wrote NaN weights.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Matrix } from '../../src/tensor/matrix.js';
import { Network } from '../../src/nn/network.js';
import { Model } from '../../src/model/model.js';
import { trainModel } from '../../src/model/train-model.js';
import { synthetic, type Dataset } from '../../src/data/synthetic.js';
import { parseCsv } from '../../src/data/csv-file.js';
import { saveOnnx } from '../../src/io/onnx.js';
import { saveTfjs } from '../../src/io/tfjs.js';
import { refused } from '../helpers/errors.js';
import { tempDir } from '../helpers/cli.js';

const flower = synthetic('flower', { samples: 40 });

test('trainModel: switches are true or false, alpha and recordEvery numbers, memoryLimit bytes (standardize "false" standardized)', async () => {
  const run = (spec: object, hooks = {}) => trainModel({ epochs: 1, testSplit: 0, ...spec }, { train: flower }, hooks);
  await refused(run({ standardize: 'false' }), 'OptionError', /^standardize must be true or false, got "false"$/);
  await refused(run({ recordTestCost: 'yes' }), 'OptionError', /^recordTestCost must be true or false, got "yes"$/);
  await refused(run({ recordGradientNorms: 1 }), 'OptionError', /^recordGradientNorms must be true or false, got 1$/);
  await refused(run({ activation: 'leakyRelu', alpha: Number.NaN }), 'OptionError', /^alpha must be a finite number >= 0 \(the slope of leakyRelu, the alpha of elu\), got NaN$/);
  await refused(run({ recordEvery: 0 }), 'OptionError', /^recordEvery must be a whole number from 1 to/);
  await refused(run({}, { memoryLimit: '1GB' }), 'OptionError', /^trainModel: hooks\.memoryLimit must be a number of bytes > 0 .*got "1GB"$/);
  await refused(run({}, { memoryLimit: 0 }), 'OptionError', /hooks\.memoryLimit must be a number of bytes > 0/);
  const warnings: string[] = [];
  await run({ alpha: 0.2 }, { warn: (m: string) => warnings.push(m) });
  assert.ok(warnings.some((w) => /^alpha ignored: it is the slope of leakyRelu or the alpha of elu, and the hidden activation is relu$/.test(w)), warnings.join(' | '));
  // the field is named for the CLI
  await assert.rejects(run({ standardize: 'false' }), (e: Error & { field?: string }) => e.field === 'standardize');
});

test('trainModel: earlyStopping must be { patience, minDelta? } (true, {} and a key that is no setting never stopped)', async () => {
  const run = (earlyStopping: unknown) => trainModel({ epochs: 2, earlyStopping } as never, { train: flower });
  await refused(run(true), 'OptionError', /^earlyStopping must be an object such as \{ patience: 10 \} .*got true$/);
  await refused(run({}), 'OptionError', /^earlyStopping\.patience is missing: give the epochs without improvement before stopping/);
  await refused(run({ patience: 2, monitor: 'cost' }), 'OptionError', /^earlyStopping: unknown option 'monitor'; the options are patience, minDelta$/);
  await refused(run({ patince: 2 }), 'OptionError', /unknown option 'patince' \(did you mean 'patience'\?\)/);
  // false is no early stopping, as leaving it out
  assert.equal((await run(false)).history.stopReason, 'epochs');
});

test('trainModel: a Dataset\'s class names are checked as data, naming data.train.classes (they failed as a ModelFileError)', async () => {
  const run = (over: Partial<Dataset>) => trainModel({ epochs: 1, testSplit: 0 }, { train: { ...flower, ...over } as Dataset });
  await refused(run({ classes: ['a', 'a'] }), 'DataError', /^trainModel: data\.train\.classes names class "a" twice$/);
  await refused(run({ classes: ['', 'b'] }), 'DataError', /^trainModel: data\.train\.classes has an empty name for class 0/);
  await refused(run({ classes: ['a', 'b', 'c'] }), 'DataError', /^trainModel: data\.train\.classes names 3 classes, but a binary target has 2/);
  await refused(run({ classes: ['\u00e9', 'e\u0301'] }), 'DataError', /holds "é" and "e\\u0301", the same text in two Unicode forms/);
  const Y = Matrix.from([Array.from({ length: 40 }, (_, i) => i % 3)]);
  await refused(run({ task: 'multiclass', classes: ['a', 'b'], Y }), 'DataError', /^trainModel: data\.train\.classes names 2 classes \(indices 0 to 1\), but Y holds the class index 2$/);
});

test('class names that differ only in Unicode form (é composed, e + accent) are refused in a CSV and in a model file', () => {
  const csv = 'x1,x2,y\n' + Array.from({ length: 12 }, (_, i) => `${i},${i % 4},${['\u00e9', 'e\u0301', 'z'][i % 3]}`).join('\n') + '\n';
  assert.throws(() => parseCsv(csv), /^DataError: CSV text: target column 'y' has the labels "e\\u0301" and "é", the same text in two Unicode forms .*: they would be two classes that print alike/);
  const doc = new Model(new Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }] }), { task: 'binary' }).toJson();
  assert.throws(() => Model.fromJson({ ...doc, classes: ['\u00e9', 'e\u0301'] }), /^ModelFileError: model: field "classes" holds "é" and "e\\u0301", the same text in two Unicode forms/);
  // other letters with accents, and case, are still classes of their own
  Model.fromJson({ ...doc, classes: ['\u00e9', 'e'] });
  Model.fromJson({ ...doc, classes: ['A', 'a'] });
});

test('Model.fromJson: a sparse array in the document is named (a TypeError, or a hole read as given)', () => {
  const doc = new Model(new Network({ inputSize: 2, seed: 1, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }] }), { task: 'binary' }).toJson();
  const [l1, l2] = doc.layers;
  const holed = (over: object) => () => Model.fromJson({ ...doc, ...over });
  const hole = (at: string) => new RegExp(`^ModelFileError: model: ${at.replace(/[[\].]/g, '\\$&')} is missing \\(a sparse array, as \\[1, , 3\\]\\)`);
  // biome-ignore lint/suspicious/noSparseArray: the hole is the test
  assert.throws(holed({ layers: [, l2] }), hole('layers[0]'));
  // biome-ignore lint/suspicious/noSparseArray: the hole is the test
  assert.throws(holed({ layers: [{ ...l1, b: [, 0, 0] }, l2] }), hole('layers[0].b[0]'));
  // biome-ignore lint/suspicious/noSparseArray: the hole is the test
  assert.throws(holed({ preprocessing: { standardize: { mean: [, 0], std: [1, 1] } } }), hole('preprocessing.standardize.mean[0]'));
  // the document's JSON text, and the document itself, still load
  assert.equal(Model.fromJson(JSON.stringify(doc)).network.inputSize, 2);
  assert.equal(Model.fromJson(doc).network.inputSize, 2);
});

test('predict: a cell that is no number, text or empty is named (BigInt and Symbol failed on "cell.trim is not a function")', () => {
  const m = new Model(new Network({ inputSize: 2, seed: 1, layers: [{ units: 1, activation: 'sigmoid' }] }), { task: 'binary' });
  assert.throws(() => m.predict([[1, 2], [3n, 4]] as never), /^DataError: input rows: row 2, cell 1 is 3n, a BigInt: give a number$/);
  assert.throws(() => m.predict({ columns: ['x1', 'x2'], rows: [[1, Symbol('s')]] } as never), /^DataError: input table: row 1, cell 2 is a symbol: a cell is a number, a string, or null/);
  assert.throws(() => m.predict([[true, 2]] as never), /^DataError: input row 1, feature 1: true is a boolean, not a number; give 1 or 0$/);
  assert.equal(m.predict([['1', 2]]).length, 1);
});

test('saveOnnx and saveTfjs refuse NaN weights, as saveModel does, and write nothing (they wrote them)', async () => {
  const dir = tempDir('hostile16-');
  try {
    const net = new Network({ inputSize: 2, seed: 1, layers: [{ units: 1, activation: 'sigmoid' }] });
    net.b(1).data[0] = Number.NaN;
    const m = new Model(net, { task: 'binary' });
    await refused(saveOnnx(path.join(dir, 'm.onnx'), m), 'ModelFileError', /^saveOnnx: layer 1: b holds NaN or infinite values; a model with them is not exported/);
    await refused(saveTfjs(path.join(dir, 'tf'), m), 'ModelFileError', /^saveTfjs: layer 1: b holds NaN or infinite values/);
    assert.deepEqual(fs.readdirSync(dir), []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('unclear messages: a chunk of 0 said "X has no examples"; a { columns, rows } table was asked about its field separator', () => {
  const net = new Network({ inputSize: 2, seed: 1, layers: [{ units: 1, activation: 'sigmoid' }] });
  const X = Matrix.from([[1, 2], [3, 4]]);
  assert.throws(() => net.predictProba(X, 0), /^OptionError: Network\.predictProba: chunk \(examples per forward pass\) must be a whole number >= 1, got 0$/);
  assert.throws(() => net.evaluateCost(X, [0, 1], -1), /^OptionError: Network\.evaluateCost: chunk/);
  const csv = parseCsv('a,b,y\n' + Array.from({ length: 10 }, (_, i) => `${i},${i % 3},${i % 2}`).join('\n') + '\n');
  const m = new Model(new Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }] }), { task: 'binary', features: ['a', 'b'], preprocessing: { data: csv.schema } });
  assert.throws(() => m.predict({ columns: ['a'], rows: [[1]] }), (e: Error) => e.name === 'DataError' && /no column 'b'/.test(e.message) && !/field separator/.test(e.message));
  // text that reads as one column still gets the hint, unless line 1 splits into the training columns on another separator
  assert.throws(() => m.predict('a;b;c;d\n1;2;3;4\n'), /field separator not ','/);
  assert.equal(m.predict('a;b\n1;2\n').length, 1);
});
