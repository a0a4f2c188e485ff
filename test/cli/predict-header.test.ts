// predict/evaluate with --no-header for a model trained on a file with a header (it was "--no-header
// ignored", then refused), and --header for a model trained without one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { backprop, tempDir } from '../helpers/cli.js';

const dir = tempDir();
const file = (name: string, text: string) => { const p = path.join(dir, name); writeFileSync(p, text); return p; };
const rows = Array.from({ length: 40 }, (_, i) => `${i % 7},${(i * 3) % 5},${i % 2 ? 'yes' : 'no'}`);
const headed = path.join(dir, 'headed.json'), bare = path.join(dir, 'bare.json');

test('setup: a model trained with a header, one without', () => {
  assert.equal(backprop(['train', '--data', file('t.csv', `a,b,y\n${rows.join('\n')}\n`), '--epochs', '2', '--save', headed]).code, 0);
  assert.equal(backprop(['train', '--data', file('u.csv', `${rows.join('\n')}\n`), '--no-header', '--epochs', '2', '--save', bare]).code, 0);
});

test('predict --no-header reads a headerless file by position, the same predictions as with the header', () => {
  const withHeader = backprop(['predict', '--model', headed, '--data', file('p1.csv', 'a,b\n1,2\n3,4\n'), '--proba']);
  const without = backprop(['predict', '--model', headed, '--data', file('p2.csv', '1,2\n3,4\n'), '--proba', '--no-header']);
  assert.equal(withHeader.code, 0, withHeader.stderr);
  assert.equal(without.code, 0, without.stderr);
  assert.equal(without.stdout, withHeader.stdout);
  assert.doesNotMatch(without.stderr, /ignored/);
  const evaluated = backprop(['evaluate', '--model', headed, '--data', file('e.csv', '1,2,yes\n3,4,no\n'), '--no-header']);
  assert.equal(evaluated.code, 0, evaluated.stderr);
  assert.match(evaluated.stdout, /accuracy/);
});

test('predict --header reads a file with a header line for a model trained without one; without it, the error says --header', () => {
  const r = backprop(['predict', '--model', bare, '--data', file('p3.csv', 'a,b\n1,2\n3,4\n'), '--header']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim().split('\n').length, 3);
  const refused = backprop(['predict', '--model', bare, '--data', file('p4.csv', 'a,b\n1,2\n')]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /p4\.csv, line 1, column '1': 'a' is not a number; if line 1 names the columns, say so \(--header\)\n$/);
});
