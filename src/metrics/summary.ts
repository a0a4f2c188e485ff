// An evaluation as plain JSON (the CLI's --json, the training record a model file keeps):
// loss and the metrics of the task, with per-class values keyed by class name.

import type { Evaluation } from '../train/predict.js';
import { checkObjectArgument } from '../util/arguments.js';
import { OptionError } from '../errors.js';
import { isObject } from '../util/json.js';

/** Loss, accuracy (balanced, baseline, per class), confusion matrix, precision/recall/F1; or MSE/RMSE/MAE/R². */
export function metricsJson(e: Evaluation, classes?: readonly string[]): Record<string, unknown> {
  checkObjectArgument('metricsJson', 'e', e, 'an Evaluation (from evaluate or Model.evaluate)');
  if (!isObject(e.regression) && !isObject(e.classification)) throw new OptionError('metricsJson: e must be an Evaluation (from evaluate or Model.evaluate), got an object without "classification" or "regression"');
  const penalty = e.penalty ? { penalty: e.penalty } : {};
  if (e.regression) return { loss: e.cost, ...penalty, mse: e.regression.mse, rmse: e.regression.rmse, mae: e.regression.mae, r2: e.regression.r2 };
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

