// After a study: train the chosen configuration again on all the data the trials saw (train plus
// validation), the model a user keeps; a test set is scored once, on that model only.

import type { Dataset } from '../data/synthetic.js';
import type { DataSchema } from '../data/schema.js';
import { trainModel } from '../model/train-model.js';
import type { TrainResult, TrainSpec } from '../model/spec.js';
import type { StudyResult } from './tune.js';

export async function retrainBest(study: StudyResult, data: { test?: Dataset; schema?: DataSchema; source?: string } = {}, trial = study.summary.best): Promise<TrainResult> {
  if (!trial) throw new Error('the study has no complete trial to retrain');
  const spec = { ...study.fixed, ...trial.params, testSplit: 0 } as TrainSpec;
  return trainModel(spec, { train: study.trainAndValidation, test: data.test, schema: data.schema, source: data.source });
}
