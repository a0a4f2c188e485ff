// Hostile input, thirty-third sweep (data): files as users make them by joining exports, typing
// column names from memory, or reading a European spreadsheet's file with a model trained on another.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataset, trainModel } from '../../src/node.js';
import { parseCsv } from '../../src/data/csv.js';
import { tempDir, writeFile } from './helpers.js';
import { refused } from '../helpers/errors.js';
import { Matrix } from '../../src/tensor/matrix.js';
import type { Dataset } from '../../src/data/synthetic.js';
import { loadImageFolder } from '../../src/data/images.js';
import { readIdx } from '../../src/data/idx.js';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

const dir = tempDir();
const quiet = { warn: () => {} };
const mkdir = (path: string) => { mkdirSync(path, { recursive: true }); return path; };

/** A 2 x 2 grey PNG of one level. */
function grey(v: number): Buffer {
  const image = new PNG({ width: 2, height: 2 });
  image.data = Buffer.from(Array.from({ length: 16 }, (_, i) => (i % 4 === 3 ? 255 : v)));
  return PNG.sync.write(image, { colorType: 0 });
}

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

test("a Dataset's missingCells are X's cells, each once, in a number feature's row: others are refused naming the field", async () => {
  const X = new Matrix(2, 4, Float64Array.from([1, 2, 3, 4, 0, 1, 0, 1]));
  const Y = new Matrix(1, 4, Float64Array.from([0, 1, 0, 1]));
  const base = { name: 'hand', X, Y, task: 'binary' as const, featureNames: ['a', 'b'], classes: ['n', 'y'] };
  const spec = { layers: [2], epochs: 1, testSplit: 0 };
  const cases: [unknown, RegExp][] = [
    [Uint32Array.from([8]), /trainModel: data\.train\.missingCells holds 8, not a cell of X \(a whole number 0 to 7: f \* m \+ j for feature f of example j, X is 2 x 4\)$/],
    [[-1], /data\.train\.missingCells holds -1, not a cell of X/],
    [[2.5], /data\.train\.missingCells holds 2\.5, not a cell of X/],
    [[1, 3, 1], /data\.train\.missingCells holds the cell 1 twice \(feature 1 of example 2\); give each cell once$/],
    ['1,3', /data\.train\.missingCells must be a Uint32Array of X's cells \(flat indices f \* m \+ j, as loadDataset gives them\), got a string/],
  ];
  for (const [missingCells, said] of cases) {
    await refused(trainModel(spec, { train: { ...base, missingCells } as unknown as Dataset }), 'DataError', said);
  }
  // read from a file: a one-hot feature's cell has no mean to be filled with
  const file = writeFile(dir, 'cells.csv', 'a,c,y\n1,u,n\n,v,y\n3,u,n\n4,v,y\n');
  const read = await loadDataset(file, { ...quiet, missing: 'mean', oneHot: ['c'] });
  assert.deepEqual(Array.from(read.dataset.missingCells ?? []), [1]);
  await trainModel(spec, { train: read.dataset, schema: read.schema });
  const onHot = { ...read.dataset, missingCells: Uint32Array.from([5]) };
  await refused(trainModel(spec, { train: onHot, schema: read.schema }), 'DataError', /data\.train\.missingCells holds the cell 5 \(feature 2 of example 2\), which is not a number feature's \('c=u'\); only number features' empty cells are filled with a mean$/);
});

test("an image class folder that training did not have is named with the training class it differs from by letter case, a trailing '.' or spaces", () => {
  const root = join(dir, 'near-classes');
  for (const [folder, file] of [['Cat', 'a.png'], ['dog', 'b.png']] as const) writeFile(mkdir(join(root, folder)), file, grey(40));
  assert.throws(() => loadImageFolder(root, { classes: ['cat', 'dog'], width: 2, height: 2 }), (e: Error) => e.name === 'DataError'
    && /near-classes[/\\]Cat: class 'Cat' was not in the training data \(classes: cat, dog\); it differs from 'cat' only by letter case$/.test(e.message));
  const spaced = join(dir, 'near-spaces');
  for (const [folder, file] of [['cat ', 'a.png'], ['dog.', 'b.png']] as const) writeFile(mkdir(join(spaced, folder)), file, grey(40));
  assert.throws(() => loadImageFolder(spaced, { classes: ['cat', 'dog'], width: 2, height: 2 }), /class 'cat ' was not in the training data \(classes: cat, dog\); it differs from 'cat' only by spaces/);
  // a class far from every training class: no hint
  const far = join(dir, 'far-classes');
  writeFile(mkdir(join(far, 'bird')), 'a.png', grey(40));
  assert.throws(() => loadImageFolder(far, { classes: ['cat', 'dog'], width: 2, height: 2 }), /class 'bird' was not in the training data \(classes: cat, dog\)$/);
});

test('a column named with another letter case or spaces (target, features, one-hot, a file read with a model) is refused with the name it differs from', async () => {
  const file = writeFile(dir, 'cased.csv', 'X1,X2,Label\n1,2,a\n2,3,b\n3,4,a\n4,5,b\n');
  await refused(loadDataset(file, { ...quiet, target: 'label' }), 'DataError', /cased\.csv: no target column 'label' \(it differs from 'Label' only by letter case\); the columns are: X1, X2, Label$/);
  await refused(loadDataset(file, { ...quiet, features: ['x1'] }), 'DataError', /no feature column 'x1' \(it differs from 'X1' only by letter case\)/);
  await refused(loadDataset(file, { ...quiet, target: 'Label ' }), 'DataError', /no target column 'Label ' \(it differs from 'Label' only by spaces at either end\)/);
  // far from every name: the list alone, as before
  await refused(loadDataset(file, { ...quiet, target: 'class' }), 'DataError', /no target column 'class'; the columns are: X1, X2, Label$/);
  const { schema } = await loadDataset(file, quiet);
  await refused(loadDataset(writeFile(dir, 'cased-test.csv', 'x1,X2,Label\n1,2,a\n'), { ...quiet, schema }), 'DataError', /cased-test\.csv: no column 'X1' \(it was used in training; it differs from 'x1' only by letter case\)/);
  await refused(loadDataset(writeFile(dir, 'cased-label.csv', 'X1,X2,label\n1,2,a\n'), { ...quiet, schema }), 'DataError', /cased-label\.csv: no target column 'Label' \(it differs from 'label' only by letter case\)/);
});

test("'-' (the shell's standard input) is refused as such, not as \"file not found: ./-\"", async () => {
  await refused(loadDataset('-', quiet), 'DataError', /^-: standard input is not read as data \(data files must be regular files, as for a FIFO\); save the data to a file \(e\.g\. > data\.csv\) and give its path$/);
  await refused(loadDataset('-', { ...quiet, header: false }), 'DataError', /^-: standard input is not read as data/);
});

test('a network of a million parameters or more, more than its training data has values, is warned of before training (a 2,000-column file saved 531 MB without a word)', async () => {
  const m = 10, nx = 1000;
  const X = new Matrix(nx, m, Float64Array.from({ length: nx * m }, (_, q) => Math.sin(q)));
  const Y = new Matrix(1, m, Float64Array.from({ length: m }, (_, j) => j % 2));
  const train: Dataset = { name: 'wide', X, Y, task: 'binary', featureNames: Array.from({ length: nx }, (_, i) => `f${i + 1}`), classes: ['a', 'b'] };
  const said: string[] = [];
  await trainModel({ layers: [1000], epochs: 1, testSplit: 0 }, { train }, { warn: (w) => said.push(w) });
  assert.deepEqual(said.filter((w) => /network has/.test(w)), [
    'a 1000-1000-1 network has 1.00e+06 parameters, 100 times the 10000 values of its 10 training examples (1000 features each): it can learn the training rows by heart (high variance), and its model file would be about 21 MB; use smaller layers, or more examples',
  ]);
  // below a million parameters: a demonstration, not said
  const small: string[] = [];
  await trainModel({ layers: [900], epochs: 1, testSplit: 0 }, { train }, { warn: (w) => small.push(w) });
  assert.equal(small.filter((w) => /network has/.test(w)).length, 0, small.join('\n'));
});

test('numbers in characters that only look like a number\'s (a typographic minus, curly quotes, full-width digits) are named as such, training and predicting', async () => {
  const cases: [string, RegExp][] = [
    ['\u22120.5', /column 'a' holds numbers written as a spreadsheet shows them \(e\.g\. '\u22120\.5': a typographic minus sign \(U\+2212\)\? write -0\.5\), which are read as text/],
    ['\u201c0.5\u201d', /column 'a' holds numbers written as a spreadsheet shows them \(e\.g\. '\u201c0\.5\u201d': typographic quotes around it, as a word processor writes them\? write 0\.5, or "0\.5" in plain quotes\)/],
    ['\uff11\uff12', /column 'a' holds numbers written as a spreadsheet shows them \(e\.g\. '\uff11\uff12': full-width characters, as an East Asian input method types them\? write 12\)/],
  ];
  for (const [cell, said] of cases) {
    const rows = Array.from({ length: 6 }, (_, i) => `${cell},${i},${i % 2 ? 'p' : 'q'}`).join('\n');
    await refused(loadDataset(writeFile(dir, 'typed.csv', `a,b,y\n${rows}\n`), quiet), 'DataError', said);
  }
  // one such cell among numbers, in training or in a file read with a model: the cell named, and why
  const { schema } = await loadDataset(writeFile(dir, 'plain-typed.csv', 'a,b,y\n1,2,p\n2,1,q\n3,3,p\n'), quiet);
  await refused(loadDataset(writeFile(dir, 'minus-test.csv', 'a,b,y\n\u22121,2,p\n'), { ...quiet, schema }), 'DataError', /minus-test\.csv, line 2, column 'a': '\u22121' is not a number \(a typographic minus sign \(U\+2212\)\? write -1\)$/);
  // a dash alone is a missing-value mark (as before), and a word in curly quotes is text
  await refused(loadDataset(writeFile(dir, 'dash-test.csv', 'a,b,y\n\u2013,2,p\n'), { ...quiet, schema }), 'DataError', /'\u2013' is not a number \(a missing-value mark\?/);
  await refused(loadDataset(writeFile(dir, 'word-test.csv', 'a,b,y\n\u201cnone yet\u201d,2,p\n'), { ...quiet, schema }), 'DataError', /'\u201cnone yet\u201d' is not a number$/);
});

test("a file of fields separated by spaces (numpy.savetxt, UCI's .data) is named so, not sent to a delimiter option that has no space", async () => {
  const spaced = writeFile(dir, 'spaced.data', '  0.5   1.5   1\n  2.5   0.5   0\n');
  await refused(loadDataset(spaced, { ...quiet, header: true }), 'DataError', /spaced\.data: no feature columns left besides the target '0\.5   1\.5   1' \(the file reads as a single column: its fields are separated by spaces, as numpy\.savetxt and UCI's \.data files write them, which is not read; replace each run of spaces with ',', e\.g\. sed -E 's\/\^ \+\/\/; s\/ \+\$\/\/; s\/ \+\/,\/g'\)$/);
  const named = writeFile(dir, 'spaced.csv', 'x1 x2 y\n0.5 1.5 1\n');
  await refused(loadDataset(named, quiet), 'DataError', /the file reads as a single column: its fields are separated by spaces/);
  // another separator: the delimiter option, as before
  await refused(loadDataset(writeFile(dir, 'semi-one.csv', 'x1:x2:y\n0.5:1.5:1\n'), quiet), 'DataError', /no feature columns left besides the target 'x1:x2:y'$/);
  await refused(loadDataset(writeFile(dir, 'pipes.csv', 'x1;x2;y\n0.5;1.5;1\n'), { ...quiet, delimiter: ',' }), 'DataError', /\(the file reads as a single column: is the field separator not ','\? see options\.delimiter\)$/);
});

test('an images file given as the labels of MNIST images is "expected 1 for a labels file" (it read "an labels")', () => {
  const bytes = (magic: number, dims: number[]) => {
    const out = new Uint8Array(4 + 4 * dims.length + dims.reduce((a, b) => a * b, 1));
    const view = new DataView(out.buffer);
    view.setUint32(0, magic);
    dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
    return out;
  };
  const images = writeFile(dir, 'two-images-idx3-ubyte', bytes(0x803, [2, 2, 2]));
  assert.throws(() => readIdx(images, { labels: images }), /two-images-idx3-ubyte: the IDX header announces 3 dimensions, expected 1 for a labels \(idx1-ubyte\) file$/);
});

test("rows of separators only (',,', a spreadsheet's empty rows below its data) are named as such, not as one empty cell to fill", async () => {
  const file = writeFile(dir, 'empty-rows.csv', 'a,b,y\n1,2,p\n2,1,q\n3,3,p\n,,\n,,\n');
  const EMPTY = /empty-rows\.csv, line 5: every cell is empty \(a row of separators only, as a spreadsheet saves the empty rows below its data\?\); /;
  await refused(loadDataset(file, quiet), 'DataError', new RegExp(EMPTY.source + "delete such rows, or leave them out with \\{ missing: 'drop' \\}$"));
  // with { missing: 'mean' } the features are filled, and the empty target says it
  await refused(loadDataset(file, { ...quiet, missing: 'mean' }), 'DataError', new RegExp(EMPTY.source + "delete such rows, or leave them out with \\{ missing: 'drop' \\}$"));
  assert.equal((await loadDataset(file, { ...quiet, missing: 'drop' })).dataset.X.cols, 3);
  // a file read with a model: predict makes one prediction per row, so only deleting them is said
  const { schema } = await loadDataset(writeFile(dir, 'full-rows.csv', 'a,b,y\n1,2,p\n2,1,q\n3,3,p\n'), quiet);
  await refused(loadDataset(file, { ...quiet, schema, requireTarget: false }), 'DataError', new RegExp(EMPTY.source + 'delete such rows \\(a prediction is made for every row\\)$'));
  // one empty cell in a row that has others: the cell, as before
  await refused(loadDataset(writeFile(dir, 'one-empty.csv', 'a,b,y\n1,2,p\n,1,q\n'), quiet), 'DataError', /one-empty\.csv, line 3, column 'a': empty cell; use \{ missing: 'drop' \} or \{ missing: 'mean' \} to handle missing values$/);
});

test('an SQLite database or an Arrow/Feather file named as CSV is named as such (it was "binary data, a zero byte at offset 15")', async () => {
  const sqlite = writeFile(dir, 'kaggle.csv', Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(100, 1)]));
  await refused(loadDataset(sqlite, quiet), 'DataError', /kaggle\.csv: not a CSV text file: it looks like an SQLite database; export a table as CSV \(sqlite3 -header -csv FILE "SELECT \* FROM table" > out\.csv\)$/);
  const feather = writeFile(dir, 'frame.csv', Buffer.concat([Buffer.from('ARROW1\0\0'), Buffer.alloc(100, 0)]));
  await refused(loadDataset(feather, quiet), 'DataError', /frame\.csv: not a CSV text file: it looks like an Arrow \/ Feather file; write it as CSV \(pandas: pd\.read_feather\(path\)\.to_csv\(out, index=False\)\)$/);
});

test("rows of separators only read with a { missing: 'mean' } model's schema, without labels (predict), are warned of: each is a prediction of nothing", async () => {
  const { schema } = await loadDataset(writeFile(dir, 'mean-train.csv', 'a,b,y\n1,2,p\n,1,q\n3,3,p\n'), { ...quiet, missing: 'mean' });
  const said: string[] = [];
  const file = writeFile(dir, 'mean-predict.csv', 'a,b\n1,2\n,\n,5\n,\n');
  const { dataset } = await loadDataset(file, { schema, requireTarget: false, warn: (w) => said.push(w) });
  assert.equal(dataset.X.cols, 4);
  assert.deepEqual(said.filter((w) => /every cell empty/.test(w)), [
    `${file}: 2 rows (lines 3, 5) have every cell empty (a row of separators only, as a spreadsheet saves the empty rows below its data?) and were filled with the training means ({ missing: 'mean' }), each a prediction of nothing; delete such rows`,
  ]);
});
