// Activation functions g and their derivatives, each a small named object:
//   forward:  A = g(Z)               (whole matrix, all m examples at once)
//   backward: dZ = dA * g'(Z)         (the chain rule through the activation)
// plus `output`/`derivative` on one number, for printing worked examples.

import { Matrix } from '../tensor/matrix.js';
import type { Piecewise } from '../kernels/kernels.js';
import type { Smooth } from '../kernels/step.js';
import { activationGradient } from '../kernels/js/index.js';
import { notOneOf } from '../util/known-keys.js';
import { givenText } from '../util/bounds.js';
import { OptionError } from '../errors.js';

export type ActivationName = 'sigmoid' | 'tanh' | 'relu' | 'leakyRelu' | 'elu' | 'selu' | 'softmax' | 'linear';
export const ACTIVATION_NAMES: readonly ActivationName[] = ['sigmoid', 'tanh', 'relu', 'leakyRelu', 'elu', 'selu', 'softmax', 'linear'];

/** The activations with a parameter alpha (leakyRelu's slope, elu's alpha; selu's constants are fixed). */
export function takesAlpha(name: unknown): name is 'leakyRelu' | 'elu' {
  return name === 'leakyRelu' || name === 'elu';
}

/** An activation by name, or with its parameter: { name: 'leakyRelu', alpha: 0.02 }. */
export type ActivationSpec = ActivationName | { name: ActivationName; alpha?: number };

export interface Activation {
  readonly name: ActivationName;
  /** The parameter (slope of leakyRelu, alpha of elu), when it has one. */
  readonly alpha?: number;
  /** A = g(Z). */
  forward(Z: Matrix, A: Matrix): void;
  /** dZ = dA * g'(Z), using Z and/or A = g(Z). */
  backward(Z: Matrix, A: Matrix, dA: Matrix, dZ: Matrix): void;
  /** g(z) for one number (softmax: not elementwise, see forward). */
  output(z: number): number;
  /** g'(z) for one number. */
  derivative(z: number): number;
  /** Set when g is piecewise linear (relu, leakyRelu, linear): the backends' fused passes cover it. */
  readonly piecewise?: Piecewise;
  /** Set when g is a smooth hidden-layer activation (tanh, sigmoid, elu, selu): the resident training step covers it. */
  readonly smooth?: Smooth;
}

/** sigma(z) = 1 / (1 + e^-z), written so that neither branch can overflow. */
export function sigmoidScalar(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

const sigmoid: Activation = {
  name: 'sigmoid',
  smooth: { kind: 'sigmoid' },
  forward(Z, A) {
    const z = Z.data, a = A.data;
    for (let k = 0; k < z.length; k++) {
      const v = z[k]!;
      if (v >= 0) a[k] = 1 / (1 + Math.exp(-v));
      else { const e = Math.exp(v); a[k] = e / (1 + e); }
    }
  },
  backward(_Z, A, dA, dZ) {
    // sigma'(z) = sigma(z) (1 - sigma(z))
    const a = A.data, da = dA.data, dz = dZ.data;
    for (let k = 0; k < a.length; k++) dz[k] = da[k]! * a[k]! * (1 - a[k]!);
  },
  output: sigmoidScalar,
  derivative(z) { const s = sigmoidScalar(z); return s * (1 - s); },
};

const tanh: Activation = {
  name: 'tanh',
  smooth: { kind: 'tanh' },
  forward(Z, A) {
    const z = Z.data, a = A.data;
    for (let k = 0; k < z.length; k++) a[k] = Math.tanh(z[k]!);
  },
  backward(_Z, A, dA, dZ) {
    // tanh'(z) = 1 - tanh(z)^2
    const a = A.data, da = dA.data, dz = dZ.data;
    for (let k = 0; k < a.length; k++) dz[k] = da[k]! * (1 - a[k]! * a[k]!);
  },
  output: Math.tanh,
  derivative(z) { const t = Math.tanh(z); return 1 - t * t; },
};

const relu: Activation = {
  name: 'relu',
  piecewise: { kind: 'relu' },
  forward(Z, A) {
    const z = Z.data, a = A.data;
    for (let k = 0; k < z.length; k++) { const v = z[k]!; a[k] = v > 0 ? v : 0; }
  },
  backward(Z, _A, dA, dZ) {
    // relu'(z) = 1 if z > 0 else 0 (the loop the fused backward pass of the kernels also uses)
    activationGradient(Z.data, dA.data, dZ.data, Z.data.length, relu.piecewise!);
  },
  output(z) { return z > 0 ? z : 0; },
  derivative(z) { return z > 0 ? 1 : 0; },
};

function leakyRelu(slope = 0.01): Activation {
  const piecewise = { kind: 'leakyRelu', slope } as const;
  return {
    name: 'leakyRelu',
    alpha: slope,
    piecewise,
    forward(Z, A) {
      const z = Z.data, a = A.data;
      for (let k = 0; k < z.length; k++) { const v = z[k]!; a[k] = v > 0 ? v : slope * v; }
    },
    backward(Z, _A, dA, dZ) {
      // g'(z) = 1 if z > 0 else slope
      activationGradient(Z.data, dA.data, dZ.data, Z.data.length, piecewise);
    },
    output(z) { return z > 0 ? z : slope * z; },
    derivative(z) { return z > 0 ? 1 : slope; },
  };
}

/** elu(z) = z for z > 0, alpha (e^z - 1) otherwise; scaled by `scale` for selu. */
function exponentialLinear(name: 'elu' | 'selu', alpha: number, scale: number): Activation {
  return {
    name,
    alpha,
    smooth: { kind: 'elu', alpha, scale },
    forward(Z, A) {
      const z = Z.data, a = A.data;
      const sa = scale * alpha;
      for (let k = 0; k < z.length; k++) { const v = z[k]!; a[k] = v > 0 ? scale * v : sa * Math.expm1(v); }
    },
    backward(Z, A, dA, dZ) {
      // g'(z) = scale for z > 0, else scale * alpha * e^z = g(z) + scale * alpha
      const z = Z.data, a = A.data, da = dA.data, dz = dZ.data;
      const sa = scale * alpha;
      for (let k = 0; k < z.length; k++) dz[k] = z[k]! > 0 ? scale * da[k]! : da[k]! * (a[k]! + sa);
    },
    output(z) { return z > 0 ? scale * z : scale * alpha * Math.expm1(z); },
    derivative(z) { return z > 0 ? scale : scale * alpha * Math.exp(z); },
  };
}

// The SELU constants of Klambauer et al. (2017), "Self-Normalizing Neural Networks".
// biome-ignore lint/correctness/noPrecisionLoss: the paper's digits, as printed (float64 keeps 17)
export const SELU_ALPHA = 1.6732632423543772848170429916717;
// biome-ignore lint/correctness/noPrecisionLoss: the paper's digits, as printed (float64 keeps 17)
export const SELU_SCALE = 1.0507009873554804934193349852946;

const softmax: Activation = {
  name: 'softmax',
  forward(Z, A) {
    // a_i = e^(z_i - max z) / sum_k e^(z_k - max z), per column (per example)
    const { rows, cols } = Z;
    const z = Z.data, a = A.data;
    for (let j = 0; j < cols; j++) {
      let max = -Infinity;
      for (let i = 0; i < rows; i++) { const v = z[i * cols + j]!; if (v > max) max = v; }
      let s = 0;
      for (let i = 0; i < rows; i++) { const e = Math.exp(z[i * cols + j]! - max); a[i * cols + j] = e; s += e; }
      for (let i = 0; i < rows; i++) a[i * cols + j] = a[i * cols + j]! / s;
    }
  },
  backward(_Z, A, dA, dZ) {
    // dz_i = a_i (da_i - sum_k da_k a_k): the Jacobian of softmax applied to dA, per column
    const { rows, cols } = A;
    const a = A.data, da = dA.data, dz = dZ.data;
    for (let j = 0; j < cols; j++) {
      let dot = 0;
      for (let i = 0; i < rows; i++) dot += da[i * cols + j]! * a[i * cols + j]!;
      for (let i = 0; i < rows; i++) dz[i * cols + j] = a[i * cols + j]! * (da[i * cols + j]! - dot);
    }
  },
  output() { throw new Error('softmax is applied to a whole column of outputs, not to one number'); },
  derivative() { throw new Error('softmax has a Jacobian per column, not a derivative of one number'); },
};

const linear: Activation = {
  name: 'linear',
  piecewise: { kind: 'linear' },
  forward(Z, A) { A.data.set(Z.data); },
  backward(_Z, _A, dA, dZ) { dZ.data.set(dA.data); },
  output(z) { return z; },
  derivative() { return 1; },
};

/** The activation object for a name or spec; throws naming the valid names otherwise. */
export function getActivation(spec: ActivationSpec): Activation {
  const name = typeof spec === 'string' ? spec : spec?.name;
  const alpha = typeof spec === 'string' ? undefined : spec?.alpha;
  if (alpha !== undefined && !(Number.isFinite(alpha) && alpha >= 0)) {
    throw new OptionError(`activation ${name}: alpha must be a finite number >= 0, got ${givenText(alpha)}`);
  }
  // { name: 'relu', alpha: 0.1 } built a plain relu, silently: a leaky relu was meant, or nothing
  if (alpha !== undefined && ACTIVATION_NAMES.includes(name as ActivationName) && !takesAlpha(name)) {
    throw new OptionError(`activation ${name} takes no alpha (only leakyRelu's slope and elu's alpha are parameters), got alpha ${givenText(alpha)}`);
  }
  const made = madeActivation(name, alpha);
  LIBRARY_MADE.add(made);
  return made;
}

function madeActivation(name: string | undefined, alpha: number | undefined): Activation {
  switch (name) {
    case 'sigmoid': return sigmoid;
    case 'tanh': return tanh;
    case 'relu': return relu;
    case 'leakyRelu': return leakyRelu(alpha ?? 0.01);
    case 'elu': return exponentialLinear('elu', alpha ?? 1, 1);
    case 'selu': return exponentialLinear('selu', SELU_ALPHA, SELU_SCALE);
    case 'softmax': return softmax;
    case 'linear': return linear;
    default:
      throw new OptionError(notOneOf('activation', name, ACTIVATION_NAMES));
  }
}

/**
 * The activations getActivation made. The backends' fused passes and resident training step compute g and
 * g' from an activation's piecewise or smooth form, not its forward and backward: an activation replaced
 * by hand ({ ...relu, backward: mine }, a learner breaking g' on purpose) keeps those forms and was
 * computed as the library's, so its own backward never ran and the gradient check agreed.
 */
const LIBRARY_MADE = new WeakSet<Activation>();

/** The piecewise form the fused passes may compute for `a`: only for an activation getActivation made. */
export const fusedForm = (a: Activation): Piecewise | undefined => (LIBRARY_MADE.has(a) ? a.piecewise : undefined);

/** Whether the backends' kernels compute `a` (getActivation made it), rather than its own forward and backward. */
export const isLibraryActivation = (a: Activation): boolean => LIBRARY_MADE.has(a);
