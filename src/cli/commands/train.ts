// `backprop train`: options -> TrainSpec, load the data, trainModel, then report, save and plot.

import type { Command } from 'commander';
import { trainModel } from '../../model/train-model.js';
import type { TrainData, TrainResult, RunStart, TrainSpec } from '../../model/spec.js';
import { scheduleText } from '../../optim/schedules.js';
import { networkInput } from '../../model/preprocessing.js';
import { labelsOf } from '../../train/predict.js';
import { loadDataset, detectFormat, type LoadOptions } from '../../data/load.js';
import { loadModel, saveModel } from '../../io/model-file.js';
import { DataError, DivergenceError, OptionError } from '../../errors.js';
import { checkOutputPath, parseIntOption, refuseSharedOutputs, refuseStdout, withoutEffect } from '../options.js';
import { trainingOptions, parseTrainSpec, type TrainFlags } from '../train-options.js';
import { dataOptions, forFile, readDataOptions, testReadOptions, unusedDataOptions, warnUnused, kindOfData } from '../data-options.js';
import { noteDroppedRows } from '../pipeline.js';
import { createProgress, iterationLabel } from '../progress.js';
import { errorWithFlags, optionsAsFlags, withFlags } from '../spec-flags.js';
import { formatMetrics, metricsJson } from '../report.js';
import { diagnoseTraining, type Finding } from '../../metrics/diagnosis.js';
import { checkChartPackages, checkChartTarget, writeChart } from '../../plot/render.js';
import { costCurveSpec } from '../../plot/cost-curve.js';
import { decisionBoundarySpec } from '../../plot/decision-boundary.js';
import { gradientNormsSpec } from '../../plot/gradient-norms.js';
import { existsSync } from 'node:fs';
import { freemem, totalmem } from 'node:os';
import { InterruptedError, printWarning, signalText, type StopSignal } from '../errors.js';
import { onStopSignal } from '../interrupt.js';
import { showPath } from '../../io/path-text.js';
import { costText, numberText } from '../../util/number-text.js';

export interface TrainCommandOptions extends TrainFlags {
  data: string;
  test?: string;
  resume?: string;
  save?: string;
  plot?: string;
  plotGradNorms?: string;
  plotBoundary?: string;
  recordEvery?: string;
  printEvery?: string;
  json?: boolean;
  dataSeed?: string;
  /** None of --optimizer, --lr, --batch-size was typed: the run is on the course's defaults. */
  courseDefaults?: boolean;
  [dataOption: string]: string | boolean | undefined;
}

/** Said under a diagnosis of slow training when the run was on the course's defaults (optdigits: 50% where scikit-learn's MLP reaches 97%). */
const COURSE_DEFAULTS_NOTE = "  (these are the course's defaults: batch gradient descent at learning rate 0.0075; on other data, the start of scikit-learn's MLP and Keras usually trains much further in as many epochs: --optimizer adam --lr 0.001 --batch-size 32 --standardize)";

export function register(program: Command): void {
  const cmd = program
    .command('train')
    .description('train a network on a data file (CSV, MNIST IDX, HDF5, image folder) or a built-in set')
    .requiredOption('--data <file>', 'training data: a file, an image folder, or a built-in set name (see `backprop datasets`)');
  trainingOptions(dataOptions(cmd))
    .option('--test <file>', 'test data, read like the training data (a built-in set: a fresh draw, with the next data seed)')
    .option('--resume <model>', 'start from the weights of this model file (its architecture wins: --layers, --activation, --output and --init that differ are ignored, with a warning)')
    .option('--save <model>', 'write the trained model here (JSON, written atomically; only when training succeeds)')
    .option('--plot <file>', 'cost curve (training, validation and test cost), .svg or .png')
    .option('--record-every <n>', 'also record the cost of every Nth iteration (one step), drawn on --plot: SGD\'s and mini-batch\'s noise')
    .option('--plot-grad-norms <file>', 'norm of dW[l] per layer per epoch (vanishing/exploding gradients), .svg or .png')
    .option('--plot-boundary <file>', 'decision boundary with the training points, .svg or .png (2-D data only)')
    .option('--print-every <n>', 'print the cost every N epochs when not on a terminal (default: about 20 lines)')
    .option('--json', 'print one JSON object with the metrics and history at the end instead of text')
    .action(async (opts) => {
      // with --resume, the defaults of --layers and --activation are not asked for: the model's own are used
      if (opts.resume !== undefined) for (const k of ['layers', 'activation']) if (cmd.getOptionValueSource(k) === 'default') opts[k] = undefined;
      // the splits are given to the library only when typed: it says when one has no effect (a --test given, no --early-stopping)
      // and so is --activation: the library says when there is no hidden layer for it (--layers none)
      for (const k of ['testSplit', 'validationSplit', 'activation']) if (cmd.getOptionValueSource(k) === 'default') opts[k] = undefined;
      opts.courseDefaults = ['optimizer', 'lr', 'batchSize'].every((k) => cmd.getOptionValueSource(k) !== 'cli');
      const ignored = withoutEffect(cmd, [
        { key: 'minDelta', applies: opts.earlyStopping !== undefined, why: 'it is for --early-stopping, which is not given' },
        { key: 'recordEvery', applies: opts.plot !== undefined || opts.json === true, why: 'the costs it records are drawn by --plot or printed by --json, and neither is given' },
        { key: 'printEvery', applies: opts.json !== true, why: '--json prints no progress' },
      ]);
      await runTrain(opts, unusedDataOptions(cmd, detectFormat(opts.data)), ignored);
    });
}

/**
 * unused: data options typed for another kind of data than --data (see unusedDataOptions); ignored:
 * warnings about other options without effect, said once every value is known to be valid.
 */
export async function runTrain(o: TrainCommandOptions, unused: string[] = [], ignored: string[] = []): Promise<TrainResult> {
  const say = (s: string) => { if (!o.json) process.stdout.write(s + '\n'); };
  const interrupt = catchInterrupt();
  try {
    return await trainAndSave(o, { unused, ignored }, say, interrupt);
  } finally {
    interrupt.dispose();
  }
}

async function trainAndSave(o: TrainCommandOptions, { unused, ignored }: { unused: string[]; ignored: string[] }, say: (s: string) => void, { signal, received }: { signal: AbortSignal; received: () => StopSignal }): Promise<TrainResult> {
  const spec = parseTrainSpec(o);
  if (o.resume !== undefined && o.layers === undefined) delete spec.layers; // the resumed model's architecture
  if (o.activation === undefined) delete spec.activation; // the resumed model's, or the library's default (relu)
  if (o.testSplit === undefined) delete spec.testSplit;
  if (o.validationSplit === undefined) delete spec.validationSplit;
  checkOutputs(o);
  await checkChartPackages([o.plot, o.plotBoundary, o.plotGradNorms]); // a missing one said before training, not after
  if (o.recordEvery !== undefined) spec.recordEvery = parseIntOption(o.recordEvery, '--record-every', 1);
  const printEvery = o.printEvery === undefined ? Math.max(1, Math.round(spec.epochs! / 20)) : parseIntOption(o.printEvery, '--print-every', 1);
  readDataOptions(o); // every value checked before an option is said to be ignored
  warnUnused(unused, `${o.data} is read as ${kindOfData(detectFormat(o.data))}`);
  ignored.forEach(printWarning);
  // (a Ctrl-C while a large file is read stops the read: it was said once the whole file was read)
  const { data, raw, taskChoice } = await loadTrainData(o, spec.seed!, signal).catch((e: unknown) => {
    throw signal.aborted ? interrupted(o, -1, spec.epochs!, received()) : e;
  });
  if (taskChoice) say(`backprop: ${optionsAsFlags(taskChoice)}`);
  if (o.resume !== undefined) spec.resume = await loadModel(o.resume);
  spec.recordGradientNorms = o.plotGradNorms !== undefined || o.json === true;
  spec.recordTestCost = o.plot !== undefined || o.json === true;
  const progress = createProgress({ epochs: spec.epochs!, enabled: !o.json, printEvery });
  let result: TrainResult, done = 0, started = false;
  try {
    result = await trainModel(spec, data, {
      onStart: (run) => { started = !signal.aborted; say(startLines(run, spec, o.optimizer ?? 'gd')); },
      onEpochEnd: (e) => { done = e.epoch; progress.update(e); },
      signal,
      keepData: true, // the progress bar only reads
      ignoreWeights: true, // nor does it read the weights
      warn: (m) => printWarning(withFlags(m, undefined)),
      memoryLimit: Math.min(totalmem() / 2, Math.max(freemem(), 2 ** 30)),
    });
  } catch (e) {
    if (signal.aborted) throw interrupted(o, started ? done : -1, spec.epochs!, received());
    if (e instanceof DivergenceError && o.save !== undefined) throw new DivergenceError(`${e.message}; nothing was saved to ${o.save}`, e.epoch, e.iteration);
    throw errorWithFlags(e, o);
  } finally {
    progress.stop();
  }
  if (signal.aborted) throw interrupted(o, done, spec.epochs!, received()); // after the last epoch, before the save
  const { model, history } = result;
  if (history.stopReason === 'earlyStopping') say(`  early stopping after epoch ${history.epoch.length}; keeping the weights of epoch ${history.bestEpoch}`);
  if (history.stopReason === 'epsilon') say(`  the cost fell below ${numberText(spec.epsilon!)} at epoch ${history.epoch.length}`);
  if (model.preprocessing.target) say(`  (the cost above is on the standardized target; the metrics below are in the target's units)`);
  // Ctrl-C while the files are written: the one being written is finished (atomically), the others are
  // not begun (it was ignored: the charts took seconds more, then exit 0 without a word)
  const written: string[] = [];
  const wrote = (file: string) => {
    written.push(file);
    if (signal.aborted) throw new InterruptedError(interruptedWritingMessage(o, written, received()), received());
  };
  if (o.save) {
    await saveModel(o.save, model);
    wrote(o.save);
  }
  await writePlots(o, result, raw, wrote);
  report(o, result, taskChoice);
  return result;
}

/**
 * Ctrl-C while the data loads or the network trains: training stops at the end of the epoch, and
 * one line says so (it used to exit 130 without a word). A second Ctrl-C ends the process at once.
 * Files are only written after training, each atomically: an interrupted run leaves them as they were.
 */
function catchInterrupt(): { signal: AbortSignal; received: () => StopSignal; dispose: () => void } {
  const controller = new AbortController();
  let received: StopSignal = 'SIGINT';
  const dispose = onStopSignal((s) => { received = s; controller.abort(); });
  return { signal: controller.signal, received: () => received, dispose };
}

const interrupted = (o: TrainCommandOptions, done: number, epochs: number, signal: StopSignal) => new InterruptedError(interruptedMessage(o, done, epochs, signal), signal);

/**
 * 'interrupted (Ctrl-C) after epoch 12 of 100; no file was written (m.json is as it was)'; done is -1
 * before training began (while the network was built), 0 once it began,
 * until epoch 1 ended (it said "before training began" of a run stopped during epoch 1).
 */
export function interruptedMessage(o: TrainCommandOptions, done: number, epochs: number, signal: StopSignal): string {
  const when = done < 0 ? 'before training began' : done === 0 ? `before epoch 1 of ${epochs} ended` : `after epoch ${done} of ${epochs}`;
  const outputs = [o.save, o.plot, o.plotBoundary, o.plotGradNorms].filter((f): f is string => f !== undefined);
  const kept = outputs.filter((f) => existsSync(f)).map(showPath);
  const files = outputs.length === 0 ? 'no model was saved (no --save)'
    : `no file was written${kept.length > 0 ? ` (${kept.join(', ')} ${kept.length === 1 ? 'is' : 'are'} as ${kept.length === 1 ? 'it was' : 'they were'})` : ''}`;
  return `interrupted (${signalText(signal)}) ${when}; ${files}`;
}

/** 'interrupted (Ctrl-C) after training, while its files were written; written: m.json; not written: cost.png'. */
function interruptedWritingMessage(o: TrainCommandOptions, written: string[], signal: StopSignal): string {
  const unwritten = [o.save, o.plot, o.plotGradNorms, o.plotBoundary].filter((f): f is string => f !== undefined && !written.includes(f));
  return `interrupted (${signalText(signal)}) after training, while its files were written; written: ${written.map(showPath).join(', ')}${unwritten.length > 0 ? `; not written: ${unwritten.map(showPath).join(', ')}` : ''}`;
}

/** The two lines printed before training: the network and the data, then the optimizer's settings. */
function startLines(run: RunStart, spec: TrainSpec, optimizer: string): string {
  const epochs = spec.epochs!;
  const net = run.network, { l1, l2 } = net.regularization, keep = net.layers[0]!.keepProb;
  const { train, test, validation } = run.examples;
  const steps = Math.ceil(train / run.batchSize);
  const numbering = steps === 1
    ? '  full batch: one update per epoch; epoch e prints the cost before its update, the course\'s "cost after iteration e-1"'
    : `  ${steps} updates per epoch; an epoch's cost is the mean of its steps' costs, each before its update`;
  return `backprop: ${net.describe()} (${net.loss.name}), ${train} training examples${test ? `, ${test} test` : ''}${validation ? `, ${validation} validation` : ''}\n` +
    // a decay was not said: --lr-decay inv:1:1000 read as 'learning rate 0.1' alone
    `  ${optimizer} with ${scheduleText(run.learningRate, spec.schedule, epochs, numberText)}, batch size ${run.batchSize}, ${epochs} epochs${l2 ? `, L2 ${numberText(l2)}` : ''}${l1 ? `, L1 ${numberText(l1)}` : ''}${keep < 1 ? `, dropout keep ${keep}` : ''}\n` + numbering;
}

/** Output paths checked before a long run: the right extension, a writable folder, none of the inputs. */
function checkOutputs(o: TrainCommandOptions): void {
  for (const [f, flag] of [['plot', '--plot'], ['plotBoundary', '--plot-boundary'], ['plotGradNorms', '--plot-grad-norms']] as const) {
    const v = o[f];
    // '-' was refused for its missing extension, as if a name were wrong
    refuseStdout(v, flag, 'a chart: its format comes from its name, .svg or .png');
    if (v !== undefined && !/\.(svg|png)$/i.test(v)) throw new OptionError(`${flag}: the file must end in .svg or .png, got '${v}'`);
    checkOutputPath(v, flag, { inputs: [o.data, o.test, o.resume, o.save], replace: checkChartTarget });
  }
  refuseStdout(o.save, '--save', 'the model: standard output carries the training report');
  if (o.save !== undefined && !String(o.save).toLowerCase().endsWith('.json')) throw new OptionError(`--save: the model file must end in .json, got '${o.save}'`);
  checkOutputPath(o.save, '--save', { inputs: [o.data, o.test], model: true });
  // two charts written to one file: the second would replace the first, silently
  refuseSharedOutputs([['--plot', o.plot], ['--plot-boundary', o.plotBoundary], ['--plot-grad-norms', o.plotGradNorms]], 'chart');
}

/** --data (and --test, read the same way); empty CSV cells stay NaN for trainModel to fill from the training rows. */
async function loadTrainData(o: TrainCommandOptions, seed: number, signal: AbortSignal): Promise<{ data: TrainData; raw: TrainData['train']; taskChoice?: string }> {
  const loadOpts: LoadOptions = { ...readDataOptions(o), ...(o.dataSeed === undefined ? { seed } : {}), deferMissing: true, ...(o.float64 ? { dtype: 'float64' } : {}), signal };
  const loaded = await loadDataset(o.data, forFile(o.data, loadOpts));
  if (loaded.dataset.unlabeled) throw new DataError(`${o.data}: the training data has no labels`);
  // checked before training, not after a long run
  if (o.plotBoundary && loaded.dataset.X.rows !== 2) throw new OptionError(`--plot-boundary needs 2-D data, ${o.data} has ${loaded.dataset.X.rows} features`);
  noteDroppedRows(loaded.droppedLines ?? [], loaded.dataset.X.cols, o.data);
  const testLoaded = o.test === undefined ? undefined : await loadDataset(o.test, forFile(o.test, testReadOptions(o.test, loadOpts, loaded.schema)));
  const test = testLoaded?.dataset;
  if (testLoaded) noteDroppedRows(testLoaded.droppedLines ?? [], testLoaded.dataset.X.cols, o.test!);
  if (test && test.X.rows !== loaded.dataset.X.rows) {
    throw new DataError(`--test ${o.test}: ${test.X.rows} features per example, but the training data ${o.data} has ${loaded.dataset.X.rows}`);
  }
  return { data: { train: loaded.dataset, schema: loaded.schema, test, source: o.data }, raw: loaded.dataset, taskChoice: loaded.taskChoice };
}

/** Write the charts asked for; `wrote` is told of each one written. */
async function writePlots(o: TrainCommandOptions, { model, history, testCost }: TrainResult, raw: TrainData['train'], wrote: (file: string) => void): Promise<void> {
  const net = model.network;
  if (o.plot) {
    await writeChart(o.plot, costCurveSpec(history, `Cost: ${net.describe()}`, { testCost }), '--plot');
    wrote(o.plot);
  }
  if (o.plotGradNorms) {
    await writeChart(o.plotGradNorms, gradientNormsSpec(history, `||dW[l]|| per epoch: ${net.describe()}`), '--plot-grad-norms');
    wrote(o.plotGradNorms);
  }
  if (o.plotBoundary) {
    const spec = decisionBoundarySpec(net, raw.X, labelsOf(raw.Y), {
      classes: model.classes, title: `Decision boundary: ${net.describe()}`,
      transform: (G) => networkInput(model.preprocessing, G),
    });
    await writeChart(o.plotBoundary, spec, '--plot-boundary');
    wrote(o.plotBoundary);
  }
}

function report(o: TrainCommandOptions, r: TrainResult, taskChoice?: string): void {
  const { history, model } = r, classes = model.classes;
  if (o.json) {
    process.stdout.write(JSON.stringify({
      // the task trained, and what --task auto chose (the text output's first line; the JSON said neither)
      task: model.task, ...(taskChoice ? { taskChoice: optionsAsFlags(taskChoice) } : {}),
      train: metricsJson(r.train, classes, model.targets),
      ...(r.test ? { test: metricsJson(r.test, classes, model.targets) } : {}),
      history: history.epoch.map((e, i) => ({
        epoch: e, iteration: history.iteration[i], cost: history.cost[i],
        ...(history.valCost[i] !== undefined ? { valCost: history.valCost[i] } : {}),
        ...(r.testCost?.[i] !== undefined ? { testCost: r.testCost[i] } : {}),
        ...(history.gradientNorms[i] ? { gradNorms: history.gradientNorms[i] } : {}),
      })),
      ...(history.iterations.length ? { iterations: history.iterations } : {}),
      stopReason: history.stopReason, bestEpoch: history.bestEpoch, diagnosis: findingsOf(r, o.classWeight !== undefined), seconds: r.seconds, model: o.save ?? null,
    }) + '\n');
    return;
  }
  const last = history.cost.length - 1, steps = (history.iteration[last + 1] ?? history.iterationsRun) - history.iteration[last]!;
  const when = last < 0 ? '' : `${iterationLabel({ firstIteration: history.iteration[last]!, steps })}, before ${steps === 1 ? 'its update' : 'their updates'}`;
  const trained = last < 0 ? 'not trained (--epochs 0): the initial weights' : `trained in ${r.seconds.toFixed(1)} s; last epoch's cost ${costText(history.cost[last]!)} (${when})`;
  const lines = [trained, 'train: ' + formatMetrics(r.train, classes, { brief: true })];
  if (r.test) lines.push('test:  ' + formatMetrics(r.test, classes, { brief: true }));
  const findings = findingsOf(r, o.classWeight !== undefined);
  if (findings.length) lines.push('diagnosis:', ...findings.map((f) => `  ${f.message}`));
  if (o.courseDefaults && findings.some((f) => f.kind === 'stillFalling' || f.kind === 'highBias')) lines.push(COURSE_DEFAULTS_NOTE);
  if (o.save) lines.push(`model saved to ${showPath(o.save)}`);
  if (o.plot) lines.push(`cost curve written to ${showPath(o.plot)}`);
  if (o.plotBoundary) lines.push(`decision boundary written to ${showPath(o.plotBoundary)}`);
  if (o.plotGradNorms) lines.push(`gradient norms written to ${showPath(o.plotGradNorms)}`);
  process.stdout.write(lines.join('\n') + '\n');
}

/** What the run's numbers say (bias, variance, the learning rate), judged on the test set, else the validation set. */
function findingsOf(r: TrainResult, weighted: boolean): Finding[] {
  const heldOut = r.test ? { heldOut: r.test } : r.validation ? { heldOut: r.validation, heldOutName: 'validation' } : {};
  const findings = diagnoseTraining({ history: r.history, train: r.train, ...heldOut, standardized: r.model.preprocessing.standardize !== undefined, weighted, targets: r.model.targets, network: r.model.network });
  // (the advice in flags: classWeight 'balanced' -> --class-weight 'balanced')
  return findings.map((f) => ({ ...f, message: withFlags(f.message, undefined) }));
}
