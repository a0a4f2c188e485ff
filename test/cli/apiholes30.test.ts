// API holes, thirtieth battery (CLI). predict on a file with an empty cell, for a model trained
// without --missing mean: the error advised --missing drop, which predict cannot do (it never drops a
// row), and --missing mean filled with the mean of every row of the training file, its test rows too,
// where --missing says "over the training rows only".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { backprop, fileWriter, tempDir, usageError } from '../helpers/cli.js';

const dir = tempDir('backprop-apiholes30-');
const write = fileWriter(dir);
// b is far larger in the last rows: the mean of every row and the mean of the training rows differ
const train = write('train.csv', `a,b,y\n${Array.from({ length: 16 }, (_, i) => `${i},${i * 10 + (i >= 12 ? 5000 : 0)},${i % 2}`).join('\n')}\n`);
const model = `${dir}/m.json`;
const trained = backprop(['train', '--data', train, '--epochs', '1', '--test-split', '0.25', '--seed', '3', '--standardize', '--save', model]);

test('predict with an empty cell and a model trained without --missing mean: one line that does not advise --missing drop', () => {
  assert.equal(trained.code, 0, trained.stderr);
  const p = write('p.csv', 'a,b\n5,\n');
  const r = backprop(['predict', '--model', model, '--data', p]);
  usageError(r, /p\.csv, line 2, column 'b': empty cell; fill the cell, leave the row out of the file, or use --missing mean \(the training mean\)$/);
  assert.doesNotMatch(r.stderr, /--missing drop/);
});

test('predict --missing mean fills with the mean of the training rows the model file keeps, not of every row of the training file', () => {
  assert.equal(trained.code, 0, trained.stderr);
  const doc = JSON.parse(fs.readFileSync(model, 'utf8'));
  const b = doc.preprocessing.data.features.find((f: { column: string }) => f.column === 'b').mean;
  const every = Array.from({ length: 16 }, (_, i) => i * 10 + (i >= 12 ? 5000 : 0)).reduce((s, v) => s + v, 0) / 16;
  assert.notEqual(b, every);
  const filled = backprop(['predict', '--model', model, '--data', write('p2.csv', 'a,b\n5,\n'), '--missing', 'mean', '--proba']);
  const given = backprop(['predict', '--model', model, '--data', write('p3.csv', `a,b\n5,${b}\n`), '--proba']);
  assert.equal(filled.code, 0, filled.stderr);
  assert.equal(filled.stdout, given.stdout);
});

test("gradcheck's report writes every number in exponent form with two exponent digits or more, as NumPy prints them (ε = 1e-07)", () => {
  const r = backprop(['gradcheck']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /ε = 1e-07\b/);
  assert.match(r.stdout, /\d\.\d{3}e-\d{2}\b/);
  assert.doesNotMatch(r.stdout, /\de[-+]\d(?!\d)/, r.stdout);
});

test('train, inspect --backward and evaluate write a learning rate of 1e-7 and an L2 of 1e-9 with two exponent digits', () => {
  const m = `${dir}/tiny.json`;
  const outputs = [
    backprop(['train', '--data', 'flower', '--epochs', '2', '--lr', '1e-7', '--l2', '1e-9', '--save', m]),
    backprop(['inspect', '--model', m, '--data', 'flower', '--backward']),
    backprop(['evaluate', '--model', m, '--data', 'flower']),
  ];
  for (const r of outputs) {
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout + r.stderr, /\de[-+]\d(?!\d)/);
  }
  assert.match(outputs[0]!.stdout, /learning rate 1e-07, .*L2 1e-09/);
  assert.match(outputs[1]!.stdout, /learningRate 1e-07/);
});
