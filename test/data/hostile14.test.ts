// Hostile input, fourteenth sweep (data). A PNG signature followed by noise was read as a picture of
// 1731738519 x 1821879136 pixels, "too large to decode: raise the limit" (its header chunk is now
// checked by its CRC first); a limit BACKPROP_MAX_IMAGE_PIXELS=abc blamed the image ("damaged");
// a one-line CSV of numbers was "only a header line" with no hint; and a predict file whose label
// column held a class the model never saw was refused, though predict needs no labels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { decodeImage } from '../../src/data/images.js';
import { loadDataset } from '../../src/data/load.js';
import { parseCsv } from '../../src/data/csv.js';
import { DataError, OptionError } from '../../src/errors.js';
import { tempDir } from './helpers.js';

const dir = tempDir();
const oneLine = (type: new (...a: never[]) => Error, pattern: RegExp) => (e: unknown) => e instanceof type && pattern.test(e.message) && !e.message.includes('\n');

test('a PNG whose header chunk is damaged is said to be damaged, before its size is read', () => {
  const noise = Buffer.alloc(200);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 131 + 7) & 0xff;
  PNG.sync.write(new PNG({ width: 2, height: 2 })).copy(noise, 0, 0, 8); // the signature alone
  const fake = join(dir, 'fake.png');
  writeFileSync(fake, noise);
  assert.throws(() => decodeImage(fake), oneLine(DataError, /fake\.png: cannot decode the image: the PNG file is damaged: it does not start with its header chunk \(IHDR\) \(re-save or re-download it\)$/));
  // the header chunk in place, its size changed without its CRC
  const png = PNG.sync.write(new PNG({ width: 4, height: 4 }));
  png.writeUInt32BE(1_731_738_519, 16);
  const bad = join(dir, 'bad-crc.png');
  writeFileSync(bad, png);
  assert.throws(() => decodeImage(bad), oneLine(DataError, /bad-crc\.png: cannot decode the image: the PNG file is damaged: its header chunk \(IHDR\) fails its checksum/));
  // with its CRC right, the size is what is refused (as before)
  png.writeUInt32BE(crc32(png.subarray(12, 29)) >>> 0, 29);
  writeFileSync(bad, png);
  assert.throws(() => decodeImage(bad), oneLine(DataError, /1731738519 x 4 pixels is too large to decode/));
  // a file of fewer bytes than a header is cut short
  const cut = join(dir, 'cut.png');
  writeFileSync(cut, png.subarray(0, 20));
  assert.throws(() => decodeImage(cut), oneLine(DataError, /cut\.png: cannot decode the image: the PNG file is cut short/));
});

test('a bad BACKPROP_MAX_IMAGE_PIXELS is named, not the image', () => {
  const ok = join(dir, 'ok.png');
  writeFileSync(ok, PNG.sync.write(new PNG({ width: 2, height: 2 })));
  const was = process.env.BACKPROP_MAX_IMAGE_PIXELS;
  try {
    for (const v of ['abc', '0', '-1']) {
      process.env.BACKPROP_MAX_IMAGE_PIXELS = v;
      assert.throws(() => decodeImage(ok), oneLine(OptionError, new RegExp(`^the environment variable BACKPROP_MAX_IMAGE_PIXELS must be a number of pixels, got '${v}'$`)));
    }
  } finally {
    if (was === undefined) delete process.env.BACKPROP_MAX_IMAGE_PIXELS;
    else process.env.BACKPROP_MAX_IMAGE_PIXELS = was;
  }
  assert.equal(decodeImage(ok).width, 2);
});

test('a CSV of one line of numbers read with a header says it may be an example', () => {
  assert.throws(() => parseCsv('0.1,0.2,1\n'), oneLine(DataError, /only a header line, no data rows \(its one line is all numbers: if it is an example, read the file without a header, \{ header: false \}\)$/));
  assert.throws(() => parseCsv('a,b,y\n'), oneLine(DataError, /only a header line, no data rows$/));
});

test('a file whose labels are not needed is read without them when one cannot be read, with a warning', async () => {
  const train = join(dir, 'train.csv');
  writeFileSync(train, 'x1,x2,y\n' + Array.from({ length: 10 }, (_, i) => `${i},${i % 3},${i % 2}`).join('\n') + '\n');
  const { schema } = await loadDataset(train);
  const points = join(dir, 'points.csv');
  writeFileSync(points, 'x1,x2,y\n0.1,0.2,1\n0.3,0.4,5\n');
  const warnings: string[] = [];
  const r = await loadDataset(points, { schema, requireTarget: false, warn: (m) => warnings.push(m) });
  assert.equal(r.dataset.unlabeled, true);
  assert.equal(r.dataset.X.cols, 2);
  assert.ok(Array.from(r.dataset.Y.data).every(Number.isNaN));
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /points\.csv, line 3, column 'y': class '5' was not in the training data \(classes: 0, 1\): the labels are not needed here, so the target column 'y' is left out$/);
  // where labels are needed, the same file is refused as before
  await assert.rejects(loadDataset(points, { schema }), oneLine(DataError, /class '5' was not in the training data/));
});

test('a PNG whose image data holds fewer rows than its header promises is damaged (pngjs decoded it, silently)', () => {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.from([0, 0, 0, 8, 0, 0, 0, 8, 8, 0, 0, 0, 0]); // 8 x 8, 8-bit grey, not interlaced
  const png = (rows: number) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(rows * 9, 0x40).map((v, i) => (i % 9 === 0 ? 0 : v)))), chunk('IEND', Buffer.alloc(0))]);
  const whole = join(dir, 'whole.png'), short = join(dir, 'short.png');
  writeFileSync(whole, png(8));
  writeFileSync(short, png(2));
  assert.equal(decodeImage(whole).data[0], 0x40);
  assert.throws(() => decodeImage(short), oneLine(DataError, /short\.png: cannot decode the image: the PNG file is damaged: its image data holds 18 of the 72 bytes its 8 x 8 pixels need/));
});
