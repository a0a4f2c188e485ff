// `backprop tune`: a hyperparameter study over train's flags, where a flag given several values
// (a|b|c) or a range (lo..hi) is a search dimension; trials on worker threads, a resumable
// journal, a leaderboard, and optionally the best configuration retrained and saved.

import path from 'node:path';
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { loadDataset, detectFormat } from '../../data/load.js';
import { trainTestSplit } from '../../data/split.js';
import type { Dataset } from '../../data/synthetic.js';
import { saveModel } from '../../io/model-file.js';
import { DataError, OptionError } from '../../errors.js';
import { checkOutputPath, parseChoice, parseIntOption, parseNumberOption } from '../options.js';
import { dataOptions, readDataOptions, unusedDataOptions, warnUnused, kindOfData, MAX_SEED } from '../data-options.js';
import { toModelPreprocessing } from '../pipeline.js';
import { metricsJson, formatMetrics } from '../report.js';
import { readSpaceFile, searchSpecOf } from '../search-flags.js';
import { leaderboard, liveLine, paramsText, pruningSaved, studyJson } from '../tune-report.js';
import { OBJECTIVE_NAMES } from '../../tune/objective.js';
import { tune, type StudyResult, type TuneSpec } from '../../tune/tune.js';
import { retrainBest } from '../../tune/retrain.js';
import { writeChart } from '../../plot/render.js';
import { tuneSpec } from '../../plot/tune-plot.js';

export function register(program: Command): void {
  const cmd = program
    .command('tune')
    .description("search train's settings: give a flag several values (--layers 16|32,16) or a range (--lr 1e-4..1e-1) and it becomes a search dimension")
    .requiredOption('--data <file>', 'training data: a file, an image folder, or a built-in set name');
  dataOptions(cmd);
  cmd
    .option('--test <file>', 'test data: scored once, on the saved best model only, never used to choose')
    .option('--test-split <fraction>', 'hold out this fraction as a test set when --test is not given (0 = none)', '0.2')
    .option('--validation-split <fraction>', 'fraction of the training data each trial is validated on (without --cv)', '0.2')
    .option('--layers <sizes>', "hidden layer sizes, e.g. 16|32,16|64,32 (a choice of architectures)", '16')
    .option('--activation <names>', 'hidden activation(s), e.g. relu|tanh', 'relu')
    .option('--optimizer <names>', 'gd, sgd, minibatch, momentum, rmsprop, adam (or several: adam|rmsprop)', 'adam')
    .option('--init <schemes>', 'weight initialisation(s)')
    .option('--lr <alpha>', 'learning rate: a value, a list, or a range lo..hi (log-scaled; lin:lo..hi for linear)')
    .option('--batch-size <n>', 'examples per step: a value, a list (16|32|64) or an integer range')
    .option('--epochs <n>', 'epochs of each trial (the most, with pruning)', '20')
    .option('--l1 <lambda>', 'L1 strength: a value, list or range (log-scaled; lin:0..0.1 for linear)')
    .option('--l2 <lambda>', 'L2 strength: a value, list or range (log-scaled; lin:0..0.1 for linear)')
    .option('--dropout <keep>', 'keep probability: a value, list or range (linear)')
    .option('--standardize', 'z-score the features with the mean and std of each trial\'s training part')
    .option('--space <file>', 'the search space as JSON: {"lr": "1e-4..1e-1", "layers": ["16", "32,16"], ...}')
    .option('--trials <n>', 'trials in the study (a grid: at most its size)', '20')
    .option('--sampler <name>', 'grid, random or tpe', 'tpe')
    .option('--pruner <name>', 'none or asha (stop trials whose validation cost is outside the best 1/3 of their rung)', 'none')
    .option('--cv <k>', 'stratified K-fold cross-validation instead of one validation split')
    .option('--objective <name>', `what to optimize on the validation data: ${OBJECTIVE_NAMES.join(', ')}`, 'loss')
    .option('--workers <n>', 'trials side by side, each on one thread (default: the cores)')
    .option('--seed <n>', 'seeds the sampler, the splits and training', '1')
    .option('--timeout <seconds>', 'stop starting trials after this long')
    .option('--study <file>', 'the study journal (default: DATA.study.jsonl in the current folder); run again to continue it')
    .option('--save <model>', 'retrain the best configuration on train + validation and save it here (JSON)')
    .option('--plot <file>', 'each trial\'s objective with the best so far, and each parameter against it (.svg or .png)')
    .option('--json', 'print the study as one JSON object')
    .action(async (opts) => { await runTune(opts, cmd); });
}

type Opts = Record<string, string | boolean | undefined>;

/** The checked options of a run (everything but the data). */
function readOptions(o: Opts, cmd: Command) {
  const seed = parseIntOption(o.seed as string, '--seed', 0, MAX_SEED - 1);
  const spec: TuneSpec = { seed, ...(o.standardize ? { standardize: true } : {}) };
  // train's defaults for what was not typed, then the flags typed (single values or dimensions), then the file
  Object.assign(spec, searchSpecOf(o, (k) => cmd.getOptionValueSource(k) === 'cli' || cmd.getOptionValueSource(k) === 'default' || o[k] !== undefined));
  if (o.space !== undefined) Object.assign(spec, readSpaceFile(o.space as string));
  for (const [flag, value] of [['--plot', o.plot], ['--save', o.save]] as const) {
    if (value === undefined) continue;
    const ext = flag === '--plot' ? /\.(svg|png)$/i : /\.json$/i;
    if (!ext.test(value as string)) throw new OptionError(`${flag}: the file must end in ${flag === '--plot' ? '.svg or .png' : '.json'}, got '${value}'`);
    checkOutputPath(value as string, flag, { inputs: [o.data as string, o.test as string | undefined, o.study as string | undefined] });
  }
  const study = (o.study as string | undefined) ?? `${path.basename(o.data as string).replace(/(\.csv)?(\.gz)?$|\.[^.]+$/i, '')}.study.jsonl`;
  checkOutputPath(study, '--study', { inputs: [o.data as string, o.test as string | undefined] });
  return {
    seed, spec, study,
    trials: parseIntOption(o.trials as string, '--trials', 1),
    sampler: parseChoice(o.sampler as string, '--sampler', ['grid', 'random', 'tpe'] as const),
    pruner: parseChoice(o.pruner as string, '--pruner', ['none', 'asha'] as const),
    objective: parseChoice(o.objective as string, '--objective', OBJECTIVE_NAMES),
    cv: o.cv === undefined ? undefined : parseIntOption(o.cv as string, '--cv', 2),
    workers: o.workers === undefined ? availableParallelism() : parseIntOption(o.workers as string, '--workers', 1, 256),
    timeout: o.timeout === undefined ? undefined : parseNumberOption(o.timeout as string, '--timeout', { min: 0 }),
    testSplit: parseNumberOption(o.testSplit as string, '--test-split', { min: 0, max: 0.99 }),
    validationSplit: parseNumberOption(o.validationSplit as string, '--validation-split', { min: 0.01, max: 0.9 }),
  };
}

/** The training data and the test set (a file, or a seeded split held out before any trial). */
async function readData(o: Opts, cmd: Command, seed: number, testSplit: number) {
  warnUnused(unusedDataOptions(cmd, detectFormat(o.data as string)), `${o.data} is read as ${kindOfData(detectFormat(o.data as string))}`);
  const loadOpts = { ...readDataOptions(o), seed: o.dataSeed === undefined ? seed : undefined };
  const loaded = await loadDataset(o.data as string, loadOpts);
  let train: Dataset = loaded.dataset, test: Dataset | undefined;
  if (train.unlabeled) throw new DataError(`${o.data}: the training data has no labels`);
  if (o.test !== undefined) test = (await loadDataset(o.test as string, { ...loadOpts, schema: loaded.schema })).dataset;
  else if (testSplit > 0) ({ train, test } = trainTestSplit(train, { testFraction: testSplit, seed }));
  return { train, test, loaded };
}

export async function runTune(o: Opts, cmd: Command): Promise<void> {
  const opt = readOptions(o, cmd);
  const json = o.json === true;
  const { train, test, loaded } = await readData(o, cmd, opt.seed, opt.testSplit);
  const controller = new AbortController();
  const onSigint = () => { process.stderr.write('\nbackprop: stopping: the finished trials are kept in the study; run the same command to continue\n'); controller.abort(); };
  process.once('SIGINT', onSigint);
  const live = !json && process.stderr.isTTY;
  let r: StudyResult;
  try {
    r = await tune({
      spec: opt.spec, data: { train, name: path.basename(o.data as string) }, trials: opt.trials, sampler: opt.sampler, pruner: opt.pruner,
      cv: opt.cv, validationSplit: opt.validationSplit, objective: opt.objective, workers: opt.workers, seed: opt.seed, timeout: opt.timeout,
      storage: opt.study, signal: controller.signal, warn: (m) => process.stderr.write(`backprop: warning: ${m}\n`),
      onChange: live ? (trials) => process.stderr.write(`\r${liveLine(trials, opt.trials, opt.objective === 'loss' ? 'minimize' : 'maximize')}\x1b[K`) : undefined,
    });
  } finally {
    process.removeListener('SIGINT', onSigint);
    if (live) process.stderr.write('\n');
  }
  await finish(o, r, { test, loaded, study: opt.study, json, interrupted: controller.signal.aborted });
}

async function finish(o: Opts, r: StudyResult, c: { test?: Dataset; loaded: Awaited<ReturnType<typeof loadDataset>>; study: string; json: boolean; interrupted: boolean }): Promise<void> {
  const say = (s: string) => { if (!c.json) process.stdout.write(s + '\n'); };
  const best = r.summary.best;
  let testMetrics: Record<string, unknown> | undefined;
  if (best && !c.interrupted && (o.save !== undefined || c.test)) {
    const model = await retrainBest(r, { test: c.test });
    if (model.test) testMetrics = metricsJson(model.test, r.trainAndValidation.classes);
    if (o.save !== undefined) {
      await saveModel(o.save as string, model.net, {
        task: r.trainAndValidation.task, classes: r.trainAndValidation.classes, features: c.loaded.dataset.featureNames,
        preprocessing: toModelPreprocessing(c.loaded.schema, model.preprocessing) as Record<string, unknown>,
        training: { data: o.data, tuned: { study: c.study, trial: best.number, objective: r.objective, value: best.value }, ...model.spec, epochs: model.epochs, testMetrics, date: new Date().toISOString() },
      });
    }
    if (model.test) say(`test (best configuration retrained on train + validation): ${formatMetrics(model.test, r.trainAndValidation.classes, { brief: true })}`);
  }
  if (o.plot !== undefined && r.trials.some((t) => t.state === 'complete')) await writeChart(o.plot as string, tuneSpec(r, `Study: ${r.objective} (${r.direction})`), '--plot');
  if (c.json) {
    process.stdout.write(JSON.stringify(studyJson(r, testMetrics)) + '\n');
    return;
  }
  say(leaderboard(r));
  const saved = pruningSaved(r);
  if (saved) say(saved);
  say(best ? `best: trial #${best.number}, ${r.objective} ${best.value}: ${paramsText(best.params)}` : 'no trial completed');
  say(`study: ${c.study}${c.interrupted ? ' (interrupted: run the same command to continue)' : ''}`);
  if (o.save !== undefined && best && !c.interrupted) say(`model saved to ${o.save}`);
  if (o.plot !== undefined) say(`study chart written to ${o.plot}`);
}
