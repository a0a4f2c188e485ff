// Holes left by session 28's batteries, closed in session 29.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv } from '../../src/data/csv.js';
import { loadDataset } from '../../src/data/load.js';
import { tempDir } from './helpers.js';
import { h5Writer } from './h5-files.js';

test("a CSV with a '#' comment line says so, whichever line the comment is on", () => {
  assert.throws(() => parseCsv('# exported by tool v1\nx1,x2,y\n1,2,0\n3,4,1\n', { target: 'y' }),
    /^DataError: CSV text, line 2: 3 fields, expected 1 as the header line \(extra field after column '# exported by tool v1'\); line 1 starts with '#': comment lines are not skipped, remove them \(grep -v '\^#'\)$/);
  assert.throws(() => parseCsv('x1,x2,y\n# comment\n1,2,0\n3,4,1\n', { target: 'y' }),
    /^DataError: CSV text, line 2: 1 field, expected 3 as the header line \(column 'x2' and after are missing\); line 2 starts with '#'/);
  assert.throws(() => parseCsv('# a\n1,2,0\n3,4,1\n', { header: false }), /^DataError: CSV text, line 2: 3 fields, expected 1 as line 1 .*; line 1 starts with '#'/);
  // a ragged file with no comment keeps its message as it was
  assert.throws(() => parseCsv('x1,x2,y\n1,2\n', { target: 'y' }), /^DataError: CSV text, line 2: 2 fields, expected 3 as the header line \(column 'y' and after are missing\)$/);
});

test('a square HDF5 X with labels stored 1 x m (the course layout) is read one example per row, with a warning', async () => {
  const h5 = await h5Writer(tempDir());
  const x = Float64Array.from({ length: 16 }, (_, k) => k);
  const square = h5('square.h5', [{ name: 'X', data: x, shape: [4, 4] }, { name: 'y', data: new Float64Array([0, 1, 0, 1]), shape: [1, 4] }]);
  const warnings: string[] = [];
  const d = await loadDataset(square, { warn: (w) => warnings.push(w) });
  assert.deepEqual(Array.from(d.dataset.X.data.slice(0, 4)), [0, 4, 8, 12]); // feature 1 of the four examples (rows)
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0]!, /square\.h5: 'X' is 4 x 4, read as one example per row, but its labels 'y' are stored 1 x 4, the course's layout \(one example per column\): if X is stored n_x x m too, store its transpose \(X\.T\)$/);
  // labels stored as a vector say nothing of the layout: no warning
  const plain = h5('plain.h5', [{ name: 'X', data: x, shape: [4, 4] }, { name: 'y', data: new Float64Array([0, 1, 0, 1]), shape: [4] }]);
  const none: string[] = [];
  await loadDataset(plain, { warn: (w) => none.push(w) });
  assert.deepEqual(none, []);
});

test("a file with CR line ends alone (classic Mac) chooses its separator from line 1, not from the whole text", () => {
  const rows = ['note;x;y', 'hello, big, wide, world;2;0', 'foo, bar, baz, qux;4;1', 'a, b, c, d;6;0', 'e, f, g, h;8;1'];
  const { dataset } = parseCsv(rows.join('\r') + '\r', { target: 'y', oneHot: 'auto' });
  assert.equal(dataset.X.cols, 4);
  assert.equal(dataset.featureNames.length, 5); // x and the four categories of note, one-hot
});
