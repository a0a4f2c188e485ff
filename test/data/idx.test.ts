import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { readIdx, labelFileCandidates } from '../../src/data/idx.js';
import { DataError } from '../../src/errors.js';
import { rowsToColumns } from '../../src/data/files.js';
import { idxBytes, tempDir, writeFile } from './helpers.js';

const dir = tempDir();

const idx = idxBytes;
// three 2x3 images: image j has pixel p = 10 * j + p
const pixels = Array.from({ length: 18 }, (_, k) => 10 * Math.floor(k / 6) + (k % 6));
const images = idx(0x803, [3, 2, 3], pixels);
const labels = idx(0x801, [3], [7, 0, 9]);
const throwsData = (fn: () => unknown, pattern: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof DataError && pattern.test(e.message), `expected a DataError matching ${pattern}`);

test('images become columns of pixels scaled to [0, 1]; labels found beside the images', () => {
  const path = writeFile(dir, 'train-images-idx3-ubyte', images);
  writeFile(dir, 'train-labels-idx1-ubyte', labels);
  const d = readIdx(path);
  assert.deepEqual(d.X.shape, [6, 3]);
  assert.equal(d.X.dtype, 'float32');
  for (let j = 0; j < 3; j++) for (let p = 0; p < 6; p++) assert.equal(d.X.get(p, j), Math.fround((10 * j + p) / 255));
  assert.deepEqual(Array.from(d.Y.data), [7, 0, 9]);
  assert.deepEqual(d.classes, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  assert.equal(d.task, 'multiclass');
  assert.equal(d.featureNames[4], 'pixel_1_1');
});

test('gzip\'d t10k files, and a labels file given explicitly', () => {
  const path = writeFile(dir, 't10k-images-idx3-ubyte.gz', gzipSync(images));
  writeFile(dir, 't10k-labels-idx1-ubyte.gz', gzipSync(labels));
  assert.deepEqual(Array.from(readIdx(path).Y.data), [7, 0, 9]);
  const other = writeFile(dir, 'mylabels.bin', idx(0x801, [3], [1, 2, 3]));
  assert.deepEqual(Array.from(readIdx(path, { labels: other }).Y.data), [1, 2, 3]);
});

test('labels file naming', () => {
  assert.deepEqual(labelFileCandidates(join('d', 'train-images-idx3-ubyte.gz')), [join('d', 'train-labels-idx1-ubyte.gz'), join('d', 'train-labels-idx1-ubyte')]);
  assert.deepEqual(labelFileCandidates('t10k-images.idx3-ubyte'), ['t10k-labels.idx1-ubyte.gz', 't10k-labels.idx1-ubyte']);
});

test('bad magic numbers, sizes and label counts are DataErrors naming the file', () => {
  const sub = join(dir, 'bad');
  mkdirSync(sub);
  throwsData(() => readIdx(writeFile(sub, 'a-images-idx3-ubyte', idx(0x801, [3], [1, 2, 3]))), /a-images-idx3-ubyte: the IDX header announces 1 dimension, expected 3 for an images \(idx3-ubyte\) file$/);
  throwsData(() => readIdx(writeFile(sub, 'b-images-idx3-ubyte', images.subarray(0, 20))), /b-images-idx3-ubyte: the header announces 3 x 2 x 3 values \(34 bytes\) but the file has 20/);
  throwsData(() => readIdx(writeFile(sub, 'c-images-idx3-ubyte', new Uint8Array([0, 0]))), /shorter than 4 bytes/);
  const noLabels = writeFile(sub, 'd-images-idx3-ubyte', images);
  throwsData(() => readIdx(noLabels), /d-images-idx3-ubyte: no labels file found \(looked for .*d-labels-idx1-ubyte\.gz and .*d-labels-idx1-ubyte\); give it with options\.labels/);
  const unlabeled = readIdx(noLabels, { allowUnlabeled: true });
  assert.equal(unlabeled.unlabeled, true);
  assert.ok(Number.isNaN(unlabeled.Y.data[0]));
  writeFile(sub, 'd-labels-idx1-ubyte', idx(0x801, [2], [1, 2]));
  throwsData(() => readIdx(noLabels), /d-labels-idx1-ubyte: 2 labels for the 3 images/);
  throwsData(() => readIdx(writeFile(sub, 'e-images-idx3-ubyte.gz', new Uint8Array([0x1f, 0x8b, 1, 2, 3]))), /not a valid gzip file/);
  throwsData(() => readIdx(join(sub, 'missing-images-idx3-ubyte')), /^file not found: /);
});

test('rowsToColumns: examples one after another become one per column, scaled, for any count of examples (four at a time, and the rest)', () => {
  for (const m of [1, 3, 4, 7, 9]) {
    const n = 5, offset = 2, scale = 1 / 255;
    const raw = Uint8Array.from({ length: offset + m * n }, (_, k) => (k * 37) % 256);
    const out = rowsToColumns(raw, m, n, scale, offset);
    assert.equal(out.length, n * m);
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) {
      assert.equal(out[i * m + j], Math.fround(raw[offset + j * n + i]! * scale), `m ${m}: feature ${i}, example ${j}`);
    }
  }
});

test('images of 0 rows or 0 columns are refused naming the file (they used to fail later on "inputSize ... got 0")', () => {
  for (const [name, dims] of [['rows0', [3, 0, 3]], ['cols0', [3, 2, 0]]] as const) {
    const sub = join(dir, name);
    mkdirSync(sub, { recursive: true });
    const path = writeFile(sub, 'train-images-idx3-ubyte', idx(0x803, [...dims], []));
    writeFile(sub, 'train-labels-idx1-ubyte', labels);
    throwsData(() => readIdx(path), new RegExp(`${name}/train-images-idx3-ubyte: the header announces images of ${dims[1]} x ${dims[2]} pixels: they have no pixels`));
  }
});

test("labels above 9 (EMNIST's letters 1-26, its balanced set 0-46) are classes of their own, up to the largest", () => {
  const sub = join(dir, 'emnist');
  mkdirSync(sub);
  const path = writeFile(sub, 'emnist-letters-train-images-idx3-ubyte', images);
  writeFile(sub, 'emnist-letters-train-labels-idx1-ubyte', idx(0x801, [3], [1, 26, 12]));
  const d = readIdx(path);
  assert.deepEqual(Array.from(d.Y.data), [1, 26, 12]);
  assert.deepEqual(d.classes, Array.from({ length: 27 }, (_, k) => String(k)));
  // digits keep the ten classes even when the file lacks the top ones
  writeFile(sub, 'emnist-letters-train-labels-idx1-ubyte', idx(0x801, [3], [1, 2, 3]));
  assert.equal(readIdx(path).classes?.length, 10);
});
