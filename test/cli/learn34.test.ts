// The course's initialisation exercise on the command line: train's diagnosis of a zero-initialised
// network names the layer whose units stayed equal (it advised "a larger network").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backprop, ROOT } from '../helpers/cli.js';

test('train --init zeros: the diagnosis says the hidden units are all the same, and to start from random weights', () => {
  const r = backprop(['train', '--data', 'circles', '--layers', '10,5', '--init', 'zeros', '--lr', '0.01', '--epochs', '50']);
  assert.equal(r.code, 0, r.stderr);
  const line = r.stdout.split('\n').find((l) => l.includes('high bias')) ?? '';
  assert.ok(line?.includes('high bias: the 10 units of hidden layer 1 are all the same'), r.stdout);
  assert.ok(line.endsWith("start from random weights (init 'he', 'xavier' or 'normal')") && !line.includes('larger network'), line);
  assert.match(r.stderr, /layer 1 starts with all-zero weights: its units stay identical/);
});

test('inspect --forward (beside its --backward) says where the forward pass is', () => {
  const r = backprop(['inspect', '--model', 'examples/notes/binary.json', '--data', 'examples/notes/binary.csv', '--forward'], { cwd: ROOT });
  assert.equal(r.code, 2, r.stdout);
  assert.equal(r.stderr.trim(), "backprop: error: unknown option '--forward' (the forward pass is printed for one example of --data (--example n); --backward adds the backward pass)");
});
