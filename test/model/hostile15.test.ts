// Hostile input, fifteenth sweep (library). Model.evaluate on raw input whose target cell could not be
// read (a class never seen, an empty cell) left every label out and asked for labels it had been
// given; trainModel given loadDataset's result, or a Dataset, as its data said "data.train ... got
// undefined" without saying what to give.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataset, parseCsv, trainModel } from '../../src/node.js';

const csv = 'x1,x2,y\n' + Array.from({ length: 40 }, (_, i) => `${i % 7},${i % 5},${i % 2}`).join('\n') + '\n';

async function csvModel() {
  const r = parseCsv(csv, { name: 'g' });
  return (await trainModel({ layers: [4], epochs: 2, seed: 1 }, { train: r.dataset, schema: r.schema })).model;
}

test('evaluate on a table or CSV text whose target cell cannot be read names its row and column (every label was left out: "give the labels")', async () => {
  const m = await csvModel();
  const table = (y: unknown) => ({ columns: ['x1', 'x2', 'y'], rows: [[1, 2, '1'], [3, 4, y]] as (string | number | null)[][] });
  for (const [y, why] of [['cat', /class 'cat' was not in the training data \(classes: 0, 1\)/], [null, /the target is empty/], [7, /class '7' was not in the training data/]] as const) {
    assert.throws(() => m.evaluate(table(y)), (e: Error) => e.name === 'DataError' && /^the input, line 2, column 'y': /.test(e.message) && why.test(e.message), String(y));
  }
  assert.throws(() => m.evaluate('x1,x2,y\n1,2,1\n3,4,7\n'), /^DataError: the CSV text, line 3, column 'y': class '7' was not in the training data/);
  // readable labels are evaluated; without the column, evaluate asks for labels; predict still leaves a bad label out
  assert.equal(m.evaluate(table('0')).classification?.confusionMatrix.flat().reduce((a, b) => a + b), 2);
  assert.throws(() => m.evaluate({ columns: ['x1', 'x2'], rows: [[1, 2]] }), /evaluate: give the labels, or raw input that holds the target column/);
  assert.equal(m.predict(table('cat')).length, 2);
});

test('trainModel given loadDataset\'s result or a Dataset as its data says what to give', async () => {
  const r = await loadDataset('xor');
  await assert.rejects(trainModel({ epochs: 1 }, r as never), /^OptionError: trainModel: data must be \{ train, schema\?, test\?, validation\? \}, got loadDataset's result: give \{ train: result\.dataset, schema: result\.schema \}$/);
  await assert.rejects(trainModel({ epochs: 1 }, r.dataset as never), /got a Dataset: give \{ train: dataset \}$/);
});
