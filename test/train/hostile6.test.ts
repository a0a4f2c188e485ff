// The library's training API against hostile arguments, sixth round: fit's epochs beyond the limit
// (1e12 ended Node with a fatal "invalid size error"), seeds that the generator silently folded
// (-1 was seed 1, 1.5 seed 1, 2^40 seed 0), switches and callbacks of the wrong type, and a string
// that looked like the number it spelled in "got ...". Each by one rule, before any step is run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix, MAX_EPOCHS, Network, fit, fitAsync, synthetic } from '../../src/index.js';
import { checkSpace, choice, floatRange } from '../../src/tune/space.js';
import { OptionError } from '../../src/errors.js';

const options = (extra: object = {}) => ({ inputSize: 2, seed: 1, layers: [{ units: 3, activation: 'relu' as const }, { units: 1, activation: 'sigmoid' as const }], ...extra });
const net = () => new Network(options());
const { X, Y } = synthetic('xor', { samples: 40 });
const refused = (fn: () => unknown, pattern: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof RangeError && pattern.test((e as Error).message), `expected a RangeError matching ${pattern}`);

test('fit refuses more epochs than MAX_EPOCHS before the first (1e12 grew the history until Node ended with a fatal error)', async () => {
  refused(() => fit(net(), X, Y, { epochs: 1e12 }), new RegExp(`^epochs must be at most ${MAX_EPOCHS}, got 1000000000000$`));
  refused(() => fit(net(), X, Y, { epochs: MAX_EPOCHS + 1 }), /^epochs must be at most 10000000/);
  await assert.rejects(fitAsync(net(), X, Y, { epochs: 1e15 }), /epochs must be at most 10000000/);
});

test('a seed the generator would fold is refused, in Network and in fit (-1 and 1.5 were seed 1, 2^40 seed 0, silently)', () => {
  for (const seed of [-1, 1.5, 2 ** 40, NaN, 'abc']) {
    refused(() => new Network(options({ seed })), /^seed must be a whole number from 0 to 4294967295, got /);
    refused(() => fit(net(), X, Y, { epochs: 1, seed: seed as number }), /^seed must be a whole number from 0 to 4294967295/);
  }
  refused(() => new Network(options({ seed: 'abc' })), /got "abc"$/);
  // the ends of the range are seeds
  assert.equal(new Network(options({ seed: 0 })).inputSize, 2);
  assert.equal(new Network(options({ seed: 2 ** 32 - 1 })).inputSize, 2);
});

test("a switch that is no boolean ({ shuffle: 'false' } shuffled), a callback that is no function, a bound that is no number, are refused by name", () => {
  refused(() => fit(net(), X, Y, { epochs: 1, shuffle: 'false' as never }), /^shuffle must be true or false \(or a function giving an epoch's order\), got "false"$/);
  refused(() => fit(net(), X, Y, { epochs: 1, restoreBestWeights: 1 as never }), /^restoreBestWeights must be true or false, got 1$/);
  refused(() => fit(net(), X, Y, { epochs: 1, recordGradientNorms: 'yes' as never }), /^recordGradientNorms must be true or false/);
  refused(() => fit(net(), X, Y, { epochs: 1, onEpochEnd: 'log' as never }), /^onEpochEnd must be a function, got a string$/);
  refused(() => fit(net(), X, Y, { epochs: 1, onBatchEnd: {} as never }), /^onBatchEnd must be a function, got an object$/);
  refused(() => fit(net(), X, Y, { epochs: 1, stopWhenCostBelow: '0.1' as never }), /^stopWhenCostBelow must be a finite number, got "0.1"$/);
  refused(() => fit(net(), X, Y, { epochs: 1, divergenceBaseline: NaN }), /^divergenceBaseline must be a finite number, got NaN$/);
  refused(() => new Network(options({ warn: 'console' })), /^warn must be a function that takes a message, got a string$/);
  // booleans and functions as documented still train
  const history = fit(net(), X, Y, { epochs: 2, shuffle: false, onEpochEnd: () => {} });
  assert.equal(history.epoch.length, 2);
});

test("a number given as a string is quoted in 'got' (units '3' said 'got 3', as if 3 were wrong)", () => {
  refused(() => new Network({ inputSize: 2, layers: [{ units: '3' as never, activation: 'relu' }] }), /^layer 1: units must be a whole number >= 1, got "3"$/);
  refused(() => new Network({ inputSize: '2' as never, layers: [{ units: 1, activation: 'sigmoid' }] }), /^inputSize must be a whole number >= 1, got "2"$/);
  refused(() => new Network(options({ l2: '0.1' })), /^l2 regularization strength must be a number >= 0, got "0.1"$/);
  refused(() => fit(net(), X, Y, { epochs: '5' as never }), /^epochs must be a whole number >= 1, got "5"$/);
  refused(() => fit(net(), X, Y, { epochs: 1, learningRate: '0.1' as never }), /^learningRate must be a positive number, got "0.1"$/);
  refused(() => fit(net(), X, Y, { epochs: 1, batchSize: 1.5 }), /^batchSize must be a whole number >= 1, got 1.5$/);
  assert.ok(new Matrix(1, 1));
});

test('a search choice that lists a value twice is refused, naming the dimension (1e-3|0.001 ran the same trial again)', () => {
  assert.throws(() => checkSpace({ learningRate: choice(0.001, 0.01, 0.001) }), (e: unknown) => e instanceof OptionError
    && (e as Error).message === 'learningRate: the choice lists 0.001 twice; give each value once' && (e as OptionError).field === 'learningRate');
  assert.throws(() => checkSpace({ layers: choice([16], [32, 16], [16]) }), /^OptionError: layers: the choice lists \[16\] twice/);
  checkSpace({ layers: choice([16], [16, 16]), learningRate: floatRange(1e-3, 1e-2) }); // different values
});
