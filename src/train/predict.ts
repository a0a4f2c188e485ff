// Predictions and evaluation of a trained network.

import type { Matrix } from '../tensor/matrix.js';
import { DataError, OptionError } from '../errors.js';
import { checkFinite } from '../tensor/finite.js';
import { argmaxColumns, classIndexProblem } from '../tensor/ops.js';
import type { Network } from '../nn/network.js';
import { classificationReport, type ClassificationReport } from '../metrics/classification.js';
import { regressionReport, type RegressionReport } from '../metrics/regression.js';
import { multilabelReport, type MultilabelReport } from '../metrics/multilabel.js';
import { indicatorProblem } from '../model/multilabel.js';
import { inferTask, TASKS, type Task } from '../model/task.js';
import { exponentText } from '../util/number-text.js';
import { notOneOf } from '../util/known-keys.js';

/** Class index per example: A > 0.5 for one sigmoid unit, argmax over the outputs otherwise. */
export function predictClasses(net: Network, X: Matrix): Int32Array {
  const A = net.predictProba(X);
  checkFiniteInput(net, X, A);
  return classesOf(A);
}

/** A non-finite feature gives a NaN output, which classesOf would read as class 0 (or an infinite one a saturated class): refused, naming the example. */
function checkFiniteInput(net: Network, X: Matrix, A: Matrix): void {
  checkFinite(X, 'X');
  const bad = A.data.findIndex((v) => Number.isNaN(v));
  if (bad < 0) return;
  // finite inputs and weights can still overflow on the way (an input of 3e38): say which, not "are its weights finite?"
  const j = bad % A.cols, top = largestWeight(net);
  let input = 0;
  for (let i = 0; i < X.rows; i++) input = Math.max(input, Math.abs(X.data[i * X.cols + j]!));
  const why = Number.isFinite(top) ? `its values overflow on this example (largest |input| ${exponentText(input, 2)}, largest |weight| ${exponentText(top, 2)})` : 'its weights are not all finite';
  throw new DataError(`the network's output for example ${j + 1} is NaN: ${why}`);
}

/** The largest |w| over every layer's W (said when a network's values overflow). */
export function largestWeight(net: Network): number {
  let top = 0;
  for (const layer of net.layers) for (const w of layer.W.data) top = Math.max(top, Math.abs(w));
  return top;
}

/** True labels of a classification: whole class indices 0..k-1 (NaN, 0.5 or 7 would be counted as some class, silently). */
function checkLabels(labels: Int32Array, Y: Matrix | ArrayLike<number>, k: number): void {
  const raw = 'rows' in Y ? (Y.rows === 1 ? Y.data : undefined) : Y;
  const problem = classIndexProblem(raw ?? labels, k);
  if (problem) throw new DataError(`Y: ${problem}`);
}

/** Each label's 0/1 per example of a multi-label output A[L] (k x m sigmoid probabilities): 1 where A > 0.5, as scikit-learn's predict. */
export function labelsAt(A: Matrix): Float64Array {
  return Float64Array.from(A.data, (v) => (v > 0.5 ? 1 : 0));
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
  /** The cost J: the loss over the examples (for meanSquaredError, (1/m) sum of (a - y)^2 over examples and outputs, no 1/2) plus the penalty. */
  cost: number;
  /** The L1/L2 part of cost, the course's (lambda/2m) sum of ||W||^2 over these m examples; 0 without regularization. */
  penalty?: number;
  /** The output units: a regression's loss sums the outputs' squared errors, its MSE averages them. */
  outputs?: number;
  classification?: ClassificationReport;
  regression?: RegressionReport;
  /** Several labels per example (task multilabel): subset accuracy, Hamming loss, per-label and averaged precision, recall, F1. */
  multilabel?: MultilabelReport;
}

/**
 * Cost and the metrics that fit the task: classification for sigmoid/softmax outputs (several sigmoid
 * units trained with cross-entropy: multi-label), regression otherwise. Give the task when known: a
 * sigmoid output can also predict a regression target in [0, 1].
 */
export function evaluate(net: Network, X: Matrix, Y: Matrix | ArrayLike<number>, task?: Task): Evaluation {
  // a misspelt task ('clasification', 'Regression') was taken for a classification, silently
  if (task !== undefined && !(TASKS as unknown[]).includes(task)) {
    // worded as the other refusals of a task ("must be one of ..."), with the near name ('Binary': 'binary')
    throw new OptionError(`evaluate: ${notOneOf('task', task, TASKS)}; or leave it out (the output layer's task)`);
  }
  const out = net.outputActivation;
  if ((task ?? inferTask({ units: net.outputSize, activation: out }, net.loss.name)) === 'multilabel') return evaluateMultilabel(net, X, Y);
  const classify = task !== 'regression' && (out === 'sigmoid' && net.outputSize === 1 || out === 'softmax');
  const k = net.outputSize === 1 ? 2 : net.outputSize;
  // labels said as labels (class indices) before the cost sees them as targets
  const labels = classify ? labelsOf(Y) : undefined;
  if (labels) checkLabels(labels, Y, k);
  const { cost, A } = net.costAndProba(X, Y); // one forward pass for both
  checkFiniteInput(net, X, A);
  if (!Number.isFinite(cost)) throw new DataError(`the cost on this data is ${cost}: the network's values overflow on it (its largest weight is ${largestWeight(net).toPrecision(3)}), so its outputs cannot be trusted`);
  const penalty = net.penalty(X.cols);
  if (labels) return { cost, penalty, outputs: A.rows, classification: classificationReport(labels, classesOf(A), k) };
  // the metrics against the true values as given (float64), not their copy in the network's float32 for the
  // cost: targets in the hundreds moved the MSE by 1e-5 from scikit-learn's on the same predictions
  const y = net.prepareTargets(Y), given = 'rows' in Y ? Y.data : Y;
  return { cost, penalty, outputs: A.rows, regression: regressionReport(given.length === y.data.length ? given : y.data, A.data, A.rows) };
}

/** A multi-label evaluation: Y is k x m of 0/1; the predictions are A[L] > 0.5 per label. */
function evaluateMultilabel(net: Network, X: Matrix, Y: Matrix | ArrayLike<number>): Evaluation {
  const k = net.outputSize;
  if (!('rows' in Y) || Y.rows !== k) {
    const shape = 'rows' in Y ? Y.shapeString : `a list of ${Y.length}`;
    throw new DataError(`Y is ${shape}, but a multi-label model of ${k} labels is scored on ${k} x m targets, 0 or 1 per label and example`);
  }
  const problem = indicatorProblem(Y);
  if (problem) throw new DataError(`Y: ${problem}`);
  const { cost, A } = net.costAndProba(X, Y);
  checkFiniteInput(net, X, A);
  if (!Number.isFinite(cost)) throw new DataError(`the cost on this data is ${cost}: the network's values overflow on it (its largest weight is ${largestWeight(net).toPrecision(3)}), so its outputs cannot be trusted`);
  return { cost, penalty: net.penalty(X.cols), outputs: k, multilabel: multilabelReport(Y.data, labelsAt(A), k) };
}
