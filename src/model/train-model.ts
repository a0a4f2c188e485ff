// trainModel: the whole path from loaded data to a usable Model, one stage per function:
//   resolve the spec -> split (test, validation) -> fill missing cells from the training rows ->
//   fit the preprocessing on the training rows -> build (or resume) the network -> fit ->
//   fold the target scaling back into the output layer -> evaluate -> the Model with its record.
// The CLI's `train`, the tuner and the page all call it.

import type { Dataset } from '../data/synthetic.js';
import { emptyFilledCells, fillDeferredMeans } from '../data/csv.js';
import { checkSignal, fitAsync, type AsyncFitOptions, type EpochInfo, type History } from '../train/fit.js';
import { kindOf, kindOfFor } from '../util/kind-of.js';
import { checkKnownKeys } from '../util/known-keys.js';
import { evaluate } from '../train/predict.js';
import { metricsJson } from '../metrics/summary.js';
import { Model } from './model.js';
import { constantLabelsWarning, labelNames } from './multilabel.js';
import type { Network } from '../nn/network.js';
import { fitStandardize, applyStandardize, fitTargetScale, clonePreprocessing, scaleTargets, type Preprocessing } from './preprocessing.js';
import { resolveSpec, batchSizeFor, shuffleFor, classNames, warnIgnoredBySpec, type ResolvedSpec } from './resolve-spec.js';
import { splitSets, type Sets } from './split-sets.js';
import { checkTrainData, dataFirst } from './check-train-data.js';
import { buildNetwork, checkResumable, warnIgnoredByResume, foldTargetScale, checkLossFits, checkWeightDecay, scaleAdvice, adaptiveShiftAdvice } from './build-network.js';
import type { TrainData, TrainHooks, TrainResult, TrainSpec } from './spec.js';
import { DivergenceError, OptionError } from '../errors.js';
import { givenText } from '../util/bounds.js';

const HOOK_KEYS = ['onStart', 'onEpochEnd', 'onBatchEnd', 'keepData', 'ignoreWeights', 'signal', 'memoryLimit', 'warn'] as const satisfies readonly (keyof TrainHooks)[];

/**
 * The hooks, before any work: { onEpoch } (a slip for onEpochEnd) was never called, silently; an
 * onEpochEnd or a signal of the wrong kind failed after the data was split and the network built, on
 * "onEpochEnd is not a function" or "signal?.throwIfAborted is not a function".
 */
function checkHooks(hooks: TrainHooks): void {
  if (hooks === null || typeof hooks !== 'object') throw new OptionError(`trainModel: hooks must be an object such as { warn, onEpochEnd, signal }, got ${kindOf(hooks)}`);
  checkKnownKeys(hooks, HOOK_KEYS, 'trainModel: hooks', (m) => new OptionError(m));
  for (const key of ['onStart', 'onEpochEnd', 'onBatchEnd', 'warn'] as const) {
    if (hooks[key] !== undefined && typeof hooks[key] !== 'function') throw new OptionError(`trainModel: hooks.${key} must be a function, got ${kindOf(hooks[key])}`);
  }
  for (const key of ['keepData', 'ignoreWeights'] as const) {
    if (hooks[key] !== undefined && typeof hooks[key] !== 'boolean') throw new OptionError(`trainModel: hooks.${key} must be true or false, got ${givenText(hooks[key])}`);
  }
  // a limit of '1GB' was ignored for the default 16 GiB, silently; 0 or NaN refused every network with a message about its layers
  const limit: unknown = hooks.memoryLimit;
  if (limit !== undefined && !(typeof limit === 'number' && limit > 0 && Number.isFinite(limit))) {
    throw new OptionError(`trainModel: hooks.memoryLimit must be a number of bytes > 0 (e.g. 2 * 2 ** 30 for 2 GiB), got ${givenText(limit)}`);
  }
  try {
    checkSignal(hooks.signal, 'trainModel: hooks.signal');
  } catch (e) {
    throw new OptionError((e as Error).message);
  }
}

/** Each set's cells filled with the whole file's means at load, empty again (see emptyFilledCells). */
function withEmptyFilledCells(data: TrainData): TrainData {
  const sets = (['train', 'test', 'validation'] as const).filter((k) => data[k]?.missingCells);
  return sets.length === 0 ? data : { ...data, ...Object.fromEntries(sets.map((k) => [k, emptyFilledCells(data[k]!)])) };
}

/**
 * What `backprop train` does: hold out a test set, fill missing cells, one-hot encode and standardize
 * (fitted on the training rows and kept in the model), build the network, fit it, and evaluate; the trained
 * Model with its history and train/test metrics.
 */
export async function trainModel(spec: TrainSpec, data: TrainData, hooks: TrainHooks = {}): Promise<TrainResult> {
  if (data === null || typeof data !== 'object') throw new OptionError(`trainModel: data must be { train, schema?, test?, validation?, source? }, got ${givenText(data)}${dataFirst(spec)}`);
  checkHooks(hooks);
  // (the training record names the data as given: not a name given to a Dataset that had none)
  const recorded = data.source ?? data.train?.name;
  data = checkTrainData(data);
  if (spec !== null && typeof spec === 'object' && spec.resume !== undefined && !(spec.resume instanceof Model)) {
    throw new OptionError(`trainModel: resume must be a Model (from trainModel, loadModel or Model.fromJson), got ${kindOfFor(spec.resume, 'Model')}`);
  }
  const s = resolveSpec(spec, data.train);
  warnIgnoredByResume(spec, hooks.warn);
  warnIgnoredBySpec(spec, data, hooks.warn);
  // the run's own schema: the means of its training rows went into the caller's, so two runs at once on
  // one loadDataset result each saved the other's means in its model (and a row with an empty cell
  // predicted differently)
  if (data.schema !== undefined) data = { ...data, schema: structuredClone(data.schema) };
  if (data.schema?.format === 'csv') data = withEmptyFilledCells(data);
  let sets = splitSets(data, s, hooks.warn);
  if (sets.train.task === 'multilabel') {
    const said = constantLabelsWarning(sets.train.Y, labelNames(sets.train), data.source ?? sets.train.name);
    if (said) hooks.warn?.(said);
  }
  // before the resumed model's scaling is applied: data of other features or targets was said as "the target scaling has 3 outputs but Y has 2 rows"
  if (s.resume) checkResumable(s, sets.train, hooks.warn);
  // empty cells left NaN by the reader: filled with the means of the training rows only, after the split
  fillDeferredMeans(data.schema, sets.train.X, [sets.test?.X, sets.validation?.X]);
  if (!s.standardize && !s.resume) warnUnscaled(sets.train, s, hooks.warn, data.schema?.format === 'csv' ? data.schema.targets : undefined);
  const preprocessing = fitPreprocessing(sets.train, s, data);
  sets = scaleSets(sets, preprocessing);
  const batchSize = batchSizeFor(s, sets.train.X.cols);
  checkWeightDecay(s, batchSize);
  const net = buildNetwork(s, sets.train, hooks.warn, batchSize, hooks.memoryLimit);
  checkLossFits(net, sets.train, data.source ?? sets.train.name);
  // a resumed model's output layer predicts in the target's units: back to the standardized target to go on training
  if (preprocessing.target && s.resume) foldTargetScale(net, preprocessing.target, -1);

  warnIfPenaltyDominates(net, sets.train, hooks.warn);
  const examples = { train: sets.train.X.cols, test: sets.test?.X.cols ?? 0, validation: sets.validation?.X.cols ?? 0 };
  hooks.onStart?.({ network: net, examples, batchSize: Math.min(batchSize, examples.train), learningRate: s.learningRate, optimizer: s.optimizer, scaledTarget: preprocessing.target !== undefined });
  const started = Date.now();
  const { testCost, callbacks } = epochCallbacks(net, s, sets, preprocessing, hooks);
  const history = s.epochs === 0 ? untrained() : await fitAsync(net, sets.train.X, sets.train.Y, {
    epochs: s.epochs, batchSize, learningRate: s.learningRate, optimizer: s.optimizerName, schedule: s.schedule, seed: s.seed, shuffle: shuffleFor(s, sets.train.X.cols),
    validationData: sets.validation ? { X: sets.validation.X, Y: sets.validation.Y } : undefined,
    earlyStopping: s.earlyStopping ? { ...s.earlyStopping, monitor: sets.validation ? 'valCost' : 'cost' } : undefined,
    ...(s.classWeight ? { classWeights: classWeightsOf(s.classWeight, sets.train) } : {}),
    stopWhenCostBelow: s.epsilon, recordGradientNorms: s.recordGradientNorms, recordEvery: s.recordEvery, ...callbacks,
  }).catch((e: unknown) => {
    throw inFeatureTerms(e, sets.train.featureNames);
  });
  const seconds = (Date.now() - started) / 1000;
  if (preprocessing.target) foldTargetScale(net, preprocessing.target, 1);
  const unscaled = unscaleTargets(sets, preprocessing);
  const task = sets.train.task, classes = task === 'multilabel' ? labelNames(sets.train) : sets.train.classes;
  const targets = data.schema?.format === 'csv' ? data.schema.targets : undefined;
  const result = {
    train: evaluate(net, unscaled.train.X, unscaled.train.Y, task),
    test: unscaled.test && !unscaled.test.unlabeled ? evaluate(net, unscaled.test.X, unscaled.test.Y, task) : undefined,
    validation: unscaled.validation ? evaluate(net, unscaled.validation.X, unscaled.validation.Y, task) : undefined,
  };
  const model = new Model(net, {
    task, classes, features: data.train.featureNames, preprocessing,
    training: {
      // the decay was left out: a model trained with --lr-decay read as trained at one learning rate
      data: recorded, epochs: history.epoch.length, optimizer: s.optimizer, learningRate: s.learningRate, ...(s.schedule ? { schedule: { ...s.schedule } } : {}), batchSize,
      l1: s.l1, l2: s.l2, keepProb: s.keepProb, seed: s.seed, finalCost: history.cost[history.cost.length - 1],
      trainMetrics: metricsJson(result.train, classes, targets), ...(result.test ? { testMetrics: metricsJson(result.test, classes, targets) } : {}),
      seconds, date: new Date().toISOString(),
    },
  });
  return { model, history, ...result, ...(testCost ? { testCost } : {}), examples, seconds };
}

/**
 * fitAsync's callbacks: the hooks', and with spec.recordTestCost the test cost after each epoch, on
 * the scale the training cost is on (a scaled target stays scaled).
 */
function epochCallbacks(net: Network, s: ResolvedSpec, sets: Sets, preprocessing: Preprocessing, hooks: TrainHooks) {
  const testCost = s.recordTestCost && sets.test && !sets.test.unlabeled ? [] as number[] : undefined;
  // converted to the network's dtype once, not by every epoch's forward pass (float64 networks)
  const testX = testCost && sets.test!.X.dtype !== net.dtype ? sets.test!.X.astype(net.dtype) : sets.test?.X;
  // the test set keeps its target in its own units (scaleSets), the network predicts it z-scored while it trains:
  // scaled here (Boston's test MSE of 8 was recorded as 588, its mean square, the same every epoch)
  const testY = testCost && preprocessing.target ? scaleTargets(sets.test!.Y, preprocessing.target, 1) : sets.test?.Y;
  const callbacks = {
    onEpochEnd: testCost ? (info: EpochInfo) => { testCost.push(net.evaluateCost(testX!, testY!)); return hooks.onEpochEnd?.(info); } : hooks.onEpochEnd,
    onBatchEnd: hooks.onBatchEnd, signal: hooks.signal, callbacksKeepData: hooks.keepData,
    // without onStart no hook holds the network; the test cost reads it every epoch
    callbacksIgnoreWeights: (hooks.ignoreWeights ?? hooks.onStart === undefined) && !testCost,
  } satisfies Partial<AsyncFitOptions>;
  return { testCost, callbacks };
}

/** Unstandardized inputs that are large, or not centered under an adaptive optimizer: say so before training. */
function warnUnscaled(train: Dataset, s: ResolvedSpec, warn: ((m: string) => void) | undefined, targets?: readonly string[]): void {
  if (!warn) return;
  const advice = scaleAdvice(train, targets);
  // one line about unscaled inputs: large values are the first thing to fix, and --standardize cures both
  const shift = advice ? undefined : adaptiveShiftAdvice(train, s.optimizer, s.learningRate);
  if (advice) warn(`${advice}; gradient descent on unscaled data is slow or unstable: use standardize: true`);
  else if (shift) warn(`${shift}; use standardize: true`);
}

/**
 * spec.classWeight as fit's classWeights, one per class index: 'balanced' = m / (k * m_c) over the
 * training rows (a class absent from them weighs 1), else the named weights and 1 for the others.
 */
export function classWeightsOf(cw: 'balanced' | Record<string, number>, train: Dataset): number[] {
  const classes = classNames(train);
  if (cw !== 'balanced') return classes.map((c) => cw[c] ?? 1);
  const counts = new Array<number>(classes.length).fill(0);
  const y = train.Y;
  for (let j = 0; j < y.cols; j++) {
    // class indices (1 x m) or one-hot columns
    const c = y.rows === 1 ? y.data[j]! : argmaxColumn(y.data, y.rows, y.cols, j);
    counts[c] = (counts[c] ?? 0) + 1;
  }
  const m = y.cols, k = classes.length;
  return counts.map((n) => (n > 0 ? m / (k * n) : 1));
}

function argmaxColumn(d: ArrayLike<number>, rows: number, cols: number, j: number): number {
  let best = 0;
  for (let i = 1; i < rows; i++) if (d[i * cols + j]! > d[best * cols + j]!) best = i;
  return best;
}

/** The history of a run of 0 epochs: the network keeps its initial (or resumed) weights. */
function untrained(): History {
  return { epoch: [], cost: [], iteration: [], valCost: [], learningRate: [], iterations: [], gradientNorms: [], stopReason: 'epochs', bestEpoch: 0, iterationsRun: 0 };
}

/**
 * The preprocessing, fitted on the training rows only: the data schema as read, feature
 * standardization, and with standardize a regression target's
 * z-scoring for a linear output (a sigmoid output predicts the target's own values in [0, 1]). A
 * resumed model keeps its own scaling, whatever the spec says (warnIgnoredByResume).
 */
function fitPreprocessing(train: Dataset, s: ResolvedSpec, data: TrainData): Preprocessing {
  const prev = s.resume?.preprocessing;
  if (prev) return { ...(data.schema ? { data: data.schema } : {}), ...clonePreprocessing({ ...prev, data: undefined }) };
  const standardize = s.standardize ? fitStandardize(train.X) : undefined;
  // each target z-scored with its own training mean and std (several targets: per output, as sklearn's StandardScaler on Y)
  const scaleTarget = s.standardize && train.task === 'regression' && (s.output ?? 'linear') === 'linear';
  const target = scaleTarget ? fitTargetScale(train.Y) : undefined;
  return {
    ...(data.schema ? { data: data.schema } : {}),
    ...(standardize ? { standardize } : {}),
    ...(target ? { target } : {}),
  };
}

/** A regularization penalty many times the data's loss at the start drives every weight to zero: say so before training. */
function warnIfPenaltyDominates(net: Network, train: Dataset, warn: ((m: string) => void) | undefined): void {
  const { l1, l2 } = net.regularization;
  if (!warn || (l1 === 0 && l2 === 0)) return;
  const penalty = net.penalty(train.X.cols);
  const loss = net.loss.cost(net.predictProba(train.X), net.prepareTargets(train.Y)); // the data's part of J, without the penalty
  if (penalty > 100 * loss) {
    warn(`the regularization penalty (${penalty.toPrecision(3)}) is ${(penalty / loss).toPrecision(2)} times the data's loss (${loss.toPrecision(3)}) at the start: it will drive the weights to zero rather than fit the data; is the L1/L2 strength (${l1 || l2}) meant to be this large?`);
  }
}

/** Every set as the network sees it: features scaled, a regression target z-scored. */
function scaleSets(sets: Sets, p: Preprocessing): Sets {
  const scale = (d: Dataset | undefined, target: boolean): Dataset | undefined => {
    if (!d) return d;
    let { X, Y } = d;
    if (p.scale !== undefined) X = X.map((v) => v * p.scale!);
    if (p.standardize) X = applyStandardize(p.standardize, X, X === d.X ? undefined : X);
    if (target && p.target) Y = scaleTargets(Y, p.target, 1);
    return { ...d, X, Y };
  };
  // the test set keeps its target in its own units: it is only evaluated, after the scaling is folded back
  return { train: scale(sets.train, true)!, test: scale(sets.test, false), validation: scale(sets.validation, true) };
}

/** The training and validation targets back in their own units, for the final metrics. */
function unscaleTargets(sets: Sets, p: Preprocessing): Sets {
  if (!p.target) return sets;
  const t = p.target;
  const back = (d: Dataset | undefined) => d && { ...d, Y: scaleTargets(d.Y, t, -1) };
  return { train: back(sets.train)!, test: sets.test, validation: back(sets.validation) };
}


/** fit's advice on a divergence in trainModel's terms: its option to standardize, and the large input by its feature's name. */
function inFeatureTerms(e: unknown, names: readonly string[] | undefined): unknown {
  if (!(e instanceof DivergenceError)) return e;
  e.message = e.message.replace(/\(fitStandardize\): row (\d+) of X \(of \d+\)/, (_all, row: string) => {
    const name = names?.[Number(row) - 1];
    return `({ standardize: true }): ${name !== undefined ? `feature '${name}'` : `row ${row} of X`}`;
  });
  return e;
}
