// One example's backward pass for the page's backward tab: the library's backwardTrace and its text
// (the same as `backprop inspect --backward`): dZ, dW, db, dA of every layer with the equation that
// produced it, the loss, one gradient-descent step at the page's learning rate, and finite
// differences beside each gradient; with L1 or L2, a note that its m is 1 (the training step's is the batch's).

import { backwardTrace, backwardReport, type Network } from '../../src/index.js';
import { featureMatrix, type FeatureName } from './features.js';
import type { PlayData } from './data.js';
import { className } from './format.js';

export function backwardPass(net: Network, features: readonly FeatureName[], data: PlayData, set: 'train' | 'test', i: number, learningRate: number, batchSize: number): string {
  const j = (set === 'train' ? data.trainIdx : data.testIdx)[i]!;
  const X = featureMatrix(features, [data.x1[j]!], [data.x2[j]!]);
  const trace = backwardTrace(net, X, [data.y[j]!], { learningRate });
  const lines = backwardReport(trace, net.loss.name, `example ${i + 1} of the ${set === 'train' ? 'training' : 'test'} set`);
  // the forward tab writes one example's vectors in lower case (a[l], z[l]); the trace's capitals are the same numbers as matrices of m = 1 column
  lines.splice(lines.findIndex((l) => l.startsWith('dZ[l] and dA[l]')), 0, `A[l] and Z[l] are the forward tab's a[l] and z[l], as matrices of m = 1 column; ${targetNote(data, j, trace.Y.data)}, and a vector [v₁, v₂]ᵀ is a column.`);
  const { l1, l2 } = net.regularization;
  if (l1 || l2) {
    // the penalty is divided by m: with m = 1 here it is far larger than the one beside the losses (over the training set) or in a training step (over a mini-batch)
    const m = Math.min(batchSize, data.trainIdx.length);
    const at = lines.findIndex((l) => l.startsWith('J = '));
    lines.splice(at + 1, 0, `(m = 1 here, so the penalty and its gradient term (λ/m) are those of this example alone: a training step divides them by its mini-batch's m = ${m}, and the penalty beside the losses by the ${data.trainIdx.length} training points.)`);
  }
  return lines.join('\n').trimStart();
}

/** What Y is for the example j: the label y, the target y, or (several classes) its class as the one-hot column the loss uses (it said "the label y" there too). */
function targetNote(data: PlayData, j: number, Y: ArrayLike<number>): string {
  if (data.task !== 'multiclass') return `Y is the ${data.task === 'regression' ? 'target' : 'label'} y`;
  const k = data.y[j]!;
  return `Y is the example's class ${className(data.classes?.[k] ?? k)} as a one-hot column, Y = [${Array.from(Y).join(', ')}]ᵀ (1 in row ${k + 1} of ${Y.length})`;
}

/**
 * A line of the backward text cut into the runs a wrapped line must not break inside, with the spaces
 * between them: a finite-difference entry ("dW[2][1,1] -0.1263019 vs -0.1263019") is one run, any other
 * word (a name "dW[2]", a number "2.418e-4", a vector's entry "-0.0742,") another, so that the line wraps
 * only between entries (the browser would also break at "][" or after "e-"). An entry longer than a
 * line of `width` characters (after the line's hanging indent: its own + 4) may break before its "vs".
 */
export function lineRuns(line: string, width = Infinity): { text: string; keep: boolean }[] {
  const runs: { text: string; keep: boolean }[] = [];
  const entry = /[A-Za-z]+\[\d+\]\[\d+,\d+\] \S+ vs \S+|\S+/gu;
  const room = width - (line.length - line.trimStart().length) - 4;
  let at = 0;
  for (const m of line.matchAll(entry)) {
    if (m.index > at) runs.push({ text: line.slice(at, m.index), keep: false });
    const vs = m[0].indexOf(' vs ');
    if (m[0].length > room && vs > 0) runs.push({ text: m[0].slice(0, vs), keep: true }, { text: ' ', keep: false }, { text: m[0].slice(vs + 1), keep: true });
    else runs.push({ text: m[0], keep: true });
    at = m.index + m[0].length;
  }
  if (at < line.length) runs.push({ text: line.slice(at), keep: false });
  return runs;
}
