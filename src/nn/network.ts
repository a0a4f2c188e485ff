// An L-layer dense network in the course notation. For l = 1..L:
//   forward:  Z[l] = W[l]·A[l-1] + b[l],  A[l] = g[l](Z[l])        (A[0] = X, n_x x m)
//   backward: dZ[l] = dA[l] * g[l]'(Z[l])   (dZ[L] = A[L] - Y for sigmoid+BCE and softmax+CCE)
//             dW[l] = (1/m) dZ[l]·A[l-1]^T,  db[l] = (1/m) sum(dZ[l], over columns)
//             dA[l-1] = W[l]^T·dZ[l]
// Parameters, the forward cache and the gradients are all readable, indexed by l as in the course.

import { Matrix, ShapeError, type DType } from '../tensor/matrix.js';
import { matmul, matmulTransA, matmulTransB, addColumn, sumColumns, sub, oneHot, classIndexProblem, denseForward, denseBackward } from '../tensor/ops.js';
import { Random } from '../tensor/random.js';
import { checkFinite } from '../tensor/finite.js';
import { DataError, StateError, OptionError } from '../errors.js';
import { fusedForm, getActivation, takesAlpha, type Activation, type ActivationSpec, type ActivationName } from './activations.js';
import { defaultLoss, getLoss, lossMismatch, usesCombinedGradient, type Loss, type LossAlias, type LossName } from './losses.js';
import { defaultInit, initializeWeights, type InitName } from './initializers.js';
import { penaltyCost, addPenaltyGradient, checkRegularization, type Regularization } from './regularizers.js';
import { checkKnownKeys, type Elsewhere } from '../util/known-keys.js';
import { kindOf } from '../util/kind-of.js';
import { COPY_MARK, thisCopy } from '../util/copy-mark.js';
import { NETWORK_CLONE_GUARD } from '../util/clone-guard.js';
import { isObject, jsonValueText } from '../util/json.js';
import { givenText, seedProblem } from '../util/bounds.js';
import { exponentText } from '../util/number-text.js';
import { examplesMismatch, transposedHint } from './example-layout.js';

export interface LayerSpec {
  /** n[l], the number of units. */
  units: number;
  activation: ActivationSpec;
  /** Dropout keep probability for this (hidden) layer, 1 = no dropout. */
  keepProb?: number;
  /** Weight initialisation for this layer; by default chosen from the activation. */
  init?: InitName;
}

export interface NetworkOptions {
  /** n[0] = n_x, the number of input features. */
  inputSize: number;
  /** Layers 1..L; the last one is the output layer. */
  layers: LayerSpec[];
  /** By default: binary cross-entropy for a sigmoid output, categorical for softmax, MSE otherwise; the short names bce, cce, mse are taken too. */
  loss?: LossName | LossAlias;
  /** float32 (default) or float64 (gradient checks, exact worked examples). */
  dtype?: DType;
  /** Initialisation of every layer that does not name its own. */
  init?: InitName;
  /** Seed for initialisation and dropout masks: the same seed gives the same run, bit for bit. */
  seed?: number;
  l1?: number;
  l2?: number;
  /** Called with warnings (e.g. zero initialisation of a hidden layer); default console.warn. */
  warn?: (message: string) => void;
  /** Each layer's W and b to start from instead of the initialisation, as setWeights takes them. */
  weights?: readonly { W: Matrix | ArrayLike<number> | readonly (readonly number[])[]; b: Matrix | ArrayLike<number> }[];
}

/** What JSON.stringify(network) writes: its options and weights, which `new Network(doc)` reads back. */
export interface NetworkJson {
  inputSize: number;
  layers: { units: number; activation: ActivationSpec; keepProb?: number }[];
  loss: LossName;
  dtype: DType;
  l1?: number;
  l2?: number;
  weights: { W: number[][]; b: number[] }[];
}

/** Every key of NetworkOptions and of a LayerSpec. */
const NETWORK_OPTION_KEYS = ['inputSize', 'layers', 'loss', 'dtype', 'init', 'seed', 'l1', 'l2', 'warn', 'weights'] as const satisfies readonly (keyof NetworkOptions)[];
const LAYER_SPEC_KEYS = ['units', 'activation', 'keepProb', 'init'] as const satisfies readonly (keyof LayerSpec)[];

/** A layer's keys given to the network as a whole: where they go. */
const LAYER_KEYS_ELSEWHERE: Elsewhere = Object.fromEntries(['keepprob', 'dropout', 'units', 'activation'].map((k) => [k,
  `${k === 'dropout' ? 'dropout is a hidden layer\'s keepProb, the probability of keeping a unit' : 'a layer\'s'}: layers: [{ units: 4, activation: 'relu', keepProb: 0.86 }, ...]`]));

/** The options and each layer spec are objects without unknown keys ({ hidden: [3] } or { dropout: 0.5 } would be ignored, silently). */
function checkNetworkOptions(options: NetworkOptions): void {
  if (!isObject(options)) throw new OptionError(`Network: options must be an object such as { inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }] }, got ${givenText(options)}`);
  // a model file's document (model.toJson(), a saved file) was told "unknown option 'format'"
  if ((options as { format?: unknown }).format === 'backprop-model') throw new OptionError("Network: options are a model file's document (format 'backprop-model'); read it with Model.fromJson(doc), whose network is model.network");
  checkKnownKeys(options, NETWORK_OPTION_KEYS, 'Network', (m) => new OptionError(m), 'option', LAYER_KEYS_ELSEWHERE);
  if (!Array.isArray(options.layers)) return;
  // by index: forEach skips the holes of [, { units: 1 }], which failed inside on a TypeError
  for (let i = 0; i < options.layers.length; i++) {
    const spec: unknown = options.layers[i];
    if (!isObject(spec)) throw new OptionError(`Network: layer ${i + 1} must be an object such as { units: 4, activation: 'relu' }, got ${jsonValueText(spec)}`);
    checkKnownKeys(spec, LAYER_SPEC_KEYS, `Network: layer ${i + 1}`, (m) => new OptionError(m));
  }
}

/** The examples per forward pass of predictProba, evaluateCost and costAndProba: 0 said "X has no examples (0 columns)", -1 "a matrix needs whole non-negative dimensions". */
function checkChunk(chunk: unknown, method: string): void {
  if (!(typeof chunk === 'number' && Number.isInteger(chunk) && chunk >= 1)) throw new OptionError(`Network.${method}: chunk (examples per forward pass) must be a whole number >= 1, got ${givenText(chunk)}`);
}

/** One dense layer: W (n[l] x n[l-1]), b (n[l] x 1), its activation and its gradients. */
export class DenseLayer {
  readonly W: Matrix;
  readonly b: Matrix;
  readonly dW: Matrix;
  readonly db: Matrix;
  readonly activation: Activation;
  readonly keepProb: number;

  constructor(readonly inputSize: number, readonly units: number, activation: ActivationSpec, keepProb: number, dtype: DType) {
    this.W = Matrix.zeros(units, inputSize, dtype);
    this.b = Matrix.zeros(units, 1, dtype);
    this.dW = Matrix.zeros(units, inputSize, dtype);
    this.db = Matrix.zeros(units, 1, dtype);
    this.activation = getActivation(activation);
    this.keepProb = keepProb;
  }

  get activationSpec(): ActivationSpec {
    const a = this.activation;
    return a.name === 'leakyRelu' || a.name === 'elu' ? { name: a.name, alpha: a.alpha! } : a.name;
  }
}

/** Targets given as an array: a row of numbers; a value that is none is named as Y[k]. */
function targetsRow(Y: ArrayLike<number>, dtype: DType): Matrix {
  const arrayLike = typeof Y === 'object' && Y !== null && typeof (Y as { length?: unknown }).length === 'number';
  if (!arrayLike) throw new DataError(`Y must be a Matrix or an array of labels (one per example), got ${kindOf(Y)}`);
  try {
    return Matrix.row(Y, dtype);
  } catch (e) {
    throw e instanceof DataError ? new DataError(e.message.replace(/^Matrix\.row: values/, 'Y')) : e;
  }
}

/**
 * Cross-entropy compares probabilities: a target outside [0, 1] (a class index 5, a label -1) trains
 * towards nonsense, silently. Under softmax with categorical cross-entropy each example's targets must also sum to 1: the gradient
 * dZ[L] = A[L] - Y holds only then (it is A[L]·sum(Y) - Y), so a column of two 1s trained towards a
 * wrong minimum and made gradientCheck blame the backward pass.
 */
export function checkTargetRange(net: Network, Y: Matrix, what: string): void {
  const loss = net.loss.name;
  if (loss !== 'binaryCrossEntropy' && loss !== 'categoricalCrossEntropy') return;
  const d = Y.data;
  for (let k = 0; k < d.length; k++) {
    const v = d[k]!;
    if (!(v >= 0 && v <= 1)) {
      const i = Math.floor(k / Y.cols), j = k % Y.cols;
      throw new DataError(`${what} has ${v} at row ${i + 1}, column ${j + 1} (example ${j + 1}), but ${loss} needs targets in [0, 1] (labels 0/1${net.outputSize > 1 ? ', one-hot columns or class indices 0..' + (net.outputSize - 1) : ''})`);
    }
  }
  if (Y.rows > 1 && loss === 'categoricalCrossEntropy' && net.layers[net.depth - 1]!.activation.name === 'softmax') checkColumnSums(Y, what);
}

/** Each column of Y (one example's class probabilities) sums to 1, to float32 rounding. */
function checkColumnSums(Y: Matrix, what: string): void {
  const { rows, cols, data } = Y;
  const sums = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) sums[j] = sums[j]! + data[i * cols + j]!;
  const j = sums.findIndex((s) => Math.abs(s - 1) > 1e-4);
  if (j >= 0) {
    throw new DataError(`${what}'s column ${j + 1} (example ${j + 1}) sums to ${+sums[j]!.toPrecision(6)}, but a softmax output needs each example's targets to sum to 1 (one-hot columns or class probabilities); for several labels per example use sigmoid outputs with binaryCrossEntropy`);
  }
}

/** The index of the first value that is not a finite number, or -1. */
function firstNonFinite(values: ArrayLike<unknown>): number {
  for (let k = 0; k < values.length; k++) if (!Number.isFinite(values[k])) return k;
  return -1;
}

const isRows = (v: unknown): v is readonly (readonly number[])[] => Array.isArray(v) && Array.isArray(v[0]);

/**
 * A W given with a shape (a Matrix, or rows) that is not n[l] x n[l-1]: the same number of values
 * in another shape (W stored inputs x units, as Keras's kernel, or numpy's W.T) was read row by row
 * into W[l], and the network computed with scrambled weights. A flat list is taken row by row.
 */
function weightShapeProblem(W: unknown, rows: number, cols: number, l: number): string | undefined {
  const given = W instanceof Matrix ? [W.rows, W.cols] : isRows(W) ? [W.length, W.find((r) => r.length !== cols)?.length ?? cols] : undefined;
  if (!given || (given[0] === rows && given[1] === cols)) return undefined;
  const hint = given[0] === cols && given[1] === rows ? '; it looks transposed (inputs x units, as a Keras kernel or W.T): give its transpose' : '';
  const what = W instanceof Matrix ? `${given[0]} x ${given[1]}` : `${given[0]} rows${given[1] !== cols ? ` (one of ${given[1]} numbers)` : ''}`;
  return `layer ${l}: W is ${what}, but W[${l}] is n[${l}] x n[${l - 1}] = ${rows} x ${cols} (a row per unit of the layer, a column per input)${hint}`;
}

/** Buffers for one batch size m, made once and reused by every step with that m. */
interface Workspace {
  m: number;
  Z: Matrix[];      // Z[l], index 1..L
  G: Matrix[];      // g(Z[l]) before dropout (the same object as A[l] when the layer has none)
  A: Matrix[];      // A[l], index 1..L (A[0] is the input)
  D: Matrix[];      // dropout masks (already divided by keepProb)
  dZ: Matrix[];
  dA: Matrix[];     // dA[l], index 0..L
  Y?: Matrix;       // one-hot targets made from class indices
  /** The last backward pass filled every dA[l], dA[0] and dA[L] included (not only what an update needs). */
  allGradients?: boolean;
}

/** What backward computes beyond dW[l] and db[l]. */
export interface BackwardOptions {
  /**
   * Only what an update needs (dW, db, and the dZ, dA between): dA[0] = W[1]ᵀ·dZ[1] and, where dZ[L] = A[L] - Y
   * is computed directly, dA[L] are left out (fit's steps). By default every gradient is computed, as the course's
   * L_model_backward does.
   */
  parametersOnly?: boolean;
}

/** Most parameters (weights and biases) a network may hold: with their gradients, 4 GiB of float32 (8 GiB of float64). */
export const MAX_PARAMETERS = 2 ** 29;

/**
 * Every layer's size a whole number >= 1, and the weights within MAX_PARAMETERS, checked before
 * anything is allocated: new Network with 1e9 units allocated gigabytes for minutes (or ran out of memory).
 */
function checkLayerSizes(inputSize: number, layers: readonly LayerSpec[], dtype: DType): void {
  let nPrev = inputSize, total = 0;
  layers.forEach((spec, i) => {
    const l = i + 1, units = spec.units;
    if (!Number.isInteger(units) || units < 1) throw new OptionError(`layer ${l}: units must be a whole number >= 1, got ${givenText(units)}`);
    const count = units * (nPrev + 1);
    total += count;
    if (count > MAX_PARAMETERS) {
      throw new OptionError(`layer ${l}: ${units} unit${units === 1 ? '' : 's'} x ${nPrev} input${nPrev === 1 ? '' : 's'} is ${exponentText(count, 2)} parameters, more than the ${MAX_PARAMETERS} (2^29) a network may hold; use fewer units or inputs`);
    }
    if (total > MAX_PARAMETERS) {
      throw new OptionError(`layer ${l} (${units} units x ${nPrev} inputs) brings the network to ${exponentText(total, 2)} parameters, more than the ${MAX_PARAMETERS} (2^29) a network may hold (${dtype === 'float64' ? '8' : '4'} GiB with their gradients); use smaller layers`);
    }
    nPrev = units;
  });
}

/** A Matrix, a typed array, or an array (of numbers or of rows): what setWeights takes for W and b. */
const isNumbers = (v: unknown) => v instanceof Matrix || ArrayBuffer.isView(v) || Array.isArray(v);

/** M[:, j] *= w[j], in place. */
function scaleColumns(M: Matrix, w: ArrayLike<number>): void {
  const { rows, cols } = M, d = M.data;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) d[i * cols + j] = d[i * cols + j]! * w[j]!;
}

/** The targets given to cost and backward: a Matrix (class indices go through prepareTargets first). */
function checkTargets(method: string, Y: unknown): void {
  if (!(Y instanceof Matrix)) throw new ShapeError(`Network.${method}: Y must be a Matrix of n[L] x m targets (class indices or a plain array: prepareTargets(Y) first), got ${kindOf(Y)}`);
}

/** Example weights: one finite number >= 0 per example of the pass (2 weights for 5 examples made dW NaN, silently). */
function checkExampleWeights(method: string, weights: ArrayLike<number> | undefined, m: number): void {
  if (weights === undefined) return;
  if (weights?.length !== m) throw new ShapeError(`Network.${method}: weights must hold one number per example (${m}), got ${weights === null || typeof weights !== 'object' ? kindOf(weights) : `${weights.length}`}`);
  for (let j = 0; j < m; j++) {
    const w = weights[j]!;
    if (!(typeof w === 'number' && w >= 0 && Number.isFinite(w))) throw new OptionError(`Network.${method}: weight ${j + 1} of the examples is ${String(w)}; each must be a finite number >= 0`);
  }
}

/**
 * A dense network in the course's notation: layers 1..L of W[l] (n[l] x n[l-1]) and b[l] (n[l] x 1);
 * `forward(X)` fills `cache` (Z[l], A[l]), `backward(Y)` fills `gradients` (dW[l], db[l], dZ[l], dA[l]).
 */
export class Network {
  /** First, so that structuredClone(network) and postMessage refuse it saying what to post (util/clone-guard.ts). */
  protected readonly cloneGuard = NETWORK_CLONE_GUARD;
  readonly inputSize: number;
  readonly layers: DenseLayer[];
  readonly loss: Loss;
  readonly dtype: DType;
  /** The L1/L2 strengths of the cost's penalty (setRegularization changes them). */
  get regularization(): Regularization { return this.reg; }
  /** Which copy of backprop made this network (util/copy-mark.ts): another copy's is refused by name. */
  get [COPY_MARK](): object { return thisCopy(); }
  private reg: Regularization;
  /** The generator for dropout masks (and, in fit, shuffling), seeded from options.seed. */
  readonly rng: Random;
  private readonly workspaces = new Map<number, Workspace>();
  private last: Workspace | undefined;
  /** The workspace of the last backward pass, while no forward pass came after it. */
  private lastBackward: Workspace | undefined;
  /** Set while a fit trains this network: a second fit at the same time would share its buffers. */
  training: string | undefined;
  private lastInput: Matrix | undefined;

  constructor(options: NetworkOptions) {
    checkNetworkOptions(options);
    const { inputSize, layers } = options;
    if (!Number.isInteger(inputSize) || inputSize < 1) {
      throw new OptionError(`inputSize must be a whole number >= 1, got ${givenText(inputSize)}`);
    }
    if (!Array.isArray(layers) || layers.length === 0) {
      throw new OptionError('a network needs at least one layer (the output layer)');
    }
    this.inputSize = inputSize;
    this.dtype = options.dtype ?? 'float32';
    if (this.dtype !== 'float32' && this.dtype !== 'float64') {
      throw new OptionError(`dtype must be float32 or float64, got ${givenText(this.dtype)}`);
    }
    this.reg = checkRegularization({ l1: options.l1, l2: options.l2 });
    const seedWrong = seedProblem(options.seed);
    if (seedWrong) throw new OptionError(seedWrong);
    if (options.warn !== undefined && typeof options.warn !== 'function') throw new OptionError(`warn must be a function that takes a message, got ${kindOf(options.warn)}`);
    this.rng = new Random(options.seed ?? 1);
    const warn = options.warn ?? ((m: string) => console.warn(`warning: ${m}`));

    this.layers = [];
    checkLayerSizes(inputSize, layers, this.dtype);
    let nPrev = inputSize;
    layers.forEach((spec, i) => {
      const l = i + 1;
      const keep = spec.keepProb ?? 1;
      // a string '0.5' passed by coercion and was kept as a string
      if (!(typeof keep === 'number' && keep > 0 && keep <= 1)) throw new OptionError(`layer ${l}: keepProb must be in (0, 1], got ${givenText(keep)}`);
      if (keep < 1 && l === layers.length) throw new OptionError(`layer ${l}: dropout applies to hidden layers, not the output layer`);
      const layer = new DenseLayer(nPrev, spec.units, spec.activation, keep, this.dtype);
      if (layer.activation.name === 'softmax' && l < layers.length) {
        throw new OptionError(`layer ${l}: softmax is for the output layer only`);
      }
      this.layers.push(layer);
      nPrev = spec.units;
    });
    const out = this.layers[this.layers.length - 1]!;
    this.loss = getLoss(options.loss ?? defaultLoss(out.activation.name));
    const mismatch = lossMismatch(this.loss.name, out.activation.name, out.units);
    if (mismatch) throw new OptionError(`Network: ${mismatch}`);

    // initialise layer by layer, in order, so a seed reproduces the course's np.random.seed runs
    const initRng = new Random(options.seed ?? 1);
    this.layers.forEach((layer, i) => {
      const init = layers[i]!.init ?? options.init ?? defaultInit(layer.activation.name);
      if (init === 'zeros' && i < this.layers.length - 1) {
        warn(`layer ${i + 1} starts with all-zero weights: its units stay identical (symmetry is never broken); use normal, lecun, xavier or he`);
      }
      initializeWeights(layer.W, init, initRng);
    });
    if (options.weights !== undefined) this.setWeights(options.weights);
  }

  /**
   * JSON.stringify(network) writes the options and weights that `new Network(doc)` reads back (it wrote
   * the object's insides: its workspaces, random state and typed arrays as {"0": ...} objects).
   */
  toJSON(): NetworkJson {
    const { l1, l2 } = this.reg;
    return {
      inputSize: this.inputSize,
      layers: this.layers.map(({ units, activation: a, keepProb }) => ({
        units,
        activation: takesAlpha(a.name) ? { name: a.name, alpha: a.alpha } : a.name,
        ...(keepProb < 1 ? { keepProb } : {}),
      })),
      loss: this.loss.name,
      dtype: this.dtype,
      ...(l1 ? { l1 } : {}),
      ...(l2 ? { l2 } : {}),
      weights: this.layers.map((layer) => ({ W: layer.W.toArray(), b: Array.from(layer.b.data) })),
    };
  }

  /** L, the number of layers with parameters. */
  get depth(): number {
    return this.layers.length;
  }

  /** n[l] for l = 0..L. */
  get layerSizes(): number[] {
    return [this.inputSize, ...this.layers.map((l) => l.units)];
  }

  get outputSize(): number {
    return this.layers[this.layers.length - 1]!.units;
  }

  get outputActivation(): ActivationName {
    return this.layers[this.layers.length - 1]!.activation.name;
  }

  private layer(l: number): DenseLayer {
    const layer = this.layers[l - 1];
    if (!layer || !Number.isInteger(l)) throw new OptionError(`layer index l must be in 1..${this.depth}, got ${givenText(l)}`);
    return layer;
  }

  /** W[l], n[l] x n[l-1]. */
  W(l: number): Matrix { return this.layer(l).W; }
  /** b[l], n[l] x 1. */
  b(l: number): Matrix { return this.layer(l).b; }
  /** dW[l] after the last backward pass. */
  dW(l: number): Matrix { return this.layer(l).dW; }
  /** db[l] after the last backward pass. */
  db(l: number): Matrix { return this.layer(l).db; }

  /**
   * The forward cache of the last forward pass: Z[l] (l = 1..L), A[l] (l = 0..L, A[0] = X), and D[l] for the
   * hidden layers with dropout (keepProb < 1; undefined for the others): the inverted-dropout mask already
   * divided by keepProb, `D[l] = (rand < keepProb) / keepProb`, so `A[l] = g[l](Z[l]) * D[l]` (all ones after a
   * forward pass without `training: true`, which applies no dropout). The course caches D[l] beside A[l].
   */
  get cache(): { Z: (Matrix | undefined)[]; A: Matrix[]; D: (Matrix | undefined)[] } {
    const ws = this.requireLast('cache');
    const D = Array.from({ length: this.depth + 1 }, (_, l) => ws.D[l]);
    return { Z: [undefined, ...ws.Z.slice(1)], A: [this.lastInput!, ...ws.A.slice(1)], D };
  }

  /**
   * Gradients of the last backward pass: dW[l], db[l], dZ[l] (l = 1..L), dA[l] (l = 0..L). dA[0] and dA[L] are
   * undefined after a backward pass with `parametersOnly` (fit's), which does not compute them: they read as
   * zeros (dA[0]; dA[L] under sigmoid + cross-entropy or softmax + categorical, where dZ[L] = A[L] - Y).
   */
  get gradients(): { dW: (Matrix | undefined)[]; db: (Matrix | undefined)[]; dZ: (Matrix | undefined)[]; dA: (Matrix | undefined)[] } {
    const ws = this.requireLast('gradients', true);
    const L = this.depth, dA: (Matrix | undefined)[] = ws.dA.slice();
    if (!ws.allGradients) {
      dA[0] = undefined;
      if (usesCombinedGradient(this.loss.name, this.layers[L - 1]!.activation.name)) dA[L] = undefined;
    }
    return {
      dW: [undefined, ...this.layers.map((l) => l.dW)],
      db: [undefined, ...this.layers.map((l) => l.db)],
      dZ: [undefined, ...ws.dZ.slice(1)],
      dA,
    };
  }

  /** Parameters as the course's dictionary: { W1, b1, W2, b2, ... } (the live matrices). */
  parameters(): Record<string, Matrix> {
    const p: Record<string, Matrix> = {};
    this.layers.forEach((layer, i) => { p[`W${i + 1}`] = layer.W; p[`b${i + 1}`] = layer.b; });
    return p;
  }

  /** The workspace of the last forward pass (with `backward`: of the last backward pass, with no forward since). */
  private requireLast(what: string, backward = false): Workspace {
    if (!this.last) throw new StateError(`Network.${what}: no forward pass yet; run forward(X)${backward ? ' and backward(Y)' : ''} first`);
    if (backward && this.lastBackward !== this.last) {
      throw new StateError(`Network.${what}: no backward pass since the last forward pass (its values would be those of an earlier pass); run backward(Y) first`);
    }
    return this.last;
  }

  private workspace(m: number): Workspace {
    let ws = this.workspaces.get(m);
    if (ws) return ws;
    const L = this.depth;
    const dt = this.dtype;
    ws = { m, Z: [], G: [], A: [], D: [], dZ: [], dA: [] };
    ws.dA[0] = Matrix.zeros(this.inputSize, m, dt);
    for (let l = 1; l <= L; l++) {
      const n = this.layers[l - 1]!.units;
      const dropout = this.layers[l - 1]!.keepProb < 1;
      ws.Z[l] = Matrix.zeros(n, m, dt);
      ws.G[l] = Matrix.zeros(n, m, dt);
      ws.A[l] = dropout ? Matrix.zeros(n, m, dt) : ws.G[l]!;
      if (dropout) ws.D[l] = Matrix.zeros(n, m, dt);
      ws.dZ[l] = Matrix.zeros(n, m, dt);
      ws.dA[l] = Matrix.zeros(n, m, dt);
    }
    // keep a few batch sizes (full batch, mini-batch, last partial batch, prediction chunks)
    if (this.workspaces.size >= 6) this.workspaces.clear();
    this.workspaces.set(m, ws);
    return ws;
  }

  private checkInput(X: Matrix): void {
    if (!(X instanceof Matrix)) throw new ShapeError(`X must be a Matrix of shape n_x x m (one example per column), got ${kindOf(X)}`);
    if (X.rows !== this.inputSize) {
      throw new ShapeError(`X is ${X.shapeString} but the network expects ${this.inputSize} features per example (X must be n_x x m = ${this.inputSize} x m, one example per column)${transposedHint(X, this.inputSize)}`);
    }
    if (X.cols === 0) throw new ShapeError('X has no examples (0 columns)');
  }

  /**
   * Forward propagation for all m columns of X at once; returns A[L] (n[L] x m).
   * With `training: true`, inverted dropout is applied to hidden layers that have keepProb < 1.
   * The returned matrix is a reused buffer: copy it (clone()) to keep it past the next pass.
   */
  forward(X: Matrix, options: { training?: boolean } = {}): Matrix {
    this.checkInput(X);
    const input = X.dtype === this.dtype ? X : X.astype(this.dtype);
    const ws = this.workspace(input.cols);
    const training = options.training ?? false;
    let Aprev = input;
    for (let l = 1; l <= this.depth; l++) {
      const layer = this.layers[l - 1]!;
      const Z = ws.Z[l]!, G = ws.G[l]!;
      const g = fusedForm(layer.activation);
      if (g) {
        denseForward(layer.W, Aprev, layer.b, Z, G, g); // Z[l] = W[l]·A[l-1] + b[l], A[l] = g[l](Z[l]) in one fused call
      } else {
        matmul(layer.W, Aprev, Z);          // Z[l] = W[l]·A[l-1]
        addColumn(Z, layer.b, Z);           //        + b[l]
        layer.activation.forward(Z, G);     // A[l] = g[l](Z[l])
      }
      let A = G;
      if (layer.keepProb < 1) {
        A = ws.A[l]!;
        if (training) {
          // inverted dropout: D[l] = (rand < keepProb) / keepProb, A[l] = g(Z[l]) * D[l]
          const d = ws.D[l]!.data, g = G.data, a = A.data, keep = layer.keepProb;
          for (let k = 0; k < d.length; k++) {
            const mask = this.rng.random() < keep ? 1 / keep : 0;
            d[k] = mask;
            a[k] = g[k]! * mask;
          }
        } else {
          A.data.set(G.data);
          ws.D[l]!.data.fill(1);
        }
      }
      Aprev = A;
    }
    this.last = ws;
    this.lastBackward = undefined;
    this.lastInput = input;
    return ws.A[this.depth]!;
  }

  /**
   * Targets as the output layer needs them: class indices (1 x m) become one-hot columns for a
   * softmax output (written into `into` when it is an n[L] x m matrix of the network's dtype).
   */
  prepareTargets(Y: Matrix | ArrayLike<number>, into?: Matrix): Matrix {
    let y = Y instanceof Matrix ? Y : targetsRow(Y, this.dtype);
    const n = this.outputSize;
    // class indices only for outputs that give class probabilities: a 1 x m Y of real targets for 2 linear
    // outputs was one-hot encoded and failed on "oneHot: label -0.2996 of example 1 is not a class index"
    const probabilities = ['softmax', 'sigmoid'].includes(this.layers[this.depth - 1]!.activation.name);
    if (y.rows === 1 && n > 1 && probabilities) {
      // a data error, as evaluate says it (fit said "ShapeError: oneHot: ...", a function it never called)
      const problem = classIndexProblem(y.data, n);
      if (problem) throw new DataError(`Y: ${problem} (the output layer's ${n} units; or give Y as ${n} x m one-hot columns)`);
      y = oneHot(y.data, n, this.dtype, into);
    }
    if (y.rows !== n) {
      throw new ShapeError(`Y is ${y.shapeString} but the output layer has ${n} unit${n === 1 ? '' : 's'} (expected ${n} x m${n > 1 && probabilities ? ', or 1 x m class indices' : ''})${transposedHint(y, n)}`);
    }
    return y.dtype === this.dtype ? y : y.astype(this.dtype);
  }

  /**
   * Cost J of the last forward pass against Y: mean loss + regularization.
   * `m` defaults to the number of columns of that pass.
   */
  cost(Y: Matrix, weights?: ArrayLike<number>): number {
    const ws = this.requireLast('cost');
    checkTargets('cost', Y);
    checkExampleWeights('cost', weights, ws.m);
    const L = this.depth;
    const out = this.layers[L - 1]!;
    let J = this.loss.cost(ws.A[L]!, Y, ws.Z[L]!, out.activation.name, weights);
    for (const layer of this.layers) J += penaltyCost(layer.W, this.reg, ws.m);
    return J;
  }

  /** The regularization part of the cost for a batch of m examples. */
  penalty(m: number): number {
    let s = 0;
    for (const layer of this.layers) s += penaltyCost(layer.W, this.reg, m);
    return s;
  }

  /**
   * Backward propagation after forward(X): fills dW[l], db[l] (and dZ[l], dA[l], dA[0] and dA[L] included) for every layer.
   * `weights` (one per example, as cost's): dZ[L]'s column j is multiplied by w_j.
   */
  backward(Y: Matrix, weights?: ArrayLike<number>, options: BackwardOptions = {}): void {
    const ws = this.requireLast('backward');
    checkTargets('backward', Y);
    checkExampleWeights('backward', weights, ws.m);
    this.lastBackward = undefined; // until it is complete
    ws.allGradients = false;
    const L = this.depth;
    const m = ws.m;
    const out = this.layers[L - 1]!;
    const AL = ws.A[L]!;
    if (Y.rows !== AL.rows || Y.cols !== AL.cols) {
      throw new ShapeError(`Y is ${Y.shapeString} but the network output A[${L}] is ${AL.shapeString}${transposedHint(Y, AL.rows)}`);
    }
    const combined = usesCombinedGradient(this.loss.name, out.activation.name);
    if (combined) {
      sub(AL, Y, ws.dZ[L]);                                     // dZ[L] = A[L] - Y
      // dA[L] = ∂L/∂A[L], e.g. -Y/A[L] + (1 - Y)/(1 - A[L]): not needed for dZ[L], but the course's dAL
      if (!options.parametersOnly) this.loss.gradient(AL, Y, ws.dA[L]!);
    } else {
      this.loss.gradient(AL, Y, ws.dA[L]!);                     // dA[L] = dL/dA[L]
      out.activation.backward(ws.Z[L]!, ws.G[L]!, ws.dA[L]!, ws.dZ[L]!);
    }
    if (weights) scaleColumns(ws.dZ[L]!, weights);               // dZ[L][:, j] *= w_j
    for (let l = L; l >= 1; l--) {
      const layer = this.layers[l - 1]!;
      const dZ = ws.dZ[l]!;
      const Aprev = l > 1 ? ws.A[l - 1]! : this.lastInput!;
      matmulTransB(dZ, Aprev, layer.dW, 1 / m);                 // dW[l] = (1/m) dZ[l]·A[l-1]^T
      addPenaltyGradient(layer.dW, layer.W, this.reg, m);
      sumColumns(dZ, layer.db, 1 / m);                          // db[l] = (1/m) sum(dZ[l], columns)
      if (l === 1) {
        if (!options.parametersOnly) matmulTransA(layer.W, dZ, ws.dA[0]); // dA[0] = W[1]^T·dZ[1] (no update needs it)
        break;
      }
      const dAprev = ws.dA[l - 1]!;
      const below = this.layers[l - 2]!;
      const g = fusedForm(below.activation);
      if (g && below.keepProb === 1) {
        // dA[l-1] = W[l]^T·dZ[l], dZ[l-1] = dA[l-1] * g'(Z[l-1]) in one fused call
        denseBackward(layer.W, dZ, ws.Z[l - 1]!, dAprev, ws.dZ[l - 1]!, g);
        continue;
      }
      matmulTransA(layer.W, dZ, dAprev);                        // dA[l-1] = W[l]^T·dZ[l]
      if (below.keepProb < 1) {
        const d = ws.D[l - 1]!.data, da = dAprev.data;          // dA[l-1] *= D[l-1] (already / keepProb)
        for (let k = 0; k < da.length; k++) da[k] = da[k]! * d[k]!;
      }
      below.activation.backward(ws.Z[l - 1]!, ws.G[l - 1]!, dAprev, ws.dZ[l - 1]!); // dZ[l-1] = dA[l-1] * g'(Z[l-1])
    }
    ws.allGradients = !options.parametersOnly;
    this.lastBackward = ws;
  }

  /** dA[0] = W[1]^T·dZ[1], the gradient with respect to the input (for learners; training does not need it). */
  inputGradient(): Matrix {
    const ws = this.requireLast('inputGradient', true);
    return matmulTransA(this.layers[0]!.W, ws.dZ[1]!, ws.dA[0]);
  }

  /** A[L] for X as a new matrix (no dropout), computed in chunks of columns to bound memory. */
  predictProba(X: Matrix, chunk = 4096): Matrix {
    this.checkInput(X);
    checkChunk(chunk, 'predictProba');
    if (X.cols <= chunk) return this.forward(X).clone();
    const out = new Matrix(this.outputSize, X.cols, undefined, this.dtype);
    this.forwardInChunks(X, chunk, (A, start) => out.setColumns(start, A));
    return out;
  }

  /** Cost of the whole of X against Y (no dropout, regularization included). */
  evaluateCost(X: Matrix, Y: Matrix | ArrayLike<number>, chunk = 4096): number {
    this.checkInput(X);
    checkChunk(chunk, 'evaluateCost');
    checkFinite(X, 'X'); // a NaN feature made the cost NaN, silently
    return this.costOver(X, Y, chunk);
  }

  /** The cost (as evaluateCost) and A[L] (as predictProba) from one forward pass over X. */
  costAndProba(X: Matrix, Y: Matrix | ArrayLike<number>, chunk = 4096): { cost: number; A: Matrix } {
    this.checkInput(X);
    checkChunk(chunk, 'costAndProba');
    const A = new Matrix(this.outputSize, X.cols, undefined, this.dtype);
    const cost = this.costOver(X, Y, chunk, (Ac, start) => A.setColumns(start, Ac));
    return { cost, A };
  }

  /** J over X in chunks: the mean of the chunks' losses weighted by their sizes, plus the penalty; `also` sees each chunk's A[L]. */
  private costOver(X: Matrix, Y: Matrix | ArrayLike<number>, chunk: number, also?: (A: Matrix, start: number) => void): number {
    const y = this.prepareTargets(Y);
    const m = X.cols;
    if (y.cols !== m) throw new ShapeError(examplesMismatch(X, y, { xChecked: true }));
    // as fit checks them: a label 7 for a sigmoid gave a negative cost, a NaN label a NaN one, silently
    checkFinite(y, 'Y');
    checkTargetRange(this, y, 'Y');
    const out = this.layers[this.depth - 1]!;
    let total = 0;
    this.forwardInChunks(X, chunk, (A, start, end) => {
      const ys = m <= chunk ? y : y.sliceColumns(start, end);
      total += this.loss.cost(A, ys, this.last!.Z[this.depth]!, out.activation.name) * (end - start);
      also?.(A, start);
    });
    return total / m + this.penalty(m);
  }

  /** The forward pass (no dropout) over X's columns `chunk` at a time, each chunk's A[L] handed to `visit` before the next. */
  private forwardInChunks(X: Matrix, chunk: number, visit: (A: Matrix, start: number, end: number) => void): void {
    const m = X.cols;
    let slice: Matrix | undefined; // one buffer for the chunks' columns, reused (a new one only for a shorter last chunk)
    for (let start = 0; start < m; start += chunk) {
      const end = Math.min(m, start + chunk);
      if (m > chunk) slice = X.sliceColumns(start, end, slice?.cols === end - start ? slice : undefined);
      visit(this.forward(slice ?? X), start, end);
    }
  }

  /**
   * Change the L1/L2 strengths of the cost's penalty, keeping the weights (a strength left out is 0):
   * the next cost, gradient and fit use them. Refused while a fit trains this network.
   */
  setRegularization(reg: { l1?: number; l2?: number }): void {
    if (!isObject(reg)) throw new OptionError(`setRegularization: give { l1, l2 } (numbers >= 0), got ${kindOf(reg)}`);
    checkKnownKeys(reg, ['l1', 'l2'], 'setRegularization', (m) => new OptionError(m));
    if (this.training) throw new StateError(`setRegularization: a ${this.training} is training this network; change the regularization between fits`);
    try {
      this.reg = checkRegularization({ l1: reg.l1, l2: reg.l2 });
    } catch (e) { throw new OptionError(`setRegularization: ${(e as Error).message}`); }
  }

  /** Copy all weights and biases (for restoring the best epoch, or the last finite one). */
  snapshot(): { W: Matrix[]; b: Matrix[] } {
    return { W: this.layers.map((l) => l.W.clone()), b: this.layers.map((l) => l.b.clone()) };
  }

  restore(snap: { W: Matrix[]; b: Matrix[] }): void {
    if (!isObject(snap) || !Array.isArray(snap.W) || !Array.isArray(snap.b)) throw new ShapeError(`restore: give a snapshot() of a network ({ W, b }), got ${kindOf(snap)}`);
    this.setWeights(snap.W.map((W, i) => ({ W, b: snap.b[i]! })));
  }

  /**
   * Set W[l] and b[l] of every layer, from another network's layers or snapshot (Matrices), or
   * from numbers (W as n[l] rows of n[l-1], b as n[l] values: a model file, an import, the page).
   */
  setWeights(layers: readonly { W: Matrix | ArrayLike<number> | readonly (readonly number[])[]; b: Matrix | ArrayLike<number> }[]): void {
    if (!Array.isArray(layers)) throw new ShapeError(`setWeights: give a list of { W, b }, one per layer, got ${kindOf(layers)}`);
    if (layers.length !== this.depth) throw new ShapeError(`setWeights: ${layers.length} layers given for a network of ${this.depth}`);
    const notLayer = layers.findIndex((l) => !isObject(l) || !isNumbers(l.W) || !isNumbers(l.b));
    if (notLayer >= 0) throw new ShapeError(`setWeights: layer ${notLayer + 1} must be { W, b } of Matrices or numbers, got ${kindOf(layers[notLayer])}`);
    // every layer checked before any is set: a refused call leaves the network as it was
    const values = layers.map((src, i) => {
      const layer = this.layers[i]!;
      const shapeWrong = weightShapeProblem(src.W, layer.W.rows, layer.W.cols, i + 1);
      if (shapeWrong) throw new ShapeError(`setWeights: ${shapeWrong}`);
      const W = src.W instanceof Matrix ? src.W.data : isRows(src.W) ? src.W.flat() : src.W;
      const b = src.b instanceof Matrix ? src.b.data : src.b;
      if (W.length !== layer.W.size || b.length !== layer.b.size) {
        throw new ShapeError(`setWeights: layer ${i + 1} needs W ${layer.W.shapeString} and b ${layer.b.shapeString}, got ${W.length} and ${b.length} values`);
      }
      const bad = firstNonFinite(W), badB = firstNonFinite(b);
      if (bad >= 0 || badB >= 0) {
        const where = bad >= 0 ? `W[${i + 1}] at row ${Math.floor(bad / layer.W.cols) + 1}, column ${(bad % layer.W.cols) + 1}` : `b[${i + 1}] at row ${badB + 1}`;
        throw new DataError(`setWeights: layer ${i + 1} has a non-finite value (${String(bad >= 0 ? W[bad] : b[badB])}) in ${where}; weights must be finite numbers (a network with one NaN predicts NaN for every example)`);
      }
      return { W, b };
    });
    values.forEach(({ W, b }, i) => {
      this.layers[i]!.W.data.set(W);
      this.layers[i]!.b.data.set(b);
    });
  }

  /** A description like "2-4(tanh)-1(sigmoid)". */
  describe(): string {
    return [String(this.inputSize), ...this.layers.map((l) => `${l.units}(${l.activation.name})`)].join('-');
  }
}
