// Hostile input, thirty-third sweep (data): files as users make them by joining exports, typing
// column names from memory, or reading a European spreadsheet's file with a model trained on another.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataset, trainModel } from '../../src/node.js';
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

test("'1.234' in a ';' file is warned of when a model reads it (predict, evaluate, Model.predict), as when training", async () => {
  const plain = writeFile(dir, 'plain-semi.csv', 'a;b;y\n714;2;no\n1110;1;yes\n2500;1;yes\n90;2;no\n');
  const train = await loadDataset(plain, quiet);
  const grouped = 'a;b;y\n1.110;2;yes\n2.500;1;yes\n714;2;no\n';
  const WARNED = /in column 'a' every number with a '\.' is written in groups of three digits \(as '1\.234'\), read with '\.' as the decimal point; in a file separated by ';'/;
  const said: string[] = [];
  await loadDataset(writeFile(dir, 'grouped-semi.csv', grouped), { schema: train.schema, warn: (w) => said.push(w) });
  assert.equal(said.filter((w) => WARNED.test(w)).length, 1, said.join('\n'));
  const { model } = await trainModel({ layers: [2], epochs: 1, testSplit: 0 }, { train: train.dataset, schema: train.schema });
  const told: string[] = [];
  model.predict(grouped, { warn: (w) => told.push(w) });
  model.evaluate(grouped, undefined, { warn: (w) => told.push(w) });
  assert.equal(told.filter((w) => WARNED.test(w)).length, 2, told.join('\n'));
  // training says it once (it is said by the reader that fills X, one rule for both)
  const once: string[] = [];
  await loadDataset(writeFile(dir, 'grouped-train.csv', grouped), { warn: (w) => once.push(w) });
  assert.equal(once.filter((w) => WARNED.test(w)).length, 1, once.join('\n'));
  // a column with a fraction of other decimals is no grouping; a ',' file neither
  const none: string[] = [];
  await loadDataset(writeFile(dir, 'mixed-semi.csv', 'a;b;y\n1.110;2;yes\n2.5;1;no\n'), { schema: train.schema, warn: (w) => none.push(w) });
  model.predict('a,b\n1.110,2\n', { warn: (w) => none.push(w) });
  assert.equal(none.filter((w) => WARNED.test(w)).length, 0, none.join('\n'));
});
