// How a trial trains one configuration on one (train, validation) pair: the training spec (the
// study's fixed fields plus the trial's parameters), and what the study needs back. The trainer is
// the library's trainModel (model-trainer.ts); this interface keeps the study independent of it.

import type { Dataset } from '../data/synthetic.js';
import type { Evaluation } from '../train/predict.js';
import type { Model } from '../model/model.js';
import type { TrainSpec } from '../model/spec.js';
import { DEFAULT_EPOCHS } from '../util/bounds.js';

/** The training-spec fields a study may fix or search: trainModel's TrainSpec (a model to resume is not one of them). */
export type TrialSpec = Omit<TrainSpec, 'resume'> & Record<string, unknown>;

/** The epochs a trial of this spec trains on each fold when nothing stops it. */
export const trialEpochs = (spec: Partial<TrialSpec>): number => (typeof spec.epochs === 'number' ? spec.epochs : DEFAULT_EPOCHS);

export interface TrialData { train: Dataset; validation: Dataset }

export interface TrialTraining {
  /** The trained model's evaluation on the validation data. */
  validation: Evaluation;
  /** Epochs trained (fewer when stopped). */
  epochs: number;
  /** The trained model. */
  model?: Model;
  /** What training warned of (trainModel's warn). */
  warnings?: string[];
}

/**
 * Train spec on data; onEpochEnd gets each epoch's validation cost (and, when the trainer can,
 * a function evaluating the model of that epoch on the validation data) and returns false to stop.
 */
export type Trainer = (spec: TrialSpec, data: TrialData, onEpochEnd: (epoch: number, valCost: number, evaluateNow?: () => Evaluation) => boolean) => Promise<TrialTraining>;
