// A whole training step held by a kernel backend: the weights, the gradients and the optimizer's
// state live in the backend's memory, and one call runs forward, cost, backward and the update of
// a dense network over a mini-batch (Kernels.residentStep). Backends without one return undefined,
// and training runs layer by layer through tensor/ops.ts.

import type { Piecewise } from './kernels.js';

/** The update rule, with its hyperparameters (the course's forms, as in optim/optimizers.ts). */
export type UpdateRule =
  | { readonly kind: 'gd' }
  | { readonly kind: 'momentum'; readonly beta: number }
  | { readonly kind: 'rmsprop'; readonly beta: number; readonly epsilon: number }
  | { readonly kind: 'adam'; readonly beta1: number; readonly beta2: number; readonly epsilon: number };

/**
 * A smooth activation of a hidden layer, in the forms of nn/activations.ts: tanh, sigmoid, and elu
 * (g(z) = scale * z for z > 0, else scale * alpha * (e^z - 1); selu is elu with its two constants,
 * plain elu has scale 1).
 */
export type Smooth = { readonly kind: 'tanh' } | { readonly kind: 'sigmoid' } | { readonly kind: 'elu'; readonly alpha: number; readonly scale: number };

/** A uniform generator of doubles in [0, 1) (the network's Random). */
export interface Uniform {
  random(): number;
}

/**
 * Inverted dropout on hidden layers: each step draws the masks of its batch from `rng` as the
 * network's forward pass does (layer by layer, each n[l] x m matrix row by row), so a seeded run
 * gives the same masks, hence the same weights, as the layer-by-layer path.
 */
export interface Dropout {
  /** keepProb of the hidden layers l = 1..L-1 (1: no dropout). */
  readonly keepProb: readonly number[];
  readonly rng: Uniform;
}

/** The network and the training a resident step is built for. */
export interface StepSpec {
  /** n[0..L]: inputs, then the units of each layer. */
  readonly sizes: readonly number[];
  /** g[l] of the hidden layers l = 1..L-1. */
  readonly hidden: readonly (Piecewise | Smooth)[];
  /** Dropout, when a hidden layer has keepProb < 1. */
  readonly dropout?: Dropout;
  /** The output activation with its loss: sigmoid + binary CE, softmax + categorical CE, linear + MSE. */
  readonly output: 'sigmoid' | 'softmax' | 'linear';
  readonly update: UpdateRule;
  /** L1 and L2 strengths (the course's lambda). */
  readonly l1: number;
  readonly l2: number;
  /** The largest mini-batch (columns) a step will be given. */
  readonly batchSize: number;
  /**
   * When given, the number of examples m of the training set: the backend keeps a copy of all of
   * X and Y too (if it has room), so each block gathers its own examples there; the arrays must
   * then not change between steps unless the step is told they are `fresh`.
   */
  readonly examples?: number;
  /**
   * The batches are the examples in order (not shuffled): batch i is examples i * batchSize, ...
   * The copy of the training set is then kept as X is, and a batch's examples read in place.
   */
  readonly inOrder?: boolean;
  /** Threads to run a step on (1: the calling thread only). */
  readonly threads?: number;
  /** Record the norm of each dW[l] at every step (ResidentStep.addGradientNorms). */
  readonly gradientNorms?: boolean;
}

/** Thrown by a ResidentStep that checks its input (checksInput) when X holds a NaN or an infinity. */
export class NonFiniteInput extends Error {}

/** A step over float32 data in row-major n x m arrays (one example per column). */
export interface ResidentStep {
  /** Threads a step runs on. */
  readonly threads: number;
  /**
   * Whether step() checks that X is finite whenever it copies all of X in (the first step, and
   * every `fresh` one), throwing NonFiniteInput before any work: the caller need not check X itself.
   */
  readonly checksInput: boolean;
  /** Copy W[l] and b[l] in (l = 1..L, index 0 is layer 1). */
  setWeights(W: readonly Float32Array[], b: readonly Float32Array[]): void;
  /** Copy W[l], b[l], and when given dW[l], db[l] (of the last step), out. */
  getWeights(W: readonly Float32Array[], b: readonly Float32Array[], dW?: readonly Float32Array[], db?: readonly Float32Array[]): void;
  /** Whether every W[l] and b[l] is finite, checked where they are (without copying them out). */
  weightsFinite(): boolean;
  /**
   * One step of gradient descent on the columns `indices` of X (n[0] x m) and Y (n[L] x m), or on
   * all of them in order when `indices` is undefined. Returns the cost J of the forward pass, before
   * the update (regularization included). `fresh` false: X and Y are the arrays of the previous
   * whole-set step and have not changed, so they need not be copied in again.
   */
  step(X: Float32Array, Y: Float32Array, m: number, indices: Int32Array | undefined, alpha: number, fresh: boolean): number;
  /**
   * Add the Frobenius norm of each dW[l] of the last step (penalty included, as the network's
   * backward pass leaves dW) to sums[l - 1]; only when the spec asked for gradientNorms.
   */
  addGradientNorms(sums: Float64Array): void;
  /** Give the memory back. */
  close(): void;
}
