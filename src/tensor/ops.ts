// Vectorized operations on whole matrices. Every function takes an optional `out`
// so the training loop can reuse buffers instead of allocating.

import { Matrix, ShapeError, assertSameShape } from './matrix.js';
import { getBackend } from '../kernels/registry.js';
import { jsKernels } from '../kernels/js/index.js';
import type { Piecewise } from '../kernels/kernels.js';

function target(out: Matrix | undefined, rows: number, cols: number, like: Matrix, op: string): Matrix {
  if (!out) return new Matrix(rows, cols, undefined, like.dtype);
  if (out.rows !== rows || out.cols !== cols) {
    throw new ShapeError(`${op}: output is ${out.shapeString}, expected ${rows} x ${cols}`);
  }
  return out;
}

/** alpha A·B: (m x k)·(k x n) -> m x n (alpha default 1). */
export function matmul(a: Matrix, b: Matrix, out?: Matrix, alpha = 1): Matrix {
  if (a.cols !== b.rows) {
    throw new ShapeError(`matmul: cannot multiply ${a.shapeString} by ${b.shapeString} (inner dimensions ${a.cols} and ${b.rows} differ)`);
  }
  const c = target(out, a.rows, b.cols, a, 'matmul');
  getBackend().matmul(a.data, b.data, c.data, a.rows, a.cols, b.cols, alpha);
  return c;
}

/** alpha A·B^T: (m x k)·(n x k)^T -> m x n (dW = (1/m) dZ·A^T with alpha = 1/m). */
export function matmulTransB(a: Matrix, b: Matrix, out?: Matrix, alpha = 1): Matrix {
  if (a.cols !== b.cols) {
    throw new ShapeError(`matmulTransB: cannot multiply ${a.shapeString} by the transpose of ${b.shapeString} (${a.cols} and ${b.cols} columns differ)`);
  }
  const c = target(out, a.rows, b.rows, a, 'matmulTransB');
  getBackend().matmulTransB(a.data, b.data, c.data, a.rows, a.cols, b.rows, alpha);
  return c;
}

/** alpha A^T·B: (k x m)^T·(k x n) -> m x n (alpha default 1). */
export function matmulTransA(a: Matrix, b: Matrix, out?: Matrix, alpha = 1): Matrix {
  if (a.rows !== b.rows) {
    throw new ShapeError(`matmulTransA: cannot multiply the transpose of ${a.shapeString} by ${b.shapeString} (${a.rows} and ${b.rows} rows differ)`);
  }
  const c = target(out, a.cols, b.cols, a, 'matmulTransA');
  getBackend().matmulTransA(a.data, b.data, c.data, a.cols, a.rows, b.cols, alpha);
  return c;
}

/** G = X^T·X (m x m for X n x m) in float64, row-major: the Gram matrix of X's columns (the examples). */
export function gram(X: Matrix): Float64Array {
  const kernels = getBackend();
  return (kernels.gram ?? jsKernels.gram!)(X.data, X.rows, X.cols);
}

/**
 * Promise the backend that X will not change until unpinned, so it may keep one copy of it for
 * every product (full-batch training multiplies by the same X at every step). Returns the unpin.
 */
export function pin(X: Matrix): () => void {
  const kernels = getBackend();
  kernels.pin(X.data);
  return () => kernels.unpin(X.data);
}

/**
 * Forward of a dense layer in one fused call: Z = W·X + b, A = g(Z), for a piecewise-linear g
 * (the backend's fused pass where it has one). Z and A must be W.rows x X.cols.
 */
export function denseForward(w: Matrix, x: Matrix, b: Matrix, z: Matrix, a: Matrix, g: Piecewise): void {
  if (w.cols !== x.rows) {
    throw new ShapeError(`denseForward: cannot multiply ${w.shapeString} by ${x.shapeString} (inner dimensions ${w.cols} and ${x.rows} differ)`);
  }
  if (b.rows !== w.rows || b.cols !== 1) throw new ShapeError(`denseForward: b is ${b.shapeString}, expected ${w.rows} x 1`);
  target(z, w.rows, x.cols, w, 'denseForward (Z)');
  target(a, w.rows, x.cols, w, 'denseForward (A)');
  getBackend().denseForward(w.data, x.data, b.data, z.data, a.data, w.rows, w.cols, x.cols, g);
}

/**
 * Backward through a dense layer into the one below, fused: dA = W^T·dZ, then
 * dZbelow = dA * g'(Zbelow) for the piecewise-linear g of the layer below.
 */
export function denseBackward(w: Matrix, dz: Matrix, zBelow: Matrix, da: Matrix, dzBelow: Matrix, g: Piecewise): void {
  if (w.rows !== dz.rows) {
    throw new ShapeError(`denseBackward: cannot multiply the transpose of ${w.shapeString} by ${dz.shapeString} (${w.rows} and ${dz.rows} rows differ)`);
  }
  target(zBelow, w.cols, dz.cols, w, 'denseBackward (Zbelow)');
  target(da, w.cols, dz.cols, w, 'denseBackward (dA)');
  target(dzBelow, w.cols, dz.cols, w, 'denseBackward (dZbelow)');
  getBackend().denseBackward(w.data, dz.data, zBelow.data, da.data, dzBelow.data, w.cols, w.rows, dz.cols, g);
}

/** Z + b with the column vector b (n x 1) broadcast over the m columns of Z (n x m). */
export function addColumn(z: Matrix, b: Matrix, out?: Matrix): Matrix {
  if (b.cols !== 1 || b.rows !== z.rows) {
    throw new ShapeError(`addColumn: cannot broadcast ${b.shapeString} over ${z.shapeString} (expected ${z.rows} x 1)`);
  }
  const c = target(out, z.rows, z.cols, z, 'addColumn');
  const { rows, cols } = z;
  const zd = z.data, bd = b.data, cd = c.data;
  for (let i = 0; i < rows; i++) {
    const bi = bd[i]!;
    const o = i * cols;
    for (let j = 0; j < cols; j++) cd[o + j] = zd[o + j]! + bi;
  }
  return c;
}

/** s times the sum over the columns (over examples): n x m -> n x 1 (db = (1/m) sum(dZ) with s = 1/m). */
export function sumColumns(a: Matrix, out?: Matrix, s = 1): Matrix {
  const c = target(out, a.rows, 1, a, 'sumColumns');
  const { rows, cols } = a;
  const d = a.data;
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    const o = i * cols;
    for (let j = 0; j < cols; j++) sum += d[o + j]!;
    c.data[i] = s * sum;
  }
  return c;
}

/** Sum over the rows (over units): n x m -> 1 x m. */
export function sumRows(a: Matrix, out?: Matrix): Matrix {
  const c = target(out, 1, a.cols, a, 'sumRows');
  const { rows, cols } = a;
  const d = a.data, cd = c.data;
  cd.fill(0);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) cd[j] = cd[j]! + d[o + j]!;
  }
  return c;
}

export function sum(a: Matrix): number {
  let s = 0;
  const d = a.data;
  for (let k = 0; k < d.length; k++) s += d[k]!;
  return s;
}

export function add(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  assertSameShape(a, b, 'add');
  const c = target(out, a.rows, a.cols, a, 'add');
  const ad = a.data, bd = b.data, cd = c.data;
  for (let k = 0; k < ad.length; k++) cd[k] = ad[k]! + bd[k]!;
  return c;
}

export function sub(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  assertSameShape(a, b, 'sub');
  const c = target(out, a.rows, a.cols, a, 'sub');
  const ad = a.data, bd = b.data, cd = c.data;
  for (let k = 0; k < ad.length; k++) cd[k] = ad[k]! - bd[k]!;
  return c;
}

/** Elementwise (Hadamard) product A * B. */
export function mul(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  assertSameShape(a, b, 'mul');
  const c = target(out, a.rows, a.cols, a, 'mul');
  const ad = a.data, bd = b.data, cd = c.data;
  for (let k = 0; k < ad.length; k++) cd[k] = ad[k]! * bd[k]!;
  return c;
}

export function scale(a: Matrix, s: number, out?: Matrix): Matrix {
  const c = target(out, a.rows, a.cols, a, 'scale');
  const ad = a.data, cd = c.data;
  for (let k = 0; k < ad.length; k++) cd[k] = ad[k]! * s;
  return c;
}

/** Y := Y + s * X, in place, on the backend (gradient descent: W := W - alpha dW; SIMD in wasm). */
export function axpy(y: Matrix, s: number, x: Matrix): Matrix {
  assertSameShape(y, x, 'axpy');
  getBackend().axpy(y.data, s, x.data);
  return y;
}

/** Index of the largest value in each column: n x m -> m indices (the predicted class per example). */
export function argmaxColumns(a: Matrix): Int32Array {
  const out = new Int32Array(a.cols);
  const { rows, cols } = a;
  const d = a.data;
  for (let j = 0; j < cols; j++) {
    let best = 0;
    let bestV = d[j]!;
    for (let i = 1; i < rows; i++) {
      const v = d[i * cols + j]!;
      if (v > bestV) { bestV = v; best = i; }
    }
    out[j] = best;
  }
  return out;
}

/** The first label that is not a whole class index 0..k-1, as "label 5 of example 2 is not a class index 0..2", or undefined. */
export function classIndexProblem(labels: ArrayLike<number>, numClasses: number): string | undefined {
  for (let j = 0; j < labels.length; j++) {
    const c = labels[j]!;
    if (!(Number.isInteger(c) && c >= 0 && c < numClasses)) return `label ${c} of example ${j + 1} is not a class index 0..${numClasses - 1}`;
  }
  return undefined;
}

/** Labels 0..k-1 as one-hot columns: k x m (filled into `into` when it is a k x m matrix of that dtype). */
export function oneHot(labels: ArrayLike<number>, numClasses: number, dtype: Matrix['dtype'] = 'float32', into?: Matrix): Matrix {
  const m = labels.length;
  const reuse = into !== undefined && into.rows === numClasses && into.cols === m && into.dtype === dtype;
  const y = reuse ? into : new Matrix(numClasses, m, undefined, dtype);
  if (reuse) y.data.fill(0);
  const problem = classIndexProblem(labels, numClasses);
  if (problem) throw new ShapeError(`oneHot: ${problem}`);
  for (let j = 0; j < m; j++) y.data[labels[j]! * m + j] = 1;
  return y;
}
