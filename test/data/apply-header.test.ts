// A file read for a trained model whose header line differs from the training file's: a headerless
// file of a model trained with a header was refused ("add that header as line 1"), with no way to read
// its columns by position as scikit-learn reads a NumPy array; a file with a header line for a model
// trained without one failed on 'CRIM' is not a number. { header } over the schema's now says which.
// Also the separators of such a file, and a header one field short of its rows (R's row names).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv } from '../../src/data/csv.js';

const TRAIN = 'a,b,y\n0,1,no\n1,0,yes\n2,2,no\n3,1,yes\n';
const { schema } = parseCsv(TRAIN, { target: 'y' });
const NOHEAD = parseCsv(TRAIN.split('\n').slice(1).join('\n'), { header: false, target: '3' }).schema;

const rows = (X: { rows: number; cols: number; data: ArrayLike<number> }) =>
  Array.from({ length: X.cols }, (_, j) => Array.from({ length: X.rows }, (_, i) => X.data[i * X.cols + j]));

test('{ header: false } reads a file without a header by position for a model trained with one: all columns, or all but the target', () => {
  const all = parseCsv('5,6,yes\n7,8,no\n', { schema, header: false });
  assert.deepEqual(rows(all.dataset.X), [[5, 6], [7, 8]]);
  assert.deepEqual(Array.from(all.dataset.Y.data), [1, 0]);
  const inputs = parseCsv('5,6\n7,8\n9,1\n', { schema, header: false, requireTarget: false });
  assert.deepEqual(rows(inputs.dataset.X), [[5, 6], [7, 8], [9, 1]]);
  // a labelled file needs its target column
  assert.throws(() => parseCsv('5,6\n7,8\n', { schema, header: false }), { name: 'DataError', message: /2 columns per row, but the training file had 3/ });
});

test('without { header } a headerless file for a model trained with a header is refused, naming { header: false }', () => {
  assert.throws(() => parseCsv('5,6\n7,8\n', { schema, requireTarget: false }), { name: 'DataError', message: /line 1 holds numbers \(5, 6\), not the header line .*\(\{ header: false \}\) to read its columns by position$/ });
});

test('{ header: true } skips line 1 of a file for a model trained without a header, and reads by position', () => {
  const r = parseCsv('a,b\n5,6\n7,8\n', { schema: NOHEAD, header: true, requireTarget: false });
  assert.deepEqual(rows(r.dataset.X), [[5, 6], [7, 8]]);
  // without it, the names on line 1 are data: the error says how to read them as a header
  assert.throws(() => parseCsv('a,b\n5,6\n', { schema: NOHEAD, requireTarget: false }), { name: 'DataError', message: /line 1, column '1': 'a' is not a number; if line 1 names the columns, say so \(\{ header: true \}\)$/ });
});

test('{ header } of the file as the training file changes nothing; a header that is no boolean is refused', () => {
  const r = parseCsv('b,a\n6,5\n', { schema, header: true, requireTarget: false });
  assert.deepEqual(rows(r.dataset.X), [[5, 6]]); // by name, in the training order
  assert.throws(() => parseCsv('a,b\n5,6\n', { schema, header: 'no' as unknown as boolean }), { name: 'OptionError', message: /options\.header must be true, false or 'auto', got "no"/ });
});

test('a file read for a model in another separator than the training file\'s is read when line 1 splits into its columns on it', () => {
  const semi = parseCsv('a;b;y\n5;6;yes\n', { schema });
  assert.deepEqual(rows(semi.dataset.X), [[5, 6]]);
  const tabs = parseCsv('a\tb\n5\t6\n', { schema, requireTarget: false });
  assert.deepEqual(rows(tabs.dataset.X), [[5, 6]]);
  // a line 1 that splits into another count is not guessed at: the error names the separator
  assert.throws(() => parseCsv('a;b;y;z\n5;6;yes;1\n', { schema }), { name: 'DataError', message: /is the field separator not ','/ });
});

test('a file of one named column is not asked whether its separator is another; one whose name holds a separator is', () => {
  assert.throws(() => parseCsv('price\n1\n2\n'), (e: Error) => /no feature columns left besides the target 'price'$/.test(e.message));
  // (separated by spaces, which no delimiter option reads: it was sent to options.delimiter, which has no space)
  assert.throws(() => parseCsv('a b y\n1 2 3\n'), /the file reads as a single column: its fields are separated by spaces/);
  assert.throws(() => parseCsv('a:b:y\n1:2:3\n'), (e: Error) => /no feature columns left besides the target 'a:b:y'$/.test(e.message));
  assert.throws(() => parseCsv('a|b|y\n1|2|3\n', { delimiter: ';' }), /the file reads as a single column: is the field separator not ';'/);
});

test('a header one field short of every row from line 2 on is named as R\'s row names (it said only "extra field")', () => {
  assert.throws(() => parseCsv('"a","b","y"\n"1",0.5,2,"no"\n"2",1.5,3,"yes"\n'), { name: 'DataError', message: /line 2: 4 fields, expected 3 as the header line \(extra field after column 'y'\); row names without a header field, as R's write\.table writes them\? save with row\.names = FALSE/ });
  // a single long row further down is only an extra field
  assert.throws(() => parseCsv('a,b,y\n1,2,3\n1,2,3,4\n'), (e: Error) => /line 3: 4 fields, expected 3 as the header line \(extra field after column 'y'\)$/.test(e.message));
});
