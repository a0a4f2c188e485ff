// Hostile input, fifteenth sweep (library). Model.evaluate on raw input whose target cell could not be
// read (a class never seen, an empty cell) left every label out and asked for labels it had been
// given; trainModel given loadDataset's result, or a Dataset, as its data said "data.train ... got
// undefined" without saying what to give.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

test('predict of a value past float32\'s range names the example and feature (the prediction was NaN, blamed on the weights); saveModel to an .onnx name points to saveOnnx; a negative divergenceBaseline is refused', async () => {
  const m = await csvModel();
  // a model of a CSV file checks the cells as its reader does; one of a built-in set (no CSV schema) did not
  assert.throws(() => m.predict([[1e39, 0]]), /^DataError: the input, line 1, column 'x1': '1e\+39' is too large/);
  const xor = await loadDataset('xor');
  const plain = (await trainModel({ layers: [3], epochs: 1, seed: 1 }, { train: xor.dataset, schema: xor.schema })).model;
  assert.throws(() => plain.predict([[1e39, 0]]), /^DataError: the input of example 1, feature 1 \(x1\) is 1e\+39, beyond the range of the float32 numbers the model computes in \(±3\.4e38\)$/);
  assert.throws(() => plain.evaluate([[0, 0], [0, -1e39]], [0, 1]), /^DataError: the input of example 2, feature 2 \(x2\) is -1e\+39/);
  assert.equal(plain.predict([[0.5, 0.25]]).length, 1);
  // in range, but the forward pass overflows on it: said so (it asked "are its weights finite?")
  assert.throws(() => m.predict([[3e38, 0]]), /^DataError: the network's output for example 1 is NaN: its values overflow on this example \(largest \|input\| [\d.]+e\+\d+, largest \|weight\| [\d.]+e[-+]\d+\)$/);
  const { saveModel } = await import('../../src/node.js');
  await assert.rejects(saveModel(path.join(os.tmpdir(), 'never-written.onnx'), m), /^OptionError: saveModel: .*never-written\.onnx is an ONNX name, but saveModel writes a backprop model file \(JSON, e\.g\. model\.json\); to write ONNX use saveOnnx\(file, model\)$/);
  assert.ok(!existsSync(path.join(os.tmpdir(), 'never-written.onnx')));
  const { fit, Network, Matrix } = await import('../../src/node.js');
  const net = new Network({ inputSize: 1, layers: [{ units: 1, activation: 'sigmoid' }] });
  assert.throws(() => fit(net, Matrix.from([[0, 1]]), [0, 1], { epochs: 1, divergenceBaseline: -1 }), /^OptionError: divergenceBaseline must be a cost \(a number >= 0, the first cost of the run\), got -1$/);
});
