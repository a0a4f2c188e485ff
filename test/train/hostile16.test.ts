// Hostile input, sixteenth sweep (library): fit's earlyStopping. { earlyStopping: true }, {} or
// { patince: 5 } was taken as early stopping without a patience: every epoch ran and it never
// stopped (restoring the best weights at the end); { monitor: 'loss' } watched the training cost,
// silently. One rule (train/early-stopping.ts) checks it for fit and for trainModel's spec.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Network } from '../../src/nn/network.js';
import { fit } from '../../src/train/fit.js';
import { synthetic } from '../../src/data/synthetic.js';

const { X, Y } = synthetic('flower', { samples: 40 });
const net = () => new Network({ inputSize: 2, seed: 1, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }] });
const train = (earlyStopping: unknown) => () => fit(net(), X, Y, { epochs: 3, earlyStopping } as never);
const refused = (f: () => unknown, pattern: RegExp) => assert.throws(f, (e: Error) => e instanceof RangeError && pattern.test(e.message) && !e.message.includes('\n'));

test('fit: earlyStopping is an object with a patience and known settings (true, {} and typos never stopped)', () => {
  refused(train(true), /^earlyStopping must be an object such as \{ patience: 10 \} .*got true$/);
  refused(train({}), /^earlyStopping\.patience is missing/);
  refused(train({ patince: 2, monitor: 'cost' }), /^earlyStopping: unknown option 'patince' \(did you mean 'patience'\?\); the options are patience, minDelta, monitor$/);
  refused(train({ patience: 2, monitor: 'loss' }), /^earlyStopping\.monitor must be 'valCost' or 'cost', got "loss"$/);
  refused(train({ patience: 0 }), /^earlyStopping\.patience must be a whole number from 1 to/);
  refused(train({ patience: 2, minDelta: '0' }), /^earlyStopping\.minDelta must be a number >= 0, got "0"$/);
  // the settings that fit still train; false is none
  assert.equal(train({ patience: 2, monitor: 'cost', minDelta: 0 })().epoch.length, 3);
  assert.equal(train(false)().stopReason, 'epochs');
});

test('learningRateAt refuses an epoch that is no whole number >= 0 and a starting rate that is no positive number (NaN came back, silently)', async () => {
  const { learningRateAt } = await import('../../src/optim/schedules.js');
  assert.throws(() => learningRateAt(0.1, { type: 'exponential', rate: 0.9 }, NaN), /^OptionError: learningRateAt: epoch must be a whole number >= 0 \(the epochs done; 0 for the first\), got NaN$/);
  assert.throws(() => learningRateAt(0.1, undefined, -1), /epoch must be a whole number >= 0/);
  assert.throws(() => learningRateAt(Number.NaN, undefined, 0), /^OptionError: learningRateAt: alpha0 must be a positive number/);
  assert.equal(learningRateAt(0.1, { type: 'step', dropRate: 0.5, every: 2 }, 4), 0.025);
});
