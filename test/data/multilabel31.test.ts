// Battery multilabel31 (data): multi-label targets in the readers. An HDF5 Y of k labels per example, 0 or 1
// (stored m x k or k x m), is read as a multi-label target (it was a regression of k numbers); a test file
// read with a multi-label model's CSV schema holds 0 or 1 in each label column, else the cell is named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataset, trainModel, parseCsv } from '../../src/node.js';
import { tempDir } from '../helpers/cli.js';
import { refused } from '../helpers/errors.js';
import { h5Writer } from './h5-files.js';

const m = 8;
const X = Float32Array.from({ length: m * 3 }, (_, k) => (k * 7) % 11);
// label i of example j: a few examples with two labels, one with none (not one-hot)
const label = (i: number, j: number) => [j % 2, j % 3 === 0 ? 1 : 0, j > 4 ? 1 : 0][i]!;
const byRow = Float64Array.from({ length: m * 3 }, (_, q) => label(q % 3, Math.floor(q / 3)));
const byColumn = Float64Array.from({ length: 3 * m }, (_, q) => label(Math.floor(q / m), q % m));

test('HDF5: a Y of 3 labels of 0 and 1 per example (m x k or k x m) is a multi-label target, its labels y1, y2, y3 unless named', async () => {
  const h5 = await h5Writer(tempDir());
  for (const [name, data, shape] of [['rows.h5', byRow, [m, 3]], ['columns.h5', byColumn, [3, m]]] as const) {
    const file = h5(name, [{ name: 'X', data: X, shape: [m, 3], dtype: '<f4' }, { name: 'y', data, shape: [...shape], dtype: '<f8' }]);
    const { dataset, schema } = await loadDataset(file);
    assert.equal(dataset.task, 'multilabel', name);
    assert.deepEqual([dataset.Y.rows, dataset.Y.cols], [3, m]);
    assert.deepEqual(Array.from(dataset.Y.data.subarray(0, m)), [0, 1, 0, 1, 0, 1, 0, 1], name);
    assert.deepEqual(Array.from(dataset.Y.data.subarray(m, 2 * m)), [1, 0, 0, 1, 0, 0, 1, 0], name);
    assert.deepEqual(schema, { format: 'hdf5', task: 'multilabel', classes: ['y1', 'y2', 'y3'] });
    const r = await trainModel({ epochs: 2, testSplit: 0, layers: [4] }, { train: dataset, schema });
    assert.equal(r.model.network.describe(), '3-4(relu)-3(sigmoid)');
    // the model's file read with its schema: multi-label again
    const again = await loadDataset(file, { schema: r.model.preprocessing.data });
    assert.equal(again.dataset.task, 'multilabel');
    // task regression reads the 0/1 targets as numbers (k linear outputs)
    assert.equal((await loadDataset(file, { task: 'regression' })).dataset.task, 'regression');
  }
  const twos = byRow.slice();
  twos[7] = 2;
  const bad = h5('twos.h5', [{ name: 'X', data: X, shape: [m, 3], dtype: '<f4' }, { name: 'y', data: twos, shape: [m, 3], dtype: '<f8' }]);
  assert.equal((await loadDataset(bad)).dataset.task, 'regression'); // (a 2: numbers, as before)
  await refused(loadDataset(bad, { task: 'classification' }), 'DataError', /twos\.h5: Y 'y' \(8 x 3\) read as a multi-label target \(\{ task: 'classification' \}\): label 2 of example 3 is 2; a multi-label target holds 0 \(absent\) or 1 \(present\) per label$/);
});

test('CSV: a test file read with a multi-label schema names a label cell that is not 0 or 1 (a 2 was read as 2, a yes refused as a class not seen)', async () => {
  const { schema } = parseCsv('x,a,b\n1,0,1\n2,1,1\n3,1,0\n4,0,0\n', { target: 'a,b' });
  assert.equal(schema.task, 'multilabel');
  for (const cell of ['2', 'yes']) {
    assert.throws(() => parseCsv(`x,a,b\n1,0,1\n2,${cell},1\n`, { schema }), (e: Error) => e.name === 'DataError' && new RegExp(`^CSV text, line 3, column 'a': ${cell === 'yes' ? "'yes' is not a number" : "'2' is not a label value; each column of a multi-label target holds 0 or 1 \\(the label absent or present\\)$"}`).test(e.message), cell);
  }
  // the schema's classes are its labels: edited to others, it is refused naming the field
  assert.throws(() => parseCsv('x,a,b\n1,0,1\n', { schema: { ...schema, classes: ['b', 'a'] } }), /the "classes" of a multilabel schema are its "targets" \(a, b\)/);
});
