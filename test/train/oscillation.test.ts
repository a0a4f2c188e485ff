// detectOscillation: a loss that bounces back to where it started instead of going down (a
// learning rate too large for fit's divergence check to catch), told apart from progress, from
// mini-batch noise around a loss that came down, and from a loss stuck where it started.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Network, fit, synthetic, detectOscillation } from '../../src/index.js';

/** 0.7, then `n` values from `f(i)`. */
const series = (n: number, f: (i: number) => number) => [0.7, ...Array.from({ length: n }, (_, i) => f(i))];

test('a loss that bounces between 0.7 and 6.3 is an oscillation, named with its numbers', () => {
  const losses = series(40, (i) => (i % 3 === 0 ? 6.3 : i % 3 === 1 ? 0.9 : 2.4));
  const o = detectOscillation(losses);
  assert.ok(o);
  assert.equal(o.window, 20);
  assert.equal(o.length, 41);
  assert.equal(o.first, 0.7);
  assert.equal(o.low, 0.9);
  assert.equal(o.high, 6.3);
  assert.equal(o.best, 0.7);
  assert.equal(o.message, 'The loss is not going down: in the last 20 epochs it stayed above its best 0.7, swung between 0.9 and 6.3, and went back up to where it started (0.7).');
});

test('progress, mini-batch noise after progress, a loss stuck where it started and a short series are not oscillations', () => {
  assert.equal(detectOscillation(series(100, (i) => 0.7 * 0.97 ** i)), undefined, 'going down');
  // after coming down to 0.02, noise between 0.02 and 0.15: a new low is rare, but it never goes back to 0.7
  assert.equal(detectOscillation([...series(30, (i) => 0.7 * 0.9 ** i), ...Array.from({ length: 40 }, (_, i) => (i % 5 === 0 ? 0.15 : 0.05))]), undefined, 'noise after progress');
  assert.equal(detectOscillation(series(60, (i) => 0.7 + (i % 2) * 0.01)), undefined, 'stuck at the start (too small a learning rate)');
  assert.equal(detectOscillation(series(19, () => 6.3)), undefined, 'fewer losses than the window');
  assert.equal(detectOscillation(series(40, (i) => (i === 39 ? NaN : i % 2 ? 6.3 : 0.9))), undefined, 'NaN is divergence, not this');
  // a new low inside the window is progress, even among swings
  assert.equal(detectOscillation(series(40, (i) => (i === 35 ? 0.5 : i % 2 ? 6.3 : 0.9))), undefined);
});

test('the window and the swing can be set; bad values are refused', () => {
  const losses = series(12, (i) => (i % 2 ? 1.2 : 0.8));
  assert.equal(detectOscillation(losses), undefined, 'shorter than 20 + 1');
  assert.ok(detectOscillation(losses, { window: 10 }));
  assert.equal(detectOscillation(losses, { window: 10, swing: 1 }), undefined, '1.2 - 0.8 is less than 100% of 0.7');
  assert.throws(() => detectOscillation(losses, { window: 1 }), /window must be a whole number >= 2, got 1/);
  assert.throws(() => detectOscillation(losses, { swing: -1 }), /swing must be a number >= 0, got -1/);
});

test('on fit\'s history: the circle at learning rate 10 oscillates, at 0.1 it does not', () => {
  const d = synthetic('circle', { samples: 200, seed: 1, noise: 0 });
  const run = (learningRate: number) => {
    const net = new Network({ inputSize: 2, seed: 1, layers: [{ units: 4, activation: 'tanh' }, { units: 2, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], warn: () => {} });
    return fit(net, d.X, d.Y, { epochs: 150, batchSize: 10, learningRate, seed: 1 }).cost;
  };
  const bouncing = run(10);
  const o = detectOscillation(bouncing);
  assert.ok(o, `lr 10: ${bouncing.slice(-20).map((v) => v.toFixed(2)).join(' ')}`);
  assert.ok(o.high >= o.first && o.low >= o.best);
  assert.equal(detectOscillation(run(0.1)), undefined);
});
