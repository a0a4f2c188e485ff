// The events a study is made of (one JSON line each in a journal) and how they build the trials.

import { hostname } from 'node:os';
import type { Params } from '../space.js';
import type { Trial } from '../trial.js';
import type { StudyHeader, TrialEnd } from './storage.js';

export const JOURNAL_FORMAT = 'backprop-study';
export const JOURNAL_VERSION = 1;

export type StudyEvent =
  | ({ event: 'study'; format: string; version: number; created: string } & StudyHeader)
  | { event: 'start'; number: number; params: Params; pid: number; host: string; retryOf?: number; time: string }
  | { event: 'report'; number: number; epoch: number; value: number }
  | ({ event: 'end'; number: number } & TrialEnd);

let host: string | undefined;
/**
 * This machine's name, read on the first call (not as the module loads: importing backprop needs no
 * system access, which Deno asks a permission for, `--allow-sys`).
 */
export function thisHost(): string {
  host ??= hostname();
  return host;
}

/** Apply one event to the trials (by number); false when it does not fit (an unknown trial, a bad field). */
export function applyEvent(trials: Map<number, Trial>, e: StudyEvent): boolean {
  if (e.event === 'study') return true;
  if (!Number.isInteger(e.number) || e.number < 0) return false;
  if (e.event === 'start') {
    if (trials.has(e.number) || typeof e.params !== 'object' || e.params === null) return false;
    trials.set(e.number, { number: e.number, params: e.params, state: 'running', intermediate: [], epochs: 0, pid: e.pid, host: e.host, ...(e.retryOf !== undefined ? { retryOf: e.retryOf } : {}) });
    return true;
  }
  const t = trials.get(e.number);
  if (!t) return false;
  if (e.event === 'report') {
    // (a NaN cost is written as null)
    if (!Number.isInteger(e.epoch) || e.epoch < 1 || (typeof e.value !== 'number' && e.value !== null)) return false;
    t.intermediate[e.epoch - 1] = e.value ?? NaN;
    return true;
  }
  if (e.event !== 'end' || !['complete', 'pruned', 'failed'].includes(e.state)) return false;
  Object.assign(t, { state: e.state, value: e.value ?? undefined, epochs: e.epochs, seconds: e.seconds });
  if (e.foldValues) t.foldValues = e.foldValues;
  if (e.message) t.message = e.message;
  if (e.retry) t.retry = true;
  return true;
}

/** Is the process that started a trial gone (so the trial will never end)? Only known for this machine. */
export function processGone(t: Trial, ours: { has(n: number): boolean }): boolean {
  if (t.state !== 'running' || t.host !== thisHost() || t.pid === undefined) return false;
  if (t.pid === process.pid) return !ours.has(t.number);
  try {
    process.kill(t.pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** The trial as a report shows it: a running trial of a process gone from this machine marked stale (Trial.stale), a copy; others as they are. */
export function markStale(t: Trial, ours: { has(n: number): boolean }): Trial {
  return processGone(t, ours) ? { ...t, stale: `worker gone: pid ${t.pid} is not running on this machine` } : t;
}
