// Holes left by session 28's batteries, closed in session 29.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv } from '../../src/data/csv.js';

test("a CSV with a '#' comment line says so, whichever line the comment is on", () => {
  assert.throws(() => parseCsv('# exported by tool v1\nx1,x2,y\n1,2,0\n3,4,1\n', { target: 'y' }),
    /^DataError: CSV text, line 2: 3 fields, expected 1 as the header line \(extra field after column '# exported by tool v1'\); line 1 starts with '#': comment lines are not skipped, remove them \(grep -v '\^#'\)$/);
  assert.throws(() => parseCsv('x1,x2,y\n# comment\n1,2,0\n3,4,1\n', { target: 'y' }),
    /^DataError: CSV text, line 2: 1 field, expected 3 as the header line \(column 'x2' and after are missing\); line 2 starts with '#'/);
  assert.throws(() => parseCsv('# a\n1,2,0\n3,4,1\n', { header: false }), /^DataError: CSV text, line 2: 3 fields, expected 1 as line 1 .*; line 1 starts with '#'/);
  // a ragged file with no comment keeps its message as it was
  assert.throws(() => parseCsv('x1,x2,y\n1,2\n', { target: 'y' }), /^DataError: CSV text, line 2: 2 fields, expected 3 as the header line \(column 'y' and after are missing\)$/);
});
