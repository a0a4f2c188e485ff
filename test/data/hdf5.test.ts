import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import h5wasm from 'h5wasm/node';
import { readHdf5, isHdf5File } from '../../src/data/hdf5.js';
import { DataError } from '../../src/errors.js';
import { tempDir, writeFile } from './helpers.js';
import { h5Writer } from './h5-files.js';

const dir = tempDir();
const h5 = await h5Writer(dir);


const m = 3, H = 2, W = 4, C = 3;
const pixels = Uint8Array.from({ length: m * H * W * C }, (_, i) => (i * 7) % 256);
const catFile = h5('cats.h5', [
  { name: 'train_set_x', data: pixels, shape: [m, H, W, C], dtype: '<B' },
  { name: 'train_set_y', data: new BigInt64Array([0n, 1n, 1n]), shape: [m], dtype: '<q' },
  { name: 'list_classes', data: ['non-cat', 'cat'], dtype: 'S7' },
]);
const throwsData = (fn: () => Promise<unknown>, pattern: RegExp) =>
  assert.rejects(fn, (e: unknown) => e instanceof DataError && pattern.test(e.message), `expected a DataError matching ${pattern}`);

test('keys found automatically; X is numpy\'s X.reshape(m, -1).T / 255 in (h, w, c) order', async () => {
  const d = await readHdf5(catFile);
  const n = H * W * C;
  assert.deepEqual(d.X.shape, [n, m]);
  assert.equal(d.X.dtype, 'float32');
  for (let j = 0; j < m; j++) for (let i = 0; i < n; i++) assert.equal(d.X.get(i, j), Math.fround(pixels[j * n + i]! / 255));
  assert.deepEqual(Array.from(d.Y.data), [0, 1, 1]);
  assert.deepEqual(d.classes, ['non-cat', 'cat']);
  assert.equal(d.task, 'binary');
  assert.equal(d.name, 'cats');
  // feature 3*W*y + 3*x + c is pixel (y, x), channel c
  assert.equal(d.featureNames[W * C + 2 * C + 1], 'pixel_1_2_1');
});

test('explicit keys, float data kept as is, classes from labels when there is no list', async () => {
  const path = h5('floats.h5', [
    { name: 'features', data: new Float64Array([0.5, 1.5, 2.5, 3.5, 4.5, 5.5]), shape: [3, 2], dtype: '<d' },
    { name: 'other', data: new Float64Array([9, 9, 9, 9, 9, 9]), shape: [3, 2], dtype: '<d' },
    { name: 'target', data: new Int32Array([2, 0, 1]), shape: [3], dtype: '<i' },
  ]);
  const d = await readHdf5(path, { xKey: 'features', yKey: 'target' });
  assert.deepEqual(Array.from(d.X.data), [0.5, 2.5, 4.5, 1.5, 3.5, 5.5]);
  assert.deepEqual(d.classes, ['0', '1', '2']);
  assert.equal(d.task, 'multiclass');
});

test('missing keys list the datasets that exist; other problems are DataErrors naming the file', async () => {
  await throwsData(() => readHdf5(catFile, { xKey: 'images' }), /cats\.h5: no dataset 'images' for X; the datasets are: list_classes \(2, strings\), train_set_x \(3 x 2 x 4 x 3\), train_set_y \(3\)/);
  await throwsData(() => readHdf5(catFile, { yKey: 'y' }), /no dataset 'y' for Y; the datasets are: .*train_set_y/);
  const noY = h5('noy.h5', [{ name: 'x', data: pixels, shape: [m, H, W, C], dtype: '<B' }]);
  await throwsData(() => readHdf5(noY), /noy\.h5: no 1-D dataset of 3 labels to go with 'x'; the datasets are: x \(3 x 2 x 4 x 3\)/);
  const unlabeled = await readHdf5(noY, { allowUnlabeled: true });
  assert.equal(unlabeled.unlabeled, true);
  const noX = h5('nox.h5', [{ name: 'y', data: new Int32Array([0, 1]), shape: [2], dtype: '<i' }]);
  await throwsData(() => readHdf5(noX), /nox\.h5: no dataset of numbers of 2 or more dimensions for X; the datasets are: y \(2\)/);
  const wrongCount = h5('count.h5', [
    { name: 'x', data: pixels, shape: [m, H, W, C], dtype: '<B' },
    { name: 'y', data: new Int32Array([0, 1]), shape: [2], dtype: '<i' },
  ]);
  await throwsData(() => readHdf5(wrongCount, { yKey: 'y' }), /labels 'y' have 2 values for the 3 examples of 'x'/);
  const badLabel = h5('label.h5', [
    { name: 'x', data: pixels, shape: [m, H, W, C], dtype: '<B' },
    { name: 'y', data: new Int32Array([0, 1, 5]), shape: [3], dtype: '<i' },
    { name: 'list_classes', data: ['a', 'b'], dtype: 'S1' },
  ]);
  await throwsData(() => readHdf5(badLabel), /label 5 of example 3 in 'y' is not a class index 0\.\.1/);
  const notH5 = writeFile(dir, 'fake.h5', 'hello, world\n');
  assert.equal(isHdf5File(notH5), false);
  await throwsData(() => readHdf5(notH5), /fake\.h5: not an HDF5 file/);
  await throwsData(() => readHdf5(join(dir, 'none.h5')), /^file not found: /);
  const truncated = writeFile(dir, 'truncated.h5', readFileSync(catFile).subarray(0, 1000));
  await throwsData(() => readHdf5(truncated), /truncated\.h5: cannot open the HDF5 file \(it is cut short: it has \d+ bytes, its header says \d+; an interrupted download or copy\?\)$/);
  assert.equal((await readHdf5(catFile)).X.cols, 3, 'h5wasm still works after an error');
});

test('X and y that are single numbers (scalars): the message names the scalar, with no hole in it', async () => {
  const file = h5('scalars.h5', [
    { name: 'X', data: new Float32Array([1.5]), shape: [], dtype: '<f' },
    { name: 'y', data: new Float32Array([1]), shape: [], dtype: '<f' },
  ]);
  await throwsData(() => readHdf5(file, { xKey: 'X', yKey: 'y' }), /scalars\.h5: dataset 'X' is a single number \(a scalar\); X needs one example per entry of its first dimension/);
});

test('a dataset declaring more values than the input limit is refused before it is read, naming the limit', async () => {
  const file = h5('wide.h5', [
    { name: 'X', data: new Float32Array(64 * 32), shape: [64, 32], dtype: '<f' },
    { name: 'y', data: new Float32Array(64), shape: [64], dtype: '<f' },
  ]);
  process.env.BACKPROP_MAX_INPUT_BYTES = '4K';
  try {
    await throwsData(() => readHdf5(file), /wide\.h5: dataset 'X' declares 64 x 32 values \(8 KiB\), more than input data may be: the limit is 4 KiB; raise it with the environment variable BACKPROP_MAX_INPUT_BYTES/);
  } finally {
    delete process.env.BACKPROP_MAX_INPUT_BYTES;
  }
  assert.equal((await readHdf5(file)).X.cols, 64);
});

test("a file of training and held-out groups is read from the training one, with a warning naming the others (the held-out group, first in the file's order, was read silently)", async () => {
  const path = join(dir, 'groups.h5');
  const f = new h5wasm.File(path, 'w');
  f.create_group('test');
  f.create_group('train');
  // the same number of examples in both: the labels must come from X's own group
  f.create_dataset({ name: 'test/X', data: new Float32Array([9, 9, 9, 9]), shape: [2, 2], dtype: '<f' });
  f.create_dataset({ name: 'test/y', data: new Int32Array([1, 1]), shape: [2], dtype: '<i' });
  f.create_dataset({ name: 'train/X', data: new Float32Array([1, 2, 3, 4]), shape: [2, 2], dtype: '<f' });
  f.create_dataset({ name: 'train/y', data: new Int32Array([0, 1]), shape: [2], dtype: '<i' });
  f.close();
  const warnings: string[] = [];
  const d = await readHdf5(path, { warn: (w) => warnings.push(w) });
  assert.deepEqual(Array.from(d.X.data), [1, 3, 2, 4]);
  assert.deepEqual(Array.from(d.Y.data), [0, 1]);
  assert.deepEqual(warnings, ["X read from 'train/X' (2 x 2), of 2 datasets that could hold it (also 'test/X'); choose with options.xKey"]);
  // X and X_test side by side: the one not held out
  const flat = h5('flat.h5', [
    { name: 'X', data: new Float32Array([5, 6]), shape: [1, 2], dtype: '<f' },
    { name: 'X_test', data: new Float32Array([7, 8, 7, 8]), shape: [2, 2], dtype: '<f' },
    { name: 'y', data: new Int32Array([1]), shape: [1], dtype: '<i' },
    { name: 'y_test', data: new Int32Array([0, 1]), shape: [2], dtype: '<i' },
  ]);
  assert.deepEqual(Array.from((await readHdf5(flat)).X.data), [5, 6]);
  // with xKey, no guess and no warning
  warnings.length = 0;
  assert.deepEqual(Array.from((await readHdf5(path, { xKey: 'test/X', warn: (w) => warnings.push(w) })).Y.data), [1, 1]);
  assert.equal(warnings.length, 0);
});
