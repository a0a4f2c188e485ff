// A Trainer on the library's Network and fit (standardization fitted on the trial's training
// part, the output layer and loss from the task), used by the trial workers.

import { Network } from '../nn/network.js';
import { fit } from '../train/fit.js';
import { evaluate } from '../train/predict.js';
import { fitPreprocessing, applyPreprocessing } from '../data/preprocess.js';
import type { ActivationName } from '../nn/activations.js';
import type { InitName } from '../nn/initializers.js';
import type { LossName } from '../nn/losses.js';
import type { OptimizerName } from '../optim/optimizers.js';
import type { Trainer } from './trainer.js';

export const fitTrainer: Trainer = async (spec, data, onEpochEnd) => {
  let { train, validation } = data;
  const p = spec.standardize ? fitPreprocessing(train.X, 'standardize') : undefined;
  if (p) {
    train = { ...train, X: applyPreprocessing(p, train.X) };
    validation = { ...validation, X: applyPreprocessing(p, validation.X) };
  }
  const k = train.classes?.length ?? 2;
  const output = spec.output ?? (train.task === 'regression' ? 'linear' : train.task === 'binary' ? 'sigmoid' : 'softmax');
  const hidden = (spec.layers ?? [16]).map((units) => ({ units, activation: (spec.activation ?? 'relu') as ActivationName, keepProb: spec.keepProb ?? 1 }));
  const net = new Network({
    inputSize: train.X.rows, seed: spec.seed ?? 1, l1: spec.l1 ?? 0, l2: spec.l2 ?? 0, warn: () => {},
    loss: spec.loss as LossName | undefined, init: spec.init as InitName | undefined,
    layers: [...hidden, { units: output === 'softmax' ? k : 1, activation: output }],
  });
  const choice = spec.optimizer ?? 'gd', m = train.X.cols;
  const adaptive = choice === 'adam' || choice === 'rmsprop';
  const batchSize = spec.batchSize ?? (choice === 'sgd' ? 1 : choice === 'minibatch' ? Math.min(64, m) : m);
  const history = fit(net, train.X, train.Y, {
    epochs: spec.epochs ?? 100, batchSize, learningRate: spec.learningRate ?? (adaptive ? 0.001 : 0.0075), seed: spec.seed ?? 1,
    optimizer: (choice === 'sgd' || choice === 'minibatch' ? 'gd' : choice) as OptimizerName,
    validationData: { X: validation.X, Y: validation.Y },
    onEpochEnd: (e) => onEpochEnd(e.epoch, e.valCost ?? NaN, () => evaluate(net, validation.X, validation.Y, validation.task)),
  });
  return { validation: evaluate(net, validation.X, validation.Y, validation.task), epochs: history.epoch.length, net, preprocessing: p };
};
