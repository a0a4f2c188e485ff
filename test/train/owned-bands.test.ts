// A step cut into bands of rows (row-tasks.ts) gives each thread its own bands and its own packed
// copy of X; a thread that is done takes the tasks no other thread has started. Whoever runs a task,
// the weights are those of the one-thread step, bit for bit: with tasks that no thread owns (each
// taken by whichever thread claims it first, as for a worker that is late), and with a pool of more
// threads than the step is cut for (the extra worker must not pack X into a copy that is not there).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Network } from '../../src/nn/network.js';
import { fit } from '../../src/train/fit.js';
import { initBackend, stopBackendThreads } from '../../src/kernels/init.js';
import { WasmResidentStep, setBlockThreshold, setRowBands } from '../../src/kernels/wasm/trainer.js';
import { setBandOwners } from '../../src/kernels/wasm/row-tasks.js';
import { Matrix } from '../../src/tensor/matrix.js';
import { Random } from '../../src/tensor/random.js';
import { ResidentTraining } from '../../src/train/resident.js';
import { createOptimizer } from '../../src/optim/optimizers.js';

after(async () => {
  setBandOwners('own');
  setBlockThreshold(1 << 20);
  setRowBands('auto');
  await stopBackendThreads();
});

const rng = new Random(21);
const X = new Matrix(301, 200);
for (let i = 0; i < X.data.length; i++) X.data[i] = rng.random() * 2 - 1;
const labels = Array.from({ length: 200 }, () => rng.int(3));

/** 301-44-10-3 (layer 1 packs X from the copy of the training set), or 301-12-3 (X gathered first, then packed). */
function train(wide: boolean, batchSize: number, optimizer: 'adam' | 'gd'): Network {
  const hidden = wide ? [{ units: 44, activation: 'relu' as const }, { units: 10, activation: 'tanh' as const }] : [{ units: 12, activation: 'tanh' as const }];
  const net = new Network({ inputSize: 301, seed: 6, l2: 0.1, layers: [...hidden, { units: 3, activation: 'softmax' }] });
  fit(net, X, labels, { epochs: 2, learningRate: 0.05, optimizer, batchSize, seed: 4 });
  return net;
}

function sameWeights(got: Network, want: Network, what: string): void {
  for (let l = 1; l <= want.depth; l++) {
    assert.deepEqual(got.W(l).data, want.W(l).data, `${what}: W${l}`);
    assert.deepEqual(got.b(l).data, want.b(l).data, `${what}: b${l}`);
  }
}

test('tasks that no thread owns, taken by whichever thread claims them first, give the one-thread weights bit for bit', async () => {
  setBlockThreshold(0);
  setRowBands('always');
  try {
    for (const [wide, batchSize, optimizer] of [[true, 64, 'adam'], [true, 13, 'gd'], [false, 32, 'adam']] as const) {
      await initBackend('wasm');
      const want = train(wide, batchSize, optimizer);
      for (const threads of [2, 3]) {
        await initBackend('wasm-threads', { threads });
        setBandOwners('nobody');
        const got = train(wide, batchSize, optimizer);
        setBandOwners('own');
        sameWeights(got, want, `${wide ? 'two hidden layers' : 'one'}, batch ${batchSize}, ${threads} threads, no owners`);
        sameWeights(train(wide, batchSize, optimizer), want, `${wide ? 'two hidden layers' : 'one'}, batch ${batchSize}, ${threads} threads, owned`);
      }
    }
  } finally {
    setBandOwners('own');
    setBlockThreshold(1 << 20);
    setRowBands('auto');
  }
});

test('a pool of three threads on a step cut for two: the third worker takes no task, and the weights are the one-thread ones', { timeout: 120_000 }, async () => {
  // 301-44-10-3 at batch 64: 3 (301·44 + 44·10 + 10·3) multiply-adds a column; a threshold of half a batch's makes two blocks of work
  const perColumn = 3 * (301 * 44 + 44 * 10 + 10 * 3);
  await initBackend('wasm');
  const want = train(true, 64, 'adam');
  setRowBands('always');
  setBlockThreshold(Math.floor((perColumn * 64) / 2));
  try {
    await initBackend('wasm-threads', { threads: 3 });
    const net = new Network({ inputSize: 301, seed: 6, layers: [{ units: 44, activation: 'relu' }, { units: 10, activation: 'tanh' }, { units: 3, activation: 'softmax' }] });
    const probe = ResidentTraining.create(net, createOptimizer('adam'), 64, { examples: 200 });
    assert.equal(probe?.threads, 2);
    probe!.close();
    // fit's own step: counted, so that a fall back to the layer-by-layer path cannot pass for it
    const made = { bands: 0 };
    const create = WasmResidentStep.create;
    WasmResidentStep.create = (...args) => {
      const step = create(...args);
      if (step?.threads === 2) made.bands++;
      return step;
    };
    try {
      sameWeights(train(true, 64, 'adam'), want, 'a pool of 3, a step for 2');
    } finally {
      WasmResidentStep.create = create;
    }
    assert.equal(made.bands, 1);
  } finally {
    setBlockThreshold(1 << 20);
    setRowBands('auto');
  }
});
