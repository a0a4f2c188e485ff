// Battery model32 (library): the holes the thirty-first session left in the Model API, fixed by family.
//  1. A model without a CSV schema (trained on a hand-built { X, Y }) named a null cell of predict's
//     input "'' is not a finite number": now every input form (rows, a table, CSV text) says which row and
//     feature is missing and that the model does not impute; a boolean is named as one; a Dataset or a
//     row of named values given as input is told what to give instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trainModel, Matrix, DataError } from '../../src/node.js';

const m = 24;
const X = new Matrix(2, m), Y = new Matrix(1, m);
for (let j = 0; j < m; j++) {
  X.data[j] = Math.sin(j);
  X.data[m + j] = Math.cos(j * 0.7);
  Y.data[j] = X.data[j]! > 0 ? 1 : 0;
}
const trained = trainModel({ layers: [3], epochs: 1, seed: 1 }, { train: { name: 'hand', X, Y, task: 'binary', featureNames: ['u', 'v'] } });

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
