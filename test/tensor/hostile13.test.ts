// Hostile input, thirteenth sweep: seeds. new Random(-1) took the absolute value, 1.5 its floor and
// 2^32 its remainder, so two seeds gave one stream, silently; trainTestSplit, synthetic,
// gradientCheck and kFolds passed their seed straight to it. A seed is now what numpy's
// np.random.seed takes, a whole number from 0 to 2^32 - 1, and every place a seed enters names itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../../src/tensor/random.js';
import { synthetic } from '../../src/data/synthetic.js';
import { trainTestSplit } from '../../src/data/split.js';
import { gradientCheck } from '../../src/nn/gradcheck.js';
import { Network } from '../../src/nn/network.js';
import { kFolds } from '../../src/tune/folds.js';
import { OptionError } from '../../src/errors.js';

const oneLine = (type: new (...a: never[]) => Error, pattern: RegExp) => (e: unknown) => e instanceof type && pattern.test(e.message) && !e.message.includes('\n');

test('new Random: a negative, fractional or too large seed is refused (-1 gave the stream of 1, 2^32 that of 0)', () => {
  for (const s of [-1, 1.5, 2 ** 32, 2 ** 53, Number.MAX_SAFE_INTEGER + 2]) {
    assert.throws(() => new Random(s), oneLine(RangeError, new RegExp(`^seed must be a whole number from 0 to 4294967295, got ${String(s).replace('+', '\\+')}`)), String(s));
  }
  assert.throws(() => new Random(1).seed(-3), oneLine(RangeError, /got -3/));
  // the bounds themselves are streams of their own, and numpy's
  assert.equal(new Random(0).random(), 0.5488135039273248);
  assert.notEqual(new Random(2 ** 32 - 1).random(), new Random(0).random());
});

test('every library option that seeds a generator names itself when the seed is no seed', () => {
  const data = synthetic('flower', { samples: 40 });
  assert.throws(() => trainTestSplit(data, { testFraction: 0.2, seed: -1 }), oneLine(OptionError, /^trainTestSplit: options\.seed must be a whole number from 0 to 4294967295, got -1$/));
  assert.throws(() => synthetic('flower', { seed: 0.5 }), oneLine(RangeError, /^synthetic: seed must be a whole number from 0 to 4294967295, got 0\.5$/));
  const net = new Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }], dtype: 'float64' });
  assert.throws(() => gradientCheck(net, data.X, data.Y, { seed: 2 ** 32 }), oneLine(RangeError, /^gradientCheck: options\.seed must be a whole number from 0 to 4294967295, got 4294967296$/));
  assert.throws(() => kFolds(data, 3, -2), oneLine(OptionError, /^kFolds: seed must be a whole number from 0 to 4294967295, got -2$/));
  // seeds in range still give distinct splits
  const a = trainTestSplit(data, { testFraction: 0.25, seed: 1 }).test.X.data, b = trainTestSplit(data, { testFraction: 0.25, seed: 2 }).test.X.data;
  assert.notDeepEqual(Array.from(a), Array.from(b));
});
