// Empty cells filled at load (loadDataset with { missing: 'mean' } and no deferMissing) hold the mean of
// every row of the file, test rows included. trainModel fills them again with the means of its training
// rows after its split, as it does for cells left empty (deferMissing), so a test row's value never goes
// into the model; the caller's dataset is left as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDataset, takeExamples, trainModel } from '../../src/node.js';
import type { CsvSchema } from '../../src/data/csv.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backprop-missing31-'));
// b is far larger in the last rows, so the mean of every row and of the training rows differ
const rows = Array.from({ length: 16 }, (_, i) => `${i},${i === 3 || i === 9 ? '' : i * 10 + (i >= 12 ? 5000 : 0)},${i % 2}`);
const file = path.join(dir, 'train.csv');
fs.writeFileSync(file, `a,b,y\n${rows.join('\n')}\n`);
const meanOfB = (schema: CsvSchema) => (schema.features.find((f) => f.column === 'b') as { mean: number }).mean;

async function trainedMean(deferMissing: boolean) {
  const data = await loadDataset(file, { target: 'y', missing: 'mean', deferMissing });
  const before = Array.from(data.dataset.X.data);
  const result = await trainModel({ epochs: 1, testSplit: 0.25, seed: 3 }, { train: data.dataset, schema: data.schema });
  assert.deepEqual(Array.from(data.dataset.X.data), before, "the caller's X is not changed");
  return meanOfB(result.model.preprocessing.data as CsvSchema);
}

test("cells filled with the file's means at load are filled again with the training rows' means by trainModel", async () => {
  const data = await loadDataset(file, { target: 'y', missing: 'mean' });
  const all = rows.map((r) => r.split(',')[1]!).filter((v) => v !== '').map(Number);
  const fileMean = all.reduce((s, v) => s + v, 0) / all.length;
  assert.ok(Math.abs(meanOfB(data.schema as CsvSchema) - fileMean) < 1e-9);
  assert.deepEqual(Array.from(data.dataset.missingCells ?? []), [16 + 3, 16 + 9], 'row b (feature 2) of examples 3 and 9');
  const deferred = await trainedMean(true), filled = await trainedMean(false);
  assert.equal(filled, deferred);
  assert.notEqual(filled, fileMean);
});

test('takeExamples carries the filled cells to the examples taken, repeated or not', async () => {
  const data = await loadDataset(file, { target: 'y', missing: 'mean' });
  const taken = takeExamples(data.dataset, [9, 0, 9, 4]);
  assert.deepEqual(Array.from(taken.missingCells ?? []), [4 + 0, 4 + 2]);
  assert.equal(takeExamples(data.dataset, [0, 1]).missingCells, undefined);
});
