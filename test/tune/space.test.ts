// The search space: checks, scales and the grid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSpace, choice, floatRange, fromUnit, gridOf, intRange, splitSpec, toUnit } from '../../src/tune/space.js';
import { OptionError } from '../../src/errors.js';

test('an empty space, lo > hi, a log range touching 0 and a fractional integer range are refused, naming the field', () => {
  assert.throws(() => checkSpace({}), (e: Error) => e instanceof OptionError && /search space is empty/.test(e.message));
  assert.throws(() => checkSpace({ learningRate: floatRange(0.1, 0.01) }), /learningRate: the range 0.1..0.01 has lo > hi/);
  assert.throws(() => checkSpace({ l2: floatRange(0, 0.1, true) }), /l2: a log-scale range must stay above 0/);
  assert.throws(() => checkSpace({ units: intRange(1.5, 4) }), /units: an integer range needs whole numbers/);
  assert.throws(() => checkSpace({ layers: choice() }), /layers: a choice needs at least one value/);
  checkSpace({ layers: choice([16], [32, 16]), learningRate: floatRange(1e-4, 1e-1, true) });
});

test('a log range is uniform in log x: the middle of 1e-4..1e-0 is 1e-2; an integer range reaches both ends', () => {
  const lr = floatRange(1e-4, 1, true);
  assert.ok(Math.abs(fromUnit(lr, 0.5) - 1e-2) < 1e-12);
  assert.ok(Math.abs(toUnit(lr, 1e-3) - 0.25) < 1e-12);
  const units = intRange(2, 5);
  const seen = new Set([0, 0.1, 0.3, 0.5, 0.7, 0.99].map((u) => fromUnit(units, u)));
  assert.deepEqual([...seen].sort(), [2, 3, 4, 5]);
});

test('splitSpec separates fixed fields from dimensions; the grid is every combination', () => {
  const { fixed, space } = splitSpec<{ epochs: number; layers: number[]; batchSize: number }>({ epochs: 20, layers: choice([16], [32, 16]), batchSize: choice(16, 32, 64) });
  assert.deepEqual(fixed, { epochs: 20 });
  assert.deepEqual(Object.keys(space), ['layers', 'batchSize']);
  const grid = gridOf(space);
  assert.equal(grid.length, 6);
  assert.equal(new Set(grid.map((p) => JSON.stringify(p))).size, 6);
  assert.throws(() => gridOf({ lr: floatRange(0.1, 1) }), /grid sampler needs a list of values/);
});
