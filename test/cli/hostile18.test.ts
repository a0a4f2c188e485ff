// Hostile input, eighteenth sweep (command line): `import FIFO` (no .onnx or .json in the name) hung,
// reading the first byte of a named pipe to tell the format; a link loop or a path through a file was
// 'file not found' there. BACKPROP_BACKEND=bogus was blamed on --backend, which was never typed, and
// --backend or --threads twice took the last value silently. gradcheck and inspect without --data, and
// --activation with --layers none, dropped what they were given without a word.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { backprop, fileWriter, tempDir, usageError } from '../helpers/cli.js';

const dir = tempDir();
const write = fileWriter(dir);
const rows = Array.from({ length: 30 }, (_, i) => `${(i % 7) / 7},${(i % 5) / 5},${i % 2}`).join('\n');
write('d.csv', `a,b,y\n${rows}\n`);
const trained = backprop(['train', '--data', 'd.csv', '--epochs', '1', '--save', 'm.json'], { cwd: dir });
assert.equal(trained.code, 0, trained.stderr);

test('import refuses a named pipe whatever its name, instead of waiting for a writer forever', () => {
  execFileSync('mkfifo', [path.join(dir, 'pipe')]);
  // (the timeout only keeps a regression from hanging the suite: the assertion is the message)
  usageError(backprop(['import', 'pipe', '--out', 'x.json'], { cwd: dir, timeout: 60_000 }),
    /^backprop: error: pipe: is a named pipe \(FIFO\), not a data file; save the stream to a file first$/);
});

test('import names what is wrong with a path: a link loop, a part that is a file (both were "file not found")', () => {
  symlinkSync('loop-b', path.join(dir, 'loop-a'));
  symlinkSync('loop-a', path.join(dir, 'loop-b'));
  usageError(backprop(['import', 'loop-a', '--out', 'x.json'], { cwd: dir }), /^backprop: error: loop-a: too many levels of symbolic links \(a link loop\?\)$/);
  usageError(backprop(['import', 'd.csv/model', '--out', 'x.json'], { cwd: dir }), /^backprop: error: d\.csv\/model: a part of the path is a file, not a folder$/);
  usageError(backprop(['import', 'nothing-here', '--out', 'x.json'], { cwd: dir }), /^backprop: error: file not found: nothing-here$/);
});

test('BACKPROP_BACKEND with a bad value is named as the variable, not as --backend; empty is unset', () => {
  usageError(backprop(['predict', '--model', 'm.json', '--data', 'd.csv'], { cwd: dir, env: { BACKPROP_BACKEND: 'fast' } }),
    /^backprop: error: the environment variable BACKPROP_BACKEND must be one of auto, js, wasm, wasm-threads, got 'fast'$/);
  const empty = backprop(['predict', '--model', 'm.json', '--data', 'd.csv'], { cwd: dir, env: { BACKPROP_BACKEND: '' } });
  assert.equal(empty.code, 0, empty.stderr);
  assert.equal(empty.stderr, '');
  // --backend wins over the variable, and a bad --backend is still named as the flag
  const flag = backprop(['--backend', 'js', 'predict', '--model', 'm.json', '--data', 'd.csv'], { cwd: dir, env: { BACKPROP_BACKEND: 'fast' } });
  assert.equal(flag.code, 0, flag.stderr);
  usageError(backprop(['--backend', 'fast', 'predict', '--model', 'm.json', '--data', 'd.csv'], { cwd: dir }), /^backprop: error: --backend must be one of/);
});

test('--backend and --threads given twice with different values say which is used, as every other option does', () => {
  const r = backprop(['--backend', 'wasm', '--threads', '2', '--backend', 'js', '--threads=3', 'predict', '--model', 'm.json', '--data', 'd.csv'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^backprop: warning: --backend given 2 times \('wasm', 'js'\): the last, 'js', is used$/m);
  assert.match(r.stderr, /^backprop: warning: --threads given 2 times \('2', '3'\): the last, '3', is used$/m);
  // the same value twice is no conflict
  const same = backprop(['--backend', 'js', '--backend', 'js', 'predict', '--model', 'm.json', '--data', 'd.csv'], { cwd: dir });
  assert.equal(same.stderr, '');
});

test('gradcheck without --data says that the data options it was given are ignored (it ran on the flower points, silently)', () => {
  const r = backprop(['gradcheck', '--samples', '10', '--noise', '0.5', '--target', 'y'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, 'backprop: warning: --target, --samples, --noise ignored: there is no --data to read: the check runs on the built-in flower points\n');
  assert.equal(backprop(['gradcheck'], { cwd: dir }).stderr, '');
});

test('inspect without --data says that the data options it was given are ignored', () => {
  const r = backprop(['inspect', '--model', 'm.json', '--no-header', '--x-key', 'x'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, 'backprop: warning: --no-header, --x-key ignored: they say how to read --data, which is not given\n');
  assert.equal(backprop(['inspect', '--model', 'm.json'], { cwd: dir }).stderr, '');
});

test('train --layers none --activation tanh says --activation is ignored (there is no hidden layer for it)', () => {
  const r = backprop(['train', '--data', 'd.csv', '--epochs', '1', '--layers', 'none', '--activation', 'tanh'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^backprop: warning: --activation ignored: it is the activation of hidden layers, and there is none$/m);
  // the default activation is not typed: nothing to say
  const quiet = backprop(['train', '--data', 'd.csv', '--epochs', '1', '--layers', 'none'], { cwd: dir });
  assert.doesNotMatch(quiet.stderr, /ignored/);
  const hidden = backprop(['train', '--data', 'd.csv', '--epochs', '1', '--activation', 'tanh'], { cwd: dir });
  assert.doesNotMatch(hidden.stderr, /ignored/);
  assert.match(hidden.stdout, /2-16\(tanh\)-1\(sigmoid\)/);
});

test('datasets without fetch says that --dir and --base-url are ignored (nothing is downloaded; they were dropped, silently)', () => {
  const r = backprop(['datasets', '--dir', 'cache', '--base-url', 'http://127.0.0.1:1/'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "backprop: warning: --dir ignored: it is for 'backprop datasets fetch NAME', and this lists the datasets\n"
    + "backprop: warning: --base-url ignored: it is for 'backprop datasets fetch NAME', and this lists the datasets\n");
  assert.match(r.stdout, /^built-in datasets/);
  assert.equal(backprop(['datasets'], { cwd: dir }).stderr, '');
});
