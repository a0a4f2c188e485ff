// Gradient checking: compare backprop's dW[l], db[l] with centred finite differences
//   order 2 (the course's):  dθ ≈ (J(θ + ε) - J(θ - ε)) / (2ε)                              ε = 1e-7
//   order 4:                 dθ ≈ (8 [J(θ + ε) - J(θ - ε)] - [J(θ + 2ε) - J(θ - 2ε)]) / (12ε)  ε = 1e-4
//   (order 4's truncation error is O(ε^4), so a larger ε keeps rounding noise far below 1e-7)
// and report the course's relative difference over the whole vector of checked entries
//   ‖g - g̃‖₂ / (‖g‖₂ + ‖g̃‖₂)
// and the same per parameter matrix, in float64: a float32 network is checked on a float64 copy of it
// (in float32 the differences drown in rounding: a right gradient read as a relative error of about 1e-3).

import { Matrix, ShapeError } from '../tensor/matrix.js';
import { checkFinite } from '../tensor/finite.js';
import { kindOf, kindOfFor } from '../util/kind-of.js';
import { Random } from '../tensor/random.js';
import { checkTargetRange, Network } from './network.js';
import { checkKnownKeys } from '../util/known-keys.js';
import { givenText, seedProblem, wholeNumberProblem } from '../util/bounds.js';
import { OptionError } from '../errors.js';
import { float64Copy } from './float64-copy.js';
import { examplesMismatch, transposedHint } from './example-layout.js';

export type DifferenceOrder = 2 | 4;

export interface GradientCheckOptions {
  /** The step ε (default 1e-7 for order 2, 1e-4 for order 4). */
  epsilon?: number;
  /** 4 (default) or 2 (the course's): the order of the centred difference. */
  order?: DifferenceOrder;
  /** Check at most this many entries per parameter matrix, chosen by a seeded draw (default: all). */
  samplePerParameter?: number;
  seed?: number;
  /** How many of the worst (analytic, numeric) pairs to keep (default 5). */
  worst?: number;
}

export interface ParameterCheck {
  /** "W[1]", "b[1]", ...: the parameter; its gradient is d + name. */
  name: string;
  checked: number;
  /** ‖g - g̃‖ / (‖g‖ + ‖g̃‖) over the checked entries of this matrix. */
  relativeError: number;
  maxAbsoluteDifference: number;
  /** ‖g‖₂ over the checked entries: when it is tiny, so is any rounding difference, and the ratio says little. */
  gradientNorm: number;
}

/** One checked entry: the analytic gradient and its finite-difference approximation. */
export interface EntryCheck {
  /** "W[1]", "b[2]", ... */
  parameter: string;
  /** 1-based row and column of the entry in the parameter matrix. */
  row: number;
  col: number;
  analytic: number;
  numeric: number;
}

export interface GradientCheckResult {
  /** 'float64' always; `onCopy` when the network is float32 and a float64 copy of it was checked (float64Copy). */
  dtype: 'float64';
  onCopy: boolean;
  order: DifferenceOrder;
  epsilon: number;
  /** J(θ) at the checked point. */
  cost: number;
  /** The course's check: ‖g - g̃‖ / (‖g‖ + ‖g̃‖) over every checked entry of every parameter, as one vector. */
  relativeError: number;
  /** The largest per-matrix relative error (tiny matrices can make it large while the gradient is right). */
  maxRelativeError: number;
  /** The largest |g - g̃| over all checked entries. */
  maxAbsoluteDifference: number;
  parameters: ParameterCheck[];
  /** The checked entries with the largest |g - g̃|, worst first. */
  worst: EntryCheck[];
}

/** The default step ε for a difference order. */
export const defaultEpsilon = (order: DifferenceOrder): number => (order === 2 ? 1e-7 : 1e-4);

/** The centred finite difference of J with respect to entry k of P (P is restored afterwards). */
export function numericPartial(J: () => number, P: Matrix, k: number, eps: number, order: DifferenceOrder): number {
  const orig = P.data[k]!;
  const at = (h: number): number => { P.data[k] = orig + h; const j = J(); P.data[k] = orig; return j; };
  const d1 = at(eps) - at(-eps);
  if (order === 2) return d1 / (2 * eps);                              // (J(θ+ε) - J(θ-ε)) / 2ε
  return (8 * d1 - (at(2 * eps) - at(-2 * eps))) / (12 * eps);
}

/** J(θ) of `net` on X, Y at its current parameters (a forward pass). */
export function costFunction(net: Network, X: Matrix, Yin: Matrix | ArrayLike<number>): () => number {
  const { Xd, Y } = checkedInputs(net, X, Yin, 'costFunction');
  return costOf(net, Xd, Y);
}

const costOf = (net: Network, Xd: Matrix, Y: Matrix) => (): number => { net.forward(Xd); return net.cost(Y); };

/** X in the network's dtype and Y as its output layer needs it, both checked finite. */
export function checkedInputs(net: Network, X: Matrix, Yin: Matrix | ArrayLike<number>, fn = 'gradientCheck'): { Xd: Matrix; Y: Matrix } {
  // the network first, named by the function called: costFunction(null, X, Y) failed inside, and its errors said gradientCheck
  if (!(net instanceof Network)) throw new ShapeError(`${fn}: net must be a Network, got ${kindOfFor(net, 'Network')}`);
  if (!(X instanceof Matrix)) throw new ShapeError(`${fn}: X must be a Matrix (n_x x m), got ${kindOf(X)}`);
  // X's shape first: a transposed X (one example per row) was told "X has 3 examples but Y has 5"
  if (X.rows !== net.inputSize) throw new ShapeError(`${fn}: X is ${X.shapeString} but the network expects ${net.inputSize} features per example (n_x x m, one example per column)${transposedHint(X, net.inputSize)}`);
  checkFinite(X, `${fn}: X`); // a NaN makes every difference NaN, and the check says nothing
  const Y = net.prepareTargets(Yin);
  checkFinite(Y, `${fn}: Y`);
  // a label 2 for a sigmoid output, or a one-hot column of two 1s, was checked (and said the gradients agree or not) as if it were data
  if (Y.cols !== X.cols) throw new ShapeError(`${fn}: ${examplesMismatch(X, Y, { xChecked: true })}`);
  checkTargetRange(net, Y, `${fn}: Y`);
  return { Xd: X.dtype === net.dtype ? X : X.astype(net.dtype), Y };
}

const GRADIENT_CHECK_KEYS = ['epsilon', 'order', 'samplePerParameter', 'seed', 'worst'] as const satisfies readonly (keyof GradientCheckOptions)[];

/**
 * The course's gradient check: backprop's gradient of J against centred finite differences (in float64,
 * ε = 1e-7 by default), as the relative difference of the whole vector, per parameter, and the worst entries.
 */
export function gradientCheck(net: Network, X: Matrix, Yin: Matrix | ArrayLike<number>, options: GradientCheckOptions = {}): GradientCheckResult {
  checkKnownKeys(options, GRADIENT_CHECK_KEYS, 'gradientCheck', (m) => new OptionError(m));
  const order = options.order ?? 4;
  if (order !== 2 && order !== 4) throw new OptionError(`order must be 2 or 4, got ${givenText(order)}`);
  const eps = options.epsilon ?? defaultEpsilon(order);
  checkEpsilon(eps);
  const seedWrong = seedProblem(options.seed, 'gradientCheck: options.seed');
  if (seedWrong) throw new OptionError(seedWrong);
  // samplePerParameter 0 checked nothing and passed; -1 left one entry of every parameter out
  const countWrong = wholeNumberProblem(options.samplePerParameter, 'gradientCheck: options.samplePerParameter', 1, Number.MAX_SAFE_INTEGER)
    ?? wholeNumberProblem(options.worst, 'gradientCheck: options.worst', 0, Number.MAX_SAFE_INTEGER);
  if (countWrong) throw new OptionError(countWrong);
  const given = checkedInputs(net, X, Yin);
  const onCopy = net.dtype !== 'float64';
  const in64 = (M: Matrix) => (M.dtype === 'float64' ? M : M.astype('float64')); // (astype copies even to its own dtype)
  const result = checkInFloat64(onCopy ? float64Copy(net) : net, in64(given.Xd), in64(given.Y), { order, eps, seed: options.seed, sample: options.samplePerParameter, worst: options.worst });
  // leave the network with the analytic gradients of its unperturbed parameters, in its own dtype
  if (onCopy) { net.forward(given.Xd); net.backward(given.Y); }
  return { dtype: 'float64', onCopy, ...result };
}

/** The check itself, on a float64 network (X and Y checked and in float64). */
function checkInFloat64(net: Network, Xd: Matrix, Y: Matrix, o: { order: DifferenceOrder; eps: number; seed: number | undefined; sample: number | undefined; worst: number | undefined }): Omit<GradientCheckResult, 'dtype' | 'onCopy'> {
  const { order, eps } = o;
  const J = costOf(net, Xd, Y);

  const cost = J();
  net.backward(Y);
  const analytic = net.layers.map((l) => ({ dW: l.dW.clone(), db: l.db.clone() }));
  const rng = new Random(o.seed ?? 0);
  const parameters: ParameterCheck[] = [];
  const entries: EntryCheck[] = [];
  net.layers.forEach((layer, i) => {
    const pairs: [string, Matrix, Matrix][] = [[`W[${i + 1}]`, layer.W, analytic[i]!.dW], [`b[${i + 1}]`, layer.b, analytic[i]!.db]];
    for (const [name, P, G] of pairs) {
      const n = P.data.length;
      const sample = o.sample;
      const indices = sample !== undefined && sample < n ? Array.from(rng.permutation(n).subarray(0, sample)) : [...Array(n).keys()];
      const checked = indices.map((k) => ({
        parameter: name, row: Math.floor(k / P.cols) + 1, col: (k % P.cols) + 1,
        analytic: G.data[k]!, numeric: numericPartial(J, P, k, eps, order),
      }));
      entries.push(...checked);
      parameters.push({ name, checked: checked.length, ...compare(checked) });
    }
  });
  // leave the network with the analytic gradients of the unperturbed parameters
  net.forward(Xd);
  net.backward(Y);
  const all = compare(entries);
  const worst = entries.sort((a, b) => Math.abs(b.analytic - b.numeric) - Math.abs(a.analytic - a.numeric)).slice(0, o.worst ?? 5);
  return {
    order, epsilon: eps, cost, relativeError: all.relativeError, maxAbsoluteDifference: all.maxAbsoluteDifference,
    maxRelativeError: Math.max(...parameters.map((p) => p.relativeError)), parameters, worst,
  };
}

/** ‖g - g̃‖ / (‖g‖ + ‖g̃‖), max |g - g̃| and ‖g‖ over some entries. */
function compare(entries: readonly EntryCheck[]): { relativeError: number; maxAbsoluteDifference: number; gradientNorm: number } {
  let diff2 = 0, g2 = 0, a2 = 0, maxAbs = 0;
  for (const { analytic: g, numeric: approx } of entries) {
    diff2 += (g - approx) ** 2;
    g2 += g * g;
    a2 += approx * approx;
    maxAbs = Math.max(maxAbs, Math.abs(g - approx));
  }
  const denom = Math.sqrt(g2) + Math.sqrt(a2);
  return { relativeError: denom === 0 ? 0 : Math.sqrt(diff2) / denom, maxAbsoluteDifference: maxAbs, gradientNorm: Math.sqrt(g2) };
}

/** The smallest step: below it the rounding noise of J(θ ± ε) (30·2^-52·J/ε, over 1e-3·J) hides any gradient, so a check could not fail. */
export const MIN_EPSILON = 1e-12;

/** A step that lets the check tell a right gradient from a wrong one: in [MIN_EPSILON, 1]. */
export function checkEpsilon(eps: number): void {
  if (!(typeof eps === 'number' && eps > 0)) throw new OptionError(`epsilon must be a positive number, got ${givenText(eps)}`);
  if (eps < MIN_EPSILON) throw new OptionError(`epsilon ${eps} is below ${MIN_EPSILON}: the rounding noise of J(θ ± ε) would exceed any gradient, and every check would agree; use 1e-7 (order 2) or 1e-4 (order 4)`);
  if (eps > 1) throw new OptionError(`epsilon ${eps} is above 1: a difference over so wide a step is no derivative; use 1e-7 (order 2) or 1e-4 (order 4)`);
}

/**
 * The rounding noise of a centred difference with step ε at a cost J: J is known to about
 * ε_machine·|J| (times the rounding of its sum over m examples), and the quotient divides that by ε.
 * Differences below 30·ε_machine·max(1, |J|)/ε cannot tell a right gradient from a wrong one.
 */
export function roundingNoise(epsilon: number, cost: number): number {
  return (30 * Number.EPSILON * Math.max(1, Math.abs(cost))) / epsilon;
}

/**
 * The verdict: the course's whole-vector relative error below `threshold` and every parameter matrix
 * below it too, except that a matrix (or the whole check) whose every |g - g̃| is below
 * `absoluteThreshold` agrees whatever its ratio: tiny, correct gradients over rounding noise give a
 * large ratio, and a wrong gradient shows as a difference above the noise.
 */
export function gradientsAgree(r: GradientCheckResult, threshold = 1e-7, absoluteThreshold = roundingNoise(r.epsilon, r.cost)): boolean {
  // a cost or a difference that overflowed (an L1 strength of 1e300) proves nothing: an infinite noise floor passed it
  if (!Number.isFinite(r.cost) || !Number.isFinite(r.maxAbsoluteDifference) || Number.isNaN(r.relativeError)) return false;
  if (r.maxAbsoluteDifference < absoluteThreshold) return true;
  return r.relativeError < threshold && r.parameters.every((p) => p.relativeError < threshold || p.maxAbsoluteDifference < absoluteThreshold);
}
