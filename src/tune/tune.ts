// tune(): a hyperparameter study over the training spec, where any field may be a search
// dimension. Trials run side by side on a pool of worker threads (one per core by default), on
// one validation split or K cross-validation folds, with a sampler, a pruner and a study store.

import * as os from 'node:os'; // by namespace: availableParallelism is newer than Node 18.13 (see node-version.ts)
import { singleExampleWarning, trainTestSplit } from '../data/split.js';
import { checkTrainData, wholeDataProblem } from '../model/check-train-data.js';
import { checkSignal } from '../train/fit.js';
import { Matrix } from '../tensor/matrix.js';
import { checkFinite } from '../tensor/finite.js';
import type { Dataset } from '../data/synthetic.js';
import { DataError, OptionError } from '../errors.js';
import { MAX_SEED, resolveSpec } from '../model/resolve-spec.js';
import type { TrainSpec } from '../model/spec.js';
import { wholeNumberProblem } from '../util/bounds.js';
import { kindOf } from '../util/kind-of.js';
import { checkKnownKeys, notOneOf } from '../util/known-keys.js';
import { kFolds } from './folds.js';
import { studyHeader } from './fingerprint.js';
import { objectiveFor, type ObjectiveName } from './objective.js';
import { TrialPool } from './pool.js';
import { AshaPruner } from './pruners/asha.js';
import { decidingEpochs, noPruner, type Pruner } from './pruners/pruner.js';
import { GridSampler } from './samplers/grid.js';
import { RandomSampler } from './samplers/random.js';
import { TpeSampler } from './samplers/tpe.js';
import type { Sampler } from './samplers/sampler.js';
import { shareDataset } from './shared-data.js';
import { checkSpace, formatValue, fromUnit, splitSpec, type Dimension, type ParamValue, type SearchSpace } from './space.js';
import { warnInertDimensions } from './inert.js';
import { TrialWarnings } from './trial-warnings.js';
import { JournalStorage } from './storage/journal.js';
import { MemoryStorage } from './storage/memory.js';
import { journalNameProblem, type StudyStorage } from './storage/storage.js';
import { runStudy, summarize, type StudySummary } from './study.js';
import type { TrialShared } from './trial-runner.js';
import { bestSeedSpread, DEFAULT_BEST_SEEDS, type SeedSpread } from './seeds.js';
import { trialEpochs, type TrialData, type TrialSpec } from './trainer.js';
import type { Direction, Trial } from './trial.js';
import { givenText } from '../util/bounds.js';

export type TuneSpec = { [K in keyof TrialSpec]?: TrialSpec[K] | Dimension };

export interface TuneOptions {
  /** The training spec; any field may be a dimension: choice(...), intRange(...), floatRange(...). */
  spec: TuneSpec;
  /** train; validation (else validationSplit of train is held out, or --cv folds); a test set is never used here. */
  data: { train: Dataset; validation?: Dataset; name?: string };
  /** Trials in the study (default 20; a grid: at most its size). */
  trials?: number;
  sampler?: 'grid' | 'random' | 'tpe' | Sampler;
  pruner?: 'none' | 'asha' | Pruner;
  /** Stratified K-fold cross-validation instead of one validation split. */
  cv?: number;
  /** Held out of train for validation when data.validation is absent and cv is not given (default 0.2). */
  validationSplit?: number;
  objective?: ObjectiveName;
  /** Worker threads (default: the cores). */
  workers?: number;
  /** Seeds the sampler, the split/folds, and (unless the spec sets it) training. */
  seed?: number;
  /** Stop starting trials after this many seconds (0: start none, read the study as it stands). */
  timeout?: number;
  /** A journal file (resumable, shareable by processes) or any store; default: in memory. */
  storage?: string | StudyStorage;
  signal?: AbortSignal;
  onChange?: (trials: Trial[]) => void;
  warn?: (message: string) => void;
  /** Kernels of the workers (default 'wasm', one thread each). */
  backend?: 'js' | 'wasm';
  /**
   * On one validation split: the training seeds the best configuration is measured on in all, its own
   * and the next ones (default 3: two more trainings after the study; 1: none). The run-to-run noise
   * (StudyResult.bestSeeds); with cv the folds' spread says it.
   */
  bestSeeds?: number;
}

export interface StudyResult {
  objective: ObjectiveName;
  direction: Direction;
  space: SearchSpace;
  fixed: TrialSpec;
  trials: Trial[];
  summary: StudySummary;
  /** The data the trials were trained and validated on (train + validation: what the best is retrained on). */
  trainAndValidation: Dataset;
  /** The examples each trial was scored on (the validation split's, or a fold's on average). */
  validationExamples?: number;
  /** On one split: the best configuration's objective at other training seeds (options.bestSeeds). */
  bestSeeds?: SeedSpread;
}

function makeSampler(s: TuneOptions['sampler'], seed: number): Sampler {
  if (typeof s === 'object') {
    // { propose: 5 } failed on "run.sampler.sample is not a function" in the first trial
    if (typeof s?.sample !== 'function') throw new OptionError(`options.sampler must be one of grid, random, tpe or a Sampler (an object with a sample(context) method), got ${kindOf(s)}`);
    return s;
  }
  if (s === 'grid') return new GridSampler(seed);
  if (s === 'random') return new RandomSampler(seed);
  if (s === undefined || s === 'tpe') return new TpeSampler(seed);
  throw new OptionError(notOneOf('options.sampler', s, ['grid', 'random', 'tpe']));
}

function makePruner(p: TuneOptions['pruner'], maxEpochs: number): Pruner {
  if (typeof p === 'object') {
    if (typeof p?.shouldPrune !== 'function') throw new OptionError(`options.pruner must be none, asha or a Pruner (an object with a shouldPrune method), got ${kindOf(p)}`);
    return p;
  }
  if (p === undefined || p === 'none') return noPruner;
  if (p === 'asha') return new AshaPruner({ maxEpochs });
  throw new OptionError(notOneOf('options.pruner', p, ['none', 'asha']));
}

/** The epochs of the longest trial: the fixed epochs, or the largest value of an epochs dimension (trainModel's default 100). */
function maxEpochs(space: SearchSpace, fixed: TrialSpec): number {
  const d = space.epochs;
  if (!d) return trialEpochs(fixed);
  if (d.dimension === 'choice') return Math.max(...d.choices.filter((c): c is number => typeof c === 'number'));
  return d.high;
}

/** The (train, validation) pairs of the study, and how they were made (for the fingerprint). */
function studyFolds(o: TuneOptions, seed: number): { folds: TrialData[]; text: string; all: Dataset } {
  const { train, validation } = o.data;
  if (o.cv !== undefined) return { folds: kFolds(validation ? concat(train, validation) : train, o.cv, seed), text: `${o.cv}-fold cross-validation (seed ${seed})`, all: validation ? concat(train, validation) : train };
  if (validation) return { folds: [{ train, validation }], text: `${validation.X.cols} validation examples`, all: concat(train, validation) };
  const f = o.validationSplit ?? 0.2;
  if (!(typeof f === 'number' && f > 0 && f < 1)) throw new OptionError(`options.validationSplit must be in (0, 1) for tuning (or give options.cv), got ${givenText(f)}`);
  const s = trainTestSplit(train, { testFraction: f, seed: seed + 1 });
  return { folds: [{ train: s.train, validation: s.test }], text: `validation split ${f} (seed ${seed + 1})`, all: train };
}

/** The columns of b after those of a. */
export function concat(a: Dataset, b: Dataset): Dataset {
  if (a.X.rows !== b.X.rows) throw new DataError(`the validation data has ${b.X.rows} features but the training data ${a.X.rows}`);
  const join = (A: Dataset['X'], B: Dataset['X']) => {
    const out = new Matrix(A.rows, A.cols + B.cols, undefined, A.dtype);
    for (let i = 0; i < A.rows; i++) {
      out.data.set(A.data.subarray(i * A.cols, (i + 1) * A.cols), i * out.cols);
      out.data.set(B.data.subarray(i * B.cols, (i + 1) * B.cols), i * out.cols + A.cols);
    }
    return out;
  };
  return { ...a, X: join(a.X, b.X), Y: join(a.Y, b.Y) };
}

/** The largest trials, workers, folds and seeds of the best tune takes (the command line refuses more before it reads the data). */
export const TUNE_LIMITS = { trials: 1e6, workers: 256, cv: 1e6, bestSeeds: 100 } as const;

const TUNE_OPTION_KEYS = ['spec', 'data', 'trials', 'sampler', 'pruner', 'cv', 'validationSplit', 'objective', 'workers', 'seed', 'timeout',
  'storage', 'signal', 'onChange', 'warn', 'backend', 'bestSeeds'] as const satisfies readonly (keyof TuneOptions)[];

/**
 * tune's options by type and range, before any work: { trials: 'x' } never ended, { trials: 1.5 }
 * ran 2, { timeout: -1 } ran none and { timeout: 'x' } ran them all, { seed: 'a' } said 'got a1'.
 */
function checkTuneOptions(o: TuneOptions): void {
  if (o === null || typeof o !== 'object') throw new OptionError(`tune: options must be an object such as { spec, data: { train } }, got ${kindOf(o)}`);
  checkKnownKeys(o, TUNE_OPTION_KEYS, 'tune', (m) => new OptionError(m));
  const given = wholeDataProblem(o.data, 'tune');
  if (given) throw new OptionError(given);
  if (!o.data || typeof o.data !== 'object' || !o.data.train) throw new OptionError(`tune: options.data must be { train, validation? } of datasets, got ${kindOf(o.data)}`);
  checkKnownKeys(o.data, ['train', 'validation', 'name'], 'tune: options.data', (m) => new OptionError(m), 'field');
  const whole = [wholeNumberProblem(o.trials, 'options.trials', 1, TUNE_LIMITS.trials), wholeNumberProblem(o.workers, 'options.workers', 1, TUNE_LIMITS.workers),
    wholeNumberProblem(o.cv, 'options.cv', 2, TUNE_LIMITS.cv), wholeNumberProblem(o.seed, 'options.seed', 0, MAX_SEED - 2),
    wholeNumberProblem(o.bestSeeds, 'options.bestSeeds', 1, TUNE_LIMITS.bestSeeds)].find((p) => p);
  if (whole) throw new OptionError(whole);
  // 0 starts no trial: the study as it stands (the command line's tune --report)
  if (o.timeout !== undefined && !(typeof o.timeout === 'number' && o.timeout >= 0)) throw new OptionError(`options.timeout must be a number of seconds >= 0, got ${typeof o.timeout === 'number' ? o.timeout : kindOf(o.timeout)}`);
  if (o.validationSplit !== undefined && typeof o.validationSplit !== 'number') throw new OptionError(`options.validationSplit must be a number in (0, 1), got ${kindOf(o.validationSplit)}`);
  if (o.backend !== undefined && o.backend !== 'js' && o.backend !== 'wasm') throw new OptionError(notOneOf('options.backend', o.backend, ['js', 'wasm']));
  if (o.storage !== undefined && typeof o.storage !== 'string' && typeof o.storage !== 'object') throw new OptionError(`options.storage must be a journal file name or a StudyStorage, got ${kindOf(o.storage)}`);
  const url = typeof o.storage === 'string' ? journalNameProblem(o.storage) : undefined; // 'mysql://...' is no file name
  if (url) throw new OptionError(url);
  // an onChange of 3 failed on "run.onChange is not a function" after the first trial; a signal of true on "addEventListener is not a function"
  for (const key of ['onChange', 'warn'] as const) {
    if (o[key] !== undefined && typeof o[key] !== 'function') throw new OptionError(`options.${key} must be a function, got ${kindOf(o[key])}`);
  }
  try {
    checkSignal(o.signal, 'options.signal');
  } catch (e) {
    throw new OptionError((e as Error).message);
  }
}

/** The values of a dimension that stand for all it may give: its choices, or a range's ends and a value inside (a float range over a whole-number field). */
function probes(d: Dimension): ParamValue[] {
  return d.dimension === 'choice' ? d.choices : [d.low, d.high, fromUnit(d, 0.3183)]; // checkSpace: low < high
}

/**
 * Every value the space may give, checked as training checks it, before any trial: a range of
 * learning rates from -1, a batch size from 0 or keepProb up to 2 ran a study of failed trials.
 */
function checkSpaceValues(space: SearchSpace, fixed: TrialSpec, train: Dataset): void {
  resolveSpec(fixed as TrainSpec, train, 'tune');
  for (const [name, d] of Object.entries(space)) {
    for (const v of probes(d)) {
      try {
        resolveSpec({ ...fixed, [name]: v } as TrainSpec, train, 'tune');
      } catch (e) {
        if (!(e instanceof OptionError)) throw e;
        const shown = d.dimension === 'choice' ? `the choice ${formatValue(v)}` : `the range ${d.low}..${d.high}`;
        throw new OptionError(`${name}: ${shown} gives a value training refuses: ${e.message}`, name);
      }
    }
  }
}

/**
 * Trials that train nothing: trainModel takes epochs 0 (the network as initialised), and a study of
 * --epochs 0..3 ranked its untrained trials with the others (on xor the untrained one was the best).
 */
function refuseUntrained(space: SearchSpace, fixed: Partial<TrialSpec>): void {
  const d = space.epochs;
  const zero = d ? (d.dimension === 'choice' ? d.choices.includes(0) : d.low <= 0) : fixed.epochs === 0;
  if (!zero) return;
  const what = d ? (d.dimension === 'choice' ? 'the choice 0' : `the range ${d.low}..${d.high}`) : '0';
  throw new OptionError(`epochs: ${what} gives trials that train nothing (0 epochs: the network as initialised); a study needs at least 1 epoch per trial`, 'epochs');
}

/** What checkSearch needs: the search and how it is run, not the data. */
export type SearchOptions = Pick<TuneOptions, 'spec' | 'sampler' | 'pruner' | 'objective' | 'seed'>;

/**
 * Everything of a study that can be checked without its data: the space (a range lo > hi, a value
 * listed twice, nothing to search), the sampler against it (a grid of float ranges), the pruner and
 * the objective's name. tune() calls it before it touches the data; the command line, before it
 * reads a file (a bad range was said after reading the whole training file).
 */
export function checkSearch(o: SearchOptions): { fixed: Partial<TrialSpec>; space: SearchSpace; sampler: Sampler; pruner: Pruner; epochs: number } {
  if (o.spec === null || typeof o.spec !== 'object' || Array.isArray(o.spec)) throw new OptionError(`options.spec must be a training spec whose fields may be dimensions, got ${kindOf(o.spec)}`);
  const { fixed, space } = splitSpec<TrialSpec>(o.spec);
  checkSpace(space);
  refuseUntrained(space, fixed);
  const epochs = maxEpochs(space, fixed as TrialSpec);
  const sampler = makeSampler(o.sampler, o.seed ?? 1), pruner = makePruner(o.pruner, epochs);
  if (sampler.size) sampler.size(space); // a grid of ranges is refused before any work
  objectiveFor(o.objective ?? 'loss'); // its name; whether it suits the task is known from the data
  return { fixed, space, sampler, pruner, epochs };
}

/**
 * The data's values, as training checks them: a NaN or an infinity failed every trial on it (each
 * trial's message said where) and tune resolved with no best and no error.
 */
function checkDataValues(data: TuneOptions['data']): void {
  for (const [name, d] of [['data.train', data.train], ['data.validation', data.validation]] as const) {
    if (!d) continue;
    checkFinite(d.X, `tune: ${name}.X`);
    checkFinite(d.Y, `tune: ${name}.Y`);
  }
}

/** Run a study; resolves when it has its trials, the timeout passed or the signal aborted (finished trials kept). */
export async function tune(o: TuneOptions): Promise<StudyResult> {
  checkTuneOptions(o);
  const seed = o.seed ?? 1;
  // the search first: nothing of the data is looked at before it is known to be searchable
  const { fixed, space, sampler, pruner, epochs } = checkSearch(o);
  // then the data's structure, as trainModel checks it (every trial failed on it, and tune resolved), named
  // as tune's before the space's values are tried on it (loadDataset's result was told "trainModel: data.train ...")
  const checked = checkTrainData({ train: o.data.train, ...(o.data.validation ? { validation: o.data.validation } : {}) }, 'tune');
  checkSpaceValues(space, { seed, ...fixed }, o.data.train);
  warnInertDimensions(space, fixed as Partial<TrainSpec>, o.data.train, o.warn);
  // (a hand-built multiclass set's class names, from its Y: every fold's network then has their outputs)
  o = { ...o, data: { ...o.data, train: checked.train, ...(checked.validation ? { validation: checked.validation } : {}) } };
  checkDataValues(o.data);
  const objective = objectiveFor(o.objective ?? 'loss', o.data.train.task);
  // the epochs after which a worker waits for the study's answer: the pruner's rungs only
  const answerAt = decidingEpochs(pruner, epochs);
  const trialFixed: TrialSpec = { seed, ...fixed };
  const { folds, text, all } = studyFolds(o, seed);
  const single = o.warn && singleExampleWarning(o.data.name ?? o.data.train.name, all, o.cv !== undefined
    ? 'the fold that validates on it never trained on it'
    : o.data.validation ? 'it is on one side only of training and validation' : 'the validation split cannot hold it out, so it stays in the training rows and the validation set has none of it');
  if (single) o.warn!(single);
  const header = studyHeader({ train: o.data.train, validation: o.data.validation, validationText: text, name: o.data.name ?? o.data.train.name, space, fixed: trialFixed, objective: objective.name, direction: objective.direction });
  header.settings = { space, fixed: trialFixed, sampler: typeof o.sampler === 'object' ? sampler.constructor.name : o.sampler ?? 'tpe', pruner: typeof o.pruner === 'object' ? pruner.constructor.name : o.pruner ?? 'none', trials: o.trials ?? 20, seed, validation: text };
  const storage = typeof o.storage === 'string' ? new JournalStorage(o.storage, o.warn) : o.storage ?? new MemoryStorage();
  const shared: TrialShared = { folds: folds.map((f) => ({ train: shareDataset(f.train), validation: shareDataset(f.validation) })), objective: objective.name, backend: o.backend };
  const pool = new TrialPool({ size: o.workers ?? os.availableParallelism(), runner: new URL('./trial-runner.js', import.meta.url), shared });
  const stop = () => { void pool.close(); };
  o.signal?.addEventListener('abort', stop);
  let trials: Trial[], seeds: SeedSpread | undefined;
  const said = new TrialWarnings();
  try {
    trials = await runStudy({
      space, header, direction: objective.direction, trials: o.trials ?? 20, sampler, pruner, storage,
      parallel: pool.size, timeout: o.timeout, signal: o.signal, onChange: o.onChange,
    }, async (trial, report) => {
      const { warnings, ...outcome } = await pool.run({ spec: { ...trialFixed, ...trial.params } }, report, answerAt);
      said.add(trial, warnings);
      return outcome;
    });
    if (o.warn) said.report(o.warn);
    // the run-to-run noise on one split: the best again at other seeds (not for a report, timeout 0, nor after a stop)
    const measure = folds.length === 1 && o.timeout !== 0 && o.signal?.aborted !== true;
    seeds = measure ? await bestSeedSpread(summarize(trials, objective.direction, 0).best, trialFixed, o.bestSeeds ?? DEFAULT_BEST_SEEDS,
      (spec) => pool.run({ spec }, async () => true, []).catch((e: Error) => ({ state: 'failed' as const, epochs: 0, message: e.message }))) : undefined;
    if (o.signal?.aborted) seeds = undefined;
  } finally {
    o.signal?.removeEventListener('abort', stop);
    await pool.close();
    await storage.close();
  }
  const epochsPerTrial = (t: Trial) => trialEpochs({ ...trialFixed, ...t.params }) * folds.length;
  return { objective: objective.name, direction: objective.direction, space, fixed: trialFixed, trials, summary: summarize(trials, objective.direction, epochsPerTrial), trainAndValidation: all,
    validationExamples: Math.round(folds.reduce((s, f) => s + f.validation.X.cols, 0) / folds.length), ...(seeds ? { bestSeeds: seeds } : {}) };
}
