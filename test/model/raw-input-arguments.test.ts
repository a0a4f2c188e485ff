// Model.predict / predictProba / evaluate on input of none of the accepted kinds, or with NaN features:
// a DataError saying what raw input may be, never a TypeError, "rows have 0 cells" or a class from NaN.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Model, Matrix, DataError } from '../../src/index.js';

const model = (withCsv: boolean) => Model.fromJson({
  format: 'backprop-model', version: 1, inputSize: 2, task: 'binary', classes: ['no', 'yes'], features: ['a', 'b'],
  layers: [{ units: 1, activation: 'sigmoid', W: [[1, -1]], b: [0] }],
  ...(withCsv ? { preprocessing: { data: { format: 'csv', header: true, columns: ['a', 'b', 'y'], target: 'y', task: 'binary', classes: ['no', 'yes'],
    features: [{ column: 'a', type: 'number', mean: 0 }, { column: 'b', type: 'number', mean: 0 }], featureNames: ['a', 'b'], missing: 'error' } } } : {}),
} as never);
const dataError = (fn: () => unknown, pattern: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof DataError && pattern.test(e.message), `expected a DataError matching ${pattern}`);

test('raw input that is no Matrix, rows, table or CSV text is named for what it is', () => {
  for (const m of [model(true), model(false)]) {
    dataError(() => m.predict(null as never), /the input is null; give a Matrix \(n_x x m\), rows/);
    dataError(() => m.predict(undefined as never), /the input is undefined; give a Matrix/);
    dataError(() => m.predict(5 as never), /the input is a number; give a Matrix/);
    dataError(() => m.predict(new Float32Array([1, 2]) as never), /the input is a Float32Array; give a Matrix/);
    dataError(() => m.predict([1, 2] as never), /input rows: row 1 is a number, not an array of cells/);
    dataError(() => m.predict([{ a: 1, b: 2 }] as never), /input rows: row 1 is an object, not an array of cells/);
    dataError(() => m.predictProba({ rows: [[1, 2]] } as never), /input table: needs the arrays columns and rows/);
    dataError(() => m.evaluate({ columns: ['a', 'b'], rows: [5] } as never, ['yes']), /input table: row 1 is a number/);
    assert.deepEqual(m.predict([[3, 1]]), ['yes']);
  }
});

test('a Matrix with a NaN or infinite feature is refused by position (it used to predict the first class)', () => {
  const X = new Matrix(2, 3);
  X.data[4] = NaN;
  dataError(() => model(false).predict(X), /the input Matrix has a non-finite value \(NaN\) at row 2, column 2 \(example 2\)/);
  X.data[4] = -Infinity;
  dataError(() => model(true).predictProba(X), /non-finite value \(-Infinity\)/);
  dataError(() => model(true).evaluate(X, ['no', 'no', 'yes']), /non-finite value/);
});
