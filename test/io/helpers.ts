// Shared by the interop tests: small random networks, random inputs as rows, and backprop's own
// answer for raw inputs (preprocessing applied here, x' = (x * scale - mean) / std).
import { Matrix, Network, Random, type ActivationSpec } from '../../src/index.js';

export interface Prep {
  scale?: number;
  standardize?: { mean: number[]; std: number[] };
}

/** A float32 network n_x -> hidden... -> output with random weights and biases. */
export function randomNet(inputSize: number, layers: [number, ActivationSpec][], seed: number): Network {
  const net = new Network({ inputSize, layers: layers.map(([units, activation]) => ({ units, activation })), init: 'xavier', seed, warn: () => {} });
  const rng = new Random(seed + 100);
  for (let l = 1; l <= net.depth; l++) {
    const b = net.b(l).data;
    for (let k = 0; k < b.length; k++) b[k] = 0.5 * rng.randn();
  }
  return net;
}

/** m examples of n features, row-major (example j at j*n..j*n+n-1), around `center` with spread `spread`. */
export function randomRows(m: number, n: number, seed: number, center = 0, spread = 1.5): Float32Array {
  const rng = new Random(seed);
  return Float32Array.from({ length: m * n }, () => center + spread * rng.randn());
}

export function randomPrep(n: number, seed: number, scale?: number): Prep {
  const rng = new Random(seed);
  return {
    ...(scale !== undefined ? { scale } : {}),
    standardize: {
      mean: Array.from({ length: n }, () => 3 * rng.randn()),
      std: Array.from({ length: n }, () => 0.5 + 2 * rng.random()),
    },
  };
}

/** backprop's outputs for raw row inputs, as rows (m x n_out, row-major). */
export function backpropRows(net: Network, rows: Float32Array, prep?: Prep): Float64Array {
  const n = net.inputSize, m = rows.length / n;
  const X = Matrix.zeros(n, m, 'float64');
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < n; i++) {
      let v = rows[j * n + i]! * (prep?.scale ?? 1);
      if (prep?.standardize) v = (v - prep.standardize.mean[i]!) / prep.standardize.std[i]!;
      X.set(i, j, v);
    }
  }
  const A = net.predictProba(X.astype('float32'));
  const out = new Float64Array(m * A.rows);
  for (let j = 0; j < m; j++) for (let i = 0; i < A.rows; i++) out[j * A.rows + i] = A.get(i, j);
  return out;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let d = 0;
  for (let k = 0; k < a.length; k++) d = Math.max(d, Math.abs(a[k]! - b[k]!));
  return d;
}

/** One model per output kind; together they use every activation. */
export const CASES: { name: string; inputSize: number; layers: [number, ActivationSpec][] }[] = [
  { name: 'binary: tanh -> sigmoid', inputSize: 3, layers: [[5, 'tanh'], [1, 'sigmoid']] },
  { name: 'multiclass: relu, leakyRelu -> softmax', inputSize: 4, layers: [[6, 'relu'], [5, { name: 'leakyRelu', alpha: 0.05 }], [3, 'softmax']] },
  { name: 'regression: selu, elu -> linear', inputSize: 3, layers: [[4, 'selu'], [4, 'elu'], [2, 'linear']] },
  { name: 'regression: sigmoid, linear -> tanh', inputSize: 2, layers: [[3, 'sigmoid'], [3, 'linear'], [1, 'tanh']] },
  { name: 'regression: leakyRelu (default slope) -> relu', inputSize: 2, layers: [[4, 'leakyRelu'], [2, 'relu']] },
];
