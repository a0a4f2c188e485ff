// The training flags of `backprop train` (and `backprop tune`), and their parsing into the
// library's typed TrainSpec: every value checked here, with errors that name the flag.

import type { Command } from 'commander';
import { ACTIVATION_NAMES, type ActivationName } from '../nn/activations.js';
import { INIT_NAMES, INIT_FORMULAS, DEFAULT_INIT_TEXT } from '../nn/initializers.js';
import { lossNamed, unknownLoss, type LossName } from '../nn/losses.js';
import { closest } from '../util/known-keys.js';
import { checkSchedule, type Schedule } from '../optim/schedules.js';
import { OptionError } from '../errors.js';
import { printWarning } from './errors.js';
import { OPTIMIZER_CHOICES, type TrainSpec } from '../model/spec.js';
import { MAX_EPOCHS, MAX_SEED } from '../model/resolve-spec.js';
import { DECIMAL_NUMBER, decimalRangeProblem, parseChoice, parseIntOption, parseNumberOption } from './options.js';

const HIDDEN_ACTIVATIONS = ACTIVATION_NAMES.filter((a) => a !== 'softmax');

/** The flags as commander gives them (strings; `standardize` and `float64` are switches). */
export interface TrainFlags {
  layers?: string; activation?: string; output?: string; loss?: string; init?: string; dropout?: string;
  optimizer?: string; lr?: string; lrDecay?: string; batchSize?: string; epochs?: string; l1?: string; l2?: string;
  seed?: string; standardize?: boolean; testSplit?: string; earlyStopping?: string; validationSplit?: string;
  minDelta?: string; epsilon?: string; float64?: boolean; classWeight?: string; shuffle?: string;
}

export function trainingOptions(cmd: Command): Command {
  return cmd
    .option('--test-split <fraction>', 'hold out this fraction of the training data as a seeded, stratified test set when --test is not given (0 = none)', '0.2')
    .option('--layers <sizes>', "hidden layer sizes, e.g. 20,7,5; 'none' = no hidden layer (logistic/linear regression as one neuron)", '16')
    .option('--activation <name>', `hidden-layer activation: ${HIDDEN_ACTIVATIONS.join(', ')}`, 'relu')
    .option('--output <name>', 'output activation: sigmoid, softmax or linear (default: from the task)')
    .option('--loss <name>', 'binaryCrossEntropy (bce), categoricalCrossEntropy (cce) or meanSquaredError (mse) (default: from the output)')
    .option('--init <scheme>', `weight initialisation of W[l]: ${INIT_NAMES.map((n) => `${n} (${INIT_FORMULAS[n]})`).join(', ')}; biases start at 0 (default: ${DEFAULT_INIT_TEXT})`)
    .option('--dropout <keep>', "keep probability of every hidden layer (inverted dropout, the course's keep_prob), e.g. 0.8; not the drop rate of PyTorch's and Keras' Dropout")
    .option('--optimizer <name>', `${OPTIMIZER_CHOICES.join(', ')} (sgd = batch size 1, minibatch = batch size 64; momentum is the course's v = beta v + (1 - beta) dW, steps 10x smaller than PyTorch's at the same --lr)`, 'gd')
    .option('--lr <alpha>', 'learning rate (default 0.0075; 0.001 for adam and rmsprop)')
    .option('--lr-decay <rule>', "learning-rate decay, from alpha0 = --lr after e epochs (epoch 1 runs at alpha0): 'exp:0.95' (alpha0 * 0.95^e), 'step:0.5:10' (halved after every 10 epochs) or 'inv:1[:K]' (alpha0 / (1 + 1 * floor(e / K)), K = 1 by default); exp's and step's factor is in (0, 1]")
    .option('--batch-size <n>', 'examples per step (default: the whole training set, i.e. batch gradient descent)')
    .option('--shuffle <how>', "mini-batches' order: 'epoch' (a new one every epoch, the default), 'none' (the data's order) or 'numpy:S' (epoch e in np.random.permutation's order after np.random.seed(S + 1 + e): the course's random_mini_batches with seed S)")
    .option('--epochs <n>', `passes over the training set (at most ${MAX_EPOCHS}; 0 keeps the initial weights: the untrained network's metrics and boundary)`, '100')
    .option('--l1 <lambda>', 'L1 regularization strength', '0')
    .option('--l2 <lambda>', 'L2 regularization strength', '0')
    .option('--seed <n>', 'seed for initialisation, shuffling, dropout and the split', '1')
    .option('--standardize', 'z-score every feature with the training set mean and std (stored in the model)')
    .option('--early-stopping <patience>', 'stop when the validation cost has not improved for this many epochs (validation = --validation-split of the training data); the best weights are kept')
    .option('--validation-split <fraction>', 'fraction of the training data held out as validation data: for --early-stopping, and in tune for scoring each trial (without --cv)', '0.1')
    .option('--min-delta <d>', 'smallest validation improvement that counts for early stopping', '0')
    .option('--class-weight <weights>', "weigh each training example's loss by its class: 'balanced' (class c weighs m / (k m_c), as scikit-learn's class_weight='balanced') or LABEL=WEIGHT,... e.g. '2=2.5' (others weigh 1); classification only")
    .option('--epsilon <cost>', 'stop as soon as the training cost is below this')
    .option('--float64', 'train in float64 (slower; exact reproduction of worked examples)');
}

export function parseLayers(s: string): number[] {
  if (s.trim().toLowerCase() === 'none') return [];
  const bad = () => new OptionError(`--layers must be 'none' or whole numbers >= 1 separated by commas, e.g. 20,7,5; got '${s}'`);
  return s.split(',').map((part) => {
    if (!/^\s*\+?\d+\s*$/.test(part)) throw bad();
    const v = Number(part);
    if (!Number.isSafeInteger(v) || v < 1) throw bad();
    return v;
  });
}

/** --class-weight: 'balanced', or LABEL=WEIGHT pairs separated by commas (the label is the target's text; the last '=' splits). */
export function parseClassWeight(s: string): 'balanced' | Record<string, number> {
  if (s.trim().toLowerCase() === 'balanced') return 'balanced';
  const out: Record<string, number> = {};
  for (const part of s.split(',')) {
    const at = part.lastIndexOf('=');
    const label = part.slice(0, at).trim(), w = part.slice(at + 1).trim();
    if (at < 0 || label === '' || !DECIMAL_NUMBER.test(w) || !(Number(w) > 0) || !Number.isFinite(Number(w))) {
      throw new OptionError(`--class-weight must be 'balanced' or LABEL=WEIGHT pairs separated by commas with positive weights, e.g. '2=2.5' or 'cat=3,dog=1'; got '${s}'`);
    }
    if (label in out) throw new OptionError(`--class-weight names class '${label}' twice in '${s}'`);
    out[label] = Number(w);
  }
  return out;
}

export function parseDecay(s: string | undefined): Schedule | undefined {
  if (!s) return undefined;
  const parts = s.split(':');
  const [kind, a, b] = parts;
  // decimal numbers only ('0x2', 'Infinity' and '' are not rates), and no fields beyond the rule's
  const num = (v: string | undefined) => (v !== undefined && DECIMAL_NUMBER.test(v) && !decimalRangeProblem(v, Number(v)) ? Number(v) : NaN);
  const fields = { exp: 2, step: 3, inv: b === undefined ? 2 : 3 }[kind as 'exp' | 'step' | 'inv'];
  let schedule: Schedule | undefined;
  if (fields === parts.length && Number.isFinite(num(a))) {
    if (kind === 'exp' && num(a) > 0) schedule = { type: 'exponential', rate: num(a) };
    if (kind === 'step' && num(a) > 0 && Number.isSafeInteger(num(b)) && num(b) >= 1) schedule = { type: 'step', dropRate: num(a), every: num(b) };
    if (kind === 'inv' && num(a) >= 0 && (b === undefined || (Number.isSafeInteger(num(b)) && num(b) >= 1))) schedule = { type: 'inverseTime', decayRate: num(a), every: b === undefined ? undefined : num(b) };
  }
  if (!schedule) throw new OptionError(`--lr-decay must be exp:RATE, step:FACTOR:EVERY or inv:RATE[:EVERY] with finite decimal numbers, got '${s}'`);
  try {
    checkSchedule(schedule); // the library's rules, e.g. a RATE or FACTOR above 1 grows the learning rate
  } catch (e) {
    const field = kind === 'exp' ? 'RATE' : 'FACTOR';
    throw new OptionError(`--lr-decay ${s}: ${(e as Error).message.replace(/^learning-rate schedule \w+: (rate|dropRate)/, field).replace(/alpha0 \* (rate|dropRate)/, `alpha0 * ${field}`).replace("/ every)", "/ EVERY)")}`);
  }
  return schedule;
}

/** --loss: a loss's name or its short name (bce, cce, mse). */
function parseLoss(value: string): LossName {
  const name = lossNamed(value);
  if (name === undefined) throw new OptionError(unknownLoss('--loss', value));
  return name;
}

/** --shuffle: epoch, none or numpy:SEED. */
function parseShuffle(value: string): TrainSpec['shuffle'] {
  if (value === 'epoch' || value === 'none') return value === 'epoch';
  const seed = /^numpy:(.*)$/.exec(value)?.[1];
  if (seed !== undefined) return { reseed: parseIntOption(seed, '--shuffle numpy:SEED', 0, MAX_SEED - 1) };
  throw new OptionError(`--shuffle must be epoch, none or numpy:SEED (the course's random_mini_batches with that seed), got '${value}'`);
}

/** --activation: the hidden layers'; softmax (or a spelling of it) is the output layer's, set by --output. */
export function parseHiddenActivation(value: string): ActivationName {
  if (closest(value, ['softmax']) === 'softmax') {
    throw new OptionError(`--activation ${value}: softmax is an output activation (--output softmax; a multiclass task has it by default); the hidden layers take one of ${HIDDEN_ACTIVATIONS.join(', ')}`);
  }
  return parseChoice(value, '--activation', HIDDEN_ACTIVATIONS) as ActivationName;
}

/** The --dropout values warned of (tune reads a value more than once: its search, then the winner's command). */
const dropoutWarned = new Set<number>();

/** A fraction as a percentage, without the rounding noise of 1 - p: 0.8 -> '80%'. */
const share = (p: number) => `${Number((100 * p).toPrecision(12))}%`;

/** The flags as a TrainSpec; a flag left at its default is still given, so the spec says everything the run does. */
export function parseTrainSpec(o: TrainFlags): TrainSpec {
  const optimizer = parseChoice(o.optimizer ?? 'gd', '--optimizer', OPTIMIZER_CHOICES);
  const keepProb = o.dropout === undefined ? 1 : parseNumberOption(o.dropout, '--dropout', { max: 1 });
  if (!(keepProb > 0)) throw new OptionError(`--dropout is the probability of keeping a unit, in (0, 1], got '${o.dropout}'`);
  // PyTorch's nn.Dropout(p) and Keras' Dropout(rate) take the probability of dropping: --dropout 0.2 from
  // them kept a fifth of the units, silently (the run trains, worse)
  if (keepProb < 0.5 && !dropoutWarned.has(keepProb) && dropoutWarned.add(keepProb)) printWarning(`--dropout ${o.dropout} keeps ${share(keepProb)} of each hidden layer's units and drops ${share(1 - keepProb)}: it is the probability of keeping a unit (the course's keep_prob); PyTorch's nn.Dropout(${o.dropout}) and Keras' Dropout(${o.dropout}) drop ${share(keepProb)}, which is --dropout ${Number((1 - keepProb).toPrecision(12))}`);
  const patience = o.earlyStopping === undefined ? undefined : parseIntOption(o.earlyStopping, '--early-stopping', 1);
  // checked even without --early-stopping: a bad value is a mistake whether or not it is used
  const minDelta = parseNumberOption(o.minDelta ?? '0', '--min-delta', { min: 0 });
  return {
    layers: parseLayers(o.layers ?? '16'),
    activation: parseHiddenActivation(o.activation ?? 'relu'),
    ...(o.output !== undefined ? { output: parseChoice(o.output, '--output', ['sigmoid', 'softmax', 'linear'] as const) } : {}),
    ...(o.loss !== undefined ? { loss: parseLoss(o.loss) } : {}),
    ...(o.init !== undefined ? { init: parseChoice(o.init, '--init', INIT_NAMES) } : {}),
    keepProb, optimizer,
    ...(o.lr !== undefined ? { learningRate: parseNumberOption(o.lr, '--lr', { positive: true }) } : {}),
    ...(o.lrDecay !== undefined ? { schedule: parseDecay(o.lrDecay) } : {}),
    ...(o.batchSize !== undefined ? { batchSize: parseIntOption(o.batchSize, '--batch-size', 1) } : {}),
    ...(o.shuffle !== undefined ? { shuffle: parseShuffle(o.shuffle) } : {}),
    epochs: parseIntOption(o.epochs ?? '100', '--epochs', 0, MAX_EPOCHS),
    l1: parseNumberOption(o.l1 ?? '0', '--l1', { min: 0 }),
    l2: parseNumberOption(o.l2 ?? '0', '--l2', { min: 0 }),
    seed: parseIntOption(o.seed ?? '1', '--seed', 0, MAX_SEED - 1),
    standardize: o.standardize === true,
    testSplit: parseNumberOption(o.testSplit ?? '0.2', '--test-split', { min: 0, max: 0.99 }),
    validationSplit: parseNumberOption(o.validationSplit ?? '0.1', '--validation-split', { min: 0, max: 0.9 }),
    ...(patience !== undefined ? { earlyStopping: { patience, minDelta } } : {}),
    ...(o.classWeight !== undefined ? { classWeight: parseClassWeight(o.classWeight) } : {}),
    ...(o.epsilon !== undefined ? { epsilon: parseNumberOption(o.epsilon, '--epsilon', { positive: true }) } : {}),
    dtype: o.float64 ? 'float64' : 'float32',
  };
}
