// After a study: train the chosen configuration again on all the data the trials saw (train plus
// validation), the model a user keeps; a test set is scored once, on that model only.

import type { Dataset } from '../data/synthetic.js';
import type { Evaluation } from '../train/predict.js';
import type { StudyResult } from './tune.js';
import type { Trial } from './trial.js';
import { fitTrainer } from './fit-trainer.js';
import type { TrialSpec } from './trainer.js';
import type { Network } from '../nn/network.js';
import type { Preprocessing } from '../data/preprocess.js';

export interface Retrained { test?: Evaluation; epochs: number; net: Network; preprocessing?: Preprocessing; spec: TrialSpec }

export async function retrainBest(study: StudyResult, data: { test?: Dataset }, trial = study.summary.best): Promise<Retrained> {
  if (!trial) throw new Error('the study has no complete trial to retrain');
  const spec = { ...study.fixed, ...trial.params };
  const all = study.trainAndValidation;
  const r = await fitTrainer(spec, { train: all, validation: data.test ?? all }, () => true);
  return { test: data.test ? r.validation : undefined, epochs: r.epochs, net: r.net!, preprocessing: r.preprocessing, spec };
}
