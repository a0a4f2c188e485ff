// `backprop tune`: a hyperparameter study over train's flags, where a flag given several values
// (a|b|c) or a range (lo..hi) is a search dimension; trials on worker threads, a resumable
// journal, a leaderboard, and optionally the best configuration retrained and saved.

import path from 'node:path';
import * as os from 'node:os'; // by namespace: availableParallelism is newer than Node 18.13 (see node-version.ts)
import type { Command } from 'commander';
import type { TrainSpec } from '../../model/spec.js';
import { loadDataset, detectFormat } from '../../data/load.js';
import { fillDeferredMeans } from '../../data/csv.js';
import { trainTestSplit } from '../../data/split.js';
import type { Dataset } from '../../data/synthetic.js';
import { saveModel } from '../../io/model-file.js';
import { DataError, OptionError } from '../../errors.js';
import { EMPTY_SPACE } from '../../tune/space.js';
import { printWarning, releaseWarnings, signalExitCode, signalText, type StopSignal } from '../errors.js';
import { onStopSignal } from '../interrupt.js';
import { checkOutputPath, parseChoice, parseIntOption, parseNumberOption, refuseSharedOutputs, refuseStdout } from '../options.js';
import { dataOptions, forFile, readDataOptions, testReadOptions, unusedDataOptions, warnUnused, kindOfData } from '../data-options.js';
import { noteDroppedRows } from '../pipeline.js';
import { trainingOptions, parseTrainSpec } from '../train-options.js';
import { errorWithFlags, optionsAsFlags } from '../spec-flags.js';
import { metricsJson } from '../../metrics/summary.js';
import { formatMetrics } from '../report.js';
import { readSpaceFile, refuseGivenTwice, splitSearchFlags } from '../search-flags.js';
import { readStudyChoice } from '../study-storage.js';
import { leaderboard, liveLine as trialsLine, paramsText, pruningSaved, studyJson, studyOpening } from '../tune-report.js';
import { OBJECTIVE_NAMES, objectiveFor } from '../../tune/objective.js';
import { checkSearch, tune, TUNE_LIMITS, type StudyResult, type TuneSpec } from '../../tune/tune.js';
import { retrainBest } from '../../tune/retrain.js';
import { findingLines, studyFindings } from '../../tune/findings.js';
import { checkResultsTarget, studyTable } from '../../tune/results-table.js';
import { writeFileAtomic } from '../../io/write-file.js';
import { bestTrainCommand, flagOfField } from '../best-command.js';
import { checkChartPackages, checkChartTarget, writeChart } from '../../plot/render.js';
import { tuneSpec } from '../../plot/tune-plot.js';
import { numberText } from '../../util/number-text.js';
import { showPath } from '../../io/path-text.js';
import { redrawnLine } from '../progress.js';

export function register(program: Command): void {
  const cmd = program
    .command('tune')
    .description("search train's settings: give a training flag several values (--layers '16|32,16') or a range (--lr 1e-4..1e-1; log-scaled for --lr, --l1, --l2, else linear; write log:lo..hi or lin:lo..hi to choose) and it becomes a search dimension")
    .requiredOption('--data <file>', 'training data: a file, an image folder, or a built-in set name');
  dataOptions(cmd);
  cmd.option('--test <file>', 'test data: scored once, on the saved best model only, never used to choose (a built-in set: a fresh draw, with the next data seed)');
  trainingOptions(cmd);
  cmd
    .option('--space <file>', 'the search space as JSON: {"lr": "1e-4..1e-1", "layers": ["16", "32,16"], "batch-size": [16, 32]}')
    .option('--trials <n>', 'trials in the study (a grid: at most its size)', '20')
    .option('--sampler <name>', 'grid, random or tpe', 'tpe')
    .option('--pruner <name>', 'none or asha (stop a trial whose objective is outside the best 1/3 of its rung; rungs at epochs r, 3r, 9r, ..., r = --epochs / 9 rounded down, at least 1)', 'none')
    .option('--cv <k>', 'stratified K-fold cross-validation instead of one validation split (--validation-split)')
    .option('--objective <name>', `what to optimize on the validation data: ${OBJECTIVE_NAMES.join(', ')}`, 'loss')
    .option('--best-seeds <n>', 'without --cv: train the best configuration at this many seeds in all (its own and n - 1 others, after the study) and report its spread, the run-to-run noise; 1: none', '3')
    .option('--workers <n>', 'trials side by side, each on one thread (default: the cores)')
    .option('--timeout <seconds>', 'stop starting trials after this long')
    .option('--study <file>', 'the study journal (default: DATA.study.jsonl in the current folder); run again to continue it')
    .option('--storage <url>', 'keep the study in PostgreSQL instead, shared by workers on any number of machines: postgresql://user@host:port/db (postgresql:// alone: from PGHOST, PGUSER, PGPASSWORD, ...)')
    .option('--study-name <name>', 'with --storage: the study; the same command with the same name on other machines adds workers to it')
    .option('--heartbeat <seconds>', "with --storage: a running trial whose worker has sent no heartbeat for this long is failed and run again (default 60)")
    .option('--retries <n>', "with --storage: times a dead worker's trial is run again before it fails for good (default 3)")
    .option('--reconnect <seconds>', 'with --storage: how long to retry a lost database before giving up (default 60)')
    .option('--report', 'start no trials: print the study as it stands (with --json, --plot, --save), while it runs or after')
    .option('--save <model>', 'retrain the best configuration on train + validation and save it here (JSON)')
    .option('--results <file>', "every trial as a CSV table, best first: rank, trial, state, the objective (its spread and each fold's value with --cv), epochs, seconds, one column per searched flag")
    .option('--plot <file>', "each trial's objective with the best so far, and each parameter against it (.svg or .png)")
    .option('--json', 'print the study as one JSON object')
    .action(async (opts) => { await runTune(opts, cmd); });
}

type Opts = Record<string, string | boolean | undefined>;

/** The training spec: single values parsed as train parses them, the others as dimensions (flags, then --space). */
function readSpec(o: Opts, typed: (key: string) => boolean): { spec: TuneSpec; seed: number; testSplit: number; validationSplit: number } {
  const { single, dimensions } = splitSearchFlags(o);
  let fixed: TrainSpec;
  try {
    fixed = parseTrainSpec(single);
  } catch (e) {
    throw errorWithFlags(e, o);
  }
  const { testSplit, validationSplit, ...rest } = fixed;
  const space = o.space !== undefined ? readSpaceFile(o.space as string) : {};
  if (o.space !== undefined) refuseGivenTwice(space, o.space as string, typed);
  return { spec: { ...(rest as TuneSpec), ...dimensions, ...space }, seed: fixed.seed!, testSplit: testSplit!, validationSplit: validationSplit! };
}

/** A whole-number flag within tune's bounds, said as the library says them ('from 1 to 1000000'). */
function bounded(text: string, flag: string, min: number, max: number): number {
  const v = parseIntOption(text, flag, min, Infinity);
  if (v > max) throw new OptionError(`${flag} must be a whole number from ${min} to ${max}, got ${text.trim()}`);
  return v;
}

/** The checked options of a run (everything but the data). */
function readOptions(o: Opts, typed: (key: string) => boolean) {
  const { spec, seed, testSplit, validationSplit } = readSpec(o, typed);
  for (const [flag, value] of [['--plot', o.plot], ['--save', o.save], ['--results', o.results]] as const) {
    if (value === undefined) continue;
    if (flag === '--results') {
      checkOutputPath(value as string, flag, { inputs: [o.data as string, o.test as string | undefined, o.study as string | undefined], replace: checkResultsTarget });
      continue;
    }
    // '-' was refused for its missing extension, as if a name were wrong
    refuseStdout(value as string, flag, flag === '--plot' ? 'a chart: its format comes from its name, .svg or .png' : 'the model: standard output carries the study report');
    const ext = flag === '--plot' ? /\.(svg|png)$/i : /\.json$/i;
    if (!ext.test(value as string)) throw new OptionError(`${flag}: the file must end in ${flag === '--plot' ? '.svg or .png' : '.json'}, got '${value}'`);
    checkOutputPath(value as string, flag, { inputs: [o.data as string, o.test as string | undefined, o.study as string | undefined], model: flag === '--save', replace: flag === '--plot' ? checkChartTarget : undefined });
  }
  refuseSharedOutputs([['--save', o.save as string | undefined], ['--plot', o.plot as string | undefined], ['--results', o.results as string | undefined]]);
  const study = readStudyChoice(o);
  if (!(validationSplit > 0) && o.cv === undefined) throw new OptionError('--validation-split must be above 0 for tuning (each trial is scored on it), or give --cv');
  const sampler = parseChoice(o.sampler as string, '--sampler', ['grid', 'random', 'tpe'] as const);
  const pruner = parseChoice(o.pruner as string, '--pruner', ['none', 'asha'] as const);
  const objective = parseChoice(o.objective as string, '--objective', OBJECTIVE_NAMES);
  try {
    checkSearch({ spec, sampler, pruner, objective, seed }); // the space before the data is read: a range lo > hi was said after reading it
  } catch (e) {
    // in the flags' terms: the library's example is a spec object
    if (e instanceof OptionError && e.message.startsWith(EMPTY_SPACE)) throw new OptionError(`${EMPTY_SPACE}: give at least one option several values (a|b|c) or a range (lo..hi), e.g. --lr 1e-4..1e-1 --layers '32|64,32' --batch-size '32|64' (quote | in a shell), or --space FILE; see docs/tuning.md`);
    throw errorWithFlags(e, {}); // '--layers: the choice lists [4] twice', as tune() said it after the data
  }
  return {
    seed, spec, study, testSplit, validationSplit, sampler, pruner, objective,
    // the library's bounds, said before the data is read (--trials 1e9 was refused after it, in the library's words)
    trials: bounded(o.trials as string, '--trials', 1, TUNE_LIMITS.trials),
    bestSeeds: bounded(o.bestSeeds as string, '--best-seeds', 1, TUNE_LIMITS.bestSeeds),
    cv: o.cv === undefined ? undefined : bounded(o.cv as string, '--cv', 2, TUNE_LIMITS.cv),
    workers: o.report === true ? 1 : o.workers === undefined ? os.availableParallelism() : bounded(o.workers as string, '--workers', 1, TUNE_LIMITS.workers),
    // --report: a study that starts nothing (the timeout has passed before the first trial)
    timeout: o.report === true ? 0 : o.timeout === undefined ? undefined : parseNumberOption(o.timeout as string, '--timeout', { positive: true }),
  };
}

/** The training data and the test set (a file, or a seeded split held out before any trial). */
async function readData(o: Opts, cmd: Command, seed: number, testSplit: number) {
  warnUnused(unusedDataOptions(cmd, detectFormat(o.data as string)), `${o.data} is read as ${kindOfData(detectFormat(o.data as string))}`);
  // empty cells (--missing mean) stay NaN until the test rows are held out: filled below from the others only
  const loadOpts = { ...readDataOptions(o), ...(o.dataSeed === undefined ? { seed } : {}), deferMissing: true };
  const loaded = await loadDataset(o.data as string, forFile(o.data as string, loadOpts));
  let train: Dataset = loaded.dataset, test: Dataset | undefined;
  if (train.unlabeled) throw new DataError(`${o.data}: the training data has no labels`);
  noteDroppedRows(loaded.droppedLines ?? [], train.X.cols, o.data as string);
  if (o.test !== undefined) {
    const t = await loadDataset(o.test as string, forFile(o.test as string, testReadOptions(o.test as string, loadOpts, loaded.schema)));
    noteDroppedRows(t.droppedLines ?? [], t.dataset.X.cols, o.test as string);
    test = t.dataset;
  }
  else if (testSplit > 0) ({ train, test } = trainTestSplit(train, { testFraction: testSplit, seed }));
  // the means of the rows the study sees (train + validation), as train fills from its training rows: the
  // means of the whole file took in the --test-split rows, and the saved model was not the one train makes
  fillDeferredMeans(loaded.schema, train.X, [test?.X]);
  return { train, test, loaded };
}

export async function runTune(o: Opts, cmd: Command): Promise<void> {
  const opt = readOptions(o, (key) => cmd.getOptionValueSource(key) === 'cli');
  await checkChartPackages([o.plot as string | undefined]); // a missing one said before the study, not after
  const json = o.json === true;
  const { train, test, loaded } = await readData(o, cmd, opt.seed, opt.testSplit);
  // the journal, on the first line (one left in the working folder by default was named only under the leaderboard, at the end)
  if (!json) process.stdout.write(`${studyOpening(opt.study.journal, opt.study.label, opt.study.defaulted)}\n`);
  if (loaded.taskChoice && !json) process.stdout.write(`backprop: ${optionsAsFlags(loaded.taskChoice)}\n`);
  const controller = new AbortController();
  let received: StopSignal | undefined;
  const dispose = onStopSignal((signal) => {
    received = signal;
    process.stderr.write(`\nbackprop: stopping (${signalText(signal)}): the finished trials are kept in the study; run the same command to continue\n`);
    controller.abort();
  });
  const live = json ? undefined : redrawnLine();
  let r: StudyResult;
  const warn = (m: string) => { live?.end(); printWarning(m); };
  releaseWarnings(); // the trials start: what was said of the data and options is printed before them
  try {
    r = await tune({
      spec: opt.spec, data: { train, name: path.basename(o.data as string) }, trials: opt.trials, sampler: opt.sampler, pruner: opt.pruner,
      cv: opt.cv, validationSplit: opt.validationSplit, objective: opt.objective, workers: opt.workers, seed: opt.seed, timeout: opt.timeout,
      storage: opt.study.make(warn), signal: controller.signal, warn, bestSeeds: opt.bestSeeds,
      onChange: live ? (trials) => live.show(trialsLine(trials, opt.trials, objectiveFor(opt.objective).direction)) : undefined,
    });
  } finally {
    dispose();
    live?.end();
  }
  await finish(o, r, { test, loaded, study: opt.study.label, json, interrupted: received, command: r.summary.best && bestTrainCommand(cmd, o, r.summary.best.params) });
}

async function finish(o: Opts, r: StudyResult, c: { test?: Dataset; loaded: Awaited<ReturnType<typeof loadDataset>>; study: string; json: boolean; interrupted?: StopSignal; command?: string }): Promise<void> {
  const say = (s: string) => { if (!c.json) process.stdout.write(s + '\n'); };
  const best = r.summary.best;
  let testMetrics: Record<string, unknown> | undefined;
  if (best && !c.interrupted && (o.save !== undefined || c.test)) {
    const final = await retrainBest(r, { test: c.test, schema: c.loaded.schema, source: o.data as string });
    if (final.test) testMetrics = metricsJson(final.test, r.trainAndValidation.classes);
    if (o.save !== undefined) await saveModel(o.save as string, final.model);
    if (final.test) say(`test (best configuration retrained on train + validation): ${formatMetrics(final.test, r.trainAndValidation.classes, { brief: true })}`);
  }
  if (o.plot !== undefined && best) await writeChart(o.plot as string, tuneSpec(r, `Study: ${r.objective} (${r.direction})`), '--plot');
  if (o.results !== undefined) await writeFileAtomic(o.results as string, studyTable(r));
  // stopped by a signal, the best configuration is not retrained: --save was left unsaid (exit 130, no word of the model)
  const unwritten = c.interrupted ? (o.save !== undefined ? [`nothing saved to ${showPath(o.save as string)}: the study was interrupted before the best configuration was retrained`] : []) : best ? [] : notWritten(o);
  if (c.json) {
    process.stdout.write(JSON.stringify(studyJson(r, testMetrics, c.loaded.taskChoice && optionsAsFlags(c.loaded.taskChoice), c.command)) + '\n');
    // (the standard output is the JSON: the files not written are said on the error stream)
    for (const line of unwritten) process.stderr.write(`backprop: ${line}\n`);
    if (unwritten.length > 0) process.exitCode = 1;
    if (c.interrupted) process.exitCode = signalExitCode(c.interrupted);
    return;
  }
  say(leaderboard(r));
  const saved = pruningSaved(r);
  if (saved) say(saved);
  say(best ? `best: trial #${best.number}, ${r.objective} ${best.value === undefined ? best.value : numberText(Number(best.value.toPrecision(6)))}: ${paramsText(best.params)}` : 'no trial completed');
  const findings = studyFindings(r);
  if (findings) for (const line of findingLines(r, findings, flagOfField)) say(`  ${line}`);
  if (c.command) say(`  train it: ${c.command}`);
  for (const line of unwritten) say(line);
  if (unwritten.length > 0) process.exitCode = 1;
  say(`study: ${showPath(c.study)}${c.interrupted ? ' (interrupted: run the same command to continue)' : ''}`);
  if (c.interrupted) process.exitCode = signalExitCode(c.interrupted); // as a shell reports the signal (130 for Ctrl-C)
  if (o.save !== undefined && best && !c.interrupted) say(`model saved to ${showPath(o.save as string)}`);
  if (o.plot !== undefined && best) say(`study chart written to ${showPath(o.plot as string)}`);
  if (o.results !== undefined) say(`trials written to ${showPath(o.results as string)}`);
}

/**
 * The files asked for that a study with no complete trial cannot give (nothing to retrain, nothing to
 * plot): a run asked for a model that failed, as a diverging train does (exit 1). The chart was said
 * written when it was not, and with --json the missing model was not said at all (exit 0).
 */
function notWritten(o: Opts): string[] {
  return [
    ...(o.save !== undefined ? [`nothing saved to ${showPath(o.save as string)}: no trial completed`] : []),
    ...(o.plot !== undefined ? [`no study chart written to ${showPath(o.plot as string)}: no trial completed`] : []),
  ];
}
