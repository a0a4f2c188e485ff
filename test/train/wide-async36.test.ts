// Full-batch training on wide data in the examples' coordinates (src/train/wide-batch.ts) with
// callbacks that say they do not read the weights (FitOptions.callbacksIgnoreWeights), in fit and
// fitAsync, and in trainModel (the CLI's train): the same run as on X to float32 rounding, each callback
// called once per epoch, and a run stopped by a divergence, a signal or a callback stopped as on X.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix, Network, fit, fitAsync, trainModel, Random, DivergenceError, OptionError, type EpochInfo, type AsyncFitOptions } from '../../src/index.js';
import { initBackend, stopBackendThreads } from '../../src/kernels/init.js';
import { setWideBatch } from '../../src/train/wide-batch.js';

after(() => stopBackendThreads());

/** n_x x m features in [0, scale) and 0/1 labels from a hidden rule. */
function wideData(nx: number, m: number, seed: number, scale = 1): { X: Matrix; Y: Float32Array } {
  const rng = new Random(seed);
  const X = Matrix.zeros(nx, m);
  for (let i = 0; i < X.data.length; i++) X.data[i] = scale * rng.random();
  const Y = new Float32Array(m);
  for (let j = 0; j < m; j++) {
    let s = 0;
    for (let i = 0; i < 10; i++) s += X.data[i * m + j]! / scale - 0.5;
    Y[j] = s > 0 ? 1 : 0;
  }
  return { X, Y };
}

const NX = 600, M = 30;
const layers = [{ units: 8, activation: 'relu' as const }, { units: 1, activation: 'sigmoid' as const }];
const newNet = () => new Network({ inputSize: NX, seed: 5, layers });
const weightsOf = (net: Network) => net.layers.map((l) => Float32Array.from(l.W.data));
const relative = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let d = 0, n = 0;
  for (let k = 0; k < a.length; k++) { d += (a[k]! - b[k]!) ** 2; n += b[k]! ** 2; }
  return Math.sqrt(d / n);
};
const sameBits = (a: Float32Array[], b: Float32Array[]) => a.every((w, l) => w.every((v, k) => v === b[l]![k]));

interface Seen { costs: number[]; W: Float32Array[]; history: { cost: number[]; stopReason: string } }

/** fitAsync (or fit) in `mode`, recording the costs its onEpochEnd was given. */
async function run(mode: 'auto' | 'never', options: Partial<AsyncFitOptions>, sync = false): Promise<Seen> {
  setWideBatch(mode);
  try {
    const { X, Y } = wideData(NX, M, 3), net = newNet(), costs: number[] = [];
    const onEpochEnd = (info: EpochInfo) => { costs.push(info.cost); return (options.onEpochEnd as ((i: EpochInfo) => boolean | void) | undefined)?.(info); };
    const o = { epochs: 120, learningRate: 0.05, ...options, onEpochEnd };
    const history = sync ? fit(net, X, Y, o as Parameters<typeof fit>[3]) : await fitAsync(net, X, Y, o);
    return { costs, W: weightsOf(net), history };
  } finally {
    setWideBatch('auto');
  }
}

function assertSameRun(wide: Seen, onX: Seen): void {
  assert.ok(!sameBits(wide.W, onX.W), 'the examples\' coordinates were not used (the same bits as on X)');
  assert.equal(wide.costs.length, onX.costs.length, 'onEpochEnd called once per epoch');
  wide.costs.forEach((c, e) => assert.ok(Math.abs(c - onX.costs[e]!) <= 2e-4 * onX.costs[e]!, `epoch ${e + 1}: ${c} against ${onX.costs[e]} on X`));
  wide.W.forEach((W, l) => assert.ok(relative(W, onX.W[l]!) < 2e-3, `W[${l + 1}] differs by ${relative(W, onX.W[l]!)}`));
  assert.equal(wide.history.stopReason, onX.history.stopReason);
}

for (const backend of ['js', 'wasm'] as const) {
  test(`${backend}: fitAsync and fit with callbacksIgnoreWeights run in the examples' coordinates, the same run as on X`, async () => {
    await initBackend(backend);
    assertSameRun(await run('auto', { callbacksIgnoreWeights: true }), await run('never', { callbacksIgnoreWeights: true }));
    assertSameRun(await run('auto', { callbacksIgnoreWeights: true }, true), await run('never', { callbacksIgnoreWeights: true }, true));
  });
}

test('without callbacksIgnoreWeights a callback may read the network: trained on X itself (the same bits), in fit and fitAsync', async () => {
  await initBackend('wasm');
  for (const sync of [false, true]) {
    const auto = await run('auto', {}, sync), never = await run('never', {}, sync);
    assert.ok(sameBits(auto.W, never.W), `${sync ? 'fit' : 'fitAsync'}: not trained on X`);
  }
});

test('a callback that stops training at epoch 7: stopped there, as on X', async () => {
  await initBackend('wasm');
  const stop = { callbacksIgnoreWeights: true, onEpochEnd: (info: EpochInfo) => info.epoch < 7 };
  const wide = await run('auto', stop), onX = await run('never', stop);
  assert.equal(wide.costs.length, 7);
  assert.equal(wide.history.stopReason, 'callback');
  assertSameRun(wide, onX);
});

test('a signal aborted after epoch 5: the same error, five callbacks, and the weights of epoch 5 (mapped back to X\'s coordinates)', async () => {
  await initBackend('wasm');
  const seen: Seen[] = [];
  for (const mode of ['auto', 'never'] as const) {
    setWideBatch(mode);
    try {
      const { X, Y } = wideData(NX, M, 3), net = newNet(), controller = new AbortController(), costs: number[] = [];
      await assert.rejects(fitAsync(net, X, Y, {
        epochs: 120, learningRate: 0.05, signal: controller.signal, callbacksIgnoreWeights: true,
        onEpochEnd: (info) => { costs.push(info.cost); if (info.epoch === 5) controller.abort(new Error('stop here')); },
      }), /stop here/);
      assert.equal(net.training, undefined);
      seen.push({ costs, W: weightsOf(net), history: { cost: costs, stopReason: 'callback' } });
    } finally {
      setWideBatch('auto');
    }
  }
  assertSameRun(seen[0]!, seen[1]!);
});

test('a run that diverges after its first epochs were reported: the same error as on X (naming X\'s rows), each epoch reported once, finite weights', async () => {
  await initBackend('wasm');
  const errors: string[] = [], reported: number[] = [], firsts: number[] = [];
  for (const mode of ['auto', 'never'] as const) {
    setWideBatch(mode);
    try {
      const { X, Y } = wideData(NX, M, 4, 1e6), net = newNet(); // inputs in the millions: the advice names a row of X
      let calls = 0;
      await assert.rejects(fitAsync(net, X, Y, { epochs: 200, learningRate: 0.5, callbacksIgnoreWeights: true, onEpochEnd: () => { calls++; } }), (e: unknown) => {
        assert.ok(e instanceof DivergenceError);
        errors.push(e.message.replace(/-?\d+\.\d+(e[+-]?\d+)?|\d+e[+-]?\d+/g, '#'));
        return true;
      });
      reported.push(calls);
      assert.ok(net.layers.every((l) => l.W.data.every(Number.isFinite)), `${mode}: weights not finite`);
      firsts.push(net.layers[0]!.W.data[0]!);
    } finally {
      setWideBatch('auto');
    }
  }
  assert.ok(reported[0]! >= 1, 'the divergence came before any epoch was reported: the case is not tested');
  assert.equal(reported[0], reported[1], 'epochs reported');
  assert.equal(errors[0], errors[1]);
  assert.match(errors[0]!, new RegExp(`of X \\(of ${NX}\\)`));
  assert.ok(Math.abs(firsts[0]! - firsts[1]!) <= 1e-3 * Math.max(1e-6, Math.abs(firsts[1]!)), `W[1][0][0] ${firsts[0]} against ${firsts[1]}`);
});

test('trainModel takes the examples\' coordinates without onStart (as the CLI, which says its hooks ignore the weights), not with it', async () => {
  await initBackend('wasm');
  const { X, Y } = wideData(NX, M, 3);
  const train = { name: 'wide', X, Y: Matrix.row(Y), task: 'binary' as const, classes: ['0', '1'], featureNames: Array.from({ length: NX }, (_, i) => `x${i + 1}`) };
  const spec = { layers: [8], activation: 'relu' as const, epochs: 150, learningRate: 0.05, testSplit: 0, seed: 2 };
  const models: Float32Array[][] = [];
  for (const [mode, hooks] of [['auto', {}], ['never', {}], ['auto', { onStart: () => {} }], ['auto', { onStart: () => {}, ignoreWeights: true }]] as const) {
    setWideBatch(mode);
    try {
      const { model } = await trainModel(spec, { train }, { ...hooks, onEpochEnd: () => {} });
      models.push(model.network.layers.map((l) => Float32Array.from(l.W.data)));
    } finally {
      setWideBatch('auto');
    }
  }
  assert.ok(!sameBits(models[0]!, models[1]!), 'without onStart: trained on X');
  assert.ok(relative(models[0]![0]!, models[1]![0]!) < 2e-3);
  assert.ok(sameBits(models[2]!, models[1]!), 'with onStart the hooks may hold the network: trained on X');
  assert.ok(sameBits(models[3]!, models[0]!), 'onStart with ignoreWeights: the examples\' coordinates');
  await assert.rejects(trainModel(spec, { train }, { ignoreWeights: 'yes' as never }), (e: unknown) => e instanceof OptionError && /hooks\.ignoreWeights must be true or false/.test(e.message));
  assert.throws(() => fit(newNet(), X, Y, { epochs: 1, callbacksIgnoreWeights: 1 as never }), /callbacksIgnoreWeights must be true or false/);
});
