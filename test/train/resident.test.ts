// The resident training step (the whole step inside WebAssembly, on one thread or cut into blocks
// on several): fit gives what the JS reference gives, within float32 rounding of the sum order, for
// every activation, loss and optimizer it covers, L1/L2, dropout (the same masks from the same
// seed), odd batches, a smaller last batch, one example; and networks it does not cover fall back
// to the layer-by-layer path.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Network, type NetworkOptions } from '../../src/nn/network.js';
import { fit, fitAsync, type FitOptions } from '../../src/train/fit.js';
import { initBackend, stopBackendThreads } from '../../src/kernels/init.js';
import { getBackend } from '../../src/kernels/registry.js';
import { setBlockThreshold, setPackedX, setRowBands } from '../../src/kernels/wasm/trainer.js';
import { ResidentTraining } from '../../src/train/resident.js';
import { createOptimizer, type OptimizerName } from '../../src/optim/optimizers.js';
import { Matrix } from '../../src/tensor/matrix.js';
import { Random } from '../../src/tensor/random.js';
import type { ActivationSpec } from '../../src/nn/activations.js';
import { DataError, DivergenceError } from '../../src/errors.js';
import { explodingRegression } from './exploding.js';

after(async () => {
  setBlockThreshold(1 << 20);
  setRowBands('auto');
  setPackedX('auto');
  await stopBackendThreads();
});

const NX = 23, M = 77;

/** An nx x m matrix of values uniform in [-1, 1) from `rng`. */
function uniform(nx: number, m: number, rng: Random): Matrix {
  const X = new Matrix(nx, m);
  for (let i = 0; i < X.data.length; i++) X.data[i] = rng.random() * 2 - 1;
  return X;
}

function data(classes: number): { X: Matrix; labels: number[]; targets: Matrix } {
  const rng = new Random(5);
  const X = uniform(NX, M, rng);
  const labels = Array.from({ length: M }, () => rng.int(classes));
  const targets = new Matrix(2, M);
  for (let j = 0; j < M; j++) { targets.data[j] = X.data[j]! + 0.5 * X.data[M + j]!; targets.data[M + j] = X.data[2 * M + j]!; }
  return { X, labels, targets };
}

type Output = 'sigmoid' | 'softmax' | 'linear' | 'relu';
interface Case {
  hidden: ActivationSpec[]; output: Output; optimizer: OptimizerName; batchSize?: number; l1?: number; l2?: number; dtype?: 'float64';
  /** Dropout: keepProb of the first hidden layer, or of each. */
  keepProb?: number | number[];
  /** Shuffle from the network's generator (no seed to fit), the one the dropout masks come from. */
  sharedRng?: boolean;
}

function network(c: Case): Network {
  const units = c.output === 'softmax' ? 4 : c.output === 'linear' ? 2 : 1;
  const options: NetworkOptions = {
    inputSize: NX, seed: 3, l1: c.l1, l2: c.l2, dtype: c.dtype,
    layers: [...c.hidden.map((activation, i) => ({ units: 9 + 4 * i, activation, keepProb: Array.isArray(c.keepProb) ? c.keepProb[i] : i === 0 ? c.keepProb : undefined })), { units, activation: c.output }],
  };
  return new Network(options);
}

function train(c: Case, extra: Partial<FitOptions> = {}): { net: Network; cost: number[]; gradientNorms: number[][] } {
  const { X, labels, targets } = data(4);
  const net = network(c);
  const Y = c.output === 'softmax' ? labels : c.output === 'linear' ? targets : labels.map((v) => v % 2);
  const h = fit(net, X, Y, { epochs: 3, learningRate: 0.03, optimizer: c.optimizer, batchSize: c.batchSize, seed: c.sharedRng ? undefined : 9, ...extra });
  return { net, cost: h.cost, gradientNorms: h.gradientNorms };
}

/** |a - b| <= tol (1 + |b|) for every value: float32 rounding of a different sum order, over a few steps. */
function close(a: ArrayLike<number>, b: ArrayLike<number>, what: string, tol = 2e-5): void {
  assert.equal(a.length, b.length, what);
  for (let i = 0; i < a.length; i++) {
    if (!(Math.abs(a[i]! - b[i]!) <= tol * (1 + Math.abs(b[i]!)))) assert.fail(`${what}[${i}]: ${a[i]} vs ${b[i]}`);
  }
}

function sameTraining(got: { net: Network; cost: number[] }, want: { net: Network; cost: number[] }, what: string): void {
  close(got.cost, want.cost, `${what}: cost`);
  for (let l = 1; l <= want.net.depth; l++) {
    close(got.net.W(l).data, want.net.W(l).data, `${what}: W${l}`);
    close(got.net.b(l).data, want.net.b(l).data, `${what}: b${l}`);
    close(got.net.dW(l).data, want.net.dW(l).data, `${what}: dW${l}`, 1e-4);
  }
}

/** Watch the current backend's resident steps until stop(): how many fit made, and every step's `fresh`. */
function watchSteps(): { made: number; fresh: boolean[]; stop(): void } {
  const kernels = getBackend(), original = kernels.residentStep;
  const seen = { made: 0, fresh: [] as boolean[], stop: () => { kernels.residentStep = original; } };
  kernels.residentStep = (spec) => {
    const step = original(spec);
    if (!step) return step;
    seen.made++;
    const inner = step.step.bind(step);
    step.step = (X, Y, m, indices, alpha, fresh) => { seen.fresh.push(fresh); return inner(X, Y, m, indices, alpha, fresh); };
    return step;
  };
  return seen;
}

const CASES: Case[] = [];
for (const output of ['sigmoid', 'softmax', 'linear'] as const) {
  for (const optimizer of ['gd', 'momentum', 'rmsprop', 'adam'] as const) {
    CASES.push({ hidden: ['relu', { name: 'leakyRelu', alpha: 0.2 }], output, optimizer, batchSize: 16 }); // last batch: 13
  }
}
CASES.push(
  { hidden: ['linear'], output: 'softmax', optimizer: 'gd' },                                  // full batch
  { hidden: ['relu', 'relu', 'leakyRelu'], output: 'sigmoid', optimizer: 'adam', batchSize: 7 },
  { hidden: ['relu'], output: 'softmax', optimizer: 'momentum', batchSize: 1 },                 // one example per step
  { hidden: ['relu'], output: 'linear', optimizer: 'gd', batchSize: 76 },                       // last batch: one example
  { hidden: ['relu'], output: 'sigmoid', optimizer: 'gd', batchSize: 31, l2: 0.7 },
  { hidden: ['tanh'], output: 'sigmoid', optimizer: 'adam', batchSize: 64 },                    // in bands, the output's columns split 32 + 32
  { hidden: ['leakyRelu'], output: 'softmax', optimizer: 'adam', batchSize: 10, l1: 0.05 },
  { hidden: [], output: 'sigmoid', optimizer: 'gd', batchSize: 9 },                             // logistic regression
);

// the smooth activations (tanh, sigmoid, elu, selu), each with two or more optimizers
const SMOOTH: Case[] = [];
const smooth: [ActivationSpec, OptimizerName[]][] = [
  ['tanh', ['gd', 'momentum', 'adam']], ['sigmoid', ['rmsprop', 'adam']], [{ name: 'elu', alpha: 0.7 }, ['gd', 'momentum']], ['selu', ['rmsprop', 'adam']],
];
for (const [g, optimizers] of smooth) {
  optimizers.forEach((optimizer, i) => {
    const output = (['softmax', 'sigmoid', 'linear'] as const)[i % 3]!;
    SMOOTH.push({ hidden: [g, i % 2 ? 'relu' : g], output, optimizer, batchSize: 16 }); // last batch: 13
  });
}
SMOOTH.push(
  { hidden: ['tanh', 'sigmoid', { name: 'elu', alpha: 1.3 }, 'selu'], output: 'softmax', optimizer: 'adam', batchSize: 11 },
  { hidden: ['selu'], output: 'linear', optimizer: 'gd' },                                     // full batch
  { hidden: ['tanh'], output: 'sigmoid', optimizer: 'momentum', batchSize: 1 },                 // one example per step
);

// inverted dropout: the masks drawn from the network's generator as network.ts draws them
const DROPOUT: Case[] = [
  { hidden: ['relu'], output: 'softmax', optimizer: 'gd', batchSize: 16, keepProb: 0.8 },
  { hidden: ['tanh', 'relu'], output: 'sigmoid', optimizer: 'adam', batchSize: 15, keepProb: [0.7, 0.6] },    // 1/0.7 is not a float32; last batch: 2
  { hidden: ['sigmoid', 'leakyRelu', 'elu'], output: 'linear', optimizer: 'momentum', batchSize: 9, keepProb: [1, 0.5, 0.9] },
  { hidden: ['selu'], output: 'softmax', optimizer: 'rmsprop', batchSize: 10, keepProb: 0.75, l2: 0.5 },       // dropout + L2
  { hidden: ['relu', 'tanh'], output: 'linear', optimizer: 'gd', batchSize: 20, keepProb: [0.9, 0.8], l1: 0.05, l2: 0.2 },
  { hidden: ['tanh'], output: 'sigmoid', optimizer: 'gd', batchSize: 1, keepProb: 0.5 },                        // one example per step
  { hidden: ['elu'], output: 'softmax', optimizer: 'adam', keepProb: 0.85 },                                    // full batch
  { hidden: ['relu', 'tanh'], output: 'softmax', optimizer: 'adam', batchSize: 13, keepProb: [0.8, 0.7], sharedRng: true }, // shuffles and masks from one generator
];

const describe = (c: Case) => `${c.hidden.map((h) => (typeof h === 'string' ? h : h.name)).join('-')}->${c.output} ${c.optimizer} batch ${c.batchSize ?? 'all'}${c.l1 ? ` l1 ${c.l1}` : ''}${c.l2 ? ` l2 ${c.l2}` : ''}${c.keepProb ? ` keepProb ${c.keepProb}` : ''}${c.sharedRng ? ' (shuffled by the network\'s generator)' : ''}`;

/** wasm-threads with the step cut into blocks of columns, or into bands of rows (`bands`). */
function threaded(threads: number, bands: boolean): () => Promise<string> {
  return () => {
    setRowBands(bands ? 'always' : 'never');
    return initBackend('wasm-threads', { threads });
  };
}

const BACKENDS: { name: string; load: () => Promise<string>; threads: number }[] = [
  { name: 'wasm', load: () => initBackend('wasm'), threads: 1 },
  { name: 'wasm-threads, 2 blocks', load: threaded(2, false), threads: 2 },
  { name: 'wasm-threads, 3 blocks', load: threaded(3, false), threads: 3 },
  { name: 'wasm-threads, bands of rows on 2 threads', load: threaded(2, true), threads: 2 },
  { name: 'wasm-threads, bands of rows on 3 threads', load: threaded(3, true), threads: 3 },
];

/** fit on each case gives on `backend`'s resident step what it gives on the JS reference, and the step is split as expected. */
async function compareWithReference(backend: (typeof BACKENDS)[number], cases: readonly Case[]): Promise<void> {
  setBlockThreshold(0); // split even these tiny steps
  try {
    for (const c of cases) {
      await initBackend('js');
      const want = train(c);
      assert.equal(await backend.load(), backend.name.split(',')[0]);
      const net = network(c);
      const resident = ResidentTraining.create(net, createOptimizer(c.optimizer), c.batchSize ?? M);
      assert.ok(resident, `${describe(c)}: a resident step`);
      assert.equal(resident.threads, Math.min(backend.threads, c.batchSize ?? M));
      resident.close();
      sameTraining(train(c), want, `${backend.name}, ${describe(c)}`);
    }
  } finally {
    setBlockThreshold(1 << 20);
  }
}

for (const backend of BACKENDS) {
  test(`fit on the resident step (${backend.name}) gives what the JS reference gives`, () => compareWithReference(backend, CASES));
  test(`tanh, sigmoid, elu and selu hidden layers on the resident step (${backend.name}) give what the JS reference gives`, () => compareWithReference(backend, SMOOTH));
  test(`dropout on the resident step (${backend.name}) draws the reference's masks and gives its weights`, () => compareWithReference(backend, DROPOUT));
}

// Bands of rows compute every value as one thread does (a band's rows of a product add their terms in
// the same order, and so do the output layer's ranges of columns): the weights are the one-thread
// step's, bit for bit, whichever thread took a band.
test('a step cut into bands of rows gives the weights of the one-thread step, bit for bit', async () => {
  setBlockThreshold(0);
  try {
    // (a network without a hidden layer is cut into blocks of columns)
    for (const c of [...CASES, ...SMOOTH, ...DROPOUT].filter((c) => c.hidden.length > 0)) {
      await initBackend('wasm');
      const want = train(c);
      for (const threads of [2, 3]) {
        await threaded(threads, true)();
        const got = train(c);
        const what = `${describe(c)}, ${threads} threads`;
        for (let l = 1; l <= want.net.depth; l++) {
          assert.deepEqual(got.net.W(l).data, want.net.W(l).data, `${what}: W${l}`);
          assert.deepEqual(got.net.b(l).data, want.net.b(l).data, `${what}: b${l}`);
        }
        close(got.cost, want.cost, `${what}: cost (the penalty's sums in another order)`, 1e-12);
      }
    }
  } finally {
    setBlockThreshold(1 << 20);
    setRowBands('auto');
  }
});

// 12 units over 4,100 inputs at a batch of 256: a band of 4 of its rows alone would read X in place
// (gemv.ts), the whole product packs it (gemm); each band must be computed as the whole product is,
// or the sums would come in another order.
test('bands of a layer whose bands alone would read X in place give the one-thread weights, bit for bit', async () => {
  const rng = new Random(4);
  const X = uniform(4100, 300, rng), labels = Array.from({ length: 300 }, () => rng.int(2));
  const run = () => {
    const net = new Network({ inputSize: 4100, seed: 2, layers: [{ units: 12, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }] });
    fit(net, X, labels, { epochs: 2, learningRate: 0.05, batchSize: 256, seed: 1 });
    return net;
  };
  await initBackend('wasm');
  const want = run();
  try {
    await threaded(2, true)();
    const got = run();
    for (let l = 1; l <= 2; l++) assert.deepEqual(got.W(l).data, want.W(l).data, `W${l}`);
  } finally {
    setRowBands('auto');
  }
});

// A first hidden layer of more than 20 units packs X for both of its products, so a step in bands packs
// X and X^T straight from the copy of the training set (pack-examples.ts) instead of gathering X first.
// 301 inputs: two depth blocks, a feature left after the 4 x 4 transposes, a last panel of X^T of 5
// features; batches of 13 (a last panel of X of 5 examples), 64 and 300 (two parts of 256 columns);
// 313 examples, so the last batch of 13 has one (then X is read in place, and gathered); dropout; and a
// network of one input feature (dW[1] then reads X in place too). Batches in order (shuffle: false)
// pack X from the columns of the copy, kept as X is.
test('bands that pack X from the copy of the training set give the one-thread weights, bit for bit, shuffled and in order', async () => {
  const rng = new Random(11);
  const X = uniform(301, 313, rng), labels = Array.from({ length: 313 }, () => rng.int(3));
  let shuffle = true;
  const run = (batchSize: number) => {
    const net = new Network({
      inputSize: 301, seed: 4,
      layers: [{ units: 24, activation: 'relu', keepProb: 0.9 }, { units: 10, activation: 'tanh' }, { units: 3, activation: 'softmax' }],
    });
    const h = fit(net, X, labels, { epochs: 2, learningRate: 0.05, optimizer: 'adam', batchSize, shuffle, seed: 3 });
    return { net, cost: h.cost };
  };
  setBlockThreshold(0);
  try {
    for (shuffle of [true, false]) {
      for (const batchSize of [13, 64, 300]) {
        await initBackend('wasm');
        const want = run(batchSize);
        for (const threads of [2, 3]) {
          await threaded(threads, true)();
          const got = run(batchSize);
          const what = `${shuffle ? 'shuffled' : 'in order'}, batch ${batchSize}, ${threads} threads`;
          for (let l = 1; l <= 3; l++) {
            assert.deepEqual(got.net.W(l).data, want.net.W(l).data, `${what}: W${l}`);
            assert.deepEqual(got.net.b(l).data, want.net.b(l).data, `${what}: b${l}`);
          }
          assert.deepEqual(got.cost, want.cost, `${what}: cost`);
        }
      }
    }
    // one input feature: dW[1] = dZ[1]·X^T has one column, which gemmAs computes from X in place, so X is gathered
    const x1 = uniform(1, 50, rng), y1 = Array.from({ length: 50 }, () => rng.int(2));
    const one = () => {
      const net = new Network({ inputSize: 1, seed: 5, layers: [{ units: 24, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }] });
      fit(net, x1, y1, { epochs: 2, learningRate: 0.1, batchSize: 16, seed: 3 });
      return net;
    };
    await initBackend('wasm');
    const want1 = one();
    await threaded(2, true)();
    const got1 = one();
    for (let l = 1; l <= 2; l++) assert.deepEqual(got1.W(l).data, want1.W(l).data, `one input feature, 2 threads: W${l}`);
  } finally {
    setBlockThreshold(1 << 20);
    setRowBands('auto');
  }
});

// A layer of 133 units over 300 inputs: its products span two blocks of packed rows (128) and two
// depth blocks (256), and its update's parts cut W across them.
test('a layer wider than a block of packed rows, over more than one depth block, trains as on the JS reference', async () => {
  const rng = new Random(8);
  const X = uniform(300, 40, rng), labels = Array.from({ length: 40 }, () => rng.int(3));
  const run = () => {
    const net = new Network({ inputSize: 300, seed: 6, l2: 0.1, layers: [{ units: 133, activation: 'relu' }, { units: 3, activation: 'softmax' }] });
    const h = fit(net, X, labels, { epochs: 3, learningRate: 0.05, optimizer: 'momentum', batchSize: 16, seed: 2 });
    return { net, cost: h.cost };
  };
  await initBackend('js');
  const want = run();
  setBlockThreshold(0);
  try {
    for (const backend of BACKENDS) {
      await backend.load();
      const seen = watchSteps();
      try {
        sameTraining(run(), want, `${backend.name}, 133 units over 300 inputs`);
        assert.equal(seen.made, 1, backend.name);
      } finally {
        seen.stop();
      }
    }
  } finally {
    setBlockThreshold(1 << 20);
  }
});

test('fit trains smooth activations and dropout on the resident step (one made per fit)', async () => {
  for (const backend of BACKENDS) {
    await backend.load();
    const seen = watchSteps();
    try {
      for (const c of [...SMOOTH, ...DROPOUT]) {
        seen.made = 0;
        train(c);
        assert.equal(seen.made, 1, `${backend.name}, ${describe(c)}`);
      }
    } finally {
      seen.stop();
    }
  }
});

test('networks the resident step does not cover fall back to the layer-by-layer path, with the same results', async () => {
  const others: Case[] = [
    { hidden: ['relu'], output: 'relu', optimizer: 'gd', batchSize: 16 },                      // relu output, MSE
    { hidden: ['tanh'], output: 'relu', optimizer: 'gd', batchSize: 16, keepProb: 0.8 },
    { hidden: ['relu'], output: 'softmax', optimizer: 'adam', batchSize: 16, dtype: 'float64' },
    { hidden: ['selu'], output: 'sigmoid', optimizer: 'adam', batchSize: 16, keepProb: 0.8, dtype: 'float64' },
  ];
  for (const backend of BACKENDS) {
    for (const c of others) {
      await initBackend('js');
      const want = train(c);
      await backend.load();
      assert.equal(ResidentTraining.create(network(c), createOptimizer(c.optimizer), 16), undefined, describe(c));
      sameTraining(train(c), want, `${backend.name}, ${describe(c)}`);
    }
  }
});

test('callbacks see the weights of the step just taken, and weights they change are trained on', async () => {
  const c: Case = { hidden: ['relu'], output: 'softmax', optimizer: 'adam', batchSize: 20 };
  const watch = () => {
    const seen: number[] = [];
    const extra: Partial<FitOptions> = {
      onBatchEnd: () => { seen.push(net.W(1).data[0]!, net.b(2).data[1]!); },
      onEpochEnd: () => { net.W(1).data[3] = 0.5; },   // user code changing a weight between epochs
    };
    let net!: Network;
    const { X, labels } = data(4);
    net = network(c);
    const h = fit(net, X, labels, { epochs: 3, learningRate: 0.03, optimizer: c.optimizer, batchSize: c.batchSize, seed: 9, ...extra });
    return { net, cost: h.cost, seen };
  };
  await initBackend('js');
  const want = watch();
  for (const backend of BACKENDS) {
    await backend.load();
    const got = watch();
    close(got.seen, want.seen, `${backend.name}: weights seen by onBatchEnd`);
    sameTraining(got, want, backend.name);
  }
});

test('X changed in place by onEpochEnd is trained on; with callbacksKeepData the copy of the training set is kept across callbacks', async () => {
  const c: Case = { hidden: ['relu'], output: 'softmax', optimizer: 'adam', batchSize: 20 };
  const run = (keep: boolean, changeX: boolean) => {
    const { X, labels } = data(4);
    const net = network(c);
    const h = fit(net, X, labels, {
      epochs: 3, learningRate: 0.03, optimizer: c.optimizer, batchSize: c.batchSize, seed: 9, callbacksKeepData: keep,
      onEpochEnd: () => { if (changeX) X.data.forEach((v, i) => { X.data[i] = 0.5 * v; }); }, // data augmentation, in place
    });
    return { net, cost: h.cost };
  };
  await initBackend('js');
  const want = run(false, true);
  for (const backend of BACKENDS) {
    await backend.load();
    const seen = watchSteps();
    try {
      sameTraining(run(false, true), want, `${backend.name}: X halved after each epoch`);
      assert.equal(seen.fresh.filter(Boolean).length, 3, `${backend.name}: the copy refreshed at the first step and after each of the first two epochs`);
      seen.fresh.length = 0;
      const kept = run(true, false);
      assert.equal(seen.fresh.filter(Boolean).length, 1, `${backend.name}, callbacksKeepData: copied in once`);
      sameTraining(kept, run(false, false), `${backend.name}: callbacksKeepData trains the same when X does not change`);
    } finally {
      seen.stop();
    }
  }
});

test('a NaN or infinity in X is the same DataError on every path, before any step changes a weight (the resident step checks X as it copies it in)', async () => {
  const c: Case = { hidden: ['relu'], output: 'softmax', optimizer: 'adam' };
  // row 6, example 42: inside the copy's groups of four rows and four examples; row 22 and example
  // 77: in its tails (NX = 23 rows, M = 77 examples)
  for (const [bad, name, row, col] of [[NaN, 'NaN', 6, 42], [-Infinity, '-Infinity', 6, 42], [Infinity, 'Infinity', 22, 10], [NaN, 'NaN', 3, 77]] as const) {
    const { X, labels } = data(4);
    X.data[(row - 1) * M + col - 1] = bad;
    const message = `X has a non-finite value (${name}) at row ${row}, column ${col} (example ${col})`;
    for (const backend of [{ name: 'js', load: () => initBackend('js') }, ...BACKENDS]) {
      await backend.load();
      for (const batchSize of [16, undefined]) { // mini-batches (a resident copy of X) and the full batch
        const net = network(c);
        const before = Array.from(net.W(1).data);
        const run = () => fit(net, X, labels, { epochs: 2, learningRate: 0.03, optimizer: c.optimizer, batchSize, seed: 9 });
        assert.throws(run, (e: Error) => e instanceof DataError && e.message === message, `${backend.name}, batch ${batchSize ?? 'full'}`);
        assert.deepEqual(Array.from(net.W(1).data), before, `${backend.name}: no weight changed`);
      }
    }
  }
});

test('a training set of 1,000 examples is copied in by the threads in parts (shuffled batches): the reference\'s weights, and a NaN in the last part is found', async () => {
  // parts start at multiples of 4; 70 rows: three stages of up to 32 rows (the third reuses the first's
  // buffer, filled while the second is copied), the last with a tail of rows
  const m = 1003, nx = 70;
  const rng = new Random(8);
  const X = uniform(nx, m, rng);
  const labels = Array.from({ length: m }, () => rng.int(3));
  const train = () => {
    const net = new Network({ inputSize: nx, seed: 4, layers: [{ units: 8, activation: 'relu' }, { units: 3, activation: 'softmax' }] });
    const h = fit(net, X, labels, { epochs: 2, learningRate: 0.05, batchSize: 32, seed: 2 });
    return { net, cost: h.cost };
  };
  await initBackend('js');
  const want = train();
  setBlockThreshold(0);
  for (const threads of [2, 3]) {
    await initBackend('wasm-threads', { threads });
    sameTraining(train(), want, `wasm-threads, ${threads} threads`);
    const bad = X.data[30 * m + 1001]!;
    X.data[30 * m + 1001] = NaN; // row 31, example 1002: in the last part
    assert.throws(train, (e: Error) => e instanceof DataError && e.message === 'X has a non-finite value (NaN) at row 31, column 1002 (example 1002)');
    X.data[30 * m + 1001] = bad;
    const kept = X.data[68 * m + 5]!;
    X.data[68 * m + 5] = Infinity; // row 69: the third stage
    assert.throws(train, (e: Error) => e instanceof DataError && e.message === 'X has a non-finite value (Infinity) at row 69, column 6 (example 6)');
    X.data[68 * m + 5] = kept;
  }
  setBlockThreshold(1 << 20);
});

test('fewer than four inputs (no group of four rows to transpose in the copy of the training set): the reference\'s weights', async () => {
  setBlockThreshold(0);
  for (const [nx, m] of [[1, 7], [2, 401], [3, 5]] as const) {
    const rng = new Random(nx);
    const X = uniform(nx, m, rng);
    const y = Array.from({ length: m }, (_, j) => (X.data[j]! > 0 ? 1 : 0));
    const train = () => {
      const net = new Network({ inputSize: nx, seed: 2, layers: [{ units: 5, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }] });
      const h = fit(net, X, y, { epochs: 5, batchSize: 4, learningRate: 0.5, seed: 3 });
      return { net, cost: h.cost };
    };
    await initBackend('js');
    const want = train();
    for (const backend of BACKENDS) {
      await backend.load();
      sameTraining(train(), want, `${backend.name}, ${nx} inputs`);
    }
  }
  setBlockThreshold(1 << 20);
});

test('divergence and abort leave the network with the weights the reference leaves, shuffled and in order', async () => {
  const c: Case = { hidden: ['relu'], output: 'linear', optimizer: 'gd', batchSize: 8 };
  let shuffle = true;
  const diverge = () => {
    const { X, targets } = data(4);
    const net = network(c);
    assert.throws(() => fit(net, X, targets, { epochs: 5, learningRate: 40, batchSize: 8, shuffle }), DivergenceError);
    return net.W(1).data.slice();
  };
  const abort = async () => {
    const { X, targets } = data(4);
    const net = network(c);
    const controller = new AbortController();
    let steps = 0;
    await assert.rejects(fitAsync(net, X, targets, {
      epochs: 5, learningRate: 0.01, batchSize: 8, shuffle, signal: controller.signal,
      onEpochEnd: () => { if (++steps === 2) controller.abort(new Error('stop')); },
    }), /stop/);
    return net.W(1).data.slice();
  };
  for (shuffle of [true, false]) {
    await initBackend('js');
    const [d, a] = [diverge(), await abort()];
    for (const backend of BACKENDS) {
      await backend.load();
      close(diverge(), d, `${backend.name}, ${shuffle ? 'shuffled' : 'in order'}: after divergence`);
      close(await abort(), a, `${backend.name}, ${shuffle ? 'shuffled' : 'in order'}: after abort`);
    }
  }
});

test('auto: a step on a tiny network stays on one thread; an MNIST-sized one takes every thread', async () => {
  assert.equal(await initBackend('wasm-threads', { threads: 2 }), 'wasm-threads');
  const tiny = new Network({ inputSize: 2, layers: [{ units: 4, activation: 'relu' }, { units: 1, activation: 'sigmoid' }] });
  const mnist = new Network({ inputSize: 784, layers: [{ units: 128, activation: 'relu' }, { units: 64, activation: 'relu' }, { units: 10, activation: 'softmax' }] });
  for (const [net, batch, threads] of [[tiny, 16, 1], [tiny, 4096, 1], [mnist, 32, 2], [mnist, 64, 2], [mnist, 1, 1]] as const) {
    const resident = ResidentTraining.create(net, createOptimizer('gd'), batch);
    assert.equal(resident?.threads, threads, `${net.describe()}, batch ${batch}`);
    resident!.close();
  }
});

test("the optimizer's state starts at zero, whatever an earlier run left in the backend's memory", async () => {
  const first: Case = { hidden: ['relu', 'relu'], output: 'softmax', optimizer: 'adam', batchSize: 16 };
  const second: Case = { hidden: ['relu', 'relu', 'leakyRelu'], output: 'sigmoid', optimizer: 'adam', batchSize: 7 };
  await initBackend('js');
  const want = train(second);
  for (const backend of BACKENDS) {
    await backend.load();
    train(first);
    ResidentTraining.create(network(second), createOptimizer('adam'), 16)?.close(); // another layout over the same memory
    sameTraining(train(second), want, `${backend.name}, after another run`);
  }
});

test('recordGradientNorms trains on the resident step and records the norms the layer-by-layer path records', async () => {
  const cases: Case[] = [
    { hidden: ['relu', 'tanh'], output: 'softmax', optimizer: 'adam', batchSize: 16, l2: 0.3 }, // dW with the penalty's gradient
    { hidden: ['relu'], output: 'sigmoid', optimizer: 'gd' },                                     // full batch
  ];
  setBlockThreshold(0);
  try {
    for (const c of cases) {
      await initBackend('js');
      const want = train(c, { recordGradientNorms: true }).gradientNorms;
      for (const backend of BACKENDS) {
        await backend.load();
        const seen = watchSteps();
        try {
          const got = train(c, { recordGradientNorms: true }).gradientNorms;
          assert.equal(seen.made, 1, `${backend.name}, ${describe(c)}: a resident step`);
          assert.equal(got.length, 3);
          got.forEach((norms, e) => close(norms, want[e]!, `${backend.name}, ${describe(c)}: epoch ${e + 1}'s norms`, 1e-4));
          assert.ok(got.flat().every((v) => v > 0), `${backend.name}: every norm positive`);
        } finally {
          seen.stop();
        }
      }
    }
  } finally {
    setBlockThreshold(1 << 20);
  }
});

// A full-batch epoch is one step: its end no longer copies the weights out to check them and keep
// them (the backend checks them where they are, and the last sound epoch's weights are copied from
// there) unless something reads the network then. Divergence must still be caught, with those weights.
test('full batch on the resident step: a run that diverges after some epochs keeps the last sound epoch\'s weights', async () => {
  const { X, Y } = explodingRegression(), make = () => explodingRegression().net;
  for (const backend of BACKENDS) {
    await backend.load();
    const net = make(), seen = watchSteps();
    let epoch = 0;
    try {
      assert.throws(() => fit(net, X, Y, { epochs: 200, learningRate: 0.01 }), (e: unknown) => {
        assert.ok(e instanceof DivergenceError, String(e));
        epoch = e.epoch;
        return true;
      });
      assert.equal(seen.made, 1, `${backend.name}: a resident step`);
    } finally {
      seen.stop();
    }
    assert.ok(epoch >= 2, `${backend.name}: diverged at epoch ${epoch} (after an epoch whose weights were kept)`);
    const want = make();
    fit(want, X, Y, { epochs: epoch - 1, learningRate: 0.01 });
    for (let l = 1; l <= 2; l++) {
      assert.deepEqual(net.W(l).data, want.W(l).data, `${backend.name}: W${l} of epoch ${epoch - 1}`);
      assert.deepEqual(net.b(l).data, want.b(l).data, `${backend.name}: b${l} of epoch ${epoch - 1}`);
    }
  }
});

test('full batch on the resident step: weights that overflow in the last step of an epoch are caught there', async () => {
  const { X, labels } = data(4);
  for (const backend of BACKENDS) {
    await backend.load();
    const net = network({ hidden: ['relu'], output: 'softmax', optimizer: 'gd' }), before = net.snapshot();
    assert.throws(() => fit(net, X, labels, { epochs: 3, learningRate: 1e300 }), (e: unknown) => {
      assert.ok(e instanceof DivergenceError, String(e));
      assert.match(e.message, /epoch 1 \(iteration 1\): the weights became infinite or NaN/);
      return true;
    });
    for (let l = 1; l <= 2; l++) assert.deepEqual(net.W(l).data, before.W[l - 1]!.data, `${backend.name}: W${l} as before`);
  }
});

test('weights changed by the last onBatchEnd of an epoch are trained on (the end of the epoch used to overwrite them)', async () => {
  const c: Case = { hidden: ['relu'], output: 'softmax', optimizer: 'momentum', batchSize: 20 };
  const run = () => {
    const { X, labels } = data(4);
    const net = network(c);
    const h = fit(net, X, labels, {
      epochs: 3, learningRate: 0.03, optimizer: c.optimizer, batchSize: c.batchSize, seed: 9,
      onBatchEnd: (b) => { if (b.batch === b.batches - 1) net.W(1).data[3] = 0.25; },
    });
    return { net, cost: h.cost };
  };
  await initBackend('js');
  const want = run();
  for (const backend of BACKENDS) {
    await backend.load();
    sameTraining(run(), want, backend.name);
  }
});

test('fitAsync brings the network up to date after every epoch: code run between its epochs sees the weights change', async () => {
  const { X, labels } = data(4);
  for (const backend of BACKENDS) {
    await backend.load();
    const net = network({ hidden: ['relu'], output: 'softmax', optimizer: 'gd' }), seen = new Set<number>();
    // other code, between epochs: a callback queued again at every turn of the event loop, as fitAsync's own yield is
    let polling = true;
    const poll = () => { seen.add(net.W(1).data[0]!); if (polling) setImmediate(poll); };
    setImmediate(poll);
    try {
      await fitAsync(net, X, labels, { epochs: 30, learningRate: 0.5 });
    } finally {
      polling = false;
    }
    seen.delete(net.W(1).data[0]!);
    assert.ok(seen.size >= 2, `${backend.name}: values seen between epochs, besides the last: ${[...seen].join(', ')}`);
  }
});

// A full batch multiplies by the same X at every step, so each block keeps it packed, as gemm packs
// it itself (assembly/train.ts, packedX): the weights are those of packing X at every step, bit for
// bit, with depth blocks and panels cut short (300 features, 45 or 22 and 23 columns).
test('a full batch with X kept packed gives the weights of packing X at every step, bit for bit', async () => {
  const run = () => {
    const rng = new Random(11);
    const X = uniform(300, 45, rng);
    const labels = Array.from({ length: 45 }, (_, j) => (X.get(0, j) + X.get(7, j) > 0 ? 1 : 0));
    const net = new Network({ inputSize: 300, seed: 4, layers: [{ units: 16, activation: 'relu' }, { units: 5, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }] });
    const cost = fit(net, X, labels, { epochs: 8, learningRate: 0.01, optimizer: 'adam' }).cost;
    return { cost, W: net.layers.map((layer) => Array.from(layer.W.data)) };
  };
  setBlockThreshold(0);
  try {
    for (const load of [() => initBackend('wasm'), threaded(2, false)]) {
      await load();
      setPackedX('never');
      const want = run();
      setPackedX('auto');
      const got = run();
      assert.deepEqual(got.cost, want.cost, `${getBackend().name}: costs`);
      got.W.forEach((W, l) => assert.deepEqual(W, want.W[l], `${getBackend().name}: W[${l + 1}]`));
    }
  } finally {
    setBlockThreshold(1 << 20);
    setPackedX('auto');
  }
});
