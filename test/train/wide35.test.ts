// Round 35 (wide6): a run on the examples' coordinates (src/train/wide-batch.ts) that stops with an
// error must stop as the run on X does: the same message (naming rows of X as given, and the network's
// own weights) and the same weights kept.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix, Network, fit, Random, type FitOptions, type LayerSpec } from '../../src/index.js';
import { initBackend, stopBackendThreads } from '../../src/kernels/init.js';
import { setWideBatch } from '../../src/train/wide-batch.js';

after(() => stopBackendThreads());

/** n_x x m features in [0, scale) and 0/1 labels. */
function wideData(nx: number, m: number, seed: number, scale: number): { X: Matrix; Y: Float32Array } {
  const rng = new Random(seed);
  const X = Matrix.zeros(nx, m);
  for (let i = 0; i < X.data.length; i++) X.data[i] = rng.random() * scale;
  return { X, Y: Float32Array.from({ length: m }, (_, j) => j % 2) };
}

interface Stop { message: string; W: Float32Array[]; b: Float32Array[] }

function stopOf(mode: 'auto' | 'never', X: Matrix, Y: Float32Array, layers: LayerSpec[], options: FitOptions): Stop {
  setWideBatch(mode);
  try {
    const net = new Network({ inputSize: X.rows, seed: 7, layers });
    let message = '';
    assert.throws(() => fit(net, X, Y, options), (e: unknown) => { message = (e as Error).message; return true; });
    return { message, W: net.layers.map((l) => Float32Array.from(l.W.data)), b: net.layers.map((l) => Float32Array.from(l.b.data)) };
  } finally {
    setWideBatch('auto');
  }
}

const layers: LayerSpec[] = [{ units: 8, activation: 'relu' }, { units: 1, activation: 'sigmoid' }];

test('a diverging run on large inputs names the row of X as given (was a row of the m x m R: "row 1 of X (of 30)")', async () => {
  await initBackend('wasm');
  const { X, Y } = wideData(600, 30, 2, 1e10);
  const onX = stopOf('never', X, Y, layers, { epochs: 200, learningRate: 0.05 });
  const wide = stopOf('auto', X, Y, layers, { epochs: 200, learningRate: 0.05 });
  assert.match(onX.message, /row \d+ of X \(of 600\)/);
  assert.equal(wide.message, onX.message);
});

test('a run that overflows keeps the weights the run on X keeps (it was put back to its start, all of W and b different)', async () => {
  await initBackend('wasm');
  const { X, Y } = wideData(600, 30, 2, 1e20);
  const onX = stopOf('never', X, Y, layers, { epochs: 200, learningRate: 0.05 });
  const wide = stopOf('auto', X, Y, layers, { epochs: 200, learningRate: 0.05 });
  onX.W.forEach((W, l) => {
    assert.deepEqual(wide.W[l], W, `W[${l + 1}]`);
    assert.deepEqual(wide.b[l], onX.b[l], `b[${l + 1}]`);
  });
  assert.equal(wide.message, onX.message);
});

test('X with values near float32\'s largest: the error of the run on X (was "setWeights: layer 1 has a non-finite value" from the examples\' coordinates)', async () => {
  await initBackend('wasm');
  for (const scale of [3e38, 1e37]) {
    const { X, Y } = wideData(600, 30, 2, scale);
    const linear: LayerSpec[] = [{ units: 8, activation: 'relu' }, { units: 1, activation: 'linear' }];
    const onX = stopOf('never', X, Y, linear, { epochs: 200, learningRate: 0.05 });
    const wide = stopOf('auto', X, Y, linear, { epochs: 200, learningRate: 0.05 });
    assert.match(onX.message, /training diverged/);
    assert.equal(wide.message, onX.message, `X up to ${scale}`);
    onX.W.forEach((W, l) => assert.deepEqual(wide.W[l], W, `W[${l + 1}]`));
  }
});
