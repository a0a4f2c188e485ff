// Hostile input to the data readers, fifth round: a target of a few whole numbers, image class
// folders that differ in case, damaged PNG/JPEG files, HDF5 pixels of other integer types and a
// 1-D X, and bad options said before a file is read. Each by one rule in the library.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import h5wasm from 'h5wasm/node';
import { PNG } from 'pngjs';
import { parseCsv } from '../../src/data/csv.js';
import { readCsv } from '../../src/data/csv-file.js';
import { readHdf5 } from '../../src/data/hdf5.js';
import { decodeImage, loadImageFolder } from '../../src/data/images.js';
import { loadDataset } from '../../src/data/load.js';
import { DataError, OptionError } from '../../src/errors.js';
import { tempDir, writeFile } from './helpers.js';

const dir = tempDir();
await h5wasm.ready;

const throwsData = (fn: () => unknown, pattern: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof DataError && pattern.test(e.message), `expected a DataError matching ${pattern}`);
const rows = (n: number, y: (i: number) => string) => 'a,b,y\n' + Array.from({ length: n }, (_, i) => `${i * 0.5},${(i * 7) % 3},${y(i)}`).join('\n') + '\n';

test('a target of a few whole numbers under task auto: classes when each value has rows, asked for when it cannot be told, and what was chosen is said (0..4 in 8 rows became a regression, silently)', () => {
  // 0..4 in 8 rows: classes or a rating? the library asks, naming the option
  throwsData(() => parseCsv(rows(8, (i) => String(i % 5)), {}, 'ratings.csv'),
    /^ratings\.csv: target column 'y' holds 5 different whole numbers \(0, 1, 2, 3, 4\) in 8 rows: too few rows per value to tell classes from a quantity; say which with \{ task: 'classification' \} or \{ task: 'regression' \}$/);
  assert.equal(parseCsv(rows(8, (i) => String(i % 5)), { task: 'classification' }).dataset.task, 'multiclass');
  assert.equal(parseCsv(rows(8, (i) => String(i % 5)), { task: 'regression' }).dataset.task, 'regression');
  // with rows enough for each value: classes, and the result says so and how to choose otherwise
  const many = parseCsv(rows(40, (i) => String(i % 5)), {}, 'ratings.csv');
  assert.deepEqual(many.dataset.classes, ['0', '1', '2', '3', '4']);
  assert.equal(many.taskChoice, "ratings.csv: target column 'y' holds 5 different whole numbers (0, 1, 2, 3, 4), read as 5 classes ({ task: 'auto' }); { task: 'regression' } reads them as quantities");
  // 0 and 1 are a label however few the rows
  assert.equal(parseCsv('a,y\n1,0\n2,1\n3,0\n').dataset.task, 'binary');
  // a quantity is said too; text labels need no word; a task given needs none
  assert.match(parseCsv(rows(8, (i) => String(i * 0.25))).taskChoice!, /holds numbers with fractions, read as a quantity, a regression \(\{ task: 'auto' \}\)$/);
  assert.match(parseCsv(rows(60, (i) => String(i * 3))).taskChoice!, /holds more than 20 different whole numbers, read as a quantity, a regression \(\{ task: 'auto' \}\); \{ task: 'classification' \} reads them as classes$/);
  assert.equal(parseCsv(rows(8, (i) => (i % 2 ? 'cat' : 'dog'))).taskChoice, undefined);
  assert.equal(parseCsv(rows(40, (i) => String(i % 5)), { task: 'classification' }).taskChoice, undefined);
});

test('readCsv and loadDataset check their options before the file is looked at or read (a bad option was said after reading the whole file)', async () => {
  const absent = join(dir, 'absent.csv');
  const refused = (options: object, pattern: RegExp) => {
    assert.throws(() => readCsv(absent, options), (e: unknown) => e instanceof OptionError && pattern.test((e as Error).message), `readCsv ${JSON.stringify(options)}`);
    return assert.rejects(loadDataset(absent, options), (e: unknown) => e instanceof OptionError && pattern.test((e as Error).message), `loadDataset ${JSON.stringify(options)}`);
  };
  await refused({ missing: 'skip' }, /^options\.missing must be error, drop or mean, got 'skip'$/);
  await refused({ task: 'classify' }, /^options\.task must be auto, classification or regression, got 'classify'$/);
  await refused({ delimiter: ':' }, /^options\.delimiter must be one of , ; tab \| or auto, got ':'$/);
  await refused({ features: 'a' }, /^options\.features must be an array/);
  await refused({ encoding: 'ebcdic' }, /^options\.encoding must be one of /);
  // with good options the missing file is what is said
  throwsData(() => readCsv(absent, { missing: 'drop' }), /absent\.csv/);
});

test("options.features naming a column twice is one rule (repeatedName), by name or by position", () => {
  const text = 'a,b,y\n1,2,0\n3,4,1\n';
  const refused = (features: (string | number)[], pattern: RegExp) =>
    assert.throws(() => parseCsv(text, { features }), (e: unknown) => e instanceof OptionError && pattern.test((e as Error).message));
  refused(['a', 'a'], /^options\.features names column 'a' twice; give each feature once$/);
  refused(['b', 'a', 1], /^options\.features names column 'a' twice \(as '1'\); give each feature once$/);
  refused([2, 'b'], /^options\.features names column 'b' twice; give each feature once$/);
});

function png(width: number, height: number): Buffer {
  const image = new PNG({ width, height });
  image.data.fill(200);
  return PNG.sync.write(image);
}

test("image class folders whose names differ only in case (Cat/ and cat/) are refused: two classes of one kind, and one folder on macOS or Windows", () => {
  const root = join(dir, 'pets');
  for (const f of ['Cat', 'cat', 'dog']) {
    mkdirSync(join(root, f), { recursive: true });
    writeFile(join(root, f), 'a.png', png(2, 2));
  }
  throwsData(() => loadImageFolder(root, { width: 2, height: 2 }),
    /pets: class sub-folders 'Cat' and 'cat' differ only in letter case, Unicode form, spaces at either end or invisible characters: they would be 2 classes \(and cannot all exist on macOS or Windows\); put their images in one folder, or rename one$/);
  // with the training's classes (evaluate, predict) the names are matched as they are
  assert.throws(() => loadImageFolder(root, { width: 2, height: 2, classes: ['cat', 'dog'] }), /class 'Cat' was not in the training data/);
});

test("a PNG or JPEG that does not decode is said in our words, naming the file: cut short or damaged (pngjs's 'unexpected end of file' or zlib's words leaked)", () => {
  const whole = png(16, 16);
  const cut = writeFile(dir, 'cut.png', whole.subarray(0, whole.length - 20));
  throwsData(() => decodeImage(cut), /^.*cut\.png: cannot decode the image: the PNG file is cut short: it ends after \d+ bytes, before its closing IEND chunk \(an interrupted download or copy\?\)$/);
  const damaged = Buffer.from(whole);
  const idat = damaged.indexOf('IDAT', 0, 'latin1');
  damaged.fill(0x55, idat + 4, idat + 14); // the compressed pixels, scrambled; the file still ends with IEND
  throwsData(() => decodeImage(writeFile(dir, 'damaged.png', damaged)), /damaged\.png: cannot decode the image: the PNG file is damaged: its image data does not decode \(re-save or re-download it\)$/);
  const jpegCut = writeFile(dir, 'cut.jpg', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]));
  throwsData(() => decodeImage(jpegCut), /cut\.jpg: cannot decode the image: the JPEG file is cut short: it ends after 20 bytes, before its end-of-image marker/);
  for (const file of [cut, jpegCut]) {
    try { decodeImage(file); } catch (e) { assert.doesNotMatch((e as Error).message, /unexpected|invalid|zlib|marker not found|\(Error/i); }
  }
});

function h5(name: string, x: { data: ArrayLike<number>; shape: number[]; dtype: string }): string {
  const path = join(dir, name);
  const f = new h5wasm.File(path, 'w');
  f.create_dataset({ name: 'x', data: x.data as never, shape: x.shape, dtype: x.dtype });
  f.create_dataset({ name: 'y', data: new BigInt64Array([0n, 1n]), shape: [2], dtype: '<q' });
  f.close();
  return path;
}

test("HDF5 integer pixels are scaled by their type's largest value, as scikit-image's img_as_float: uint8 / 255 (the course's), uint16 / 65535, int8 / 127 (int8 was / 255, uint16 not at all)", async () => {
  const read = async (name: string, data: ArrayLike<number>, dtype: string) => Array.from((await readHdf5(h5(name, { data, shape: [2, 2], dtype }))).X.data);
  // X is features x examples: [x00, x10, x01, x11] of rows (example 0: 0, a; example 1: b, c)
  assert.deepEqual(await read('u8.h5', Uint8Array.from([0, 255, 51, 255]), '<B'), [0, 51 / 255, 1, 1].map(Math.fround));
  assert.deepEqual(await read('u16.h5', Uint16Array.from([0, 65535, 13107, 65535]), '<H'), [0, 0.2, 1, 1].map(Math.fround));
  assert.deepEqual(await read('i8.h5', Int8Array.from([-128, 127, 0, -127]), '<b'), [-1, 0, 1, -1].map(Math.fround));
  assert.deepEqual(await read('i16.h5', Int16Array.from([-32768, 32767, 0, 1]), '<h'), [-1, 0, 1, 1 / 32767].map(Math.fround));
  // wider integers and floats are features as they are
  assert.deepEqual(await read('i32.h5', Int32Array.from([-5, 70000, 3, 1]), '<i'), [-5, 3, 70000, 1]);
  assert.deepEqual(await read('f32.h5', Float32Array.from([0.5, 300, -2, 1]), '<f'), [0.5, -2, 300, 1]);
});

test("a 1-D dataset given as X says X must be 2-D or more, naming the key (it said there were no labels to go with it)", async () => {
  const path = h5('vector.h5', { data: Float32Array.from([1, 2]), shape: [2], dtype: '<f' });
  await assert.rejects(readHdf5(path, { xKey: 'x' }), (e: unknown) => e instanceof DataError
    && /vector\.h5: dataset 'x' given for X \(options\.xKey\) is 1-D \(2 values\); X must be 2-D or more: one example per entry of its first dimension, its features in the others \(store one feature as 2 x 1\); the datasets are: x \(2\), y \(2\)$/.test((e as Error).message));
});

test("the readers' options are checked by shape before a file is opened: an object of known keys, each of its kind ({ xKey: 5 } failed inside with 'key.replace is not a function', { tagret: 'y' } read the last column as the target, silently)", async () => {
  const refused = (fn: () => unknown, pattern: RegExp) =>
    assert.throws(fn, (e: unknown) => e instanceof OptionError && pattern.test((e as Error).message), `expected an OptionError matching ${pattern}`);
  const csv = writeFile(dir, 'opts.csv', 'a,b,y\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n');
  refused(() => parseCsv('a,y\n1,0\n2,1\n', { tagret: 'a' } as never), /^parseCsv: unknown option 'tagret' \(did you mean 'target'\?\); the options are header, target, /);
  refused(() => readCsv(csv, { tagret: 'a' } as never), /^readCsv: unknown option 'tagret' \(did you mean 'target'\?\)/);
  refused(() => parseCsv(5 as never), /^parseCsv: give the CSV text as a string, got a number$/);
  refused(() => parseCsv('a,y\n1,0\n', null as never), /^parseCsv: options must be an object such as \{ target: 'y' \}, got null$/);
  await assert.rejects(loadDataset(csv, { tagret: 'a' } as never), /loadDataset: unknown option 'tagret'/);
  const h5path = h5('opts.h5', { data: Uint8Array.from([1, 2, 3, 4]), shape: [2, 2], dtype: '<B' });
  await assert.rejects(readHdf5(h5path, { xKey: 5 } as never), (e: unknown) => e instanceof OptionError && (e as Error).message === 'options.xKey must be a string, got 5');
  await assert.rejects(readHdf5(h5path, { xkey: 'x' } as never), /^OptionError: readHdf5: unknown option 'xkey' \(did you mean 'xKey'\?\)/);
  await assert.rejects(readHdf5(h5path, { classes: 'a,b' } as never), /options\.classes must be an array of strings, got "a,b"$/);
  await assert.rejects(loadDataset(h5path, { xKey: 5 } as never), /options\.xKey must be a string, got 5$/);
  const { readIdx } = await import('../../src/data/idx.js');
  refused(() => readIdx(join(dir, 'x-images-idx3-ubyte'), 'labels.idx' as never), /^readIdx: options must be an object, got "labels\.idx"$/);
  refused(() => readIdx(join(dir, 'x-images-idx3-ubyte'), { label: 'l' } as never), /^readIdx: unknown option 'label' \(did you mean 'labels'\?\)/);
  refused(() => loadImageFolder(dir, { classes: 'a' } as never), /^options\.classes must be an array of strings, got "a"$/);
  refused(() => loadImageFolder(dir, { widht: 4 } as never), /^loadImageFolder: unknown option 'widht' \(did you mean 'width'\?\)/);
});
