// The training loop. One loop serves the three forms of gradient descent:
//   batch GD:       batchSize = m (the whole training set per step; the default)
//   stochastic GD:  batchSize = 1
//   mini-batch GD:  any batchSize in between, examples shuffled every epoch
// Each step: forward, cost, backward, update. Buffers for each batch size are made once.

import { Matrix, ShapeError } from '../tensor/matrix.js';
import { Random } from '../tensor/random.js';
import { DivergenceError, StateError, OptionError } from '../errors.js';
import { createOptimizer, type Optimizer, type OptimizerName, type OptimizerOptions } from '../optim/optimizers.js';
import { learningRateAt, checkSchedule, type Schedule } from '../optim/schedules.js';
import { pin } from '../tensor/ops.js';
import { ResidentTraining } from './resident.js';
import { adviceInputs, fitWideBatch, fitWideBatchAsync } from './wide-batch.js';
import { nextTurn } from '../util/next-turn.js';
import { NonFiniteInput } from '../kernels/step.js';
import { checkKnownKeys, type Elsewhere } from '../util/known-keys.js';
import { DATASET_FIELDS } from '../data/synthetic.js';
import { allFinite, checkFinite } from '../tensor/finite.js';
import { checkTargetRange, Network } from '../nn/network.js';
import { largestWeight } from './predict.js';
import { exampleWeights } from '../nn/losses.js';
import { kindOf, kindOfFor } from '../util/kind-of.js';
import { givenText, MAX_EPOCHS, seedProblem } from '../util/bounds.js';
import { earlyStoppingProblem } from './early-stopping.js';
import { exponentText } from '../util/number-text.js';
import { examplesMismatch, transposedHint } from '../nn/example-layout.js';

/** A cost this many times the first one (or 1, if larger) means gradient descent has diverged. */
export const DIVERGENCE_FACTOR = 1e4;

/** An input this large in absolute value, when training diverges, gets the advice to standardize the inputs. */
const LARGE_INPUT = 100;
const fmt = (x: number) => (Math.abs(x) >= 1e6 || (x !== 0 && Math.abs(x) < 1e-3) ? exponentText(x, 3) : String(Number(x.toPrecision(4))));

// Numbering. An epoch is one pass over the training set; epochs count from 1. An iteration is one
// step (one parameter update); the course numbers them from 0 and prints "cost after iteration i"
// for the cost of the weights after i updates, computed before update i + 1. So with full-batch
// gradient descent (one step per epoch) epoch e's cost is the course's iteration e - 1:
// history.cost[i] is the course's "cost after iteration i", and history.iteration[i] = i.

export interface EpochInfo {
  /** 1-based epoch number. */
  epoch: number;
  epochs: number;
  /** The mean of the epoch's step costs, each before its step's update (full batch: the course's iteration epoch - 1). */
  cost: number;
  /** Updates made before this epoch's first step: the course's iteration number of its first cost. */
  firstIteration: number;
  /** Steps (updates) in this epoch: 1 for full batch. */
  steps: number;
  valCost?: number;
  learningRate: number;
  /** Iterations (parameter updates) so far. */
  iteration: number;
}

export interface BatchInfo {
  epoch: number;
  /** 0-based index of the batch in this epoch. */
  batch: number;
  batches: number;
  /** m of this batch: batchSize, but for the last batch of an epoch when batchSize does not divide m (the course's smaller last mini-batch of m mod batchSize examples). */
  examples: number;
  iteration: number;
  cost: number;
}

export interface EarlyStopping {
  /** Epochs without improvement before stopping. */
  patience: number;
  /** An improvement smaller than this does not count (default 0). */
  minDelta?: number;
  /** What to watch: the validation cost when validation data is given (default), else the training cost. */
  monitor?: 'valCost' | 'cost';
}

/** The learning rate of epoch e (0 for a fit call's first), from alpha0 = learningRate. */
export type LearningRateFunction = (epoch: number, alpha0: number) => number;

/** The examples' order in epoch e (0 for a fit call's first): a permutation of 0..m-1. */
export type BatchOrder = (epoch: number) => ArrayLike<number>;

export interface FitOptions {
  epochs: number;
  /** Examples per step; default the whole training set (batch gradient descent). */
  batchSize?: number;
  /** alpha (default 0.01). */
  learningRate?: number;
  optimizer?: OptimizerName | Optimizer;
  optimizerOptions?: OptimizerOptions;
  /**
   * The learning rate epoch by epoch: a decay rule, or a function of the epoch e (0 for this call's
   * first) and alpha0 (learningRate) that returns epoch e's rate, as Keras' LearningRateScheduler.
   */
  schedule?: Schedule | LearningRateFunction;
  /**
   * One weight per class (per output unit; [w0, w1] for a 1-unit sigmoid output): each training
   * example's loss and gradient are multiplied by its class's weight (Keras' class_weight, PyTorch's
   * CrossEntropyLoss(weight), scikit-learn's class_weight). The validation cost is not weighted.
   */
  classWeights?: readonly number[];
  /**
   * Shuffle the examples every epoch (default: true for mini-batches, false for full batch); or a
   * function that gives the examples' order for epoch e (0 for this call's first), a permutation of
   * 0..m-1, as a PyTorch Sampler: batch i is its examples i·batchSize, ... The course's
   * random_mini_batches (np.random.seed(seed + 1 + e); np.random.permutation(m)) is
   * `(e) => new Random(seed + 1 + e).numpyPermutation(m)`.
   */
  shuffle?: boolean | BatchOrder;
  /** Seed for shuffling (default: the network's seed stream). */
  seed?: number;
  validationData?: { X: Matrix; Y: Matrix | ArrayLike<number> };
  /** Stop as soon as the epoch cost is below this (the course's epsilon). */
  stopWhenCostBelow?: number;
  /**
   * The cost that divergence is measured against (DIVERGENCE_FACTOR times it, or 1): by default the
   * first cost of this call. Give the first cost of the run when calling fit an epoch at a time.
   */
  divergenceBaseline?: number;
  earlyStopping?: EarlyStopping;
  /** Restore the weights of the best epoch at the end (default true with early stopping). */
  restoreBestWeights?: boolean;
  /** Also record the cost every N iterations (history.iterations). */
  recordEvery?: number;
  /** Record the norm of dW[l] for every layer, every epoch (history.gradientNorms). */
  recordGradientNorms?: boolean;
  /** Called after each epoch; return false to stop. */
  onEpochEnd?: (info: EpochInfo) => void | boolean;
  /** Called after each step. */
  onBatchEnd?: (info: BatchInfo) => void;
  /**
   * The callbacks leave X and Y as they are (they may read them, and read or change the weights).
   * The backend's copy of the training set is then kept across them; by default it is copied in
   * again after each callback, in case it changed X in place (on MNIST with a callback per epoch,
   * 1.3-2 s of 10 s of training).
   */
  callbacksKeepData?: boolean;
  /**
   * The callbacks do not read the network's weights (they read the info they are given): the network
   * is then up to date when fit returns, not necessarily between epochs. Full-batch training on wide
   * data (wide-batch.ts) may then run in the examples' coordinates with callbacks too.
   */
  callbacksIgnoreWeights?: boolean;
}

export interface History {
  /** Epoch numbers 1..E. */
  epoch: number[];
  /**
   * Training cost per epoch: the mean of the step costs, each computed before its update (as the
   * course prints). Full batch: cost[i] is the course's "cost after iteration i" (epoch i + 1).
   */
  cost: number[];
  /** Per epoch, the updates made before its first step: the course's iteration number of cost[i] for full batch (= i). */
  iteration: number[];
  /** Validation cost per epoch, after the epoch's updates (when validation data is given). */
  valCost: number[];
  learningRate: number[];
  /** Cost every `recordEvery` iterations: { iteration, epoch, cost }. */
  iterations: { iteration: number; epoch: number; cost: number }[];
  /** Per epoch, the mean Frobenius norm of dW[l] over its steps, for l = 1..L (index 0 is layer 1). */
  gradientNorms: number[][];
  /** Why training ended: 'epochs', 'epsilon', 'earlyStopping', 'callback'. */
  stopReason: 'epochs' | 'epsilon' | 'earlyStopping' | 'callback';
  /** The epoch whose weights the network holds at the end. */
  bestEpoch: number;
  iterationsRun: number;
}

function checkPositiveInt(v: number | undefined, name: string, max = Number.MAX_SAFE_INTEGER): void {
  if (v !== undefined && (!Number.isInteger(v) || v < 1)) throw new OptionError(`${name} must be a whole number >= 1, got ${givenText(v)}`);
  if (v !== undefined && v > max) throw new OptionError(`${name} must be at most ${max}, got ${givenText(v)}`);
}

/** The course's model() arguments that are the network's or the optimizer's here, not fit's. */
const NETWORK_REGULARIZATION = 'the network\'s: new Network({ ..., l2: 0.7 }), or net.setRegularization({ l2: 0.7 }) between fits';
const OPTIMIZER_SETTING = 'an optimizer\'s setting: optimizerOptions: { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }';
const NOT_FIT_KEYS: Elsewhere = {
  l1: NETWORK_REGULARIZATION, l2: NETWORK_REGULARIZATION, lambd: NETWORK_REGULARIZATION, lambda: NETWORK_REGULARIZATION,
  keepprob: 'a hidden layer\'s: new Network({ layers: [{ units: 4, activation: \'relu\', keepProb: 0.86 }, ...] })',
  beta: OPTIMIZER_SETTING, beta1: OPTIMIZER_SETTING, beta2: OPTIMIZER_SETTING, epsilon: OPTIMIZER_SETTING,
};

/** Every key of FitOptions and AsyncFitOptions. */
const FIT_OPTION_KEYS = ['epochs', 'batchSize', 'learningRate', 'optimizer', 'optimizerOptions', 'schedule', 'shuffle', 'seed', 'validationData',
  'stopWhenCostBelow', 'divergenceBaseline', 'earlyStopping', 'restoreBestWeights', 'recordEvery', 'recordGradientNorms', 'onEpochEnd', 'onBatchEnd',
  'callbacksKeepData', 'callbacksIgnoreWeights', 'signal', 'classWeights'] as const satisfies readonly (keyof FitOptions | keyof AsyncFitOptions)[];

/** classWeights: one positive finite number per output unit (two for a 1-unit sigmoid output), and a classifier's output. */
function checkClassWeights(net: Network, cw: readonly number[] | undefined): void {
  if (cw === undefined) return;
  const out = net.outputActivation, units = net.outputSize;
  if (out !== 'sigmoid' && out !== 'softmax') throw new OptionError(`classWeights need a classifier's output (sigmoid or softmax), but the output layer is ${out}`);
  const want = units === 1 ? 2 : units;
  if (!Array.isArray(cw) || cw.length !== want) throw new OptionError(`classWeights must be ${want} numbers (one per class${units === 1 ? ': [weight of 0, weight of 1]' : ''}), got ${givenText(cw)}`);
  const bad = cw.findIndex((w) => typeof w !== 'number' || !Number.isFinite(w) || w <= 0);
  if (bad >= 0) throw new OptionError(`classWeights[${bad}] must be a positive finite number, got ${givenText(cw[bad])}`);
}

function checkOptions(options: FitOptions): void {
  if (options === null || typeof options !== 'object') throw new OptionError(`fit: options must be an object, at least { epochs }, got ${givenText(options)}`);
  // epochs is required: without it the loop ran no epoch and returned an empty history, silently
  checkKnownKeys(options, FIT_OPTION_KEYS, 'fit', (m) => new OptionError(m), 'option', NOT_FIT_KEYS);
  if (options.epochs === undefined) throw new OptionError('epochs must be a whole number >= 1, got undefined (fit needs { epochs })');
  checkPositiveInt(options.epochs, 'epochs', MAX_EPOCHS);
  const seedWrong = seedProblem(options.seed);
  if (seedWrong) throw new OptionError(seedWrong);
  const opt = options.optimizer as unknown;
  if (opt !== undefined && typeof opt !== 'string' && (opt === null || typeof opt !== 'object' || typeof (opt as Optimizer).step !== 'function')) {
    throw new OptionError(`optimizer must be a name (gd, momentum, rmsprop, adam) or an Optimizer object with a step method, got ${JSON.stringify(opt)}; give an optimizer's settings as optimizerOptions`);
  }
  checkPositiveInt(options.batchSize, 'batchSize');
  checkPositiveInt(options.recordEvery, 'recordEvery');
  // a switch given as 'false' or 0 was read as its truthiness: { shuffle: 'false' } shuffled
  for (const key of ['shuffle', 'restoreBestWeights', 'recordGradientNorms', 'callbacksKeepData', 'callbacksIgnoreWeights'] as const) {
    const v = (options as unknown as Record<string, unknown>)[key];
    if (v !== undefined && typeof v !== 'boolean' && !(key === 'shuffle' && typeof v === 'function')) {
      throw new OptionError(`${key} must be true or false${key === 'shuffle' ? ' (or a function giving an epoch\'s order)' : ''}, got ${givenText(v)}`);
    }
  }
  for (const key of ['onEpochEnd', 'onBatchEnd'] as const) {
    const v = (options as unknown as Record<string, unknown>)[key];
    if (v !== undefined && typeof v !== 'function') throw new OptionError(`${key} must be a function, got ${kindOf(v)}`);
  }
  for (const key of ['stopWhenCostBelow', 'divergenceBaseline'] as const) {
    const v = (options as unknown as Record<string, unknown>)[key];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) throw new OptionError(`${key} must be a finite number, got ${givenText(v)}`);
  }
  // a cost is >= 0: a baseline of -1 was taken as 1, silently
  if (options.divergenceBaseline !== undefined && options.divergenceBaseline < 0) throw new OptionError(`divergenceBaseline must be a cost (a number >= 0, the first cost of the run), got ${options.divergenceBaseline}`);
  const alpha0 = options.learningRate ?? 0.01;
  if (typeof alpha0 !== 'number' || !(alpha0 > 0) || !Number.isFinite(alpha0)) throw new OptionError(`learningRate must be a positive number, got ${givenText(alpha0)}`);
  if (typeof options.schedule !== 'function') checkSchedule(options.schedule);
  const esWrong = earlyStoppingProblem(options.earlyStopping, ['patience', 'minDelta', 'monitor']);
  if (esWrong) throw new OptionError(esWrong);
}

/**
 * Train `net` on X (n_x x m) and Y; returns the history. Throws DivergenceError when the cost becomes
 * NaN/Inf or explodes (above DIVERGENCE_FACTOR times the first cost, or times 1 if that is smaller).
 * Full-batch gradient descent (or momentum) on at least twice as many features as examples trains the
 * first layer in the examples' coordinates (wide-batch.ts): the same run to float32 rounding, each step
 * on m x m instead of n_x x m.
 */
export function fit(net: Network, X: Matrix, Y: Matrix | ArrayLike<number>, options: FitOptions): History {
  const release = claim(net, 'fit');
  try {
    const wide = fitWideBatch(net, X, Y, options, fit); // full batch, n_x >= 2m: the first layer on the examples' coordinates
    if ('history' in wide) return wide.history;
    const onX = wide.onX;
    const run = new TrainingRun(net, X, Y, onX);
    try {
      for (let epoch = 1; epoch <= onX.epochs; epoch++) {
        const info = run.epoch(epoch);
        if (run.stopAfter(info, onX.onEpochEnd?.(info))) break;
      }
    } finally {
      run.close();
    }
    return run.finish();
  } finally {
    release();
  }
}

/**
 * Mark `net` as trained by this call until the returned function is called: a second fit of the
 * same network at the same time (from a callback, or a fitAsync not awaited) stepped on the first's
 * weights and buffers, silently.
 */
function claim(net: Network, what: string): () => void {
  if (!(net instanceof Network)) throw new OptionError(`${what}: net must be a Network (new Network({ inputSize, layers })), got ${kindOfFor(net, 'Network')}`);
  if (net.training) throw new StateError(`${what}: this network is being trained by a ${net.training} that has not finished (called from its callback, or not awaited); wait for it, or train a copy`);
  net.training = what;
  return () => { net.training = undefined; };
}

/**
 * What onEpochEnd returned: nothing, true (go on) or false (stop). 'stop', 0 or 42 were taken as "go
 * on", silently, and a Promise returned to fit (which does not wait) was dropped with its verdict.
 */
function checkVerdict(verdict: unknown): void {
  if (verdict === undefined || typeof verdict === 'boolean') return;
  if (verdict !== null && typeof (verdict as { then?: unknown }).then === 'function') {
    (verdict as Promise<unknown>).then(undefined, () => {}); // said below; not an unhandled rejection too
    throw new OptionError('fit: onEpochEnd returned a Promise, which fit does not wait for (its verdict and errors were lost); use fitAsync for an async onEpochEnd');
  }
  throw new OptionError(`onEpochEnd must return nothing, true (go on) or false (stop training), got ${givenText(verdict)}`);
}

/**
 * An AbortSignal, or something that acts as one (its aborted flag and throwIfAborted): { aborted: true }
 * and a string failed later on "signal?.throwIfAborted is not a function". `what` names the option.
 */
export function checkSignal(signal: unknown, what: string): void {
  if (signal === undefined) return;
  const s = signal as Partial<AbortSignal> | null;
  if (s === null || typeof s !== 'object' || typeof s.aborted !== 'boolean' || typeof s.throwIfAborted !== 'function' || typeof s.addEventListener !== 'function') {
    throw new OptionError(`${what} must be an AbortSignal (new AbortController().signal, or AbortSignal.timeout(ms)), got ${kindOf(signal)}`);
  }
}

/** What fitAsync adds to fit's options: an onEpochEnd that may be async, and cancellation. */
export interface AsyncFitOptions extends Omit<FitOptions, 'onEpochEnd'> {
  /** Called after each epoch and awaited; return false to stop. */
  onEpochEnd?: (info: EpochInfo) => void | boolean | Promise<void | boolean>;
  /** Checked after every step: when aborted, training stops and its reason is thrown. */
  signal?: AbortSignal;
}

/**
 * fit, yielding to the event loop after every epoch (messages, timers and an AbortSignal are
 * seen while training): the same steps and numbers as fit.
 */
export async function fitAsync(net: Network, X: Matrix, Y: Matrix | ArrayLike<number>, options: AsyncFitOptions): Promise<History> {
  if (options === null || typeof options !== 'object') throw new OptionError(`fitAsync: options must be an object, at least { epochs }, got ${givenText(options)}`);
  const { onEpochEnd, signal } = options;
  if (onEpochEnd !== undefined && typeof onEpochEnd !== 'function') throw new OptionError(`fitAsync: onEpochEnd must be a function, got ${kindOf(onEpochEnd)}`);
  checkSignal(signal, 'fitAsync: signal');
  const release = claim(net, 'fitAsync');
  try {
    const wide = await fitWideBatchAsync(net, X, Y, options, fitAsync); // as in fit
    if ('history' in wide) return wide.history;
    const { onEpochEnd: each, ...onX } = wide.onX as AsyncFitOptions; // (the signal is TrainingRun's own argument)
    // (other code runs between its epochs, and may read the network: it is brought up to date after each)
    const run = new TrainingRun(net, X, Y, onX, signal, true);
    try {
      for (let epoch = 1; epoch <= onX.epochs; epoch++) {
        signal?.throwIfAborted();
        const info = run.epoch(epoch);
        const verdict = await each?.(info);
        if (run.stopAfter(info, verdict, each !== undefined)) break;
        await nextTurn();
      }
    } finally {
      run.close();
    }
    return run.finish();
  } finally {
    release();
  }
}

/** Epoch e's learning rate: from a rule, or a user's function (whose answer must be a rate). */
function rateOfEpoch(alpha0: number, schedule: FitOptions['schedule'], e: number): number {
  if (typeof schedule !== 'function') return learningRateAt(alpha0, schedule, e);
  const alpha = schedule(e, alpha0);
  if (!(typeof alpha === 'number' && alpha > 0 && Number.isFinite(alpha))) throw new OptionError(`schedule(${e}, ${alpha0}) must return epoch ${e}'s learning rate (a positive number), got ${givenText(alpha)}`);
  return alpha;
}

/** A training set cut into mini-batches: buffers made once per batch size, examples shuffled every epoch when asked. */
class Batches {
  readonly m: number;
  readonly size: number;
  readonly count: number;
  /** The whole set in order (batch gradient descent): no copies. */
  readonly whole: boolean;
  private readonly order: Int32Array;
  private readonly buffers = new Map<number, { X: Matrix; Y: Matrix; idx: Int32Array }>();
  /** indices()'s arrays: one for the full batches, one for a smaller last batch (made once, not in every step). */
  private readonly picked = new Map<number, Int32Array>();

  /** Which examples a user's order has given in this epoch (made once, for its check). */
  private seen?: Uint8Array;

  constructor(private readonly X: Matrix, private readonly Y: Matrix, batchSize: number, readonly shuffle: boolean | BatchOrder, private readonly rng: Random) {
    this.m = X.cols;
    this.size = Math.min(batchSize, this.m);
    this.count = Math.ceil(this.m / this.size);
    this.whole = this.size === this.m && shuffle === false;
    this.order = iota(this.m);
  }

  /** Make the buffers of get() before the first step (training layer by layer; a resident step gathers its batches itself). */
  prepare(): void {
    if (!this.whole) { this.bufferFor(this.size); this.bufferFor(this.sizeOf(this.count - 1)); }
  }

  /** Epoch e's order (e from 0): shuffled, or the user's. */
  startEpoch(e: number): void {
    if (typeof this.shuffle === 'function') this.useOrder(this.shuffle(e), e);
    else if (this.shuffle) this.rng.shuffle(this.order);
  }

  /** Take a user's order after checking that it is a permutation of 0..m-1 (a repeated index trained one example twice and another not at all, silently). */
  private useOrder(order: ArrayLike<number>, e: number): void {
    const m = this.m, what = `shuffle(${e}) must return a permutation of 0..${m - 1}`;
    if (order === null || typeof order !== 'object' || order.length !== m) throw new OptionError(`${what} (${m} indices), got ${order === null || typeof order !== 'object' ? kindOf(order) : `${order.length} values`}`);
    this.seen ??= new Uint8Array(m);
    const seen = this.seen;
    seen.fill(0);
    for (let j = 0; j < m; j++) {
      const i = order[j]!;
      if (!(Number.isInteger(i) && i >= 0 && i < m)) throw new OptionError(`${what}: value ${j} is ${givenText(i)}`);
      if (seen[i]) throw new OptionError(`${what}: ${i} appears twice`);
      seen[i] = 1;
      this.order[j] = i;
    }
  }

  /** The number of examples in batch bi. */
  sizeOf(bi: number): number {
    return Math.min(this.size, this.m - bi * this.size);
  }

  /**
   * The examples of batch bi of this epoch (undefined when whole: the whole set in order), in an
   * array of this Batches that the next call overwrites.
   */
  indices(bi: number): Int32Array | undefined {
    if (this.whole) return undefined;
    const start = bi * this.size, size = this.sizeOf(bi);
    let idx = this.picked.get(size);
    if (!idx) {
      idx = new Int32Array(size);
      this.picked.set(size, idx);
    }
    copyFrom(this.order, start, idx);
    return idx;
  }

  /** Batch bi of this epoch: X and Y of its examples (the whole set itself when whole). */
  get(bi: number): { X: Matrix; Y: Matrix } {
    if (this.whole) return { X: this.X, Y: this.Y };
    const buf = this.bufferFor(this.sizeOf(bi));
    copyFrom(this.order, bi * this.size, buf.idx);
    this.X.gatherColumns(buf.idx, buf.X);
    this.Y.gatherColumns(buf.idx, buf.Y);
    return buf;
  }

  private bufferFor(size: number) {
    let b = this.buffers.get(size);
    if (!b) {
      b = { X: Matrix.zeros(this.X.rows, size, this.X.dtype), Y: Matrix.zeros(this.Y.rows, size, this.Y.dtype), idx: new Int32Array(size) };
      this.buffers.set(size, b);
    }
    return b;
  }
}

/**
 * 0, 1, ..., m - 1. (The loops of iota and copyFrom are functions of their own: compiled inside a
 * method of Batches, the engine's optimized code kept a reference to each fit's arrays and was
 * thrown away and compiled again after every collection, on a thread the training was using.)
 */
function iota(m: number): Int32Array {
  const order = new Int32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  return order;
}

/** to[j] = from[start + j] for j < to.length. */
function copyFrom(from: Int32Array, start: number, to: Int32Array): void {
  for (let j = 0; j < to.length; j++) to[j] = from[start + j]!;
}

/** Early stopping and best-weights bookkeeping. */
interface BestTracker {
  restore: boolean;
  best: number;
  snap?: { W: Matrix[]; b: Matrix[] };
  wait: number;
  monitorVal: boolean;
}

/** One call of fit: the checked data, the batches, the optimizer and the history, one epoch at a time. */
class TrainingRun {
  readonly history: History = {
    epoch: [], cost: [], iteration: [], valCost: [], learningRate: [], iterations: [], gradientNorms: [],
    stopReason: 'epochs', bestEpoch: 0, iterationsRun: 0,
  };
  private readonly Y: Matrix;
  private readonly val?: { X: Matrix; Y: Matrix };
  private readonly batches: Batches;
  private readonly optimizer: Optimizer;
  private readonly tracker: BestTracker;
  private readonly finiteSnap: { W: Matrix[]; b: Matrix[] };
  private readonly normSums: Float64Array;
  private readonly alpha0: number;
  // Full batch: every step multiplies by the same X, which training never changes, so the backend
  // may keep one copy of it (ops.pin). User code (a callback, an optimizer object) may change X,
  // so the copy is refreshed before the next step after any of it has run (after a callback only
  // without callbacksKeepData); the resident step's copy of the training set likewise.
  private readonly X: Matrix;
  private unpin: (() => void) | undefined;
  private stale = true;
  /** X or Y may have changed since the backend copied them (user code has run, unless callbacksKeepData). */
  private dataStale = true;
  private iteration = 0;
  private firstCost = NaN;
  /** The backend's resident step, when it has one for this network (resident.ts); else layer by layer. */
  private readonly resident: ResidentTraining | undefined;
  /** Set when training diverged: the network holds the last finite weights, not the resident ones. */
  private divergedRun = false;
  /** The current batch's example weights (from options.classWeights). */
  private weights: Float64Array | undefined;

  /** Whether the end of an epoch reads the network's weights: validation, the best epoch's weights, a callback. */
  private readonly netReadAtEpochEnd: boolean;

  /** `signal` (fitAsync) is checked after every step; `epochCallback`: user code may run after every epoch. */
  constructor(private readonly net: Network, X: Matrix, Yin: Matrix | ArrayLike<number>, private readonly options: FitOptions,
    private readonly signal?: AbortSignal, epochCallback = options?.onEpochEnd !== undefined) {
    checkOptions(options);
    this.alpha0 = options.learningRate ?? 0.01;
    checkMatrix(X, 'X');
    this.X = X.dtype === net.dtype ? X : X.astype(net.dtype);
    // class indices become one-hot columns, in the buffer of the network's last fit: finite and in [0, 1]
    const fromIndices = net.outputSize > 1 && (Yin instanceof Matrix ? Yin.rows === 1 : true);
    this.Y = net.prepareTargets(Yin, fromIndices ? oneHots.get(net) : undefined);
    if (fromIndices) oneHots.set(net, this.Y);
    checkShapes(net, this.X, this.Y, X);
    if (!fromIndices) {
      checkFinite(this.Y, 'Y');
      checkTargetRange(net, this.Y, 'Y');
    }
    if (options.validationData) {
      // { x, y } or [X, Y] said 'validation X must be a Matrix ..., got undefined' (a Dataset is { X, Y } and more)
      const vd: unknown = options.validationData;
      if (vd === null || typeof vd !== 'object' || Array.isArray(vd)) throw new OptionError(`fit: validationData must be { X, Y } or a Dataset, got ${kindOf(vd)}`);
      checkKnownKeys(vd, DATASET_FIELDS, 'fit: validationData', (m) => new OptionError(m), 'field');
      const vX = options.validationData.X;
      checkMatrix(vX, 'validation X');
      this.val = { X: vX, Y: net.prepareTargets(options.validationData.Y) };
      if (vX.rows !== net.inputSize) throw new ShapeError(`validation X is ${vX.shapeString} but the network expects ${net.inputSize} features per example (n_x x m)${transposedHint(vX, net.inputSize)}`);
      if (this.val.X.cols !== this.val.Y.cols) throw new ShapeError(examplesMismatch(this.val.X, this.val.Y, { what: { X: 'validation X', Y: 'validation Y' }, xChecked: true }));
      checkFinite(vX, 'validation X');
      checkFinite(this.val.Y, 'validation Y');
      checkTargetRange(net, this.val.Y, 'validation Y');
    }
    const m = this.X.cols, batchSize = options.batchSize ?? m;
    const rng = options.seed !== undefined ? new Random(options.seed) : net.rng;
    this.batches = new Batches(this.X, this.Y, batchSize, options.shuffle ?? Math.min(batchSize, m) < m, rng);
    this.optimizer = typeof options.optimizer === 'object' ? options.optimizer : createOptimizer(options.optimizer ?? 'gd', options.optimizerOptions);
    const es = options.earlyStopping;
    const monitorVal = es ? (es.monitor ?? (this.val ? 'valCost' : 'cost')) === 'valCost' : false;
    if (es && monitorVal && !this.val) throw new OptionError('earlyStopping monitors valCost but no validationData was given');
    const restore = options.restoreBestWeights ?? es !== undefined;
    this.tracker = { restore, best: Infinity, snap: restore ? net.snapshot() : undefined, wait: 0, monitorVal };
    this.netReadAtEpochEnd = epochCallback || this.val !== undefined || restore;
    this.finiteSnap = snapshotInPlace(net); // the last weights whose cost was finite
    this.normSums = new Float64Array(net.depth);
    checkClassWeights(net, options.classWeights);
    // the backends' resident steps have no per-example weights: weighted training runs layer by layer
    const layerByLayer = typeof options.optimizer === 'object' || options.classWeights !== undefined;
    // the backend may keep a copy of the training set for mini-batches, refreshed after user code
    // has run: only when that is not after every step
    const copy = options.onBatchEnd || this.batches.whole ? undefined : { examples: this.X.cols, inOrder: !this.batches.shuffle };
    this.resident = layerByLayer ? undefined : ResidentTraining.create(net, this.optimizer, this.batches.size, copy, options.recordGradientNorms);
    if (!this.resident) this.batches.prepare();
    // X is checked here, or by the resident step as it copies X in (before the first step's work)
    if (!this.resident?.checksInput) checkFinite(this.X, 'X');
  }

  /** Run the steps of one epoch and record it; returns what onEpochEnd is told. */
  epoch(epoch: number): EpochInfo {
    const alpha = rateOfEpoch(this.alpha0, this.options.schedule, epoch - 1);
    const { batches, history } = this;
    batches.startEpoch(epoch - 1);
    const firstIteration = this.iteration;
    let costSum = 0;
    this.normSums.fill(0);
    for (let bi = 0; bi < batches.count; bi++) costSum += this.step(epoch, bi, alpha);
    // the backend's weights are the current ones unless user code ran after the last step; they are
    // copied out to the network when this epoch's end reads it, else checked and kept where they are
    // (a full-batch epoch is one step: copying W, b, dW, db out and checking them in JavaScript took
    // about a tenth of the cat net's step on two threads)
    const resident = this.stale ? undefined : this.resident;
    const inBackend = resident !== undefined && !this.netReadAtEpochEnd;
    if (resident && !inBackend) resident.syncOut();
    const epochCost = costSum / batches.m;
    history.epoch.push(epoch);
    history.cost.push(epochCost);
    history.iteration.push(firstIteration);
    history.learningRate.push(alpha);
    if (this.options.recordGradientNorms) history.gradientNorms.push(Array.from(this.normSums, (s) => s / batches.count));
    history.iterationsRun = this.iteration;
    const valCost = this.val ? this.net.evaluateCost(this.val.X, this.val.Y) : undefined;
    if (valCost !== undefined) history.valCost.push(valCost);
    // the last step of the epoch can overflow the weights before any cost sees them
    if (!(inBackend ? resident.weightsFinite() : this.net.layers.every((layer) => allFinite(layer.W.data) && allFinite(layer.b.data)))) {
      // (the penalty is judged at the restored, last finite weights against the epoch's cost)
      this.diverged(epoch, this.iteration, 'the weights became infinite or NaN', () => this.penaltyBlame(epochCost, batches.size) ?? this.rateAdvice(alpha));
    }
    if (inBackend) resident.copyWeightsTo(this.finiteSnap);
    else copyInto(this.net, this.finiteSnap);
    this.track(epoch, this.tracker.monitorVal ? valCost! : epochCost);
    return { epoch, epochs: this.options.epochs, cost: epochCost, firstIteration, steps: batches.count, valCost, learningRate: alpha, iteration: this.iteration };
  }

  /** One step on batch bi: forward, cost, backward, update. Returns the batch's cost times its size. */
  private step(epoch: number, bi: number, alpha: number): number {
    const { net, batches, options } = this;
    // a resident step returns its cost alone (no object made per step)
    let cost: number, Y: Matrix | undefined;
    if (this.resident) cost = this.residentStep(bi, alpha);
    else ({ cost, Y } = this.forwardStep(bi));
    const size = batches.sizeOf(bi);
    if (this.iteration === 0) this.firstCost = options.divergenceBaseline ?? cost;
    // NaN/Inf, or a finite cost that has exploded (10^4 times the first one): gradient descent has diverged
    if (!Number.isFinite(cost) && this.iteration === 0) {
      // the weights as they started (a resumed model's, a user's own) already overflow: no learning rate is to blame
      this.diverged(epoch, 0, `the cost was ${cost} before the first update`, () => this.startAdvice());
    }
    if (!Number.isFinite(cost) || cost > DIVERGENCE_FACTOR * Math.max(this.firstCost, 1)) {
      const what = Number.isFinite(cost) ? `the cost rose from ${fmt(this.firstCost)} to ${fmt(cost)}` : `the cost became ${cost}`;
      this.diverged(epoch, this.iteration, what, () => this.penaltyBlame(cost, size) ?? this.rateAdvice(alpha));
    }
    if (Y) {
      net.backward(Y, this.weights, { parametersOnly: true }); // (no dA[0], nor dA[L] beside dZ[L] = A[L] - Y)
      this.optimizer.step(net.layers, alpha);
      if (typeof options.optimizer === 'object') this.stale = this.dataStale = true; // user code, which may change X
    }
    this.iteration++;
    if (options.recordGradientNorms) {
      if (this.resident) this.resident.addGradientNorms(this.normSums);
      else net.layers.forEach((layer, i) => { this.normSums[i] = this.normSums[i]! + layer.dW.norm(); });
    }
    if (options.recordEvery && (this.iteration - 1) % options.recordEvery === 0) {
      this.history.iterations.push({ iteration: this.iteration - 1, epoch, cost });
    }
    this.signal?.throwIfAborted();
    if (options.onBatchEnd) {
      this.resident?.syncOut();
      options.onBatchEnd({ epoch, batch: bi, batches: batches.count, examples: size, iteration: this.iteration, cost });
      this.userCodeRan();
    }
    return cost * size;
  }

  /** Forward and cost of batch bi (backward and update follow in step); Y is the batch's targets. */
  private forwardStep(bi: number): { cost: number; Y: Matrix } {
    const { net, batches } = this;
    const { X, Y } = batches.get(bi);
    if (batches.whole && this.dataStale) {
      this.unpin?.();
      this.unpin = pin(X);
      this.dataStale = false;
    }
    net.forward(X, { training: true });
    const cw = this.options.classWeights;
    this.weights = cw ? exampleWeights(Y, cw) : undefined;
    return { cost: net.cost(Y, this.weights), Y };   // J before this step's update
  }

  /** The whole step of batch bi on the backend's resident step: the cost before the update. */
  private residentStep(bi: number, alpha: number): number {
    const resident = this.resident!;
    if (this.stale) resident.syncIn(); // user code has run: the weights may have changed
    const fresh = this.dataStale; // and X or Y too
    this.stale = this.dataStale = false;
    const indices = this.batches.indices(bi);
    try {
      return resident.run(this.X, this.Y, indices, alpha, fresh);
    } catch (e) {
      if (e instanceof NonFiniteInput) checkFinite(this.X, 'X'); // the error that names the place
      throw e;
    }
  }

  /** After a callback: the weights may have changed, and the data unless the options say otherwise. */
  private userCodeRan(): void {
    this.stale = true;
    if (!this.options.callbacksKeepData) this.dataStale = true;
  }

  /** Keep the best epoch's weights (by the monitored cost) and count epochs without improvement. */
  private track(epoch: number, monitored: number): void {
    const t = this.tracker, es = this.options.earlyStopping;
    if (t.restore && Number.isFinite(monitored) && monitored < t.best - (es?.minDelta ?? 0)) {
      t.best = monitored;
      this.history.bestEpoch = epoch;
      t.snap = copyInto(this.net, t.snap);
      t.wait = 0;
    } else if (es) {
      t.wait++;
    }
    if (!t.restore) this.history.bestEpoch = epoch;
  }

  /** After onEpochEnd (whose verdict false stops): true when training ends here, with history.stopReason set. */
  stopAfter(info: EpochInfo, verdict: void | boolean, calledBack = this.options.onEpochEnd !== undefined): boolean {
    if (calledBack) this.userCodeRan();
    checkVerdict(verdict);
    const { history, options } = this;
    if (verdict === false) { history.stopReason = 'callback'; return true; }
    if (options.stopWhenCostBelow !== undefined && info.cost < options.stopWhenCostBelow) { history.stopReason = 'epsilon'; return true; }
    if (options.earlyStopping && this.tracker.wait >= options.earlyStopping.patience) { history.stopReason = 'earlyStopping'; return true; }
    return false;
  }

  /** Let the backend go of the pinned X and of the resident step (the network gets its last weights). */
  close(): void {
    this.unpin?.();
    this.unpin = undefined;
    // the network's weights are the current ones after divergence or user code (stale); else the backend's are
    if (this.resident && !this.divergedRun && !this.stale) this.resident.syncOut();
    this.resident?.close();
  }

  /** The history, with the best epoch's weights put back when asked. */
  finish(): History {
    const t = this.tracker;
    if (t.restore && t.snap && this.history.bestEpoch > 0) this.net.restore(t.snap);
    return this.history;
  }

  /**
   * A smaller learning rate; and where an input is large (a feature in the hundreds of thousands makes
   * dW as large, whatever the rate the others need), standardizing the inputs, naming the largest row of X.
   */
  private rateAdvice(alpha: number): string {
    const { data, rows, cols } = adviceInputs(this.net, this.X); // the user's X, for a network on the examples' coordinates
    let top = 0, row = 0;
    for (let i = 0; i < rows; i++) {
      for (let j = i * cols; j < (i + 1) * cols; j++) {
        const v = Math.abs(data[j]!);
        if (v > top) { top = v; row = i; }
      }
    }
    const scale = top > LARGE_INPUT ? `, or standardize the inputs (fitStandardize): row ${row + 1} of X (of ${rows}) reaches ${fmt(top)}` : '';
    return `try a smaller learning rate than ${alpha}${scale}`;
  }

  /** Why the first cost is not finite: the starting weights (their largest |w|) or the inputs overflow the forward pass. */
  private startAdvice(): string {
    return `the network's starting weights (the largest ${fmt(largestWeight(this.net))}) or its inputs overflow its forward pass, so the learning rate is not the cause: start from other weights or scale the inputs`;
  }

  /**
   * When the L1/L2 penalty is most of an exploding cost, the regularization strength is the cause,
   * not the learning rate: the advice that says so (undefined otherwise).
   */
  private penaltyBlame(cost: number, m: number): string | undefined {
    const { l1, l2 } = this.net.regularization;
    if (l1 === 0 && l2 === 0) return undefined;
    const penalty = this.net.penalty(m); // (l2 / 2m) sum ||W||^2 + (l1 / m) sum |W|
    if (Number.isFinite(cost) && penalty <= 0.5 * cost) return undefined;
    const which = l1 && l2 ? `L2 (${l2}) and L1 (${l1}) strengths` : l2 ? `L2 strength than ${l2}` : `L1 strength than ${l1}`;
    return `the regularization penalty (${fmt(penalty)}) is most of the cost: use a smaller ${which}`;
  }

  /** Stop: put back the weights of the last sound epoch and throw, with the history so far. */
  private diverged(epoch: number, iter: number, what: string, advice: () => string): never {
    this.divergedRun = true;
    this.net.restore(this.finiteSnap);
    const err = new DivergenceError(
      `training diverged at epoch ${epoch} (iteration ${iter}): ${what}; ${advice()} (the weights of the last finite epoch are kept)`,
      epoch, iter);
    (err as DivergenceError & { history?: History }).history = this.history;
    throw err;
  }
}

/** X matches the network and Y. */
function checkShapes(net: Network, X: Matrix, Y: Matrix, given: Matrix): void {
  if (X.rows !== net.inputSize) {
    throw new ShapeError(`X is ${given.shapeString} but the network expects ${net.inputSize} features per example (n_x x m)${transposedHint(given, net.inputSize)}`);
  }
  if (X.cols === 0) throw new ShapeError('X has no examples (0 columns): there is nothing to train on');
  if (Y.cols !== X.cols) throw new ShapeError(examplesMismatch(X, Y, { xChecked: true }));
}

function checkMatrix(X: unknown, what: string): void {
  if (X instanceof Matrix) return;
  // a Matrix of another copy of the package (two installs in one process) fails instanceof too
  const got = kindOf(X) === 'a Matrix' ? 'a Matrix of another copy of the backprop package (two installs or versions in one process?)' : kindOf(X);
  throw new ShapeError(`${what} must be a Matrix of shape n_x x m (one example per column), got ${got}`);
}


/**
 * Each network's one-hot targets of its last fit, filled again by its next one when the shape fits: a
 * new 10 x 10,000 matrix cost about 1 ms (its pages faulted in one by one). Only fit reads them.
 */
const oneHots = new WeakMap<Network, Matrix>();

/**
 * Each network's last snapshot of its weights, kept for its next fit: a fresh copy of W1's 440 KB of
 * weights cost 0.9 ms here (the pages of a new buffer are faulted in one by one), 1% of an epoch of
 * the bench's W1 on two threads. A network trains in one fit at a time, so its snapshot is free again.
 */
const snapshots = new WeakMap<Network, { W: Matrix[]; b: Matrix[] }>();

/** net.snapshot(), into the buffers of the network's last one when their shapes still fit. */
function snapshotInPlace(net: Network): { W: Matrix[]; b: Matrix[] } {
  const last = snapshots.get(net);
  const fits = last && last.W.length === net.depth && net.layers.every((layer, i) => sameShape(layer.W, last.W[i]!) && sameShape(layer.b, last.b[i]!));
  const snap = fits ? copyInto(net, last) : net.snapshot();
  snapshots.set(net, snap);
  return snap;
}

const sameShape = (a: Matrix, b: Matrix) => a.rows === b.rows && a.cols === b.cols && a.dtype === b.dtype;

function copyInto(net: Network, snap: { W: Matrix[]; b: Matrix[] } | undefined): { W: Matrix[]; b: Matrix[] } {
  if (!snap) return net.snapshot();
  net.layers.forEach((layer, i) => { snap.W[i]!.copyFrom(layer.W); snap.b[i]!.copyFrom(layer.b); });
  return snap;
}

