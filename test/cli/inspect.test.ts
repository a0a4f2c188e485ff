import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { backprop, tempDir } from '../helpers/cli.js';

test('inspect shows shapes and parameter counts, and the forward pass of one example with its numbers', () => {
  const dir = tempDir();
  const model = path.join(dir, 'm.json');
  // the course's 3-input example: hidden sigmoid units, then one sigmoid output
  writeFileSync(model, JSON.stringify({
    format: 'backprop-model', version: 1, inputSize: 3, task: 'binary', dtype: 'float64',
    layers: [
      { units: 3, activation: 'sigmoid', W: [[1.2, 0.9, 0.3], [0.2, 0.3, 0.1], [1.3, 1.9, 0.1]], b: [0.1, 0.1, 0.1] },
      { units: 1, activation: 'sigmoid', W: [[0.2, 0.6, 0.2]], b: [0.1] },
    ],
  }));
  const data = path.join(dir, 'x.csv');
  writeFileSync(data, 'x1,x2,x3\n0.2,0.5,-0.9\n');
  const r = backprop(['inspect', '--model', model, '--data', data, '--weights']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^1 +3 +sigmoid +3 x 3 +3 x 1 +12$/m);
  assert.match(r.stdout, /total parameters: 16/);
  assert.match(r.stdout, /z\[1\] = W\[1\]·a\[0\] \+ b\[1\] = \[0\.5200, 0\.2000, 1\.2200\]/);
  assert.match(r.stdout, /a\[1\] = sigmoid\(z\[1\]\) = \[0\.6271, 0\.5498, 0\.7721\]/);
  assert.match(r.stdout, /a\[2\] = sigmoid\(z\[2\]\) = \[0\.6703\]/);
  assert.match(r.stdout, /W\[2\] \(1 x 3\):\n  \[0\.2000, 0\.6000, 0\.2000\]/);
  const bad = backprop(['inspect', '--model', model, '--data', data, '--example', '5']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--example 5: .* has 1 examples/);
});
