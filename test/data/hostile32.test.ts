// Hostile input, thirty-second sweep (data): files as a European spreadsheet, an old Windows tool or
// UCI write them. Decimal commas (1,5;2,25) were refused with no way to read them; a model trained on
// a Latin-1 file refused the next file of the same source; adult.test's '<=50K.' was "not in the
// training data" without a word of '<=50K'; identifiers above 2^24 were rounded in float32 silently.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataset } from '../../src/data/load.js';
import { parseCsv, type CsvSchema } from '../../src/data/csv.js';
import { tempDir, writeFile } from './helpers.js';
import { refused } from '../helpers/errors.js';
import { h5Writer } from './h5-files.js';

const dir = tempDir();
const quiet = { warn: () => {} };
const EU = 'a;b;y\n1,5;2,25;yes\n2,5;-1,25;no\n3,5;0,25;yes\n1,0;2,75;no\n2,0;1e-1;yes\n3,0;0,5;no\n';

test("{ decimal: ',' } reads 1,5 as 1.5 (as pandas' decimal=','); the schema keeps it, and files read with it take it unless told", async () => {
  const file = writeFile(dir, 'eu.csv', EU);
  const { dataset, schema } = await loadDataset(file, { ...quiet, decimal: ',' });
  assert.deepEqual(Array.from(dataset.X.data), [1.5, 2.5, 3.5, 1, 2, 3, 2.25, -1.25, 0.25, 2.75, 0.1, 0.5].map(Math.fround));
  assert.equal((schema as CsvSchema).decimal, ',');
  // a file of the same source, read with the schema: decimal commas without being told
  const again = await loadDataset(writeFile(dir, 'eu-test.csv', 'a;b;y\n4,5;0,75;no\n'), { ...quiet, schema });
  assert.deepEqual(Array.from(again.dataset.X.data), [4.5, 0.75]);
  // a file written with points: refused by name (never read as thousands), and readable when told
  const dotted = writeFile(dir, 'dotted.csv', 'a,b,y\n4.5,0.75,no\n');
  await refused(loadDataset(dotted, { ...quiet, schema }), 'DataError', /dotted\.csv, line 2, column 'a': '4\.5' is not a number \(a decimal point, in a file read with decimal commas \(\{ decimal: ',' \}\)\? write 4,5\)$/);
  const told = await loadDataset(dotted, { ...quiet, schema, decimal: '.' });
  assert.deepEqual(Array.from(told.dataset.X.data), [4.5, 0.75]);
  // parseCsv (the browser's reader) takes it too; without it nothing is recorded
  assert.equal(parseCsv(EU, { decimal: ',', warn: () => {} }).schema.decimal, ',');
  assert.equal('decimal' in parseCsv('a,b,y\n1,2,0\n2,3,1\n3,4,0\n4,5,1\n', { task: 'classification' }).schema, false);
});

test("a column of decimal commas read with points is refused naming { decimal: ',' }; the other way round names { decimal: '.' }", async () => {
  const file = writeFile(dir, 'eu-refused.csv', EU);
  await refused(loadDataset(file, quiet), 'DataError', /eu-refused\.csv: column 'a' holds numbers written with a decimal comma \(e\.g\. '1,5'\), which are read as text; read the file with \{ decimal: ',' \} \(as pandas' read_csv\(decimal=','\)\), or save the file with decimal points \('1\.5'\)$/);
  // a target of them too (a regression target of prices was one class per price)
  const target = writeFile(dir, 'eu-target.csv', 'a;y\n1;1,5\n2;2,5\n3;3,75\n');
  await refused(loadDataset(target, quiet), 'DataError', /eu-target\.csv: target column 'y' holds numbers written with a decimal comma \(e\.g\. '1,5'\), which are read as text; read the file with \{ decimal: ',' \}/);
  // not every text a number with a comma: no option to name
  const mixed = writeFile(dir, 'eu-mixed.csv', 'a;b;y\n1,5;1;0\nabc;2;1\nx;3;0\n');
  await refused(loadDataset(mixed, quiet), 'DataError', /eu-mixed\.csv: column 'a' holds numbers written with a decimal comma \(e\.g\. '1,5'\), which are read as text; save the file/);
  const points = writeFile(dir, 'points.csv', 'a;b;y\n1.5;1;0\n2.5;2;1\n3.5;3;0\n');
  await refused(loadDataset(points, { ...quiet, decimal: ',' }), 'DataError', /points\.csv: column 'a' holds numbers written with a decimal point \(e\.g\. '1\.5'\), which are read as text: the file is read with decimal commas \(\{ decimal: ',' \}\); read the file with decimal points \(\{ decimal: '\.' \}, the default\), or write them as '1,5'$/);
  await refused(loadDataset(points, { ...quiet, decimal: ';' as ',' }), 'OptionError', /options\.decimal must be '\.' or ',' \(the decimal mark of the numbers: 1\.5 or 1,5\), got ";"$/);
});

test('thousands separators, currency and percent signs are never read as numbers silently, with either decimal mark', async () => {
  const cases: [string, ',' | '.', RegExp][] = [
    ['1.234,5', ',', /'1\.234,5' is not a number \(digits in groups of thousands\? write the number without separators\)|holds numbers written as a spreadsheet shows them \(e\.g\. '1\.234,5': digits in groups of thousands/],
    ['1.234,5', '.', /holds numbers written with a decimal comma \(e\.g\. '1\.234,5'\), which are read as text; save the file with decimal points \('1234\.5'\)/],
    ['"1,234.5"', '.', /holds numbers written as a spreadsheet shows them \(e\.g\. '1,234\.5': digits in groups of thousands/],
    ['"1,234.5"', ',', /holds numbers written as a spreadsheet shows them \(e\.g\. '1,234\.5': digits in groups of thousands|'1,234\.5' is not a number/],
    ['"$1,200"', '.', /holds numbers written as a spreadsheet shows them \(e\.g\. '\$1,200': a currency or percent sign\? write the number alone\)/],
    ['1.200,50 €', ',', /holds numbers written as a spreadsheet shows them \(e\.g\. '1\.200,50 €': a currency or percent sign\? write the number alone\)/],
    ['12%', '.', /holds numbers written as a spreadsheet shows them \(e\.g\. '12%': a currency or percent sign/],
  ];
  for (const [cell, decimal, said] of cases) {
    const delimiter = decimal === ',' || cell.includes(',') && !cell.startsWith('"') ? ';' : ',';
    const rows = Array.from({ length: 6 }, (_, i) => [cell, String(i), String(i % 2)].join(delimiter));
    const file = writeFile(dir, 'formatted.csv', `a${delimiter}b${delimiter}y\n${rows.join('\n')}\n`);
    await refused(loadDataset(file, { ...quiet, decimal }), 'DataError', said);
  }
});

test("a class or category unseen in training that is a known one but for a trailing '.', case or spaces names it", async () => {
  const train = writeFile(dir, 'adult.csv', 'age,job,y\n30,a,<=50K\n40,b,>50K\n35,a,<=50K\n50,b,>50K\n');
  const { schema } = await loadDataset(train, { ...quiet, oneHot: ['job'] });
  const test1 = writeFile(dir, 'adult-test.csv', 'age,job,y\n30,a,<=50K.\n');
  await refused(loadDataset(test1, { ...quiet, schema }), 'DataError', /adult-test\.csv, line 2, column 'y': class '<=50K\.' was not in the training data \(classes: <=50K, >50K\); it differs from '<=50K' only by a trailing '\.'$/);
  const test2 = writeFile(dir, 'adult-case.csv', 'age,job,y\n30,A,<=50K\n');
  await refused(loadDataset(test2, { ...quiet, schema }), 'DataError', /adult-case\.csv, line 2, column 'job': category 'A' was not in the training data \(known: 'a', 'b'\); it differs from 'a' only by letter case; encode unknown categories as all zeros with \{ handleUnknown: 'ignore' \}$/);
  const test3 = writeFile(dir, 'adult-far.csv', 'age,job,y\n30,a,maybe\n');
  await refused(loadDataset(test3, { ...quiet, schema }), 'DataError', /class 'maybe' was not in the training data \(classes: <=50K, >50K\)$/);
});

test('a model read with the schema of a Latin-1 training file reads the next Latin-1 file, and a UTF-8 one, without being told', async () => {
  const latin = (text: string) => Uint8Array.from(text, (c) => (c === '€' ? 0x80 : c.charCodeAt(0)));
  const rows = 'x;ville;y\n1;Orléans;yes\n2;Besançon;no\n3;Orléans;yes\n4;Besançon;no\n';
  const train = writeFile(dir, 'latin.csv', latin(rows));
  await refused(loadDataset(train, quiet), 'DataError', /latin\.csv, line 2, character 6: the byte 0xe9 is not UTF-8 text/);
  const { schema } = await loadDataset(train, { ...quiet, encoding: 'latin1', oneHot: ['ville'] });
  assert.equal((schema as CsvSchema).encoding, 'latin1');
  const next = writeFile(dir, 'latin-next.csv', latin('x;ville;y\n5;Besançon;no\n'));
  const utf8 = writeFile(dir, 'utf8-next.csv', 'x;ville;y\n5;Besançon;no\n');
  for (const file of [next, utf8]) {
    const { dataset } = await loadDataset(file, { ...quiet, schema });
    assert.deepEqual(Array.from(dataset.X.data), [5, 1, 0], file); // Besançon, Orléans
  }
  // an encoding given wins
  await refused(loadDataset(next, { ...quiet, schema, encoding: 'utf-8' }), 'DataError', /latin-next\.csv, line 2, character 8: the byte 0xe7 is not UTF-8 text/);
  // a UTF-8 training file records nothing
  const { schema: plain } = await loadDataset(writeFile(dir, 'utf8.csv', rows), { ...quiet, oneHot: ['ville'] });
  assert.equal('encoding' in plain, false);
});

test('whole numbers above 2^24 that float32 rounds are said once per column (CSV and HDF5); float64 keeps them', async () => {
  const rows = Array.from({ length: 8 }, (_, i) => `${16777217 + 2 * i},${i},${i % 2}`);
  const file = writeFile(dir, 'ids.csv', `id,x,y\n${rows.join('\n')}\n`);
  const said: string[] = [];
  const { dataset } = await loadDataset(file, { warn: (w) => said.push(w) });
  assert.equal(dataset.X.get(0, 0), 16777216);
  assert.deepEqual(said.filter((w) => /2\^24/.test(w)), [
    `${file}, column 'id': 8 whole numbers are above 2^24 (16777216) and were rounded to another in float32 (e.g. '16777217' at line 2 read as 16777216); read and train in float64 ({ dtype: 'float64' }) to keep them exact, or leave an identifier out of the features`,
  ]);
  const kept: string[] = [];
  const wide = await loadDataset(file, { dtype: 'float64', warn: (w) => kept.push(w) });
  assert.equal(wide.dataset.X.get(0, 0), 16777217);
  assert.equal(kept.filter((w) => /2\^24/.test(w)).length, 0);
  // HDF5: an int32 X of identifiers, per feature
  const h5 = (await h5Writer(dir))('ids.h5', [
    { name: 'X', data: new Int32Array([16777217, 1, 5, 2, 16777219, 3, 7, 4]), shape: [4, 2] },
    { name: 'y', data: new Int32Array([0, 1, 0, 1]), shape: [4] },
  ]);
  const h5said: string[] = [];
  await loadDataset(h5, { warn: (w) => h5said.push(w) });
  assert.deepEqual(h5said.filter((w) => /2\^24/.test(w)), [
    `${h5}: dataset 'X', feature 1: 2 whole numbers are above 2^24 (16777216) and were rounded to another in float32 (e.g. 16777217 in example 1 read as 16777216); read and train in float64 ({ dtype: 'float64' }) to keep them exact, or leave an identifier out of the features`,
  ]);
});

test("neighbours: spaces inside quotes around a number, decimal commas in a headerless ';' file, groups of thousands in a ';' file", async () => {
  // (" 1.5 " was text: one-hot advice for a column of numbers; pandas reads it as 1.5)
  const spaced = writeFile(dir, 'spaced.csv', 'a,b,y\n" 1.5 ",1,0\n" 2.5",2,1\n"3.5 ",3,0\n"4",4,1\n');
  assert.deepEqual(Array.from((await loadDataset(spaced, quiet)).dataset.X.data.subarray(0, 4)), [1.5, 2.5, 3.5, 4]);
  // a headerless file of decimal commas: ';' is its separator (a tie of ',' and ';' chose ',': four columns)
  const headerless = writeFile(dir, 'headerless.csv', '1,5;2,25;1\n2,5;3,25;0\n3,5;0,25;1\n1,5;1,5;0\n');
  const { dataset } = await loadDataset(headerless, { ...quiet, decimal: ',' });
  assert.deepEqual([dataset.X.rows, dataset.X.get(0, 0), dataset.X.get(1, 0)], [2, 1.5, 2.25]);
  // 1.234 in a ';' file may be 1234: said, naming the column (it was read as 1.234 without a word)
  const grouped = writeFile(dir, 'grouped.csv', 'a;b;y\n1.234;2;0\n2.500;1;1\n3.125;1;0\n7;2;1\n');
  const said: string[] = [];
  await loadDataset(grouped, { warn: (w) => said.push(w) });
  assert.deepEqual(said.filter((w) => /groups of three/.test(w)), [
    `${grouped}: in column 'a' every number with a '.' is written in groups of three digits (as '1.234'), read with '.' as the decimal point; in a file separated by ';', as a European spreadsheet saves it, '.' may group thousands (1.234 for 1234): if so, save the numbers without the '.' (and read decimal commas with { decimal: ',' })`,
  ]);
  const fractions: string[] = [];
  await loadDataset(writeFile(dir, 'fractions.csv', 'a;b;y\n1.25;2;0\n2.500;1;1\n0.125;1;0\n'), { warn: (w) => fractions.push(w) });
  assert.equal(fractions.filter((w) => /groups of three/.test(w)).length, 0);
  // decimal commas unquoted in a file separated by commas: which comma is which cannot be told, said so
  const unquoted = writeFile(dir, 'unquoted.csv', 'a,b,y\n1,5,2,25,yes\n2,5,1,25,no\n');
  await refused(loadDataset(unquoted, { ...quiet, decimal: ',' }), 'DataError', /unquoted\.csv, line 2: 5 fields, expected 3 as the header line \(extra field after column 'y'\); the file is read with decimal commas \(\{ decimal: ',' \}\) and ',' between fields: such numbers must be quoted \("1,5"\), or the fields separated by ';'$/);
  // French thousands with a (narrow) no-break space and a decimal comma: named as groups
  const french = writeFile(dir, 'french.csv', 'a;b;y\n1\u202f234,5;1;0\n2\u202f000,5;2;1\n');
  await refused(loadDataset(french, { ...quiet, decimal: ',' }), 'DataError', /french\.csv: column 'a' holds numbers written as a spreadsheet shows them \(e\.g\. '1 234,5': digits in groups of thousands/);
});
