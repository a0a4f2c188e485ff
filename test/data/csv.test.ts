import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { readCsv, parseCsv, fillMissingMeans, type CsvSchema } from '../../src/data/csv-file.js';
import { DataError, ModelFileError, OptionError } from '../../src/errors.js';
import { tempDir, writeFile } from './helpers.js';

const dir = tempDir();
const rows = (m: { rows: number; cols: number; data: ArrayLike<number> }) =>
  Array.from({ length: m.rows }, (_, i) => Array.from(m.data).slice(i * m.cols, (i + 1) * m.cols));
const throwsData = (fn: () => unknown, pattern: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof DataError && pattern.test(e.message), `expected a DataError matching ${pattern}`);

test('header, target last, one example per column, classes sorted numerically', () => {
  const path = writeFile(dir, 'basic.csv', 'a,b,label\n1,2,10\n3,4,2\n5,6,10\n7,8,2\n');
  const { dataset, schema } = readCsv(path, { task: 'classification' });
  assert.equal(dataset.name, 'basic');
  assert.deepEqual(dataset.X.shape, [2, 4]);
  assert.equal(dataset.X.dtype, 'float32');
  assert.deepEqual(rows(dataset.X), [[1, 3, 5, 7], [2, 4, 6, 8]]);
  assert.deepEqual(dataset.classes, ['2', '10']); // numeric order, not string order
  assert.deepEqual(Array.from(dataset.Y.data), [1, 0, 1, 0]);
  assert.equal(dataset.task, 'binary');
  assert.deepEqual(dataset.featureNames, ['a', 'b']);
  assert.deepEqual(JSON.parse(JSON.stringify(schema)), schema, 'the schema is plain JSON');
});

test('auto task: labels 0/1 -> classes "0","1"; text labels -> classes; many real values -> regression', () => {
  const binary = parseCsv('x,y\n1,0\n2,1\n3,1\n4,0\n');
  assert.deepEqual(binary.dataset.classes, ['0', '1']);
  assert.deepEqual(Array.from(binary.dataset.Y.data), [0, 1, 1, 0]);
  const text = parseCsv('x,y\n1,dog\n2,cat\n3,bird\n');
  assert.deepEqual(text.dataset.classes, ['bird', 'cat', 'dog']);
  assert.equal(text.dataset.task, 'multiclass');
  const reg = parseCsv('x,y\n1,0.5\n2,1.5\n3,2.25\n4,3\n');
  assert.equal(reg.dataset.task, 'regression');
  assert.equal(reg.dataset.classes, undefined);
  assert.deepEqual(Array.from(reg.dataset.Y.data), [0.5, 1.5, 2.25, 3]);
  // integers, but as many distinct values as rows: classes or a quantity cannot be told, so the task is asked for (see hostile5)
  assert.throws(() => parseCsv('x,y\n1,10\n2,20\n3,30\n4,40\n'), /too few rows per value to tell classes from a quantity/);
  assert.equal(parseCsv('x,y\n1,10\n2,20\n3,30\n4,40\n', { task: 'regression' }).dataset.task, 'regression');
  assert.equal(parseCsv('x,y\n1,10\n2,20\n', { task: 'regression' }).dataset.task, 'regression');
});

test('quoted fields, UTF-8 BOM, CRLF line endings and blank lines', () => {
  const path = writeFile(dir, 'quoted.csv', '\ufeff"size, cm","colour",class\r\n"1.5","red, dark",yes\r\n\r\n2.5,"blue ""light""",no\r\n');
  const { dataset } = readCsv(path, { oneHot: ['colour'] });
  assert.deepEqual(dataset.featureNames, ['size, cm', 'colour=blue "light"', 'colour=red, dark']);
  assert.deepEqual(rows(dataset.X), [[1.5, 2.5], [0, 1], [1, 0]]);
  assert.deepEqual(dataset.classes, ['no', 'yes']);
  assert.deepEqual(Array.from(dataset.Y.data), [1, 0]);
});

test('gzip files are read transparently', () => {
  const path = writeFile(dir, 'small.csv.gz', gzipSync('a,b\n1,x\n2,y\n3,x\n'));
  const { dataset } = readCsv(path);
  assert.equal(dataset.name, 'small');
  assert.deepEqual(dataset.classes, ['x', 'y']);
  assert.deepEqual(Array.from(dataset.X.data), [1, 2, 3]);
});

test('no header: columns are named "1", "2", ...; target by position or name; features chosen', () => {
  const text = '5,1,0.5,a\n6,2,0.25,b\n7,3,0.125,a\n8,4,1,b\n';
  const last = parseCsv(text, { header: false });
  assert.deepEqual(last.dataset.featureNames, ['1', '2', '3']);
  assert.deepEqual(last.dataset.classes, ['a', 'b']);
  const first = parseCsv(text, { header: false, target: 1, features: ['2', 3], task: 'regression' });
  assert.deepEqual(first.dataset.featureNames, ['2', '3']);
  assert.deepEqual(Array.from(first.dataset.Y.data), [5, 6, 7, 8]);
  assert.equal(parseCsv(text, { header: false, target: '1', features: ['3'], task: 'regression' }).schema.target, '1');
});

test('header left unsaid: a first line of numbers over columns of numbers is data (with a warning); a name over numbers is a header', () => {
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);
  // like UCI's ilpd.csv: no header, a text column among number columns
  const headless = parseCsv('65,Female,0.7,1\n62,Male,10.9,2\n62,Male,7.3,1\n58,Female,1,1\n', { oneHot: 'auto', warn }, 'ilpd.csv');
  assert.equal(headless.schema.header, false);
  assert.equal(headless.dataset.X.cols, 4);
  assert.deepEqual(headless.schema.columns, ['1', '2', '3', '4']);
  assert.match(warnings[0]!, /^ilpd\.csv: no header line \(line 1 holds numbers in all 3 columns of numbers\): columns are named 1, 2, 3, \.\.\.; if line 1 names the columns, say so \(\{ header: true \}\)$/);
  warnings.length = 0;
  const headed = parseCsv('age,sex,bili,y\n65,Female,0.7,1\n62,Male,10.9,2\n', { oneHot: 'auto', task: 'classification', warn });
  assert.equal(headed.schema.header, true);
  assert.equal(headed.dataset.X.cols, 2);
  assert.deepEqual(warnings, []);
  // a missing cell in line 1 does not decide; every column of text keeps line 1 as the header
  assert.equal(parseCsv('1,,3\n4,5,6\n7,8,9\n', { warn, missing: 'drop', task: 'regression' }).schema.header, false);
  assert.equal(parseCsv('a,b\nx,y\nz,w\n', { oneHot: 'auto' }).schema.header, true);
  // said outright, the option wins
  assert.equal(parseCsv('1,2,3\n4,5,6\n7,8,9\n', { header: true, task: 'regression' }).dataset.X.cols, 2);
  assert.equal(parseCsv('1,2,3\n4,5,6\n7,8,9\n', { header: false, task: 'regression' }).dataset.X.cols, 3);
});

test('one-hot: auto encodes every text column, categories sorted, expanded in place', () => {
  const { dataset, schema } = parseCsv('age,sex,city,y\n30,M,Paris,1\n40,F,Rome,0\n50,M,Oslo,1\n60,F,Paris,0\n', { oneHot: 'auto' });
  assert.deepEqual(dataset.featureNames, ['age', 'sex=F', 'sex=M', 'city=Oslo', 'city=Paris', 'city=Rome']);
  assert.deepEqual(rows(dataset.X), [[30, 40, 50, 60], [0, 1, 0, 1], [1, 0, 1, 0], [0, 0, 1, 0], [1, 0, 0, 1], [0, 1, 0, 0]]);
  assert.deepEqual(schema.features[1], { column: 'sex', type: 'oneHot', categories: ['F', 'M'] });
});

test('one-hot of a numeric column by name treats its values as categories', () => {
  const { dataset } = parseCsv('grade,x,y\n1,0.5,0\n3,0.5,1\n1,0.5,1\n2,0.5,0\n', { oneHot: ['grade'] });
  assert.deepEqual(dataset.featureNames, ['grade=1', 'grade=2', 'grade=3', 'x']);
});

test('a text feature without --one-hot is a DataError naming the file, column and option', () => {
  const path = writeFile(dir, 'text.csv', 'age,sex,y\n30,M,1\n40,F,0\n');
  throwsData(() => readCsv(path), /text\.csv.*column 'sex'.*\{ oneHot: \['sex'\] \}/);
});

test('missing cells: error names file, line and column; drop skips rows; mean fills training means', () => {
  const path = writeFile(dir, 'missing.csv', 'a,b,y\n1,10,0\n2,,1\n3,30,1\n,40,1\n');
  throwsData(() => readCsv(path), /missing\.csv, line 3, column 'b': empty cell.*\{ missing: 'drop' \}.*\{ missing: 'mean' \}/);
  const dropped = readCsv(path, { missing: 'drop' });
  assert.deepEqual(rows(dropped.dataset.X), [[1, 3], [10, 30]]);
  assert.deepEqual(dropped.droppedLines, [3, 5]);
  const filled = readCsv(path, { missing: 'mean' });
  assert.deepEqual(rows(filled.dataset.X), [[1, 2, 3, 2], [10, 80 / 3, 30, 40].map(Math.fround)]);
  assert.deepEqual(filled.schema.features.map((f) => f.type === 'number' && f.mean), [2, 80 / 3]);
  throwsData(() => parseCsv('a,y\n1,0\n2,\n3,1\n', { missing: 'mean' }), /line 3, column 'y': the target is empty.*\{ missing: 'drop' \}/);
  throwsData(() => parseCsv('a,b,y\n,1,0\n2,,1\n', { missing: 'drop' }), /nothing is left/);
  throwsData(() => parseCsv('a,y\n,0\n,1\n', { missing: 'drop' }), /column 'a' is empty in every row/);
});

test('"?" and "NA" count as missing', () => {
  assert.deepEqual(parseCsv('a,y\n1,0\n?,1\nNA,0\n4,1\n', { missing: 'drop' }).droppedLines, [3, 4]);
});

test('ragged rows, bad numbers, empty files and header-only files are DataErrors naming the place', () => {
  const ragged = writeFile(dir, 'ragged.csv', 'a,b,y\n1,2,0\n3,1\n4,5,6,7\n');
  throwsData(() => readCsv(ragged), /ragged\.csv, line 3: 2 fields, expected 3.*column 'y'/);
  throwsData(() => parseCsv('a,b,y\n1,2,0\n4,5,6,7\n', {}, 'r.csv'), /r\.csv, line 3: 4 fields, expected 3/);
  const bad = writeFile(dir, 'bad.csv', 'a,b,y\n1,2,0\n3,4,1\n5,x7,0\n6,8,1\n');
  throwsData(() => readCsv(bad), /bad\.csv, line 4, column 'b': 'x7' is not a number/);
  throwsData(() => readCsv(writeFile(dir, 'empty.csv', '')), /empty\.csv: the file is empty/);
  throwsData(() => readCsv(writeFile(dir, 'blank.csv', '\n\n')), /the file is empty/);
  throwsData(() => readCsv(writeFile(dir, 'header.csv', 'a,b,y\n')), /header\.csv: only a header line/);
  throwsData(() => parseCsv('a,b\n1,"2\n'), /^CSV text, line 2, column 'b': a quote opens this field and is never closed \(the file ends inside it, at line 2\)/);
  throwsData(() => parseCsv('a,a,y\n1,2,0\n'), /'a' appears twice/);
  throwsData(() => readCsv(`${dir}/nope.csv`), /^file not found: .*nope\.csv$/);
});

test('unknown target or feature columns list the available columns; bad options are OptionErrors', () => {
  throwsData(() => parseCsv('a,b,y\n1,2,0\n', { target: 'z' }), /no target column 'z'; the columns are: a, b, y/);
  throwsData(() => parseCsv('a,b,y\n1,2,0\n', { features: ['a', 'q'] }), /no feature column 'q'; the columns are: a, b, y/);
  throwsData(() => parseCsv('a,b\n1,2\n', { header: false, target: 7 }), /no target column '7' \(positions are 1 to 2\); the columns are: 1, 2/);
  assert.throws(() => parseCsv('a,b,y\n1,2,0\n', { missing: 'zero' as never }), OptionError);
  assert.throws(() => parseCsv('a,b,y\n1,2,0\n', { task: 'clustering' as never }), OptionError);
  assert.throws(() => parseCsv('a,b,y\n1,2,0\n', { features: ['a', 'y'] }), OptionError);
  throwsData(() => parseCsv('a,y\n1,k\n2,k\n'), /single value 'k'/);
  throwsData(() => parseCsv('a,y\n1,k\n2,j\n', { task: 'regression' }), /holds text.*\{ task: 'classification' \}/);
});

test('the schema applied to a test file lines columns up; unseen category -> zeros with handleUnknown ignore; unseen class -> DataError', () => {
  const train = writeFile(dir, 'train.csv', 'age,city,bmi,y\n30,Paris,20,no\n40,Rome,,yes\n50,Oslo,30,no\n');
  const { schema } = readCsv(train, { oneHot: 'auto', missing: 'mean' });
  // another column order, an unseen city, a missing bmi filled with the TRAINING mean (25)
  const testFile = writeFile(dir, 'test.csv', 'y,bmi,city,age\nyes,22,Paris,35\nno,,Lima,45\n');
  const roundTrip = JSON.parse(JSON.stringify(schema)) as CsvSchema;
  const warnings: string[] = [];
  const { dataset, unknownCategories } = readCsv(testFile, { schema: roundTrip, handleUnknown: 'ignore', warn: (w) => warnings.push(w) });
  assert.equal(unknownCategories, 1);
  assert.deepEqual(warnings, [`${testFile}: 1 cell held a category not seen in training, encoded as all zeros ({ handleUnknown: 'ignore' })`]);
  assert.deepEqual(dataset.featureNames, ['age', 'city=Oslo', 'city=Paris', 'city=Rome', 'bmi']);
  assert.deepEqual(rows(dataset.X), [[35, 45], [0, 0], [1, 0], [0, 0], [22, 25]]);
  assert.deepEqual(dataset.classes, ['no', 'yes']);
  assert.deepEqual(Array.from(dataset.Y.data), [1, 0]);

  throwsData(() => readCsv(writeFile(dir, 'test2.csv', 'age,city,bmi,y\n30,Paris,20,maybe\n'), { schema }), /test2\.csv, line 2, column 'y': class 'maybe' was not in the training data \(classes: no, yes\)/);
  throwsData(() => readCsv(writeFile(dir, 'test3.csv', 'age,bmi,y\n30,20,no\n'), { schema }), /no column 'city'.*the columns are: age, bmi, y/);
  throwsData(() => readCsv(writeFile(dir, 'test4.csv', 'age,city,bmi\n30,Rome,20\n'), { schema }), /no target column 'y'/);
  throwsData(() => readCsv(writeFile(dir, 'test5.csv', 'age,city,bmi,y\nold,Rome,20,no\n'), { schema }), /test5\.csv, line 2, column 'age': 'old' is not a number/);
  assert.throws(() => readCsv(testFile, { schema: { format: 'json' } as never }), ModelFileError);
});

test('a predict file may leave out the target (requireTarget false): Y is NaN and the dataset unlabeled', () => {
  const { schema } = parseCsv('a,b,y\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n');
  const predict = readCsv(writeFile(dir, 'predict.csv', 'b,a\n20,10\n'), { schema, requireTarget: false });
  assert.deepEqual(Array.from(predict.dataset.X.data), [10, 20]);
  assert.ok(Number.isNaN(predict.dataset.Y.data[0]));
  assert.equal(predict.dataset.unlabeled, true);
  // a target present in a predict file is still read
  assert.deepEqual(Array.from(readCsv(writeFile(dir, 'p2.csv', 'a,b,y\n1,2,1\n'), { schema, requireTarget: false }).dataset.Y.data), [1]);
});

test('without a header, a predict file may have one column fewer (the target left out)', () => {
  const { schema } = parseCsv('1,10,0\n2,20,1\n3,30,0\n4,40,1\n', { header: false, target: 2, task: 'regression' });
  assert.deepEqual(schema.featureNames, ['1', '3']);
  const full = readCsv(writeFile(dir, 'nh-test.csv', '5,1,50\n'), { schema });
  assert.deepEqual(Array.from(full.dataset.X.data), [5, 50]);
  assert.deepEqual(Array.from(full.dataset.Y.data), [1]);
  const noTarget = readCsv(writeFile(dir, 'nh-predict.csv', '5,50\n6,60\n'), { schema, requireTarget: false });
  assert.deepEqual(rows(noTarget.dataset.X), [[5, 6], [50, 60]]);
  throwsData(() => readCsv(writeFile(dir, 'nh-bad.csv', '5,50\n'), { schema }), /2 columns per row, but the training file had 3/);
});

test('numeric class labels match by value: "1.0" in a test file is class "1"', () => {
  const { schema } = parseCsv('x,y\n1,1\n2,2\n3,1\n4,2\n');
  assert.deepEqual(Array.from(parseCsv('x,y\n1,2.0\n2,1.0\n', { schema }).dataset.Y.data), [1, 0]);
});

test('the separator is found from the first line (; tab |) or given; test files are read with the training one', () => {
  const semi = parseCsv('a;b;"c;d";y\n1;2,5;3;0\n4;5;6;1\n7;8;9;0\n1;1;1;1\n', { task: 'classification', oneHot: ['b'] }, 'semi.csv');
  assert.deepEqual(semi.schema.columns, ['a', 'b', 'c;d', 'y']);
  assert.equal(semi.schema.delimiter, ';');
  const again = parseCsv('a;b;"c;d";y\n2;5;3;1\n', { schema: semi.schema }, 'test.csv');
  assert.deepEqual(Array.from(again.dataset.Y.data), [1]);
  const tab = parseCsv('x\ty\n1\t0\n2\t1\n3\t0\n4\t1\n', { task: 'classification' }, 'tab.tsv');
  assert.deepEqual(tab.schema.columns, ['x', 'y']);
  const pipe = parseCsv('x|y\n1|0\n2|1\n3|0\n4|1\n', { delimiter: '|', task: 'classification' }, 'p.txt');
  assert.equal(pipe.dataset.X.cols, 4);
  assert.throws(() => parseCsv('x y\n1 0\n', { delimiter: ' ' }), /options\.delimiter must be one of/);
});

test('deferMissing leaves empty cells NaN; fillMissingMeans fills them with the means of the training rows only', () => {
  const text = 'a,b,c,y\n1,,x,0\n3,10,y,1\n,20,x,0\n5,30,y,1\n';
  const { dataset, schema } = parseCsv(text, { missing: 'mean', oneHot: ['c'], deferMissing: true });
  const X = dataset.X; // rows a, b, c=x, c=y; 4 columns (examples)
  assert.ok(Number.isNaN(X.get(0, 2)) && Number.isNaN(X.get(1, 0)));
  // "train" = examples 1..3, "test" = example 0: the means come from the train columns only
  const train = X.sliceColumns(1, 4), test = X.sliceColumns(0, 1);
  fillMissingMeans(schema, train, [test]);
  const [a, b] = schema.features as { mean: number }[];
  assert.equal(a!.mean, (3 + 5) / 2);    // not (1 + 3 + 5) / 3
  assert.equal(b!.mean, (10 + 20 + 30) / 3);
  assert.equal(train.get(0, 1), 4);      // example 2's empty a
  assert.equal(test.get(1, 0), 20);      // the test example's empty b, with the training mean
  assert.ok(!Array.from(train.data).some(Number.isNaN) && !Array.from(test.data).some(Number.isNaN));
  // without deferMissing: the means of all rows, filled at once
  const all = parseCsv(text, { missing: 'mean', oneHot: ['c'] });
  assert.equal((all.schema.features[0] as { mean: number }).mean, 3);
});

test('200,000 columns are looked up by name in linear time (the schema applied to its own file)', () => {
  // with a search per feature this took 24-45 s, and with columns.includes per feature in the schema's
  // check 100 s; it takes a few seconds. The read runs in a child process so that the 60 s deadline
  // really stops it (a timeout cannot interrupt a synchronous test).
  const n = 200_000;
  const header = Array.from({ length: n }, (_, i) => `c${i}`).join(',') + ',y';
  const row = (k: number) => Array.from({ length: n }, (_, i) => (i + k) % 10).join(',') + `,${k % 2}`;
  const text = [header, row(0), row(1), row(2), row(3)].join('\n') + '\n';
  const file = writeFile(dir, 'wide.csv', text);
  const reader = new URL('../../src/data/csv-file.js', import.meta.url).href;
  const script = `const { readCsv } = await import(${JSON.stringify(reader)});
    const { dataset, schema } = readCsv(${JSON.stringify(file)});
    const again = readCsv(${JSON.stringify(file)}, { schema });
    console.log(JSON.stringify([dataset.X.shape, again.dataset.X.get(${n - 1}, 3)]));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.signal, null, `the read was stopped after 60 s (${run.signal})`);
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), [[n, 4], (n - 1 + 3) % 10]);
});

test('classes and categories that differ only in case or Unicode form are kept apart, with one warning each', () => {
  const warnings: string[] = [];
  const text = 'kind,label\nA,Cat\na,cat\nA,Cat\na,cat\n\u00e9,x\u00e9\ne\u0301,cat\n';
  const { dataset } = parseCsv(text, { oneHot: 'auto', task: 'classification', warn: (w) => warnings.push(w) });
  assert.deepEqual(dataset.classes, ['Cat', 'cat', 'x\u00e9']);
  assert.equal(warnings.length, 2);
  assert.match(warnings[0]!, /one-hot column 'kind': values that differ only in letter case, Unicode form, spaces at either end or invisible characters are kept apart: "A" and "a"; "e\\u0301" and "\u00e9"/); // the combining accent written out: the two print alike
  assert.match(warnings[1]!, /target column 'label': .*"Cat" and "cat"/);
});

test('a text target with more different values than maxClasses is refused, saying why', () => {
  const text = 'x,name\n' + Array.from({ length: 30 }, (_, i) => `${i},n${i}`).join('\n') + '\n';
  throwsData(() => parseCsv(text, { maxClasses: 20 }), /target column 'name' has 30 different values, more than the 20 classes allowed \(an identifier or free text\? choose the label column with options\.target\); raise the limit with options\.maxClasses/);
  // (one row per name: said to be classes, since a text target of about one row per value is refused under task auto)
  assert.equal(parseCsv(text, { maxClasses: 30, task: 'classification' }).dataset.classes!.length, 30);
});

test('csv.ts is pure: it imports no node: module, so that it can be bundled for a browser', async () => {
  const { readFileSync } = await import('node:fs');
  const source = readFileSync(new URL('../../../src/data/csv.ts', import.meta.url), 'utf8');
  assert.doesNotMatch(source, /from 'node:/);
  assert.doesNotMatch(source, /from '\.\/(files|csv-file)\.js'/);
});

test('csvHeader: the first record and the separator auto-detection would use', async () => {
  const { csvHeader } = await import('../../src/data/csv.js');
  assert.deepEqual(csvHeader('\uFEFFa;"b;c";label\n1;2;x\n'), { cells: ['a', 'b;c', 'label'], delimiter: ';', header: true });
  assert.deepEqual(csvHeader('\n\n1,2,3\n4,5,6\n').cells, ['1', '2', '3']);
  // numbers of decimal commas, headerless: told the mark, it reads them as data (as parseCsv does)
  assert.deepEqual(csvHeader('1,5;2,25;0\n0,5;1,75;1\n2,5;0,25;0\n', { decimal: ',' }), { cells: ['1,5', '2,25', '0'], delimiter: ';', header: false });
  assert.throws(() => csvHeader('', {}, 'empty.csv'), (e: Error) => e instanceof DataError && /^empty\.csv: the file is empty/.test(e.message));
});

test("a cell read as missing but not empty ('NaN', 'NA', '?') is named as such, not as an empty cell", () => {
  const path = writeFile(dir, 'marked.csv', 'a,b,y\n1,NaN,0\n2,3,1\n');
  throwsData(() => readCsv(path), /marked\.csv, line 2, column 'b': 'NaN' marks a missing value; use \{ missing: 'drop' \} or \{ missing: 'mean' \}/);
  const target = writeFile(dir, 'marked-target.csv', 'a,b,y\n1,2,0\n2,3,1\n4,5,NA\n');
  throwsData(() => readCsv(target), /marked-target\.csv, line 4, column 'y': the target is 'NA', a missing value; use \{ missing: 'drop' \}/);
});

test('a feature column without a name in the header that is no row counter is named in a warning; chosen features say nothing', () => {
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);
  // (a row counter there, 0..3, the index pandas' to_csv writes, is left out: hostile34.test.ts)
  const text = ',a,y\n5,1,0\n1,3,1\n5,5,0\n3,7,1\n';
  const r = parseCsv(text, { warn }, 'frame.csv');
  assert.deepEqual(r.schema.featureNames, ['1', 'a']);
  assert.deepEqual(warnings, ["frame.csv: column 1 has no name in the header line (a row index, as pandas' to_csv writes?) and is used as a feature; leave it out with options.exclude (or choose the features with options.features)"]);
  warnings.length = 0;
  parseCsv(text, { warn, features: ['a'] }, 'frame.csv');
  parseCsv('a,b,y\n0,1,0\n1,3,1\n', { warn }, 'named.csv');
  assert.deepEqual(warnings, []);
});
