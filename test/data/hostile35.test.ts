// Hostile input, thirty-fifth sweep (data): months and quarters without a day ('2024-01', 'Jan 2024',
// '2024/01' called a fraction), a target of dates read as hundreds of classes, and float64 features at
// opposite ends of the range whose x - mean overflowed in standardization; what spreadsheets, Stata
// and JSON leave in a cell in place of a number, UTF-32 text, images of two sizes with one count of
// pixels, and a predict file whose header is the model's in other capitals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataset, trainModel } from '../../src/node.js';
import { parseCsv } from '../../src/data/csv.js';
import { fitTargetScale, scaleTargets } from '../../src/model/preprocessing.js';
import { Matrix } from '../../src/tensor/matrix.js';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { loadImageFolder } from '../../src/data/images.js';
import { csvTextFromBytes } from '../../src/data/csv-bytes.js';
import { tempDir, writeFile, quiet, collectWarnings } from './helpers.js';

const dir = tempDir();
const collect = collectWarnings;
const body = Array.from({ length: 20 }, (_, i) => `${i},${i % 3},${i % 2}`).join('\n');

test("a month or a quarter without a day ('2024-01', '01/2024', 'Jan 2024', '2024Q1') and a date by its month's name say what they are ('2024/01' was called a fraction, the others nothing)", () => {
  const month = /a month or a quarter, without a day: convert it to numbers, such as a count of months since a first month/;
  for (const cell of ['2024-01', '2024/01', '01/2024', 'Jan 2024', 'january 2024', 'Sept. 2023', "Mar-24", '2024 Jan', '2024Q1', '2024-q3', 'Q4 2023']) {
    // one cell among numbers, and a whole column of them
    assert.throws(() => parseCsv(`a,b,y\n${body}\n${cell},1,0\n`, quiet, 'one.csv'), (e: Error) => month.test(e.message) && e.message.includes(`'${cell}' is not a number`), cell);
    const column = Array.from({ length: 6 }, (_, i) => `${cell},${i},${i % 2}`).join('\n');
    assert.throws(() => parseCsv(`a,b,y\n${column}\n`, quiet, 'col.csv'), (e: Error) => month.test(e.message) && /column 'a' holds text/.test(e.message), cell);
  }
  for (const cell of ['5 Jan 2024', '05-Jan-24', '"Jan 5, 2024"']) {
    assert.throws(() => parseCsv(`a,b,y\n${body}\n${cell},1,0\n`, quiet, 'named.csv'), /is not a number \(a date: convert it to numbers/, cell);
  }
  // a fraction is still one, and words that begin like a month are no date
  assert.throws(() => parseCsv(`a,b,y\n${body}\n3/4,1,0\n`, quiet, 'f.csv'), /'3\/4' is not a number \(a fraction/);
  assert.throws(() => parseCsv(`a,b,y\n${body}\nmayday,1,0\n`, quiet, 'w.csv'), (e: Error) => !/a month/.test(e.message));
});

test('a classification target of dates is refused when every row has its own, and warned of when there are many (it was hundreds of classes without a word)', () => {
  const day = (i: number) => new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);
  // one date per row: each a class of one row, whatever the task option
  const distinct = Array.from({ length: 40 }, (_, i) => `${i},${i % 3},${day(i)}`).join('\n');
  for (const task of ['auto', 'classification'] as const) {
    assert.throws(() => parseCsv(`a,b,when\n${distinct}\n`, { ...quiet, task, target: 'when' }, 'd.csv'),
      /^DataError: d\.csv: target column 'when' holds dates or times \(e\.g\. '2024-01-01'\), a different one in each of its 40 rows: as classes, each would be a class of one row; choose the label column with options\.target/, task);
  }
  // 30 days, each in 3 rows: 30 classes, said
  const w = collect();
  const repeated = Array.from({ length: 90 }, (_, i) => `${i},${i % 3},${day(i % 30)}`).join('\n');
  const r = parseCsv(`a,b,when\n${repeated}\n`, { warn: w.warn, target: 'when' }, 'r.csv');
  assert.equal(r.schema.classes?.length, 30);
  assert.ok(w.said.some((s) => /^r\.csv: target column 'when' holds dates or times \(e\.g\. '2024-01-01'\): read as 30 classes, one per date or time in 90 rows; if it is not the label/.test(s)), JSON.stringify(w.said));
  // times and months too; a few months as classes (a season, a quarter) are not warned of
  const times = Array.from({ length: 90 }, (_, i) => `${i},${i % 3},${String(i % 30 % 24).padStart(2, '0')}:${String(i % 30).padStart(2, '0')}`).join('\n');
  const t = collect();
  parseCsv(`a,b,at\n${times}\n`, { warn: t.warn, target: 'at', task: 'classification' }, 't.csv');
  assert.ok(t.said.some((s) => /target column 'at' holds dates or times/.test(s)), JSON.stringify(t.said));
  const few = collect();
  parseCsv(`a,b,m\n${Array.from({ length: 60 }, (_, i) => `${i},${i % 3},2024-${String((i % 12) + 1).padStart(2, '0')}`).join('\n')}\n`, { warn: few.warn, target: 'm' }, 'm.csv');
  assert.ok(!few.said.some((s) => /dates or times/.test(s)), JSON.stringify(few.said));
});

test('float64 features and a target at opposite ends of the range are standardized (x - mean overflowed: "X has a non-finite value (-Infinity)", and a std past half the limit was Infinity, read as 1)', async () => {
  const rows = Array.from({ length: 30 }, (_, i) => `${i % 5 === 0 ? '-1.7e308' : '1.7e308'},${i % 7},${i % 2}`).join('\n');
  const file = writeFile(dir, 'ends.csv', `a,b,y\n${rows}\n`);
  const { dataset, schema } = await loadDataset(file, { ...quiet, dtype: 'float64', target: 'y' });
  const { model } = await trainModel({ layers: [3], epochs: 2, testSplit: 0, dtype: 'float64', standardize: true, optimizer: 'adam', learningRate: 0.01, seed: 1 }, { train: dataset, schema });
  // the std is the values' spread (about 1.36e308), not Infinity taken as 1
  const s = model.preprocessing.standardize!;
  assert.ok(s.std[0]! > 1e308 && Number.isFinite(s.std[0]) && Number.isFinite(s.mean[0]), JSON.stringify(s));
  assert.equal(model.predict(dataset.X).length, 30);
  // a regression target so: z-scored and back, finite, as it was
  const Y = Matrix.from([Array.from({ length: 30 }, (_, i) => (i % 4 === 0 ? -1.6e308 : 1.6e308))], 'float64');
  const t = fitTargetScale(Y) as { mean: number; std: number };
  assert.ok(t.std > 1e308 && Number.isFinite(t.std), JSON.stringify(t));
  const z = scaleTargets(Y, t, 1);
  assert.ok(Array.from(z.data).every(Number.isFinite), String(z.data.slice(0, 4)));
  const back = scaleTargets(z, t, -1);
  for (let j = 0; j < 30; j++) assert.ok(Math.abs(back.data[j]! - Y.data[j]!) < 1e295, `${back.data[j]} for ${Y.data[j]}`);
});

test("what a spreadsheet, Stata or a JSON writer leaves in place of a number says what it is (formulas, Google Sheets' #ERROR!, '####', an apostrophe, '[1,2]', '∞', Stata's '.a' were 'not a number' alone)", () => {
  for (const [cell, said] of [
    ['=A1+B1', /a spreadsheet formula saved as its text, not its value: save its values instead/],
    ['=SUM(A1:A3)', /a spreadsheet formula saved as its text/],
    ['#ERROR!', /a spreadsheet's error value: the cell's formula gave no number/],
    ['#BUSY!', /a spreadsheet's error value/],
    ['########', /the marks a spreadsheet shows for a number too wide for its column/],
    ["'123", /a number after an apostrophe, as a spreadsheet marks a number kept as text: remove the apostrophe/],
    ['"[1,2]"', /a list or an object in one cell, as JSON writes it: give each number a column of its own/],
    ['"{""a"": 1}"', /a list or an object in one cell, as JSON writes it/],
    ['\u221e', /an infinite value: a network cannot learn from it/],
    ['.a', /a missing-value mark\? the cells read as missing are/],
  ] as const) {
    assert.throws(() => parseCsv(`a,b,y\n${body}\n${cell},1,0\n`, quiet, 's.csv'), (e: Error) => /^s\.csv, line 22, column 'a': .* is not a number \(/.test(e.message) && said.test(e.message), cell);
  }
  // a column of formulas says so where it is refused as text
  const formulas = Array.from({ length: 6 }, (_, i) => `=A${i}*2,${i},${i % 2}`).join('\n');
  assert.throws(() => parseCsv(`a,b,y\n${formulas}\n`, quiet, 'f.csv'), /column 'a' holds text \(e\.g\. '=A0\*2', a spreadsheet formula saved as its text/);
});

test("UTF-32 text is refused as such (its mark FF FE 00 00 begins with UTF-16's: it was read as UTF-16 with a NUL after each character)", () => {
  const text = 'a,b,y\n1,2,0\n3,4,1\n';
  const le = new Uint8Array(4 * text.length), be = new Uint8Array(4 * text.length);
  for (let i = 0; i < text.length; i++) { le[4 * i] = text.charCodeAt(i); be[4 * i + 3] = text.charCodeAt(i); }
  const bom = (b: number[], rest: Uint8Array) => Uint8Array.from([...b, ...rest]);
  for (const [bytes, kind] of [[bom([0xff, 0xfe, 0, 0], le), 'UTF-32LE'], [le, 'UTF-32LE'], [bom([0, 0, 0xfe, 0xff], be), 'UTF-32BE'], [be, 'UTF-32BE']] as const) {
    assert.throws(() => csvTextFromBytes(bytes, 'u.csv'), new RegExp(`^DataError: u\\.csv: not a CSV text file it can read: it is ${kind} text \\(4 bytes a character\\), which is not read; save it as UTF-8$`), kind);
  }
  // UTF-16 with its mark is read as before
  const u16 = new Uint8Array(2 + 2 * text.length);
  u16.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) u16[2 + 2 * i] = text.charCodeAt(i);
  assert.equal(csvTextFromBytes(u16, 'u16.csv').replace(/^\ufeff/, ''), text);
});

test("images of two sizes with one count of pixels (8 x 8 and 16 x 4) are said to differ in size (they were 'more than the 65536 pixels taken as they are')", () => {
  const root = join(dir, 'sizes');
  const png = (w: number, h: number) => {
    const image = new PNG({ width: w, height: h });
    image.data.fill(128);
    return PNG.sync.write(image);
  };
  for (const [cls, w, h] of [['cat', 8, 8], ['dog', 16, 4]] as const) {
    mkdirSync(join(root, cls), { recursive: true });
    for (const k of [1, 2]) writeFile(join(root, cls), `${k}.png`, png(w, h));
  }
  const w = collect();
  loadImageFolder(root, { warn: w.warn });
  assert.ok(w.said.some((s) => /^the images are not all one size \(8 x 8 and 16 x 4 pixels\): each is resized to 64 x 64/.test(s)), JSON.stringify(w.said));
});

test("a file read for a model whose header is the model's in other capitals says so; a first line of numbers where the header was expected names { header: false }", async () => {
  const { schema } = await loadDataset(writeFile(dir, 'train.csv', `a,b,y\n${body}\n`), quiet);
  assert.throws(() => parseCsv(`A,B,Y\n${body}\n`, { schema: schema as never, warn: () => {} }, 'caps.csv'),
    /^DataError: caps\.csv: line 1 names the model's columns in other capitals or spaces \(A, B, Y for a, b, y\); names are read exactly: write them as in the training file$/);
  // without the target (predict), and through a Model's predict on text
  assert.throws(() => parseCsv(`A, B\n1,2\n`, { schema: schema as never, warn: () => {}, requireTarget: false }, 'caps2.csv'), /^DataError: caps2\.csv: line 1 names the model's columns in other capitals or spaces \(A, B for a, b, y\)/);
  const { model } = await trainModel({ layers: [2], epochs: 1, testSplit: 0 }, { train: (await loadDataset(writeFile(dir, 'train2.csv', `a,b,y\n${body}\n`), quiet)).dataset, schema });
  assert.throws(() => model.predict('A,B\n1,2\n'), /line 1 names the model's columns in other capitals or spaces/);
  assert.throws(() => parseCsv(`1,1\n${body}\n`, { schema: schema as never, warn: () => {}, requireTarget: false }, 'nums.csv'),
    /line 1: the column name '1' appears twice in the header \(line 1 holds only numbers: is it a line of data, the file without a header line\? then say so, \{ header: false \}\)$/);
});

test("a header line repeated mid-file in other capitals ('A,B,Y' after 'a,b,y': files of two tools joined) is named as a repeated header (it was \"'A' is not a number\")", () => {
  assert.throws(() => parseCsv(`a,b,y\n${body}\nA,B,Y\n${body}\n`, quiet, 'joined.csv'),
    /^DataError: joined\.csv, line 22 repeats the header line \(A,B,Y\): files joined one after another, each with its header\? remove the header lines after line 1$/);
  // a text class that is the header's name in one column only is data
  const r = parseCsv(`a,b,y\n${body}\n1,2,Y\n`, { ...quiet, task: 'classification' }, 'ok.csv');
  assert.equal(r.dataset.X.cols, 21);
});

test("a target of spreadsheet formulas ('=B2') or JSON lists is refused as such (each formula was a class of its own, without a word)", () => {
  const formulas = Array.from({ length: 20 }, (_, i) => `${i},${i % 3},=B${i % 10}*2`).join('\n');
  for (const task of ['auto', 'classification'] as const) {
    assert.throws(() => parseCsv(`a,b,y\n${formulas}\n`, { ...quiet, task }, 'f.csv'),
      /^DataError: f\.csv: target column 'y' holds no labels but e\.g\. '=B0\*2', a spreadsheet formula saved as its text, not its value: save its values instead/, task);
  }
  const lists = Array.from({ length: 20 }, (_, i) => `${i},${i % 3},"[${i % 2},1]"`).join('\n');
  assert.throws(() => parseCsv(`a,b,y\n${lists}\n`, quiet, 'l.csv'), /target column 'y' holds no labels but e\.g\. '\[0,1\]', a list or an object in one cell, as JSON writes it/);
  // one formula among words is a class the mixed-label rules speak of, not this refusal
  const r = parseCsv(`a,b,y\n${Array.from({ length: 20 }, (_, i) => `${i},${i % 3},${i % 2 ? 'cat' : 'dog'}`).join('\n')}\n1,1,=A1\n`, quiet, 'ok.csv');
  assert.equal(r.schema.classes?.length, 3);
});

test("an HDF5 file named .h5 given to a model of CSV data is not told to be named .h5 (it was 'by its name, and it looks like an HDF5 file (name it .h5)')", async () => {
  const { schema } = await loadDataset(writeFile(dir, 'train3.csv', `a,b,y\n${body}\n`), quiet);
  const h5 = writeFile(dir, 'data.h5', Uint8Array.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(56).fill(0)]));
  await assert.rejects(loadDataset(h5, { schema, ...quiet }), /^DataError: .*data\.h5: read as hdf5 data, but the training data was csv; give a file of the same kind$/);
  // a PNG named .h5 still says what it looks like
  const png = writeFile(dir, 'pic.h5', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(56).fill(0)]));
  await assert.rejects(loadDataset(png, { schema, ...quiet }), /pic\.h5: read as hdf5 data by its name, and it looks like a PNG/);
});
