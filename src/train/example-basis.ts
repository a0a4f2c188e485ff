// The examples' own coordinates for the first layer (wide-batch.ts). With X (n_x x m) of full
// column rank, G = X^T·X = L·L^T (Cholesky, L lower triangular) and X = Q·R with R = L^T (m x m)
// and Q = X·R^-1 orthonormal: W[1]·X = (W[1]·Q)·R, so a first layer P = W[1]·Q on the input R
// computes the same Z[1] with m inputs instead of n_x. Float64 here: these are m x m.

import { Matrix } from '../tensor/matrix.js';
import { gram } from '../tensor/ops.js';

/**
 * A column of X whose part outside the span of the columns before it is smaller than this, relative
 * to its length (squared: R[j][j]^2 / G[j][j]), makes the basis too unsure in float32 (G's rounding,
 * about 1e-6 of it, grows by the inverse of this ratio): X is then left as it is.
 */
const MIN_PIVOT_RATIO = 1e-3;

/** X = Q·R: L (R^T, m x m row-major, float64) and R as the first layer's input (float32, m x m). */
export interface ExampleBasis {
  m: number;
  L: Float64Array;
  R: Matrix;
}

/** The basis of X's columns, or undefined when they are (nearly) linearly dependent. */
export function exampleBasis(X: Matrix): ExampleBasis | undefined {
  const m = X.cols;
  const L = cholesky(gram(X), m);                                // G = X^T·X = L·L^T
  if (!L) return undefined;
  const R = Matrix.zeros(m, m, X.dtype);
  for (let i = 0; i < m; i++) for (let j = i; j < m; j++) R.data[i * m + j] = L[j * m + i]!; // R = L^T
  return { m, L, R };
}

/** L with L·L^T = G (m x m, row-major), or undefined when a pivot is below MIN_PIVOT_RATIO of its diagonal. */
function cholesky(G: Float64Array, m: number): Float64Array | undefined {
  const L = new Float64Array(m * m);
  for (let j = 0; j < m; j++) {
    const rj = j * m;
    let s = G[rj + j]!;
    for (let k = 0; k < j; k++) s -= L[rj + k]! * L[rj + k]!;   // L[j][j]^2 = G[j][j] - sum_k L[j][k]^2
    if (!(s > MIN_PIVOT_RATIO * G[rj + j]!)) return undefined;
    const d = Math.sqrt(s);
    L[rj + j] = d;
    for (let i = j + 1; i < m; i++) {
      const ri = i * m;
      let t = G[ri + j]!;
      for (let k = 0; k < j; k++) t -= L[ri + k]! * L[rj + k]!; // L[i][j] = (G[i][j] - sum_k L[i][k] L[j][k]) / L[j][j]
      L[ri + j] = t / d;
    }
  }
  return L;
}

/** P with P·R = Z (Z: n x m, float32 or float64 values), as float64: each row p solves L·p^T = z^T. */
export function solveTimesR(Z: ArrayLike<number>, n: number, basis: ExampleBasis): Float64Array {
  const { m, L } = basis;
  const P = new Float64Array(n * m);
  for (let r = 0; r < n; r++) {
    const o = r * m;
    for (let i = 0; i < m; i++) {
      let s = Z[o + i]!;
      for (let k = 0; k < i; k++) s -= L[i * m + k]! * P[o + k]!;
      P[o + i] = s / L[i * m + i]!;
    }
  }
  return P;
}

/** C with C·R^T = D (n x m): each row c solves L^T·c^T = d^T (C·X^T is then the change of W[1] that D is of P). */
export function solveTimesRT(D: Float64Array, n: number, basis: ExampleBasis): Float64Array {
  const { m, L } = basis;
  const C = new Float64Array(n * m);
  const d = new Float64Array(m);
  for (let r = 0; r < n; r++) {
    d.set(D.subarray(r * m, (r + 1) * m));
    for (let j = m - 1; j >= 0; j--) {
      const c = d[j]! / L[j * m + j]!;
      C[r * m + j] = c;
      for (let k = 0; k < j; k++) d[k] = d[k]! - c * L[j * m + k]!;
    }
  }
  return C;
}
