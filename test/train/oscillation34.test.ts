// detectOscillation, round 34: a run that falls most of the way back from its best without reaching its
// first loss (a deep network at a learning rate that suited its first epochs: 0.76 down to 0.003, then
// for thousands of epochs between 0.3 and 0.6) is said to be not going down; it was taken for noise
// around progress made, since it never went back up to 0.76.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectOscillation } from '../../src/index.js';

const down = (n: number) => Array.from({ length: n }, (_, i) => 0.76 * 0.85 ** i); // 0.76 down to 0.003 (35 epochs)

test('a loss that came down from 0.76 to 0.003 and then stays between 0.45 and 0.6 has fallen back: named with its numbers', () => {
  const losses = [...down(35), ...Array.from({ length: 40 }, (_, i) => (i % 2 ? 0.6 : 0.45))];
  const o = detectOscillation(losses);
  assert.ok(o);
  assert.equal(o.low, 0.45);
  assert.equal(o.high, 0.6);
  assert.equal(o.kind, 'fall back');
  assert.equal(o.message, 'The loss is not going down: in the last 20 epochs it stayed between 0.45 and 0.6, more than halfway back from its best 0.00303 to where it started (0.76): the training lost most of what it had learned.');
  // flat at 0.5, without a swing: fallen back all the same
  assert.ok(detectOscillation([...down(35), ...Array.from({ length: 40 }, () => 0.5)]));
});

test('noise after progress, a loss below halfway back, and a loss that never halved are not a fall back', () => {
  // back up to 0.3 at most: below halfway (0.38) from 0.003 to 0.76
  assert.equal(detectOscillation([...down(35), ...Array.from({ length: 40 }, (_, i) => (i % 2 ? 0.3 : 0.1))]), undefined);
  // one epoch of the window below halfway: not the whole window
  assert.equal(detectOscillation([...down(35), ...Array.from({ length: 40 }, (_, i) => (i === 30 ? 0.2 : 0.5))]), undefined);
  // 0.7 to 0.5 and stuck at 0.6: it never halved, so no progress was lost (stuck, not fallen back)
  assert.equal(detectOscillation([0.7, 0.6, 0.5, ...Array.from({ length: 40 }, () => 0.65)]), undefined);
});
