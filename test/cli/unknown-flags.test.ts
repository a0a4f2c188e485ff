// An unknown flag is named even when a required option is missing too: commander checks the required
// options first, so `predict --model m.json --image cat.jpg` said that --data was missing and that
// 'cat.jpg' had no option name, never that --image is not a flag. Another tool's name for a flag is
// answered with ours before a prefix is (--image: --data, not --image-size).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backprop } from '../helpers/cli.js';
import { flagMeant } from '../../src/cli/main.js';

test('predict --image names the unknown flag and means --data', () => {
  const r = backprop(['predict', '--model', 'm.json', '--image', 'cat.jpg']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trim(), "backprop: error: unknown option '--image' (Did you mean --data?)");
});

test('an unknown flag with no likely meaning is named alone, before the missing required option', () => {
  const r = backprop(['predict', '--model', 'm.json', '--pixture', 'cat.jpg']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trim(), "backprop: error: unknown option '--pixture'");
});

test('a value without its option name, and no unknown flag, is still answered with the flag to write', () => {
  const r = backprop(['predict', 'cat.jpg', '--model', 'm.json']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /'cat\.jpg' was given without an option name \(write --data cat\.jpg\)/);
});

test('global options and negated switches are not taken for unknown flags', () => {
  const r = backprop(['--backend', 'js', 'train', '--no-header', '--epochs', '1']);
  assert.equal(r.code, 2);
  assert.doesNotMatch(r.stderr, /unknown option/);
});

test('a synonym is preferred to a prefix; a unique prefix still counts', () => {
  assert.equal(flagMeant('--image', ['--data', '--image-size', '--model']), '--data');
  assert.equal(flagMeant('--epo', ['--epochs', '--data']), '--epochs');
  assert.equal(flagMeant('--batch', ['--batch-size']), '--batch-size');
  assert.equal(flagMeant('--zzzz', ['--data']), undefined);
});

test("the course's parameter names are answered with our flags, and --alpha with both of its meanings", () => {
  const longs = ['--epochs', '--layers', '--l2', '--batch-size', '--print-every', '--lr'];
  const meant = Object.fromEntries(['--num_iterations', '--lambd', '--layers_dims', '--mini_batch_size', '--print_cost'].map((f) => [f, flagMeant(f, longs)]));
  assert.deepEqual(meant, { '--num_iterations': '--epochs', '--lambd': '--l2', '--layers_dims': '--layers', '--mini_batch_size': '--batch-size', '--print_cost': '--print-every' });
  const r = backprop(['train', '--data', 'moons', '--alpha', '0.1']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trim(), "backprop: error: unknown option '--alpha' (the course's α, the learning rate, is --lr; scikit-learn's alpha, the L2 penalty, is --l2)");
});
