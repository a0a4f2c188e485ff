// The reference kernels in plain TypeScript: loop orders chosen so the innermost loop
// walks contiguous memory (row-major), with no allocation. C = alpha·(product).

import type { Kernels, Piecewise } from '../kernels.js';
import type { FloatArray } from '../../tensor/matrix.js';

/** C := alpha C over its first m x n values (the alpha of matmul and matmulTransA). */
function scaleC(c: FloatArray, size: number, alpha: number): void {
  if (alpha !== 1) for (let q = 0; q < size; q++) c[q] = alpha * c[q]!;
}

function matmul(a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number, alpha = 1): void {
  // C[i, :] = sum_p A[i, p] * B[p, :]
  c.fill(0, 0, m * n);
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    const ai = i * k;
    for (let p = 0; p < k; p++) {
      const aip = a[ai + p]!;
      if (aip === 0) continue;
      const bp = p * n;
      for (let j = 0; j < n; j++) c[ci + j] = c[ci + j]! + aip * b[bp + j]!;
    }
  }
  scaleC(c, m * n, alpha);
}

function matmulTransB(a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number, alpha = 1): void {
  // C[i, j] = A[i, :] · B[j, :]
  const k4 = k - (k % 4);
  for (let i = 0; i < m; i++) {
    const ai = i * k;
    for (let j = 0; j < n; j++) {
      const bj = j * k;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      let p = 0;
      for (; p < k4; p += 4) {
        s0 += a[ai + p]! * b[bj + p]!;
        s1 += a[ai + p + 1]! * b[bj + p + 1]!;
        s2 += a[ai + p + 2]! * b[bj + p + 2]!;
        s3 += a[ai + p + 3]! * b[bj + p + 3]!;
      }
      for (; p < k; p++) s0 += a[ai + p]! * b[bj + p]!;
      c[i * n + j] = alpha * (s0 + s1 + (s2 + s3));
    }
  }
}

function matmulTransA(a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number, alpha = 1): void {
  // C[i, :] = sum_p A[p, i] * B[p, :]
  c.fill(0, 0, m * n);
  for (let p = 0; p < k; p++) {
    const ap = p * m;
    const bp = p * n;
    for (let i = 0; i < m; i++) {
      const api = a[ap + i]!;
      if (api === 0) continue;
      const ci = i * n;
      for (let j = 0; j < n; j++) c[ci + j] = c[ci + j]! + api * b[bp + j]!;
    }
  }
  scaleC(c, m * n, alpha);
}

/** y := y + alpha x, four values per pass. */
function axpy(y: FloatArray, alpha: number, x: FloatArray): void {
  const n = y.length, n4 = n - (n % 4);
  let k = 0;
  for (; k < n4; k += 4) {
    y[k] = y[k]! + alpha * x[k]!;
    y[k + 1] = y[k + 1]! + alpha * x[k + 1]!;
    y[k + 2] = y[k + 2]! + alpha * x[k + 2]!;
    y[k + 3] = y[k + 3]! + alpha * x[k + 3]!;
  }
  for (; k < n; k++) y[k] = y[k]! + alpha * x[k]!;
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

/** Nothing to keep: the JS kernels read the arrays in place. */
const pin = (): void => {};

export const jsKernels: Kernels = { name: 'js', matmul, matmulTransB, matmulTransA, axpy, denseForward, denseBackward, pin, unpin: pin,
  residentStep: () => undefined };
