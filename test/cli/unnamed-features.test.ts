// Hostile input, fifteenth sweep (command line): a model that does not name its features read a CSV's
// columns by position without a word, so a label column among as many columns as inputs was an input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { backprop, tempDir } from '../helpers/cli.js';

test('predict with a model that does not name its features says which columns of a CSV with a header it reads as inputs', () => {
  const dir = tempDir();
  const m = path.join(dir, 'hand.json');
  writeFileSync(m, JSON.stringify({ format: 'backprop-model', version: 1, inputSize: 2, task: 'binary', layers: [{ units: 1, activation: 'sigmoid', W: [[1, -1]], b: [0.5] }] }));
  writeFileSync(path.join(dir, 'two.csv'), 'a,label\n1,0\n3,1\n');
  writeFileSync(path.join(dir, 'three.csv'), 'a,b,label\n1,2,0\n3,4,1\n');
  writeFileSync(path.join(dir, 'numbers.csv'), '1,2\n3,4\n');
  const two = backprop(['predict', '--model', m, '--data', 'two.csv'], { cwd: dir });
  assert.equal(two.code, 0, two.stderr);
  assert.match(two.stderr, /hand\.json does not name its features: columns a, label of two\.csv are read as its 2 inputs, in that order; a label column would be column 3/);
  const three = backprop(['predict', '--model', m, '--data', 'three.csv'], { cwd: dir });
  assert.equal(three.code, 0, three.stderr);
  assert.match(three.stderr, /columns a, b of three\.csv are read as its 2 inputs, in that order, and 'label' as the label/);
  // no header: nothing to say (the columns have no names to mistake)
  const numbers = backprop(['predict', '--model', m, '--data', 'numbers.csv'], { cwd: dir });
  assert.equal(numbers.code, 0, numbers.stderr);
  assert.doesNotMatch(numbers.stderr, /does not name its features/);
  // a model that names its features reads by name, without the note
  const trained = backprop(['train', '--data', 'three.csv', '--layers', 'none', '--epochs', '1', '--test-split', '0', '--save', 'named.json'], { cwd: dir });
  assert.equal(trained.code, 0, trained.stderr);
  const named = backprop(['predict', '--model', 'named.json', '--data', 'three.csv'], { cwd: dir });
  assert.equal(named.code, 0, named.stderr);
  assert.doesNotMatch(named.stderr, /does not name its features/);
});
