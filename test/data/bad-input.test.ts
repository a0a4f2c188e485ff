// Hostile input to the data readers: each bad file is refused with a DataError that names the file
// and what is wrong, instead of a confusing message later or a silently wrong dataset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync, crc32 } from 'node:zlib';
import { PNG } from 'pngjs';
import { join } from 'node:path';
import h5wasm from 'h5wasm/node';
import { readCsv, parseCsv, type CsvSchema } from '../../src/data/csv-file.js';
import { loadDataset } from '../../src/data/load.js';
import { readHdf5 } from '../../src/data/hdf5.js';
import { decodeImage } from '../../src/data/images.js';
import { trainTestSplit } from '../../src/data/split.js';
import { Matrix } from '../../src/tensor/matrix.js';
import { DataError, ModelFileError } from '../../src/errors.js';
import { tempDir, writeFile } from './helpers.js';

const dir = tempDir();
const throwsData = (fn: () => unknown, pattern: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof DataError && pattern.test(e.message), `expected a DataError matching ${pattern}`);
const utf16 = (text: string, bom: boolean) => {
  const out = new Uint8Array((bom ? 2 : 0) + 2 * text.length);
  if (bom) out.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) out[(bom ? 2 : 0) + 2 * i] = text.charCodeAt(i); // ASCII: high bytes 0
  return out;
};

test('a number beyond float32 (1e400, 1e39) is refused with its line and column, not trained on as Infinity', () => {
  throwsData(() => parseCsv('a,b,y\n1,2,0\n3,1e400,1\n5,6,1\n', {}, 'big.csv'), /big\.csv, line 3, column 'b': '1e400' is too large/);
  throwsData(() => parseCsv('a,b,y\n1,2,0\n3,4,1\n-1e39,6,1\n', {}, 'f32.csv'), /f32\.csv, line 4, column 'a': '-1e39' is too large/);
  // a float64 target holds 1e300, but not 1e400
  throwsData(() => parseCsv('a,y\n1,0.5\n2,1e400\n3,1.5\n4,2.5\n', { task: 'regression' }, 't.csv'), /t\.csv, line 3, column 'y': '1e400' is too large/);
  assert.equal(parseCsv('a,y\n1,0.5\n2,1e300\n3,1.5\n4,2.5\n', { task: 'regression' }).dataset.Y.data[1], 1e300);
});

test('a binary file given as CSV is named for what it is; UTF-16 text is read (with a BOM) or refused by name (without)', () => {
  throwsData(() => readCsv(writeFile(dir, 'cats.csv', new Uint8Array([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]))), /cats\.csv: not a CSV text file: it looks like an HDF5 file/);
  throwsData(() => readCsv(writeFile(dir, 'pic.csv', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))), /pic\.csv: not a CSV text file: it looks like a PNG image/);
  throwsData(() => readCsv(writeFile(dir, 'blob.csv', new Uint8Array([0x41, 0x2c, 0x42, 0x0a, 0x31, 0x00, 0x07, 0x0a]))), /blob\.csv: not a CSV text file: it holds binary data \(a zero byte at offset 5\)/);
  const text = 'a,b,y\n1,2,0\n3,4,1\n5,6,1\n7,8,0\n';
  const withBom = readCsv(writeFile(dir, 'bom16.csv', utf16(text, true)));
  assert.deepEqual(withBom.dataset.featureNames, ['a', 'b']);
  assert.deepEqual(Array.from(withBom.dataset.Y.data), [0, 1, 1, 0]);
  throwsData(() => readCsv(writeFile(dir, 'nobom16.csv', utf16(text, false))), /nobom16\.csv: not a CSV text file: .*UTF-16.*UTF-8/);
});

test('a .gz that is not gzip, or is cut short, says so', () => {
  throwsData(() => readCsv(writeFile(dir, 'plain.csv.gz', 'a,y\n1,0\n2,1\n')), /plain\.csv\.gz: named \.gz but not gzip-compressed/);
  const gz = gzipSync('a,y\n' + Array.from({ length: 2000 }, (_, i) => `${i},${i % 2}`).join('\n'));
  throwsData(() => readCsv(writeFile(dir, 'cut.csv.gz', gz.subarray(0, gz.length / 2))), /cut\.csv\.gz: not a valid gzip file: it is cut short \(it ends after \d+ bytes, inside the compressed data: an interrupted download or copy\?\)$/);
});

test('column positions out of range, a wrong separator and a parser error are explained on one line', () => {
  throwsData(() => parseCsv('a,b,y\n1,2,0\n3,4,1\n', { target: 9 }), /no target column '9' \(positions are 1 to 3\)/);
  throwsData(() => parseCsv('a,b,y\n1,2,0\n3,4,1\n', { target: 0 }), /no target column '0' \(positions are 1 to 3\)/);
  // a comma file read with ';' is one column: the message points at --delimiter
  throwsData(() => parseCsv('a,b,y\n1,2,0\n3,4,1\n', { delimiter: ';' }), /single column.*options\.delimiter/);
  // csv-parse quotes the whole offending field: the message is cut to one short line
  const long = 'a,b\n1,2\n3,x"' + 'z'.repeat(5000) + '\n';
  assert.throws(() => parseCsv(long), (e: unknown) => e instanceof DataError && /line 3, column 'b': a quote after 'x' inside a field/.test(e.message) && e.message.length < 300 && !e.message.includes('\n'));
  const longer = 'a,b\n1,2\n3,' + 'x'.repeat(5000) + '"z\n';
  assert.throws(() => parseCsv(longer), (e: unknown) => e instanceof DataError && /line 3, column 'b': a quote after 'x+\.\.\.' inside a field/.test(e.message) && e.message.length < 300);
});

test('a column empty in every row (a trailing comma on each line) is named, not read as one class \'undefined\'', () => {
  throwsData(() => parseCsv('a,b,y,\n1,2,0,\n3,4,1,\n', {}, 'trail.csv'), /trail\.csv: column '4' is empty in every row \(does every line end with ','\?\); choose the label column with options\.target/);
  throwsData(() => parseCsv('a,b,y,\n1,2,0,\n3,4,1,\n', { target: 'y' }, 'trail.csv'), /trail\.csv: column '4' is empty in every row .*; leave it out with options\.features/);
  assert.deepEqual(parseCsv('a,b,y,\n1,2,0,\n3,4,1,\n', { target: 'y', features: ['a', 'b'] }).dataset.featureNames, ['a', 'b']);
});

test('--task classification of a continuous target is refused instead of training hundreds of one-example classes', () => {
  const rows = Array.from({ length: 60 }, (_, i) => `${i},${(i * 0.37).toFixed(2)}`).join('\n');
  throwsData(() => parseCsv('x,price\n' + rows, { task: 'classification' }, 'prices.csv'), /prices\.csv: target column 'price' has 60 different values in 60 rows, too many to be classes; use \{ task: 'regression' \}/);
  // a few whole-number classes, even fewer rows than twice the classes, still work
  assert.deepEqual(parseCsv('x,y\n1,0\n2,1\n', { task: 'classification' }).dataset.classes, ['0', '1']);
});

test('a damaged CSV schema (from a model file) is a ModelFileError, not a wrong matrix', () => {
  const { schema } = parseCsv('a,b,y\n1,2,0\n3,4,1\n');
  const short = { ...JSON.parse(JSON.stringify(schema)), featureNames: ['a'] } as CsvSchema;
  assert.throws(() => parseCsv('a,b,y\n1,2,0\n', { schema: short }), (e: unknown) => e instanceof ModelFileError && /the features give 2 inputs but featureNames has 1/.test(e.message));
  const noCategories = { ...schema, features: [{ column: 'a', type: 'oneHot' }, schema.features[1]] } as unknown as CsvSchema;
  assert.throws(() => parseCsv('a,b,y\n1,2,0\n', { schema: noCategories }), (e: unknown) => e instanceof ModelFileError && /feature 1 must be/.test(e.message));
});

test('a file without examples (an IDX header of 0 images) is a DataError from loadDataset', async () => {
  const header = (magic: number, dims: number[]) => {
    const b = new Uint8Array(4 + 4 * dims.length);
    const v = new DataView(b.buffer);
    v.setUint32(0, magic);
    dims.forEach((d, i) => v.setUint32(4 + 4 * i, d));
    return b;
  };
  const images = writeFile(dir, 'none-images-idx3-ubyte', header(0x803, [0, 28, 28]));
  writeFile(dir, 'none-labels-idx1-ubyte', header(0x801, [0]));
  await assert.rejects(loadDataset(images), (e: unknown) => e instanceof DataError && /none-images-idx3-ubyte: no examples in the file/.test(e.message));
});

test('splitting a large dataset does not overflow the call stack', () => {
  const m = 2_000_000;
  const y = Float64Array.from({ length: m }, (_, j) => j % 2);
  const data = { name: 'big', task: 'binary' as const, classes: ['0', '1'], featureNames: ['x'], X: new Matrix(1, m), Y: new Matrix(1, m, y, 'float64') };
  const { train, test: held } = trainTestSplit(data, { testFraction: 0.2, seed: 1 });
  assert.equal(train.X.cols + held.X.cols, m);
  assert.equal(held.X.cols, 400_000);
});

test('--one-hot auto refuses an identifier column; a one-hot that cannot fit in memory is refused before allocating', () => {
  const ids = 'id,x,y\n' + Array.from({ length: 150 }, (_, i) => `user${i},${i % 7},${i % 2}`).join('\n');
  throwsData(() => parseCsv(ids, { oneHot: 'auto' }, 'ids.csv'), /ids\.csv: text column 'id' has 150 different values in 150 rows \(an identifier\?\); leave it out with options\.features/);
  assert.equal(parseCsv(ids, { oneHot: ['id'] }).dataset.X.rows, 151, 'asked for by name, it is encoded');
  const many = 'id,y\n' + Array.from({ length: 17_000 }, (_, i) => `u${i},${i % 2}`).join('\n');
  throwsData(() => parseCsv(many, { oneHot: ['id'] }, 'many.csv'), /many\.csv: 17000 features x 17000 rows is more than the \d+ values that fit in memory; one-hot column 'id' alone makes 17000 features/);
});

test('HDF5: NaN or infinite values are named with the dataset and example; huge whole-number labels are a quantity, not classes', async () => {
  await h5wasm.ready;
  const h5 = (name: string, x: Float32Array, y: Float64Array | Int32Array) => {
    const path = join(dir, name);
    const f = new h5wasm.File(path, 'w');
    f.create_dataset({ name: 'x', data: x, shape: [y.length, x.length / y.length], dtype: '<f4' });
    f.create_dataset({ name: 'y', data: y, shape: [y.length], dtype: y instanceof Int32Array ? '<i4' : '<f8' });
    f.close();
    return path;
  };
  const x = Float32Array.from({ length: 30 }, (_, k) => k % 7);
  const labels = Int32Array.from({ length: 10 }, (_, j) => j % 2);
  const badX = x.slice();
  badX[13] = NaN; // example 5 (3 values each), the first with a NaN
  await assert.rejects(readHdf5(h5('nanx.h5', badX, labels)), (e: unknown) => e instanceof DataError && /nanx\.h5: dataset 'x' has the value NaN in example 5$/.test(e.message));
  const badY = Float64Array.from({ length: 10 }, (_, j) => j * 0.5);
  badY[7] = Infinity;
  await assert.rejects(readHdf5(h5('infy.h5', x, badY)), (e: unknown) => e instanceof DataError && /infy\.h5: dataset 'y' has the value Infinity in example 8/.test(e.message));
  // labels up to 9e8 made an array of 9e8 class names: out of memory
  const prices = readHdf5(h5('prices.h5', x, Int32Array.from({ length: 10 }, (_, j) => j * 100_000_000)));
  const d = await prices;
  assert.equal(d.task, 'regression');
  assert.equal(d.classes, undefined);
});

test('a PNG whose header claims 60000 x 60000 pixels is refused before decoding; a cut PNG says it may be damaged', () => {
  const png = PNG.sync.write(new PNG({ width: 1, height: 1 }));
  png.writeUInt32BE(60000, 16);
  png.writeUInt32BE(60000, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)) >>> 0, 29); // a valid IHDR chunk
  throwsData(() => decodeImage(writeFile(dir, 'huge.png', png)), /huge\.png: 60000 x 60000 pixels is too large to decode/);
  const real = PNG.sync.write(new PNG({ width: 16, height: 16 }));
  throwsData(() => decodeImage(writeFile(dir, 'cut.png', real.subarray(0, real.length / 2))), /cut\.png: cannot decode the image: the PNG file is cut short: it ends after \d+ bytes, before its closing IEND chunk/);
});

test('--encoding utf-16le/be on a file that is not UTF-16, or of the other byte order, says the encoding looks wrong (it said "only a header line")', () => {
  const text = 'a,b,y\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n';
  const utf8 = writeFile(dir, 'enc-utf8.csv', text);
  throwsData(() => readCsv(utf8, { encoding: 'utf-16le' }), /enc-utf8\.csv: the encoding looks wrong: read as utf-16le, but the file is not UTF-16 text .*leave out options\.encoding/);
  throwsData(() => readCsv(utf8, { encoding: 'utf-16be' }), /enc-utf8\.csv: the encoding looks wrong: read as utf-16be/);
  const le = writeFile(dir, 'enc-le.csv', Buffer.from(text, 'utf16le'));
  throwsData(() => readCsv(le, { encoding: 'utf-16be' }), /enc-le\.csv: the encoding looks wrong: read as utf-16be, but the file is UTF-16LE text; give \{ encoding: 'utf-16le' \}$/);
  const withBom = writeFile(dir, 'enc-bom.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  throwsData(() => readCsv(withBom, { encoding: 'utf-16be' }), /its byte-order mark says so\); give \{ encoding: 'utf-16le' \}$/);
  const be = Buffer.from(text, 'utf16le').swap16();
  assert.equal(readCsv(le, { encoding: 'utf-16le' }).dataset.X.cols, 4);
  assert.equal(readCsv(writeFile(dir, 'enc-be.csv', be), { encoding: 'utf-16be' }).dataset.X.cols, 4);
  assert.equal(readCsv(withBom, { encoding: 'utf-16le' }).dataset.X.cols, 4);
});
