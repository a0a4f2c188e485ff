// A TrainSpec with every default filled in and every value checked, before any data is touched:
// the course's defaults (batch gradient descent, learning rate 0.0075, 100 epochs, one hidden
// layer of 16 ReLU units), and errors that name the field and what was expected.

import { OptionError } from '../errors.js';
import { Matrix } from '../tensor/matrix.js';
import { Random } from '../tensor/random.js';
import type { FitOptions } from '../train/fit.js';
import { checkKnownKeys, notOneOf } from '../util/known-keys.js';
import { kindOf } from '../util/kind-of.js';
import { ACTIVATION_NAMES, takesAlpha } from '../nn/activations.js';
import { INIT_NAMES } from '../nn/initializers.js';
import { lossNamed, unknownLoss, type LossName } from '../nn/losses.js';
import { checkSchedule } from '../optim/schedules.js';
import type { OptimizerName } from '../optim/optimizers.js';
import { loadResultProblem, type Dataset } from '../data/synthetic.js';
import { OPTIMIZER_CHOICES, type TrainData, type TrainSpec } from './spec.js';
import { wholeNumberProblem } from '../util/bounds.js';
import { earlyStoppingProblem } from '../train/early-stopping.js';

import { DEFAULT_EPOCHS, MAX_EPOCHS, MAX_SEED } from '../util/bounds.js';
import { givenText } from '../util/bounds.js';
export { MAX_EPOCHS, MAX_SEED };

export interface ResolvedSpec extends Required<Pick<TrainSpec, 'layers' | 'activation' | 'keepProb' | 'optimizer' | 'learningRate' | 'epochs' | 'l1' | 'l2' | 'seed' | 'standardize' | 'testSplit' | 'validationSplit' | 'dtype' | 'recordGradientNorms'>>,
  Pick<TrainSpec, 'alpha' | 'output' | 'init' | 'schedule' | 'batchSize' | 'shuffle' | 'earlyStopping' | 'epsilon' | 'resume' | 'recordEvery' | 'recordTestCost' | 'classWeight'> {
  /** The optimizer fit runs: sgd and minibatch are plain gradient descent with their batch sizes. */
  optimizerName: OptimizerName;
  /** The loss by its full name (a short name, mse, resolved). */
  loss?: LossName;
}

const fail = (msg: string, field?: string): never => { throw new OptionError(msg, field); };
const fieldOf = (name: string) => /^\w+/.exec(name)![0];
const wholeAtLeast = (v: number | undefined, name: string, min: number, max = Number.MAX_SAFE_INTEGER) => {
  const problem = wholeNumberProblem(v, name, min, max);
  if (problem) fail(problem, fieldOf(name));
};
const inRange = (v: number | undefined, name: string, lo: number, hi: number, loOpen = false) => {
  // (no upper bound: '>= 0', not 'in [0, 1.7976931348623157e+308]')
  const range = hi === Number.MAX_VALUE ? `${loOpen ? '>' : '>='} ${lo}` : `in ${loOpen ? '(' : '['}${lo}, ${hi}]`;
  if (v !== undefined && !(typeof v === 'number' && (loOpen ? v > lo : v >= lo) && v <= hi)) fail(`${name} must be a number ${range}, got ${givenText(v)}`, fieldOf(name));
};

/** Every key of TrainSpec. */
export const SPEC_KEYS = ['layers', 'activation', 'alpha', 'output', 'loss', 'init', 'keepProb', 'optimizer', 'learningRate', 'schedule', 'batchSize', 'shuffle', 'epochs',
  'l1', 'l2', 'seed', 'standardize', 'testSplit', 'validationSplit', 'earlyStopping', 'epsilon', 'dtype', 'resume', 'recordGradientNorms', 'recordEvery',
  'recordTestCost', 'classWeight'] as const satisfies readonly (keyof TrainSpec)[];

/** `fn` is the caller named in the messages about the spec and the data: tune's spec was told "trainModel spec: unknown option". */
export function resolveSpec(spec: TrainSpec, train: Dataset, fn: 'trainModel' | 'tune' = 'trainModel'): ResolvedSpec {
  if (spec === null || typeof spec !== 'object') fail(`${fn}: the spec must be an object of training options (e.g. { layers: [16], epochs: 100 }), got ${givenText(spec)}`);
  checkKnownKeys(spec, SPEC_KEYS, fn === 'tune' ? 'tune: options.spec' : 'trainModel spec', (m) => new OptionError(m));
  const result = loadResultProblem(train, `${fn}: data.train`);
  if (result) fail(result);
  if (!train || !(train.X instanceof Matrix)) fail(`${fn}: data.train must be a Dataset ({ X, Y, task, ... }, e.g. from loadDataset(...).dataset or synthetic(...)), got ${kindOf(train)}`);
  const optimizer = spec.optimizer ?? 'gd';
  if (!OPTIMIZER_CHOICES.includes(optimizer)) fail(notOneOf('optimizer', optimizer, OPTIMIZER_CHOICES));
  const layers = spec.layers ?? [16];
  if (!Array.isArray(layers)) fail('layers must be an array of hidden layer sizes, e.g. [20, 7, 5]');
  // by index: forEach skips the hole of [4, , 2], which failed later on "Cannot read properties of undefined"
  for (let i = 0; i < layers.length; i++) {
    if (layers[i] === undefined) fail(`layers[${i}] is undefined; give the size of each hidden layer, e.g. [20, 7, 5]`, 'layers');
    // a Network's layer ({ units: 8, activation: 'relu' }) was "must be a whole number from 1 to 9007199254740991"
    const layer = layers[i] as unknown;
    if (typeof layer === 'object' && layer !== null && 'units' in layer) fail(`layers[${i}] is a layer object (${givenText(layer)}); trainModel's layers are the hidden layers' sizes, e.g. [${layers.map((l) => (l as { units?: unknown })?.units ?? l).join(', ')}], and activation one name for them all (e.g. activation: 'relu'); layers of their own activations are a Network's`, 'layers');
    wholeAtLeast(layers[i], `layers[${i}]`, 1);
  }
  const activation = spec.activation ?? 'relu';
  if (!ACTIVATION_NAMES.includes(activation) || activation === 'softmax') fail(notOneOf('activation', activation, ACTIVATION_NAMES.filter((a) => a !== 'softmax')));
  if (spec.init !== undefined && !INIT_NAMES.includes(spec.init)) fail(notOneOf('init', spec.init, INIT_NAMES));
  const loss = spec.loss === undefined ? undefined : lossNamed(spec.loss) ?? fail(unknownLoss('loss', spec.loss));
  if (spec.output !== undefined && !['sigmoid', 'softmax', 'linear'].includes(spec.output)) fail(`output must be sigmoid, softmax or linear, got '${spec.output}'`);
  const learningRate = spec.learningRate ?? (optimizer === 'adam' || optimizer === 'rmsprop' ? 0.001 : 0.0075);
  if (!(typeof learningRate === 'number' && learningRate > 0 && Number.isFinite(learningRate))) fail(`learningRate must be a positive number, got ${givenText(learningRate)}`);
  const epochs = spec.epochs ?? DEFAULT_EPOCHS;
  wholeAtLeast(epochs, 'epochs', 0, MAX_EPOCHS); // 0: the network as initialised (or as resumed), untrained
  wholeAtLeast(spec.batchSize, 'batchSize', 1);
  wholeAtLeast(spec.seed, 'seed', 0, MAX_SEED - 1);
  checkShuffle(spec.shuffle, epochs);
  inRange(spec.keepProb, 'keepProb', 0, 1, true);
  inRange(spec.testSplit, 'testSplit', 0, 0.99);
  inRange(spec.validationSplit, 'validationSplit', 0, 0.9);
  for (const [name, v] of [['l1', spec.l1], ['l2', spec.l2]] as const) inRange(v, name, 0, Number.MAX_VALUE);
  if (spec.epsilon !== undefined) inRange(spec.epsilon, 'epsilon', 0, Number.MAX_VALUE, true);
  const esWrong = earlyStoppingProblem(spec.earlyStopping, ['patience', 'minDelta']);
  if (esWrong) fail(esWrong, 'earlyStopping');
  checkSwitchesAndNumbers(spec);
  if (spec.dtype !== undefined && spec.dtype !== 'float32' && spec.dtype !== 'float64') fail(`dtype must be float32 or float64, got '${spec.dtype}'`);
  try {
    checkSchedule(spec.schedule);
  } catch (e) {
    fail(`schedule: ${(e as Error).message}`);
  }
  if (train.unlabeled) fail(`${train.name}: the training data has no labels`);
  checkClassWeight(spec.classWeight, train);
  return {
    ...spec, layers, activation, optimizer, learningRate, epochs, loss,
    keepProb: spec.keepProb ?? 1, l1: spec.l1 ?? 0, l2: spec.l2 ?? 0, seed: spec.seed ?? 1,
    standardize: spec.standardize ?? false, testSplit: spec.testSplit ?? 0.2, validationSplit: spec.validationSplit ?? 0.1,
    dtype: spec.dtype ?? 'float32', recordGradientNorms: spec.recordGradientNorms ?? false,
    optimizerName: optimizer === 'sgd' || optimizer === 'minibatch' ? 'gd' : optimizer,
  };
}

/**
 * The spec's switches are true or false, and alpha and recordEvery numbers in range: { standardize:
 * 'false' } standardized (a string is truthy), { recordTestCost: 'yes' } was read the same way, and a
 * NaN alpha or a recordEvery of 0 failed inside on a RangeError of the network or of fit.
 */
function checkSwitchesAndNumbers(spec: TrainSpec): void {
  for (const key of ['standardize', 'recordGradientNorms', 'recordTestCost'] as const) {
    const v: unknown = spec[key];
    if (v !== undefined && typeof v !== 'boolean') fail(`${key} must be true or false, got ${givenText(v)}`, key);
  }
  if (spec.alpha !== undefined && !(typeof spec.alpha === 'number' && spec.alpha >= 0 && Number.isFinite(spec.alpha))) {
    fail(`alpha must be a finite number >= 0 (the slope of leakyRelu, the alpha of elu), got ${givenText(spec.alpha)}`, 'alpha');
  }
  wholeAtLeast(spec.recordEvery, 'recordEvery', 1);
}

/** The target's class labels by class index (a set without names: '0', '1', ...). */
export function classNames(train: Dataset): string[] {
  if (train.classes) return train.classes;
  const { Y } = train;
  const k = train.task === 'binary' ? 2 : Y.rows > 1 ? Y.rows : Array.from(Y.data).reduce((a, v) => Math.max(a, v + 1), 0);
  return Array.from({ length: k }, (_, i) => String(i));
}

/** classWeight: 'balanced' or { label: weight } over the target's classes, for a classification. */
function checkClassWeight(cw: TrainSpec['classWeight'], train: Dataset): void {
  if (cw === undefined) return;
  if (train.task === 'multilabel') fail(`classWeight weighs the classes of a classification of one label per example, but ${train.name}'s target is multi-label (as scikit-learn's MLPClassifier, which has no class_weight); leave it out`, 'classWeight');
  if (train.task === 'regression') fail(`classWeight weighs the classes of a classification, but ${train.name}'s target is read as a regression (quantities); leave it out, or read the target as classes`, 'classWeight');
  if (cw === 'balanced') return;
  if (cw === null || typeof cw !== 'object' || Array.isArray(cw)) fail(`classWeight must be 'balanced' or { label: weight, ... }, got ${givenText(cw)}`, 'classWeight');
  const classes = classNames(train);
  for (const [label, w] of Object.entries(cw)) {
    if (!classes.includes(label)) fail(`classWeight names class '${label}', which is not one of the target's classes (${classes.join(', ')})`, 'classWeight');
    if (!(typeof w === 'number' && Number.isFinite(w) && w > 0)) fail(`classWeight of class '${label}' must be a positive number, got ${givenText(w)}`, 'classWeight');
  }
}

/**
 * Spec fields that the rest of the spec or the data leave without effect, named in one warning each
 * (they were dropped, silently): validationSplit holds out data for early stopping only, neither
 * split is made when its set is given, keepProb and activation need a hidden layer, and batchSize overrides sgd's 1.
 */
export function warnIgnoredBySpec(spec: TrainSpec, data: TrainData, warn: ((m: string) => void) | undefined): void {
  if (!warn) return;
  if (spec.testSplit !== undefined && spec.testSplit > 0 && data.test) warn('testSplit ignored: a test set is given');
  if (spec.validationSplit !== undefined && data.validation) warn('validationSplit ignored: a validation set is given');
  else if (spec.validationSplit !== undefined && !spec.earlyStopping) warn('validationSplit ignored: it holds out validation data for earlyStopping, which is not given');
  // dropout acts on hidden layers, and sgd is a batch of one example: either was dropped, silently
  if (spec.keepProb !== undefined && spec.keepProb < 1 && spec.layers?.length === 0) warn('keepProb ignored: it drops units of hidden layers, and there is none');
  // the output layer's activation comes from the task (or output): a hidden activation with no hidden layer was dropped, silently
  if (spec.activation !== undefined && spec.layers?.length === 0 && !spec.resume) warn('activation ignored: it is the activation of hidden layers, and there is none');
  const activation = spec.activation ?? 'relu';
  if (spec.alpha !== undefined && !takesAlpha(activation) && !spec.resume) warn(`alpha ignored: it is the slope of leakyRelu or the alpha of elu, and the hidden activation is ${activation}`);
  if (spec.optimizer === 'sgd' && spec.batchSize !== undefined && spec.batchSize !== 1) {
    warn(`batchSize ${spec.batchSize} overrides sgd's one example per step: each step is on ${spec.batchSize} examples (as minibatch with batchSize ${spec.batchSize})`);
  }
  // the order of the examples in one batch of all of them changes nothing: it was taken, silently
  const wholeBatch = spec.batchSize === undefined ? spec.optimizer !== 'sgd' && spec.optimizer !== 'minibatch' : spec.batchSize >= data.train.X.cols;
  if (spec.shuffle !== undefined && wholeBatch) warn('shuffle ignored: it orders the mini-batches, and each step is on the whole training set (give batchSize)');
}

/** shuffle: true, false or { reseed: s } with s + 1 + e a seed for every epoch e. */
function checkShuffle(shuffle: unknown, epochs: number): void {
  if (shuffle === undefined || typeof shuffle === 'boolean') return;
  if (shuffle === null || typeof shuffle !== 'object' || Array.isArray(shuffle)) fail(`shuffle must be true, false or { reseed: seed } (the course's random_mini_batches), got ${givenText(shuffle)}`);
  checkKnownKeys(shuffle as object, ['reseed'], 'shuffle', (m) => new OptionError(m));
  wholeAtLeast((shuffle as { reseed: number }).reseed, 'shuffle.reseed', 0, MAX_SEED - 1 - Math.max(epochs, 1));
}

/** fit's shuffle for a spec's: { reseed: s } is epoch e's np.random.permutation(m) after np.random.seed(s + 1 + e). */
export function shuffleFor(s: ResolvedSpec, m: number): FitOptions['shuffle'] {
  const sh = s.shuffle;
  return typeof sh === 'object' ? (e) => new Random(sh.reseed + 1 + e).numpyPermutation(m) : sh;
}

/** Examples per step: as given, else 1 for sgd, 64 for minibatch, the whole training set otherwise. */
export function batchSizeFor(s: ResolvedSpec, m: number): number {
  return s.batchSize ?? (s.optimizer === 'sgd' ? 1 : s.optimizer === 'minibatch' ? Math.min(64, m) : m);
}
