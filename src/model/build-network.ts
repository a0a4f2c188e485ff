// The network of a run, built for the data's task (or taken from the model being resumed), and
// the checks that the loss fits the output and the targets, and that it fits in memory.

import { DataError, OptionError } from '../errors.js';
import { Network, type LayerSpec } from '../nn/network.js';
import { defaultLoss, lossMismatch } from '../nn/losses.js';
import { getActivation } from '../nn/activations.js';
import type { Dataset } from '../data/synthetic.js';
import { isSingleLabel, outputLayerFor } from './task.js';
import { takesAlpha } from '../nn/activations.js';
import { fitTargetScale, targetScales, type Standardize, type TargetScale } from './preprocessing.js';
import type { ResolvedSpec } from './resolve-spec.js';
import type { TrainSpec } from './spec.js';
import { exponentText } from '../util/number-text.js';
import { formatBytes } from '../util/bytes-text.js';
import { resumeNote } from './resume-notes.js';

/** Bytes the run may take by default (parameters, gradients, optimizer state, a batch's activations): 16 GiB. */
export const DEFAULT_MEMORY_LIMIT = 16 * 2 ** 30;

export function buildNetwork(s: ResolvedSpec, train: Dataset, warn: ((m: string) => void) | undefined, batchSize: number, memoryLimit = DEFAULT_MEMORY_LIMIT): Network {
  const prev = s.resume?.network;
  const hidden = (units: number): LayerSpec => ({ units, activation: s.alpha !== undefined && takesAlpha(s.activation) ? { name: s.activation, alpha: s.alpha } as LayerSpec['activation'] : s.activation, keepProb: s.keepProb });
  const layers: LayerSpec[] = prev
    ? prev.layers.map((l, i) => ({ units: l.units, activation: l.activationSpec, keepProb: i < prev.depth - 1 ? s.keepProb : 1 }))
    : [...s.layers.map(hidden), outputLayer(s, train)];
  if (prev) checkResumable(s, train);
  // a batch larger than the training set is the training set (fit takes min(batchSize, m))
  checkMemory(train.X.rows, layers, Math.min(batchSize, train.X.cols), s, memoryLimit);
  if (!prev && warn) warnOversized(train, layers, warn);
  const out = layers[layers.length - 1]!, outName = getActivation(out.activation).name;
  const loss = s.loss ?? prev?.loss.name ?? defaultLoss(outName);
  const mismatch = lossMismatch(loss, outName, out.units);
  if (mismatch) throw new OptionError(mismatch, 'loss');
  // (the model of any other loss would be refused only once trained: a multilabel model trains with its cross-entropy)
  if (train.task === 'multilabel' && loss !== 'binaryCrossEntropy') {
    throw new OptionError(`loss ${loss} does not fit a multi-label target: each of its ${out.units} labels is a sigmoid unit trained with binaryCrossEntropy (the sum of the labels' cross-entropies, as scikit-learn's MLPClassifier and Keras' binary_crossentropy); leave the loss out, or give the task regression to fit the 0/1 columns as numbers`, 'loss');
  }
  const net = new Network({
    inputSize: train.X.rows, layers, dtype: s.dtype, seed: s.seed, l1: s.l1, l2: s.l2,
    loss: s.loss ?? prev?.loss.name, init: prev ? 'zeros' : s.init, warn: prev ? () => {} : warn ?? (() => {}),
  });
  if (prev) net.setWeights(prev.layers);
  return net;
}

/**
 * A resumed model keeps its architecture and weights: the spec's layers, activation, alpha, output
 * and init that differ from it are ignored, and one warning names them; so is its input scaling.
 */
export function warnIgnoredByResume(spec: TrainSpec, warn: ((m: string) => void) | undefined): void {
  const prev = spec.resume?.network;
  if (!prev || !warn) return;
  const hidden = prev.layers.slice(0, -1);
  const ignored = [
    spec.layers !== undefined && spec.layers.join() !== hidden.map((l) => l.units).join() && 'layers',
    spec.activation !== undefined && hidden.some((l) => l.activation.name !== spec.activation) && 'activation',
    spec.alpha !== undefined && 'alpha',
    spec.output !== undefined && spec.output !== prev.outputActivation && 'output',
    spec.init !== undefined && 'init',
  ].filter((f): f is string => f !== false);
  if (ignored.length > 0) warn(`${ignored.join(', ')} ignored: the resumed model keeps its own architecture and weights (${prev.describe()})`);
  // its weights were learned on inputs scaled as its preprocessing says: a new scaling under them changed every input
  // (standardize false is the CLI's default: a model trained on standardized inputs keeps them without a word)
  if (spec.standardize === true && spec.resume!.preprocessing.standardize === undefined) {
    warn('standardize true ignored: the resumed model was trained without standardizing its inputs, and its weights go on with the same scaling');
  }
}

/** The output layer for the task, or the one asked for (when it fits the task). */
function outputLayer(s: ResolvedSpec, train: Dataset): LayerSpec {
  const { task } = train, k = task === 'multilabel' ? train.Y.rows : train.classes?.length ?? 2;
  const out = outputLayerFor(task, k, task === 'regression' ? train.Y.rows : 1);
  const o = s.output;
  if (!o) return out;
  if (task === 'multilabel' && o !== 'sigmoid') {
    throw new OptionError(`output ${o} does not fit a multi-label target of ${k} labels: it needs a sigmoid per label (the default)${o === 'softmax' ? '; a softmax makes the labels compete (their probabilities sum to 1), so two labels could not both be present' : ''}; or give the task regression`, 'output');
  }
  if (task === 'regression' && o !== 'linear' && o !== 'sigmoid') throw new OptionError(`output ${o} does not fit a regression target; use linear (or sigmoid for targets in [0, 1])`, 'output');
  if (task !== 'regression' && o === 'linear') throw new OptionError('output linear does not fit a classification target; use sigmoid (2 classes) or softmax, or the task regression', 'output');
  if (o === 'sigmoid' && task === 'multiclass') throw new OptionError(`output sigmoid gives one unit, but the data has ${k} classes; use softmax`, 'output');
  return { units: o === 'softmax' ? k : out.units, activation: o };
}

/**
 * A model goes on training only on data of its kind: same inputs, task family, classes and number of
 * targets. Once it may, `warn` is told what the run does not carry over from the model (resumeNote;
 * said after the checks, so that data refused ends in its error alone).
 */
export function checkResumable(s: ResolvedSpec, train: Dataset, warn?: (m: string) => void): void {
  const model = s.resume!, prev = model.network, { task, classes } = train;
  const name = model.training.data ? `the model trained on ${model.training.data}` : 'the resumed model';
  if (prev.inputSize !== train.X.rows) throw new DataError(`resume: ${name} expects ${prev.inputSize} features but the data has ${train.X.rows}`, 'resume');
  // the weights of input i belong to the model's feature i: data whose features are other columns,
  // or the same in another order, would train them on the wrong inputs (names 1, 2, ... are positions)
  const had = model.features, has = train.featureNames;
  const positional = (names: readonly string[]) => names.every((n, i) => n === String(i + 1));
  if (had && has && had.length === has.length && !positional(had) && !positional(has) && had.some((n, i) => n !== has[i])) {
    const k = had.findIndex((n, i) => n !== has[i]);
    throw new DataError(`resume: ${name} has the features ${shortList(had)}, but the data's are ${shortList(has)} (feature ${k + 1} is '${had[k]}' there, '${has[k]}' here); give data with the model's columns, in its order`, 'resume');
  }
  if (task === 'regression' && model.task === 'regression' && prev.outputSize !== train.Y.rows) {
    throw new DataError(`resume: ${name} predicts ${prev.outputSize} target${prev.outputSize === 1 ? '' : 's'}, but the data has ${train.Y.rows}`, 'resume');
  }
  const differ = model.task !== task && !(isSingleLabel(model.task) && isSingleLabel(task));
  if (differ || ((task === 'multiclass' || task === 'multilabel') && prev.outputSize !== classes?.length)) {
    throw new DataError(`resume: a ${model.task} model (${prev.describe()}) cannot go on training on ${task} data${classes ? ` with ${classes.length} ${task === 'multilabel' ? 'labels' : 'classes'}` : ''}`, 'resume');
  }
  if (model.classes && classes && model.classes.join('\u0000') !== classes.join('\u0000')) {
    throw new DataError(`resume: the model's classes (${model.classes.join(', ')}) differ from the data's (${classes.join(', ')})`, 'resume');
  }
  const note = resumeNote(s, model);
  if (note) warn?.(note);
}

/**
 * Refuse a network whose training would not fit in memory, before allocating it: per parameter
 * W, dW, two snapshots (last finite and best epoch) and the optimizer's state; per unit of a batch
 * Z, A, dZ, dA and a dropout mask.
 */
function checkMemory(inputSize: number, layers: LayerSpec[], batchSize: number, s: ResolvedSpec, limit: number): void {
  const sizes = [inputSize, ...layers.map((l) => l.units)];
  const parameters = sizes.slice(1).reduce((sum, n, l) => sum + n * (sizes[l]! + 1), 0);
  const states = { gd: 0, sgd: 0, minibatch: 0, momentum: 1, rmsprop: 1, adam: 2 }[s.optimizer];
  const perValue = s.dtype === 'float64' ? 8 : 4;
  const bytesAt = (batch: number) => perValue * (parameters * (4 + states) + batch * sizes.reduce((a, n) => a + n, 0) * 5);
  const bytes = bytesAt(batchSize);
  if (bytes > limit) {
    // a batch size given, with which the network would fit at a batch of one, is named (a batch of 1e12 was said as '--layers 16: ... has 6.50e+1 parameters')
    const field = s.batchSize !== undefined && bytesAt(1) <= limit ? 'batchSize' : 'layers';
    const count = parameters < 1e6 ? String(parameters) : exponentText(parameters, 2);
    throw new OptionError(`${field}: a ${sizes.join('-')} network has ${count} parameters and would need about ${formatBytes(bytes)} of memory to train (batch ${batchSize}), more than the ${formatBytes(limit)} allowed; use smaller ${field === 'layers' ? 'layers or batches' : 'batches'}`, field);
  }
}

/** Networks below this many parameters are never called oversized (a course's 2-64-64-1 on 400 points is a demonstration). */
const OVERSIZED_FLOOR = 1e6;
/** Bytes of a model file per parameter, about (JSON numbers: measured 21.1 for a 2000-4096-4096-1 network). */
const FILE_BYTES_PER_PARAMETER = 21;

/**
 * A network with more parameters than its training data has values (n_x x m), and a million or more:
 * it can learn the training rows by heart, and its model file is large (a 2000-4096-4096-1 network on
 * 240 rows of a 2,000-column file trained and saved 531 MB without a word). Said once, before training.
 */
function warnOversized(train: Dataset, layers: LayerSpec[], warn: (m: string) => void): void {
  const sizes = [train.X.rows, ...layers.map((l) => l.units)];
  // one W[l] (n[l] x n[l-1]) and b[l] (n[l] x 1) per layer
  const parameters = sizes.slice(1).reduce((sum, n, l) => sum + n * (sizes[l]! + 1), 0);
  const values = train.X.rows * train.X.cols;
  if (parameters < OVERSIZED_FLOOR || parameters <= values) return;
  const mb = Math.round((parameters * FILE_BYTES_PER_PARAMETER) / 1e6);
  const times = parameters / values >= 10 ? `${Math.round(parameters / values)} times` : `${(parameters / values).toFixed(1)} times`;
  warn(`a ${sizes.join('-')} network has ${exponentText(parameters, 2)} parameters, ${times} the ${values} values of its ${train.X.cols} training examples (${train.X.rows} features each): it can learn the training rows by heart (high variance), and its model file would be about ${mb} MB; use smaller layers, or more examples`);
}

/**
 * Gradient descent with L2 shrinks W by (1 - alpha lambda / m) every step before the data's
 * gradient (W := W - alpha (dW + (lambda/m) W)): with alpha lambda / m >= 2 that factor is <= -1 and
 * the weights grow without bound, whatever the data. Refused up front, naming the cause.
 */
export function checkWeightDecay(s: ResolvedSpec, batchSize: number): void {
  if (s.optimizerName !== 'gd' && s.optimizerName !== 'momentum') return;
  const decay = (s.learningRate * s.l2) / batchSize;
  if (decay >= 2) {
    throw new OptionError(`l2 ${s.l2}: with learning rate ${s.learningRate} and batch size ${batchSize} every step multiplies W by 1 - alpha lambda / m = ${Number((1 - decay).toPrecision(4))}, so the weights grow without bound; use an L2 strength below ${Number(((2 * batchSize) / s.learningRate).toPrecision(4))}`, 'l2');
  }
}

/**
 * Refuse targets that the output layer cannot give, before training: a sigmoid or softmax output
 * gives values in [0, 1]. (A loss that does not fit the output layer is refused by buildNetwork.)
 */
export function checkLossFits(net: Network, train: Dataset, source: string): void {
  const out = net.outputActivation;
  if (train.task === 'regression' && (out === 'sigmoid' || out === 'softmax')) {
    const bad = train.Y.data.findIndex((v) => !(v >= 0 && v <= 1));
    if (bad >= 0) throw new DataError(`${source}: a ${out} output gives values in [0, 1], but target ${train.Y.data[bad]} of example ${bad + 1} is outside; use output linear`);
  }
}

/**
 * Make a linear output layer predict in the target's units, W := std W, b := std b + mean
 * (direction 1), or undo that to go on training on the standardized target (direction -1).
 */
export function foldTargetScale(net: Network, t: TargetScale, direction: 1 | -1): void {
  const L = net.depth;
  if (net.layers[L - 1]!.activation.name !== 'linear') return;
  const W = net.W(L), b = net.b(L).data, n = W.cols;
  const { mean, std } = targetScales(t);
  // row i of W[L] and b[L] give output i: scaled by that target's std, shifted by its mean
  for (let k = 0; k < W.data.length; k++) {
    const s = std[Math.floor(k / n)]!;
    W.data[k] = direction === 1 ? W.data[k]! * s : W.data[k]! / s;
  }
  for (let k = 0; k < b.length; k++) b[k] = direction === 1 ? b[k]! * std[k]! + mean[k]! : (b[k]! - mean[k]!) / std[k]!;
}

/**
 * Fold an input scaling x := x * scale and standardization x := (x - mean) / std into the first layer,
 * so that the network takes raw features: z = W (s x - mu) / sigma + b = W' x + b', with
 * W'[i][j] = W[i][j] s / sigma[j] and b'[i] = b[i] - sum_j W[i][j] mu[j] / sigma[j].
 */
export function foldInputScaling(net: Network, scale: number, standardize: Standardize | undefined): void {
  const W = net.W(1), b = net.b(1).data, n = W.cols;
  for (let i = 0; i < W.rows; i++) {
    let shift = 0;
    for (let j = 0; j < n; j++) {
      const sigma = standardize?.std[j] ?? 1, mu = standardize?.mean[j] ?? 0;
      shift += (W.data[i * n + j]! * mu) / sigma;
      W.data[i * n + j] = (W.data[i * n + j]! * scale) / sigma;
    }
    b[i] = b[i]! - shift;
  }
}

/** Scales beyond which training without standardization is warned about: |x| of a feature, sd of a regression target. */
const LARGE_FEATURE = 10, LARGE_TARGET_SD = 10;

/** What is badly scaled in the training set (the largest feature value, a regression target's spread), if anything. */
export function scaleAdvice(d: Dataset, targets?: readonly string[]): string | undefined {
  const { rows, cols, data } = d.X;
  let worst = 0, at = 0;
  for (let i = 0; i < rows; i++) {
    const v = rowStats(data, i * cols, (i + 1) * cols).largest;
    if (v > worst) { worst = v; at = i; }
  }
  const parts: string[] = [];
  if (worst > LARGE_FEATURE) parts.push(`feature '${d.featureNames?.[at] ?? at + 1}' reaches ${Number(worst.toPrecision(4))}`);
  if (d.task === 'regression') {
    const sds = targetScales(fitTargetScale(d.Y)).std;
    const i = sds.indexOf(Math.max(...sds)), sd = sds[i]!;
    const which = d.Y.rows === 1 ? 'the target' : targets?.[i] !== undefined ? `target '${targets[i]}'` : `target ${i + 1} of ${d.Y.rows}`;
    if (sd > LARGE_TARGET_SD) parts.push(`${which} has standard deviation ${Number(sd.toPrecision(4))}`);
  }
  return parts.length ? parts.join(' and ') : undefined;
}

/**
 * Adam's first step moves every weight by about the learning rate, whatever the gradient's size (after bias
 * correction m/sqrt(s) is +-1), and RMSprop's by 1/sqrt(1 - beta) = 3.2 times it: a first-layer unit's
 * pre-activation z = W x + b then moves by up to alpha * sum_j |x_j|. On inputs that are not centered, the
 * part alpha * sum_j |mean_j| moves every example's z the same way, and a unit-variance initialization
 * spreads z over about 1: above that, a few steps can switch off every ReLU of a layer for good (the
 * network then predicts one class). Plain gradient descent and momentum scale their steps with the
 * gradient, so they are left to scaleAdvice.
 */
export function adaptiveShiftAdvice(d: Dataset, optimizer: string, learningRate: number): string | undefined {
  const factor = optimizer === 'adam' ? 1 : optimizer === 'rmsprop' ? 1 / Math.sqrt(1 - 0.9) : 0;
  if (factor === 0) return undefined;
  const { rows, cols, data } = d.X;
  let sumAbsMean = 0, lo = Infinity, hi = -Infinity;
  for (let i = 0; i < rows; i++) {
    const r = rowStats(data, i * cols, (i + 1) * cols);
    lo = Math.min(lo, r.min);
    hi = Math.max(hi, r.max);
    sumAbsMean += Math.abs(r.sum / cols);
  }
  const shift = factor * learningRate * sumAbsMean;
  if (!(shift > LARGE_COMMON_SHIFT)) return undefined;
  const p = (x: number): string => String(Number(x.toPrecision(4)));
  return `the inputs are not centered (${rows} features with values in [${p(lo)}, ${p(hi)}], their means summing to ${p(sumAbsMean)} in absolute value): ` +
    `one ${optimizer} step of learning rate ${learningRate} can move every example's first-layer pre-activations by up to ${p(shift)} together, ` +
    'which can switch off (ReLU) or saturate (tanh, sigmoid) a whole layer of units at once, for good: the network then predicts one class';
}

/**
 * The sum, least, greatest and largest absolute value of data[from..to), four values a turn (a pass
 * over MNIST's 47 million took 250 ms in the CLI value by value, with a branch each for the least
 * and the greatest).
 */
function rowStats(data: ArrayLike<number>, from: number, to: number): { sum: number; min: number; max: number; largest: number } {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, min = Infinity, max = -Infinity, j = from;
  for (; j + 4 <= to; j += 4) {
    const a = data[j]!, b = data[j + 1]!, c = data[j + 2]!, e = data[j + 3]!;
    s0 += a; s1 += b; s2 += c; s3 += e;
    min = Math.min(min, a, b, c, e);
    max = Math.max(max, a, b, c, e);
  }
  for (; j < to; j++) {
    const v = data[j]!;
    s0 += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return { sum: s0 + s1 + s2 + s3, min, max, largest: Math.max(-min, max) };
}

/** The common shift of the first layer's pre-activations (see adaptiveShiftAdvice) above which a run is warned about: a unit-variance init's spread. */
const LARGE_COMMON_SHIFT = 1;

function shortList(names: readonly string[]): string {
  return names.length <= 8 ? names.join(', ') : `${names.slice(0, 8).join(', ')}, ... (${names.length})`;
}
