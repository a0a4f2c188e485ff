// Classification metrics from true and predicted class indices (0..k-1).

import { jsonValueText } from '../util/json.js';
import { OptionError } from '../errors.js';

export interface ClassificationReport {
  accuracy: number;
  /** Accuracy within each true class (= recall of that class); NaN for a class with no examples. */
  perClassAccuracy: number[];
  /** confusion[t][p]: examples of true class t predicted as p. */
  confusionMatrix: number[][];
  precision: number[];
  recall: number[];
  f1: number[];
  /** Mean of perClassAccuracy over the classes that have examples (scikit-learn's balanced_accuracy_score). */
  balancedAccuracy: number;
  /** The accuracy of always answering the commonest true class: the baseline to beat on unbalanced classes. */
  majorityBaseline: number;
}

export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkLengths(yTrue, yPred);
  checkClassIndices(yTrue, yPred);
  let right = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) right++;
  return right / yTrue.length;
}

export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, numClasses: number): number[][] {
  checkLengths(yTrue, yPred);
  // a list of class names given for the count made every message say "a class index 0..NaN"
  if (!Number.isInteger(numClasses) || numClasses < 1) {
    throw new OptionError(`numClasses must be a whole number >= 1 (the number of classes), got ${Array.isArray(numClasses) ? `a list of ${(numClasses as unknown[]).length}: give its length` : String(numClasses)}`);
  }
  // 1e9 classes ended Node ('JavaScript heap out of memory') before a label was looked at
  if (numClasses > MAX_MATRIX_CLASSES) {
    throw new OptionError(`numClasses ${numClasses} would make a confusion matrix of ${numClasses} x ${numClasses} counts; at most ${MAX_MATRIX_CLASSES} classes (${MAX_MATRIX_CLASSES ** 2} counts) are counted`);
  }
  const cm = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i]!, p = yPred[i]!;
    if (!(Number.isInteger(t) && t >= 0 && t < numClasses && Number.isInteger(p) && p >= 0 && p < numClasses)) {
      const [which, v] = Number.isInteger(t) && t >= 0 && t < numClasses ? ['predicted', p] : ['true', t];
      throw new OptionError(`example ${i + 1}: the ${which} class ${v} is not a class index 0..${numClasses - 1}`);
    }
    cm[t]![p]!++;
  }
  return cm;
}

/** Accuracy, per-class accuracy, confusion matrix and per-class precision, recall and F1. */
export function classificationReport(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, numClasses: number): ClassificationReport {
  const cm = confusionMatrix(yTrue, yPred, numClasses);
  const precision: number[] = [], recall: number[] = [], f1: number[] = [];
  for (let c = 0; c < numClasses; c++) {
    const tp = cm[c]![c]!;
    let predicted = 0, actual = 0;
    for (let k = 0; k < numClasses; k++) { predicted += cm[k]![c]!; actual += cm[c]![k]!; }
    // precision = TP / (TP + FP), recall = TP / (TP + FN), F1 = 2 TP / (2 TP + FP + FN); 0 when undefined (as scikit-learn).
    // F1 as 2 P R / (P + R) is the same number but rounded twice: 0.7499999999999999 where scikit-learn says 0.75
    const p = predicted === 0 ? 0 : tp / predicted;
    const r = actual === 0 ? 0 : tp / actual;
    precision.push(p);
    recall.push(r);
    f1.push(predicted + actual === 0 ? 0 : (2 * tp) / (predicted + actual));
  }
  const perClassAccuracy = cm.map((row, c) => {
    const n = row.reduce((a, b) => a + b, 0);
    return n === 0 ? NaN : row[c]! / n;
  });
  const present = perClassAccuracy.filter((v) => !Number.isNaN(v));
  const balancedAccuracy = present.length === 0 ? NaN : present.reduce((a, b) => a + b, 0) / present.length;
  const majorityBaseline = Math.max(...cm.map((row) => row.reduce((a, b) => a + b, 0))) / yTrue.length;
  return { accuracy: accuracy(yTrue, yPred), perClassAccuracy, confusionMatrix: cm, precision, recall, f1, balancedAccuracy, majorityBaseline };
}

/**
 * Macro F1 as scikit-learn's f1_score(average='macro'): the mean F1 of the classes found among the true labels
 * or the predictions. A class in neither is left out (it was counted as 0: a validation fold without the rare
 * class scored 0.39 where scikit-learn says 0.58), as balancedAccuracy leaves out a class without examples.
 */
export function macroF1(r: Pick<ClassificationReport, 'f1' | 'confusionMatrix'>): number {
  const cm = r.confusionMatrix;
  const seen = r.f1.filter((_, c) => cm[c]!.some((v) => v > 0) || cm.some((row) => row[c]! > 0));
  return seen.length === 0 ? NaN : seen.reduce((a, f) => a + (Number.isFinite(f) ? f : 0), 0) / seen.length;
}

/**
 * Labels are class indices, whole numbers >= 0: probabilities given as predictions (a sigmoid's 0.73)
 * or a NaN label counted as wrong answers, and accuracy said 0.5 of a perfect model, silently.
 */
function checkClassIndices(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): void {
  for (const [name, v] of [['yTrue', yTrue], ['yPred', yPred]] as const) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (!(Number.isInteger(x) && x! >= 0)) {
        // a string '0' was shown as 0: 'yTrue[0] is 0: labels must be class indices'
        throw new OptionError(`${name}[${i}] is ${typeof x === 'number' ? String(x) : jsonValueText(x)}: labels must be class indices, whole numbers >= 0 (for probabilities, take the class first: predictClasses or classesOf)`);
      }
    }
  }
}

function checkLengths(a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) throw new OptionError(`true labels (${a.length}) and predictions (${b.length}) differ in length`);
  // no labels gave accuracy NaN, and a report of NaN accuracies over a confusion matrix of zeros, as regressionReport once gave r2 1
  if (a.length === 0) throw new OptionError('no values: the metrics need at least one true label and its prediction');
}
/** Most classes a confusion matrix counts (4096 x 4096 = 16.8 million counts, about 130 MB). */
export const MAX_MATRIX_CLASSES = 4096;

