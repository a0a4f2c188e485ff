// Real-world data files as a new user feeds them (battery s28): files from pandas, Excel, Keras and
// h5py users, read as those tools read them, or refused in one line that says what the file is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadDataset } from '../../src/data/load.js';
import { tempDir, writeFile } from './helpers.js';
import { h5Writer } from './h5-files.js';
import { refused } from '../helpers/errors.js';
import { backprop, usageError } from '../helpers/cli.js';

const dir = tempDir();
const h5 = await h5Writer(dir);


test('HDF5 labels are paired with their own X: train_y with train_x, y_train with X_train, though test_y comes first (it was read beside train_x, silently)', async () => {
  const m = 6;
  const X = (base: number) => Float64Array.from({ length: m * 2 }, (_, i) => base + i);
  const trainY = new BigInt64Array([0n, 1n, 0n, 1n, 0n, 1n]), testY = new BigInt64Array([1n, 1n, 1n, 0n, 0n, 0n]);
  for (const [xName, yName, tx, ty] of [['train_x', 'train_y', 'test_x', 'test_y'], ['X_train', 'y_train', 'X_test', 'y_test']]) {
    const file = h5(`${xName}.h5`, [
      { name: ty!, data: testY, shape: [m], dtype: '<q' },
      { name: tx!, data: X(100), shape: [m, 2], dtype: '<d' },
      { name: yName!, data: trainY, shape: [m], dtype: '<q' },
      { name: xName!, data: X(0), shape: [m, 2], dtype: '<d' },
    ]);
    const warnings: string[] = [];
    const train = await loadDataset(file, { warn: (w) => warnings.push(w) });
    assert.equal(train.dataset.X.get(0, 0), 0, xName);
    assert.deepEqual(Array.from(train.dataset.Y.data), Array.from(trainY, Number), `${yName} goes with ${xName}`);
    const test = await loadDataset(file, { xKey: tx, warn: () => {} });
    assert.equal(test.dataset.X.get(0, 0), 100);
    assert.deepEqual(Array.from(test.dataset.Y.data), Array.from(testY, Number), `${ty} goes with ${tx}`);
    assert.ok(!warnings.some((w) => /^Y read/.test(w)), 'no doubt to tell');
  }
});

test('HDF5 labels that two datasets could equally be are said in a warning naming both', async () => {
  const file = h5('two-labels.h5', [
    { name: 'X', data: new Float64Array(8), shape: [4, 2], dtype: '<d' },
    { name: 'label_a', data: new Int32Array([0, 1, 0, 1]), shape: [4], dtype: '<i' },
    { name: 'label_b', data: new Int32Array([1, 1, 0, 0]), shape: [4], dtype: '<i' },
  ]);
  const warnings: string[] = [];
  await loadDataset(file, { warn: (w) => warnings.push(w) });
  assert.ok(warnings.some((w) => /Y read from 'label_a' .*also 'label_b'.*options\.yKey/.test(w)), warnings.join('\n'));
});

/** A CSV of 40 rows: features a, b and a last column of `cell(i)`. */
const csv40 = (name: string, header: string, cell: (i: number) => string) =>
  writeFile(dir, name, `a,b,${header}\n${Array.from({ length: 40 }, (_, i) => `${(i * 0.37) % 5},${i % 3},${cell(i)}`).join('\n')}\n`);

test('a target of prices, percentages or thousands as a spreadsheet writes them is refused naming them (it was learned as one class per value, silently)', async () => {
  const cases: [string, (i: number) => string, RegExp][] = [
    ['dollars', (i) => `$${(i * 1.3).toFixed(2)}`, /target column 'y' holds numbers written as a spreadsheet shows them \(e\.g\. '\$[\d.]+': a currency or percent sign\?/],
    ['euros', (i) => `${(i * 1.3).toFixed(2)} €`, /'[\d.]+ €': a currency or percent sign/],
    ['percent', (i) => `${i}.5%`, /'\d+\.5%': a currency or percent sign/],
    ['thousands', (i) => `"${1 + (i % 9)},${100 + i}"`, /'\d,\d{3}': digits in groups of thousands/],
  ];
  for (const [name, cell, pattern] of cases) {
    const file = csv40(`${name}.csv`, 'y', cell);
    await refused(loadDataset(file, { warn: () => {} }), 'DataError', pattern);
    await refused(loadDataset(file, { task: 'regression', warn: () => {} }), 'DataError', /save them as plain numbers, or give \{ task: 'classification' \} if they are class names/);
    // said to be classes, they are
    const classes = await loadDataset(file, { task: 'classification', warn: () => {} });
    assert.equal(classes.schema.format === 'csv' && classes.schema.classes?.length, 40, name);
  }
  usageError(backprop(['train', '--data', join(dir, 'dollars.csv'), '--epochs', '1']), /spreadsheet.*give --task classification if they are class names/);
});

test('a feature of currency or percent values is not one-hot encoded by { oneHot: \'auto\' } (it became one input per price, silently); named, it is', async () => {
  const file = writeFile(dir, 'discount.csv', `price,discount,y\n${Array.from({ length: 40 }, (_, i) => `$${i}.99,${i % 7}0%,${'ab'[i % 2]}`).join('\n')}\n`);
  await refused(loadDataset(file, { oneHot: 'auto', warn: () => {} }), 'DataError', /column 'price' holds numbers written as a spreadsheet shows them \(e\.g\. '\$\d+\.99'.*one-hot encode them by name if they are categories \(\{ oneHot: \['price'\] \}\)/);
  await refused(loadDataset(file, { features: ['discount'], warn: () => {} }), 'DataError', /column 'discount' .*'\d0%'/);
  const named = await loadDataset(file, { oneHot: ['discount'], features: ['discount'], warn: () => {} });
  assert.equal(named.dataset.X.rows, 7);
});

test('a text target of about one value per row is refused under task auto (weights with a unit were 58 classes of one row); { task: \'classification\' } takes them', async () => {
  const file = csv40('weights.csv', 'weight', (i) => `${(i * 1.7).toFixed(1)} kg`);
  await refused(loadDataset(file, { warn: () => {} }), 'DataError', /target column 'weight' has 40 different values in 40 rows \(e\.g\. '[\d.]+ kg'\), about one row per class: too many to be classes/);
  assert.equal((await loadDataset(file, { task: 'classification', warn: () => {} })).dataset.Y.rows, 1);
  // a few classes of many rows each are classes, as before
  const few = csv40('few.csv', 'kind', (i) => ['red', 'green', 'blue'][i % 3]!);
  assert.equal((await loadDataset(few, { warn: () => {} })).dataset.task, 'multiclass');
});

/** Files that come in place of data: a web page, a Git LFS pointer, an Excel or Parquet file. */
const HTML_PAGE = '<!DOCTYPE html>\n<html lang="en"><head><title>train.csv · GitHub</title></head>\n<body>a, b, c</body></html>\n';
const LFS_POINTER = 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 2572022\n';
const latin1Bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const XLSX = latin1Bytes('PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml...PK\x03\x04xl/workbook.xml');
const PARQUET = latin1Bytes('PAR1\x15\x04\x15\x80\x01\x15\x80\x01L\x15\x02\x15\x00');

test('a web page, a Git LFS pointer, an Excel workbook or a Parquet file given as data is said to be one, by every reader (CSV said "is the separator not \',\'?" or "only a header line", HDF5 "no HDF5 signature")', async () => {
  await refused(loadDataset(writeFile(dir, 'page.csv', HTML_PAGE)), 'DataError', /^.*page\.csv: not a CSV text file: it looks like an HTML page, not the data \(a web page saved in place of the file\? download the raw file\)$/);
  await refused(loadDataset(writeFile(dir, 'pointer.csv', LFS_POINTER)), 'DataError', /pointer\.csv: .*a Git LFS pointer, not the data \(fetch the file itself: git lfs pull\)$/);
  await refused(loadDataset(writeFile(dir, 'book.csv', XLSX)), 'DataError', /book\.csv: .*an Excel workbook \(\.xlsx\); save it as CSV/);
  await refused(loadDataset(writeFile(dir, 'table.csv', PARQUET)), 'DataError', /table\.csv: .*a Parquet file; write it as CSV/);
  await refused(loadDataset(writeFile(dir, 'cats.h5', LFS_POINTER)), 'DataError', /cats\.h5: not an HDF5 file \(no HDF5 signature\): it is a Git LFS pointer/);
  await refused(loadDataset(writeFile(dir, 'page-images-idx3-ubyte', HTML_PAGE)), 'DataError', /page-images-idx3-ubyte: not an IDX images \(idx3-ubyte\) file: it is an HTML page/);
  const webp = latin1Bytes('RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00\x30\x01\x00\x9d\x01\x2a');
  const { mkdirSync } = await import('node:fs');
  for (const c of ['cat', 'dog']) mkdirSync(join(dir, 'pictures', c), { recursive: true });
  writeFile(dir, 'pictures/cat/photo.jpg', webp);
  writeFile(dir, 'pictures/dog/photo.jpg', webp);
  await refused(loadDataset(join(dir, 'pictures')), 'DataError', /photo\.jpg: not a PNG or JPEG image: it is a WebP image \(convert it to PNG or JPEG\)/);
  // the CLI's model file: a web page saved as model.json
  usageError(backprop(['predict', '--model', writeFile(dir, 'model.json', HTML_PAGE), '--data', writeFile(dir, 'rows.csv', 'a,b\n1,2\n')]), /model\.json: not a JSON document: it is an HTML page/);
  // a CSV whose header merely starts with '<' or 'version' is CSV
  assert.equal((await loadDataset(writeFile(dir, 'lt.csv', '<a,version,y\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n'), { warn: () => {} })).dataset.X.rows, 2);
});

test('a row index or identifier column used as a feature is named in a warning: PassengerId 1..891 shuffled, pandas\' "Unnamed: 0" (both were used without a word)', async () => {
  const ids = Array.from({ length: 30 }, (_, i) => ((i * 7) % 30) + 1); // 1..30, each once, shuffled
  const file = writeFile(dir, 'titanic.csv', `PassengerId,Pclass,Age,Survived\n${ids.map((id, i) => `${id},${1 + (i % 3)},${20 + ((i * 5) % 17)},${i % 2}`).join('\n')}\n`);
  const warnings: string[] = [];
  await loadDataset(file, { target: 'Survived', warn: (w) => warnings.push(w) });
  const said = warnings.filter((w) => /row index or an identifier/.test(w));
  assert.equal(said.length, 1, warnings.join('\n'));
  assert.match(said[0]!, /titanic\.csv: column 'PassengerId' \(1 to 30\) holds every whole number of its range once, one per row \(a row index or an identifier\?\), and is used as a feature: .*leave it out with options\.exclude$/);
  // features chosen: nothing to say
  const chosen: string[] = [];
  await loadDataset(file, { target: 'Survived', features: ['PassengerId', 'Age'], warn: (w) => chosen.push(w) });
  assert.ok(!chosen.some((w) => /row index/.test(w)), chosen.join('\n'));
  // pandas' name for the index column of a file read and saved again
  const resaved = writeFile(dir, 'resaved.csv', `Unnamed: 0,a,y\n${Array.from({ length: 12 }, (_, i) => `${11 - i},${i % 4},${i % 2}`).join('\n')}\n`);
  const again: string[] = [];
  await loadDataset(resaved, { warn: (w) => again.push(w) });
  assert.ok(again.some((w) => /resaved\.csv: column 1 \('Unnamed: 0': pandas' name for a column that had none; 0 to 11\) has no name in the header line and holds a row counter/.test(w)), again.join('\n'));
});

test('a long text cell is quoted shortened in one line (a column of 95 kB notes was quoted whole), as a test file\'s unseen long class and the list of classes are', async () => {
  const note = 'lorem ipsum, dolor sit amet '.repeat(3000);
  const file = writeFile(dir, 'notes.csv', `a,note,y\n${Array.from({ length: 10 }, (_, i) => `${i % 3},"${note}${i}",${'ab'[i % 2]}`).join('\n')}\n`);
  await assert.rejects(loadDataset(file, { warn: () => {} }), (e: Error) => {
    assert.match(e.message, /notes\.csv: column 'note' holds text \(e\.g\. 'lorem ipsum, dolor sit amet lorem ipsum,\.\.\.'\)/);
    assert.ok(e.message.length < 400, `${e.message.length} characters`);
    return true;
  });
  const classes = Array.from({ length: 60 }, (_, k) => `class-${k}-${'x'.repeat(30)}`);
  const train = writeFile(dir, 'many.csv', `a,y\n${Array.from({ length: 120 }, (_, i) => `${i % 5},${classes[i % 60]}`).join('\n')}\n`);
  const { schema } = await loadDataset(train, { warn: () => {} });
  const unseen = writeFile(dir, 'unseen.csv', `a,y\n1,${'z'.repeat(50000)}\n`);
  await assert.rejects(loadDataset(unseen, { schema }), (e: Error) => {
    assert.match(e.message, /unseen\.csv, line 2, column 'y': class 'z{40}\.\.\.' was not in the training data \(classes: class-0-x+, .*\.\.\.\)$/);
    assert.ok(e.message.length < 400, `${e.message.length} characters`);
    return true;
  });
});

test('a missing-value mark that pandas reads (NULL, None, #N/A, n/a, -) in a column of numbers is said to be one, with the marks that are read (it was only "not a number"); a category "None" stays a category', async () => {
  for (const mark of ['NULL', 'None', '#N/A', 'n/a', '-', '<NA>']) {
    const file = writeFile(dir, 'marks.csv', `a,b,y\n${Array.from({ length: 12 }, (_, i) => `${i === 4 ? mark : i * 0.5},${i % 3},${i % 2}`).join('\n')}\n`);
    await refused(loadDataset(file, { warn: () => {} }), 'DataError', new RegExp(`marks\\.csv, line 6, column 'a': '${mark.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')}' is not a number \\(a missing-value mark\\? the cells read as missing are empty ones and '\\?', 'NA', 'N/A', 'NaN', 'nan': write one of those, then choose \\{ missing: 'drop' \\} or \\{ missing: 'mean' \\}\\)$`));
  }
  const kinds = writeFile(dir, 'kinds.csv', `garage,y\n${Array.from({ length: 12 }, (_, i) => `${['None', 'Attached', 'Detached'][i % 3]},${i % 2}`).join('\n')}\n`);
  const { schema } = await loadDataset(kinds, { oneHot: 'auto', warn: () => {} });
  assert.deepEqual(schema.format === 'csv' && schema.features[0], { column: 'garage', type: 'oneHot', categories: ['Attached', 'Detached', 'None'] });
});

test('HDF5 labels numbered from 1 (1..3, as SVHN\'s and MATLAB\'s) say that class 0 has no example: the network gets an output never trained (it was silent)', async () => {
  const X = new Float64Array(12 * 2).map((_, i) => i);
  const fromOne = h5('from-one.h5', [{ name: 'X', data: X, shape: [12, 2], dtype: '<d' }, { name: 'y', data: Int32Array.from({ length: 12 }, (_, i) => 1 + (i % 3)), shape: [12], dtype: '<i' }]);
  const warnings: string[] = [];
  const r = await loadDataset(fromOne, { warn: (w) => warnings.push(w) });
  assert.deepEqual(r.dataset.classes, ['0', '1', '2', '3']);
  assert.ok(warnings.some((w) => /from-one\.h5: labels 'y' are read as the class indices 0 to 3, and no example has class 0: the network gets 4 outputs, one never trained; numbered from 1\? store them from 0 \(y - 1\)$/.test(w)), warnings.join('\n'));
  const fromZero = h5('from-zero.h5', [{ name: 'X', data: X, shape: [12, 2], dtype: '<d' }, { name: 'y', data: Int32Array.from({ length: 12 }, (_, i) => i % 3), shape: [12], dtype: '<i' }]);
  const none: string[] = [];
  await loadDataset(fromZero, { warn: (w) => none.push(w) });
  assert.deepEqual(none, []);
});

test('HDF5 labels one-hot encoded (m x k), or X stored one example per column (n_x x m), are said as such when no labels fit (it was only "no 1-D dataset of m labels")', async () => {
  const oneHot = h5('one-hot.h5', [
    { name: 'X', data: new Float64Array(6 * 2), shape: [6, 2], dtype: '<d' },
    { name: 'y', data: Float32Array.from({ length: 18 }, (_, k) => (Math.floor(k / 3) % 3 === k % 3 ? 1 : 0)), shape: [6, 3], dtype: '<f' },
  ]);
  // (read as the class indices since model32: test/data/model32.test.ts)
  assert.deepEqual(Array.from((await loadDataset(oneHot)).dataset.Y.data), [0, 1, 2, 0, 1, 2]);
  const byColumn = h5('by-column.h5', [
    { name: 'train_x', data: new Float64Array(4 * 30), shape: [4, 30], dtype: '<d' },
    { name: 'train_y', data: Int32Array.from({ length: 30 }, (_, i) => i % 2), shape: [1, 30], dtype: '<i' },
  ]);
  await refused(loadDataset(byColumn), 'DataError', /'train_x' \(4 x 30\) has as many columns as 'train_y' has labels: one example per column \(the course's n_x x m\)\? store its transpose \(X\.T\), one example per row$/);
});

test('a negative number in parentheses, as accounting writes it, is said to be one ((12.5) was only "not a number")', async () => {
  const file = writeFile(dir, 'ledger.csv', `amount,y\n${Array.from({ length: 10 }, (_, i) => `${i === 3 ? '"(1,212.50)"' : i * 10},${i % 2}`).join('\n')}\n`);
  await refused(loadDataset(file, { warn: () => {} }), 'DataError', /ledger\.csv, line 5, column 'amount': '\(1,212\.50\)' is not a number \(a negative number in parentheses, as accounting writes it\? write -1212\.50\)$/);
});
