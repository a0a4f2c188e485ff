import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { loadDataset, detectFormat, type DataSchema } from '../../src/data/load.js';
import { DataError, OptionError } from '../../src/errors.js';
import { tempDir, writeFile } from './helpers.js';

const dir = tempDir();
const rejectsData = (fn: () => Promise<unknown>, pattern: RegExp) =>
  assert.rejects(fn, (e: unknown) => e instanceof DataError && pattern.test(e.message), `expected a DataError matching ${pattern}`);

test('the format follows from the path', () => {
  mkdirSync(join(dir, 'folder'));
  assert.equal(detectFormat(join(dir, 'folder')), 'images');
  assert.equal(detectFormat('x/train_catvnoncat.h5'), 'hdf5');
  assert.equal(detectFormat('x/data.HDF5'), 'hdf5');
  assert.equal(detectFormat('x/train-images-idx3-ubyte.gz'), 'idx');
  assert.equal(detectFormat('x/t10k-images-idx3-ubyte'), 'idx');
  for (const p of ['a.csv', 'a.csv.gz', 'a.txt', 'optdigits.tra', 'optdigits.tes', 'data']) assert.equal(detectFormat(p), 'csv');
  assert.equal(detectFormat('flower'), 'synthetic');
  assert.equal(detectFormat('builtin:spiral3'), 'synthetic');
});

test('built-in sets by name, with their options', async () => {
  const { dataset, schema } = await loadDataset('builtin:flower', { samples: 40, seed: 2 });
  assert.deepEqual(dataset.X.shape, [2, 40]);
  assert.deepEqual(schema, { format: 'synthetic', name: 'flower', task: 'binary', classes: ['0', '1'] });
  assert.deepEqual((await loadDataset('spiral3', { syntheticClasses: 4, samples: 40 })).dataset.classes, ['0', '1', '2', '3']);
  await assert.rejects(() => loadDataset('builtin:blobs'), OptionError);
  await assert.rejects(() => loadDataset('flower', { samples: 1 }), OptionError);
});

test('missing files: "file not found: PATH"', async () => {
  await rejectsData(() => loadDataset(join(dir, 'none.csv')), /^file not found: .*none\.csv$/);
  await rejectsData(() => loadDataset('blobs'), /^file not found: blobs \(nor a built-in dataset: flower, /);
  const labelsFile = writeFile(dir, 'train-labels-idx1-ubyte', new Uint8Array([0, 0, 8, 1, 0, 0, 0, 0]));
  await rejectsData(() => loadDataset(labelsFile), /an IDX labels file; give the images file/);
});

test('CSV: train then test and predict files through the returned schema (which survives JSON)', async () => {
  const train = writeFile(dir, 'train.csv', 'x,colour,label\n1,red,a\n2,blue,b\n3,red,a\n4,blue,b\n,red,a\n');
  const first = await loadDataset(train, { oneHot: 'auto', missing: 'drop' });
  assert.deepEqual(first.droppedLines, [6]);
  assert.deepEqual(first.dataset.featureNames, ['x', 'colour=blue', 'colour=red']);
  const schema = JSON.parse(JSON.stringify(first.schema)) as DataSchema;
  const testFile = writeFile(dir, 'test.txt', 'label,colour,x\nb,green,5\n');
  const t = await loadDataset(testFile, { schema, handleUnknown: 'ignore' });
  assert.deepEqual(Array.from(t.dataset.X.data), [5, 0, 0]);
  assert.deepEqual(Array.from(t.dataset.Y.data), [1]);
  const p = await loadDataset(writeFile(dir, 'predict.csv', 'x,colour\n6,red\n'), { schema, requireTarget: false });
  assert.equal(p.dataset.unlabeled, true);
  await rejectsData(() => loadDataset(join(dir, 'folder'), { schema }), /read as images data, but the training data was csv/);
});

test('image folders through the schema keep size and class order', async () => {
  const root = join(dir, 'imgs');
  for (const c of ['b', 'a']) {
    mkdirSync(join(root, c), { recursive: true });
    const image = new PNG({ width: 3, height: 3 });
    image.data.fill(c === 'a' ? 0 : 255);
    writeFile(join(root, c), 'x.png', PNG.sync.write(image));
  }
  const { dataset, schema } = await loadDataset(root, { width: 4, height: 2 });
  assert.deepEqual(dataset.X.shape, [24, 2]);
  assert.deepEqual(schema, { format: 'images', width: 4, height: 2, channels: 3, classes: ['a', 'b'] });
  const again = await loadDataset(join(root), { schema, width: 10 });
  assert.deepEqual(again.dataset.X.shape, [24, 2], 'the schema size wins');
});
