// Hostile input, sixteenth sweep (command line): predict with a model trained with --missing drop
// left out the rows with an empty cell, silently, so that every later prediction stood on the wrong
// line; predict and evaluate ignored --missing and --delimiter ("ignored: the model reads the file
// the way its training data was read") and then said to give them; evaluate dropped rows without a
// word; predict of one image ignored --image-size and --channels, silently.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { backprop, fileWriter, tempDir, usageError } from '../helpers/cli.js';

const dir = tempDir();
const write = fileWriter(dir);
const rows = Array.from({ length: 40 }, (_, i) => `${(i % 7) / 7},${(i % 5) / 5},${i % 2}`).join('\n');
write('good.csv', `a,b,y\n${rows}\n`);
for (const [name, missing] of [['drop.json', 'drop'], ['plain.json', 'error']]) {
  const r = backprop(['train', '--data', 'good.csv', '--layers', 'none', '--epochs', '2', '--missing', missing!, '--save', name!], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
}
write('gaps.csv', 'a,b\n0.1,0.2\n,0.3\n0.5,0.1\n');

test('predict with a --missing drop model keeps one prediction per row: an empty cell is an error naming it (the row was dropped, silently)', () => {
  usageError(backprop(['predict', '--model', 'drop.json', '--data', 'gaps.csv'], { cwd: dir }),
    /^backprop: error: gaps\.csv, line 3, column 'a': empty cell; a prediction is made for every row, so the row cannot be dropped \(--missing drop\); fill the cell, leave the row out of the file, or use --missing mean \(the training mean\)$/);
  // --missing mean fills it with the training mean: three rows, three predictions
  const r = backprop(['predict', '--model', 'drop.json', '--data', 'gaps.csv', '--missing', 'mean'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim().split('\n').length, 4);
  assert.equal(r.stderr, '');
  // an empty label cell, where predict needs no label, drops no row
  write('nolabel.csv', 'a,b,y\n0.1,0.2,0\n0.3,0.3,\n0.5,0.1,1\n');
  const l = backprop(['predict', '--model', 'drop.json', '--data', 'nolabel.csv'], { cwd: dir });
  assert.equal(l.code, 0, l.stderr);
  assert.equal(l.stdout.trim().split('\n').length, 4);
});

test('predict and evaluate take --missing for the file they read (it was ignored, and the error said to give it)', () => {
  // (predict never drops a row, so --missing drop is not advised there: apiholes30)
  usageError(backprop(['predict', '--model', 'plain.json', '--data', 'gaps.csv'], { cwd: dir }), /gaps\.csv, line 3, column 'a': empty cell; fill the cell, leave the row out of the file, or use --missing mean \(the training mean\)$/);
  const p = backprop(['predict', '--model', 'plain.json', '--data', 'gaps.csv', '--missing', 'mean'], { cwd: dir });
  assert.equal(p.code, 0, p.stderr);
  assert.equal(p.stdout.trim().split('\n').length, 4);
  assert.doesNotMatch(p.stderr, /ignored/);
  write('gaps-y.csv', 'a,b,y\n0.1,0.2,0\n,0.3,1\n0.5,0.1,1\n');
  const e = backprop(['evaluate', '--model', 'plain.json', '--data', 'gaps-y.csv', '--missing', 'drop'], { cwd: dir });
  assert.equal(e.code, 0, e.stderr);
  assert.match(e.stdout, /^plain\.json on gaps-y\.csv \(2 examples\)\n/);
  assert.equal(e.stderr, 'backprop: warning: gaps-y.csv: 1 row with an empty cell left out (line 3; --missing drop), 2 read\n');
});

test('evaluate with a --missing drop model says which rows it left out (the count of examples alone hid them)', () => {
  write('gaps2.csv', 'a,b,y\n0.1,0.2,0\n,0.3,1\n0.5,,1\n0.6,0.1,0\n');
  const e = backprop(['evaluate', '--model', 'drop.json', '--data', 'gaps2.csv'], { cwd: dir });
  assert.equal(e.code, 0, e.stderr);
  assert.match(e.stdout, /\(2 examples\)/);
  assert.equal(e.stderr, 'backprop: warning: gaps2.csv: 2 rows with an empty cell left out (lines 3, 4; --missing drop), 2 read\n');
});

test('predict and evaluate read a file of another separator with --delimiter (it was ignored, and the error said to give it)', () => {
  write('semi.csv', `a;b;y\n${rows.replace(/,/g, ';')}\n`);
  // (without --delimiter, a line 1 that splits into the training columns on ';' is read so: see test/data/apply-header.test.ts)
  write('semi4.csv', `a;b;y;z\n${rows.replace(/,/g, ';').replace(/\n/g, ';0\n')};0\n`);
  usageError(backprop(['predict', '--model', 'plain.json', '--data', 'semi4.csv'], { cwd: dir }), /semi4\.csv: no column 'a' .*see --delimiter/);
  const plain = backprop(['predict', '--model', 'plain.json', '--data', 'good.csv'], { cwd: dir });
  const p = backprop(['predict', '--model', 'plain.json', '--data', 'semi.csv', '--delimiter', ';'], { cwd: dir });
  assert.equal(p.code, 0, p.stderr);
  assert.equal(p.stderr, '');
  assert.equal(p.stdout, plain.stdout);
  const e = backprop(['evaluate', '--model', 'plain.json', '--data', 'semi.csv', '--delimiter', ';', '--json'], { cwd: dir });
  assert.equal(e.code, 0, e.stderr);
  assert.equal(JSON.parse(e.stdout).examples, 40);
});

test('predict of one image says that --image-size and --channels are ignored (they were, silently)', () => {
  const png = new PNG({ width: 2, height: 2 });
  png.data.fill(120);
  write('dot.png', PNG.sync.write(png));
  const made = write('pix.csv', `r,g,b,y\n${Array.from({ length: 20 }, (_, i) => `${i / 20},${(i % 3) / 3},${(i % 4) / 4},${i % 2}`).join('\n')}\n`);
  assert.ok(made);
  // a 1-pixel RGB model (3 inputs) from a CSV: the image is read at 1 x 1, 3 channels
  const t = backprop(['train', '--data', 'pix.csv', '--layers', 'none', '--epochs', '1', '--save', 'pix.json'], { cwd: dir });
  assert.equal(t.code, 0, t.stderr);
  const r = backprop(['predict', '--model', 'pix.json', '--data', 'dot.png', '--image-size', '8x8', '--channels', '1'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^dot\.png: [01] \(probability/);
  assert.equal(r.stderr, 'backprop: warning: --image-size, --channels ignored: dot.png is one image, read at the size and channels pix.json was trained on\n');
});

test('train with --missing drop names the rows it left out of the training and the test file (they went without a word)', () => {
  write('gaps-train.csv', `a,b,y\n${rows}\n,0.5,1\n0.2,,0\n`);
  write('gaps-test.csv', 'a,b,y\n0.1,0.2,0\n0.3,,1\n0.5,0.1,1\n');
  const r = backprop(['train', '--data', 'gaps-train.csv', '--test', 'gaps-test.csv', '--missing', 'drop', '--layers', 'none', '--epochs', '1'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^backprop: warning: gaps-train\.csv: 2 rows with an empty cell left out \(lines 42, 43; --missing drop\), 40 read$/m);
  assert.match(r.stderr, /^backprop: warning: gaps-test\.csv: 1 row with an empty cell left out \(line 3; --missing drop\), 2 read$/m);
});

test('import of a TF.js model whose kernel shape was edited names the shapes and the bytes (it blamed the next weight)', () => {
  const made = backprop(['export', '--model', 'plain.json', '--format', 'tfjs', '--out', 'tf'], { cwd: dir });
  assert.equal(made.code, 0, made.stderr);
  const file = path.join(dir, 'tf', 'model.json');
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  doc.weightsManifest[0].weights[0].shape = [3, 1];
  writeFileSync(file, JSON.stringify(doc));
  usageError(backprop(['import', 'tf', '--out', 'back.json'], { cwd: dir }),
    /^backprop: error: tf\/model\.json: weights\.bin: 12 bytes, but the weight shapes of the manifest take 16 \(dense_1\/kernel \[3, 1\], dense_1\/bias \[1\]\): a shape in model\.json was changed, or the weight file is cut short$/);
});

test("an option of another command says whose it is (it said only \"unknown option\")", () => {
  usageError(backprop(['train', '--data', 'good.csv', '--model', 'plain.json'], { cwd: dir }),
    /^backprop: error: unknown option '--model' \(an option of evaluate, predict, gradcheck, inspect, export, import; not of train\)$/);
  usageError(backprop(['evaluate', '--model', 'plain.json', '--data', 'good.csv', '--proba'], { cwd: dir }),
    /^backprop: error: unknown option '--proba' \(an option of predict; not of evaluate\)$/);
  // a misspelling keeps its suggestion alone
  usageError(backprop(['train', '--data', 'good.csv', '--epoch', '3'], { cwd: dir }), /^backprop: error: unknown option '--epoch' \(Did you mean --epochs\?\)$/);
});
