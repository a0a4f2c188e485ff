// Asynchronous successive halving.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AshaPruner } from '../../src/tune/pruners/asha.js';
import type { Trial } from '../../src/tune/trial.js';

const trial = (number: number, costs: number[]): Trial => ({ number, params: {}, state: 'running', intermediate: costs, epochs: costs.length });

test('rungs are at minEpochs * eta^k', () => {
  const p = new AshaPruner({ minEpochs: 2, eta: 3 });
  assert.deepEqual([1, 2, 3, 6, 7, 18].map((e) => p.rungOf(e)), [-1, 0, -1, 1, -1, 2]);
  assert.throws(() => new AshaPruner({ eta: 1 }), /eta must be > 1/);
});

test('by default the first rung is at maxEpochs / eta^2 (three rungs per full trial), else after one epoch', () => {
  assert.equal(new AshaPruner({ maxEpochs: 27 }).minEpochs, 3);
  assert.deepEqual([3, 9, 27].map((e) => new AshaPruner({ maxEpochs: 27 }).rungOf(e)), [0, 1, 2]);
  assert.equal(new AshaPruner({ maxEpochs: 20 }).minEpochs, 2);
  assert.equal(new AshaPruner({ maxEpochs: 100, eta: 4 }).minEpochs, 6);
  assert.equal(new AshaPruner({ maxEpochs: 5 }).minEpochs, 1);
  assert.equal(new AshaPruner().minEpochs, 1);
  assert.equal(new AshaPruner({ maxEpochs: 27, minEpochs: 1 }).minEpochs, 1);
});

test('a trial outside the best 1/eta of its rung is stopped; the first ones go on only as the best yet', () => {
  const p = new AshaPruner({ minEpochs: 1, eta: 3 });
  const first = trial(0, [0.5]);
  assert.equal(p.shouldPrune(first, 1, [first]), false);
  const worse = trial(1, [0.9]);
  assert.equal(p.shouldPrune(worse, 1, [first, worse]), true);
  const others = [0.1, 0.2, 0.3, 0.4, 0.6].map((c, i) => trial(i + 2, [c]));
  // 7 values at the rung: the best floor(7/3) = 2 go on
  const second = trial(9, [0.15]);
  assert.equal(p.shouldPrune(second, 1, [first, worse, ...others, second]), false);
  const third = trial(10, [0.25]);
  assert.equal(p.shouldPrune(third, 1, [first, worse, ...others, second, third]), true);
  assert.equal(p.shouldPrune(trial(11, [0.9, 0.8]), 2, []), false); // epoch 2 is no rung
  assert.equal(p.shouldPrune(trial(12, [NaN]), 1, []), true); // a NaN cost stops at once
});
