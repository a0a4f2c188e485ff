// Hostile input, thirteenth sweep (training): what a user's callbacks return and the signal they
// give. onEpochEnd returning 'stop', 42 or (to fit, which does not wait) a Promise was taken as "go
// on", silently, the Promise's verdict and errors lost; a signal that is no AbortSignal failed on
// "signal?.throwIfAborted is not a function"; a fitAsync onEpochEnd that is no function was called.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fit, fitAsync } from '../../src/train/fit.js';
import { Network } from '../../src/nn/network.js';
import { synthetic } from '../../src/data/synthetic.js';

const data = synthetic('flower', { samples: 40 });
const net = () => new Network({ inputSize: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], seed: 1 });
const oneLine = (pattern: RegExp) => (e: unknown) => e instanceof RangeError && pattern.test(e.message) && !e.message.includes('\n');

test("onEpochEnd's verdict must be nothing, true or false: 'stop' and 42 are named", async () => {
  assert.throws(() => fit(net(), data.X, data.Y, { epochs: 3, onEpochEnd: (() => 'stop') as never }), oneLine(/^onEpochEnd must return nothing, true \(go on\) or false \(stop training\), got "stop"$/));
  await assert.rejects(fitAsync(net(), data.X, data.Y, { epochs: 3, onEpochEnd: (async () => 42) as never }), oneLine(/got 42$/));
  // the ones that mean something still do
  assert.equal(fit(net(), data.X, data.Y, { epochs: 5, onEpochEnd: (i) => i.epoch < 2 }).epoch.length, 2);
  assert.equal(fit(net(), data.X, data.Y, { epochs: 3, onEpochEnd: () => true }).epoch.length, 3);
});

test('fit: an onEpochEnd that returns a Promise is refused (fit does not wait: its verdict was lost)', () => {
  assert.throws(() => fit(net(), data.X, data.Y, { epochs: 3, onEpochEnd: (async () => false) as never }), oneLine(/^fit: onEpochEnd returned a Promise, which fit does not wait for .*use fitAsync/));
});

test('fitAsync: a signal that is no AbortSignal, and an onEpochEnd that is no function, are named before training', async () => {
  await assert.rejects(fitAsync(net(), data.X, data.Y, { epochs: 1, signal: { aborted: true } as never }), oneLine(/^fitAsync: signal must be an AbortSignal \(new AbortController\(\)\.signal, or AbortSignal\.timeout\(ms\)\), got an object/));
  await assert.rejects(fitAsync(net(), data.X, data.Y, { epochs: 1, signal: 'stop' as never }), oneLine(/^fitAsync: signal must be an AbortSignal/));
  await assert.rejects(fitAsync(net(), data.X, data.Y, { epochs: 1, onEpochEnd: 5 as never }), oneLine(/^fitAsync: onEpochEnd must be a function, got 5|^fitAsync: onEpochEnd must be a function/));
  // an AbortSignal, aborted before: no epoch runs
  let epochs = 0;
  await assert.rejects(fitAsync(net(), data.X, data.Y, { epochs: 3, signal: AbortSignal.abort(), onEpochEnd: () => { epochs++; } }), { name: 'AbortError' });
  assert.equal(epochs, 0);
});
