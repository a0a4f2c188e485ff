// `backprop train`: load data, build the network, fit it, report metrics, save the model.

import type { Command } from 'commander';
import { Network, type LayerSpec } from '../../nn/network.js';
import { ACTIVATION_NAMES, type ActivationName } from '../../nn/activations.js';
import { INIT_NAMES, type InitName } from '../../nn/initializers.js';
import { LOSS_NAMES, type LossName } from '../../nn/losses.js';
import { fit, type History } from '../../train/fit.js';
import { evaluate, labelsOf } from '../../train/predict.js';
import { loadDataset, detectFormat, type LoadOptions } from '../../data/load.js';
import { fillMissingMeans } from '../../data/csv.js';
import { trainTestSplit } from '../../data/split.js';
import { fitPreprocessing, applyPreprocessing, type Preprocessing } from '../../data/preprocess.js';
import type { Matrix } from '../../tensor/matrix.js';
import type { Dataset } from '../../data/synthetic.js';
import { loadModel, saveModel, type Task } from '../../io/model-file.js';
import { DataError, DivergenceError, OptionError } from '../../errors.js';
import { parseChoice, parseIntOption, parseNumberOption, checkOutputPath } from '../options.js';
import { toModelPreprocessing, prepareInput } from '../pipeline.js';
import { dataOptions, readDataOptions, unusedDataOptions, warnUnused, kindOfData, MAX_SEED } from '../data-options.js';
import { createProgress } from '../progress.js';
import { formatMetrics, metricsJson } from '../report.js';
import { writeChart } from '../../plot/render.js';
import { costCurveSpec } from '../../plot/cost-curve.js';
import { decisionBoundarySpec } from '../../plot/decision-boundary.js';
import { gradientNormsSpec } from '../../plot/gradient-norms.js';
import type { OptimizerName } from '../../optim/optimizers.js';

const OPTIMIZERS = ['gd', 'sgd', 'minibatch', 'momentum', 'rmsprop', 'adam'] as const;
const LOSS_ALIASES: Record<string, LossName> = { bce: 'binaryCrossEntropy', cce: 'categoricalCrossEntropy', mse: 'meanSquaredError' };

export function register(program: Command): void {
  const cmd = program
    .command('train')
    .description('train a network on a data file (CSV, MNIST IDX, HDF5, image folder) or a built-in set')
    .requiredOption('--data <file>', 'training data: a file, an image folder, or a built-in set name (see `backprop datasets`)');
  dataOptions(cmd);
  cmd
    .option('--test <file>', 'test data, read like the training data')
    .option('--test-split <fraction>', 'hold out this fraction of the training data as a seeded, stratified test set when --test is not given (0 = none)', '0.2')
    .option('--layers <sizes>', "hidden layer sizes, e.g. 20,7,5; 'none' = no hidden layer (logistic/linear regression as one neuron)", '16')
    .option('--activation <name>', `hidden-layer activation: ${ACTIVATION_NAMES.filter((a) => a !== 'softmax').join(', ')}`, 'relu')
    .option('--output <name>', 'output activation: sigmoid, softmax or linear (default: from the task)')
    .option('--loss <name>', 'binaryCrossEntropy (bce), categoricalCrossEntropy (cce) or meanSquaredError (mse) (default: from the output)')
    .option('--init <scheme>', `weight initialisation: ${INIT_NAMES.join(', ')} (default: he for ReLU layers, xavier otherwise)`)
    .option('--dropout <keep>', 'keep probability of every hidden layer (inverted dropout), e.g. 0.8')
    .option('--optimizer <name>', `${OPTIMIZERS.join(', ')} (sgd = batch size 1, minibatch = batch size 64; momentum is the course's v = beta v + (1 - beta) dW, steps 10x smaller than PyTorch's at the same --lr)`, 'gd')
    .option('--lr <alpha>', 'learning rate (default 0.0075; 0.001 for adam and rmsprop)')
    .option('--lr-decay <rule>', "learning-rate decay: 'exp:0.95' (alpha0 * 0.95^epoch), 'step:0.5:10' (halve every 10 epochs) or 'inv:1' (alpha0 / (1 + 1 * epoch))")
    .option('--batch-size <n>', 'examples per step (default: the whole training set, i.e. batch gradient descent)')
    .option('--epochs <n>', 'passes over the training set', '100')
    .option('--l1 <lambda>', 'L1 regularization strength', '0')
    .option('--l2 <lambda>', 'L2 regularization strength', '0')
    .option('--seed <n>', 'seed for initialisation, shuffling, dropout and the split', '1')
    .option('--standardize', 'z-score every feature with the training set mean and std (stored in the model)')
    .option('--early-stopping <patience>', 'stop when the validation cost has not improved for this many epochs (validation = --validation-split of the training data); the best weights are kept')
    .option('--validation-split <fraction>', 'fraction of the training data held out for early stopping', '0.1')
    .option('--min-delta <d>', 'smallest validation improvement that counts for early stopping', '0')
    .option('--epsilon <cost>', 'stop as soon as the training cost is below this')
    .option('--resume <model>', 'start from the weights of this model file (its architecture wins over --layers)')
    .option('--save <model>', 'write the trained model here (JSON, written atomically; only when training succeeds)')
    .option('--plot <file>', 'cost curve, .svg or .png')
    .option('--plot-grad-norms <file>', 'norm of dW[l] per layer per epoch (vanishing/exploding gradients), .svg or .png')
    .option('--plot-boundary <file>', 'decision boundary with the training points, .svg or .png (2-D data only)')
    .option('--float64', 'train in float64 (slower; exact reproduction of worked examples)')
    .option('--print-every <n>', 'print the cost every N epochs when not on a terminal (default: about 20 lines)')
    .option('--json', 'print one JSON object with the metrics and history at the end instead of text')
    .action(async (opts) => { await train(opts, unusedDataOptions(cmd, detectFormat(opts.data))); });
}

interface TrainOpts { [k: string]: string | boolean | undefined }

/** Largest network train builds: 2^28 weights are 1 GB in float32 (2 GB in float64), plus as much again for the gradients. */
const MAX_PARAMETERS = 2 ** 28;

function parseLayers(s: string): number[] {
  if (s.trim().toLowerCase() === 'none' || s.trim() === '') return [];
  return s.split(',').map((part) => {
    const v = Number(part.trim());
    if (!Number.isInteger(v) || v < 1) throw new OptionError(`--layers must be 'none' or whole numbers >= 1 separated by commas, e.g. 20,7,5; got '${s}'`);
    return v;
  });
}

function parseDecay(s: string | undefined) {
  if (!s) return undefined;
  const [kind, a, b] = s.split(':');
  const num = (v: string | undefined) => Number(v);
  const bad = () => { throw new OptionError(`--lr-decay must be exp:RATE, step:FACTOR:EVERY or inv:RATE[:EVERY], got '${s}'`); };
  if (kind === 'exp' && num(a) > 0) return { type: 'exponential' as const, rate: num(a) };
  if (kind === 'step' && num(a) > 0 && Number.isInteger(num(b)) && num(b) >= 1) return { type: 'step' as const, dropRate: num(a), every: num(b) };
  if (kind === 'inv' && num(a) >= 0 && (b === undefined || (Number.isInteger(num(b)) && num(b) >= 1))) return { type: 'inverseTime' as const, decayRate: num(a), every: b === undefined ? undefined : num(b) };
  return bad();
}

/** Make a linear output layer predict mean + std * output: W := std W, b := std b + mean. */
function foldTargetScale(net: Network, t: { mean: number; std: number }): void {
  const L = net.depth;
  if (net.layers[L - 1]!.activation.name !== 'linear') return;
  net.W(L).data.forEach((v, k, a) => { a[k] = v * t.std; });
  net.b(L).data.forEach((v, k, a) => { a[k] = v * t.std + t.mean; });
}

/** Scales beyond which training without --standardize is warned about: |x| of a feature, sd of a regression target. */
const LARGE_FEATURE = 10, LARGE_TARGET_SD = 10;

/** What is badly scaled in the training set (the largest feature value, a regression target's spread), if anything. */
function scaleAdvice(d: Dataset, featureNames?: string[]): string | undefined {
  const { rows, cols, data } = d.X;
  let worst = 0, at = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = i * cols; j < (i + 1) * cols; j++) {
      const v = Math.abs(data[j]!);
      if (v > worst) { worst = v; at = i; }
    }
  }
  const parts: string[] = [];
  if (worst > LARGE_FEATURE) parts.push(`feature '${featureNames?.[at] ?? at + 1}' reaches ${Number(worst.toPrecision(4))}`);
  if (d.task === 'regression' && d.Y.rows === 1) {
    const sd = targetSpread(d.Y).std;
    if (sd > LARGE_TARGET_SD) parts.push(`the target has standard deviation ${Number(sd.toPrecision(4))}`);
  }
  return parts.length ? parts.join(' and ') : undefined;
}

/** Mean and population std of a 1 x m target (std 0 read as 1), as standardization fits them. */
function targetSpread(Y: Matrix): { mean: number; std: number } {
  const p = fitPreprocessing(Y, 'standardize') as { mean: number[]; std: number[] };
  return { mean: p.mean[0]!, std: p.std[0]! };
}

/** The inverse of foldTargetScale, to go on training a saved regression model on the standardized target. */
function unfoldTargetScale(net: Network, t: { mean: number; std: number }): void {
  const L = net.depth;
  if (net.layers[L - 1]!.activation.name !== 'linear') return;
  net.W(L).data.forEach((v, k, a) => { a[k] = v / t.std; });
  net.b(L).data.forEach((v, k, a) => { a[k] = (v - t.mean) / t.std; });
}

/**
 * Refuse a loss that does not fit the output layer or the targets, before training: cross-entropy
 * needs probabilities (sigmoid/softmax outputs, targets in [0, 1]); categorical needs 2+ units.
 */
function checkLossFits(net: Network, task: Task, Y: Dataset['Y'], source: string): void {
  const out = net.outputActivation, units = net.outputSize, loss = net.loss.name;
  const arch = `the output layer is ${units} ${out} unit${units > 1 ? 's' : ''}`;
  if (loss === 'categoricalCrossEntropy' && units < 2) {
    throw new OptionError(`--loss categoricalCrossEntropy needs a softmax output of 2 or more units, but ${arch}; use binaryCrossEntropy (or --output softmax)`);
  }
  if (loss !== 'meanSquaredError' && out !== 'sigmoid' && out !== 'softmax') {
    throw new OptionError(`--loss ${loss} needs probabilities (a sigmoid or softmax output), but ${arch}; use meanSquaredError`);
  }
  if (task === 'regression' && (out === 'sigmoid' || out === 'softmax')) {
    const bad = Y.data.findIndex((v) => !(v >= 0 && v <= 1));
    if (bad >= 0) throw new DataError(`${source}: a ${out} output gives values in [0, 1], but target ${Y.data[bad]} of example ${bad + 1} is outside; use --output linear`);
  }
}

function taskOutput(task: Task, classes: number): { units: number; activation: ActivationName } {
  if (task === 'regression') return { units: 1, activation: 'linear' };
  if (task === 'binary') return { units: 1, activation: 'sigmoid' };
  return { units: classes, activation: 'softmax' };
}

/** A classifier needs examples of at least two classes (a CSV target is checked when read; IDX and HDF5 labels here). */
function checkTwoClasses(d: Dataset, file: string): void {
  if (d.task === 'regression') return;
  const first = d.Y.data[0];
  if (d.Y.data.every((v) => v === first)) {
    throw new DataError(`${file}: every example has the same label (${d.classes?.[first!] ?? first}); a classifier needs examples of at least two classes`);
  }
}

/** trainTestSplit, with an error that names the option when the data is too small for it. */
function split(d: Dataset, fraction: number, seed: number, option: string, file: string): { train: Dataset; test: Dataset } {
  try {
    return trainTestSplit(d, { testFraction: fraction, seed });
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    const side = /training set empty/.test(e.message) ? 'training' : option === '--test-split' ? 'test' : 'validation';
    const hint = option === '--test-split' ? 'use --test-split 0 or give a --test file' : 'use another --validation-split';
    throw new DataError(`${file}: ${option} ${fraction} of ${d.X.cols} example${d.X.cols === 1 ? '' : 's'} leaves the ${side} set empty; ${hint}`);
  }
}

/** unused: data options typed for another kind of data than --data (see unusedDataOptions). */
export async function train(o: TrainOpts, unused: string[] = []): Promise<void> {
  const json = o.json === true;
  const say = (s: string) => { if (!json) process.stdout.write(s + '\n'); };
  const seed = parseIntOption(o.seed as string, '--seed', 0, MAX_SEED - 1); // seed + 1 seeds the validation split
  const epochs = parseIntOption(o.epochs as string, '--epochs', 1);
  const hidden = parseLayers(o.layers as string);
  const activation = parseChoice(o.activation as string, '--activation', ACTIVATION_NAMES.filter((a) => a !== 'softmax'));
  const init = o.init === undefined ? undefined : parseChoice(o.init as string, '--init', INIT_NAMES) as InitName;
  const optimizerChoice = parseChoice(o.optimizer as string, '--optimizer', OPTIMIZERS);
  const l1 = parseNumberOption(o.l1 as string, '--l1', { min: 0 });
  const l2 = parseNumberOption(o.l2 as string, '--l2', { min: 0 });
  const keep = o.dropout === undefined ? 1 : parseNumberOption(o.dropout as string, '--dropout', { max: 1 });
  if (!(keep > 0)) throw new OptionError(`--dropout is the probability of keeping a unit, in (0, 1], got '${o.dropout}'`);
  const lr = o.lr === undefined ? (optimizerChoice === 'adam' || optimizerChoice === 'rmsprop' ? 0.001 : 0.0075) : parseNumberOption(o.lr as string, '--lr', { positive: true });
  const schedule = parseDecay(o.lrDecay as string | undefined);
  const testSplit = parseNumberOption(o.testSplit as string, '--test-split', { min: 0, max: 0.99 });
  const patience = o.earlyStopping === undefined ? undefined : parseIntOption(o.earlyStopping as string, '--early-stopping', 1);
  const valSplit = parseNumberOption(o.validationSplit as string, '--validation-split', { min: 0, max: 0.9 });
  const minDelta = parseNumberOption(o.minDelta as string, '--min-delta', { min: 0 });
  const epsilon = o.epsilon === undefined ? undefined : parseNumberOption(o.epsilon as string, '--epsilon', { positive: true });
  const printEvery = o.printEvery === undefined ? Math.max(1, Math.round(epochs / 20)) : parseIntOption(o.printEvery as string, '--print-every', 1);
  let output = o.output === undefined ? undefined : parseChoice(o.output as string, '--output', ['sigmoid', 'softmax', 'linear'] as const);
  let loss: LossName | undefined;
  if (o.loss !== undefined) loss = LOSS_ALIASES[o.loss as string] ?? parseChoice(o.loss as string, '--loss', LOSS_NAMES);
  for (const [f, flag] of [['plot', '--plot'], ['plotBoundary', '--plot-boundary'], ['plotGradNorms', '--plot-grad-norms']] as const) {
    const v = o[f] as string | undefined;
    if (v !== undefined && !/\.(svg|png)$/i.test(v)) throw new OptionError(`${flag}: the file must end in .svg or .png, got '${v}'`);
    checkOutputPath(v, flag, { inputs: [o.data as string, o.test as string | undefined, o.resume as string | undefined, o.save as string | undefined] });
  }
  if (o.save !== undefined && !String(o.save).toLowerCase().endsWith('.json')) throw new OptionError(`--save: the model file must end in .json, got '${o.save}'`);
  checkOutputPath(o.save as string | undefined, '--save', { inputs: [o.data as string, o.test as string | undefined] });

  // data
  warnUnused(unused, `${o.data} is read as ${kindOfData(detectFormat(o.data as string))}`);
  // (missing: 'mean' fills empty cells below, with means of the training rows only: nothing of the test rows leaks in)
  const loadOpts: LoadOptions = { ...readDataOptions(o), seed: (o.dataSeed as string | undefined) === undefined ? seed : undefined, deferMissing: true };
  const loaded = await loadDataset(o.data as string, loadOpts);
  let trainSet: Dataset = loaded.dataset;
  let testSet: Dataset | undefined;
  if (trainSet.unlabeled) throw new DataError(`${o.data}: the training data has no labels`);
  checkTwoClasses(trainSet, o.data as string);
  // checked before training, not after a long run
  if (o.plotBoundary && trainSet.X.rows !== 2) throw new OptionError(`--plot-boundary needs 2-D data, ${o.data} has ${trainSet.X.rows} features`);
  if (o.test !== undefined) {
    testSet = (await loadDataset(o.test as string, { ...loadOpts, schema: loaded.schema })).dataset;
    if (testSet.X.rows !== trainSet.X.rows) {
      throw new DataError(`--test ${o.test}: ${testSet.X.rows} features per example, but the training data ${o.data} has ${trainSet.X.rows}`);
    }
  } else if (testSplit > 0) {
    ({ train: trainSet, test: testSet } = split(trainSet, testSplit, seed, '--test-split', o.data as string));
  }
  let valSet: Dataset | undefined;
  if (patience !== undefined && valSplit > 0) {
    ({ train: trainSet, test: valSet } = split(trainSet, valSplit, seed + 1, '--validation-split', o.data as string));
  }
  if (loaded.schema?.format === 'csv' && loaded.schema.missing === 'mean') {
    fillMissingMeans(loaded.schema, trainSet.X, [testSet?.X, valSet?.X, loaded.dataset.X]);
  }
  const task: Task = trainSet.task;
  const classes = trainSet.classes;

  // preprocessing, fitted on the training set only
  let pre: Preprocessing | undefined = o.standardize ? fitPreprocessing(trainSet.X, 'standardize') : undefined;
  if (!o.standardize && o.resume === undefined) {
    const advice = scaleAdvice(trainSet, loaded.dataset.featureNames);
    if (advice) process.stderr.write(`backprop: warning: ${advice}; gradient descent on unscaled data is slow or unstable: add --standardize\n`);
  }
  const modelPre = toModelPreprocessing(loaded.schema, pre);
  const prep = (d: Dataset | undefined) => (d && pre ? { ...d, X: applyPreprocessing(pre, d.X) } : d);
  trainSet = prep(trainSet)!;
  testSet = prep(testSet);
  valSet = prep(valSet);

  // with --standardize, a regression target is z-scored too while training; afterwards the scaling is
  // folded into the linear output layer (W := std W, b := std b + mean), so the model predicts in the
  // target's own units with no extra step
  // (only for a linear output: a sigmoid one predicts the target's own values in [0, 1])
  let targetScale: { mean: number; std: number } | undefined;
  const prev = o.resume !== undefined ? await loadModel(o.resume as string) : undefined;
  const linearOutput = prev ? prev.net.outputActivation === 'linear' : (output ?? 'linear') === 'linear';
  if (o.standardize && task === 'regression' && trainSet.Y.rows === 1 && linearOutput) {
    targetScale = targetSpread(trainSet.Y);
    const { mean, std: sd } = targetScale;
    const scaleY = (d: Dataset | undefined) => d && { ...d, Y: d.Y.map((v) => (v - mean) / sd) };
    trainSet = scaleY(trainSet)!;
    valSet = scaleY(valSet);
  }

  // network
  const dtype = o.float64 ? 'float64' : 'float32';
  let net: Network;
  if (prev) {
    if (prev.net.inputSize !== trainSet.X.rows) throw new DataError(`--resume ${o.resume}: the model expects ${prev.net.inputSize} features but the data has ${trainSet.X.rows}`);
    if ((prev.meta.task === 'regression') !== (task === 'regression') || (task === 'multiclass' && prev.net.outputSize !== classes?.length)) {
      throw new DataError(`--resume ${o.resume}: a ${prev.meta.task} model (${prev.net.describe()}) cannot go on training on ${task} data${classes ? ` with ${classes.length} classes` : ''}`);
    }
    if (prev.meta.classes && classes && prev.meta.classes.join('\u0000') !== classes.join('\u0000')) {
      throw new DataError(`--resume ${o.resume}: the model's classes (${prev.meta.classes.join(', ')}) differ from the data's (${classes.join(', ')})`);
    }
    const prevPre = prev.meta.preprocessing as { standardize?: { mean: number[]; std: number[] } } | undefined;
    if (prevPre?.standardize && !o.standardize) {
      pre = { method: 'standardize', mean: prevPre.standardize.mean, std: prevPre.standardize.std };
      Object.assign(modelPre, { standardize: prevPre.standardize });
      trainSet = { ...trainSet, X: applyPreprocessing(pre, trainSet.X) };
      testSet = testSet && { ...testSet, X: applyPreprocessing(pre, testSet.X) };
      valSet = valSet && { ...valSet, X: applyPreprocessing(pre, valSet.X) };
    }
    net = new Network({
      inputSize: prev.net.inputSize, dtype, seed, l1, l2, loss: loss ?? prev.net.loss.name, init: 'zeros', warn: () => {},
      layers: prev.net.layers.map((l, i) => ({ units: l.units, activation: l.activationSpec, keepProb: i < prev.net.depth - 1 ? keep : 1 })),
    });
    prev.net.layers.forEach((l, i) => { net.W(i + 1).data.set(l.W.data); net.b(i + 1).data.set(l.b.data); });
    if (targetScale) unfoldTargetScale(net, targetScale);
  } else {
    const out = taskOutput(task, classes?.length ?? 2);
    if (output) {
      if (task === 'regression' && output !== 'linear' && output !== 'sigmoid') throw new OptionError(`--output ${output} does not fit a regression target; use linear (or sigmoid for targets in [0, 1])`);
      if (task !== 'regression' && output === 'linear') throw new OptionError('--output linear does not fit a classification target; use sigmoid (2 classes) or softmax, or --task regression');
      if (output === 'softmax') out.units = classes?.length ?? 2;
      if (output === 'sigmoid' && task === 'multiclass') throw new OptionError(`--output sigmoid gives one unit, but the data has ${classes?.length} classes; use softmax`);
      out.activation = output;
    } else {
      output = out.activation as 'sigmoid' | 'softmax' | 'linear';
    }
    const layers: LayerSpec[] = [
      ...hidden.map((units) => ({ units, activation, keepProb: keep })),
      { units: out.units, activation: out.activation },
    ];
    const sizes = [trainSet.X.rows, ...layers.map((l) => l.units)];
    const parameters = sizes.slice(1).reduce((sum, n, l) => sum + n * (sizes[l]! + 1), 0);
    if (parameters > MAX_PARAMETERS) {
      throw new OptionError(`--layers ${o.layers}: a ${sizes.join('-')} network has ${parameters.toExponential(2)} parameters, more than the ${MAX_PARAMETERS.toExponential(2)} that fit in memory; use smaller layers`);
    }
    net = new Network({ inputSize: trainSet.X.rows, layers, loss, init, seed, l1, l2, dtype, warn: (m) => process.stderr.write(`backprop: warning: ${m}\n`) });
  }
  checkLossFits(net, task, trainSet.Y, o.data as string);

  const m = trainSet.X.cols;
  const batchSize = o.batchSize !== undefined ? parseIntOption(o.batchSize as string, '--batch-size', 1)
    : optimizerChoice === 'sgd' ? 1 : optimizerChoice === 'minibatch' ? Math.min(64, m) : m;
  const optimizer: OptimizerName = optimizerChoice === 'sgd' || optimizerChoice === 'minibatch' ? 'gd' : optimizerChoice;
  say(`backprop: ${net.describe()} (${net.loss.name}), ${m} training examples${testSet ? `, ${testSet.X.cols} test` : ''}${valSet ? `, ${valSet.X.cols} validation` : ''}`);
  say(`  ${optimizerChoice} with learning rate ${lr}, batch size ${Math.min(batchSize, m)}, ${epochs} epochs${l2 ? `, L2 ${l2}` : ''}${l1 ? `, L1 ${l1}` : ''}${keep < 1 ? `, dropout keep ${keep}` : ''}`);

  const progress = createProgress({ epochs, enabled: !json, printEvery });
  let history: History;
  const started = Date.now();
  try {
    history = fit(net, trainSet.X, trainSet.Y, {
      epochs, batchSize, learningRate: lr, optimizer, schedule, seed,
      validationData: valSet ? { X: valSet.X, Y: valSet.Y } : undefined,
      earlyStopping: patience !== undefined ? { patience, minDelta, monitor: valSet ? 'valCost' : 'cost' } : undefined,
      stopWhenCostBelow: epsilon,
      recordGradientNorms: o.plotGradNorms !== undefined || json,
      onEpochEnd: (e) => progress.update(e.epoch, e.cost, e.valCost),
    });
  } catch (e) {
    progress.stop();
    if (e instanceof DivergenceError && o.save !== undefined) {
      throw new DivergenceError(`${e.message}; nothing was saved to ${o.save}`, e.epoch, e.iteration);
    }
    throw e;
  }
  progress.stop();
  const seconds = (Date.now() - started) / 1000;
  if (history.stopReason === 'earlyStopping') say(`  early stopping after epoch ${history.epoch.length}; keeping the weights of epoch ${history.bestEpoch}`);
  if (history.stopReason === 'epsilon') say(`  the cost fell below ${epsilon} at epoch ${history.epoch.length}`);

  if (targetScale) {
    foldTargetScale(net, targetScale);
    const { mean, std } = targetScale;
    trainSet = { ...trainSet, Y: trainSet.Y.map((v) => v * std + mean) };
    say(`  (the cost above is on the standardized target; the metrics below are in the target's units)`);
  }
  const trainEval = evaluate(net, trainSet.X, trainSet.Y, task);
  const testEval = testSet && !testSet.unlabeled ? evaluate(net, testSet.X, testSet.Y, task) : undefined;
  const save = o.save as string | undefined;
  if (save) {
    await saveModel(save, net, {
      task, classes, features: loaded.dataset.featureNames,
      preprocessing: modelPre as Record<string, unknown>,
      training: {
        data: o.data, epochs: history.epoch.length, optimizer: optimizerChoice, learningRate: lr, batchSize, l1, l2, keepProb: keep, seed,
        finalCost: history.cost[history.cost.length - 1], trainMetrics: metricsJson(trainEval, classes), testMetrics: testEval && metricsJson(testEval, classes),
        seconds, date: new Date().toISOString(),
      },
    });
  }
  if (o.plot) await writeChart(o.plot as string, costCurveSpec(history, `Cost per epoch: ${net.describe()}`), '--plot');
  if (o.plotGradNorms) await writeChart(o.plotGradNorms as string, gradientNormsSpec(history, `||dW[l]|| per epoch: ${net.describe()}`), '--plot-grad-norms');
  if (o.plotBoundary) {
    const raw = loaded.dataset;
    const spec = decisionBoundarySpec(net, raw.X, labelsOf(raw.Y), {
      classes, title: `Decision boundary: ${net.describe()}`,
      transform: (G) => prepareInput(G, modelPre),
    });
    await writeChart(o.plotBoundary as string, spec, '--plot-boundary');
  }

  if (json) {
    process.stdout.write(JSON.stringify({
      train: metricsJson(trainEval, classes),
      ...(testEval ? { test: metricsJson(testEval, classes) } : {}),
      history: history.epoch.map((e, i) => ({
        epoch: e, cost: history.cost[i],
        ...(history.valCost[i] !== undefined ? { valCost: history.valCost[i] } : {}),
        ...(history.gradientNorms[i] ? { gradNorms: history.gradientNorms[i] } : {}),
      })),
      stopReason: history.stopReason,
      bestEpoch: history.bestEpoch,
      seconds,
      model: save ?? null,
    }) + '\n');
    return;
  }
  say(`trained in ${seconds.toFixed(1)} s, final cost ${history.cost[history.cost.length - 1]!.toFixed(6)}`);
  say('train: ' + formatMetrics(trainEval, classes, { brief: true }));
  if (testEval) say('test:  ' + formatMetrics(testEval, classes, { brief: true }));
  if (save) say(`model saved to ${save}`);
  if (o.plot) say(`cost curve written to ${o.plot}`);
  if (o.plotBoundary) say(`decision boundary written to ${o.plotBoundary}`);
  if (o.plotGradNorms) say(`gradient norms written to ${o.plotGradNorms}`);
}
