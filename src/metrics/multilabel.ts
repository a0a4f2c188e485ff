// Multi-label classification metrics, as sklearn.metrics computes them on label-indicator arrays: the
// truth and the predictions are k x m of 0/1 (label i present in example j), row-major as Y and A[L].
// A ratio with a zero denominator is 0 (scikit-learn's zero_division default, which warns).

import { OptionError } from '../errors.js';

export interface MultilabelReport {
  /** accuracy_score: the examples whose k labels are all right (the whole row matches). */
  subsetAccuracy: number;
  /** hamming_loss: the fraction of the k x m label cells predicted wrong. */
  hammingLoss: number;
  /** Per label: the fraction of examples where it is right (1 - its Hamming loss). */
  perLabelAccuracy: number[];
  /** precision_score / recall_score / f1_score(average=None): per label. */
  precision: number[];
  recall: number[];
  f1: number[];
  /** The examples where each label is present. */
  support: number[];
  /**
   * The Hamming loss of always answering each label's commoner value (present when it is in more than
   * half of the examples): the mean over the labels of min(p, 1 - p), p a label's fraction of examples.
   * The multi-label counterpart of a classification's majorityBaseline (the diagnosis judges bias by it).
   */
  majorityHammingLoss: number;
  /** average='micro': from the true positives, false positives and false negatives counted over every label. */
  micro: { precision: number; recall: number; f1: number };
  /** average='macro': the unweighted mean over the k labels. */
  macro: { precision: number; recall: number; f1: number };
  /** average='samples': each example's own precision, recall and F1 over its labels, averaged over the examples. */
  samples: { precision: number; recall: number; f1: number };
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
const mean = (v: readonly number[]): number => v.reduce((s, x) => s + x, 0) / v.length;

/** The metrics of predictions `yPred` against `yTrue`, both k x m label indicators (0/1) in row-major order. */
export function multilabelReport(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, k: number): MultilabelReport {
  if (!Number.isInteger(k) || k < 1) throw new OptionError(`multilabelReport: k must be a whole number >= 1 (the number of labels), got ${String(k)}`);
  if (yTrue.length !== yPred.length) throw new OptionError(`multilabelReport: true labels (${yTrue.length}) and predictions (${yPred.length}) differ in length`);
  if (yTrue.length === 0 || yTrue.length % k !== 0) throw new OptionError(`multilabelReport: ${yTrue.length} values are not k x m for k = ${k} labels and m >= 1 examples`);
  const m = yTrue.length / k;
  for (const [name, v] of [['yTrue', yTrue], ['yPred', yPred]] as const) {
    for (let c = 0; c < v.length; c++) {
      if (v[c] !== 0 && v[c] !== 1) throw new OptionError(`multilabelReport: ${name} holds ${String(v[c])} for label ${Math.floor(c / m) + 1} of example ${(c % m) + 1}; labels are 0 or 1 (take the predictions at 0.5 first)`);
    }
  }
  const tp = new Array<number>(k).fill(0), fp = new Array<number>(k).fill(0), fn = new Array<number>(k).fill(0);
  const sp: number[] = [], sr: number[] = [], sf: number[] = [];
  let exact = 0, wrong = 0;
  for (let j = 0; j < m; j++) {
    let t = 0, p = 0, both = 0;
    for (let i = 0; i < k; i++) {
      const y = yTrue[i * m + j]!, a = yPred[i * m + j]!;
      if (y === 1 && a === 1) { tp[i]!++; both++; }
      else if (a === 1) fp[i]!++;
      else if (y === 1) fn[i]!++;
      t += y; p += a;
    }
    const misses = t + p - 2 * both;
    if (misses === 0) exact++;
    wrong += misses;
    sp.push(ratio(both, p)); sr.push(ratio(both, t)); sf.push(ratio(2 * both, t + p));
  }
  const precision = tp.map((v, i) => ratio(v, v + fp[i]!)), recall = tp.map((v, i) => ratio(v, v + fn[i]!));
  const f1 = tp.map((v, i) => ratio(2 * v, 2 * v + fp[i]! + fn[i]!));
  const sum = (v: number[]) => v.reduce((s, x) => s + x, 0), TP = sum(tp), FP = sum(fp), FN = sum(fn);
  return {
    subsetAccuracy: exact / m,
    hammingLoss: wrong / (m * k),
    perLabelAccuracy: tp.map((_, i) => (m - fp[i]! - fn[i]!) / m),
    precision, recall, f1,
    support: tp.map((v, i) => v + fn[i]!),
    majorityHammingLoss: mean(tp.map((v, i) => Math.min(v + fn[i]!, m - v - fn[i]!) / m)),
    micro: { precision: ratio(TP, TP + FP), recall: ratio(TP, TP + FN), f1: ratio(2 * TP, 2 * TP + FP + FN) },
    macro: { precision: mean(precision), recall: mean(recall), f1: mean(f1) },
    samples: { precision: mean(sp), recall: mean(sr), f1: mean(sf) },
  };
}
