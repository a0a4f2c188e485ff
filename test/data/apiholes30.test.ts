// API holes, thirtieth battery (data). Image folders were read as float32 whatever the dtype asked
// for (the bilinear resize was float32): a float64 model's gradient check and inspect on an image
// folder saw pixels rounded to float32, where HDF5 and IDX give byte / 255 in float64. Now
// loadImageFolder, loadDataset on a folder, loadImageAsColumn and resizeBilinear take the dtype.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { loadImageAsColumn, loadImageFolder, decodeImage, resizeBilinear } from '../../src/data/images.js';
import { loadDataset } from '../../src/data/load.js';
import { OptionError } from '../../src/errors.js';
import { tempDir, writeFile } from './helpers.js';

const dir = tempDir();
/** A 3 x 1 picture whose red values 10, 21, 7 resize to 2 x 1 as 12.75 and 10.5 (OpenCV's INTER_LINEAR), green and blue 0 and 255. */
function picture(): Buffer {
  const image = new PNG({ width: 3, height: 1 });
  image.data = Buffer.from([10, 0, 255, 255, 21, 0, 255, 255, 7, 0, 255, 255]);
  return PNG.sync.write(image, { colorType: 6 });
}
for (const c of ['a', 'b']) {
  mkdirSync(join(dir, c));
  writeFile(join(dir, c), 'p.png', picture());
}
// the float64 values: 12.75 / 255 and 10.5 / 255 are no float32 numbers
const expected = [12.75 / 255, 0, 1, 10.5 / 255, 0, 1];

test('an image folder read as float64 holds the resized pixels / 255 in double precision, not rounded to float32', async () => {
  for (const X of [loadImageFolder(dir, { width: 2, height: 1, dtype: 'float64' }).dataset.X, (await loadDataset(dir, { width: 2, height: 1, dtype: 'float64' })).dataset.X]) {
    assert.equal(X.dtype, 'float64');
    assert.deepEqual(Array.from({ length: 6 }, (_, i) => X.get(i, 0)), expected);
  }
  // float32 stays as it was
  const f32 = loadImageFolder(dir, { width: 2, height: 1 }).dataset.X;
  assert.equal(f32.dtype, 'float32');
  assert.deepEqual(Array.from({ length: 6 }, (_, i) => f32.get(i, 0)), expected.map(Math.fround));
});

test('one picture as a float64 column, and the resize itself in float64', () => {
  const X = loadImageAsColumn(join(dir, 'a', 'p.png'), 2, 1, 3, 'float64');
  assert.equal(X.dtype, 'float64');
  assert.deepEqual(Array.from(X.data), expected);
  const grey = loadImageAsColumn(join(dir, 'a', 'p.png'), 2, 1, 1, 'float64');
  assert.equal(grey.dtype, 'float64');
  assert.equal(grey.data[0], (0.299 * 12.75 + 0.114 * 255) / 255);
  const resized = resizeBilinear(decodeImage(join(dir, 'a', 'p.png')), 2, 1, 'float64');
  assert.ok(resized instanceof Float64Array);
  assert.deepEqual(Array.from(resized).filter((_, i) => i % 3 === 0), [12.75, 10.5]);
});

test('a dtype that is neither float32 nor float64 is refused by name', () => {
  assert.throws(() => loadImageFolder(dir, { dtype: 'int8' as never }), (e: Error) => e instanceof OptionError && /options\.dtype/.test(e.message));
});
