// Battery model32 (library): the holes the thirty-first session left in the Model API, fixed by family.
//  1. A model without a CSV schema (trained on a hand-built { X, Y }) named a null cell of predict's
//     input "'' is not a finite number": now every input form (rows, a table, CSV text) says which row and
//     feature is missing and that the model does not impute; a boolean is named as one; a Dataset or a
//     row of named values given as input is told what to give instead.
//  3. A Dataset whose fields contradict each other was trained: a regression with classes (saved in the
//     model file), a binary Y of 2.5 or -1 or of two one-hot rows, a multiclass Y of 0.5 or of columns with
//     two 1s; a multiclass Y without classes got 2 outputs whatever its labels. Now one check
//     (checkTrainData, which trainModel and tune call) refuses each in one line naming the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trainModel, tune, floatRange, loadDataset, Matrix, Model, DataError } from '../../src/node.js';
import { fileWriter, tempDir } from '../helpers/cli.js';
import { refused } from '../helpers/errors.js';

const m = 24;
const X = new Matrix(2, m), Y = new Matrix(1, m);
for (let j = 0; j < m; j++) {
  X.data[j] = Math.sin(j);
  X.data[m + j] = Math.cos(j * 0.7);
  Y.data[j] = X.data[j]! > 0 ? 1 : 0;
}
const trained = trainModel({ layers: [3], epochs: 1, seed: 1 }, { train: { name: 'hand', X, Y, task: 'binary', featureNames: ['u', 'v'] } });

const write = fileWriter(tempDir('model32-model-'));
/** trainModel's data of a CSV text, as loadDataset reads its file. */
async function loadCsvData(text: string) {
  const { dataset, schema } = await loadDataset(write('data.csv', text));
  return { train: dataset, schema };
}

const missing = /^input row 2, feature 2 \(v\): the value is missing \((null|undefined|NaN|an empty string)\); the model has no missing-value policy \(it was trained without a CSV schema, so it has no fill values and does not impute\): give a number, or leave the row out$/;

test('predict without a CSV schema: null, undefined, NaN, an empty or blank cell and a hole are named as missing, with the row and feature, in rows and tables', async () => {
  const { model } = await trained;
  // biome-ignore lint/suspicious/noSparseArray: the hostile input
  for (const cell of [null, undefined, NaN, '', '  ', [, ][0]]) {
    for (const input of [[[0.1, 0.2], [0.3, cell]], { columns: ['u', 'v'], rows: [[0.1, 0.2], [0.3, cell]] }]) {
      assert.throws(() => model.predict(input as never), (e: Error) => e instanceof DataError && missing.test(e.message), String(cell));
    }
  }
  assert.throws(() => model.predictProba([[0.1, 0.2], [0.3, true]] as never), /^DataError: input row 2, feature 2 \(v\): true is a boolean, not a number; give 1 or 0$/);
  assert.throws(() => model.predict([[Infinity, 0.2]]), /^DataError: input row 1, feature 1 \(u\): Infinity is not a finite number$/);
  assert.throws(() => model.predict([['abc', 0.2]]), /^DataError: input row 1, feature 1 \(u\): 'abc' is not a number$/);
  // a string is read as a CSV cell is (documented): '1.5' is 1.5
  assert.deepEqual(model.predictProba([['1.5', '-0.5']]).data, model.predictProba([[1.5, -0.5]]).data);
});

test('predict: a Dataset, rows of named values and a Map are told what to give', async () => {
  const { model } = await trained;
  assert.throws(() => model.predict({ X, Y, task: 'binary' } as never), /^DataError: the input is a Dataset \(\{ X, Y, \.\.\. \}\); give its X \(model\.predict\(dataset\.X\)\)/);
  assert.deepEqual(model.predict(X).length, m);
  assert.throws(() => model.predict([{ u: 1, v: 2 }] as never), /^DataError: input rows: row 1 is an object, not an array of cells; .*or rows of named values as \{ columns: \[names\], rows: \[\[values\]\] \}$/);
  assert.throws(() => model.predict(new Map([['u', [1]]]) as never), /^DataError: the input is a Map; give a Matrix/);
});

const rows = (k: number, f: (i: number, j: number) => number) => {
  const M = new Matrix(k, m);
  for (let i = 0; i < k; i++) for (let j = 0; j < m; j++) M.data[i * m + j] = f(i, j);
  return M;
};

test('trainModel and tune: a Dataset whose task, classes and Y contradict each other is refused in one line naming the field', async () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ task: 'regression', Y: rows(1, (_, j) => j / 10), classes: ['a', 'b'] }, /^trainModel: data\.train\.classes names classes, but the task is regression \(Y holds values, and a regression model has no classes\)/],
    [{ task: 'regression', Y: rows(1, (_, j) => j), classes: 'ab' }, /data\.train\.classes names classes, but the task is regression/], // (a TypeError before)
    [{ task: 'binary', Y: rows(1, (_, j) => j % 2 ? 2.5 : 0) }, /^trainModel: data\.train\.Y: example 2 is 2\.5; a binary target is 0 or 1/],
    [{ task: 'binary', Y: rows(2, (i, j) => (j % 2 === i ? 1 : 0)) }, /^trainModel: data\.train: a binary Y is 1 x m \(0 or 1 per example\), but Y is 2 x 24; for one-hot columns of two classes give the task 'multiclass'$/],
    [{ task: 'multiclass', Y: rows(1, (_, j) => (j % 3) + 0.5) }, /^trainModel: data\.train\.Y: example 1 is 0\.5, not a class index/],
    [{ task: 'multiclass', Y: rows(3, (i) => (i < 2 ? 1 : 0)) }, /^trainModel: data\.train\.Y: example 1 has 2 ones in its 3 rows; .*several labels per example are the task 'multilabel'$/],
    [{ task: 'multiclass', Y: rows(1, (_, j) => (j === 3 ? Infinity : j % 3)) }, /^trainModel: data\.train\.Y has a non-finite value \(Infinity\) at row 1, column 4 \(example 4\)$/],
    [{ task: 'multiclass', Y: rows(3, () => 0.5) }, /^trainModel: data\.train\.Y: row 1 of example 1 is 0\.5; a multiclass Y of 3 rows is one-hot/],
  ];
  for (const [fields, pattern] of cases) {
    await refused(trainModel({ layers: [2], epochs: 1 }, { train: { name: 'hand', X, ...fields } as never }), 'DataError', pattern);
  }
  await refused(tune({ spec: { epochs: 1, learningRate: floatRange(0.01, 0.1) }, data: { train: { name: 'hand', X, task: 'regression', Y: rows(1, (_, j) => j), classes: ['a', 'b'] } as never }, trials: 1, workers: 1 }), 'DataError', /^tune: data\.train\.classes names classes, but the task is regression/);
});

test('a multiclass Dataset without classes: its classes are 0 to k-1 from Y (it got 2 outputs); a test set\'s index past them is refused', async () => {
  const { model } = await trainModel({ layers: [2], epochs: 1, testSplit: 0 }, { train: { X, Y: rows(1, (_, j) => j % 5), task: 'multiclass' } as never });
  assert.deepEqual(model.classes, ['0', '1', '2', '3', '4']);
  assert.equal(model.network.outputSize, 5);
  const onehot = await trainModel({ layers: [2], epochs: 1, testSplit: 0 }, { train: { X, Y: rows(3, (i, j) => (j % 3 === i ? 1 : 0)), task: 'multiclass' } as never });
  assert.deepEqual(onehot.model.classes, ['0', '1', '2']);
  await refused(trainModel({ layers: [2], epochs: 1 }, { train: { X, Y: rows(1, (_, j) => j % 3), task: 'multiclass' }, test: { X, Y: rows(1, (_, j) => j % 4), task: 'multiclass' } } as never), 'DataError', /^trainModel: data\.test: Y holds the class index 3, but the training data has 3 classes \(indices 0 to 2\)$/);
  // a Dataset without a name is named as the field it was given in (the messages said "undefined: ...")
  await refused(trainModel({ layers: [2], epochs: 1 }, { train: { X, Y: rows(1, () => 1), task: 'binary' } as never }), 'DataError', /^data\.train: every example has the same label/);
});

test('probe: a string cell is read as a CSV file\'s field is, with or without a CSV schema (\'0x10\' was 16, \' 1.5 \' not a number with a schema)', async () => {
  const { model } = await trained;
  assert.throws(() => model.predict([['0x10', 0]]), /^DataError: input row 1, feature 1 \(u\): '0x10' is not a number \(hexadecimal\? write it in decimal\)$/);
  assert.throws(() => model.predict([['0b1', 0]]), /'0b1' is not a number$/);
  assert.throws(() => model.predict([['NA', 0]]), /^DataError: input row 1, feature 1 \(u\): the value is missing \('NA'\); the model has no missing-value policy/);
  assert.deepEqual(model.predictProba([[' 1.5 ', '1e-1']]).data, model.predictProba([[1.5, 0.1]]).data);
  const csv = `a,b,y\n${Array.from({ length: 12 }, (_, j) => `${Math.sin(j).toFixed(3)},${Math.cos(j).toFixed(3)},${j % 2 ? 'yes' : 'no'}`).join('\n')}\n`;
  const fromCsv = await trainModel({ layers: [2], epochs: 1, testSplit: 0 }, await loadCsvData(csv));
  assert.deepEqual(fromCsv.model.predictProba([[' 0.5 ', '0.25']]).data, fromCsv.model.predictProba([[0.5, 0.25]]).data);
});

test('probe: evaluate\'s labels of another kind are an OptionError naming labels (a TypeError "labels.forEach is not a function", a ShapeError of "1 x undefined")', async () => {
  const { model } = await trained;
  for (const labels of ['10', { 0: 1 }, 1]) {
    assert.throws(() => model.evaluate([[1, 2]], labels as never), /^OptionError: evaluate: labels must be an array of one label per example \(class names or indices, target values, or a list of values per example\), or a Matrix, got /);
  }
  assert.equal(model.evaluate([[1, 2]], new Float64Array([1]) as never).classification!.accuracy >= 0, true); // (a typed array is an array of labels)
});

test('probe: a regression Model with classes is refused wherever it is built (new Model, fromNetwork, fromJson); evaluate\'s labels of another number of targets, or multi-label labels as text, are said in the model\'s terms', async () => {
  const Yr = rows(2, (i, j) => (i === 0 ? Math.sin(j) : Math.cos(j)));
  const { model } = await trainModel({ layers: [2], epochs: 1, testSplit: 0 }, { train: { name: 'two', X, Y: Yr, task: 'regression' } as never });
  const noClasses = /task "regression" has no classes \(its outputs are values\), but "classes" names 2 \(a, b\): leave them out, or give the task of a classification$/;
  assert.throws(() => new Model(model.network, { task: 'regression', classes: ['a', 'b'] }), (e: Error) => e.name === 'ModelFileError' && noClasses.test(e.message));
  assert.throws(() => Model.fromNetwork(model.network, { classes: ['a', 'b'] }), (e: Error) => e.name === 'ModelFileError' && noClasses.test(e.message));
  assert.throws(() => Model.fromJson({ ...model.toJson(), classes: ['a', 'b'] }), (e: Error) => e.name === 'ModelFileError' && /^model: task "regression" has no classes/.test(e.message));
  for (const labels of [[1], [[1, 2, 3]], new Matrix(1, 1)]) {
    assert.throws(() => model.evaluate([[1, 2]], labels as never), /^DataError: evaluate: the model predicts 2 targets per example, but the labels give (1|3); give a list of 2 values per example, as predict returns them$/);
  }
  const labels = await trainModel({ layers: [2], epochs: 1, testSplit: 0 }, { train: { name: 'tags', X, Y: rows(2, (i, j) => (i + j) % 2), task: 'multilabel' } as never });
  assert.throws(() => labels.model.evaluate([[1, 2]], [['1', '0']] as never), /^DataError: example 1, label 1: '1' is not a number \(a label: the number 0 or 1\)$/);
});
