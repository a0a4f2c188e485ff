// Hostile input to the library, tenth round: animated PNGs, JPEG kinds the decoder does not read,
// IDX files of other element types, metrics given no values, HDF5 datasets of odd types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { decodeImage, loadImageFolder } from '../../src/data/images.js';
import { readIdx } from '../../src/data/idx.js';
import { readHdf5 } from '../../src/data/hdf5.js';
import { parseCsv } from '../../src/data/csv.js';
import { onnxToModel } from '../../src/io/onnx.js';
import { encodeOnnx, DATA_TYPE } from '../../src/io/onnx-proto.js';
import { float32Bytes } from '../../src/io/interop.js';
import { DataError, ModelFileError } from '../../src/errors.js';
import { tempDir, writeFile } from './helpers.js';

const dir = tempDir();
const throwsData = (fn: () => unknown, pattern: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof DataError && pattern.test(e.message), `expected a DataError matching ${pattern}`);

// PNG chunks carry a CRC-32 of their type and data
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
function stillPng(): Buffer {
  const image = new PNG({ width: 4, height: 4 });
  image.data = Buffer.alloc(4 * 4 * 4, 200);
  return PNG.sync.write(image);
}
/** A PNG with an animation control chunk (acTL) of `frames` frames before its image data, as APNG writers put it. */
function animatedPng(frames: number): Buffer {
  const png = stillPng();
  const actl = Buffer.alloc(8);
  actl.writeUInt32BE(frames, 0);
  const ihdrEnd = 8 + 12 + 13;
  return Buffer.concat([png.subarray(0, ihdrEnd), chunk('acTL', actl), png.subarray(ihdrEnd)]);
}

test('an animated PNG is refused by name (it was read as its still default image, silently); a one-frame APNG is a still picture', () => {
  const apng = writeFile(dir, 'spin.png', animatedPng(12));
  throwsData(() => decodeImage(apng), /spin\.png: an animated PNG \(APNG\) of 12 frames: only still images are read; save the frame you want as a still PNG$/);
  assert.equal(decodeImage(writeFile(dir, 'one.png', animatedPng(1))).width, 4);
  // in an image folder too: the file is named
  const root = join(dir, 'anim');
  for (const c of ['a', 'b']) mkdirSync(join(root, c), { recursive: true });
  writeFile(join(root, 'a'), 'x.png', stillPng());
  writeFile(join(root, 'b'), 'y.png', animatedPng(3));
  throwsData(() => loadImageFolder(root, { width: 4, height: 4 }), /y\.png: an animated PNG \(APNG\) of 3 frames/);
});

/** A small baseline JPEG (jpeg-js's encoder), and the offset of its start-of-frame marker. */
function baselineJpeg(): { bytes: Buffer; sof: number } {
  const data = Buffer.alloc(8 * 8 * 4, 128);
  const bytes = Buffer.from(jpeg.encode({ width: 8, height: 8, data }, 90).data);
  return { bytes, sof: bytes.indexOf(Buffer.from([0xff, 0xc0])) };
}
const withMarker = (marker: number) => {
  const { bytes, sof } = baselineJpeg();
  bytes[sof + 1] = marker;
  return bytes;
};

test('JPEG kinds the decoder does not read are named (they were said to be damaged files, or 12-bit samples decoded as 8-bit ones, silently)', () => {
  throwsData(() => decodeImage(writeFile(dir, 'arith.jpg', withMarker(0xc9))), /arith\.jpg: an arithmetic-coded JPEG \(SOF9\), which the decoder does not read; re-save it as a baseline JPEG or a PNG$/);
  throwsData(() => decodeImage(writeFile(dir, 'arith2.jpg', withMarker(0xca))), /arith2\.jpg: an arithmetic-coded JPEG \(SOF10\)/);
  throwsData(() => decodeImage(writeFile(dir, 'lossless.jpg', withMarker(0xc3))), /lossless\.jpg: a lossless JPEG \(SOF3\), which the decoder does not read/);
  throwsData(() => decodeImage(writeFile(dir, 'hier.jpg', withMarker(0xc5))), /hier\.jpg: a hierarchical JPEG \(SOF5\)/);
  const { bytes, sof } = baselineJpeg();
  bytes[sof + 4] = 12;
  throwsData(() => decodeImage(writeFile(dir, 'deep.jpg', bytes)), /deep\.jpg: a JPEG of 12-bit samples; only 8-bit JPEGs are read/);
  // extended Huffman (SOF1) of 8-bit samples is read as baseline
  assert.equal(decodeImage(writeFile(dir, 'ext.jpg', withMarker(0xc1))).width, 8);
});

// written by Pillow: a progressive 4:4:4 JPEG, and an Adobe CMYK one (8 x 8 red with a green diagonal)
const PROGRESSIVE = '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAIBAQEBAQIBAQECAgICAgQDAgICAgUEBAMEBgUGBgYFBgYGBwkIBgcJBwYGCAsICQoKCgoKBggLDAsKDAkKCgr/2wBDAQICAgICAgUDAwUKBwYHCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgr/wgARCAAIAAgDAREAAhEBAxEB/8QAFAABAAAAAAAAAAAAAAAAAAAAB//EABUBAQEAAAAAAAAAAAAAAAAAAAYH/9oADAMBAAIQAxAAAAE0AXj/xAAVEAEBAAAAAAAAAAAAAAAAAAAANf/aAAgBAQABBQKi/8QAGREAAQUAAAAAAAAAAAAAAAAAtDQ2dHXk/9oACAEDAQE/AWfXjZhoyb//xAAZEQABBQAAAAAAAAAAAAAAAACyMjRyc+L/2gAIAQIBAT8BYVBgII//xAAZEAABBQAAAAAAAAAAAAAAAAAxZHGxs+L/2gAIAQEABj8CUW6lz//EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAT8hP//aAAwDAQACAAMAAAAQP//EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQMBAT8QH//EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQIBAT8QAP/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAT8QFf/Z';
const CMYK = '/9j/7gAOQWRvYmUAZAAAAAAA/9sAQwADAgIDAgIDAwMDBAMDBAUIBQUEBAUKBwcGCAwKDAwLCgsLDQ4SEA0OEQ4LCxAWEBETFBUVFQwPFxgWFBgSFBUU/8AAFAgACAAIBEMRAE0RAFkRAEsRAP/EAB8AAAEFAQEBAQEBAAAAAAAAAAABAgMEBQYHCAkKC//EALUQAAIBAwMCBAMFBQQEAAABfQECAwAEEQUSITFBBhNRYQcicRQygZGhCCNCscEVUtHwJDNicoIJChYXGBkaJSYnKCkqNDU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6g4SFhoeIiYqSk5SVlpeYmZqio6Slpqeoqaqys7S1tre4ubrCw8TFxsfIycrS09TV1tfY2drh4uPk5ebn6Onq8fLz9PX29/j5+v/aAA4EQwBNAFkASwAAPwD33/kjf/ZPP/Ue/wDuH/0l/wCvf/j1+Rf+S4/9lL/9SX/74f8ApX/18/8AH38D/wDIL/68v/RH/wBh/wCg/wC7939U6//Z';

test('progressive and Adobe CMYK JPEGs decode to their colours; a 4-component JPEG without the Adobe mark is refused by name', () => {
  const near = (got: ArrayLike<number>, want: number[]) => want.forEach((v, i) => assert.ok(Math.abs(got[i]! - v) <= 12, `${Array.from(got).slice(0, 3)} vs ${want}`));
  for (const [name, b64] of [['prog.jpg', PROGRESSIVE], ['cmyk.jpg', CMYK]]) {
    const img = decodeImage(writeFile(dir, name!, Buffer.from(b64!, 'base64')));
    assert.deepEqual([img.width, img.height], [8, 8]);
    near(img.data.subarray(0, 3), [0, 255, 0]); // the diagonal
    near(img.data.subarray(4, 7), [200, 30, 40]); // the red beside it
  }
  const cmyk = Buffer.from(CMYK, 'base64');
  const app14 = cmyk.indexOf(Buffer.from([0xff, 0xee]));
  const bare = Buffer.concat([cmyk.subarray(0, app14), cmyk.subarray(app14 + 2 + cmyk.readUInt16BE(app14 + 2))]);
  throwsData(() => decodeImage(writeFile(dir, 'bare.jpg', bare)), /bare\.jpg: a JPEG of 4 colour components without an Adobe colour mark \(CMYK of unknown kind\)/);
});

function idxFile(type: number, dims: number[], valueBytes: number): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + valueBytes);
  const view = new DataView(out.buffer);
  out.set([0, 0, type, dims.length]);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  return out;
}

test('an IDX file of another element type or rank is said by the type name and dimensions, not as a magic number', () => {
  const float = writeFile(dir, 'f-images-idx3-ubyte', idxFile(0x0d, [2, 2, 2], 32));
  throwsData(() => readIdx(float), /f-images-idx3-ubyte: the IDX values are of type 0x0D \(float32\), expected 0x08 \(unsigned byte\) as in MNIST's images \(idx3-ubyte\) files$/);
  for (const [type, name] of [[0x09, 'signed byte'], [0x0b, 'int16'], [0x0c, 'int32'], [0x0e, 'float64']] as const) {
    throwsData(() => readIdx(writeFile(dir, `t${type}-images-idx3-ubyte`, idxFile(type, [1, 1, 1], 8))), new RegExp(`type 0x0${type.toString(16).toUpperCase()} \\(${name}\\), expected 0x08`));
  }
  throwsData(() => readIdx(writeFile(dir, 'odd-images-idx3-ubyte', idxFile(0x07, [1, 1, 1], 1))), /type 0x07 \(not an IDX type\)/);
  throwsData(() => readIdx(writeFile(dir, 'r4-images-idx3-ubyte', idxFile(0x08, [1, 1, 1, 1], 1))), /r4-images-idx3-ubyte: the IDX header announces 4 dimensions, expected 3 for an images \(idx3-ubyte\) file$/);
  throwsData(() => readIdx(writeFile(dir, 'png-images-idx3-ubyte', stillPng())), /png-images-idx3-ubyte: not an IDX images \(idx3-ubyte\) file: it is a PNG image$/);
  // sizes whose product is beyond the file (and beyond 2^53) are counted exactly
  throwsData(() => readIdx(writeFile(dir, 'big-images-idx3-ubyte', idxFile(0x08, [0xffffffff, 0xffffffff, 0xffff], 4))), /the header announces 4294967295 x 4294967295 x 65535 values \(1208907372307614101733391 bytes\) but the file has 20 bytes/);
  // a labels file given for the images names the rank
  const images = writeFile(dir, 'g-images-idx3-ubyte', idxFile(0x08, [1, 1, 1], 1));
  writeFile(dir, 'g-labels-idx1-ubyte', idxFile(0x0c, [1], 4));
  throwsData(() => readIdx(images), /g-labels-idx1-ubyte: the IDX values are of type 0x0C \(int32\), expected 0x08 \(unsigned byte\) as in MNIST's labels \(idx1-ubyte\) files/);
});

test('classification metrics given no values say so (accuracy was NaN, a report NaN over a confusion matrix of zeros)', async () => {
  const { accuracy, confusionMatrix, classificationReport } = await import('../../src/index.js');
  const none = /^OptionError: no values: the metrics need at least one true label and its prediction$/;
  assert.throws(() => accuracy([], []), none);
  assert.throws(() => accuracy(new Float64Array(0), new Int32Array(0)), none);
  assert.throws(() => confusionMatrix([], [], 2), none);
  assert.throws(() => classificationReport([], [], 3), none);
  assert.equal(classificationReport([1], [1], 2).accuracy, 1);
});

// written by test/fixtures/hdf5/odd-types.py (h5py): one dataset of each odd kind, chosen by key
const ODD = new URL('../../../test/fixtures/hdf5/odd-types.h5', import.meta.url).pathname;
const rejectsData = (p: Promise<unknown>, pattern: RegExp) =>
  assert.rejects(p, (e: unknown) => e instanceof DataError && pattern.test(e.message) && !e.message.includes('\n'), `expected a one-line DataError matching ${pattern}`);

test('HDF5 datasets of odd types: bools and enums read as their integers (enum names as classes), the rest refused naming the dataset and what it holds', async () => {
  const bools = await readHdf5(ODD, { xKey: 'x_bool', yKey: 'y' });
  // bools are 0 and 1 (an enum of int8: they were not numbers, and would have been scaled as int8 pixels by 1/127)
  assert.deepEqual(Array.from(bools.X.data), [1, 1, 1, 1, 0, 0, 0, 0]);
  assert.deepEqual((await readHdf5(ODD, { xKey: 'x_bool', yKey: 'y_enum' })).classes, ['RED', 'GREEN']);
  const yBool = await readHdf5(ODD, { xKey: 'x_bool', yKey: 'y_bool' });
  assert.deepEqual([Array.from(yBool.Y.data), yBool.classes], [[1, 0, 1, 0], ['FALSE', 'TRUE']]);
  await rejectsData(readHdf5(ODD, { xKey: 'x_f16', yKey: 'y' }), /odd-types\.h5: dataset 'x_f16' holds 16-bit floats \(float16\), which the HDF5 reader \(h5wasm\) does not read; store it as float32$/);
  await rejectsData(readHdf5(ODD, { xKey: 'x_bool', yKey: 'y_f16' }), /dataset 'y_f16' holds 16-bit floats \(float16\)/);
  await rejectsData(readHdf5(ODD, { xKey: 'x_compound', yKey: 'y' }), /odd-types\.h5: dataset 'x_compound' holds compound records, not numbers$/);
  // string labels (h5py's fixed-length bytes) are class names since hostile11 (they were refused: 'holds strings, not numbers')
  const text = await readHdf5(ODD, { xKey: 'x_bool', yKey: 'y_text' });
  assert.deepEqual([Array.from(text.Y.data), text.classes, text.task], [[0, 1, 0, 1], ['cat', 'dog'], 'binary']);
  await rejectsData(readHdf5(ODD, { xKey: 'x_empty', yKey: 'y' }), /odd-types\.h5: dataset 'x_empty' \(0 x 3\) has no examples: X needs at least one of each$/);
  await rejectsData(readHdf5(ODD, { xKey: 'x_nofeatures', yKey: 'y' }), /dataset 'x_nofeatures' \(4 x 0\) has no features/);
  await rejectsData(readHdf5(ODD, { xKey: 'grp', yKey: 'y' }), /odd-types\.h5: 'grp' given for X is a group, not a dataset; the datasets are: .*grp\/inner \(4 x 2\)/);
  // the list says what each dataset holds
  await rejectsData(readHdf5(ODD, { xKey: 'nothing' }), /the datasets are: .*x_compound \(4 x 2, compound records\), .*x_f16 \(4 x 2, float16\), .*y_text \(4, strings\)/);
  // a filter h5wasm lacks said "can't open directory (/__w/libhdf5-wasm/.../lib/plugin)"
  await rejectsData(readHdf5(ODD, { xKey: 'x_filtered', yKey: 'y' }), /odd-types\.h5: dataset 'x_filtered' is compressed with filter 32123 \('lzf'\), which the HDF5 reader \(h5wasm\) does not have; re-save it with gzip compression or none$/);
});

test('class labels that differ only in spaces at either end or invisible characters are refused naming them (they were two classes, silently; a warning since hostile10, refused since hostile11 as a model file\'s classes are)', () => {
  throwsData(() => parseCsv('a,y\n1,cat\n2,"cat "\n3,ca\u200Bt\n4,dog\n5,dog\n', {}, 'f.csv'),
    /^f\.csv: target column 'y' has the labels "cat" and "cat ", the same but for spaces at either end or invisible characters: they would be two classes that print alike; write them the same$/);
  // '__proto__' is a class and a column like any other
  const proto = parseCsv('__proto__,y\n1,__proto__\n2,constructor\n3,__proto__\n', {}, 'p.csv').dataset;
  assert.deepEqual([proto.classes, proto.featureNames, Array.from(proto.Y.data)], [['__proto__', 'constructor'], ['__proto__'], [0, 1, 0]]);
  // image class folders 'cat' and 'cat ' are refused as 'Cat' and 'cat' are
  const root = join(dir, 'spaced');
  for (const c of ['cat', 'cat ']) {
    mkdirSync(join(root, c), { recursive: true });
    writeFile(join(root, c), 'a.png', stillPng());
  }
  throwsData(() => loadImageFolder(root, { width: 4, height: 4 }), /class sub-folders 'cat' and 'cat ' differ only in letter case, Unicode form, spaces at either end or invisible characters/);
});

test('an ONNX graph input of 3 or more dimensions is refused (it was imported as a model of its second dimension\'s features)', () => {
  const vi = (name: string, dims: { dim_value?: number; dim_param?: string }[]) => ({ name, type: { tensor_type: { elem_type: 1, shape: { dim: dims } } } });
  const bytes = encodeOnnx({
    ir_version: 8, opset_import: [{ domain: '', version: 13 }],
    graph: {
      name: 'g', node: [{ op_type: 'MatMul', name: 'mm', input: ['x', 'B'], output: ['y'] }],
      initializer: [{ name: 'B', dims: [2, 1], data_type: DATA_TYPE.FLOAT, raw_data: float32Bytes([1, 2]) }],
      input: [vi('x', [{ dim_param: 'N' }, { dim_value: 2 }, { dim_value: 3 }])], output: [vi('y', [{ dim_param: 'N' }, { dim_value: 1 }])],
    },
  });
  assert.throws(() => onnxToModel(bytes, 'deep.onnx'), (e: Error) => e instanceof ModelFileError
    && /^deep\.onnx: the graph input 'x' has 3 dimensions \[N, 2, 3\]; only inputs of \[batch, features\] are imported/.test(e.message));
});

test('parseJsonBytes: a key given twice in one object is refused (escapes and nesting read as JSON reads them); keys repeated across objects are not', async () => {
  const { parseJsonBytes } = await import('../../src/index.js');
  const read = (text: string) => parseJsonBytes(new TextEncoder().encode(text), (m) => { throw new Error(m); });
  assert.throws(() => read('{"a": 1,\n "b": {"c": "}", "c\\u0031": 2},\n "a\\u0000": 3, "\\u0061": 4}'), /^Error: the key "a" is given twice in one object \(line 3\): JSON keeps only the last; remove one$/);
  assert.deepEqual(read('{"a": [{"b": 1}, {"b": "x\\"b"}], "b": {"a": 2}}'), { a: [{ b: 1 }, { b: 'x"b' }], b: { a: 2 } });
});

test('CSV header names that are the same but for spaces at either end or invisible characters are refused (a quoted "a " beside a was two columns, silently)', () => {
  throwsData(() => parseCsv('"a","a ",y\n1,2,0\n3,4,1\n', {}, 'h.csv'), /^h\.csv, line 1: columns 1 and 2 are named "a" and "a ", the same but for spaces at either end or invisible characters; rename one$/);
  throwsData(() => parseCsv('x,"b\u200B",b,y\n1,2,3,0\n4,5,6,1\n', {}, 'z.csv'), /^z\.csv, line 1: columns 2 and 3 are named "b\\u200B" and "b"/);
  // Unicode forms keep their own message
  throwsData(() => parseCsv('caf\u00e9,cafe\u0301,y\n1,2,0\n3,4,1\n', {}, 'u.csv'), /columns 1 and 2 are both named 'caf.+' \(the same text in different Unicode forms/);
});
