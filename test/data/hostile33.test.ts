// Hostile input, thirty-third sweep (data): files as users make them by joining exports, typing
// column names from memory, or reading a European spreadsheet's file with a model trained on another.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataset } from '../../src/data/load.js';
import { parseCsv } from '../../src/data/csv.js';
import { tempDir, writeFile } from './helpers.js';
import { refused } from '../helpers/errors.js';

const dir = tempDir();
const quiet = { warn: () => {} };

test('a header line repeated among the rows (two exports joined) is refused naming its line, in number and in text columns', async () => {
  const rows = (k: number) => Array.from({ length: k }, (_, i) => `${i % 3 === 0 ? 'red' : 'blue'},${i % 2 ? 'a' : 'b'}`).join('\n');
  // every column text: the header's names were a category 'color' and a class 'label', silently
  const text = writeFile(dir, 'joined-text.csv', `color,label\n${rows(20)}\ncolor,label\n${rows(20)}\n`);
  await refused(loadDataset(text, { ...quiet, oneHot: 'auto' }), 'DataError', /joined-text\.csv, line 22 repeats the header line \(color,label\): files joined one after another, each with its header\? remove the header lines after line 1$/);
  // number columns: "'x1' is not a number" said nothing of why
  const numbers = 'x1;x2;y\n1;2;0\n2;3;1\nx1;x2;y\n3;4;0\n4;5;1\n';
  assert.throws(() => parseCsv(numbers, quiet), /CSV text, line 4 repeats the header line \(x1;x2;y\)/);
  // quoted (csv-parse's path) and with spaces around the cells: the same
  assert.throws(() => parseCsv('"x1","y"\n1,a\n2,b\n "x1" , "y" \n3,a\n', quiet), /line 4 repeats the header line/);
  // a header of numbers is no name to find again; a row that shares some names is data
  assert.equal(parseCsv('c,y\nc,a\nd,b\ny,a\nc,b\n', { ...quiet, oneHot: 'auto' }).dataset.X.cols, 4);
  assert.equal(parseCsv('1,2,3\n1,2,3\n4,5,6\n', { ...quiet, header: true, task: 'regression' }).dataset.X.cols, 2);
});
