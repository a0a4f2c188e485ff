// What a study optimizes: a metric of the trained model on the validation data (or each
// cross-validation fold), with its direction. The validation loss by default.

import { OptionError } from '../errors.js';
import { notOneOf } from '../util/known-keys.js';
import type { Evaluation } from '../train/predict.js';
import { macroF1 } from '../metrics/classification.js';
import type { Direction } from './trial.js';

export const OBJECTIVE_NAMES = ['loss', 'accuracy', 'balanced-accuracy', 'f1', 'r2', 'mse', 'rmse', 'mae'] as const;
export type ObjectiveName = (typeof OBJECTIVE_NAMES)[number];

export interface Objective {
  name: ObjectiveName;
  direction: Direction;
  /** The value of a model's evaluation on validation data (NaN when the metric does not apply). */
  of(e: Evaluation): number;
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

const METRICS: Record<ObjectiveName, { direction: Direction; task?: 'classification' | 'regression'; of: (e: Evaluation) => number | undefined }> = {
  loss: { direction: 'minimize', of: (e) => e.cost },
  // multilabel: accuracy is the subset accuracy and f1 the macro F1 over the labels (scikit-learn's accuracy_score, f1_score(average='macro'))
  accuracy: { direction: 'maximize', task: 'classification', of: (e) => e.classification?.accuracy ?? e.multilabel?.subsetAccuracy },
  'balanced-accuracy': { direction: 'maximize', task: 'classification', of: (e) => e.classification?.balancedAccuracy },
  f1: { direction: 'maximize', task: 'classification', of: (e) => (e.classification ? macroF1(e.classification) : e.multilabel?.macro.f1) },
  r2: { direction: 'maximize', task: 'regression', of: (e) => e.regression?.r2 },
  mse: { direction: 'minimize', task: 'regression', of: (e) => e.regression?.mse },
  rmse: { direction: 'minimize', task: 'regression', of: (e) => e.regression?.rmse },
  mae: { direction: 'minimize', task: 'regression', of: (e) => e.regression?.mae },
};

/** The objective by name; checks that it fits the task ('binary' | 'multiclass' | 'multilabel' | 'regression'). */
export function objectiveFor(name: string, task?: string): Objective {
  if (!(OBJECTIVE_NAMES as readonly string[]).includes(name)) throw new OptionError(notOneOf('options.objective', name, OBJECTIVE_NAMES));
  const m = METRICS[name as ObjectiveName];
  if (name === 'balanced-accuracy' && task === 'multilabel') throw new OptionError("{ objective: 'balanced-accuracy' } is a metric of one class per example, but the data is a multilabel task (several labels per example); use accuracy (subset accuracy), f1 (macro F1 over the labels) or loss");
  if (task && m.task && (m.task === 'regression') !== (task === 'regression')) {
    throw new OptionError(`{ objective: '${name}' } is a ${m.task} metric, but the data is ${task === 'regression' ? 'a regression' : 'a classification'} task`);
  }
  return { name: name as ObjectiveName, direction: m.direction, of: (e) => m.of(e) ?? NaN };
}

/** Mean and (population) standard deviation of the fold values. */
export function foldSummary(values: number[]): { mean: number; std: number } {
  const m = mean(values);
  return { mean: m, std: Math.sqrt(mean(values.map((v) => (v - m) ** 2))) };
}
