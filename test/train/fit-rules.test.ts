// Stopping rules, histories, callbacks, divergence, reproducibility, regularization and dropout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Network, fit, synthetic, DivergenceError, Matrix, learningRateAt } from '../../src/index.js';
import { explodingRegression } from './exploding.js';

const small = () => new Network({ inputSize: 2, seed: 4, layers: [{ units: 8, activation: 'relu' }, { units: 1, activation: 'sigmoid' }] });

test('early stopping on validation cost stops and restores the best weights', () => {
  const train = synthetic('gaussians', { seed: 1, noise: 1, samples: 60 });
  const val = synthetic('gaussians', { seed: 2, noise: 1, samples: 200 });
  const big = new Network({ inputSize: 2, seed: 1, layers: [{ units: 64, activation: 'relu' }, { units: 64, activation: 'relu' }, { units: 1, activation: 'sigmoid' }] });
  const h = fit(big, train.X, train.Y, { epochs: 3000, learningRate: 0.01, optimizer: 'adam', validationData: val, earlyStopping: { patience: 20, minDelta: 1e-4 } });
  assert.equal(h.stopReason, 'earlyStopping');
  assert.ok(h.epoch.length < 3000);
  const best = Math.min(...h.valCost);
  assert.equal(h.valCost[h.bestEpoch - 1], best);
  assert.ok(Math.abs(big.evaluateCost(val.X, val.Y) - best) < 1e-6, 'the network holds the best epoch weights');
});

test('the best weights are restored also when training runs out of epochs', () => {
  const d = synthetic('xor', { seed: 1, samples: 100 });
  const net = small();
  // validation on the flipped labels: the better the network fits the training set, the worse it does there,
  // so the last epoch is far from the best (its cost about 4x the best's)
  const flipped = { X: d.X, Y: d.Y.map((v) => 1 - v) };
  const h = fit(net, d.X, d.Y, { epochs: 60, learningRate: 0.5, validationData: flipped, earlyStopping: { patience: 1000 } });
  assert.equal(h.stopReason, 'epochs');
  assert.ok(h.valCost[59]! > 2 * Math.min(...h.valCost), `last epoch's cost ${h.valCost[59]} against the best ${Math.min(...h.valCost)}`);
  assert.ok(Math.abs(net.evaluateCost(flipped.X, flipped.Y) - Math.min(...h.valCost)) < 1e-6);
  assert.equal(h.valCost[h.bestEpoch - 1], Math.min(...h.valCost));
});

test('stop when the cost is below epsilon; callbacks can stop; histories are recorded', () => {
  const d = synthetic('gaussians', { seed: 3, samples: 100, noise: 0 });
  const batches: number[] = [];
  const h = fit(small(), d.X, d.Y, {
    epochs: 500, learningRate: 0.1, batchSize: 25, stopWhenCostBelow: 0.05, recordEvery: 10, recordGradientNorms: true,
    onBatchEnd: (b) => batches.push(b.iteration),
  });
  assert.equal(h.stopReason, 'epsilon');
  assert.ok(h.cost[h.cost.length - 1]! < 0.05);
  assert.equal(batches.length, h.epoch.length * 4);
  assert.equal(h.iterations[1]!.iteration, 10);
  assert.equal(h.gradientNorms.length, h.epoch.length);
  assert.equal(h.gradientNorms[0]!.length, 2);
  assert.ok(h.gradientNorms[0]!.every((v) => v > 0));
  const h2 = fit(small(), d.X, d.Y, { epochs: 50, onEpochEnd: (e) => e.epoch < 3 });
  assert.equal(h2.stopReason, 'callback');
  assert.equal(h2.epoch.length, 3);
});

test('a diverging run stops with an error naming the epoch, keeping the last finite weights', () => {
  const X = Matrix.from([[1, 2, 3, 4], [100, -200, 300, -400]]);
  const Y = Matrix.row([1, 2, 3, 4]);
  const net = new Network({ inputSize: 2, seed: 1, layers: [{ units: 1, activation: 'linear' }] });
  assert.throws(() => fit(net, X, Y, { epochs: 100, learningRate: 10 }), (e: Error) => {
    assert.ok(e instanceof DivergenceError);
    assert.match(e.message, /diverged at epoch \d+ .*smaller learning rate/);
    return true;
  });
  assert.ok(net.W(1).data.every(Number.isFinite));
});

test('the same seed gives the same run bit for bit', () => {
  const d = synthetic('spiral', { seed: 1, samples: 100 });
  const run = () => {
    const net = new Network({ inputSize: 2, seed: 9, layers: [{ units: 8, activation: 'relu', keepProb: 0.8 }, { units: 1, activation: 'sigmoid' }] });
    const h = fit(net, d.X, d.Y, { epochs: 5, batchSize: 10, learningRate: 0.1, optimizer: 'adam' });
    return [...h.cost, ...net.W(1).data];
  };
  assert.deepEqual(run(), run());
});

test('L2 shrinks weights; dropout is active in training only; zero init warns', () => {
  const d = synthetic('circle', { seed: 1, samples: 100 });
  const norm = (l2: number) => {
    const net = new Network({ inputSize: 2, seed: 2, l2, layers: [{ units: 8, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }] });
    fit(net, d.X, d.Y, { epochs: 100, learningRate: 0.3 });
    return net.W(1).norm();
  };
  assert.ok(norm(5) < norm(0) * 0.8);
  const net = new Network({ inputSize: 2, seed: 2, layers: [{ units: 50, activation: 'relu', keepProb: 0.5 }, { units: 1, activation: 'sigmoid' }] });
  const a = net.forward(d.X).clone();
  assert.deepEqual(net.forward(d.X).data, a.data);
  net.forward(d.X, { training: true });
  const A1 = net.cache.A[1]!;
  const zeros = A1.data.filter((v) => v === 0).length;
  assert.ok(zeros > A1.data.length * 0.5, 'about half the units are dropped (and the ReLU zeros)');
  const warnings: string[] = [];
  new Network({ inputSize: 2, init: 'zeros', warn: (m) => warnings.push(m), layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }] });
  assert.match(warnings[0]!, /layer 1 .*all-zero weights.*symmetry/);
});

test('learning-rate schedules', () => {
  assert.equal(learningRateAt(0.1, { type: 'exponential', rate: 0.95 }, 2), 0.1 * 0.95 * 0.95);
  assert.equal(learningRateAt(0.1, { type: 'step', dropRate: 0.5, every: 10 }, 25), 0.025);
  assert.equal(learningRateAt(0.1, { type: 'inverseTime', decayRate: 1 }, 3), 0.025);
  assert.equal(learningRateAt(0.1, { type: 'inverseTime', decayRate: 1, every: 2 }, 3), 0.05);
  const d = synthetic('gaussians', { seed: 1, samples: 50 });
  const h = fit(small(), d.X, d.Y, { epochs: 3, learningRate: 0.2, schedule: { type: 'inverseTime', decayRate: 1 } });
  assert.deepEqual(h.learningRate, [0.2, 0.1, 0.2 / 3]);
});

test('a decay factor above 1 (a learning rate that grows) is refused, naming it and the range; 1 is a constant rate', () => {
  const d = synthetic('gaussians', { seed: 1, samples: 50 });
  assert.throws(() => fit(small(), d.X, d.Y, { epochs: 1, schedule: { type: 'exponential', rate: 5 } }), /^OptionError: learning-rate schedule exponential: rate must be in \(0, 1\] .*above 1 it grows instead of decaying\), got 5$/);
  assert.throws(() => fit(small(), d.X, d.Y, { epochs: 1, schedule: { type: 'step', dropRate: 2, every: 3 } }), /step: dropRate must be in \(0, 1\]/);
  assert.deepEqual(fit(small(), d.X, d.Y, { epochs: 2, learningRate: 0.2, schedule: { type: 'exponential', rate: 1 } }).learningRate, [0.2, 0.2]);
});

test('the course notation is readable: parameters, cache and gradients', () => {
  const net = new Network({ inputSize: 3, layers: [{ units: 4, activation: 'relu' }, { units: 2, activation: 'softmax' }] });
  const p = net.parameters();
  assert.deepEqual(Object.keys(p), ['W1', 'b1', 'W2', 'b2']);
  assert.deepEqual(p.W1!.shape, [4, 3]);
  assert.deepEqual(p.b2!.shape, [2, 1]);
  const X = Matrix.from([[1, 2], [3, 4], [5, 6]]);
  net.forward(X);
  net.backward(net.prepareTargets([0, 1]));
  const { Z, A } = net.cache;
  const g = net.gradients;
  assert.deepEqual(Z[1]!.shape, [4, 2]);
  assert.equal(A[0], X);
  assert.deepEqual(g.dW[2]!.shape, [2, 4]);
  assert.deepEqual(g.dA[1]!.shape, [4, 2]);
  assert.deepEqual(net.inputGradient().shape, [3, 2]);
  assert.throws(() => net.forward(Matrix.zeros(2, 5)), /X is 2 x 5 but the network expects 3 features/);
  assert.throws(() => net.prepareTargets(Matrix.zeros(3, 2)), /Y is 3 x 2 but the output layer has 2 units/);
});

test('a cost that explodes but stays finite is divergence too: it stops, says so, and keeps the last sound weights', () => {
  const { X, Y, net } = explodingRegression();
  const costs: number[] = [];
  assert.throws(() => fit(net, X, Y, { epochs: 200, learningRate: 0.01, onEpochEnd: (e) => { costs.push(e.cost); } }), (e: unknown) => {
    assert.ok(e instanceof DivergenceError);
    assert.match(e.message, /training diverged at epoch \d+ \(iteration \d+\): the cost rose from [\d.e+]+ to [\d.e+]+; try a smaller learning rate than 0\.01/);
    return true;
  });
  assert.ok(costs.length > 0 && costs.every(Number.isFinite));
  assert.ok(Math.max(...costs) <= 1e4 * Math.max(costs[0]!, 1), 'no epoch past the threshold was accepted');
  assert.ok(Number.isFinite(net.evaluateCost(X, Y)), 'the network holds the weights of the last accepted epoch');
});

test('a last step that overflows the weights is caught too: the weights of the last sound epoch are kept', () => {
  const d = synthetic('xor', { seed: 1, samples: 100 });
  const net = small();
  const before = net.snapshot();
  // one epoch, one full-batch step: no later cost would see the overflowed weights
  assert.throws(() => fit(net, d.X, d.Y, { epochs: 1, learningRate: 1e300 }), (e: unknown) => {
    assert.ok(e instanceof DivergenceError);
    assert.match(e.message, /epoch 1 \(iteration 1\): the weights became infinite or NaN/);
    return true;
  });
  net.layers.forEach((layer, i) => {
    assert.deepEqual(Array.from(layer.W.data), Array.from(before.W[i]!.data), `W[${i + 1}] is back to the initial weights`);
    assert.deepEqual(Array.from(layer.b.data), Array.from(before.b[i]!.data));
  });
});

test('divergenceBaseline: fit called an epoch at a time measures divergence from the run\'s first cost', () => {
  const { X, Y, net } = explodingRegression();
  const first = net.evaluateCost(X, Y);
  let epochs = 0;
  assert.throws(() => {
    for (; epochs < 200; epochs++) fit(net, X, Y, { epochs: 1, learningRate: 0.01, divergenceBaseline: first });
  }, (e: unknown) => {
    // without the baseline each call compares with its own first cost: the explosion is only
    // caught two epochs later, when the cost overflows to Infinity
    assert.ok(e instanceof DivergenceError);
    assert.match(e.message, /the cost rose from 339100 to /);
    return true;
  });
  assert.ok(epochs <= 1, `stopped after ${epochs} epochs`);
});

test("numbering: with full batch, history.cost[i] is the course's 'cost after iteration i', the cost of the weights after i updates", () => {
  const d = synthetic('flower');
  const make = () => new Network({ inputSize: 2, dtype: 'float64', init: 'normal', seed: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }] });
  const infos: { epoch: number; firstIteration: number; steps: number; cost: number }[] = [];
  const h = fit(make(), d.X, d.Y, { epochs: 6, learningRate: 1.2, onEpochEnd: (e) => { infos.push(e); } });
  assert.deepEqual(h.iteration, [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(infos.map((e) => [e.epoch, e.firstIteration, e.steps]), [[1, 0, 1], [2, 1, 1], [3, 2, 1], [4, 3, 1], [5, 4, 1], [6, 5, 1]]);
  for (const i of [0, 3, 5]) {
    const net = make();
    if (i > 0) fit(net, d.X, d.Y, { epochs: i, learningRate: 1.2 });
    assert.equal(net.evaluateCost(d.X, d.Y), h.cost[i], `cost after ${i} updates`);
  }
});

test('numbering: with mini-batches, epoch e covers iterations (e-1)·B .. e·B - 1', () => {
  const d = synthetic('gaussians', { seed: 3, samples: 100 });
  const h = fit(small(), d.X, d.Y, { epochs: 3, learningRate: 0.1, batchSize: 30, recordEvery: 1 });
  assert.deepEqual(h.iteration, [0, 4, 8]);
  assert.equal(h.iterationsRun, 12);
  assert.deepEqual(h.iterations.map((it) => it.iteration), [...Array(12).keys()]);
  // the epoch's cost is the size-weighted mean of its steps' costs
  const first = h.iterations.slice(0, 4).map((it) => it.cost);
  assert.ok(Math.abs(h.cost[0]! - (30 * (first[0]! + first[1]! + first[2]!) + 10 * first[3]!) / 100) < 1e-6);
});
