// The reference kernels in plain TypeScript, with no allocation. C = alpha·(product). A·B and A^T·B
// are one strided kernel over 4 x 4 tiles of C held in local variables (each value of A and B read is
// used four times), with the depth cut in blocks that stay in cache; A·B^T is dot products of
// contiguous rows, two by two. Sums are in float64, each in a fixed order (so float64 results do not
// depend on the blocking).

import type { Kernels, Piecewise } from '../kernels.js';
import type { FloatArray } from '../../tensor/matrix.js';

/** C := alpha C over its first m x n values. */
function scaleC(c: FloatArray, size: number, alpha: number): void {
  if (alpha !== 1) for (let q = 0; q < size; q++) c[q] = alpha * c[q]!;
}

/** Depth and column blocks: a block of B (KC x NC) and four rows of A stay in the caches while it is used. */
const KC = 256, NC = 128;

/**
 * C[i, j] = alpha · sum_p A(i, p) B(p, j), with A(i, p) = a[i ra + p ca] and B(p, j) = b[p rb + j cb]
 * (the strides give A·B and A^T·B alike). Every C[i, j] adds its terms in the order
 * p = 0..k-1 in float64 (a Float32Array C is rounded at the end of each depth block).
 */
function gemm(a: FloatArray, ra: number, ca: number, b: FloatArray, rb: number, cb: number, c: FloatArray, m: number, k: number, n: number, alpha: number): void {
  c.fill(0, 0, m * n);
  for (let p0 = 0; p0 < k; p0 += KC) {
    const p1 = Math.min(k, p0 + KC);
    for (let j0 = 0; j0 < n; j0 += NC) {
      const j1 = Math.min(n, j0 + NC);
      let i = 0;
      for (; i + 4 <= m; i += 4) {
        let j = j0;
        for (; j + 4 <= j1; j += 4) tile4x4(a, ra, ca, b, rb, cb, c, n, i, j, p0, p1);
        for (; j < j1; j++) for (let r = i; r < i + 4; r++) addDot(a, ra, ca, b, rb, cb, c, n, r, j, p0, p1);
      }
      for (; i < m; i++) addRow(a, ra, ca, b, rb, cb, c, n, i, j0, j1, p0, p1);
    }
  }
  scaleC(c, m * n, alpha);
}

/** C[i, j] += sum_{p0 <= p < p1} A(i, p) B(p, j), one value (the edges the tiles leave). */
function addDot(a: FloatArray, ra: number, ca: number, b: FloatArray, rb: number, cb: number, c: FloatArray, n: number, i: number, j: number, p0: number, p1: number): void {
  let s = c[i * n + j]!;
  for (let p = p0, pa = i * ra + p0 * ca, pb = p0 * rb + j * cb; p < p1; p++, pa += ca, pb += rb) s += a[pa]! * b[pb]!;
  c[i * n + j] = s;
}

/** Running sums of one row of C across a block of columns (addRow), in float64. */
const rowSums = new Float64Array(NC);

/**
 * C[i, j0..j1] += sum_{p0 <= p < p1} A(i, p) B(p, j): a row the tiles leave (all of C when m < 4, as
 * in logistic regression's 1 x n_x W), read along B's rows, p by p. Each element adds its terms in
 * the order addDot does, in float64, and is rounded once: the same bits.
 */
function addRow(a: FloatArray, ra: number, ca: number, b: FloatArray, rb: number, cb: number, c: FloatArray, n: number, i: number, j0: number, j1: number, p0: number, p1: number): void {
  const w = j1 - j0, ci = i * n + j0;
  for (let q = 0; q < w; q++) rowSums[q] = c[ci + q]!;
  for (let p = p0, pa = i * ra + p0 * ca, pb = p0 * rb + j0 * cb; p < p1; p++, pa += ca, pb += rb) {
    const x = a[pa]!;
    for (let q = 0, bq = pb; q < w; q++, bq += cb) rowSums[q] = rowSums[q]! + x * b[bq]!;
  }
  for (let q = 0; q < w; q++) c[ci + q] = rowSums[q]!;
}

/** C[i..i+3, j..j+3] += sum_{p0 <= p < p1} A(i.., p) B(p, j..): per p, four values of A times four of B. */
function tile4x4(a: FloatArray, ra: number, ca: number, b: FloatArray, rb: number, cb: number, c: FloatArray, n: number, i: number, j: number, p0: number, p1: number): void {
  const c0 = i * n + j, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
  let s00 = c[c0]!, s01 = c[c0 + 1]!, s02 = c[c0 + 2]!, s03 = c[c0 + 3]!;
  let s10 = c[c1]!, s11 = c[c1 + 1]!, s12 = c[c1 + 2]!, s13 = c[c1 + 3]!;
  let s20 = c[c2]!, s21 = c[c2 + 1]!, s22 = c[c2 + 2]!, s23 = c[c2 + 3]!;
  let s30 = c[c3]!, s31 = c[c3 + 1]!, s32 = c[c3 + 2]!, s33 = c[c3 + 3]!;
  const cb2 = 2 * cb, cb3 = 3 * cb, ra2 = 2 * ra, ra3 = 3 * ra;
  for (let p = p0, pa = i * ra + p0 * ca, pb = p0 * rb + j * cb; p < p1; p++, pa += ca, pb += rb) {
    const b0 = b[pb]!, b1 = b[pb + cb]!, b2 = b[pb + cb2]!, b3 = b[pb + cb3]!;
    let x = a[pa]!;
    s00 += x * b0; s01 += x * b1; s02 += x * b2; s03 += x * b3;
    x = a[pa + ra]!;
    s10 += x * b0; s11 += x * b1; s12 += x * b2; s13 += x * b3;
    x = a[pa + ra2]!;
    s20 += x * b0; s21 += x * b1; s22 += x * b2; s23 += x * b3;
    x = a[pa + ra3]!;
    s30 += x * b0; s31 += x * b1; s32 += x * b2; s33 += x * b3;
  }
  c[c0] = s00; c[c0 + 1] = s01; c[c0 + 2] = s02; c[c0 + 3] = s03;
  c[c1] = s10; c[c1 + 1] = s11; c[c1 + 2] = s12; c[c1 + 3] = s13;
  c[c2] = s20; c[c2 + 1] = s21; c[c2 + 2] = s22; c[c2 + 3] = s23;
  c[c3] = s30; c[c3 + 1] = s31; c[c3 + 2] = s32; c[c3 + 3] = s33;
}

/** C = alpha A·B, A m x k, B k x n. */
function matmul(a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number, alpha = 1): void {
  gemm(a, k, 1, b, n, 1, c, m, k, n, alpha);
}

/**
 * C = alpha A·B^T, A m x k, B n x k: C[i, j] = A[i, :]·B[j, :], both rows contiguous. Each dot product
 * keeps four partial sums (terms p mod 4), added as (s0 + s1) + (s2 + s3); the 2 x 2 tiles read each
 * value twice. B's rows in blocks of NC stay in cache across the rows of A.
 */
function matmulTransB(a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number, alpha = 1): void {
  for (let j0 = 0; j0 < n; j0 += NC) {
    const j1 = Math.min(n, j0 + NC);
    let i = 0;
    for (; i + 2 <= m; i += 2) {
      let j = j0;
      for (; j + 2 <= j1; j += 2) dots2x2(a, b, c, k, n, i, j, alpha);
      if (j < j1) {
        c[i * n + j] = alpha * dot4(a, i * k, b, j * k, k);
        c[(i + 1) * n + j] = alpha * dot4(a, (i + 1) * k, b, j * k, k);
      }
    }
    if (i < m) for (let j = j0; j < j1; j++) c[i * n + j] = alpha * dot4(a, i * k, b, j * k, k);
  }
}

/** a[ai..ai+k)·b[bj..bj+k) in four partial sums. */
function dot4(a: FloatArray, ai: number, b: FloatArray, bj: number, k: number): number {
  const k4 = k - (k % 4);
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, p = 0;
  for (; p < k4; p += 4) {
    s0 += a[ai + p]! * b[bj + p]!;
    s1 += a[ai + p + 1]! * b[bj + p + 1]!;
    s2 += a[ai + p + 2]! * b[bj + p + 2]!;
    s3 += a[ai + p + 3]! * b[bj + p + 3]!;
  }
  for (; p < k; p++) s0 += a[ai + p]! * b[bj + p]!;
  return s0 + s1 + (s2 + s3);
}

/** C[i..i+1, j..j+1] = alpha A[i..i+1, :]·B[j..j+1, :]^T, each of the four as dot4 computes it. */
function dots2x2(a: FloatArray, b: FloatArray, c: FloatArray, k: number, n: number, i: number, j: number, alpha: number): void {
  const a0 = i * k, a1 = a0 + k, b0 = j * k, b1 = b0 + k;
  const k4 = k - (k % 4);
  // u: row i with row j, v: i with j+1, w: i+1 with j, x: i+1 with j+1; digit = p mod 4
  let u0 = 0, u1 = 0, u2 = 0, u3 = 0, v0 = 0, v1 = 0, v2 = 0, v3 = 0;
  let w0 = 0, w1 = 0, w2 = 0, w3 = 0, x0 = 0, x1 = 0, x2 = 0, x3 = 0;
  let p = 0;
  for (; p < k4; p += 4) {
    let ai = a[a0 + p]!, ak = a[a1 + p]!, bj = b[b0 + p]!, bk = b[b1 + p]!;
    u0 += ai * bj; v0 += ai * bk; w0 += ak * bj; x0 += ak * bk;
    ai = a[a0 + p + 1]!; ak = a[a1 + p + 1]!; bj = b[b0 + p + 1]!; bk = b[b1 + p + 1]!;
    u1 += ai * bj; v1 += ai * bk; w1 += ak * bj; x1 += ak * bk;
    ai = a[a0 + p + 2]!; ak = a[a1 + p + 2]!; bj = b[b0 + p + 2]!; bk = b[b1 + p + 2]!;
    u2 += ai * bj; v2 += ai * bk; w2 += ak * bj; x2 += ak * bk;
    ai = a[a0 + p + 3]!; ak = a[a1 + p + 3]!; bj = b[b0 + p + 3]!; bk = b[b1 + p + 3]!;
    u3 += ai * bj; v3 += ai * bk; w3 += ak * bj; x3 += ak * bk;
  }
  for (; p < k; p++) {
    const ai = a[a0 + p]!, ak = a[a1 + p]!, bj = b[b0 + p]!, bk = b[b1 + p]!;
    u0 += ai * bj; v0 += ai * bk; w0 += ak * bj; x0 += ak * bk;
  }
  const c0 = i * n + j;
  c[c0] = alpha * (u0 + u1 + (u2 + u3));
  c[c0 + 1] = alpha * (v0 + v1 + (v2 + v3));
  c[c0 + n] = alpha * (w0 + w1 + (w2 + w3));
  c[c0 + n + 1] = alpha * (x0 + x1 + (x2 + x3));
}

/** C = alpha A^T·B, A k x m, B k x n. */
function matmulTransA(a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number, alpha = 1): void {
  gemm(a, 1, m, b, n, 1, c, m, k, n, alpha);
}

/**
 * y := y + alpha x, four values per pass (in float32 on float32 arrays: axpy32). The last n % 4 values
 * come first, before the loop: see allFinite (tensor/finite.ts) for why a tail loop after it left V8's
 * optimized code on every call (3 times an epoch in the 2-layer cat net's float64 training).
 */
function axpy(y: FloatArray, alpha: number, x: FloatArray): void {
  if (y instanceof Float32Array) {
    axpy32(y, alpha, x);
    return;
  }
  const n = y.length, n4 = n - (n % 4);
  for (let k = n4; k < n; k++) y[k] = y[k]! + alpha * x[k]!;
  for (let k = 0; k < n4; k += 4) {
    y[k] = y[k]! + alpha * x[k]!;
    y[k + 1] = y[k + 1]! + alpha * x[k + 1]!;
    y[k + 2] = y[k + 2]! + alpha * x[k + 2]!;
    y[k + 3] = y[k + 3]! + alpha * x[k + 3]!;
  }
}

/**
 * y := y + alpha x in float32, as the WebAssembly axpy and the optimizers' updates compute it: alpha
 * rounded once, the product rounded, then the sum (rounded when stored). The tail first, as in axpy.
 */
function axpy32(y: Float32Array, alpha: number, x: FloatArray): void {
  const a = Math.fround(alpha), n = y.length, n4 = n - (n % 4);
  for (let k = n4; k < n; k++) y[k] = y[k]! + Math.fround(a * x[k]!);
  for (let k = 0; k < n4; k += 4) {
    y[k] = y[k]! + Math.fround(a * x[k]!);
    y[k + 1] = y[k + 1]! + Math.fround(a * x[k + 1]!);
    y[k + 2] = y[k + 2]! + Math.fround(a * x[k + 2]!);
    y[k + 3] = y[k + 3]! + Math.fround(a * x[k + 3]!);
  }
}

/** Z := Z + b (b_i over row i), then A = g(Z), in one pass over rows x cols values. */
export function biasActivation(z: FloatArray, b: FloatArray, a: FloatArray, rows: number, cols: number, g: Piecewise): void {
  // Z is stored and read back, so a float32 Z is rounded before g sees it (as in two passes)
  for (let i = 0; i < rows; i++) {
    const bi = b[i]!;
    const end = (i + 1) * cols;
    if (g.kind === 'relu') {
      for (let q = i * cols; q < end; q++) { z[q] = z[q]! + bi; const v = z[q]!; a[q] = v > 0 ? v : 0; }
    } else if (g.kind === 'leakyRelu') {
      const s = g.slope;
      for (let q = i * cols; q < end; q++) { z[q] = z[q]! + bi; const v = z[q]!; a[q] = v > 0 ? v : s * v; }
    } else {
      for (let q = i * cols; q < end; q++) { z[q] = z[q]! + bi; a[q] = z[q]!; }
    }
  }
}

/** dZ = dA * g'(Z) over n values: g'(z) = 1 for z > 0, else 0 (relu), slope (leakyRelu), 1 (linear). */
export function activationGradient(z: FloatArray, da: FloatArray, dz: FloatArray, n: number, g: Piecewise): void {
  if (g.kind === 'relu') for (let q = 0; q < n; q++) dz[q] = z[q]! > 0 ? da[q]! : 0;
  else if (g.kind === 'leakyRelu') { const s = g.slope; for (let q = 0; q < n; q++) dz[q] = z[q]! > 0 ? da[q]! : s * da[q]!; }
  else for (let q = 0; q < n; q++) dz[q] = da[q]!;
}

function denseForward(w: FloatArray, x: FloatArray, b: FloatArray, z: FloatArray, a: FloatArray, m: number, k: number, n: number, g: Piecewise): void {
  matmul(w, x, z, m, k, n);             // Z = W·X
  biasActivation(z, b, a, m, n, g);     //     + b,  A = g(Z)
}

function denseBackward(w: FloatArray, dz: FloatArray, zBelow: FloatArray, da: FloatArray, dzBelow: FloatArray, m: number, k: number, n: number, g: Piecewise): void {
  matmulTransA(w, dz, da, m, k, n);                  // dA = W^T·dZ
  activationGradient(zBelow, da, dzBelow, m * n, g); // dZbelow = dA * g'(Zbelow)
}

/** G = X^T·X in float64 (X: rows x m, row-major): G += x_k^T·x_k for each row, the upper half, then mirrored. */
function gram(x: FloatArray, rows: number, m: number): Float64Array {
  const G = new Float64Array(m * m);
  for (let k = 0; k < rows; k++) {
    const o = k * m;
    for (let i = 0; i < m; i++) {
      const xi = x[o + i]!, gi = i * m;
      if (xi === 0) continue;
      for (let j = i; j < m; j++) G[gi + j] = G[gi + j]! + xi * x[o + j]!;
    }
  }
  mirrorUpper(G, m);
  return G;
}

/** Fill the lower half of a symmetric m x m matrix (row-major) from its upper half. */
export function mirrorUpper(G: Float64Array, m: number): void {
  for (let i = 1; i < m; i++) for (let j = 0; j < i; j++) G[i * m + j] = G[j * m + i]!;
}

/** Nothing to keep: the JS kernels read the arrays in place. */
const pin = (): void => {};

export const jsKernels: Kernels = { name: 'js', matmul, matmulTransB, matmulTransA, axpy, denseForward, denseBackward, gram, pin, unpin: pin,
  residentStep: () => undefined };
