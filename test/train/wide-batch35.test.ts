// Full-batch gradient descent on wide data (n_x >= 2m) trains the first layer in the examples'
// coordinates (src/train/wide-batch.ts): the same run as on X itself, to float32 rounding, on every
// backend; and X itself wherever that would not be the same run (Adam, L2, dropout, callbacks,
// mini-batches, examples that repeat).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix, Network, fit, ops, Random, DivergenceError, type FitOptions, type LayerSpec } from '../../src/index.js';
import { initBackend, stopBackendThreads } from '../../src/kernels/init.js';
import { setWideBatch } from '../../src/train/wide-batch.js';
import { jsKernels } from '../../src/kernels/js/index.js';

after(() => stopBackendThreads());

/** n_x x m features in [0, 1) and labels from a hidden rule (k classes, or a real target). */
function wideData(nx: number, m: number, seed: number, k = 2): { X: Matrix; Y: Float32Array } {
  const rng = new Random(seed);
  const X = Matrix.zeros(nx, m);
  for (let i = 0; i < X.data.length; i++) X.data[i] = rng.random();
  const Y = new Float32Array(m);
  for (let j = 0; j < m; j++) {
    let s = 0;
    for (let i = 0; i < 10; i++) s += X.data[i * m + j]! - 0.5;
    Y[j] = k === 0 ? s : Math.max(0, Math.min(k - 1, Math.floor(((s + 1.5) / 3) * k)));
  }
  return { X, Y };
}

interface Run { cost: number[]; W: Float32Array[]; b: Float32Array[] }

function train(mode: 'auto' | 'never', nx: number, layers: LayerSpec[], X: Matrix, Y: Float32Array | Matrix, options: FitOptions, net0?: { l2?: number }): Run {
  setWideBatch(mode);
  try {
    const net = new Network({ inputSize: nx, seed: 7, layers, ...net0 });
    const h = fit(net, X, Y, options);
    return { cost: h.cost, W: net.layers.map((l) => Float32Array.from(l.W.data)), b: net.layers.map((l) => Float32Array.from(l.b.data)) };
  } finally {
    setWideBatch('auto');
  }
}

const relative = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let d = 0, n = 0;
  for (let k = 0; k < a.length; k++) { d += (a[k]! - b[k]!) ** 2; n += b[k]! ** 2; }
  return Math.sqrt(d / n);
};
const identical = (a: Run, b: Run) => a.cost.every((c, i) => c === b.cost[i]) && a.W.every((w, l) => w.every((v, k) => v === b.W[l]![k]));

/** The run on the examples' coordinates against the run on X: close, and not the same bits (so it was taken). */
function assertSameRun(nx: number, layers: LayerSpec[], X: Matrix, Y: Float32Array, options: FitOptions, tol = 2e-4): void {
  const direct = train('never', nx, layers, X, Y, options), wide = train('auto', nx, layers, X, Y, options);
  assert.ok(!identical(direct, wide), 'the examples\' coordinates were not used (the same bits as on X)');
  for (let e = 0; e < direct.cost.length; e++) {
    assert.ok(Math.abs(wide.cost[e]! - direct.cost[e]!) <= tol * Math.abs(direct.cost[e]!), `epoch ${e + 1}: cost ${wide.cost[e]} against ${direct.cost[e]} on X`);
  }
  direct.W.forEach((W, l) => {
    assert.ok(relative(wide.W[l]!, W) < 10 * tol, `W[${l + 1}] differs by ${relative(wide.W[l]!, W)} (relative)`);
    assert.ok(relative(wide.b[l]!, direct.b[l]!) < 10 * tol, `b[${l + 1}] differs by ${relative(wide.b[l]!, direct.b[l]!)} (relative)`);
  });
}

const relu = (units: number): LayerSpec => ({ units, activation: 'relu' });

for (const backend of ['js', 'wasm', 'wasm-threads'] as const) {
  test(`${backend}: the course's deep net shape, gradient descent and momentum: the same costs and weights as on X`, async () => {
    await initBackend(backend, { threads: 2 });
    const { X, Y } = wideData(900, 40, 1);
    const layers = [relu(12), relu(5), { units: 1, activation: 'sigmoid' as const }];
    assertSameRun(900, layers, X, Y, { epochs: 150, learningRate: 0.05 });
    assertSameRun(900, layers, X, Y, { epochs: 150, learningRate: 0.02, optimizer: 'momentum' });
  });
}

// (learning rates at which the runs are stable: where a cost swings, float32 runs on X itself differ
// from each other, by backend, about as much as from float64)
test('softmax over 3 classes, tanh and leaky relu, a regression and a single layer (logistic regression): the same run', async () => {
  await initBackend('wasm');
  const c = wideData(700, 30, 2, 3);
  assertSameRun(700, [{ units: 6, activation: 'tanh' }, { units: 3, activation: 'softmax' }], c.X, c.Y, { epochs: 120, learningRate: 0.03 });
  assertSameRun(700, [{ units: 6, activation: { name: 'leakyRelu', alpha: 0.1 } }, { units: 3, activation: 'softmax' }], c.X, c.Y, { epochs: 120, learningRate: 0.1 });
  const r = wideData(700, 30, 3, 0);
  assertSameRun(700, [{ units: 6, activation: 'elu' }, { units: 1, activation: 'linear' }], r.X, r.Y, { epochs: 120, learningRate: 0.003 });
  const b = wideData(2000, 25, 4);
  assertSameRun(2000, [{ units: 1, activation: 'sigmoid' }], b.X, b.Y, { epochs: 300, learningRate: 0.01, schedule: { type: 'inverseTime', decayRate: 0.5 } });
});

test('Adam, L2, dropout, a callback, mini-batches, too few epochs or features: trained on X itself (the same bits)', async () => {
  await initBackend('wasm');
  const { X, Y } = wideData(900, 40, 5);
  const layers = [relu(12), { units: 1, activation: 'sigmoid' as const }];
  const cases: [string, FitOptions, { l2?: number }?, LayerSpec[]?][] = [
    ['adam', { epochs: 100, learningRate: 0.01, optimizer: 'adam' }],
    ['l2', { epochs: 100, learningRate: 0.05 }, { l2: 0.7 }],
    ['dropout', { epochs: 100, learningRate: 0.05 }, undefined, [{ units: 12, activation: 'relu', keepProb: 0.8 }, { units: 1, activation: 'sigmoid' }]],
    ['onEpochEnd', { epochs: 100, learningRate: 0.05, onEpochEnd: () => {} }],
    ['mini-batches', { epochs: 20, learningRate: 0.05, batchSize: 16, shuffle: false }],
    ['two epochs', { epochs: 2, learningRate: 0.05 }],
  ];
  for (const [what, options, net0, shape] of cases) {
    const direct = train('never', 900, shape ?? layers, X, Y, options, net0), auto = train('auto', 900, shape ?? layers, X, Y, options, net0);
    assert.ok(identical(direct, auto), `${what}: not trained on X itself`);
  }
  // 900 features for 500 examples: not wide enough
  const narrow = wideData(900, 500, 6);
  assert.ok(identical(train('never', 900, layers, narrow.X, narrow.Y, { epochs: 50, learningRate: 0.05 }), train('auto', 900, layers, narrow.X, narrow.Y, { epochs: 50, learningRate: 0.05 })));
});

test('examples that repeat (X of lower rank than m): trained on X itself, the same bits', async () => {
  await initBackend('wasm');
  const { X, Y } = wideData(900, 40, 7);
  for (let i = 0; i < 900; i++) X.data[i * 40 + 39] = X.data[i * 40 + 3]!; // example 40 is example 4 again
  Y[39] = Y[3]!;
  const layers = [relu(12), { units: 1, activation: 'sigmoid' as const }];
  assert.ok(identical(train('never', 900, layers, X, Y, { epochs: 100, learningRate: 0.05 }), train('auto', 900, layers, X, Y, { epochs: 100, learningRate: 0.05 })));
});

test('a run that diverges stops with the same error, and the network keeps finite weights of the same run', async () => {
  await initBackend('wasm');
  const { X, Y } = wideData(900, 40, 8, 0);
  const layers = [relu(12), { units: 1, activation: 'linear' as const }];
  const errors: string[] = [], firsts: number[] = [];
  for (const mode of ['never', 'auto'] as const) {
    setWideBatch(mode);
    const net = new Network({ inputSize: 900, seed: 7, layers });
    assert.throws(() => fit(net, X, Y, { epochs: 200, learningRate: 2 }), (e: unknown) => {
      assert.ok(e instanceof DivergenceError);
      errors.push(e.message);
      return true;
    });
    setWideBatch('auto');
    assert.ok(net.layers.every((l) => l.W.data.every(Number.isFinite) && l.b.data.every(Number.isFinite)), `${mode}: weights not finite`);
    firsts.push(net.layers[0]!.W.data[0]!);
    assert.equal(net.training, undefined);
  }
  assert.equal(errors[1], errors[0]);
  assert.ok(Math.abs(firsts[1]! - firsts[0]!) < 1e-5, `W[1][0][0] ${firsts[1]} against ${firsts[0]} on X`);
});

test('a Y of another length is refused as on X (the message names X as given, not the examples\' coordinates)', async () => {
  await initBackend('wasm');
  const { X, Y } = wideData(900, 40, 9);
  const net = new Network({ inputSize: 900, seed: 7, layers: [relu(4), { units: 1, activation: 'sigmoid' }] });
  assert.throws(() => fit(net, X, Y.subarray(0, 39), { epochs: 100, learningRate: 0.05 }), /900 x 40|40 examples|39/);
});

test('gradient norms, a cost threshold, one-hot targets and a second fit from the first one\'s weights: as on X', async () => {
  await initBackend('wasm');
  const { X, Y } = wideData(800, 30, 12, 3);
  const oneHot = Matrix.zeros(3, 30);
  for (let j = 0; j < 30; j++) oneHot.data[Y[j]! * 30 + j] = 1;
  const layers = [relu(8), { units: 3, activation: 'softmax' as const }];
  const runs = (['never', 'auto'] as const).map((mode) => {
    setWideBatch(mode);
    try {
      const net = new Network({ inputSize: 800, seed: 3, layers });
      const first = fit(net, X, oneHot, { epochs: 60, learningRate: 0.05, recordGradientNorms: true, optimizer: 'momentum' });
      const second = fit(net, X, oneHot, { epochs: 400, learningRate: 0.05, stopWhenCostBelow: 0.3 });
      return { first, second, W: Float32Array.from(net.layers[0]!.W.data) };
    } finally {
      setWideBatch('auto');
    }
  });
  const [onX, wide] = runs as [typeof runs[0], typeof runs[0]];
  onX.first.gradientNorms.forEach((norms, e) => norms.forEach((n, l) => {
    assert.ok(Math.abs(wide.first.gradientNorms[e]![l]! - n) <= 1e-4 * n + 1e-9, `epoch ${e + 1}, ||dW[${l + 1}]|| ${wide.first.gradientNorms[e]![l]} against ${n}`);
  }));
  assert.equal(wide.second.stopReason, 'epsilon');
  assert.equal(wide.second.cost.length, onX.second.cost.length, 'stopped below 0.3 at the same epoch');
  assert.ok(relative(wide.W, onX.W) < 1e-3);
  assert.ok(!wide.second.cost.every((c, i) => c === onX.second.cost[i]), 'not taken');
});

test('gram: X^T·X in float64 from the wasm kernels equals the JS reference for odd shapes', async () => {
  for (const backend of ['wasm', 'wasm-threads'] as const) {
    await initBackend(backend, { threads: 2 });
    const rng = new Random(11);
    for (const [rows, m] of [[1, 1], [3, 2], [7, 5], [129, 13], [300, 9], [257, 33]] as const) {
      const X = Matrix.zeros(rows, m);
      for (let i = 0; i < X.data.length; i++) X.data[i] = rng.random() * 2 - 1;
      const G = ops.gram(X), ref = jsKernels.gram!(X.data, rows, m);
      for (let k = 0; k < m * m; k++) assert.ok(Math.abs(G[k]! - ref[k]!) <= 1e-12 * (1 + Math.abs(ref[k]!)), `${backend} ${rows} x ${m}: G[${k}] = ${G[k]} against ${ref[k]}`);
      // symmetric, and exact against float64 sums of exact products
      let s = 0;
      for (let r = 0; r < rows; r++) s += X.data[r * m]! * X.data[r * m + m - 1]!;
      assert.ok(Math.abs(G[m - 1]! - s) <= 1e-12 * (1 + Math.abs(s)));
      assert.equal(G[(m - 1) * m], G[m - 1]);
    }
  }
});
