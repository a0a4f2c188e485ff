// A new user's files from scikit-learn's world (the thirty-third session's comparison with scikit-learn and
// PyTorch): pandas writes a frame without column names (an array's, or a file read with header=None) with
// the header line 0, 1, 2, ..., which was read as a row of data, so `--target 64` named the 64th column
// (a pixel of optdigits) instead of the label column pandas had named '64'.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv } from '../../src/index.js';

const rows = (k: number, m: number) => Array.from({ length: m }, (_, i) => Array.from({ length: k }, (_, j) => (j === k - 1 ? i % 3 : (i * 7 + j * 3) % 11)).join(',')).join('\n');

test("line 1 of 0, 1, ..., k-1 (pandas' names of unnamed columns) is the header: the target is the column named so", () => {
  const warned: string[] = [];
  const text = '0,1,2,3,4\n' + rows(5, 30) + '\n';
  const r = parseCsv(text, { target: '4', warn: (m) => warned.push(m) }, 'optdigits.csv');
  assert.equal(r.schema.header, true);
  assert.deepEqual(r.schema.columns, ['0', '1', '2', '3', '4']);
  assert.equal(r.dataset.X.cols, 30, 'line 1 is not an example');
  assert.equal(r.schema.target, '4');
  assert.deepEqual(Array.from(r.dataset.Y.data).slice(0, 4), [0, 1, 2, 0], "the column named '4' (the fifth), not the fourth by position");
  assert.ok(warned.some((m) => /^optdigits\.csv: line 1 read as the header line \(line 1 is 0, 1, \.\.\., 4, the names pandas' to_csv writes for columns that had none\); if it is data, say so \(\{ header: false \}\)$/.test(m)), warned.join('\n'));
});

test("with pandas' index written too (an empty cell, then 0, 1, ...), line 1 is the header", () => {
  const text = ',0,1,2,3\n' + rows(4, 30).split('\n').map((r, i) => `${i},${r}`).join('\n') + '\n';
  const warned: string[] = [];
  const r = parseCsv(text, { target: 'last', warn: (m) => warned.push(m) }, 'frame.csv');
  assert.equal(r.schema.header, true);
  assert.equal(r.dataset.X.cols, 30);
  assert.equal(r.schema.target, '3');
  assert.ok(warned.some((m) => /line 1 is 0, 1, \.\.\., 3 after the index's empty cell/.test(m)), warned.join('\n'));
});

test('a line of 0, 1, 2, ... that the data repeats, or of fewer than 4 numbers, stays data; a header given is kept', () => {
  const quiet = { warn: () => {} };
  const repeated = '0,1,2,3\n5,6,7,1\n0,1,2,3\n8,9,10,2\n';
  assert.equal(parseCsv(repeated, { ...quiet, task: 'regression' }).schema.header, false);
  assert.equal(parseCsv('0,1,2\n' + rows(3, 10), { ...quiet, task: 'regression' }).schema.header, false);
  assert.equal(parseCsv('0,1,2,3.0\n' + rows(4, 10), { ...quiet, task: 'regression' }).schema.header, false, "'3.0' is not a name pandas writes");
  const data = parseCsv('0,1,2,3,4\n' + rows(5, 10), { ...quiet, header: false, task: 'regression' });
  assert.equal(data.dataset.X.cols, 11);
});

// A frame saved with its index (pandas' to_csv default) has a first column of row numbers that the reader
// warned of, advising to choose the features instead: on digits, 64 names to type to leave one column out.
// options.exclude (--exclude) leaves columns out, as pandas' df.drop(columns=...).
test('options.exclude leaves columns out of the features, by name or 1-based position; not with features', () => {
  const text = ',a,b,c,y\n' + Array.from({ length: 30 }, (_, i) => `${i},${i % 7},${(i * 3) % 5},4,${i % 2}`).join('\n') + '\n';
  const warned: string[] = [];
  const all = parseCsv(text, { target: 'y', warn: (m) => warned.push(m) }, 'frame.csv');
  // (pandas' index, a row counter without a name, is left out by itself: hostile34.test.ts)
  assert.deepEqual(all.dataset.featureNames, ['a', 'b', 'c']);
  assert.ok(warned.some((m) => /column 1 \(0 to 29\) has no name .*left out of the features/.test(m)), warned.join('\n'));
  assert.ok(warned.some((m) => /feature 'c' \(always 4\) has the same value in every row: nothing to learn from it; leave it out with options\.exclude$/.test(m)), warned.join('\n'));
  const quiet: string[] = [];
  const some = parseCsv(text, { target: 'y', exclude: [1, 'c'], warn: (m) => quiet.push(m) }, 'frame.csv');
  assert.deepEqual(some.dataset.featureNames, ['a', 'b']);
  assert.deepEqual(some.schema.features.map((f) => f.column), ['a', 'b']);
  assert.deepEqual(quiet, [], 'the columns left out are not warned of');
  assert.throws(() => parseCsv(text, { target: 'y', exclude: ['d'] }, 'frame.csv'), /^DataError: frame\.csv: no options\.exclude column 'd'; the columns are: 1, a, b, c, y$/);
  assert.throws(() => parseCsv(text, { target: 'y', exclude: ['a'], features: ['b'] }), /^OptionError: options\.features and options\.exclude: give one/);
  assert.throws(() => parseCsv(text, { target: 'y', exclude: 'a' as never }), /^OptionError: options\.exclude must be an array of column names or 1-based positions, got "a"$/);
  assert.throws(() => parseCsv(text, { target: 'y', exclude: [1, 'a', 'b', 'c'] }, 'frame.csv'), /no feature columns left besides the target 'y'/);
});
