// detectPlateau: a loss that stays where it started (a learning rate too small, dead ReLU units,
// saturated sigmoids), told apart from a loss that comes down, even slowly, and from a short
// series; unitActivity: the dead ReLU and saturated sigmoid/tanh units that cause it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Network, Matrix, fit, synthetic, detectPlateau, unitActivity } from '../../src/index.js';

/** 0.7, then `n` values from `f(i)`. */
const series = (n: number, f: (i: number) => number) => [0.7, ...Array.from({ length: n }, (_, i) => f(i))];

test('a loss within 1% of its start for 50 epochs is a plateau, named with its numbers', () => {
  const p = detectPlateau(series(50, (i) => 0.7 - 0.0001 * i));
  assert.ok(p);
  assert.equal(p.epochs, 50);
  assert.equal(p.first, 0.7);
  assert.equal(p.high, 0.7);
  assert.ok(Math.abs(p.low - 0.6951) < 1e-12);
  assert.ok(Math.abs(p.change - 0.0049 / 0.7) < 1e-12);
  assert.equal(p.message, 'The loss has not moved from where it started: in 50 epochs it stayed between 0.695 and 0.7, within 0.7% of 0.7.');
});

test('progress, a slow but real descent, one epoch that moved, a short series and NaN are not plateaus', () => {
  assert.equal(detectPlateau(series(100, (i) => 0.7 * 0.97 ** i)), undefined, 'going down');
  assert.equal(detectPlateau(series(60, (i) => 0.7 - 0.0002 * i)), undefined, '1.7% down in 60 epochs: slow, not stuck');
  assert.equal(detectPlateau(series(60, (i) => (i === 5 ? 0.6 : 0.7))), undefined, 'it moved once (then came back: not this)');
  assert.equal(detectPlateau(series(49, () => 0.7)), undefined, 'fewer than 50 epochs');
  assert.equal(detectPlateau(series(60, (i) => (i === 59 ? NaN : 0.7))), undefined, 'NaN is divergence');
  assert.equal(detectPlateau([0, ...Array(60).fill(0)]), undefined, 'a loss of 0 has nothing left to learn');
  assert.ok(detectPlateau(series(60, (i) => 0.7 + (i % 2) * 0.005)), 'up and down by less than 1%');
});

test('the window and the tolerance can be set; bad values are refused', () => {
  const losses = series(10, (i) => 0.7 - 0.003 * i); // down 3.9% in 10 epochs
  assert.equal(detectPlateau(losses), undefined, 'shorter than 50 + 1');
  assert.equal(detectPlateau(losses, { window: 10 }), undefined, 'moved more than 1%');
  assert.ok(detectPlateau(losses, { window: 10, tolerance: 0.05 }));
  assert.throws(() => detectPlateau(losses, { window: 0 }), /window must be a whole number >= 1, got 0/);
  assert.throws(() => detectPlateau(losses, { tolerance: -1 }), /tolerance must be a number >= 0, got -1/);
});

test('on fit\'s history: the circle at learning rate 1e-5 is stuck, at 0.1 it is not', () => {
  const d = synthetic('circle', { samples: 200, seed: 1, noise: 0 });
  const run = (learningRate: number) => {
    const net = new Network({ inputSize: 2, seed: 1, layers: [{ units: 4, activation: 'tanh' }, { units: 2, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], warn: () => {} });
    return fit(net, d.X, d.Y, { epochs: 80, batchSize: 10, learningRate, seed: 1 }).cost;
  };
  const flat = detectPlateau(run(1e-5));
  assert.ok(flat);
  assert.ok(flat.change < 0.01);
  assert.equal(detectPlateau(run(0.1)), undefined);
});

test('unitActivity counts the dead ReLU units and the saturated sigmoid and tanh units of each hidden layer', () => {
  const X = new Matrix(2, 3, Float64Array.from([1, -2, 0.5, 2, 1, -1]), 'float64');
  const net = new Network({ inputSize: 2, seed: 1, dtype: 'float64', warn: () => {},
    layers: [{ units: 3, activation: 'relu' }, { units: 2, activation: 'sigmoid' }, { units: 2, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }] });
  net.setWeights([
    // unit 1 alive; unit 2 dead (bias -100); unit 3 alive on some points
    { W: [[1, 0], [0, 0], [0, 1]], b: [0, -100, 0] },
    // unit 1 saturated at 1 for every point (bias 50), unit 2 not
    { W: [[0, 0, 0], [1, 0, 0]], b: [50, 0] },
    // unit 1 saturated at -1, unit 2 at 0
    { W: [[0, 0], [0, 0]], b: [-20, 0] },
    { W: [[1, 1]], b: [0] },
  ]);
  assert.deepEqual(unitActivity(net, X), [
    { l: 1, activation: 'relu', units: 3, dead: 1, saturated: 0 },
    { l: 2, activation: 'sigmoid', units: 2, dead: 0, saturated: 1 },
    { l: 3, activation: 'tanh', units: 2, dead: 0, saturated: 1 },
  ]);
  // a unit that is 0 on most points but not all is alive
  net.setWeights([{ W: [[1, 0], [1, 0], [1, 0]], b: [-0.9, -0.9, -0.9] }, ...net.layers.slice(1).map((l) => ({ W: l.W, b: l.b }))]);
  assert.equal(unitActivity(net, X)[0]!.dead, 0);
});
