// trainModel over a program's lifetime: runs at once on one loadDataset result keep to their own data.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadDataset } from '../../src/data/load.js';
import { trainModel } from '../../src/model/train-model.js';
import { synthetic } from '../../src/data/synthetic.js';
import { tempDir } from '../helpers/cli.js';

/** A CSV of 40 rows, a number column with empty cells, a text column, classes 0/1. */
function csvWithGaps(): string {
  const lines = ['age,sex,dose,y'];
  for (let i = 0; i < 40; i++) lines.push(`${20 + ((i * 7) % 50)},${i % 3 ? 'F' : 'M'},${i % 4 === 1 ? '' : (i * 13) % 17},${i % 2}`);
  return lines.join('\n') + '\n';
}

test('trainModel runs at once on one schema keep each its own means (the caller\'s schema was written, and each model saved the other\'s)', async () => {
  const dir = tempDir('backprop-life-');
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'gaps.csv');
  writeFileSync(file, csvWithGaps());
  const loaded = await loadDataset(file, { oneHot: 'auto', missing: 'mean', deferMissing: true });
  const schemaBefore = JSON.stringify(loaded.schema);
  const data = { train: loaded.dataset, schema: loaded.schema };
  const spec = (seed: number) => ({ layers: [3], epochs: 3, seed, testSplit: 0.5 });
  const alone = [];
  for (const seed of [1, 2]) alone.push((await trainModel(spec(seed), data)).model.toJson().preprocessing);
  assert.equal(JSON.stringify(loaded.schema), schemaBefore, 'the caller\'s schema is left as it was');
  assert.notDeepEqual(alone[0], alone[1], 'the two splits have different training rows, so different means');
  const together = await Promise.all([1, 2].map(async (seed) => (await trainModel(spec(seed), data)).model.toJson().preprocessing));
  assert.deepEqual(together, alone);
});

test('editing model.toJson() or model.meta leaves the model as it was (they were its own classes, preprocessing and record)', async () => {
  const { model } = await trainModel({ layers: [3], epochs: 2, standardize: true, testSplit: 0 }, { train: synthetic('flower', { samples: 40, seed: 1 }) });
  const rows = [[1, 2], [-1, 0.5], [0.3, -2]];
  const before = { predict: model.predict(rows), proba: Array.from(model.predictProba(rows).data), doc: JSON.stringify(model) };
  const doc = model.toJson();
  doc.classes![0] = 'renamed';
  doc.preprocessing!.standardize!.mean[0] = 1000;
  doc.training!.seed = 99;
  const meta = model.meta;
  meta.classes!.reverse();
  meta.preprocessing!.standardize!.std[1] = 1e-9;
  assert.deepEqual({ predict: model.predict(rows), proba: Array.from(model.predictProba(rows).data), doc: JSON.stringify(model) }, before);
});
