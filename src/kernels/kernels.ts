// The few hot operations of training, behind one interface so faster backends
// (WebAssembly SIMD, worker threads) can replace the plain TypeScript reference.
// Matrices are passed as row-major typed arrays with their dimensions; callers check shapes.

import type { FloatArray } from '../tensor/matrix.js';

export interface Kernels {
  readonly name: string;
  /** C = A·B, A: m x k, B: k x n, C: m x n (forward: Z = W·A_prev). */
  matmul(a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number): void;
  /** C = A·B^T, A: m x k, B: n x k, C: m x n (backward: dW = dZ·A_prev^T). */
  matmulTransB(a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number): void;
  /** C = A^T·B, A: k x m, B: k x n, C: m x n (backward: dA_prev = W^T·dZ). */
  matmulTransA(a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number): void;
}
