import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { loadImageFolder, loadImageAsColumn, resizeBilinear, decodeImage } from '../../src/data/images.js';
import { loadDataset } from '../../src/data/load.js';
import { checkPreprocessing } from '../../src/model/preprocessing.js';
import { DataError, ModelFileError, OptionError } from '../../src/errors.js';
import { tempDir, writeFile } from './helpers.js';

const dir = tempDir();

/** RGBA bytes of a width x height image, pixel (x, y) given by f. */
function rgba(width: number, height: number, f: (x: number, y: number) => [number, number, number, number]): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(f(x, y), (y * width + x) * 4);
  return data;
}
function png(width: number, height: number, f: (x: number, y: number) => [number, number, number, number], colorType: 0 | 2 | 6 = 6): Buffer {
  const image = new PNG({ width, height });
  image.data = Buffer.from(rgba(width, height, f));
  return PNG.sync.write(image, { colorType });
}
const solid = (r: number, g: number, b: number, a = 255) => () => [r, g, b, a] as [number, number, number, number];
const throwsData = (fn: () => unknown, pattern: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof DataError && pattern.test(e.message), `expected a DataError matching ${pattern}`);

test('bilinear resize: identity at the same size, linear in between when enlarging, averages when halving', () => {
  const img = { width: 2, height: 1, data: Uint8Array.from([0, 100, 200, 255, 100, 0, 40, 255]) };
  assert.deepEqual(Array.from(resizeBilinear(img, 2, 1)), [0, 100, 200, 100, 0, 40]);
  // half-pixel centres: x = 0..3 sample the source at -0.25 (clamped), 0.25, 0.75, 1.25 (clamped)
  assert.deepEqual(Array.from(resizeBilinear(img, 4, 1)).filter((_, i) => i % 3 === 0), [0, 25, 75, 100]);
  assert.deepEqual(Array.from(resizeBilinear(img, 1, 1)), [50, 50, 120]);
  const tall = { width: 1, height: 2, data: Uint8Array.from([0, 0, 0, 255, 200, 200, 200, 255]) };
  assert.deepEqual(Array.from(resizeBilinear(tall, 1, 1)), [100, 100, 100]);
});

test('a folder of class folders: sorted classes, RGB in (h, w, c) order scaled by 1/255, alpha dropped, grey made RGB', () => {
  const root = join(dir, 'pets');
  mkdirSync(join(root, 'dog'), { recursive: true });
  mkdirSync(join(root, 'cat'));
  writeFile(join(root, 'dog'), 'a.png', png(4, 4, solid(255, 0, 51, 10)));   // nearly transparent: alpha ignored
  writeFile(join(root, 'dog'), 'b.PNG', png(8, 8, solid(90, 90, 90), 0));   // greyscale PNG
  writeFile(join(root, 'dog'), 'notes.txt', 'not an image');
  writeFile(join(root, 'cat'), 'c.jpg', jpeg.encode({ width: 4, height: 4, data: rgba(4, 4, solid(0, 128, 255)) }, 100).data);
  const gradient = png(2, 2, (x, y) => [x * 255, y * 255, 0, 255]);
  writeFile(join(root, 'cat'), 'd.png', gradient);

  const { dataset, schema } = loadImageFolder(root, { width: 2, height: 2 });
  assert.deepEqual(dataset.classes, ['cat', 'dog']);
  assert.deepEqual(schema, { format: 'images', width: 2, height: 2, channels: 3, classes: ['cat', 'dog'] });
  assert.deepEqual(dataset.X.shape, [12, 4]);
  assert.deepEqual(Array.from(dataset.Y.data), [0, 0, 1, 1]); // cat/c.jpg, cat/d.png, dog/a.png, dog/b.PNG
  assert.equal(dataset.task, 'binary');
  const column = (j: number) => dataset.X.column(j).map((v) => Math.round(v * 255));
  // JPEG is lossy: within a few levels
  column(0).forEach((v, i) => assert.ok(Math.abs(v - [0, 128, 255][i % 3]!) <= 3, `jpeg value ${v} at ${i}`));
  assert.deepEqual(column(1), [0, 0, 0, 255, 0, 0, 0, 255, 0, 255, 255, 0]); // (y, x, c) order
  assert.deepEqual(column(2), [255, 0, 51, 255, 0, 51, 255, 0, 51, 255, 0, 51]);
  assert.deepEqual(column(3), Array(12).fill(90));
  assert.equal(dataset.featureNames[7], 'pixel_1_0_1');

  // a test folder with the training classes: class indices follow the training order
  const testRoot = join(dir, 'pets-test');
  mkdirSync(join(testRoot, 'dog'), { recursive: true });
  writeFile(join(testRoot, 'dog'), 'e.png', gradient);
  const t = loadImageFolder(testRoot, { width: 2, height: 2, classes: schema.classes });
  assert.deepEqual(Array.from(t.dataset.Y.data), [1]);
  assert.deepEqual(t.dataset.classes, ['cat', 'dog']);
  mkdirSync(join(testRoot, 'bird'));
  // an empty sub-folder is not a class, and is passed over
  assert.equal(loadImageFolder(testRoot, { width: 2, height: 2, classes: schema.classes }).dataset.X.cols, 1);
  writeFile(join(testRoot, 'bird'), 'f.png', gradient);
  throwsData(() => loadImageFolder(testRoot, { classes: schema.classes }), /bird: class 'bird' was not in the training data \(classes: cat, dog\)/);
});

test('one image as a column, for predicting; defaults to 64 x 64', () => {
  const path = writeFile(dir, 'one.png', png(3, 5, solid(255, 51, 0)));
  const x = loadImageAsColumn(path, 2, 3);
  assert.deepEqual(x.shape, [18, 1]);
  assert.deepEqual(Array.from(x.data).slice(0, 3), [1, 0.2, 0].map(Math.fround));
  assert.deepEqual(loadImageAsColumn(path).shape, [64 * 64 * 3, 1]);
  assert.throws(() => loadImageAsColumn(path, 0, 3), OptionError);
});

test('unreadable images and bad folders are DataErrors naming them', () => {
  const broken = writeFile(dir, 'broken.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
  throwsData(() => decodeImage(broken), /broken\.png: cannot decode the image/);
  throwsData(() => loadImageAsColumn(writeFile(dir, 'text.jpg', 'hello')), /text\.jpg: not a PNG or JPEG image/);
  throwsData(() => loadImageAsColumn(join(dir, 'absent.png')), /^file not found: /);
  const flat = join(dir, 'flat');
  mkdirSync(flat);
  writeFile(flat, 'x.png', png(2, 2, solid(1, 2, 3)));
  throwsData(() => loadImageFolder(flat), /flat: no class sub-folders/);
  const unlabeled = loadImageFolder(flat, { allowUnlabeled: true, classes: ['a', 'b'], width: 2, height: 2 });
  assert.equal(unlabeled.dataset.unlabeled, true);
  assert.deepEqual(unlabeled.dataset.X.shape, [12, 1]);
  const bad = join(dir, 'bad');
  mkdirSync(join(bad, 'a'), { recursive: true });
  mkdirSync(join(bad, 'b'));
  writeFile(join(bad, 'a'), 'ok.png', png(2, 2, solid(1, 2, 3)));
  writeFile(join(bad, 'b'), 'bad.jpg', Uint8Array.from([0xff, 0xd8, 0, 0, 0]));
  throwsData(() => loadImageFolder(bad), /bad\.jpg: cannot decode the image/);
  const empty = join(dir, 'empty');
  mkdirSync(join(empty, 'a'), { recursive: true });
  mkdirSync(join(empty, 'b'));
  throwsData(() => loadImageFolder(empty), /empty: no PNG or JPEG images found/);
});

test('an empty class sub-folder is an error naming it; files that are not images are named in one warning (both were skipped silently)', () => {
  const root = join(dir, 'junk');
  for (const c of ['bird', 'cat', 'dog']) mkdirSync(join(root, c), { recursive: true });
  writeFile(join(root, 'cat'), 'a.png', png(2, 2, solid(1, 2, 3)));
  writeFile(join(root, 'dog'), 'b.png', png(2, 2, solid(200, 2, 3)));
  throwsData(() => loadImageFolder(root, { width: 2, height: 2 }), /junk\/bird: class sub-folder 'bird' holds no PNG or JPEG images \(a class without examples\)/);
  writeFile(join(root, 'bird'), 'notes.txt', 'not a picture');
  throwsData(() => loadImageFolder(root, { width: 2, height: 2 }), /junk\/bird: class sub-folder 'bird' holds no PNG/);
  writeFile(join(root, 'bird'), 'c.jpg', jpeg.encode({ width: 2, height: 2, data: Buffer.from(rgba(2, 2, solid(9, 9, 9))) }, 90).data);
  writeFile(join(root, 'dog'), 'photo.gif', 'GIF89a');
  writeFile(join(root, 'dog'), '.DS_Store', 'hidden files are not data');
  writeFile(root, 'README.txt', 'about');
  const warnings: string[] = [];
  const { dataset } = loadImageFolder(root, { width: 2, height: 2, warn: (m) => warnings.push(m) });
  assert.deepEqual(dataset.classes, ['bird', 'cat', 'dog']);
  assert.equal(dataset.X.cols, 3);
  assert.deepEqual(warnings, [`${root}: 3 files not read (only PNG and JPEG images in the class sub-folders are): 'README.txt', 'bird/notes.txt', 'dog/photo.gif'`]);
});

test('a picture of width or height 0 is refused naming the file (it used to predict with probability NaN, exit 0)', () => {
  // pngjs writes no empty picture: a valid PNG of 0 x 3 by hand (IHDR, an empty IDAT, IEND)
  const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
  const crc = (b: Buffer) => { let c = 0xffffffff; for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0); body.copy(out, 4); out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(0, 0); ihdr.writeUInt32BE(3, 4); ihdr[8] = 8; ihdr[9] = 2;
  const empty = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])), chunk('IEND', Buffer.alloc(0))]);
  const file = writeFile(dir, 'empty.png', empty);
  throwsData(() => decodeImage(file), /empty\.png: the image is 0 x 3 pixels: it has no pixels/);
  throwsData(() => loadImageAsColumn(file, 4, 4), /empty\.png: the image is 0 x 3 pixels/);
  const root = join(dir, 'with-empty');
  for (const c of ['a', 'b']) { mkdirSync(join(root, c), { recursive: true }); writeFile(join(root, c), '1.png', png(2, 2, solid(9, 9, 9))); }
  writeFile(join(root, 'a'), '2.png', empty);
  throwsData(() => loadImageFolder(root, { width: 2, height: 2 }), /a\/2\.png: the image is 0 x 3 pixels/);
  // a JPEG whose frame header says height 0
  const jpg = Buffer.from(jpeg.encode({ width: 2, height: 2, data: Buffer.from(rgba(2, 2, solid(50, 60, 70))) }, 90).data);
  const sof = jpg.indexOf(Buffer.from([0xff, 0xc0]));
  jpg.writeUInt16BE(0, sof + 5);
  throwsData(() => decodeImage(writeFile(dir, 'flat.jpg', jpg)), /flat\.jpg: the image is 2 x 0 pixels: it has no pixels/);
});

/** A folder of two classes, each image written by `image(class, i)`. */
function classFolder(name: string, image: (cls: number, i: number) => Buffer, count = 2): string {
  const root = join(dir, name);
  for (const [c, cls] of ['a', 'b'].entries()) {
    mkdirSync(join(root, cls), { recursive: true });
    for (let i = 0; i < count; i++) writeFile(join(root, cls), `${i}.png`, image(c, i));
  }
  return root;
}

test("an image folder is read at its images' own size when they all share one, one grey level per pixel when every file is grey (it was 64 x 64 x 3 always)", () => {
  // MNIST-style digits saved as grey PNGs: 5 x 3 pixels, 15 inputs (not 12,288)
  const grey = classFolder('grey', (c, i) => png(5, 3, (x, y) => { const v = 10 * x + 50 * y + 100 * c + i; return [v, v, v, 255]; }, 0));
  const warnings: string[] = [];
  const { dataset, schema } = loadImageFolder(grey, { warn: (m) => warnings.push(m) });
  assert.deepEqual(schema, { format: 'images', width: 5, height: 3, channels: 1, classes: ['a', 'b'] });
  assert.deepEqual(dataset.X.shape, [15, 4]);
  // each pixel's own level, exactly, in (y, x) order
  assert.deepEqual(dataset.X.column(3).map((v) => Math.round(v * 255)), [101, 111, 121, 131, 141, 151, 161, 171, 181, 191, 201, 211, 221, 231, 241]);
  assert.equal(dataset.featureNames[6], 'pixel_1_1');
  assert.deepEqual(warnings, []);
  // RGB when asked, or when one file is in colour
  assert.deepEqual(loadImageFolder(grey, { channels: 3 }).dataset.X.shape, [45, 4]);
  writeFile(join(grey, 'b'), '9.png', png(5, 3, solid(255, 0, 51)));
  const mixed = loadImageFolder(grey);
  assert.deepEqual([mixed.schema.width, mixed.schema.height, mixed.schema.channels, mixed.dataset.X.rows], [5, 3, 3, 45]);
  // grey from colour: the luma 0.299 R + 0.587 G + 0.114 B
  const luma = loadImageFolder(grey, { channels: 1 }).dataset;
  assert.ok(Math.abs(luma.X.get(0, 4) * 255 - (0.299 * 255 + 0.114 * 51)) < 1e-3, `luma ${luma.X.get(0, 4) * 255}`);
});

test('images of several sizes, or of one large size, are resized to 64 x 64 with a warning saying why and how to choose', () => {
  const several = classFolder('several', (c, i) => png(4 + 4 * i, 4, solid(20 * c, 0, 0)));
  const warnings: string[] = [];
  assert.deepEqual(loadImageFolder(several, { warn: (m) => warnings.push(m) }).dataset.X.rows, 64 * 64 * 3);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /the images are not all one size \(4 x 4 to 8 x 4 pixels\): each is resized to 64 x 64; choose the size with --image-size WxH/);
  // a size given is taken, without a warning
  warnings.length = 0;
  assert.deepEqual(loadImageFolder(several, { width: 6, height: 2, warn: (m) => warnings.push(m) }).schema, { format: 'images', width: 6, height: 2, channels: 3, classes: ['a', 'b'] });
  assert.equal(warnings.length, 0);
  const large = classFolder('large', (c) => png(300, 220, solid(c, c, 9)), 1);
  assert.equal(loadImageFolder(large, { warn: (m) => warnings.push(m) }).dataset.X.rows, 64 * 64 * 3);
  assert.match(warnings[0]!, /the images are 300 x 220 pixels, more than the 65536 pixels taken as they are: each is resized to 64 x 64/);
  // a file that is not an image is refused by name, with no word about sizes before it
  warnings.length = 0;
  const junk = classFolder('junk-size', (c) => png(4, 4, solid(c, 0, 0)), 1);
  writeFile(join(junk, 'b'), 'broken.png', 'not a picture');
  throwsData(() => loadImageFolder(junk, { warn: (m) => warnings.push(m) }), /broken\.png: not a PNG or JPEG image/);
  assert.equal(warnings.length, 0);
});

test("a model's image folders are read as its training folder was: its schema's size and channels, RGB when a file saved before channels were recorded has none", async () => {
  const grey = classFolder('grey-model', (c) => png(4, 2, solid(60 * c, 60 * c, 60 * c), 0), 1);
  const schema = { format: 'images' as const, width: 4, height: 2, classes: ['a', 'b'] };
  assert.equal((await loadDataset(grey, { schema })).dataset.X.rows, 24);
  assert.equal((await loadDataset(grey, { schema: { ...schema, channels: 1 as const } })).dataset.X.rows, 8);
  assert.equal((await loadDataset(grey, { channels: 3 })).dataset.X.rows, 24);
  assert.throws(() => loadImageFolder(grey, { channels: 2 as 3 }), (e: unknown) => e instanceof OptionError && /channels must be 1 \(grey levels\) or 3 \(red, green, blue\), got 2/.test(e.message));
  // a model file's image schema must read as many values per image as the network takes
  const data = { ...schema, channels: 1 };
  assert.deepEqual(checkPreprocessing({ data }, 8).data, data);
  const refused = (json: object, inputs: number, pattern: RegExp) =>
    assert.throws(() => checkPreprocessing(json, inputs), (e: unknown) => e instanceof ModelFileError && pattern.test(e.message), String(pattern));
  refused({ data }, 24, /reads 4 x 2 x 1 = 8 values per image, but the network takes 24 inputs/);
  refused({ data: { ...data, channels: 2 } }, 8, /"preprocessing\.data\.channels" must be 1 \(grey\) or 3 \(RGB\), got 2/);
  refused({ data: { ...data, width: '4' } }, 8, /must give "width" and "height", whole numbers > 0, got "4" and 2/);
  assert.deepEqual(checkPreprocessing({ data: schema }, 24).data, schema);
});
