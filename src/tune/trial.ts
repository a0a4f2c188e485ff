// What a study records about one trial: its number, parameters, state, the validation cost after
// each epoch (what the pruner compares), its final objective value and how long it ran.

import type { Params } from './space.js';

export type TrialState = 'running' | 'complete' | 'pruned' | 'failed';

export interface Trial {
  /** 0-based, unique within the study (two processes sharing a journal never get the same one). */
  number: number;
  params: Params;
  state: TrialState;
  /** The objective (mean over folds with --cv); undefined while running or when failed. */
  value?: number;
  /** The objective of each cross-validation fold. */
  foldValues?: number[];
  /** intermediate[e - 1]: the objective after epoch e, on the first fold's validation data (what the pruner compares). */
  intermediate: number[];
  /** Epochs trained, summed over the folds. */
  epochs: number;
  seconds?: number;
  /** Why a failed trial failed. */
  message?: string;
  /** A failure of the process, not of the trial (killed, interrupted): its parameters are run again. */
  retry?: boolean;
  /** The number of the trial this one runs again. */
  retryOf?: number;
  /** The process that runs it (a running trial of a dead process is marked failed and retried). */
  pid?: number;
  /** The machine of that process. */
  host?: string;
  /**
   * A running trial whose worker is gone, as the store that read it can tell (its process no longer
   * runs on this machine; no heartbeat for the timeout in a database): why, e.g. 'worker gone: pid 4242
   * is not running on this machine'. Reports show it as stale, not running; the study still holds it
   * as running until its next claim fails it and runs it again (a read-only report never does).
   */
  stale?: string;
}

export type Direction = 'minimize' | 'maximize';

/** a better than b for this direction (NaN is never better). */
export function better(a: number, b: number, direction: Direction): boolean {
  return direction === 'minimize' ? a < b : a > b;
}

/** The best complete trial, if any (the lower number wins a tie, as in Optuna). */
export function bestTrial(trials: Trial[], direction: Direction): Trial | undefined {
  let best: Trial | undefined;
  for (const t of trials) {
    if (t.state !== 'complete' || t.value === undefined || !Number.isFinite(t.value)) continue;
    if (!best || better(t.value, best.value!, direction)) best = t;
  }
  return best;
}

/**
 * The finished trials best first, as Optuna ranks them: the complete ones by their objective, then
 * the pruned ones, those that went further first, then by their last reported objective.
 */
export function rankTrials(trials: Trial[], direction: 'minimize' | 'maximize'): Trial[] {
  const sign = direction === 'minimize' ? 1 : -1;
  const complete = trials.filter((t) => t.state === 'complete' && Number.isFinite(t.value)).sort((a, b) => sign * (a.value! - b.value!) || a.number - b.number);
  const last = (t: Trial) => sign * (t.intermediate[t.intermediate.length - 1] ?? NaN);
  const pruned = trials.filter((t) => t.state === 'pruned').sort((a, b) => b.intermediate.length - a.intermediate.length || (last(a) - last(b) || 0) || a.number - b.number);
  return [...complete, ...pruned];
}
