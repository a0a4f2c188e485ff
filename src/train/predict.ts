// Predictions and evaluation of a trained network.

import type { Matrix } from '../tensor/matrix.js';
import { argmaxColumns } from '../tensor/ops.js';
import type { Network } from '../nn/network.js';
import { classificationReport, type ClassificationReport } from '../metrics/classification.js';
import { regressionReport, type RegressionReport } from '../metrics/regression.js';

/** Class index per example: A > 0.5 for one sigmoid unit, argmax over the outputs otherwise. */
export function predictClasses(net: Network, X: Matrix): Int32Array {
  return classesOf(net.predictProba(X));
}

/** Class index per column of A[L]: A > 0.5 for one row (a sigmoid unit), the argmax over the rows otherwise. */
export function classesOf(A: Matrix): Int32Array {
  if (A.rows === 1) {
    const out = new Int32Array(A.cols);
    for (let j = 0; j < A.cols; j++) out[j] = A.data[j]! > 0.5 ? 1 : 0;
    return out;
  }
  return argmaxColumns(A);
}

/** True class indices from Y given as 1 x m indices / 0-1 labels, or as one-hot columns. */
export function labelsOf(Y: Matrix | ArrayLike<number>): Int32Array {
  if (!('rows' in Y)) return Int32Array.from(Y as ArrayLike<number>);
  if (Y.rows === 1) return Int32Array.from(Y.data, (v) => Math.round(v));
  return argmaxColumns(Y);
}

export interface Evaluation {
  cost: number;
  classification?: ClassificationReport;
  regression?: RegressionReport;
}

/**
 * Cost and the metrics that fit the task: classification for sigmoid/softmax outputs, regression
 * otherwise. Give the task when known: a sigmoid output can also predict a regression target in [0, 1].
 */
export function evaluate(net: Network, X: Matrix, Y: Matrix | ArrayLike<number>, task?: 'binary' | 'multiclass' | 'regression'): Evaluation {
  const { cost, A } = net.costAndProba(X, Y); // one forward pass for both
  const out = net.outputActivation;
  if (task !== 'regression' && (out === 'sigmoid' && net.outputSize === 1 || out === 'softmax')) {
    const k = net.outputSize === 1 ? 2 : net.outputSize;
    return { cost, classification: classificationReport(labelsOf(Y), classesOf(A), k) };
  }
  const y = net.prepareTargets(Y);
  return { cost, regression: regressionReport(y.data, A.data, A.rows) };
}
