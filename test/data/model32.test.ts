// Battery model32 (data): an HDF5 Y of one-hot columns (Keras' to_categorical) was refused, with any
// --task ("one-hot encoded? store the class indices"), and --task classification could not read it as the
// multi-class target it is. Now 'auto' and 'classification' read it as the class indices (two columns: a
// binary target), and the new task 'multilabel' reads 0/1 targets as labels even when one-hot; for CSV it
// asks for several 0/1 target columns and refuses one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataset, trainModel } from '../../src/node.js';
import { h5Writer } from './h5-files.js';
import { fileWriter, tempDir } from '../helpers/cli.js';
import { refused } from '../helpers/errors.js';

const dir = tempDir('model32-data-');
const m = 12;
const X = Float64Array.from({ length: m * 2 }, (_, q) => Math.sin(q));
const oneHot = (k: number) => Float64Array.from({ length: m * k }, (_, q) => (q % k === Math.floor(q / k) % k ? 1 : 0));

test('HDF5: one-hot Y is a multi-class target (auto, classification), labels with multilabel, numbers with regression', async () => {
  const h5 = await h5Writer(dir);
  const file = h5('onehot.h5', [{ name: 'X', data: X, shape: [m, 2], dtype: '<f8' }, { name: 'y', data: oneHot(3), shape: [m, 3], dtype: '<f8' }]);
  for (const task of [undefined, 'auto', 'classification'] as const) {
    const { dataset, schema } = await loadDataset(file, task ? { task } : {});
    assert.equal(dataset.task, 'multiclass', task);
    assert.deepEqual(Array.from(dataset.Y.data), [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]);
    assert.deepEqual(schema, { format: 'hdf5', task: 'multiclass', classes: ['0', '1', '2'] });
  }
  const labels = await loadDataset(file, { task: 'multilabel' });
  assert.deepEqual([labels.dataset.task, labels.dataset.Y.rows, labels.dataset.classes], ['multilabel', 3, ['y1', 'y2', 'y3']]);
  // a multi-label model reads its files as labels again, one-hot or not (they were read with 'classification')
  const { model } = await trainModel({ layers: [2], epochs: 1, testSplit: 0 }, { train: labels.dataset, schema: labels.schema });
  assert.equal((await loadDataset(file, { schema: model.preprocessing.data })).dataset.task, 'multilabel');
  assert.equal((await loadDataset(file, { task: 'regression' })).dataset.Y.rows, 3);
  const two = h5('two.h5', [{ name: 'X', data: X, shape: [m, 2], dtype: '<f8' }, { name: 'y', data: oneHot(2), shape: [m, 2], dtype: '<f8' }]);
  const binary = await loadDataset(two, { task: 'classification' });
  assert.deepEqual([binary.dataset.task, binary.dataset.Y.rows], ['binary', 1]);
  const named = await loadDataset(file, { schema: { format: 'hdf5', task: 'multiclass', classes: ['a', 'b', 'c'] } });
  assert.deepEqual(named.dataset.classes, ['a', 'b', 'c']);
  const halves = h5('halves.h5', [{ name: 'X', data: X, shape: [m, 2], dtype: '<f8' }, { name: 'y', data: oneHot(3).map((v) => v / 2), shape: [m, 3], dtype: '<f8' }]);
  await refused(loadDataset(halves, { task: 'multilabel' }), 'DataError', /^.*halves\.h5: Y 'y' \(12 x 3\) read as a multi-label target \(\{ task: 'multilabel' \}\): label 1 of example 1 is 0\.5/);
});

test('CSV: task multilabel reads several 0/1 target columns as labels, and refuses a single column', async () => {
  const write = fileWriter(dir);
  const csv = write('tags.csv', `x,a,b\n${Array.from({ length: 10 }, (_, j) => `${j},${j % 2},${(j >> 1) % 2}`).join('\n')}\n`);
  assert.equal((await loadDataset(csv, { target: ['a', 'b'], task: 'multilabel' })).dataset.task, 'multilabel');
  await refused(loadDataset(csv, { target: 'a', task: 'multilabel' }), 'DataError', /tags\.csv: \{ task: 'multilabel' \} reads several target columns of 0 and 1 as labels, but the target is one column \(a single 0\/1 label is the task binary\)/);
});
