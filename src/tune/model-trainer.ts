// The trials' Trainer: the library's trainModel on the fold's (train, validation) pair, nothing
// held out as a test set. For classification the features of each fold are standardized once
// per worker (not once per trial), so that the model of each epoch can be scored on the validation
// rows as the network sees them: the pruner then compares the objective itself after each epoch.

import { trainModel } from '../model/train-model.js';
import { fitStandardize, applyStandardize } from '../model/preprocessing.js';
import type { TrainSpec } from '../model/spec.js';
import type { Network } from '../nn/network.js';
import { evaluate } from '../train/predict.js';
import type { TrialData, Trainer } from './trainer.js';

/** The fold with its features z-scored by its training rows' mean and std. */
function standardized(data: TrialData): TrialData {
  const s = fitStandardize(data.train.X);
  return { train: { ...data.train, X: applyStandardize(s, data.train.X) }, validation: { ...data.validation, X: applyStandardize(s, data.validation.X) } };
}

export function modelTrainer(): Trainer {
  const cache = new WeakMap<TrialData, TrialData>();
  return async (spec, data, onEpochEnd) => {
    // (a regression target is z-scored by trainModel with standardize: its epochs are scored by the validation cost)
    const own = spec.standardize === true && data.train.task !== 'regression';
    if (own && !cache.has(data)) cache.set(data, standardized(data));
    const { train, validation } = own ? cache.get(data)! : data;
    let net: Network | undefined;
    const scoreable = own || spec.standardize !== true;
    const r = await trainModel({ ...spec, standardize: own ? false : spec.standardize, testSplit: 0 } as TrainSpec, { train, validation }, {
      onStart: (run) => { net = run.network; },
      onEpochEnd: (info) => onEpochEnd(info.epoch, info.valCost ?? NaN, net && scoreable ? () => evaluate(net!, validation.X, validation.Y, validation.task) : undefined),
      keepData: true, // the trial's report reads the validation set only
    });
    return { validation: r.validation!, epochs: r.history.epoch.length, model: r.model };
  };
}
