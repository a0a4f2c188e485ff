// Battery multiout30 (data): several targets in an HDF5 file, Y of k targets per example stored m x k (as X
// and scikit-learn's Y) or k x m (the course's layout) where m x m does not make it ambiguous. A 2-D Y was
// read only as one-hot labels to refuse ("no 1-D dataset of m labels"); one-hot labels are still said so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataset, trainModel } from '../../src/node.js';
import { tempDir } from '../helpers/cli.js';
import { refused } from '../helpers/errors.js';
import { h5Writer } from './h5-files.js';

const m = 6;
const X = Float32Array.from({ length: m * 3 }, (_, k) => (k * 7) % 11);
// targets per example j: (j, 10 j, 100 - j)
const target = (i: number, j: number) => [j, 10 * j, 100 - j][i]!;
const byRow = Float64Array.from({ length: m * 3 }, (_, q) => target(q % 3, Math.floor(q / 3)));
const byColumn = Float64Array.from({ length: 3 * m }, (_, q) => target(Math.floor(q / m), q % m));

test('HDF5: Y of 3 targets stored m x k or k x m is read as 3 x m, a regression', async () => {
  const h5 = await h5Writer(tempDir());
  for (const [name, data, shape] of [['rows.h5', byRow, [m, 3]], ['columns.h5', byColumn, [3, m]]] as const) {
    const file = h5(name, [{ name: 'X', data: X, shape: [m, 3], dtype: '<f4' }, { name: 'y', data, shape: [...shape], dtype: '<f8' }]);
    const { dataset, schema } = await loadDataset(file);
    assert.equal(dataset.task, 'regression', name);
    assert.deepEqual([dataset.Y.rows, dataset.Y.cols], [3, m]);
    assert.deepEqual(Array.from(dataset.Y.data.subarray(0, m)), [0, 1, 2, 3, 4, 5], name);
    assert.deepEqual(Array.from(dataset.Y.data.subarray(m, 2 * m)), [0, 10, 20, 30, 40, 50], name);
    assert.deepEqual(Array.from(dataset.Y.data.subarray(2 * m)), [100, 99, 98, 97, 96, 95], name);
    assert.deepEqual(schema, { format: 'hdf5', task: 'regression' });
    const r = await trainModel({ epochs: 2, testSplit: 0, layers: [4] }, { train: dataset, schema });
    assert.equal(r.model.network.outputSize, 3);
    assert.ok(r.train.regression!.perOutput);
  }
});

test('HDF5: a 2-D Y of one-hot class labels is not read as targets of 0 and 1 (read as class indices since model32)', async () => {
  const h5 = await h5Writer(tempDir());
  const oneHot = Float64Array.from({ length: m * 3 }, (_, q) => (q % 3 === Math.floor(q / 3) % 3 ? 1 : 0));
  const file = h5('onehot.h5', [{ name: 'X', data: X, shape: [m, 3], dtype: '<f4' }, { name: 'y', data: oneHot, shape: [m, 3], dtype: '<f8' }]);
  assert.equal((await loadDataset(file)).dataset.task, 'multiclass');
  // a NaN among the targets names the example, as a label's does
  const nan = byRow.slice();
  nan[4] = Number.NaN;
  const bad = h5('nan.h5', [{ name: 'X', data: X, shape: [m, 3], dtype: '<f4' }, { name: 'y', data: nan, shape: [m, 3], dtype: '<f8' }]);
  await refused(loadDataset(bad), 'DataError', /dataset 'y' has the value NaN in example 2/);
});
