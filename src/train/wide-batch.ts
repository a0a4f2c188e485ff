// Full-batch gradient descent on wide data (more features than examples, n_x >= 2m): the first layer
// trained in the examples' coordinates. With X = Q·R (example-basis.ts, Q orthonormal n_x x m, R
// m x m), every gradient step of W[1] is dW[1] = (1/m)·dZ[1]·X^T, a combination of X's columns, so
// W[1] = W0 + C·X^T throughout, and W[1]·X = W0·X + C·X^T·X. The same run on the network whose first
// layer is P = W[1]·Q (n[1] x m) and whose input is R: Z[1] = P·R, dP = (1/m)·dZ[1]·R^T = dW[1]·Q,
// and P's steps are W[1]'s seen through Q (the same costs, activations and gradients of every
// other layer, to float32 rounding). At the end W[1] = W0 + C·X^T with C = (P - P0)·R^-T.
// Each step multiplies m x m instead of n_x x m: the course's cat net (12288 features, 209 examples)
// takes about a sixtieth of the work. Gradient descent and momentum only (their steps are sums of
// gradients); not Adam or RMSprop (per-entry scaling), L1/L2 (the penalty's gradient is W[1] itself)
// or dropout, nor when user code may read the network between epochs (callbacks may run when they
// say they do not: FitOptions.callbacksIgnoreWeights). A run that stops with an error (a divergence
// above all) before any callback saw it is run again on X: the error and the weights kept are then X's
// run's; after, its weights are taken and its error thrown, which names the rows of X as X's would.

import { Matrix } from '../tensor/matrix.js';
import { matmul, matmulTransB } from '../tensor/ops.js';
import { Network } from '../nn/network.js';
import { isLibraryActivation } from '../nn/activations.js';
import { exampleBasis, solveTimesR, solveTimesRT, type ExampleBasis } from './example-basis.js';
import type { AsyncFitOptions, BatchInfo, EpochInfo, FitOptions, History } from './fit.js';

type Fit = (net: Network, X: Matrix, Y: Matrix | ArrayLike<number>, options: FitOptions) => History;
type FitAsync = (net: Network, X: Matrix, Y: Matrix | ArrayLike<number>, options: AsyncFitOptions) => Promise<History>;

let mode: 'auto' | 'never' = 'auto';

/** At most this many examples: G is m x m float64 (8 MB) and its factor m^3/3 flops in JavaScript. */
const MAX_EXAMPLES = 1024;

/** Whether fit may train the first layer in the examples' coordinates ('never': always on X itself; for tests and the bench). */
export function setWideBatch(m: 'auto' | 'never'): void {
  mode = m;
}

/**
 * The inputs that a network on R stands for: a divergence's advice names their rows (the user's X),
 * not R's.
 */
const standsFor = new WeakMap<Network, Matrix>();

/** The inputs whose rows a divergence's advice names for `net`: X itself, or the X that its R stands for. */
export function adviceInputs(net: Network, X: Matrix): Matrix {
  return standsFor.get(net) ?? X;
}

/**
 * What fit does after its try in the examples' coordinates: the history (net holds the run's
 * weights), or the options to train on X with: the caller's own when nothing of the run was seen
 * (the run was not taken, or it threw before any callback), else the run again without the
 * callbacks that already saw it (its result could not be confirmed: rare, see takeWeights).
 */
export type WideOutcome = { history: History } | { onX: FitOptions };

/** A run in the examples' coordinates, ready to train: the network on R, and how to finish it. */
interface WideRun {
  onR: Network;
  basis: ExampleBasis;
  start: { W: Matrix[]; b: Matrix[] };
  P0: Float64Array;
  /** The caller's options, its callbacks wrapped to note that they ran. */
  options: FitOptions & AsyncFitOptions;
  seen: () => boolean;
}

/**
 * fit's run on the examples' coordinates when `net`, X and the options allow it and it pays (see
 * above). `train` is fit itself, for the network on R. A run that throws before any callback saw it is
 * put back and trained on X; after, its weights are taken and the error thrown (as on X).
 */
export function fitWideBatch(net: Network, X: Matrix, Y: Matrix | ArrayLike<number>, options: FitOptions, train: Fit): WideOutcome {
  const run = prepareRun(net, X, Y, options);
  if (!run) return { onX: options };
  let history: History;
  try {
    history = train(run.onR, run.basis.R, Y, run.options);
  } catch (e) {
    return afterThrow(net, X, run, options, e);
  }
  return afterRun(net, X, run, options, history);
}

/** fitWideBatch for fitAsync (`train` is fitAsync itself). */
export async function fitWideBatchAsync(net: Network, X: Matrix, Y: Matrix | ArrayLike<number>, options: AsyncFitOptions, train: FitAsync): Promise<WideOutcome> {
  const run = prepareRun(net, X, Y, options);
  if (!run) return { onX: options as FitOptions };
  let history: History;
  try {
    history = await train(run.onR, run.basis.R, Y, run.options);
  } catch (e) {
    return afterThrow(net, X, run, options as FitOptions, e);
  }
  return afterRun(net, X, run, options as FitOptions, history);
}

/** The basis and the network on R, when the run is taken; undefined when not. */
function prepareRun(net: Network, X: Matrix, Y: Matrix | ArrayLike<number>, options: FitOptions | AsyncFitOptions): WideRun | undefined {
  if (!takesWideBatch(net, X, Y, options as FitOptions)) return undefined;
  const basis = exampleBasis(X);
  if (!basis) return undefined;
  const start = net.snapshot();
  const onR = networkOnR(net, X, basis);
  if (!onR) return undefined;
  standsFor.set(onR, X);
  let seen = false;
  const { onEpochEnd, onBatchEnd } = options;
  const wrapped = {
    ...options,
    ...(onEpochEnd ? { onEpochEnd: (info: EpochInfo) => { seen = true; return onEpochEnd(info); } } : {}),
    ...(onBatchEnd ? { onBatchEnd: (info: BatchInfo) => { seen = true; onBatchEnd(info); } } : {}),
  } as FitOptions & AsyncFitOptions;
  return { onR, basis, start, P0: Float64Array.from(onR.layers[0]!.W.data), options: wrapped, seen: () => seen };
}

/**
 * A run that threw (a divergence, an abort, a bad option or target, a callback or schedule that
 * throws): before any callback saw it, put back and trained on X (its message names X's rows and the
 * network's own weights, and the weights kept are X's run's); after, the weights it had are taken
 * (a divergence's: the last finite epoch's) and the error thrown, as on X.
 */
function afterThrow(net: Network, X: Matrix, run: WideRun, options: FitOptions, e: unknown): WideOutcome {
  if (!run.seen()) {
    net.restore(run.start);
    return { onX: options };
  }
  if (!takeWeights(net, run.onR, X, run.basis, run.P0)) net.restore(run.start);
  throw e;
}

/**
 * A run that ended: its weights, when W[1]·X matches P·R; else the network put back and trained on X,
 * without the callbacks when they already saw this run (to the epoch it stopped at, and stopped there
 * by a callback as it was).
 */
function afterRun(net: Network, X: Matrix, run: WideRun, options: FitOptions, history: History): WideOutcome {
  if (takeWeights(net, run.onR, X, run.basis, run.P0)) return { history };
  net.restore(run.start);
  if (!run.seen()) return { onX: options };
  const last = history.epoch.length;
  const stoppedByCallback = history.stopReason === 'callback';
  return {
    onX: {
      ...options, epochs: last, onBatchEnd: undefined, callbacksKeepData: true,
      onEpochEnd: stoppedByCallback ? (info: EpochInfo) => info.epoch < last : undefined,
    },
  };
}

/** The conditions above, and enough epochs for the work saved to pay for the basis twice over. */
function takesWideBatch(net: Network, X: Matrix, Y: Matrix | ArrayLike<number>, o: FitOptions): boolean {
  if (mode === 'never' || !(X instanceof Matrix) || Object.getPrototypeOf(net) !== Network.prototype) return false;
  const m = X.cols, nx = X.rows;
  if (net.dtype !== 'float32' || X.dtype !== 'float32' || nx !== net.inputSize || m < 1 || nx < 2 * m) return false;
  if (o === null || typeof o !== 'object' || !Number.isInteger(o.epochs)) return false;
  // (a Y of another number of examples is refused by fit on X, whose error names X's shape)
  if ((Y instanceof Matrix ? Y.cols : (Y as ArrayLike<number> | null)?.length) !== m) return false;
  if ((o.batchSize !== undefined && o.batchSize < m) || o.shuffle || o.classWeights || o.validationData) return false;
  // callbacks may read the network between epochs, unless they say they do not (callbacksIgnoreWeights)
  if ((o.onEpochEnd || o.onBatchEnd) && o.callbacksIgnoreWeights !== true) return false;
  if (o.earlyStopping || o.restoreBestWeights) return false;
  if (o.optimizer !== undefined && o.optimizer !== 'gd' && o.optimizer !== 'momentum') return false;
  const { l1, l2 } = net.regularization;
  if (l1 || l2 || !net.layers.every((layer) => layer.keepProb === 1 && isLibraryActivation(layer.activation))) return false;
  if (m > MAX_EXAMPLES) return false;
  const n1 = net.layers[0]!.units;
  // G, W0·X, the check and C·X^T in the kernels; the factors and the triangular solves in JavaScript, about 30x slower a flop
  const setup = nx * m * m + 3 * n1 * nx * m + 30 * (m * m * m / 3 + 2 * n1 * m * m);
  const savedPerEpoch = 2 * n1 * m * (nx - m);                  // W[1]·X and dZ[1]·X^T against P·R and dZ[1]·R^T
  return o.epochs * savedPerEpoch >= 2 * setup;
}

/**
 * The network with first layer P0 = W0·Q (P0·R = W0·X) on the m inputs of R, the other layers as
 * net's; undefined when P0 is not finite in float32 (W0·X overflows: the run on X says so itself).
 */
function networkOnR(net: Network, X: Matrix, basis: ExampleBasis): Network | undefined {
  const first = net.layers[0]!;
  const P0 = solveTimesR(matmul(first.W, X).data, first.units, basis); // P0·R = W0·X
  if (!Float32Array.from(P0).every(Number.isFinite)) return undefined;
  return new Network({
    inputSize: basis.m,
    layers: net.layers.map((layer) => ({ units: layer.units, activation: layer.activationSpec })),
    loss: net.loss.name,
    weights: net.layers.map((layer, i) => ({ W: i === 0 ? Float32Array.from(P0) : layer.W, b: layer.b })),
  });
}

/**
 * Give net the weights of onR: W[1] = W0 + C·X^T, C = (P - P0)·R^-T, the other layers as they are.
 * False when W[1]·X does not match P·R to 1e-4 (relative): the basis was not sure enough.
 */
function takeWeights(net: Network, onR: Network, X: Matrix, basis: ExampleBasis, P0: Float64Array): boolean {
  const first = net.layers[0]!, P = onR.layers[0]!.W, n1 = first.units;
  const C = solveTimesRT(Float64Array.from(P.data, (p, k) => p - P0[k]!), n1, basis);
  const change = matmulTransB(new Matrix(n1, basis.m, Float32Array.from(C)), X);   // C·X^T
  const W = first.W.data;
  for (let k = 0; k < W.length; k++) W[k] = W[k]! + change.data[k]!;
  net.layers.forEach((layer, i) => {
    if (i > 0) layer.W.data.set(onR.layers[i]!.W.data);
    layer.b.data.set(onR.layers[i]!.b.data);
  });
  return relativeDifference(matmul(first.W, X).data, matmul(P, basis.R).data) < 1e-4;
}

/** ||a - b|| / ||b||. */
function relativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0, n = 0;
  for (let k = 0; k < a.length; k++) {
    d += (a[k]! - b[k]!) ** 2;
    n += b[k]! ** 2;
  }
  return Math.sqrt(d / Math.max(n, Number.MIN_VALUE));
}
