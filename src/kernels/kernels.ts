// The few hot operations of training, behind one interface so faster backends
// (WebAssembly SIMD, worker threads) can replace the plain TypeScript reference.
// Only tensor/ops.ts calls a backend. Matrices are passed as row-major typed arrays with their dimensions; callers check shapes.
// `alpha` (default 1) scales the product, so dW = (1/m) dZ·A^T needs no separate pass.

import type { FloatArray } from '../tensor/matrix.js';
import type { ResidentStep, StepSpec } from './step.js';

export interface Kernels {
  readonly name: string;
  /** C = alpha A·B, A: m x k, B: k x n, C: m x n (forward: Z = W·A_prev). */
  matmul(a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number, alpha?: number): void;
  /** C = alpha A·B^T, A: m x k, B: n x k, C: m x n (backward: dW = (1/m) dZ·A_prev^T). */
  matmulTransB(a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number, alpha?: number): void;
  /** C = alpha A^T·B, A: k x m, B: k x n, C: m x n (backward: dA_prev = W^T·dZ). */
  matmulTransA(a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number, alpha?: number): void;
  /**
   * A hint: `data` will not change until unpin(data) (or until pin is called again, which
   * refreshes it). A backend that copies operands (wasm) may keep one copy of it and reuse that
   * for every product, e.g. the training set X of full-batch training; others do nothing.
   */
  pin(data: FloatArray): void;
  /** End a pin(data); products copy `data` again. */
  unpin(data: FloatArray): void;
  /**
   * G = X^T·X in float64 (m x m, row-major) for X of `rows` x m, row-major: the examples' Gram matrix
   * (train/example-basis.ts). Optional: ops.gram falls back to the JS reference.
   */
  gram?(x: FloatArray, rows: number, m: number): Float64Array;
  /** y := y + alpha x over y.length values (gradient descent: W := W - alpha dW). */
  axpy(y: FloatArray, alpha: number, x: FloatArray): void;
  /**
   * Fused forward of a dense layer with a piecewise-linear activation g:
   * Z = W·X + b (W: m x k, X: k x n, b: m values broadcast over the n columns), A = g(Z).
   */
  denseForward(w: FloatArray, x: FloatArray, b: FloatArray, z: FloatArray, a: FloatArray,
    m: number, k: number, n: number, g: Piecewise): void;
  /**
   * Fused backward through a dense layer into the layer below it:
   * dA = W^T·dZ (W stored k x m, dZ: k x n, dA: m x n), then dZbelow = dA * g'(Zbelow).
   */
  denseBackward(w: FloatArray, dz: FloatArray, zBelow: FloatArray, da: FloatArray, dzBelow: FloatArray,
    m: number, k: number, n: number, g: Piecewise): void;
  /**
   * A whole training step (forward, cost, backward, update) held in the backend's memory for the
   * network `spec` describes, or undefined when the backend has none for it (step.ts).
   */
  residentStep(spec: StepSpec): ResidentStep | undefined;
}

/**
 * The activations the fused passes cover, g(z) = z for z > 0 and else:
 * relu 0, leakyRelu slope * z, linear z. (Those with exp stay in the activation objects; the
 * resident training step has its own, kernels/step.ts Smooth.)
 */
export type Piecewise = { readonly kind: 'relu' } | { readonly kind: 'leakyRelu'; readonly slope: number } | { readonly kind: 'linear' };
