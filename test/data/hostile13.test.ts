// Hostile input, thirteenth sweep (data): Excel's separator line ("sep=;" first, as Excel writes
// for a list separator of another locale) was refused with a message; a user expects it honoured, as
// Excel does. Its separator is now the file's, every line keeps its number, and a delimiter option
// that says another separator is an error naming both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { loadDataset } from '../../src/data/load.js';
import { csvHeader, parseCsv } from '../../src/data/csv.js';
import { DataError, OptionError } from '../../src/errors.js';
import { tempDir } from './helpers.js';

const dir = tempDir();
const oneLine = (type: new (...a: never[]) => Error, pattern: RegExp) => (e: unknown) => e instanceof type && pattern.test(e.message) && !e.message.includes('\n');
const rows = Array.from({ length: 8 }, (_, i) => `${i};${i % 3};${i % 2}`).join('\r\n') + '\r\n';

test("Excel's separator line is honoured: sep=; reads a file of ';' with its header on line 2", async () => {
  const excel = join(dir, 'excel.csv');
  writeFileSync(excel, `sep=;\r\na;b;y\r\n${rows}`);
  const r = await loadDataset(excel, { warn: () => {} });
  assert.deepEqual(r.dataset.featureNames, ['a', 'b']);
  assert.equal(r.dataset.X.cols, 8);
  assert.equal(r.schema.format === 'csv' && r.schema.delimiter, ';');
  // quoted, with a BOM, a tab, any letter case
  assert.deepEqual(parseCsv('\uFEFF"SEP=\t"\na\tb\ty\n1\t2\t0\n3\t4\t1\n').dataset.featureNames, ['a', 'b']);
  assert.deepEqual(csvHeader('sep=|\nx|y\n1|0\n'), { cells: ['x', 'y'], delimiter: '|', header: true });
  // a model's schema reads a later file with its own separator line
  const again = await loadDataset(excel, { schema: r.schema });
  assert.deepEqual(Array.from(again.dataset.X.data), Array.from(r.dataset.X.data));
});

test("after Excel's separator line, errors name the file's own line numbers", () => {
  assert.throws(() => parseCsv('sep=;\na;b;y\n1;2;0\n2;x;1\n', {}, 'e.csv'), oneLine(DataError, /^e\.csv, line 4, column 'b': 'x' is not a number/));
  assert.throws(() => parseCsv('sep=;\na;a;y\n1;2;0\n2;3;1\n', {}, 'e.csv'), oneLine(DataError, /^e\.csv, line 2: the column name 'a' appears twice in the header/));
});

test("a separator line that names an unknown separator, or one the delimiter option contradicts, is an error naming both", () => {
  assert.throws(() => parseCsv('sep=:\na:y\n1:0\n', {}, 'e.csv'), oneLine(DataError, /^e\.csv, line 1: Excel's separator line 'sep=:' names ':' as the separator; backprop reads , ; tab or \|/));
  assert.throws(() => parseCsv('sep=;\na;y\n1;0\n2;1\n', { delimiter: ',' }, 'e.csv'), oneLine(OptionError, /^e\.csv, line 1: Excel's separator line 'sep=;' names ';' as the separator, but the delimiter option says ','; drop the option/));
  assert.equal(parseCsv('sep=;\na;y\n1;0\n2;1\n', { delimiter: ';' }).dataset.X.cols, 2);
  assert.equal(parseCsv('sepal,y\n1,0\n2,1\n3,0\n4,1\n').schema.columns[0], 'sepal'); // a column whose name starts so is no such line
});

test("a target or feature given as a number that names one column and is another's position: warned, naming both", () => {
  const warned: string[] = [];
  const r = parseCsv('3,a,y\n1,0.5,0\n0,3.5,1\n1,4.5,0\n0,5.5,1\n', { target: 3, features: ['a'], warn: (m) => warned.push(m) }, 'amb.csv');
  assert.equal(r.schema.target, '3');
  assert.deepEqual(warned, ["amb.csv: target 3 is read as the column named '3' (column 1), not as column 3 ('y'); to use column 3, give its name"]);
  const quiet: string[] = [];
  parseCsv('x,2,y\n1,0,0\n2,1,1\n3,0,0\n4,1,1\n', { target: '2', features: ['x'], warn: (m) => quiet.push(m) }); // name and position agree
  assert.deepEqual(quiet.filter((m) => /read as the column named/.test(m)), []);
});
