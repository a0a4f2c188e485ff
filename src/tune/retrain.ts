// After a study: train the chosen configuration again on all the data the trials saw (train plus
// validation), the model a user keeps; a test set is scored once, on that model only.

import type { Dataset } from '../data/synthetic.js';
import type { DataSchema } from '../data/schema.js';
import { OptionError } from '../errors.js';
import { trainModel } from '../model/train-model.js';
import type { TrainResult, TrainSpec } from '../model/spec.js';
import { Matrix } from '../tensor/matrix.js';
import { kindOf } from '../util/kind-of.js';
import { checkKnownKeys } from '../util/known-keys.js';
import { isObject } from '../util/json.js';
import type { Trial } from './trial.js';
import type { StudyResult } from './tune.js';

/**
 * What retrainBest cannot use, as a message: a study none of whose trials completed (it threw a
 * plain Error), a study without the data it was tuned on (a StudyResult read back from JSON), a
 * trial without its parameters (it retrained the fixed options alone, silently).
 */
function retrainProblem(study: StudyResult, trial: Trial | undefined): string | undefined {
  const counts = study.summary ? `${study.summary.complete ?? 0} complete, ${study.summary.pruned ?? 0} pruned, ${study.summary.failed ?? 0} failed` : '';
  if (!trial) return `retrainBest: the study has no complete trial to retrain (${counts}); give a study with a complete trial, or a trial as the third argument`;
  if (!isObject(trial.params)) return `retrainBest: trial must be a trial of the study, with its params, got ${kindOf(trial)} whose params is ${kindOf(trial.params)}`;
  if (!isObject(study.trainAndValidation) || !(study.trainAndValidation.X instanceof Matrix)) {
    return `retrainBest: study.trainAndValidation must be the Dataset the trials were tuned on (the StudyResult tune resolved to), got ${kindOf(study.trainAndValidation)}`;
  }
  return undefined;
}

export async function retrainBest(study: StudyResult, data: { test?: Dataset; schema?: DataSchema; source?: string } = {}, trial?: Trial): Promise<TrainResult> {
  if (!isObject(study) || !isObject(study.summary)) throw new OptionError(`retrainBest: study must be a StudyResult (from tune), got ${kindOf(study)}`);
  // a test set under a misspelt name ({ tset }) was not scored, silently
  checkKnownKeys(data, ['test', 'schema', 'source'], 'retrainBest: data', (m) => new OptionError(m), 'field');
  const chosen = trial ?? study.summary.best;
  const problem = retrainProblem(study, chosen);
  if (problem) throw new OptionError(problem);
  const spec = { ...study.fixed, ...chosen!.params, testSplit: 0 } as TrainSpec;
  return trainModel(spec, { train: study.trainAndValidation, test: data.test, schema: data.schema, source: data.source });
}
