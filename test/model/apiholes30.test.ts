// API holes, thirtieth battery (library). Empty cells at prediction time, as scikit-learn's
// SimpleImputer in a Pipeline: the means are learnt from the training rows when the model is trained
// (whatever its missing policy) and a model trained with missing 'mean' fills a row's empty cell with
// them, never with the means of the rows being predicted; a model trained without it says so without
// advising an option its predict and evaluate do not take.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataError, loadDataset, trainModel } from '../../src/node.js';
import type { CsvSchema } from '../../src/data/csv.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backprop-apiholes30-'));
// b is far larger in the last rows: the mean of every row and the mean of the training rows differ
const rows = Array.from({ length: 16 }, (_, i) => `${i},${i === 3 ? '' : i * 10 + (i >= 12 ? 5000 : 0)},${i % 3 === 0 ? '' : i % 2 ? 'red' : 'blue'},${i % 2}`);
const file = path.join(dir, 'train.csv');
fs.writeFileSync(file, `a,b,c,y\n${rows.join('\n')}\n`);
const complete = path.join(dir, 'complete.csv');
fs.writeFileSync(complete, `a,b,y\n${Array.from({ length: 16 }, (_, i) => `${i},${i * 10 + (i >= 12 ? 5000 : 0)},${i % 2}`).join('\n')}\n`);

const numberMeans = (schema: CsvSchema) => Object.fromEntries(schema.features.flatMap((f) => (f.type === 'number' ? [[f.column, f.mean]] : [])));

/** A model trained on 12 of the 16 rows of `csvFile` (the others are its test rows). */
async function trained(csvFile: string, missing: 'mean' | 'error') {
  const data = await loadDataset(csvFile, { target: 'y', missing, oneHot: 'auto', deferMissing: true });
  const result = await trainModel({ epochs: 1, testSplit: 0.25, seed: 3, standardize: true }, { train: data.dataset, schema: data.schema });
  return { model: result.model, schema: result.model.preprocessing.data as CsvSchema };
}

test("a model trained with missing 'mean' keeps the training rows' means and fills a single row's empty cell with them, not with the row's own", async () => {
  const { model, schema } = await trained(file, 'mean');
  assert.equal(schema.missing, 'mean');
  const b = numberMeans(schema).b!;
  // the means of the training rows only: some rows of b near 5000 are held out or not, never all 16 rows' mean
  const all = rows.map((r) => r.split(',')[1]!).filter((v) => v !== '').map(Number);
  assert.notEqual(b, all.reduce((s, v) => s + v, 0) / all.length);
  // one row with an empty cell predicts as the same row with the training mean written in, in every raw form
  const filled = model.predictProba({ columns: ['a', 'b', 'c'], rows: [[5, b, 'red']] }).data[0]!;
  for (const raw of ['a,b,c\n5,,red\n', { columns: ['a', 'b', 'c'], rows: [[5, null, 'red']] }, [[5, '', 'red']]] as const) {
    assert.ok(Math.abs(model.predictProba(raw as never).data[0]! - filled) < 1e-6, JSON.stringify(raw));
  }
  // and so does evaluate
  const e = model.evaluate('a,b,c,y\n5,,red,1\n');
  assert.ok(Number.isFinite(e.cost));
});

test("an empty cell of a one-hot column is no category (all zeros) in training and prediction alike, for a model trained with missing 'mean'", async () => {
  const { model } = await trained(file, 'mean');
  const none = model.predictProba({ columns: ['a', 'b', 'c'], rows: [[5, 50, '']] }).data[0]!;
  const red = model.predictProba({ columns: ['a', 'b', 'c'], rows: [[5, 50, 'red']] }).data[0]!;
  const blue = model.predictProba({ columns: ['a', 'b', 'c'], rows: [[5, 50, 'blue']] }).data[0]!;
  assert.ok(Number.isFinite(none));
  assert.notEqual(none, red);
  assert.notEqual(none, blue);
});

test("a model trained with missing 'error' keeps the means of its training rows, not of every row of the file (its test rows too)", async () => {
  const { schema } = await trained(complete, 'error');
  const b = numberMeans(schema).b!;
  const all = Array.from({ length: 16 }, (_, i) => i * 10 + (i >= 12 ? 5000 : 0));
  assert.notEqual(b, all.reduce((s, v) => s + v, 0) / 16, 'the mean of every row of the file, test rows too');
  // it is the mean of 12 of the 16 values (the training rows)
  const sum = b * 12;
  assert.ok(Math.abs(sum - Math.round(sum)) < 1e-6, `${b} is not a mean of 12 whole numbers`);
});

test("Model.predict and evaluate on a model trained without missing 'mean' refuse an empty cell without advising { missing } (they take no options)", async () => {
  const { model } = await trained(complete, 'error');
  for (const f of [() => model.predict('a,b\n5,\n'), () => model.predict({ columns: ['a', 'b'], rows: [[5, null]] }), () => model.evaluate('a,b,y\n5,,1\n')]) {
    assert.throws(f, (e: Error) => {
      assert.ok(e instanceof DataError, e.message);
      assert.match(e.message, /column 'b': empty cell; the model was trained with \{ missing: 'error' \}, so it does not fill empty cells; fill the cell.*train with \{ missing: 'mean' \}/);
      assert.doesNotMatch(e.message, /use \{ missing/);
      return true;
    });
  }
  // the same model's loader (which takes { missing }) still advises it, for a file to predict
  const p = path.join(dir, 'p.csv');
  fs.writeFileSync(p, 'a,b\n5,\n');
  await assert.rejects(loadDataset(p, { schema: model.preprocessing.data, requireTarget: false }), /fill the cell, leave the row out of the file, or use \{ missing: 'mean' \} \(the training mean\)$/);
  const read = await loadDataset(p, { schema: model.preprocessing.data, requireTarget: false, missing: 'mean' });
  assert.equal(read.dataset.X.get(1, 0), Math.fround(numberMeans(model.preprocessing.data as CsvSchema).b!));
});
