// The reference kernels in plain TypeScript: loop orders chosen so the innermost loop
// walks contiguous memory (row-major), with no allocation.

import type { Kernels } from '../kernels.js';
import type { FloatArray } from '../../tensor/matrix.js';

function matmul(a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number): void {
  // C[i, :] = sum_p A[i, p] * B[p, :]
  c.fill(0, 0, m * n);
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    const ai = i * k;
    for (let p = 0; p < k; p++) {
      const aip = a[ai + p]!;
      if (aip === 0) continue;
      const bp = p * n;
      for (let j = 0; j < n; j++) c[ci + j] += aip * b[bp + j]!;
    }
  }
}

function matmulTransB(a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number): void {
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
      c[i * n + j] = s0 + s1 + (s2 + s3);
    }
  }
}

function matmulTransA(a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number): void {
  // C[i, :] = sum_p A[p, i] * B[p, :]
  c.fill(0, 0, m * n);
  for (let p = 0; p < k; p++) {
    const ap = p * m;
    const bp = p * n;
    for (let i = 0; i < m; i++) {
      const api = a[ap + i]!;
      if (api === 0) continue;
      const ci = i * n;
      for (let j = 0; j < n; j++) c[ci + j] += api * b[bp + j]!;
    }
  }
}

export const jsKernels: Kernels = { name: 'js', matmul, matmulTransB, matmulTransA };
