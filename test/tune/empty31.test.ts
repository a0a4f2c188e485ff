// An empty search space, and a loss listed twice by two names, is answered in the caller's terms with an example: the library's message spoke of
// flags (a|b|c, lo..hi), which a spec object has not, and the command line's gave no example to copy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { choice, synthetic, tune, OptionError } from '../../src/node.js';
import { backprop } from '../helpers/cli.js';

test('tune() with no dimension names the spec fields and the dimension helpers', async () => {
  await assert.rejects(tune({ spec: { learningRate: 0.1 }, data: { train: synthetic('moons') } }), (e: Error) =>
    e instanceof OptionError && /^the search space is empty: give at least one field of the spec a dimension, e\.g\. \{ learningRate: floatRange\(1e-4, 0\.1, true\), layers: choice\(\[32\], \[64, 32\]\) \}$/.test(e.message));
});

test('backprop tune with no dimension shows flags to copy', () => {
  const r = backprop(['tune', '--data', 'moons', '--lr', '0.1']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trim(), "backprop: error: the search space is empty: give at least one option several values (a|b|c) or a range (lo..hi), e.g. --lr 1e-4..1e-1 --layers '32|64,32' --batch-size '32|64' (quote | in a shell), or --space FILE; see docs/tuning.md");
});

test('a loss by its name and its short name in one choice is one value listed twice', async () => {
  await assert.rejects(tune({ spec: { loss: choice('mse', 'meanSquaredError'), epochs: 1 }, data: { train: synthetic('moons') }, trials: 2 }), (e: Error) =>
    e instanceof OptionError && e.message === 'loss: the choice lists "meanSquaredError" twice ("mse" and "meanSquaredError" name the same loss); give each value once');
});
