// Parameter updates after each backward pass. Batch, stochastic and mini-batch gradient descent
// are the same update with different batch sizes (see train/fit.ts); the optimizers differ in
// how they turn dW, db into a step.

import { Matrix } from '../tensor/matrix.js';
import type { DenseLayer } from '../nn/network.js';
import { axpy } from '../tensor/ops.js';
import { checkKnownKeys, closest } from '../util/known-keys.js';
import { StateError, OptionError } from '../errors.js';
import { kindOf } from '../util/kind-of.js';
import { givenText } from '../util/bounds.js';

export type OptimizerName = 'gd' | 'momentum' | 'rmsprop' | 'adam';
export const OPTIMIZER_NAMES: readonly OptimizerName[] = ['gd', 'momentum', 'rmsprop', 'adam'];

export interface OptimizerOptions {
  /** Momentum / Adam first-moment decay (default 0.9). */
  beta1?: number;
  /** RMSprop (default 0.9) / Adam (default 0.999) second-moment decay. */
  beta2?: number;
  /** Added to the root mean square to avoid a division by zero (default 1e-8). */
  epsilon?: number;
}

export interface Optimizer {
  readonly name: OptimizerName;
  /** Update every W[l], b[l] from dW[l], db[l] with learning rate alpha. */
  step(layers: readonly DenseLayer[], alpha: number): void;
  /** Its moving averages (and Adam's step count t) as plain numbers, to store and restore with setState. */
  getState?(): OptimizerState;
  /** Go on from a state that getState gave, for these layers; throws a StateError naming what does not fit. */
  setState?(state: OptimizerState, layers: readonly DenseLayer[]): void;
}

/**
 * An optimizer's state as plain numbers (JSON-safe): per layer, the values of its W and b buffers, row
 * by row: `v` the first moment (momentum, Adam), `s` the second (RMSprop, Adam); `t` Adam's update
 * count (its bias correction). Empty lists before the first step.
 */
export interface OptimizerState {
  optimizer: OptimizerName;
  t?: number;
  v?: { W: number[]; b: number[] }[];
  s?: { W: number[]; b: number[] }[];
}

/** The buffers as plain numbers. */
const buffersOut = (state: Matrix[][]) => state.map(([W, b]) => ({ W: Array.from(W!.data), b: Array.from(b!.data) }));

/**
 * The buffers of a saved state for `layers`, checked: as many layers, each W and b of the layer's
 * size, finite numbers (a state of another network, or a damaged one, would make NaN weights).
 */
function buffersIn(optimizer: OptimizerName, key: 'v' | 's', saved: unknown, layers: readonly DenseLayer[]): Matrix[][] {
  const fail = (why: string): never => { throw new StateError(`${optimizer}.setState: state.${key}${why.startsWith('[') ? '' : ' '}${why}`); };
  if (!Array.isArray(saved)) return fail(`must be an array of { W, b } per layer, got ${kindOf(saved)}`);
  if (saved.length === 0) return []; // (before the first step)
  if (saved.length !== layers.length) fail(`has ${saved.length} layers; the network has ${layers.length}`);
  return layers.map((layer, i) => (['W', 'b'] as const).map((p) => {
    const values = (saved[i] as Record<string, unknown> | null)?.[p];
    const target = layer[p];
    if (!Array.isArray(values) || values.length !== target.data.length) fail(`[${i}].${p} must be ${target.data.length} numbers (${target.shapeString}), got ${Array.isArray(values) ? values.length : kindOf(values)}`);
    const m = Matrix.zeros(target.rows, target.cols, target.dtype);
    (values as unknown[]).forEach((x, k) => { if (typeof x !== 'number' || !Number.isFinite(x)) fail(`[${i}].${p}[${k}] must be a finite number, got ${givenText(x)}`); m.data[k] = x as number; });
    return m;
  }));
}

/** A state given to an optimizer of its kind. */
function checkStateOf(optimizer: OptimizerName, state: unknown): OptimizerState {
  if (state === null || typeof state !== 'object') throw new StateError(`${optimizer}.setState: state must be an object from getState(), got ${kindOf(state)}`);
  const given = (state as { optimizer?: unknown }).optimizer;
  if (given !== optimizer) throw new StateError(`${optimizer}.setState: the state is ${typeof given === 'string' ? `of ${given}` : 'of no optimizer'}, not of ${optimizer}`);
  return state as OptimizerState;
}

/** Plain gradient descent: W[l] := W[l] - alpha * dW[l], b[l] := b[l] - alpha * db[l]. */
export class GradientDescent implements Optimizer {
  readonly name = 'gd';
  step(layers: readonly DenseLayer[], alpha: number): void {
    checkStep('gd', layers, alpha);
    for (const layer of layers) {
      axpy(layer.W, -alpha, layer.dW); // W := W + (-alpha) dW, on the backend (SIMD in wasm)
      axpy(layer.b, -alpha, layer.db);
    }
  }
  getState(): OptimizerState { return { optimizer: 'gd' }; }
  setState(state: OptimizerState, _layers: readonly DenseLayer[]): void { checkStateOf('gd', state); }
}

/**
 * What every step is given, checked: the layers (with their gradients) and a learning rate a
 * number >= 0 (a schedule may decay it to 0); a NaN or a string made every weight NaN.
 */
function checkStep(optimizer: string, layers: readonly DenseLayer[], alpha: number): void {
  if (!Array.isArray(layers) || !layers.every((l) => l?.W instanceof Matrix && l.dW instanceof Matrix && l.b instanceof Matrix && l.db instanceof Matrix)) {
    throw new OptionError(`${optimizer}.step: layers must be a network's layers (network.layers), got ${kindOf(layers)}`);
  }
  if (typeof alpha !== 'number' || !(alpha >= 0) || !Number.isFinite(alpha)) throw new OptionError(`${optimizer}.step: the learning rate must be a finite number >= 0, got ${kindOf(alpha) === 'a number' ? alpha : kindOf(alpha)}`);
}

/**
 * Per-parameter state buffers, one pair (for W and b) per layer, made on the first step. They hold
 * one network's history: given the layers of another (of other shapes), the update read past them
 * and made NaN weights, silently.
 */
function stateFor(optimizer: string, layers: readonly DenseLayer[], state: Matrix[][]): Matrix[][] {
  if (state.length === 0) {
    for (const l of layers) state.push([Matrix.zeros(l.W.rows, l.W.cols, l.W.dtype), Matrix.zeros(l.b.rows, 1, l.b.dtype)]);
    return state;
  }
  let same = state.length === layers.length;
  for (let i = 0; same && i < layers.length; i++) same = state[i]![0]!.rows === layers[i]!.W.rows && state[i]![0]!.cols === layers[i]!.W.cols;
  if (!same) {
    const mine = state.map((s) => s[0]!.shapeString).join(', '), given = layers.map((l) => l.W.shapeString).join(', ');
    throw new StateError(`${optimizer}: this optimizer holds the state of another network (W of ${mine}), not of these layers (${given}); make one optimizer per network`);
  }
  return state;
}

// On float32 parameters, as the WebAssembly update (assembly/train.ts) does, bit for bit:
// - every optimizer computes in float32, every operation rounded (Math.fround; a float32 array
//   rounds what is stored in it), as frameworks do: in WebAssembly four float32 lanes a time cost a
//   third of two float64 lanes (descend), and RMSprop's and Adam's division and square root per
//   parameter in float64 cost more than the products of a small mini-batch;
// - a moving average (momentum's and Adam's v, RMSprop's and Adam's s) below 2^-100 is set to 0:
//   where a gradient stays 0 it decays into float32's subnormal range, where every operation
//   takes a ~100-cycle microcode assist (a step of alpha 2^-100 / eps moves no float32 weight).
// On float64 parameters (gradient checks) they compute in float64, with nothing set to 0.
const fr = Math.fround;
const TINY = 2 ** -100;
const flush = (x: number) => (Math.abs(x) < TINY ? 0 : x);

/** Momentum: v := beta v + (1 - beta) dW;  W := W - alpha v. */
export class Momentum implements Optimizer {
  readonly name = 'momentum';
  private readonly v: Matrix[][] = [];
  constructor(readonly beta = 0.9) {
    checkDecay('momentum', 'beta1', beta);
  }
  step(layers: readonly DenseLayer[], alpha: number): void {
    checkStep('momentum', layers, alpha);
    const v = stateFor('momentum', layers, this.v);
    for (let i = 0; i < layers.length; i++) {
      const layer = layers[i]!;
      momentum(layer.W.data, layer.dW.data, v[i]![0]!.data, this.beta, alpha);
      momentum(layer.b.data, layer.db.data, v[i]![1]!.data, this.beta, alpha);
    }
  }
  getState(): OptimizerState { return { optimizer: 'momentum', v: buffersOut(this.v) }; }
  setState(state: OptimizerState, layers: readonly DenseLayer[]): void {
    const v = buffersIn('momentum', 'v', checkStateOf('momentum', state).v, layers);
    this.v.splice(0, this.v.length, ...v);
  }
}

function momentum(p: Matrix['data'], g: Matrix['data'], v: Matrix['data'], beta: number, alpha: number): void {
  if (p instanceof Float32Array) {
    const b = fr(beta), nb = fr(1 - beta), a = fr(alpha);
    for (let k = 0; k < p.length; k++) {
      v[k] = flush(fr(fr(b * v[k]!) + fr(nb * g[k]!)));
      p[k] = p[k]! - fr(a * v[k]!);
    }
    return;
  }
  for (let k = 0; k < p.length; k++) {
    v[k] = beta * v[k]! + (1 - beta) * g[k]!;
    p[k] = p[k]! - alpha * v[k]!;
  }
}

/** RMSprop: s := beta s + (1 - beta) dW^2;  W := W - alpha dW / (sqrt(s) + eps). */
export class RMSprop implements Optimizer {
  readonly name = 'rmsprop';
  private readonly s: Matrix[][] = [];
  constructor(readonly beta = 0.9, readonly epsilon = 1e-8) {
    checkDecay('rmsprop', 'beta2', beta);
    checkEpsilon('rmsprop', epsilon);
  }
  step(layers: readonly DenseLayer[], alpha: number): void {
    checkStep('rmsprop', layers, alpha);
    const s = stateFor('rmsprop', layers, this.s);
    for (let i = 0; i < layers.length; i++) {
      const layer = layers[i]!;
      rmsprop(layer.W.data, layer.dW.data, s[i]![0]!.data, this.beta, this.epsilon, alpha);
      rmsprop(layer.b.data, layer.db.data, s[i]![1]!.data, this.beta, this.epsilon, alpha);
    }
  }
  getState(): OptimizerState { return { optimizer: 'rmsprop', s: buffersOut(this.s) }; }
  setState(state: OptimizerState, layers: readonly DenseLayer[]): void {
    const s = buffersIn('rmsprop', 's', checkStateOf('rmsprop', state).s, layers);
    this.s.splice(0, this.s.length, ...s);
  }
}

function rmsprop(p: Matrix['data'], g: Matrix['data'], s: Matrix['data'], beta: number, epsilon: number, alpha: number): void {
  if (p instanceof Float32Array) {
    const b = fr(beta), nb = fr(1 - beta), e = fr(epsilon), a = fr(alpha);
    for (let k = 0; k < p.length; k++) {
      const gk = g[k]!;
      s[k] = flush(fr(fr(b * s[k]!) + fr(fr(nb * gk) * gk)));
      p[k] = p[k]! - fr(fr(a * gk) / fr(fr(Math.sqrt(s[k]!)) + e));
    }
    return;
  }
  for (let k = 0; k < p.length; k++) {
    const gk = g[k]!;
    s[k] = beta * s[k]! + (1 - beta) * gk * gk;
    p[k] = p[k]! - ((alpha * gk) / (Math.sqrt(s[k]!) + epsilon));
  }
}

/**
 * Adam (Kingma & Ba, 2015), as in the course:
 *   v := b1 v + (1 - b1) dW,  s := b2 s + (1 - b2) dW^2,
 *   v^ = v / (1 - b1^t),  s^ = s / (1 - b2^t),  W := W - alpha v^ / (sqrt(s^) + eps)
 */
export class Adam implements Optimizer {
  readonly name = 'adam';
  private readonly v: Matrix[][] = [];
  private readonly s: Matrix[][] = [];
  /** t, the number of updates made so far. */
  t = 0;
  constructor(readonly beta1 = 0.9, readonly beta2 = 0.999, readonly epsilon = 1e-8) {
    checkDecay('adam', 'beta1', beta1);
    checkDecay('adam', 'beta2', beta2);
    checkEpsilon('adam', epsilon);
  }
  step(layers: readonly DenseLayer[], alpha: number): void {
    checkStep('adam', layers, alpha);
    const v = stateFor('adam', layers, this.v);
    const s = stateFor('adam', layers, this.s);
    this.t++;
    const c1 = 1 - Math.pow(this.beta1, this.t);
    const c2 = 1 - Math.pow(this.beta2, this.t);
    for (let i = 0; i < layers.length; i++) {
      const layer = layers[i]!;
      this.update(layer.W.data, layer.dW.data, v[i]![0]!.data, s[i]![0]!.data, c1, c2, alpha);
      this.update(layer.b.data, layer.db.data, v[i]![1]!.data, s[i]![1]!.data, c1, c2, alpha);
    }
  }

  getState(): OptimizerState { return { optimizer: 'adam', t: this.t, v: buffersOut(this.v), s: buffersOut(this.s) }; }
  setState(state: OptimizerState, layers: readonly DenseLayer[]): void {
    const { t, v, s } = checkStateOf('adam', state);
    if (!(Number.isInteger(t) && t! >= 0)) throw new StateError(`adam.setState: state.t must be a whole number >= 0 (the updates made), got ${givenText(t)}`);
    const vs = [buffersIn('adam', 'v', v, layers), buffersIn('adam', 's', s, layers)];
    if ((vs[0]!.length === 0) !== (t === 0) || vs[0]!.length !== vs[1]!.length) throw new StateError(`adam.setState: state.t is ${t} but state.v has ${vs[0]!.length} layers and state.s ${vs[1]!.length}`);
    this.v.splice(0, this.v.length, ...vs[0]!);
    this.s.splice(0, this.s.length, ...vs[1]!);
    this.t = t!;
  }

  /** One parameter P with its gradient, v and s; c1, c2 the bias corrections 1 - beta^t. */
  private update(p: Matrix['data'], g: Matrix['data'], v: Matrix['data'], s: Matrix['data'], c1: number, c2: number, alpha: number): void {
    const { beta1, beta2, epsilon } = this;
    if (p instanceof Float32Array) {
      // in float32: W := W - a v / (sqrt(r s) + eps) with a = alpha / c1, r = 1 / c2
      const b1 = fr(beta1), nb1 = fr(1 - beta1), b2 = fr(beta2), nb2 = fr(1 - beta2), e = fr(epsilon), a = fr(alpha / c1), r = fr(1 / c2);
      for (let k = 0; k < p.length; k++) {
        const gk = g[k]!;
        v[k] = flush(fr(fr(b1 * v[k]!) + fr(nb1 * gk)));
        s[k] = flush(fr(fr(b2 * s[k]!) + fr(fr(nb2 * gk) * gk)));
        p[k] = p[k]! - fr(fr(a * v[k]!) / fr(fr(Math.sqrt(fr(r * s[k]!))) + e));
      }
      return;
    }
    for (let k = 0; k < p.length; k++) {
      const gk = g[k]!;
      v[k] = beta1 * v[k]! + (1 - beta1) * gk;
      s[k] = beta2 * s[k]! + (1 - beta2) * gk * gk;
      p[k] = p[k]! - ((alpha * (v[k]! / c1)) / (Math.sqrt(s[k]! / c2) + epsilon));
    }
  }
}

/** The settings each optimizer reads: a setting it does not read would be ignored, silently. */
const SETTINGS: Record<OptimizerName, readonly (keyof OptimizerOptions)[]> = { gd: [], momentum: ['beta1'], rmsprop: ['beta2', 'epsilon'], adam: ['beta1', 'beta2', 'epsilon'] };

/** A moving average's decay: in [0, 1) (at 1 the average never moves; above, or below 0, the steps grow without bound). */
function checkDecay(optimizer: OptimizerName, name: string, v: number): void {
  if (!(typeof v === 'number' && v >= 0 && v < 1)) throw new OptionError(`${optimizer}: ${name} must be a number in [0, 1), got ${givenText(v)}`);
}

/** The term that keeps a division by the root mean square finite: > 0. */
function checkEpsilon(optimizer: OptimizerName, v: number): void {
  if (!(typeof v === 'number' && v > 0 && Number.isFinite(v))) throw new OptionError(`${optimizer}: epsilon must be a finite number > 0, got ${givenText(v)}`);
}

/** Settings given to an optimizer: an object with only the keys that optimizer reads. */
function checkSettings(name: OptimizerName, options: OptimizerOptions): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new OptionError(`optimizerOptions must be an object such as { beta1: 0.9 }, got ${givenText(options)}`);
  const known = SETTINGS[name];
  const all = ['beta1', 'beta2', 'epsilon'];
  const inapplicable = Object.keys(options).find((k) => all.includes(k) && !(known as readonly string[]).includes(k));
  if (inapplicable !== undefined) throw new OptionError(`optimizerOptions: ${name} has no setting '${inapplicable}' (${known.length > 0 ? `it reads ${known.join(', ')}` : 'it has no settings'})`);
  checkKnownKeys(options, known.length > 0 ? known : all, `optimizerOptions of ${name}`, (m) => new OptionError(m));
}

/** The optimizer of that name: gd, momentum (the course's v = beta v + (1 - beta) dW), rmsprop or adam, with their beta1, beta2, epsilon. */
export function createOptimizer(name: OptimizerName, options: OptimizerOptions = {}): Optimizer {
  if (OPTIMIZER_NAMES.includes(name)) checkSettings(name, options);
  switch (name) {
    case 'gd': return new GradientDescent();
    case 'momentum': return new Momentum(options.beta1 ?? 0.9);
    case 'rmsprop': return new RMSprop(options.beta2 ?? 0.9, options.epsilon ?? 1e-8);
    case 'adam': return new Adam(options.beta1 ?? 0.9, options.beta2 ?? 0.999, options.epsilon ?? 1e-8);
    default:
    {
      // torch.optim.Adam, Keras' 'SGD': the names of other libraries got no suggestion
      const near = typeof name === 'string' && !BATCH_PRESETS[name] ? closest(name, OPTIMIZER_NAMES) : undefined;
      throw new OptionError(`unknown optimizer '${String(name)}'${near ? ` (did you mean '${near}'?)` : ''}; expected one of ${OPTIMIZER_NAMES.join(', ')}${BATCH_PRESETS[name as string] ?? ''}`);
    }
  }
}

/**
 * trainModel's and --optimizer's sgd and minibatch are gradient descent with a batch size, not
 * optimizers of their own: where an optimizer alone is named (fit, createOptimizer) they were refused
 * as unknown, without the way to the same training.
 */
const BATCH_PRESETS: Record<string, string> = {
  sgd: " (trainModel's and --optimizer's 'sgd' is 'gd' with batchSize 1: give optimizer 'gd' and batchSize: 1 to fit)",
  minibatch: " (trainModel's and --optimizer's 'minibatch' is 'gd' with batchSize 64: give optimizer 'gd' and batchSize: 64 to fit)",
};
