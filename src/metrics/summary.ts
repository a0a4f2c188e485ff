// An evaluation as plain JSON (the CLI's --json, the training record a model file keeps):
// loss and the metrics of the task, with per-class values keyed by class name.

import type { Evaluation } from '../train/predict.js';
import { checkObjectArgument } from '../util/arguments.js';
import { OptionError } from '../errors.js';
import { isObject } from '../util/json.js';
import type { MultilabelReport } from './multilabel.js';

/** The names of k outputs: the targets' names when known, else y1, y2, ... */
export const outputNames = (k: number, targets?: readonly string[]): string[] => Array.from({ length: k }, (_, i) => targets?.[i] ?? `y${i + 1}`);

/**
 * Loss, accuracy (balanced, baseline, per class), confusion matrix, precision/recall/F1; or MSE/RMSE/MAE/R²,
 * with several outputs their uniform average and `perOutput` keyed by the targets' names (`targets`; y1, y2, ... without).
 */
export function metricsJson(e: Evaluation, classes?: readonly string[], targets?: readonly string[]): Record<string, unknown> {
  checkObjectArgument('metricsJson', 'e', e, 'an Evaluation (from evaluate or Model.evaluate)');
  if (!isObject(e.regression) && !isObject(e.classification) && !isObject(e.multilabel)) throw new OptionError('metricsJson: e must be an Evaluation (from evaluate or Model.evaluate), got an object without "classification", "multilabel" or "regression"');
  const penalty = e.penalty ? { penalty: e.penalty } : {};
  if (e.multilabel) return { loss: e.cost, ...penalty, ...multilabelJson(e.multilabel, classes ?? targets) };
  if (e.regression) {
    const r = e.regression, each = r.perOutput;
    const perOutput = each && Object.fromEntries(outputNames(each.mse.length, targets).map((n, i) => [n, { mse: each.mse[i], rmse: each.rmse[i], mae: each.mae[i], r2: each.r2[i] }]));
    return { loss: e.cost, ...penalty, mse: r.mse, rmse: r.rmse, mae: r.mae, r2: r.r2, ...(perOutput ? { perOutput } : {}) };
  }
  const c = e.classification!;
  const names = classes ?? c.confusionMatrix.map((_, i) => String(i));
  const byClass = (v: number[]) => Object.fromEntries(names.map((n, i) => [n, Number.isNaN(v[i]) ? null : v[i]]));
  return {
    loss: e.cost,
    ...penalty,
    accuracy: c.accuracy,
    balancedAccuracy: c.balancedAccuracy,
    majorityBaseline: c.majorityBaseline,
    perClassAccuracy: byClass(c.perClassAccuracy),
    confusionMatrix: c.confusionMatrix,
    classes: names,
    precision: byClass(c.precision),
    recall: byClass(c.recall),
    f1: byClass(c.f1),
  };
}


/**
 * A multi-label evaluation: subset accuracy (scikit-learn's accuracy_score), Hamming loss, each label's
 * accuracy, precision, recall, F1 and support keyed by its name (y1, y2, ... without), and the micro,
 * macro and samples averages of precision, recall and F1.
 */
function multilabelJson(r: MultilabelReport, names?: readonly string[]): Record<string, unknown> {
  const labels = outputNames(r.f1.length, names);
  const perLabel = Object.fromEntries(labels.map((n, i) => [n, { accuracy: r.perLabelAccuracy[i], precision: r.precision[i], recall: r.recall[i], f1: r.f1[i], support: r.support[i] }]));
  return { subsetAccuracy: r.subsetAccuracy, hammingLoss: r.hammingLoss, majorityHammingLoss: r.majorityHammingLoss, labels, perLabel, micro: r.micro, macro: r.macro, samples: r.samples };
}
