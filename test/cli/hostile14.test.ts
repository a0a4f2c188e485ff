// Hostile input, fourteenth sweep (command line): `tune --save` in which every trial failed said
// "no trial completed" and exited 0 with nothing saved; `evaluate` printed "loss NaN" and exited 0
// for a model whose weights overflow; `predict` refused a file over a label the model never saw in a
// column it does not use; a resumed model whose first cost was NaN was told to lower its learning
// rate; a one-line CSV of numbers was "only a header line" with no hint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, chownSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { backprop, fileWriter, tempDir, usageError } from '../helpers/cli.js';

const dir = tempDir();
const write = fileWriter(dir);
const rows = Array.from({ length: 40 }, (_, i) => `${(i % 7) / 7},${(i % 5) / 5},${i % 2}`).join('\n');
write('good.csv', `x1,x2,y\n${rows}\n`);

/** A model trained on good.csv, then its first weights set to `w` (3e38: finite, but the forward pass overflows). */
function overflowing(name: string, w: number): string {
  const made = backprop(['train', '--data', 'good.csv', '--layers', 'none', '--epochs', '1', '--save', name], { cwd: dir });
  assert.equal(made.code, 0, made.stderr);
  const json = JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
  json.layers[0].W = json.layers[0].W.map((row: number[]) => row.map(() => w));
  writeFileSync(path.join(dir, name), JSON.stringify(json));
  return name;
}

test('tune --save when every trial failed exits 1 and says nothing was saved', () => {
  const r = backprop(['tune', '--data', 'good.csv', '--lr', '1e5..1e6', '--trials', '2', '--epochs', '3', '--study', 's.jsonl', '--save', 'best.json'], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout + r.stderr, /nothing saved to best\.json: no trial completed/);
  assert.ok(!existsSync(path.join(dir, 'best.json')));
});

test('evaluate of a model whose values overflow is an error naming its largest weight (it printed loss NaN, exit 0)', () => {
  const model = overflowing('big.json', 3e38);
  usageError(backprop(['evaluate', '--model', model, '--data', 'good.csv'], { cwd: dir }),
    /the cost on this data is NaN: the network's values overflow on it \(its largest weight is 3\.00e\+38\), so its outputs cannot be trusted$/);
});

test('train --resume from a model whose first cost is NaN blames its weights, not the learning rate', () => {
  const model = overflowing('big2.json', 3e38);
  const r = backprop(['train', '--data', 'good.csv', '--resume', model, '--epochs', '2'], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /the cost was NaN before the first update; the network's starting weights \(the largest 3\.000e\+38\) or its inputs overflow its forward pass, so the learning rate is not the cause/);
  assert.doesNotMatch(r.stderr, /smaller learning rate/);
});

test('predict reads a file whose unused label column holds an unknown class, with a warning', () => {
  const made = backprop(['train', '--data', 'good.csv', '--epochs', '1', '--save', 'm.json'], { cwd: dir });
  assert.equal(made.code, 0, made.stderr);
  write('points.csv', 'x1,x2,y\n0.1,0.2,5\n0.3,0.4,1\n');
  const r = backprop(['predict', '--model', 'm.json', '--data', 'points.csv'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim().split('\n').length, 3); // the header and two predictions
  assert.match(r.stderr, /points\.csv, line 2, column 'y': class '5' was not in the training data .*: the labels are not needed here, so the target column 'y' is left out/);
  // evaluate needs them: refused as before
  usageError(backprop(['evaluate', '--model', 'm.json', '--data', 'points.csv'], { cwd: dir }), /class '5' was not in the training data/);
});

test('a one-line CSV of numbers says it may be an example', () => {
  write('one.csv', '0.1,0.2,1\n');
  usageError(backprop(['train', '--data', 'one.csv'], { cwd: dir }), /one\.csv: only a header line, no data rows \(its one line is all numbers: if it is an example, read the file without a header, --no-header\)/);
});

test('--save over a read-only model file is refused and the file kept (the rename replaced it)', (t) => {
  const root = process.getuid?.() === 0;
  if (process.platform === 'win32') return t.skip('POSIX permissions');
  const own = tempDir();
  const file = path.join(own, 'ro.json');
  writeFileSync(path.join(own, 'good.csv'), `x1,x2,y\n${rows}\n`);
  writeFileSync(file, '{"kept": true}');
  chmodSync(file, 0o444);
  // root may write any file: the check is for the user who runs it, so run it as nobody there
  if (root) chownSync(own, 65534, 65534), chownSync(file, 65534, 65534), chownSync(path.join(own, 'good.csv'), 65534, 65534);
  const r = backprop(['train', '--data', 'good.csv', '--epochs', '1', '--save', 'ro.json'], { cwd: own, ...(root ? { uid: 65534 } : {}) });
  usageError(r, /^backprop: error: --save: cannot write ro\.json: the file is read-only; make it writable \(chmod u\+w\) or write another file$/);
  assert.equal(readFileSync(file, 'utf8'), '{"kept": true}');
});

test('--resume with --standardize keeps the model\'s own scaling and says so; a label column of numbers and a word warns', () => {
  const made = backprop(['train', '--data', 'good.csv', '--epochs', '1', '--save', 'plain.json'], { cwd: dir });
  assert.equal(made.code, 0, made.stderr);
  const r = backprop(['train', '--data', 'good.csv', '--resume', 'plain.json', '--standardize', '--epochs', '1', '--save', 'again.json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /standardize true ignored: the resumed model was trained without standardizing its inputs, and its weights go on with the same scaling/);
  assert.equal(JSON.parse(readFileSync(path.join(dir, 'again.json'), 'utf8')).preprocessing.standardize, undefined);
  write('mixed.csv', `x1,x2,y\n${rows}\n0.5,0.5,cat\n`);
  const m = backprop(['train', '--data', 'mixed.csv', '--epochs', '1'], { cwd: dir });
  assert.equal(m.code, 0, m.stderr);
  assert.match(m.stderr, /mixed\.csv: target column 'y' holds numbers and a word \('cat'\): read as 3 classes, 'cat' among them; if it is a typo or a missing-value mark, fix or remove those rows/);
});
