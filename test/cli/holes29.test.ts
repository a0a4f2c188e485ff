// Holes left by session 28's batteries, closed in session 29 (the command line).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backprop, fileWriter, tempDir, usageError } from '../helpers/cli.js';

const write = fileWriter(tempDir());
const good = write('good.csv', 'x1,y\n5,a\n6,b\n7,a\n8,b\n9,a\n1,b\n');
const bad = write('bad.csv', 'x1,y\n5,a\n6,b\n7,a\n8,b\n9,a\nzz,b\n');

test('bad input found after a warning ends in its one error line alone; the warning is printed when the run goes on', () => {
  usageError(backprop(['--backend', 'js', '--threads', '2', 'train', '--data', bad, '--target', 'y', '--epochs', '2']), /bad\.csv, line 7, column 'x1': 'zz' is not a number$/);
  const ok = backprop(['--backend', 'js', '--threads', '2', 'train', '--data', good, '--target', 'y', '--epochs', '2']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stderr, /^backprop: warning: --threads ignored: the js backend runs on one thread/);
  // a command with no training (no progress) prints its held warnings when it ends
  const listed = backprop(['--backend', 'js', '--threads', '2', 'datasets']);
  assert.equal(listed.code, 0, listed.stderr);
  assert.match(listed.stderr, /^backprop: warning: --threads ignored/);
});
