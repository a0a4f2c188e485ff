// Hostile input to the data readers, fourth round: each family of bad file or option refused by
// one shared check, with a message naming the file, row or column (or the library option).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv } from '../../src/data/csv.js';
import { DataError } from '../../src/errors.js';

const throwsData = (fn: () => unknown, pattern: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof DataError && pattern.test(e.message), `expected a DataError matching ${pattern}`);

test('a target of one value in every row (a CSV of one row) is not silently taken for regression under task auto', () => {
  throwsData(() => parseCsv('a,b,y\n1,2,3\n', {}, 'one.csv'), /^one\.csv: target column 'y' has the single value '3' in its only row: there is nothing to learn .*; give more rows, or \{ task: 'regression' \} to fit the constant$/);
  throwsData(() => parseCsv('a,y\n1,5\n2,5\n3,5\n', {}, 'const.csv'), /target column 'y' has the single value '5' in all 3 rows/);
  // asked for, it is fit; text labels keep their message about classes
  assert.equal(parseCsv('a,b,y\n1,2,3\n', { task: 'regression' }).dataset.task, 'regression');
  throwsData(() => parseCsv('a,b,y\n1,2,cat\n'), /has a single value 'cat'; a classifier needs at least two classes/);
});
