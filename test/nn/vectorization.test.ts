// The vectorization benchmark's two forms compute the same step (its timing is in bench/, not here).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Network } from '../../src/index.js';
import { catShaped, loopStep, matrixStep } from '../../bench/vectorization.js';

test('a logistic-regression step with loops and in matrix form give the same cost and gradients', () => {
  const { X, Y, w } = catShaped(50, 13, 3);
  const net = new Network({ inputSize: 50, dtype: 'float64', layers: [{ units: 1, activation: 'sigmoid' }], init: 'zeros', warn: () => {} });
  net.W(1).data.set(w);
  net.b(1).data[0] = 0.2;
  const loop = loopStep(w, 0.2, X, Y.data), vec = matrixStep(net, X, Y);
  assert.ok(Math.abs(loop.cost - vec.cost) < 1e-12, `${loop.cost} vs ${vec.cost}`);
  assert.ok(Math.abs(loop.db - vec.db) < 1e-12);
  loop.dw.forEach((g, i) => assert.ok(Math.abs(g - vec.dw.data[i]!) < 1e-12, `dw[${i}]`));
});
