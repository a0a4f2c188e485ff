// Hostile input, thirty-first sweep (data): files as people download them. A missing-value mark of
// other tools ('None', 'null', '-') among numbers is a missing value written another way, never text:
// a column of numbers whose cells were more than half 'None' was a text column ("one-hot encode it"),
// and { oneHot: 'auto' } made one input per number, silently; a target of 0, 1 and 'null' was three
// classes, 'null' one of them, and a regression target with 'None' "too many values to be classes".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataset } from '../../src/data/load.js';
import { tempDir, writeFile } from './helpers.js';
import { refused } from '../helpers/errors.js';
import { h5Writer } from './h5-files.js';

const dir = tempDir();
const quiet = { warn: () => {} };
/** 12 rows a, b, y; `cell(i)` gives column a (or y, with `inTarget`). */
function csv(name: string, cell: (i: number) => string, inTarget = false): string {
  const rows = Array.from({ length: 12 }, (_, i) => (inTarget ? `${i * 0.5},${i % 3},${cell(i)}` : `${cell(i)},${i % 3},${i % 2}`));
  return writeFile(dir, name, `a,b,y\n${rows.join('\n')}\n`);
}

test("a column of numbers more than half 'None' (or 'null', '-') is numbers with missing values: never one-hot encoded, the mark named", async () => {
  for (const mark of ['None', 'null', '-', 'NULL']) {
    const file = csv('mostly-marks.csv', (i) => (i % 4 === 0 ? String(i) : mark));
    const said = new RegExp(`mostly-marks\\.csv, line 3, column 'a': '${mark}' is not a number \\(a missing-value mark\\?`);
    await refused(loadDataset(file, quiet), 'DataError', said);
    await refused(loadDataset(file, { ...quiet, oneHot: 'auto' }), 'DataError', said);
  }
  // a text column whose categories include 'None' stays a text column, its first text quoted is no mark
  const kinds = csv('kinds.csv', (i) => ['None', 'None', 'Attached', 'Detached'][i % 4]!);
  await refused(loadDataset(kinds, quiet), 'DataError', /kinds\.csv: column 'a' holds text \(e\.g\. 'Attached'\); one-hot encode it/);
  const { schema } = await loadDataset(kinds, { ...quiet, oneHot: 'auto' });
  assert.deepEqual(schema.format === 'csv' && schema.features[0], { column: 'a', type: 'oneHot', categories: ['Attached', 'Detached', 'None'] });
});

test("a target of numbers with 'null', 'None' or '-' is refused naming the line and the mark (it was a class of its own, or no regression)", async () => {
  for (const mark of ['null', 'None', '-']) {
    const classes = csv('marked-classes.csv', (i) => (i === 5 ? mark : String(i % 2)), true);
    await refused(loadDataset(classes, quiet), 'DataError', new RegExp(`marked-classes\\.csv, line 7, column 'y': the target is '${mark}' among numbers \\(a missing-value mark\\? the cells read as missing are empty ones and '\\?', 'NA', 'N/A', 'NaN', 'nan': write one of those, then use \\{ missing: 'drop' \\} to skip such rows\\)$`));
    await refused(loadDataset(classes, { ...quiet, task: 'classification' }), 'DataError', /line 7, column 'y': the target is/);
    const amounts = csv('marked-amounts.csv', (i) => (i === 2 ? mark : (i * 1.37).toFixed(2)), true);
    await refused(loadDataset(amounts, quiet), 'DataError', /marked-amounts\.csv, line 4, column 'y': the target is/);
  }
  // class names that are text keep 'None' as a class
  const text = csv('text-classes.csv', (i) => ['None', 'mild', 'severe'][i % 3]!, true);
  const { schema } = await loadDataset(text, quiet);
  assert.deepEqual(schema.format === 'csv' && schema.classes, ['None', 'mild', 'severe']);
});

test('numbers too small for float32 (1e-50) are said to be read as 0, once, naming the first; in float64 they are kept', async () => {
  const file = csv('tiny.csv', (i) => `${i + 1}e-50`);
  const warnings: string[] = [];
  const { dataset } = await loadDataset(file, { warn: (w) => warnings.push(w) });
  assert.equal(dataset.X.get(0, 0), 0);
  assert.deepEqual(warnings.filter((w) => /too small/.test(w)), [
    `${file}: 12 numbers were too small for float32 (below 1.4e-45 in magnitude) and read as 0 (e.g. '1e-50' at line 2, column 'a'); scale them (e.g. a column in other units), or read and train in float64 ({ dtype: 'float64' })`,
  ]);
  const kept: string[] = [];
  const wide = await loadDataset(file, { dtype: 'float64', warn: (w) => kept.push(w) });
  assert.equal(wide.dataset.X.get(0, 0), 1e-50);
  assert.equal(kept.filter((w) => /too small/.test(w)).length, 0);
  // 1e-40 is a float32 (subnormal): not said
  const small: string[] = [];
  await loadDataset(csv('subnormal.csv', (i) => `${i + 1}e-40`), { warn: (w) => small.push(w) });
  assert.equal(small.filter((w) => /too small/.test(w)).length, 0);
});

test('an HDF5 X of float64 numbers too small for float32 says so too (they were zeros without a word)', async () => {
  const h5 = await h5Writer(dir);
  const X = Float64Array.from({ length: 20 }, (_, k) => (k === 3 || k === 5 ? 1e-50 : k / 10));
  const file = h5('tiny.h5', [{ name: 'train_x', data: X, shape: [10, 2], dtype: '<d' }, { name: 'train_y', data: BigInt64Array.from({ length: 10 }, (_, i) => BigInt(i % 2)), shape: [10], dtype: '<q' }]);
  const warnings: string[] = [];
  await loadDataset(file, { warn: (w) => warnings.push(w) });
  assert.deepEqual(warnings.filter((w) => /too small/.test(w)), [
    `${file}: dataset 'train_x': 2 numbers were too small for float32 (below 1.4e-45 in magnitude) and read as 0 (e.g. 1e-50 in example 2); scale them (e.g. a column in other units), or read and train in float64 ({ dtype: 'float64' })`,
  ]);
  const kept: string[] = [];
  const wide = await loadDataset(file, { dtype: 'float64', warn: (w) => kept.push(w) });
  assert.equal(wide.dataset.X.get(1, 1), 1e-50);
  assert.equal(kept.filter((w) => /too small/.test(w)).length, 0);
});

test("a spreadsheet's error value (#DIV/0!, #REF!) among numbers is said to be one, and counts as a missing-value mark (never text, never a class)", async () => {
  await refused(loadDataset(csv('div0.csv', (i) => (i === 4 ? '#DIV/0!' : String(i))), quiet), 'DataError',
    /div0\.csv, line 6, column 'a': '#DIV\/0!' is not a number \(a spreadsheet's error value: the cell's formula gave no number; fix it, or leave the cell empty, then choose \{ missing: 'drop' \} or \{ missing: 'mean' \}\)$/);
  // with { missing: 'mean' } the advice is what follows from it
  await refused(loadDataset(csv('div0.csv', (i) => (i === 4 ? '#VALUE!' : String(i))), { ...quiet, missing: 'mean' }), 'DataError', /then \{ missing: 'mean' \} fills them with the training means\)$/);
  await refused(loadDataset(csv('mostly-errors.csv', (i) => (i % 4 === 0 ? String(i) : '#NUM!')), { ...quiet, oneHot: 'auto' }), 'DataError', /line 3, column 'a': '#NUM!' is not a number/);
  await refused(loadDataset(csv('ref-target.csv', (i) => (i === 3 ? '#REF!' : String(i % 2)), true), quiet), 'DataError', /line 5, column 'y': the target is '#REF!' among numbers/);
});
