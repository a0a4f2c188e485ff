// Losses L(a, y) per example and the cost J = (1/m) * sum of losses over the m examples.
// Each loss gives dA = dL/dA per example (the 1/m is applied when dW and db are formed),
// and, for its natural output activation, the combined and stable dZ = A - Y.

import { Matrix, ShapeError } from '../tensor/matrix.js';
import type { ActivationName } from './activations.js';
import { OptionError } from '../errors.js';
import { closest, notOneOf } from '../util/known-keys.js';
import { transposedHint } from './example-layout.js';

export type LossName = 'binaryCrossEntropy' | 'categoricalCrossEntropy' | 'meanSquaredError';
export const LOSS_NAMES: readonly LossName[] = ['binaryCrossEntropy', 'categoricalCrossEntropy', 'meanSquaredError'];

/** Probabilities are kept this far from 0 and 1 before a log or a division. */
const EPS = 1e-15;

export interface Loss {
  readonly name: LossName;
  /** The output activation whose combined gradient is dZ = A - Y. */
  readonly pairedActivation?: ActivationName;
  /**
   * J = (1/m) * sum over examples of L(a, y), without regularization; with `weights` (one per
   * example, e.g. its class's weight), J = (1/m) * sum of w_j L(a_j, y_j), as Keras' class_weight.
   * Z (the output pre-activation) lets cross-entropy work from logits, which never takes log(0).
   */
  cost(A: Matrix, Y: Matrix, Z?: Matrix, activation?: ActivationName, weights?: ArrayLike<number>): number;
  /** dA = dL/dA, elementwise, per example. */
  gradient(A: Matrix, Y: Matrix, dA: Matrix): void;
}

function checkTargets(A: Matrix, Y: Matrix, loss: string): void {
  if (A.rows !== Y.rows || A.cols !== Y.cols) {
    throw new ShapeError(`${loss}: targets Y are ${Y.shapeString} but the network outputs ${A.shapeString}${transposedHint(Y, A.rows)}`);
  }
}

const binaryCrossEntropy: Loss = {
  name: 'binaryCrossEntropy',
  pairedActivation: 'sigmoid',
  cost(A, Y, Z, activation, weights) {
    // J = -(1/m) sum [y log a + (1 - y) log(1 - a)]
    checkTargets(A, Y, 'binaryCrossEntropy');
    const m = A.cols;
    const y = Y.data;
    const w = (k: number) => (weights ? weights[k % m]! : 1); // element k is example k mod m (row-major n x m)
    let s = 0;
    if (Z && activation === 'sigmoid') {
      // with a = sigma(z): L = max(z, 0) - y z + log(1 + e^-|z|), exact and finite for any z
      const z = Z.data;
      for (let k = 0; k < z.length; k++) {
        const v = z[k]!;
        s += w(k) * (Math.max(v, 0) - y[k]! * v + Math.log1p(Math.exp(-Math.abs(v))));
      }
    } else {
      const a = A.data;
      for (let k = 0; k < a.length; k++) {
        const p = Math.min(Math.max(a[k]!, EPS), 1 - EPS);
        s -= w(k) * (y[k]! * Math.log(p) + (1 - y[k]!) * Math.log(1 - p));
      }
    }
    return s / m;
  },
  gradient(A, Y, dA) {
    // dL/da = -(y / a) + (1 - y) / (1 - a)
    checkTargets(A, Y, 'binaryCrossEntropy');
    const a = A.data, y = Y.data, d = dA.data;
    for (let k = 0; k < a.length; k++) {
      const p = Math.min(Math.max(a[k]!, EPS), 1 - EPS);
      d[k] = -(y[k]! / p) + (1 - y[k]!) / (1 - p);
    }
  },
};

const categoricalCrossEntropy: Loss = {
  name: 'categoricalCrossEntropy',
  pairedActivation: 'softmax',
  cost(A, Y, Z, activation, weights) {
    // J = -(1/m) sum over examples of sum_i y_i log a_i
    checkTargets(A, Y, 'categoricalCrossEntropy');
    const { rows, cols } = A;
    const y = Y.data;
    const w = (k: number) => (weights ? weights[k % cols]! : 1); // element k is example k mod m (row-major n x m)
    let s = 0;
    if (Z && activation === 'softmax') {
      // log a_i = z_i - max z - log sum_k e^(z_k - max z)
      const z = Z.data;
      for (let j = 0; j < cols; j++) {
        let max = -Infinity;
        for (let i = 0; i < rows; i++) max = Math.max(max, z[i * cols + j]!);
        let se = 0;
        for (let i = 0; i < rows; i++) se += Math.exp(z[i * cols + j]! - max);
        const lse = max + Math.log(se);
        for (let i = 0; i < rows; i++) {
          const yi = y[i * cols + j]!;
          if (yi !== 0) s -= w(j) * yi * (z[i * cols + j]! - lse);
        }
      }
    } else {
      const a = A.data;
      for (let k = 0; k < a.length; k++) {
        if (y[k] !== 0) s -= w(k) * y[k]! * Math.log(Math.max(a[k]!, EPS));
      }
    }
    return s / cols;
  },
  gradient(A, Y, dA) {
    // dL/da_i = -y_i / a_i
    checkTargets(A, Y, 'categoricalCrossEntropy');
    const a = A.data, y = Y.data, d = dA.data;
    for (let k = 0; k < a.length; k++) d[k] = y[k] === 0 ? 0 : -y[k]! / Math.max(a[k]!, EPS);
  },
};

const meanSquaredError: Loss = {
  name: 'meanSquaredError',
  pairedActivation: 'linear',
  cost(A, Y, _Z, _activation, weights) {
    // J = (1/m) sum over examples of L, L = (1/n) sum over the n outputs (a - y)^2: the mean over the outputs,
    // as Keras' MSE and scikit-learn's squared_loss (it was their sum, which weighed the data k times against an L2 penalty)
    checkTargets(A, Y, 'meanSquaredError');
    const a = A.data, y = Y.data, m = A.cols;
    let s = 0;
    for (let k = 0; k < a.length; k++) { const e = a[k]! - y[k]!; s += (weights ? weights[k % m]! : 1) * e * e; }
    // (one output: s / m, as before, to the bit)
    return A.rows === 1 ? s / m : s / (m * A.rows);
  },
  gradient(A, Y, dA) {
    // dL/da = (2 / n) (a - y)
    checkTargets(A, Y, 'meanSquaredError');
    const a = A.data, y = Y.data, d = dA.data, twice = 2 / A.rows;
    for (let k = 0; k < a.length; k++) d[k] = twice * (a[k]! - y[k]!);
  },
};

/** The short names of the losses, taken wherever a loss is named (--loss, Network, trainModel, tune's spaces), in this case only. */
export const LOSS_ALIASES = { bce: 'binaryCrossEntropy', cce: 'categoricalCrossEntropy', mse: 'meanSquaredError' } as const satisfies Readonly<Record<string, LossName>>;
export type LossAlias = keyof typeof LOSS_ALIASES;

/**
 * The loss a name or a short name (mse, bce, cce) names, undefined for neither: the one table the
 * command line and the library read (the library only suggested the short names --loss takes).
 */
export function lossNamed(name: unknown): LossName | undefined {
  if (typeof name !== 'string') return undefined;
  if (Object.hasOwn(LOSS_ALIASES, name)) return LOSS_ALIASES[name as LossAlias];
  return (LOSS_NAMES as readonly string[]).includes(name) ? name as LossName : undefined;
}

/**
 * "`what` must be one of ..., got 'MSE' (did you mean 'meanSquaredError'?)": a loss name that is none of
 * them, with the loss its spelling is closest to, the short names (mse, bce, cce) and any letter case included.
 */
export function unknownLoss(what: string, got: unknown): string {
  const near = typeof got === 'string' ? closest(got, [...LOSS_NAMES, ...Object.keys(LOSS_ALIASES)]) : undefined;
  // 'crossEntropy', 'cross_entropy': which of the two depends on the output layer
  const both = typeof got === 'string' && got.toLowerCase().replace(/[^a-z]/g, '') === 'crossentropy' ? 'binaryCrossEntropy (a sigmoid output) or categoricalCrossEntropy (softmax)' : undefined;
  const name = both ?? (near === undefined ? undefined : lossNamed(near));
  return notOneOf(what, got, LOSS_NAMES).replace(/ \(did you mean '[^']*'\?\)$/, '') + (both ? ` (did you mean ${both}?)` : name ? ` (did you mean '${name}'?)` : '');
}

/** The loss of that name: binaryCrossEntropy, categoricalCrossEntropy or meanSquaredError, or bce, cce, mse (its cost J and its gradient). */
export function getLoss(named: LossName | LossAlias): Loss {
  const name = lossNamed(named);
  switch (name) {
    case 'binaryCrossEntropy': return binaryCrossEntropy;
    case 'categoricalCrossEntropy': return categoricalCrossEntropy;
    case 'meanSquaredError': return meanSquaredError;
    default:
      throw new OptionError(unknownLoss('loss', named));
  }
}

/** The loss an output layer trains with when none is named: the course's pairs. */
export function defaultLoss(activation: ActivationName): LossName {
  return activation === 'sigmoid' ? 'binaryCrossEntropy' : activation === 'softmax' ? 'categoricalCrossEntropy' : 'meanSquaredError';
}

/**
 * Why `loss` cannot train an output layer of `units` `activation` units (undefined when it can):
 * cross-entropy needs probabilities (a sigmoid or softmax output), categorical 2 or more of them,
 * and a softmax of 1 unit is 1 whatever its input. Such a network trains to a silently useless model.
 */
export function lossMismatch(loss: LossName, activation: ActivationName, units: number): string | undefined {
  const arch = `the output layer is ${units} ${activation} unit${units > 1 ? 's' : ''}`;
  if (activation === 'softmax' && units < 2) return `a softmax output of 1 unit is always 1 and learns nothing; use sigmoid (2 classes) or a softmax of 2 or more units`;
  if (loss === 'categoricalCrossEntropy' && units < 2) return `loss categoricalCrossEntropy needs a softmax output of 2 or more units, but ${arch}; use binaryCrossEntropy (or a softmax output)`;
  if (loss !== 'meanSquaredError' && activation !== 'sigmoid' && activation !== 'softmax') return `loss ${loss} needs probabilities (a sigmoid or softmax output), but ${arch}; use meanSquaredError`;
  return undefined;
}

/** True when dZ = A - Y is the exact gradient: sigmoid + binary cross-entropy, softmax + categorical. */
export function usesCombinedGradient(loss: LossName, activation: ActivationName): boolean {
  return (loss === 'binaryCrossEntropy' && activation === 'sigmoid') ||
    (loss === 'categoricalCrossEntropy' && activation === 'softmax');
}

/**
 * Each example's weight from its class's: column j of Y (n x m targets, one-hot or probabilities)
 * weighs sum_i Y[i, j] * classWeights[i]; a 1-unit output (y in [0, 1]) weighs (1 - y) w0 + y w1.
 */
export function exampleWeights(Y: Matrix, classWeights: readonly number[]): Float64Array {
  const { rows, cols } = Y, y = Y.data, out = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    if (rows === 1) { out[j] = (1 - y[j]!) * classWeights[0]! + y[j]! * classWeights[1]!; continue; }
    let s = 0;
    for (let i = 0; i < rows; i++) s += y[i * cols + j]! * classWeights[i]!;
    out[j] = s;
  }
  return out;
}
