// Mini-batches taken in order (shuffle: false): the resident step keeps its copy of the training set
// as X is (n0 x m), checks it as it copies it in, and reads each batch's columns in place, where a
// shuffled run keeps one example per row and gathers. The training must be the JS reference's (within
// float32 rounding), and on bands of rows the one-thread step's, bit for bit (resident.test.ts: bands
// that pack X from the copy of the training set, shuffled and in order).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Network } from '../../src/nn/network.js';
import { fit, type FitOptions } from '../../src/train/fit.js';
import { initBackend, stopBackendThreads } from '../../src/kernels/init.js';
import { getBackend } from '../../src/kernels/registry.js';
import { setBlockThreshold, setRowBands } from '../../src/kernels/wasm/trainer.js';
import type { StepSpec } from '../../src/kernels/step.js';
import { Matrix } from '../../src/tensor/matrix.js';
import { Random } from '../../src/tensor/random.js';
import type { ActivationSpec } from '../../src/nn/activations.js';
import type { OptimizerName } from '../../src/optim/optimizers.js';
import { DataError } from '../../src/errors.js';

after(async () => {
  setBlockThreshold(1 << 20);
  setRowBands('auto');
  await stopBackendThreads();
});

/** An nx x m matrix of values uniform in [-1, 1) from `rng`. */
function uniform(nx: number, m: number, rng: Random): Matrix {
  const X = new Matrix(nx, m);
  for (let i = 0; i < X.data.length; i++) X.data[i] = rng.random() * 2 - 1;
  return X;
}

/** |a - b| <= tol (1 + |b|) for every value: float32 rounding of a different sum order. */
function close(a: ArrayLike<number>, b: ArrayLike<number>, what: string, tol = 2e-5): void {
  assert.equal(a.length, b.length, what);
  for (let i = 0; i < a.length; i++) {
    if (!(Math.abs(a[i]! - b[i]!) <= tol * (1 + Math.abs(b[i]!)))) assert.fail(`${what}[${i}]: ${a[i]} vs ${b[i]}`);
  }
}

const BACKENDS: { name: string; load: () => Promise<unknown> }[] = [
  { name: 'wasm', load: () => initBackend('wasm') },
  { name: 'wasm-threads, 2 blocks', load: () => { setRowBands('never'); return initBackend('wasm-threads', { threads: 2 }); } },
  { name: 'wasm-threads, bands of rows on 2 threads', load: () => { setRowBands('always'); return initBackend('wasm-threads', { threads: 2 }); } },
  { name: 'wasm-threads, bands of rows on 3 threads', load: () => { setRowBands('always'); return initBackend('wasm-threads', { threads: 3 }); } },
];

/** Run `body` with every resident step the current backend makes recorded in `specs`. */
function recordSpecs<T>(body: () => T, specs: StepSpec[]): T {
  const kernels = getBackend(), original = kernels.residentStep;
  kernels.residentStep = (spec) => { specs.push(spec); return original(spec); };
  try {
    return body();
  } finally {
    kernels.residentStep = original;
  }
}

interface Case { hidden: ActivationSpec[]; output: 'sigmoid' | 'softmax' | 'linear'; optimizer: OptimizerName; batchSize: number; keepProb?: number; l1?: number; l2?: number }

const CASES: Case[] = [
  { hidden: ['relu', 'tanh'], output: 'softmax', optimizer: 'adam', batchSize: 16 },          // last batch: 13
  { hidden: ['leakyRelu'], output: 'sigmoid', optimizer: 'momentum', batchSize: 7, l2: 0.3 },
  { hidden: ['selu', 'relu'], output: 'linear', optimizer: 'rmsprop', batchSize: 10, l1: 0.05 },
  { hidden: ['relu'], output: 'softmax', optimizer: 'gd', batchSize: 16, keepProb: 0.8 },     // dropout
  { hidden: ['tanh'], output: 'sigmoid', optimizer: 'gd', batchSize: 1 },                     // one example per step
  { hidden: ['relu'], output: 'linear', optimizer: 'adam', batchSize: 76 },                   // last batch: one example
  { hidden: [], output: 'sigmoid', optimizer: 'gd', batchSize: 9 },                           // logistic regression
];

const describe = (c: Case) => `${c.hidden.join('-') || 'no hidden layer'}->${c.output} ${c.optimizer} batch ${c.batchSize}${c.keepProb ? ` keepProb ${c.keepProb}` : ''}`;

/** 23 features x 77 examples; targets for each output. */
function train(c: Case, extra: Partial<FitOptions> = {}): { net: Network; cost: number[] } {
  const rng = new Random(5), m = 77;
  const X = uniform(23, m, rng);
  const labels = Array.from({ length: m }, () => rng.int(4));
  const targets = new Matrix(2, m);
  for (let j = 0; j < m; j++) { targets.data[j] = X.data[j]! + 0.5 * X.data[m + j]!; targets.data[m + j] = X.data[2 * m + j]!; }
  const units = c.output === 'softmax' ? 4 : c.output === 'linear' ? 2 : 1;
  const net = new Network({
    inputSize: 23, seed: 3, l1: c.l1, l2: c.l2,
    layers: [...c.hidden.map((activation, i) => ({ units: 9 + 4 * i, activation, keepProb: i === 0 ? c.keepProb : undefined })), { units, activation: c.output }],
  });
  const Y = c.output === 'softmax' ? labels : c.output === 'linear' ? targets : labels.map((v) => v % 2);
  const h = fit(net, X, Y, { epochs: 3, learningRate: 0.03, optimizer: c.optimizer, batchSize: c.batchSize, shuffle: false, seed: 9, ...extra });
  return { net, cost: h.cost };
}

function sameTraining(got: { net: Network; cost: number[] }, want: { net: Network; cost: number[] }, what: string): void {
  close(got.cost, want.cost, `${what}: cost`);
  for (let l = 1; l <= want.net.depth; l++) {
    close(got.net.W(l).data, want.net.W(l).data, `${what}: W${l}`);
    close(got.net.b(l).data, want.net.b(l).data, `${what}: b${l}`);
  }
}

test('batches in order on the resident step (a copy kept as X is) train as the JS reference does, on every backend', async () => {
  setBlockThreshold(0); // split even these tiny steps
  try {
    for (const c of CASES) {
      await initBackend('js');
      const want = train(c);
      for (const backend of BACKENDS) {
        await backend.load();
        const specs: StepSpec[] = [];
        sameTraining(recordSpecs(() => train(c), specs), want, `${backend.name}, ${describe(c)}`);
        assert.deepEqual(specs.map((s) => [s.examples, s.inOrder]), [[77, true]], `${backend.name}, ${describe(c)}: one resident step, told its batches come in order`);
      }
    }
  } finally {
    setBlockThreshold(1 << 20);
    setRowBands('auto');
  }
});

// 70 rows: three stages of up to 32 rows, the last with a tail; 1,003 examples: the threads check
// each stage in parts, the last part with a tail of values after the groups of 16 and of 4.
test('a NaN or infinity anywhere in X is found as the copy kept as X is is made, before any weight changes', async () => {
  const m = 1003, nx = 70;
  const rng = new Random(8);
  const X = uniform(nx, m, rng), labels = Array.from({ length: m }, () => rng.int(3));
  const net = () => new Network({ inputSize: nx, seed: 4, layers: [{ units: 8, activation: 'relu' }, { units: 3, activation: 'softmax' }] });
  const options = { epochs: 2, learningRate: 0.05, batchSize: 32, shuffle: false, seed: 2 };
  setBlockThreshold(0);
  try {
    for (const backend of [{ name: 'js', load: () => initBackend('js') }, ...BACKENDS]) {
      await backend.load();
      for (const [row, col, bad] of [[1, 1, NaN], [31, 1002, NaN], [33, 500, -Infinity], [69, 6, Infinity], [70, 1003, NaN]] as const) {
        const kept = X.data[(row - 1) * m + col - 1]!;
        X.data[(row - 1) * m + col - 1] = bad;
        const n = net(), before = Array.from(n.W(1).data);
        try {
          const message = `X has a non-finite value (${bad}) at row ${row}, column ${col} (example ${col})`;
          assert.throws(() => fit(n, X, labels, options), (e: Error) => e instanceof DataError && e.message === message, `${backend.name}: row ${row}, column ${col}`);
          assert.deepEqual(Array.from(n.W(1).data), before, `${backend.name}: no weight changed`);
        } finally {
          X.data[(row - 1) * m + col - 1] = kept;
        }
      }
    }
  } finally {
    setBlockThreshold(1 << 20);
    setRowBands('auto');
  }
});

test('X changed in place between epochs is copied in again when batches come in order', async () => {
  const c: Case = { hidden: ['relu'], output: 'softmax', optimizer: 'adam', batchSize: 20 };
  const halve = (X: Matrix) => () => { X.data.forEach((v, i) => { X.data[i] = 0.5 * v; }); };
  const run = () => {
    const rng = new Random(2), m = 77;
    const X = uniform(23, m, rng), labels = Array.from({ length: m }, () => rng.int(4));
    const net = new Network({ inputSize: 23, seed: 3, layers: [{ units: 9, activation: 'relu' }, { units: 4, activation: 'softmax' }] });
    const h = fit(net, X, labels, { epochs: 3, learningRate: 0.03, optimizer: c.optimizer, batchSize: c.batchSize, shuffle: false, seed: 9, onEpochEnd: halve(X) });
    return { net, cost: h.cost };
  };
  await initBackend('js');
  const want = run();
  setBlockThreshold(0);
  try {
    for (const backend of BACKENDS) {
      await backend.load();
      sameTraining(run(), want, `${backend.name}: X halved after each epoch`);
    }
  } finally {
    setBlockThreshold(1 << 20);
    setRowBands('auto');
  }
});
