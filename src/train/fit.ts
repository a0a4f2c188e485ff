// The training loop. One loop serves the three forms of gradient descent:
//   batch GD:       batchSize = m (the whole training set per step; the default)
//   stochastic GD:  batchSize = 1
//   mini-batch GD:  any batchSize in between, examples shuffled every epoch
// Each step: forward, cost, backward, update. Buffers for each batch size are made once.

import { Matrix, ShapeError } from '../tensor/matrix.js';
import { Random } from '../tensor/random.js';
import { DataError, DivergenceError } from '../errors.js';
import type { Network } from '../nn/network.js';
import { createOptimizer, type Optimizer, type OptimizerName, type OptimizerOptions } from '../optim/optimizers.js';
import { learningRateAt, checkSchedule, type Schedule } from '../optim/schedules.js';
import { getBackend } from '../kernels/registry.js';

/** A cost this many times the first one (or 1, if larger) means gradient descent has diverged. */
export const DIVERGENCE_FACTOR = 1e4;
const fmt = (x: number) => (Math.abs(x) >= 1e6 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(3) : String(Number(x.toPrecision(4))));

export interface EpochInfo {
  /** 1-based epoch number. */
  epoch: number;
  epochs: number;
  cost: number;
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

export interface FitOptions {
  epochs: number;
  /** Examples per step; default the whole training set (batch gradient descent). */
  batchSize?: number;
  /** alpha (default 0.01). */
  learningRate?: number;
  optimizer?: OptimizerName | Optimizer;
  optimizerOptions?: OptimizerOptions;
  schedule?: Schedule;
  /** Shuffle the examples every epoch (default: true for mini-batches, false for full batch). */
  shuffle?: boolean;
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
}

export interface History {
  /** Epoch numbers 1..E. */
  epoch: number[];
  /** Training cost per epoch: the mean of the step costs, each computed before its update (as the course prints). */
  cost: number[];
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

function checkPositiveInt(v: number | undefined, name: string): void {
  if (v !== undefined && (!Number.isInteger(v) || v < 1)) throw new RangeError(`${name} must be a whole number >= 1, got ${v}`);
}

/**
 * Train `net` on X (n_x x m) and Y; returns the history. Throws DivergenceError when the cost becomes
 * NaN/Inf or explodes (above DIVERGENCE_FACTOR times the first cost, or times 1 if that is smaller).
 */
export function fit(net: Network, X: Matrix, Yin: Matrix | ArrayLike<number>, options: FitOptions): History {
  checkPositiveInt(options.epochs, 'epochs');
  checkPositiveInt(options.batchSize, 'batchSize');
  checkPositiveInt(options.recordEvery, 'recordEvery');
  const alpha0 = options.learningRate ?? 0.01;
  if (!(alpha0 > 0) || !Number.isFinite(alpha0)) throw new RangeError(`learningRate must be a positive number, got ${alpha0}`);
  checkSchedule(options.schedule);
  if (options.earlyStopping) {
    checkPositiveInt(options.earlyStopping.patience, 'earlyStopping.patience');
    const md = options.earlyStopping.minDelta ?? 0;
    if (!(md >= 0)) throw new RangeError(`earlyStopping.minDelta must be a number >= 0, got ${md}`);
  }

  const Xd = X.dtype === net.dtype ? X : X.astype(net.dtype);
  const Y = net.prepareTargets(Yin);
  const m = Xd.cols;
  if (Xd.rows !== net.inputSize) {
    throw new ShapeError(`X is ${X.shapeString} but the network expects ${net.inputSize} features per example (n_x x m)`);
  }
  if (Y.cols !== m) throw new ShapeError(`X has ${m} examples (columns) but Y has ${Y.cols}`);
  checkFinite(Xd, 'X');
  checkFinite(Y, 'Y');
  const val = options.validationData
    ? { X: options.validationData.X, Y: net.prepareTargets(options.validationData.Y) }
    : undefined;
  if (val && val.X.cols !== val.Y.cols) throw new ShapeError(`validation X has ${val.X.cols} examples but validation Y has ${val.Y.cols}`);

  const batchSize = Math.min(options.batchSize ?? m, m);
  const shuffle = options.shuffle ?? batchSize < m;
  const optimizer = typeof options.optimizer === 'object' ? options.optimizer
    : createOptimizer(options.optimizer ?? 'gd', options.optimizerOptions);
  const rng = options.seed !== undefined ? new Random(options.seed) : net.rng;
  const order = new Int32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;

  // mini-batch buffers, made once per batch size (full batches and the last, shorter one)
  const batches = Math.ceil(m / batchSize);
  const lastSize = m - (batches - 1) * batchSize;
  const buffers = new Map<number, { X: Matrix; Y: Matrix; idx: Int32Array }>();
  const bufferFor = (size: number) => {
    let b = buffers.get(size);
    if (!b) {
      b = { X: Matrix.zeros(Xd.rows, size, net.dtype), Y: Matrix.zeros(Y.rows, size, net.dtype), idx: new Int32Array(size) };
      buffers.set(size, b);
    }
    return b;
  };
  const useWhole = batchSize === m && !shuffle;
  if (!useWhole) { bufferFor(batchSize); bufferFor(lastSize); }
  // Full batch: every step multiplies by the same X, which training never changes, so the
  // backend may keep one copy of it (Kernels.pin). User code (a callback, an optimizer object)
  // may change X, so the copy is refreshed before the next step after any of it has run.
  const kernels = getBackend();
  const pinned = useWhole && kernels.pin ? Xd.data : undefined;
  const userOptimizer = typeof options.optimizer === 'object';
  let stale = true;

  const history: History = {
    epoch: [], cost: [], valCost: [], learningRate: [], iterations: [], gradientNorms: [],
    stopReason: 'epochs', bestEpoch: 0, iterationsRun: 0,
  };
  const es = options.earlyStopping;
  const monitorVal = es ? (es.monitor ?? (val ? 'valCost' : 'cost')) === 'valCost' : false;
  if (es && monitorVal && !val) throw new RangeError('earlyStopping monitors valCost but no validationData was given');
  const restoreBest = options.restoreBestWeights ?? es !== undefined;
  let best = Infinity;
  let bestSnap = restoreBest ? net.snapshot() : undefined;
  let wait = 0;
  const finiteSnap = net.snapshot(); // the last weights whose cost was finite
  let iteration = 0;
  let firstCost = NaN;
  const L = net.depth;
  const normSums = new Float64Array(L);

  /** Stop: put back the weights of the last sound epoch and throw, with the history so far. */
  const diverged = (epoch: number, iter: number, what: string, alpha: number): never => {
    net.restore(finiteSnap);
    const err = new DivergenceError(
      `training diverged at epoch ${epoch} (iteration ${iter}): ${what}; ` +
      `try a smaller learning rate than ${alpha} (the weights of the last finite epoch are kept)`,
      epoch, iter);
    (err as DivergenceError & { history?: History }).history = history;
    throw err;
  };

  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      const alpha = learningRateAt(alpha0, options.schedule, epoch - 1);
      if (shuffle) rng.shuffle(order);
      let costSum = 0;
      normSums.fill(0);
      for (let bi = 0; bi < batches; bi++) {
        let Xb = Xd, Yb = Y;
        const start = bi * batchSize;
        const size = Math.min(batchSize, m - start);
        if (!useWhole) {
          const buf = bufferFor(size);
          buf.idx.set(order.subarray(start, start + size));
          Xd.gatherColumns(buf.idx, buf.X);
          Y.gatherColumns(buf.idx, buf.Y);
          Xb = buf.X; Yb = buf.Y;
        } else if (pinned && stale) {
          kernels.pin!(pinned);
          stale = false;
        }
        net.forward(Xb, { training: true });
        const cost = net.cost(Yb);                 // J before this step's update
        if (iteration === 0) firstCost = options.divergenceBaseline ?? cost;
        // NaN/Inf, or a finite cost that has exploded (10^4 times the first one): gradient descent has diverged
        if (!Number.isFinite(cost) || cost > DIVERGENCE_FACTOR * Math.max(firstCost, 1)) {
          diverged(epoch, iteration + 1, Number.isFinite(cost) ? `the cost rose from ${fmt(firstCost)} to ${fmt(cost)}` : `the cost became ${cost}`, alpha);
        }
        net.backward(Yb);
        optimizer.step(net.layers, alpha);
        if (userOptimizer) stale = true;
        iteration++;
        costSum += cost * size;
        if (options.recordGradientNorms) net.layers.forEach((layer, i) => { normSums[i] += layer.dW.norm(); });
        if (options.recordEvery && (iteration - 1) % options.recordEvery === 0) {
          history.iterations.push({ iteration: iteration - 1, epoch, cost });
        }
        if (options.onBatchEnd) { options.onBatchEnd({ epoch, batch: bi, batches, iteration, cost }); stale = true; }
      }
      const epochCost = costSum / m;
      history.epoch.push(epoch);
      history.cost.push(epochCost);
      history.learningRate.push(alpha);
      if (options.recordGradientNorms) history.gradientNorms.push(Array.from(normSums, (s) => s / batches));
      history.iterationsRun = iteration;
      let valCost: number | undefined;
      if (val) {
        valCost = net.evaluateCost(val.X, val.Y);
        history.valCost.push(valCost);
      }
      // the last step of the epoch can overflow the weights before any cost sees them
      if (!net.layers.every((layer) => allFinite(layer.W.data) && allFinite(layer.b.data))) {
        diverged(epoch, iteration, 'the weights became infinite or NaN', alpha);
      }
      copyInto(net, finiteSnap);

      const monitored = monitorVal ? valCost! : epochCost;
      if (restoreBest && Number.isFinite(monitored) && monitored < best - (es?.minDelta ?? 0)) {
        best = monitored;
        history.bestEpoch = epoch;
        bestSnap = copyInto(net, bestSnap);
        wait = 0;
      } else if (es) {
        wait++;
      }
      if (!restoreBest) history.bestEpoch = epoch;

      const verdict = options.onEpochEnd?.({ epoch, epochs: options.epochs, cost: epochCost, valCost, learningRate: alpha, iteration });
      if (options.onEpochEnd) stale = true;
      if (verdict === false) { history.stopReason = 'callback'; break; }
      if (options.stopWhenCostBelow !== undefined && epochCost < options.stopWhenCostBelow) { history.stopReason = 'epsilon'; break; }
      if (es && wait >= es.patience) { history.stopReason = 'earlyStopping'; break; }
    }
  } finally {
    if (pinned) kernels.unpin?.(pinned);
  }
  if (restoreBest && bestSnap && history.bestEpoch > 0) net.restore(bestSnap);
  return history;
}

function copyInto(net: Network, snap: { W: Matrix[]; b: Matrix[] } | undefined): { W: Matrix[]; b: Matrix[] } {
  if (!snap) return net.snapshot();
  net.layers.forEach((layer, i) => { snap.W[i]!.copyFrom(layer.W); snap.b[i]!.copyFrom(layer.b); });
  return snap;
}

/** True when every value is finite. */
function allFinite(d: Matrix['data']): boolean {
  // x * 0 is (+-)0 for a finite x and NaN for NaN and +-Infinity: one pass without branches
  // (four sums, so the additions do not wait on each other)
  const n = d.length, n4 = n - (n % 4);
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, q = 0;
  for (; q < n4; q += 4) {
    s0 += d[q]! * 0;
    s1 += d[q + 1]! * 0;
    s2 += d[q + 2]! * 0;
    s3 += d[q + 3]! * 0;
  }
  for (; q < n; q++) s0 += d[q]! * 0;
  return s0 + s1 + s2 + s3 === 0;
}

function checkFinite(M: Matrix, what: string): void {
  const d = M.data;
  if (allFinite(d)) return; // the search for the first bad value only when there is one
  for (let k = 0; k < d.length; k++) {
    if (!Number.isFinite(d[k]!)) {
      const i = Math.floor(k / M.cols), j = k % M.cols;
      throw new DataError(`${what} has a non-finite value (${d[k]}) at row ${i + 1}, column ${j + 1} (example ${j + 1})`);
    }
  }
}
