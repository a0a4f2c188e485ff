// Hostile input to the command line, tenth round: animated PNGs and JPEG kinds the decoder does not
// read, in image folders and as images to predict; IDX files of other element types; output paths through a file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { backprop, fileWriter, tempDir, usageError } from '../helpers/cli.js';

const dir = tempDir('backprop-hostile10-');
const file = fileWriter(dir);

function png(v: number): Buffer {
  const image = new PNG({ width: 4, height: 4 });
  image.data = Buffer.alloc(4 * 4 * 4, v);
  return PNG.sync.write(image);
}
/** A PNG with an animation control chunk of 5 frames before its image data (the CRC is not read before the refusal). */
function animated(): Buffer {
  const still = png(100);
  const actl = Buffer.alloc(20);
  actl.writeUInt32BE(8, 0);
  actl.write('acTL', 4, 'latin1');
  actl.writeUInt32BE(5, 8);
  return Buffer.concat([still.subarray(0, 33), actl, still.subarray(33)]);
}
function arithmeticJpeg(): Buffer {
  const bytes = Buffer.from(jpeg.encode({ width: 4, height: 4, data: Buffer.alloc(64, 90) }, 90).data);
  bytes[bytes.indexOf(Buffer.from([0xff, 0xc0])) + 1] = 0xc9;
  return bytes;
}

test('an animated PNG or an arithmetic-coded JPEG in an image folder or given to predict is refused in one line naming the file', () => {
  const root = path.join(dir, 'imgs');
  for (const [cls, v] of [['dark', 20], ['light', 230]] as const) {
    mkdirSync(path.join(root, cls), { recursive: true });
    for (let i = 0; i < 4; i++) writeFileSync(path.join(root, cls, `${i}.png`), png(v + i));
  }
  const model = path.join(dir, 'img.json');
  const r = backprop(['train', '--data', root, '--image-size', '4x4', '--layers', 'none', '--epochs', '2', '--test-split', '0', '--save', model]);
  assert.equal(r.code, 0, r.stderr);
  usageError(backprop(['predict', '--model', model, '--data', file('spin.png', animated())]), /spin\.png: an animated PNG \(APNG\) of 5 frames: only still images are read/);
  usageError(backprop(['predict', '--model', model, '--data', file('arith.jpg', arithmeticJpeg())]), /arith\.jpg: an arithmetic-coded JPEG \(SOF9\), which the decoder does not read; re-save it as a baseline JPEG or a PNG$/);
  writeFileSync(path.join(root, 'light', 'z.jpg'), arithmeticJpeg());
  usageError(backprop(['train', '--data', root, '--image-size', '4x4', '--epochs', '1']), /z\.jpg: an arithmetic-coded JPEG \(SOF9\)/);
});

test('an IDX images file of float32 values is said by its type name', () => {
  const bytes = new Uint8Array(16 + 4);
  bytes.set([0, 0, 0x0d, 3]);
  new DataView(bytes.buffer).setUint32(4, 1);
  new DataView(bytes.buffer).setUint32(8, 1);
  new DataView(bytes.buffer).setUint32(12, 1);
  const images = file('f-images-idx3-ubyte', bytes);
  usageError(backprop(['train', '--data', images, '--epochs', '1']), /f-images-idx3-ubyte: the IDX values are of type 0x0D \(float32\), expected 0x08 \(unsigned byte\)/);
});

test('an output path through a file says so (it was said to be a folder that does not exist)', () => {
  const notes = file('notes.txt', 'mine\n');
  usageError(backprop(['train', '--data', 'xor', '--epochs', '1', '--save', path.join(notes, 'm.json')]), /--save .*m\.json: .*notes\.txt is a file, not a folder$/);
  const model = path.join(dir, 'xor.json');
  assert.equal(backprop(['train', '--data', 'xor', '--epochs', '1', '--save', model]).code, 0);
  usageError(backprop(['export', '--model', model, '--out', path.join(notes, 'sub', 'm.onnx')]), /--out .*m\.onnx: .*notes\.txt is a file, not a folder$/);
  usageError(backprop(['export', '--model', model, '--out', path.join(dir, 'missing', 'm.onnx')]), /--out .*m\.onnx: the folder .*missing does not exist$/);
  assert.equal(readFileSync(notes, 'utf8'), 'mine\n');
});

test('a model file edited by hand with a key twice is refused naming the key and line (JSON.parse kept the last, silently)', () => {
  const model = path.join(dir, 'twice.json');
  assert.equal(backprop(['train', '--data', 'xor', '--epochs', '1', '--save', model]).code, 0);
  const text = readFileSync(model, 'utf8').replace('"task"', '"task": "regression",\n  "task"');
  usageError(backprop(['predict', '--model', file('edited.json', text), '--data', 'xor']), /edited\.json: the key "task" is given twice in one object \(line 2\): JSON keeps only the last; remove one$/);
});

test('CSV header names that differ only in spaces at either end are refused in one line', () => {
  usageError(backprop(['train', '--data', file('spaced.csv', '"a","a ",y\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n'), '--epochs', '1']), /spaced\.csv, line 1: columns 1 and 2 are named "a" and "a ", the same but for spaces at either end or invisible characters; rename one$/);
});
