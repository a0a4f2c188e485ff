// One backward pass written out for a learner: for a small batch X (n_x x m) with labels Y, the loss
// L(ŷ, y) of each example, the cost J, and for l = L..1 the four equations of the notes
//   dZ[l]   = dA[l] * g[l]'(Z[l])          (dZ[L] = A[L] - Y for sigmoid + BCE, softmax + CCE)
//   dW[l]   = (1/m) dZ[l]·A[l-1]ᵀ  (+ the regularization term)
//   db[l]   = (1/m) Σ_columns dZ[l]
//   dA[l-1] = W[l]ᵀ·dZ[l]
// with the update one step of gradient descent makes (W[l] := W[l] - α dW[l], b[l] := b[l] - α db[l])
// and, beside each gradient, centred finite differences of a few of its entries:
//   dW, db:   ∂J/∂θ     by perturbing the parameter and recomputing J on the batch
//   dZ, dA:   ∂L_j/∂z, ∂L_j/∂a (one example j; no 1/m) by perturbing the input of layer l alone

import { Matrix } from '../tensor/matrix.js';
import { Network } from './network.js';
import { float64Copy } from './float64-copy.js';
import { usesCombinedGradient, type LossName } from './losses.js';
import { checkedInputs, costFunction, numericPartial, type DifferenceOrder } from './gradcheck.js';
import { checkKnownKeys } from '../util/known-keys.js';
import { OptionError } from '../errors.js';
import { numberText } from '../util/number-text.js';

export interface CheckedEntry {
  /** 1-based row and column in the gradient matrix. */
  row: number;
  col: number;
  analytic: number;
  numeric: number;
}

export interface LayerBackward {
  l: number;
  dZ: Matrix;
  dW: Matrix;
  db: Matrix;
  /** dA[l-1] = W[l]ᵀ·dZ[l] (for l = 1 this is the gradient with respect to the input x). */
  dAPrev: Matrix;
  /** The output layer when dZ[L] is not A[L] - Y (e.g. mean squared error): dA[L] = ∂L/∂A[L], the start of the chain. */
  dAOut?: Matrix;
  /** W[l] - α dW[l] and b[l] - α db[l]: the parameters after one step of gradient descent. */
  WNext: Matrix;
  bNext: Matrix;
  equations: { dZ: string; dW: string; db: string; dAPrev: string; dAOut?: string };
  checks: { dZ: CheckedEntry[]; dW: CheckedEntry[]; db: CheckedEntry[]; dAPrev: CheckedEntry[] };
}

export interface BackwardTrace {
  m: number;
  /** L(ŷ, y) of each example (regularization not included). */
  losses: number[];
  /** J = (1/m) Σ L + the regularization penalty. */
  cost: number;
  penalty: number;
  learningRate: number;
  order: DifferenceOrder;
  epsilon: number;
  /** Layers L, L-1, ..., 1: the order backprop computes them in. */
  layers: LayerBackward[];
  /** keepProb of each layer 1..L of the source network: dropout masks units while training only, so the pass traced has none. */
  keepProbs: number[];
  /** A[L] (ŷ, n[L] x m) and Y as the loss uses them (n[L] x m: class indices one-hot for several outputs), the start of dZ[L] = A[L] - Y. */
  output: Matrix;
  Y: Matrix;
}

export interface BackwardTraceOptions {
  learningRate?: number;
  /** Entries of each gradient to check by finite differences (default 3). */
  checks?: number;
  order?: DifferenceOrder;
  epsilon?: number;
}

const TRACE_KEYS = ['learningRate', 'checks', 'order', 'epsilon'] as const satisfies readonly (keyof BackwardTraceOptions)[];

/** The backward pass of `source` (copied to float64) on X, Y, with finite-difference checks. */
export function backwardTrace(source: Network, X: Matrix, Yin: Matrix | ArrayLike<number>, options: BackwardTraceOptions = {}): BackwardTrace {
  checkKnownKeys(options, TRACE_KEYS, 'backwardTrace', (m) => new OptionError(m));
  const checked = checkedInputs(source, X, Yin, 'backwardTrace'); // finite, one target per example, in the loss's range
  const net = float64Copy(source);
  const order = options.order ?? 2, eps = options.epsilon ?? (order === 2 ? 1e-7 : 1e-4);
  const alpha = options.learningRate ?? 0.01, k = options.checks ?? 3;
  const x = checked.Xd.astype('float64'), Y = checked.Y.astype('float64'), m = x.cols, L = net.depth;
  const losses = Array.from({ length: m }, (_, j) => {
    net.forward(x.sliceColumns(j, j + 1));
    return net.cost(Y.sliceColumns(j, j + 1)) - net.penalty(1);
  });
  net.forward(x);
  const cost = net.cost(Y), penalty = net.penalty(m);
  net.backward(Y);
  net.inputGradient();
  const { A } = net.cache;
  const output = A[L]!.clone();
  const g = net.gradients;
  const grads = net.layers.map((_, i) => ({ dZ: g.dZ[i + 1]!.clone(), dW: g.dW[i + 1]!.clone(), db: g.db[i + 1]!.clone(), dA: g.dA[i]!.clone() }));
  const dAOut = usesCombinedGradient(net.loss.name, net.layers[L - 1]!.activation.name) ? undefined : g.dA[L]!.clone();
  const inputs = A.map((a) => a.clone());
  const J = costFunction(net, x, Y);
  const layers: LayerBackward[] = [];
  for (let l = L; l >= 1; l--) {
    const layer = net.layers[l - 1]!, d = grads[l - 1]!;
    const tail = tailNetwork(net, l);
    const lossOf = (j: number) => costFunction(tail, inputs[l - 1]!.sliceColumns(j, j + 1), Y.sliceColumns(j, j + 1));
    layers.push({
      l, dZ: d.dZ, dW: d.dW, db: d.db, dAPrev: d.dA, ...(l === L && dAOut ? { dAOut } : {}),
      WNext: d.dW.map((v, q) => layer.W.data[q]! - alpha * v), bNext: d.db.map((v, q) => layer.b.data[q]! - alpha * v),
      equations: equationsOf(net, l),
      checks: {
        dW: pick(d.dW, k).map((e) => ({ ...e, numeric: numericPartial(J, layer.W, index(d.dW, e), eps, order) })),
        db: pick(d.db, k).map((e) => ({ ...e, numeric: numericPartial(J, layer.b, index(d.db, e), eps, order) })),
        // ∂L_j/∂z[l]_i: z[l] = W a + b, so perturbing b[l]_i on example j alone moves z[l]_ij alone
        dZ: pick(d.dZ, k).map((e) => ({ ...e, numeric: numericPartial(lossOf(e.col - 1), tail.layers[0]!.b, e.row - 1, eps, order) })),
        // ∂L_j/∂a[l-1]_i: perturb the input of the tail network l..L on example j
        dAPrev: pick(d.dA, k).map((e) => {
          const a = inputs[l - 1]!.sliceColumns(e.col - 1, e.col).clone();
          return { ...e, numeric: numericPartial(costFunction(tail, a, Y.sliceColumns(e.col - 1, e.col)), a, e.row - 1, eps, order) };
        }),
      },
    });
  }
  return { m, losses, cost, penalty, learningRate: alpha, order, epsilon: eps, layers, keepProbs: source.layers.map((l) => l.keepProb), output, Y: Y.clone() };
}

/** Layers l..L of `net` as a network of their own, whose input is a[l-1] (no regularization: L alone). */
function tailNetwork(net: Network, l: number): Network {
  const layers = net.layers.slice(l - 1);
  const tail = new Network({
    inputSize: layers[0]!.inputSize, dtype: 'float64', loss: net.loss.name, init: 'zeros', warn: () => {},
    layers: layers.map((layer) => ({ units: layer.units, activation: layer.activationSpec })),
  });
  tail.setWeights(layers.map((layer) => ({ W: layer.W.clone(), b: layer.b.clone() })));
  return tail;
}

/** ∂L/∂A[L] of each loss, per example (written with A[L]; the layer's number is put in). */
const OUTPUT_GRADIENT: Record<LossName, string> = {
  meanSquaredError: '2(A[L] - Y)',
  binaryCrossEntropy: '-Y / A[L] + (1 - Y) / (1 - A[L])',
  categoricalCrossEntropy: '-Y / A[L]',
};

/** ∂L/∂A[L] for an output layer of `units` units: the squared error is the mean over the outputs, (2/n)(A[L] - Y) for n > 1. */
const outputGradient = (loss: LossName, units: number): string => (loss === 'meanSquaredError' && units > 1 ? `(2/${units})(A[L] - Y)` : OUTPUT_GRADIENT[loss]);

/** The equations the network used at layer l, in the notes' notation. */
function equationsOf(net: Network, l: number): LayerBackward['equations'] {
  const L = net.depth, layer = net.layers[l - 1]!, g = layer.activation.name;
  const { l1, l2 } = net.regularization;
  const reg = (l2 ? ` + (${numberText(l2)}/m) W[${l}]` : '') + (l1 ? ` + (${numberText(l1)}/m) sign(W[${l}])` : '');
  // softmax's g' is a Jacobian (each output depends on every z): no elementwise product
  let dZ = g === 'softmax' ? `dZ[${l}] = J_softmax(Z[${l}])ᵀ·dA[${l}], column by column` : `dZ[${l}] = dA[${l}] * ${g}'(Z[${l}])`;
  const combined = l === L && usesCombinedGradient(net.loss.name, g);
  if (combined) dZ = `dZ[${l}] = A[${l}] - Y`;
  return {
    ...(l === L && !combined ? { dAOut: `dA[${l}] = ∂L/∂A[${l}] = ${outputGradient(net.loss.name, layer.units).replaceAll('L]', `${l}]`)}` } : {}),
    dZ,
    dW: `dW[${l}] = (1/m) dZ[${l}]·A[${l - 1}]ᵀ${reg}`,
    db: `db[${l}] = (1/m) Σ dZ[${l}] over the m columns`,
    dAPrev: `dA[${l - 1}] = W[${l}]ᵀ·dZ[${l}]`,
  };
}

/** The k entries of G with the largest magnitude (ties: in order), as 1-based (row, col). */
function pick(G: Matrix, k: number): { row: number; col: number; analytic: number }[] {
  const order = [...G.data.keys()].sort((a, b) => Math.abs(G.data[b]!) - Math.abs(G.data[a]!) || a - b).slice(0, k);
  return order.map((q) => ({ row: Math.floor(q / G.cols) + 1, col: (q % G.cols) + 1, analytic: G.data[q]! }));
}

const index = (G: Matrix, e: { row: number; col: number }): number => (e.row - 1) * G.cols + (e.col - 1);
