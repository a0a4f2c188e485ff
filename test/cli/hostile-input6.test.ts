// The command line against hostile input, sixth round: outputs over files of another kind (predict
// --out and export --out replaced any file), CSV quotes said where they open, numbers as locales
// write them, files of one format given as another, and flags by other tools' names, arguments
// without their option names, values after flags that take none, a search choice given twice.
// Each family: one line naming the file or option and what was expected, exit 2, nothing lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { backprop, fileWriter, tempDir, usageError } from '../helpers/cli.js';

const dir = tempDir('backprop-hostile6-');
const file = fileWriter(dir);
const points = file('points.csv', 'x1,x2,y\n0,0,a\n0,1,b\n1,0,b\n1,1,a\n0.1,0.2,a\n0.9,0.1,b\n');
const model = path.join(dir, 'model.json');
assert.equal(backprop(['train', '--data', points, '--epochs', '2', '--save', model]).code, 0);
const kept = /: it exists and is not .*; not replacing it \(give another file name, or delete it first\)$/;

test('predict --out replaces only a CSV of predictions: a notes file, a data file or a gzip\'d data file are kept; its inputs are refused', () => {
  const notes = file('notes.csv', 'my notes\n');
  usageError(backprop(['predict', '--model', model, '--data', points, '--out', notes]),
    /^backprop: error: --out: cannot write .*notes\.csv: it exists and is not a CSV of predictions \(its first line is not the header predict writes: 'prediction' or 'output1', \.\.\.\); not replacing it/);
  assert.equal(readFileSync(notes, 'utf8'), 'my notes\n');
  const other = file('other-data.csv', 'x1,x2\n5,5\n');
  usageError(backprop(['predict', '--model', model, '--data', points, '--out', other]), kept);
  const gz = file('data.csv.gz', gzipSync('x1,x2\n5,5\n'));
  usageError(backprop(['predict', '--model', model, '--data', points, '--out', gz]), kept);
  usageError(backprop(['predict', '--model', model, '--data', points, '--out', points]), /--out .*points\.csv: that is an input of this command/);
  usageError(backprop(['predict', '--model', model, '--data', points, '--out', model]), /--out .*model\.json: that is an input of this command/);
  // its own output is replaced, with or without --proba; a name ending in .gz is written gzip'd (it was plain text)
  const out = path.join(dir, 'predictions.csv');
  assert.equal(backprop(['predict', '--model', model, '--data', points, '--out', out]).code, 0);
  const again = backprop(['predict', '--model', model, '--data', points, '--out', out, '--proba']);
  assert.equal(again.code, 0, again.stderr);
  assert.match(readFileSync(out, 'utf8'), /^prediction,p_a,p_b\n/);
  const packed = path.join(dir, 'predictions.csv.gz');
  for (let i = 0; i < 2; i++) assert.equal(backprop(['predict', '--model', model, '--data', points, '--out', packed]).code, 0);
  assert.match(gunzipSync(readFileSync(packed)).toString(), /^prediction\n(a|b)\n/);
});

test('export --out replaces only an export of ours: a file misnamed .onnx, a folder\'s model.json or a weights.bin are kept', () => {
  const notes = file('notes.onnx', 'my notes');
  usageError(backprop(['export', '--model', model, '--out', notes]), /^backprop: error: --out: cannot write .*notes\.onnx: it exists and is not an ONNX model written by backprop; not replacing it/);
  assert.equal(readFileSync(notes, 'utf8'), 'my notes');
  const app = path.join(dir, 'app');
  mkdirSync(app);
  writeFileSync(path.join(app, 'model.json'), '{"name":"app"}');
  usageError(backprop(['export', '--model', model, '--format', 'tfjs', '--out', app]), /--out: cannot write .*app\/model\.json: it exists and is not a TF\.js model written by backprop/);
  assert.deepEqual(readdirSync(app), ['model.json']);
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(path.join(bin, 'weights.bin'), 'data');
  usageError(backprop(['export', '--model', model, '--format', 'tfjs', '--out', bin]), /weights\.bin: it exists and is not the weights of a TF\.js model written by backprop/);
  // our own exports are replaced
  const onnx = path.join(dir, 'm.onnx'), tfjs = path.join(dir, 'm-tfjs');
  for (let i = 0; i < 2; i++) {
    assert.equal(backprop(['export', '--model', model, '--out', onnx]).code, 0);
    assert.equal(backprop(['export', '--model', model, '--format', 'tfjs', '--out', tfjs]).code, 0);
  }
});

test('CSV quotes: an unclosed one at the line where it opens (it was the line where the file ends), text after a closing one, one inside a field', () => {
  usageError(backprop(['train', '--data', file('open.csv', 'x1,x2,y\n0,0,a\n1,"2\n3,4,b\n1,0,b\n1,1,a\n'), '--epochs', '1']),
    /open\.csv, line 3, column 'x2': a quote opens this field and is never closed \(the file ends inside it, at line 6\); add the closing quote/);
  usageError(backprop(['train', '--data', file('open.csv.gz', gzipSync('x1,x2,y\n0,0,a\n1,"2\n3,4,b\n')), '--epochs', '1']), /open\.csv\.gz, line 3, column 'x2': a quote opens/);
  usageError(backprop(['train', '--data', file('close.csv', 'x1,x2,y\n0,0,a\n1,"2"x,b\n'), '--epochs', '1']), /close\.csv, line 3, column 'x2': text after the closing quote/);
  usageError(backprop(['train', '--data', file('inside.csv', 'x1,x2,y\n0,0,a\n1,2"x,b\n'), '--epochs', '1']), /inside\.csv, line 3, column 'x2': a quote after '2' inside a field/);
  usageError(backprop(['predict', '--model', model, '--data', file('p-open.csv', 'x1,x2\n0,0\n1,"2\n')]), /p-open\.csv, line 3, column 'x2': a quote opens/);
});

test('numbers as spreadsheets write them, and files of one format given as another, are said as such', () => {
  usageError(backprop(['train', '--data', file('comma.csv', 'x1;x2;y\n0,5;0;a\n0;1,5;b\n1;0;b\n1;1;a\n'), '--epochs', '1']), /comma\.csv, line 2, column 'x1': '0,5' is not a number \(a decimal comma\? read the file with --decimal ',', or write 0\.5\)$/);
  usageError(backprop(['train', '--data', file('money.csv', 'x1,x2,y\n$5,0,a\n0,1,b\n1,0,b\n1,1,a\n'), '--epochs', '1']), /'\$5' is not a number \(a currency or percent sign\? write the number alone\)$/);
  usageError(backprop(['train', '--data', file('grouped.csv', 'x1,x2,y\n"1,000",0,a\n0,1,b\n1,0,b\n1,1,a\n'), '--epochs', '1']), /'1,000' is not a number \(digits in groups of thousands/);
  // a model file as --data (a CSV error about a quote after '{'), a CSV file as --model (V8's "Unexpected token 'x'")
  usageError(backprop(['train', '--data', model, '--epochs', '1']), /model\.json: not CSV data: it is a JSON document, a backprop model file \(it begins '\{"'\)$/);
  usageError(backprop(['predict', '--model', points, '--data', points]), /points\.csv: not a JSON document: it begins 'x1,x2,y', which looks like a line of CSV data$/);
  usageError(backprop(['inspect', '--model', file('notes.json', '# my model\n')]), /notes\.json: not a JSON document: it begins '# my model'$/);
});

test("flags by another tool's name or spelling name ours (--hidden was 'Did you mean --header?'); an argument without its option, or after a flag that takes no value, is said so", () => {
  const base = ['train', '--data', points, '--epochs', '1'];
  usageError(backprop([...base, '--hidden', '8']), /unknown option '--hidden' \(Did you mean --layers\?\)$/);
  usageError(backprop([...base, '--learning-rate', '0.1']), /unknown option '--learning-rate' \(Did you mean --lr\?\)$/);
  usageError(backprop([...base, '--batch', '2']), /unknown option '--batch' \(Did you mean --batch-size\?\)$/);
  usageError(backprop([...base, '--Batch_Size', '2']), /unknown option '--Batch_Size' \(Did you mean --batch-size\?\)$/);
  usageError(backprop([...base, '--iterations', '5']), /unknown option '--iterations' \(Did you mean --epochs\?\)$/);
  usageError(backprop(['predict', '--model', model, '--data', points, '--output', 'p.csv']), /unknown option '--output' \(Did you mean --out\?\)$/);
  usageError(backprop(['train', points]), /required option '--data <file>' not specified; '.*points\.csv' was given without an option name \(write --data .*points\.csv\)$/);
  usageError(backprop([...base, 'extra']), /train takes no arguments besides its options, got 'extra'; an option's value follows its name \(--name value\)$/);
  usageError(backprop([...base, '--standardize', 'yes']), /train takes no arguments besides its options, got 'yes'; --standardize takes no value$/);
});

test('tune: a choice that lists a value twice is refused by its flag (1e-3|0.001 ran the same trial again); a hint names the flag', () => {
  const base = ['tune', '--data', points, '--epochs', '1', '--workers', '1', '--test-split', '0', '--trials', '2'];
  const study = path.join(dir, 'study.jsonl');
  usageError(backprop([...base, '--lr', '1e-3|0.001', '--study', study]), /^backprop: error: --lr: the choice lists 0\.001 twice; give each value once$/);
  usageError(backprop([...base, '--layers', '4|4', '--study', study]), /^backprop: error: --layers: the choice lists \[4\] twice/);
  usageError(backprop([...base, '--l2', '0..0.1', '--study', study]), /--l2: a log-scale range must stay above 0, got 0\.\.0\.1 \(use a linear range, e\.g\. --l2 lin:0\.\.0\.1\)$/);
  assert.equal(existsSync(study), false);
});
