// What trainModel takes and gives: the typed training spec (every choice `backprop train` offers),
// the data (a loaded training set, optionally its test and validation sets), the hooks
// (progress per epoch and per batch, cancellation) and the result.

import type { ActivationName } from '../nn/activations.js';
import type { InitName } from '../nn/initializers.js';
import type { LossAlias, LossName } from '../nn/losses.js';
import type { Schedule } from '../optim/schedules.js';
import type { BatchInfo, EpochInfo, History } from '../train/fit.js';
import type { Evaluation } from '../train/predict.js';
import type { Dataset } from '../data/synthetic.js';
import type { DataSchema } from '../data/schema.js';
import type { Model } from './model.js';
import type { Network } from '../nn/network.js';

/** The optimizers by the names the CLI uses: sgd = batch size 1, minibatch = batch size 64 (both plain gradient descent). */
export const OPTIMIZER_CHOICES = ['gd', 'sgd', 'minibatch', 'momentum', 'rmsprop', 'adam'] as const;
export type OptimizerChoice = (typeof OPTIMIZER_CHOICES)[number];

export type OutputActivation = 'sigmoid' | 'softmax' | 'linear';

/** Every choice of a training run. Missing fields take the course's defaults (as `backprop train`). */
export interface TrainSpec {
  /** Hidden layer sizes, e.g. [20, 7, 5]; [] = no hidden layer (one neuron: logistic/linear regression). Default [16]. */
  layers?: number[];
  /** Hidden-layer activation (default relu). */
  activation?: ActivationName;
  /** Slope of leakyRelu / alpha of elu for the hidden layers, when not the default. */
  alpha?: number;
  /** Output activation (default: from the task: sigmoid, softmax or linear). */
  output?: OutputActivation;
  /** Loss (default: from the output: binary/categorical cross-entropy, mean squared error), or its short name (bce, cce, mse). */
  loss?: LossName | LossAlias;
  /** Weight initialisation (default: he for relu, leakyRelu and elu layers, lecun for selu, xavier otherwise; INIT_FORMULAS). */
  init?: InitName;
  /** Keep probability of every hidden layer (inverted dropout); 1 = no dropout (default). */
  keepProb?: number;
  /** Default gd (batch gradient descent). */
  optimizer?: OptimizerChoice;
  /** alpha (default 0.0075; 0.001 for adam and rmsprop). */
  learningRate?: number;
  /** Learning-rate decay. */
  schedule?: Schedule;
  /** Examples per step (default: the whole training set; 1 for sgd; 64 for minibatch). */
  batchSize?: number;
  /**
   * The mini-batches' order: a new one every epoch from the seed's stream (true, the default), the
   * data's order (false), or the course's random_mini_batches ({ reseed: s }: epoch e in the order of
   * np.random.permutation(m) after np.random.seed(s + 1 + e)).
   */
  shuffle?: boolean | { reseed: number };
  /** Passes over the training set (default 100). */
  epochs?: number;
  l1?: number;
  l2?: number;
  /** Seed of initialisation, shuffling, dropout and the splits (default 1). */
  seed?: number;
  /** z-score every feature with the training set's mean and std (and a regression target while training). */
  standardize?: boolean;
  /** Fraction of the training data held out as a test set when data.test is absent (default 0.2; 0 = none). */
  testSplit?: number;
  /** Fraction of the training data held out for validation when early stopping and data.validation is absent (default 0.1). */
  validationSplit?: number;
  /** Stop when the validation cost has not improved for `patience` epochs; the best weights are kept. */
  earlyStopping?: { patience: number; minDelta?: number };
  /**
   * Weigh each training example's loss by its class: 'balanced' gives class c the weight
   * m / (k * m_c) over the m training rows of k classes (scikit-learn's class_weight='balanced'), so
   * every class counts as much in the cost; or one weight per class label, e.g. { '1': 1, '2': 2.5 }
   * (a class not named weighs 1), as Keras' class_weight. Classification only. Default: every example weighs 1.
   */
  classWeight?: 'balanced' | Record<string, number>;
  /** Stop as soon as the training cost is below this (the course's epsilon). */
  epsilon?: number;
  /** float32 (default) or float64. */
  dtype?: 'float32' | 'float64';
  /** Go on training this model (its architecture and preprocessing win over the spec's). */
  resume?: Model;
  /** Record the norm of dW[l] per epoch in the history. */
  recordGradientNorms?: boolean;
  /** Also record the cost of every Nth iteration (history.iterations): SGD's and mini-batch's noisy cost. */
  recordEvery?: number;
  /** Record the test set's cost after every epoch (TrainResult.testCost), on the training cost's scale. */
  recordTestCost?: boolean;
}

/** The data of a run: the training set as loaded (with the schema it was read with), and optionally a test and a validation set. */
export interface TrainData {
  /** The training set. With a CSV schema whose missing policy is 'mean', empty cells may be NaN: they are filled with the means of the training rows after the split. */
  train: Dataset;
  /** How the training file was read (CSV columns and encodings, image size...): kept in the model so predict reads raw files the same way. */
  schema?: DataSchema;
  /** A test set (else spec.testSplit of the training set is held out). */
  test?: Dataset;
  /** A validation set (else, with early stopping, spec.validationSplit of the training set is held out). Its cost is recorded per epoch. */
  validation?: Dataset;
  /** Name of the training data, recorded in the model's training record. */
  source?: string;
}

/** What a run is about to do, told once before the first epoch. */
export interface RunStart {
  network: Network;
  examples: { train: number; test: number; validation: number };
  batchSize: number;
  learningRate: number;
  optimizer: OptimizerChoice;
  /** The regression target is z-scored while training (the costs are on that scale). */
  scaledTarget: boolean;
}

export interface TrainHooks {
  /** Once, after the network is built and before training starts. */
  onStart?: (run: RunStart) => void;
  /** After each epoch (training yields to the event loop between epochs, so it may await); return false to stop training there (history.stopReason 'callback'). */
  onEpochEnd?: (info: EpochInfo) => void | boolean | Promise<void | boolean>;
  onBatchEnd?: (info: BatchInfo) => void;
  /**
   * The hooks leave the training data as they are (FitOptions.callbacksKeepData): the backend keeps
   * its copy of the training set across them instead of copying it in again after each.
   */
  keepData?: boolean;
  /**
   * The hooks do not read the network's weights while it trains (onStart's network is up to date when
   * training ends; FitOptions.callbacksIgnoreWeights): full-batch training on wide data, such as the
   * course's cat images, may then run in the examples' coordinates (wide-batch.ts), many times faster.
   * Default: true without onStart (no hook holds the network), else false.
   */
  ignoreWeights?: boolean;
  /** Stops training at the end of the current step; trainModel then throws an AbortError (the signal's reason). */
  signal?: AbortSignal;
  /** Bytes training may take (parameters, gradients, optimizer state, a batch's activations); default 16 GiB. */
  memoryLimit?: number;
  /** Advice that is not an error (unscaled data, an init that does not fit the activation). */
  warn?: (message: string) => void;
}

export interface TrainResult {
  model: Model;
  history: History;
  /** Metrics of the final model on the training rows (in the target's own units). */
  train: Evaluation;
  test?: Evaluation;
  validation?: Evaluation;
  /** With spec.recordTestCost and a test set: the test cost after each epoch's updates (like history.valCost). */
  testCost?: number[];
  /** The sizes of the three sets. */
  examples: { train: number; test: number; validation: number };
  seconds: number;
}
