// The command line against hostile input, seventh round: charts written over files of another kind
// (--plot replaced any file), predictions to FILE.tsv written with commas, a feature that never
// changes trained without a word, networks too large to allocate, and the families of the sweep
// below. Each: one line naming the file or option and what was expected, exit 2, nothing lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { backprop, fileWriter, tempDir, usageError } from '../helpers/cli.js';

const dir = tempDir('backprop-hostile7-');
const file = fileWriter(dir);
const points = file('points.csv', 'x1,x2,y\n0,0,a\n0,1,b\n1,0,b\n1,1,a\n0.1,0.2,a\n0.9,0.1,b\n');
const model = path.join(dir, 'model.json');
assert.equal(backprop(['train', '--data', points, '--epochs', '2', '--save', model]).code, 0);
const chartKept = /: it exists and is not a chart written by backprop \(an SVG or PNG marked 'Software: backprop'\); not replacing it \(give another file name, or delete it first\)$/;

test('--plot, --plot-grad-norms and --plot-boundary replace only a chart of ours; a photo or another SVG is kept, before training', () => {
  const photo = file('photo.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]));
  const figure = file('figure.svg', '<svg xmlns="http://www.w3.org/2000/svg"><text>mine</text></svg>\n');
  for (const [flag, f] of [['--plot', photo], ['--plot-grad-norms', figure], ['--plot-boundary', figure]] as const) {
    const r = backprop(['train', '--data', points, '--epochs', '2', flag, f]);
    usageError(r, new RegExp(`^backprop: error: ${flag}: cannot write .*${chartKept.source}`));
    assert.equal(r.stdout, '', 'refused before training');
  }
  usageError(backprop(['inspect', '--model', model, '--data', points, '--plot-boundary', photo]), chartKept);
  usageError(backprop(['tune', '--data', points, '--trials', '1', '--epochs', '1', '--plot', figure]), chartKept);
  assert.deepEqual([...readFileSync(photo)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
  assert.match(readFileSync(figure, 'utf8'), /mine/);
  // a chart of ours is replaced, run after run
  const chart = path.join(dir, 'cost.svg'), png = path.join(dir, 'cost.png');
  for (let i = 0; i < 2; i++) {
    const r = backprop(['train', '--data', points, '--epochs', '2', '--plot', chart, '--plot-grad-norms', png]);
    assert.equal(r.code, 0, r.stderr);
  }
  assert.match(readFileSync(chart, 'utf8'), /^<svg [^>]*><!-- Software: backprop -->/);
  assert.ok(readFileSync(png).subarray(0, 64).toString('latin1').includes('tEXtSoftware\u0000backprop'));
});

test('predict --out FILE.tsv (and .tsv.gz) writes tab-separated predictions, and replaces them', () => {
  const tsv = path.join(dir, 'p.tsv');
  for (let i = 0; i < 2; i++) assert.equal(backprop(['predict', '--model', model, '--data', points, '--proba', '--out', tsv]).code, 0);
  const lines = readFileSync(tsv, 'utf8').trimEnd().split('\n');
  assert.equal(lines[0], 'prediction\tp_a\tp_b');
  assert.equal(lines.length, 7);
  assert.ok(lines.every((l) => !l.includes(',') && l.split('\t').length === 3), lines.join('\n'));
  const gz = path.join(dir, 'p.tsv.gz');
  for (let i = 0; i < 2; i++) assert.equal(backprop(['predict', '--model', model, '--data', points, '--proba', '--out', gz]).code, 0);
  assert.match(gunzipSync(readFileSync(gz)).toString(), /^prediction\tp_a\tp_b\n(a|b)\t0\.\d+\t0\.\d+\n/);
  // .csv stays comma-separated
  const csv = path.join(dir, 'p.csv');
  assert.equal(backprop(['predict', '--model', model, '--data', points, '--proba', '--out', csv]).code, 0);
  assert.match(readFileSync(csv, 'utf8'), /^prediction,p_a,p_b\n/);
});

test('train warns once, naming the column, of a feature with one value in every row, and trains', () => {
  const constant = file('constant.csv', 'x1,flag,x2,y\n0,7,0,a\n0,7,1,b\n1,7,0,b\n1,7,1,a\n0.1,7,0.2,a\n0.9,7,0.1,b\n');
  const r = backprop(['train', '--data', constant, '--epochs', '2']);
  assert.equal(r.code, 0, r.stderr);
  const warnings = r.stderr.split('\n').filter((l) => /same value in every row/.test(l));
  assert.equal(warnings.length, 1, r.stderr);
  assert.match(warnings[0]!, /^backprop: warning: .*constant\.csv: feature 'flag' \(always 7\) has the same value in every row: nothing to learn from it; leave it out with --exclude$/);
});

test('train --layers with a layer too large to hold is refused in one line naming the size, before allocating', () => {
  const started = Date.now();
  usageError(backprop(['train', '--data', points, '--epochs', '1', '--layers', '1000000000']), /layers?.*1\.00e\+9|1000000000/);
  assert.ok(Date.now() - started < 60_000);
});

test('a number option written beyond what a number holds is refused: 1e400 (Infinity) and 1e-400 (read as 0, silently) alike', () => {
  usageError(backprop(['train', '--data', points, '--epochs', '1', '--l2', '1e-400']), /^backprop: error: --l2 '1e-400' is too small to tell from 0 \(below about 5e-324\); write 0 if 0 is meant$/);
  usageError(backprop(['train', '--data', points, '--epochs', '1', '--test-split', '1e-400']), /^backprop: error: --test-split '1e-400' is too small/);
  usageError(backprop(['train', '--data', points, '--epochs', '1', '--lr', '1e400']), /^backprop: error: --lr '1e400' is beyond the largest number there is \(about 1\.8e308\)$/);
  usageError(backprop(['train', '--data', points, '--epochs', '1', '--lr-decay', 'exp:1e-400']), /^backprop: error: --lr-decay must be exp:RATE/);
  usageError(backprop(['tune', '--data', points, '--trials', '1', '--epochs', '1', '--l2', '1e-400..1']), /^backprop: error: --l2 '1e-400' is too small/);
  // zero written as zero, in any spelling, is still zero
  for (const zero of ['0', '0.0', '0e-400', '-0']) assert.equal(backprop(['train', '--data', points, '--epochs', '1', '--l2', zero]).code, 0, zero);
});

test('column names that are the same text in another Unicode form (é composed, or e + accent) are the same column; two of them in one header are refused', () => {
  const nfc = 'caf\u00e9', nfd = 'cafe\u0301';
  const trainFile = file('nfc.csv', `${nfc},x2,y\n0,0,a\n0,1,b\n1,0,b\n1,1,a\n0.1,0.2,a\n0.9,0.1,b\n`);
  const nfcModel = path.join(dir, 'nfc.json');
  assert.equal(backprop(['train', '--data', trainFile, '--epochs', '1', '--save', nfcModel]).code, 0);
  // it said: no column 'café' (it was used in training); the columns are: café, x2, y
  const r = backprop(['predict', '--model', nfcModel, '--data', file('nfd.csv', `${nfd},x2\n0,0\n1,1\n`)]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim().split('\n').length, 3);
  const f = backprop(['train', '--data', file('nfd-train.csv', `${nfd},x2,y\n0,0,a\n0,1,b\n1,0,b\n1,1,a\n`), '--features', `${nfc},x2`, '--test-split', '0', '--epochs', '1']);
  assert.equal(f.code, 0, f.stderr);
  usageError(backprop(['train', '--data', file('both.csv', `${nfc},${nfd},y\n0,0,a\n0,1,b\n`), '--epochs', '1']),
    /both\.csv, line 1: columns 1 and 2 are both named 'caf.+' \(the same text in different Unicode forms, composed and decomposed\); rename one$/);
});

test('predict with a file without the header line the model was trained with says so, not "no column x1; the columns are: 0, 5"', () => {
  usageError(backprop(['predict', '--model', model, '--data', file('nohdr.csv', '0,5\n1,1\n')]),
    /nohdr\.csv: line 1 holds numbers \(0, 5\), not the header line the model was trained with \(x1, x2, y\); add that header as line 1, or say the file has none \(--no-header\) to read its columns by position$/);
  // a first line of repeated numbers read as a header
  usageError(backprop(['predict', '--model', model, '--data', file('nohdr2.csv', '0,0\n1,1\n')]),
    /nohdr2\.csv, line 1: the column name '0' appears twice in the header \(line 1 holds only numbers: is it a line of data, the file without a header line\? then say so, --no-header\)$/);
});

test('--target 0x1 or 1e0 is no column: it was read as position 1, training on another column than named', () => {
  const nums = file('num.csv', 'x1,x2,y\n0,0,1\n0,1,0\n1,0,1\n1,1,0\n0.1,0.2,1\n0.9,0.1,0\n');
  for (const t of ['0x1', '1e0']) usageError(backprop(['train', '--data', nums, '--epochs', '1', '--target', t]), new RegExp(`num\\.csv: no target column '${t}'; the columns are: x1, x2, y$`));
});

test('an output named like a folder (out/) is refused, not written as the file "out" beside it', () => {
  usageError(backprop(['predict', '--model', model, '--data', points, '--out', path.join(dir, 'newdir') + '/']),
    /--out: cannot write .*newdir\/: the name ends in '\/', a folder's name; give the name of a file \(in that folder: .*newdir\/NAME\)$/);
  assert.equal(existsSync(path.join(dir, 'newdir')), false);
  // a TF.js export is a folder: a trailing / is its name
  const r = backprop(['export', '--model', model, '--format', 'tfjs', '--out', path.join(dir, 'tfjs') + '/']);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(existsSync(path.join(dir, 'tfjs', 'model.json')));
});
