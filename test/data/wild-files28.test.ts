// Real-world data files as a new user feeds them (battery s28): files from pandas, Excel, Keras and
// h5py users, read as those tools read them, or refused in one line that says what the file is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import h5wasm from 'h5wasm/node';
import { loadDataset } from '../../src/data/load.js';
import { tempDir } from './helpers.js';

const dir = tempDir();
await h5wasm.ready;

/** Write an HDF5 file with the given datasets. */
function h5(name: string, datasets: { name: string; data: any; shape?: number[]; dtype?: string }[]): string {
  const path = join(dir, name);
  const f = new h5wasm.File(path, 'w');
  for (const d of datasets) f.create_dataset(d);
  f.close();
  return path;
}

test('HDF5 labels are paired with their own X: train_y with train_x, y_train with X_train, though test_y comes first (it was read beside train_x, silently)', async () => {
  const m = 6;
  const X = (base: number) => Float64Array.from({ length: m * 2 }, (_, i) => base + i);
  const trainY = new BigInt64Array([0n, 1n, 0n, 1n, 0n, 1n]), testY = new BigInt64Array([1n, 1n, 1n, 0n, 0n, 0n]);
  for (const [xName, yName, tx, ty] of [['train_x', 'train_y', 'test_x', 'test_y'], ['X_train', 'y_train', 'X_test', 'y_test']]) {
    const file = h5(`${xName}.h5`, [
      { name: ty!, data: testY, shape: [m], dtype: '<q' },
      { name: tx!, data: X(100), shape: [m, 2], dtype: '<d' },
      { name: yName!, data: trainY, shape: [m], dtype: '<q' },
      { name: xName!, data: X(0), shape: [m, 2], dtype: '<d' },
    ]);
    const warnings: string[] = [];
    const train = await loadDataset(file, { warn: (w) => warnings.push(w) });
    assert.equal(train.dataset.X.get(0, 0), 0, xName);
    assert.deepEqual(Array.from(train.dataset.Y.data), Array.from(trainY, Number), `${yName} goes with ${xName}`);
    const test = await loadDataset(file, { xKey: tx, warn: () => {} });
    assert.equal(test.dataset.X.get(0, 0), 100);
    assert.deepEqual(Array.from(test.dataset.Y.data), Array.from(testY, Number), `${ty} goes with ${tx}`);
    assert.ok(!warnings.some((w) => /^Y read/.test(w)), 'no doubt to tell');
  }
});

test('HDF5 labels that two datasets could equally be are said in a warning naming both', async () => {
  const file = h5('two-labels.h5', [
    { name: 'X', data: new Float64Array(8), shape: [4, 2], dtype: '<d' },
    { name: 'label_a', data: new Int32Array([0, 1, 0, 1]), shape: [4], dtype: '<i' },
    { name: 'label_b', data: new Int32Array([1, 1, 0, 0]), shape: [4], dtype: '<i' },
  ]);
  const warnings: string[] = [];
  await loadDataset(file, { warn: (w) => warnings.push(w) });
  assert.ok(warnings.some((w) => /Y read from 'label_a' .*also 'label_b'.*options\.yKey/.test(w)), warnings.join('\n'));
});
