// The text of a backward pass (`inspect --backward`, the page's backward tab): a BackwardTrace written out in the notes' notation, each
// gradient beside the finite-difference values of a few of its entries.

import type { Matrix } from '../tensor/matrix.js';
import type { BackwardTrace, CheckedEntry } from './backward-trace.js';
import type { LossName } from './losses.js';
import { formatNumber as fmt, numberText, pythonExponent } from '../util/number-text.js';

/** A column vector as [v1, v2, ...]; a matrix as one such row per line, indented (entries by `num`: 4 decimals, or e.g. the targets as they are). */
function matrix(M: Matrix, indent: string, num: (v: number) => string = fmt): string {
  const f = (v: number) => num(v);
  const rows = M.toArray().map((r) => `[${r.length > 12 ? [...r.slice(0, 8).map(f), `... (${r.length - 10} more)`, ...r.slice(-2).map(f)].join(', ') : r.map(f).join(', ')}]`);
  if (M.cols === 1) return ` [${Array.from(M.data, f).join(', ')}]ᵀ`;
  const shown = rows.length > 12 ? [...rows.slice(0, 10), `... (${rows.length - 10} more rows)`] : rows;
  return shown.length === 1 ? ` ${shown[0]!}` : '\n' + shown.map((r) => indent + r).join('\n');
}

function checks(name: string, entries: CheckedEntry[], meaning: string): string {
  const p7 = (v: number) => pythonExponent(v.toPrecision(7));
  return `      finite differences (${meaning}), backprop vs numeric: ` + entries.map((e) => `${name}[${e.row},${e.col}] ${p7(e.analytic)} vs ${p7(e.numeric)}`).join(', ');
}

/**
 * A layer's shapes in the course's terms: each gradient has the shape of what it is the gradient of
 * (dW[l] as W[l]: n[l] x n[l-1]; db[l] as b[l]: n[l] x 1; dZ[l] as Z[l]: n[l] x m). The text gave the
 * numbers without them, and a learner checks a backward pass by its shapes first.
 */
function shapes(l: number, dW: Matrix, m: number): string {
  const n = dW.rows, prev = dW.cols;
  return `dW[${l}] is n[${l}] x n[${l - 1}] = ${n} x ${prev}, as W[${l}]; db[${l}] is ${n} x 1, as b[${l}]; dZ[${l}] is n[${l}] x m = ${n} x ${m}, as Z[${l}]; dA[${l - 1}] is ${prev} x ${m}, as A[${l - 1}]`;
}

const lossFormula: Record<LossName, string> = {
  binaryCrossEntropy: 'L(ŷ, y) = -(y log ŷ + (1 - y) log(1 - ŷ))',
  categoricalCrossEntropy: 'L(ŷ, y) = -Σ_k y_k log ŷ_k',
  meanSquaredError: 'L(ŷ, y) = (1/n) Σ_k (ŷ_k - y_k)² over the n outputs',
};

/** The loss's formula for an output layer of `outputs` units: several sigmoid units' cross-entropy sums the labels' (multi-label). */
const formulaOf = (loss: LossName, outputs: number): string => (loss === 'binaryCrossEntropy' && outputs > 1 ? `L(ŷ, y) = -Σ_k (y_k log ŷ_k + (1 - y_k) log(1 - ŷ_k)) over the ${outputs} labels` : lossFormula[loss]);

/** `rateFrom` says where the step's α came from (e.g. 'the rate the model was trained with'), shown beside it. */
export function backwardReport(t: BackwardTrace, loss: LossName, what: string, outputs = 1, rateFrom?: string): string[] {
  const out = ['', `backward pass of ${what} (float64, m = ${t.m}):`];
  out.push(`${formulaOf(loss, outputs)} per example: [${t.losses.map(fmt).join(', ')}]`);
  out.push(`J = (1/m) Σ L(ŷ, y)${t.penalty ? ` + penalty ${fmt(t.penalty)}` : ''} = ${fmt(t.cost)}`);
  out.push(`dZ[l] and dA[l] are ∂L/∂Z, ∂L/∂A per example (one column each); dW[l] and db[l] are ∂J/∂W, ∂J/∂b (the 1/m is theirs).`);
  out.push(`finite differences: order ${t.order}, ε = ${numberText(t.epsilon)}, of J for dW and db, of the example's L for dZ and dA; each line gives a few entries as backprop's value vs the numeric one.`);
  const dropped = t.keepProbs.flatMap((p, i) => (p < 1 ? [`layer ${i + 1} keeps ${p}`] : []));
  if (dropped.length) out.push(`dropout (${dropped.join(', ')}) is not in this pass: it masks units while training only, and the pass here is the network's as it predicts (no D[l], no / keepProb).`);
  for (const layer of t.layers) {
    const l = layer.l, pad = '        ';
    out.push('', `layer ${l}: ${shapes(l, layer.dW, t.m)}`);
    // the output layer's gradient starts from ŷ and the targets: Y one-hot for several classes (a label 1 is Y = [0, 1, 0]ᵀ), as dZ[L] = A[L] - Y uses it
    if (l === t.layers[0]!.l) out.push(`  A[${l}] = ŷ =${matrix(t.output, pad)}`, `  Y, the targets as the loss uses them (n[${l}] x m${loss === 'categoricalCrossEntropy' ? ', a class as a one-hot column' : ''}) =${matrix(t.Y, pad, numberText)}`);
    if (layer.dAOut && layer.equations.dAOut) out.push(`  ${layer.equations.dAOut} =${matrix(layer.dAOut, pad)}`);
    out.push(`  ${layer.equations.dZ} =${matrix(layer.dZ, pad)}`, checks(`dZ[${l}]`, layer.checks.dZ, '∂L/∂z'));
    out.push(`  ${layer.equations.dW} =${matrix(layer.dW, pad)}`, checks(`dW[${l}]`, layer.checks.dW, '∂J/∂W'));
    out.push(`  ${layer.equations.db} =${matrix(layer.db, pad)}`, checks(`db[${l}]`, layer.checks.db, '∂J/∂b'));
    out.push(`  ${layer.equations.dAPrev} =${matrix(layer.dAPrev, pad)}`, checks(`dA[${l - 1}]`, layer.checks.dAPrev, `∂L/∂a${l === 1 ? ', the input x' : ''}`));
  }
  out.push('', `one step of gradient descent, α = ${numberText(t.learningRate)}${rateFrom ? ` (${rateFrom})` : ''}: W[l] := W[l] - α dW[l], b[l] := b[l] - α db[l]`);
  for (const layer of [...t.layers].reverse()) {
    out.push(`  W[${layer.l}] :=${matrix(layer.WNext, '        ')}`, `  b[${layer.l}] :=${matrix(layer.bNext, '        ')}`);
  }
  return out;
}
