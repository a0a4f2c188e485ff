// The notes' vectorization lesson, timed: one step of logistic regression (forward, cost, backward)
// written with explicit loops over the m examples and n_x features, against the matrix form the
// library computes (Z = w^T X + b, dZ = A - Y, dw = (1/m) X dZ^T, db = (1/m) Σ dZ), on the same data.
// Run: npm run build && node dist/bench/vectorization.js [--quick]. Timings depend on the machine and its load.

import { fileURLToPath } from 'node:url';
import { Matrix } from '../src/tensor/matrix.js';
import { Network } from '../src/nn/network.js';
import { Random } from '../src/tensor/random.js';
import { useFastestBackend } from '../src/node.js';
import { timeIt } from './workloads.js';

/** One logistic-regression step with a loop over examples and a loop over features, as before vectorization. */
export function loopStep(w: Float64Array, b: number, X: Matrix, y: ArrayLike<number>): { cost: number; dw: Float64Array; db: number } {
  const nx = X.rows, m = X.cols, x = X.data;
  const dw = new Float64Array(nx);
  let cost = 0, db = 0;
  for (let j = 0; j < m; j++) {
    let z = b;
    for (let i = 0; i < nx; i++) z += w[i]! * x[i * m + j]!;          // z = w^T x + b
    const a = 1 / (1 + Math.exp(-z));                                 // a = σ(z)
    cost -= y[j]! * Math.log(a) + (1 - y[j]!) * Math.log(1 - a);      // L(a, y)
    const dz = a - y[j]!;                                             // dz = a - y
    for (let i = 0; i < nx; i++) dw[i] = dw[i]! + x[i * m + j]! * dz; // dw += x dz
    db += dz;
  }
  for (let i = 0; i < nx; i++) dw[i] = dw[i]! / m;
  return { cost: cost / m, dw, db: db / m };
}

/** The same step in matrix form, by the library. */
export function matrixStep(net: Network, X: Matrix, Y: Matrix): { cost: number; dw: Matrix; db: number } {
  net.forward(X);
  const cost = net.cost(Y);
  net.backward(Y);
  return { cost, dw: net.dW(1), db: net.db(1).data[0]! };
}

/** Data shaped like the cat images: n_x features, m examples, values in [0, 1], labels 0/1. */
export function catShaped(nx: number, m: number, seed = 1): { X: Matrix; Y: Matrix; w: Float64Array } {
  const rng = new Random(seed);
  const X = new Matrix(nx, m, Float64Array.from({ length: nx * m }, () => rng.random()), 'float64');
  const Y = Matrix.row(Float64Array.from({ length: m }, () => (rng.random() < 0.35 ? 1 : 0)), 'float64');
  const w = Float64Array.from({ length: nx }, () => 0.001 * rng.randn());
  return { X, Y, w };
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const backend = await useFastestBackend();
  const nx = 12288, m = 209;
  const { X, Y, w } = catShaped(nx, m);
  const net = new Network({ inputSize: nx, dtype: 'float64', layers: [{ units: 1, activation: 'sigmoid' }], init: 'zeros', warn: () => {} });
  net.W(1).data.set(w);
  const seconds = quick ? 0.5 : 3;
  const loop = timeIt(() => { loopStep(w, 0, X, Y.data); }, seconds);
  const vec = timeIt(() => { matrixStep(net, X, Y); }, seconds);
  console.log(`one logistic-regression step on ${nx} x ${m} (the cat images' shape), float64, kernels ${backend}:`);
  console.log(`  loops over examples and features: ${(loop * 1000).toFixed(2)} ms`);
  console.log(`  matrix form (the library):        ${(vec * 1000).toFixed(2)} ms  (${(loop / vec).toFixed(1)}x faster)`);
  process.exit(0);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) void main();
