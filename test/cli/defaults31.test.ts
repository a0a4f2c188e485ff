// A run on the course's defaults (batch gradient descent at 0.0075) that the diagnosis finds slow says so,
// with the start scikit-learn's MLP and Keras use: on optdigits the defaults reached 50% test accuracy where
// those options reach 95%, and nothing in the output pointed there. A run that typed its optimizer, learning
// rate or batch size is not told.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backprop } from '../helpers/cli.js';

const NOTE = /^ {2}\(these are the course's defaults: batch gradient descent at learning rate 0\.0075; .*--optimizer adam --lr 0\.001 --batch-size 32 --standardize\)$/m;

test("a slow run on the course's defaults is pointed to scikit-learn's and Keras' start", () => {
  const r = backprop(['train', '--data', 'moons']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^diagnosis:$/m);
  assert.match(r.stdout, NOTE);
});

test('a run that chose its learning rate is not', () => {
  const r = backprop(['train', '--data', 'moons', '--lr', '0.0075']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^diagnosis:$/m);
  assert.doesNotMatch(r.stdout, /course's defaults/);
});
