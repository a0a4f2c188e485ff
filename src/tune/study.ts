// Running a study: up to `trials` trials, at most `parallel` at a time, each claimed from the
// store (so processes sharing it never run a trial twice and together run exactly `trials`), with
// parameters from the sampler, epoch reports checked by the pruner, and the end recorded.
// Trials whose process died (or that were interrupted) are run again with the same parameters.
// With a store shared by machines (storage.pollInterval), a worker with nothing left to start
// waits while other workers' trials run: one whose worker died is offered again after its timeout.

import { setTimeout as sleep } from 'node:timers/promises';
import type { Pruner } from './pruners/pruner.js';
import type { Sampler } from './samplers/sampler.js';
import type { SearchSpace } from './space.js';
import { thisHost } from './storage/events.js';
import type { StudyHeader, StudyStorage, TrialClaim, TrialEnd } from './storage/storage.js';
import { bestTrial, type Direction, type Trial } from './trial.js';

/** How a trial ended, as the runner (a worker thread) tells it. */
export type TrialOutcome = Omit<TrialEnd, 'seconds' | 'retry'>;

/** Runs one trial; `report` records the objective after an epoch and resolves to false when the trial is to stop (pruned). */
export type RunTrial = (trial: Trial, report: (epoch: number, value: number) => Promise<boolean>) => Promise<TrialOutcome>;

export interface StudyRun {
  space: SearchSpace;
  header: StudyHeader;
  direction: Direction;
  /** Trials in the study in all (those already in the store count). */
  trials: number;
  sampler: Sampler;
  pruner: Pruner;
  storage: StudyStorage;
  /** Trials run side by side by this process. */
  parallel: number;
  /** Stop starting trials after this many seconds. */
  timeout?: number;
  /** Abort: stop starting trials; running trials are stopped by the runner and kept to be run again. */
  signal?: AbortSignal;
  /** After each start, report and end. */
  onChange?: (trials: Trial[]) => void;
}

/** The next trial to run, or undefined when the study has its trials (or must stop). */
export function chooseNext(run: StudyRun, trials: Trial[], number: number, stopped: boolean): TrialClaim | undefined {
  if (stopped) return undefined;
  // a trial whose process failed is run again (once per failure) before new ones
  const rerun = new Set(trials.map((t) => t.retryOf).filter((n) => n !== undefined));
  const retry = trials.find((t) => t.retry && !rerun.has(t.number));
  if (retry) return { params: retry.params, retryOf: retry.number };
  const counted = trials.filter((t) => !t.retry).length;
  const budget = Math.min(run.trials, run.sampler.size?.(run.space) ?? Infinity);
  if (counted >= budget) return undefined;
  return { params: run.sampler.sample({ space: run.space, trials, direction: run.direction, number }) };
}

/** With a store that finds dead workers by heartbeat: are other processes' trials still running (and may be offered again)? */
async function othersRunning(storage: StudyStorage): Promise<boolean> {
  return storage.pollInterval !== undefined && (await storage.trials()).some((t) => t.state === 'running' && !(t.pid === process.pid && t.host === thisHost()));
}

const pause = (seconds: number, signal?: AbortSignal) => sleep(seconds * 1000, undefined, { signal }).catch(() => {});

/**
 * The epoch reports of one trial: written in the background (in order), except after an epoch where
 * the pruner may stop the trial: then it waits for them and reads every trial of the study. A failed
 * write stops the trial and is kept for settle().
 */
function reporter(run: StudyRun, trial: Trial, changed: () => Promise<void>) {
  let pending: Promise<void> = Promise.resolve();
  let error: unknown;
  const report = async (epoch: number, value: number): Promise<boolean> => {
    trial.intermediate[epoch - 1] = value;
    pending = pending.then(() => (error === undefined ? run.storage.report(trial.number, epoch, value) : undefined)).catch((e) => { error ??= e; });
    const decides = run.pruner.decidesAt?.(epoch) ?? true;
    if (!decides && !run.onChange) return error === undefined;
    await pending;
    if (error !== undefined) return false;
    try {
      const goOn = !decides || !run.pruner.shouldPrune(trial, epoch, await run.storage.trials(), run.direction);
      await changed();
      return goOn;
    } catch (e) {
      error ??= e;
      return false;
    }
  };
  return { report, settle: async () => { await pending; return error; } };
}

/** Run one claimed trial; resolves to its end, or rejects when the store failed (the trial is left to be run again). */
async function runOne(run: StudyRun, trial: Trial, runTrial: RunTrial, changed: () => Promise<void>): Promise<TrialEnd> {
  const t0 = Date.now();
  const reports = reporter(run, trial, changed);
  try {
    const outcome = await runTrial(trial, reports.report);
    const storeError = await reports.settle();
    if (storeError !== undefined) throw storeError;
    return { ...outcome, seconds: (Date.now() - t0) / 1000 };
  } catch (e) {
    const storeError = await reports.settle();
    if (storeError !== undefined) throw storeError;
    // the runner was stopped (Ctrl-C): the trial is not its parameters' fault; run it again next time
    const interrupted = run.signal?.aborted === true;
    return { state: 'failed', epochs: trial.epochs, seconds: (Date.now() - t0) / 1000, message: interrupted ? 'interrupted' : (e as Error).message, ...(interrupted ? { retry: true } : {}) };
  }
}

/** Run the study until it has its trials, the timeout passes or the signal aborts; resolves to every trial. */
export async function runStudy(run: StudyRun, runTrial: RunTrial): Promise<Trial[]> {
  const { storage } = run;
  await storage.open(run.header);
  const started = Date.now();
  const stopped = () => run.signal?.aborted === true || (run.timeout !== undefined && (Date.now() - started) / 1000 >= run.timeout);
  const changed = async () => run.onChange?.(await storage.trials());

  const slot = async (): Promise<void> => {
    for (;;) {
      const trial = await storage.claim((trials, number) => chooseNext(run, trials, number, stopped()));
      if (!trial) {
        if (stopped() || !(await othersRunning(storage))) return;
        // another worker's trial may still die (and be offered again after its heartbeat timeout)
        await pause(storage.pollInterval!, run.signal);
        continue;
      }
      await changed();
      const end = await runOne(run, trial, runTrial, changed);
      await storage.finish(trial.number, end);
      await changed();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, run.parallel) }, slot));
  return storage.trials();
}

export interface StudySummary {
  best?: Trial;
  complete: number;
  pruned: number;
  failed: number;
  /** Running trials whose worker is alive, as far as the store can tell. */
  running: number;
  /** Running trials whose worker is gone (Trial.stale): they will not finish; the next claim of a study runs them again. */
  stale: number;
  /** Epochs run, and what the trials that ran would have cost without pruning (the full budget each). */
  epochsRun: number;
  epochBudget: number;
}

/**
 * Counts, the best trial and the epochs pruning saved. epochsPerTrial: the full budget of a trial
 * (epochs x folds), or of each trial when its epochs are searched (a study of --epochs 5|10 counted
 * trainModel's default 100 for each: '31 of 1000 epochs run' for 31 of 70).
 */
export function summarize(trials: Trial[], direction: Direction, epochsPerTrial: number | ((t: Trial) => number)): StudySummary {
  const budget = typeof epochsPerTrial === 'number' ? () => epochsPerTrial : epochsPerTrial;
  const count = (s: Trial['state']) => trials.filter((t) => t.state === s && !t.retry).length;
  const ran = trials.filter((t) => t.state === 'complete' || t.state === 'pruned');
  return {
    best: bestTrial(trials, direction),
    complete: count('complete'), pruned: count('pruned'), failed: count('failed'),
    running: trials.filter((t) => t.state === 'running' && !t.retry && t.stale === undefined).length,
    stale: trials.filter((t) => t.state === 'running' && !t.retry && t.stale !== undefined).length,
    epochsRun: ran.reduce((s, t) => s + t.epochs, 0),
    epochBudget: ran.reduce((s, t) => s + budget(t), 0),
  };
}
