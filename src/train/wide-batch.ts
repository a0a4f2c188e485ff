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
// or dropout, nor when user code reads the network between epochs. A run that stops with an error
// (a divergence above all) is run again on X: the error and the weights kept are then X's run's.

import { Matrix } from '../tensor/matrix.js';
import { matmul, matmulTransB } from '../tensor/ops.js';
import { Network } from '../nn/network.js';
import { isLibraryActivation } from '../nn/activations.js';
import { exampleBasis, solveTimesR, solveTimesRT, type ExampleBasis } from './example-basis.js';
import type { FitOptions, History } from './fit.js';

type Fit = (net: Network, X: Matrix, Y: Matrix | ArrayLike<number>, options: FitOptions) => History;

let mode: 'auto' | 'never' = 'auto';

/** At most this many examples: G is m x m float64 (8 MB) and its factor m^3/3 flops in JavaScript. */
const MAX_EXAMPLES = 1024;

/** Whether fit may train the first layer in the examples' coordinates ('never': always on X itself; for tests and the bench). */
export function setWideBatch(m: 'auto' | 'never'): void {
  mode = m;
}

/**
 * fit's run on the examples' coordinates when `net`, X and the options allow it and it pays (see
 * above); undefined when not taken, or when the run threw or its result could not be confirmed (the
 * network is then as it was, and fit trains on X). `train` is fit itself, for the network on R.
 */
export function fitWideBatch(net: Network, X: Matrix, Y: Matrix | ArrayLike<number>, options: FitOptions, train: Fit): History | undefined {
  if (!takesWideBatch(net, X, Y, options)) return undefined;
  const basis = exampleBasis(X);
  if (!basis) return undefined;
  const start = net.snapshot();
  const onR = networkOnR(net, X, basis);
  if (!onR) return undefined;
  const P0 = Float64Array.from(onR.layers[0]!.W.data);
  let history: History;
  try {
    history = train(onR, basis.R, Y, options);
  } catch {
    // a run that stops (a divergence, a bad option or target, a schedule that throws) stops again on X:
    // its message names the rows of X as given and the network's own weights, and the weights it keeps are X's run's
    net.restore(start);
    return undefined;
  }
  if (takeWeights(net, onR, X, basis, P0)) return history;
  net.restore(start);
  return undefined;
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
  if (o.onEpochEnd || o.onBatchEnd || o.earlyStopping || o.restoreBestWeights) return false;
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
