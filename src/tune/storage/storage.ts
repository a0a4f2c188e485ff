// The study store interface: where a study's trials live. The journal file (journal.ts) and the
// in-memory store (memory.ts) implement it; a database-backed store (many machines sharing one
// study, as Optuna does with a relational database) is one more file implementing this.

import type { Params } from '../space.js';
import type { Direction, Trial, TrialState } from '../trial.js';

/** What identifies a study: a journal written for another data set, space or objective is refused. */
export interface StudyHeader {
  /** Hash of the training data (and validation/folds), and a short description for messages. */
  data: { hash: string; description: string };
  /** Hash of the search space and the fixed training options, and their text. */
  space: { hash: string; description: string };
  objective: string;
  direction: Direction;
  /** What the study searches, as given (space, fixed options, sampler, pruner, budget): kept for reports, not compared. */
  settings?: Record<string, unknown>;
}

/** The next trial to start, as chosen by the study (under the store's lock). */
export interface TrialClaim { params: Params; retryOf?: number }

export interface TrialEnd {
  state: Exclude<TrialState, 'running'>;
  value?: number;
  foldValues?: number[];
  epochs: number;
  seconds: number;
  message?: string;
  /** The process failed, not the trial: run these parameters again. */
  retry?: boolean;
}

export interface StudyStorage {
  /** Open (or create) the study; refuse one written for another header. Returns the trials so far. */
  open(header: StudyHeader): Promise<Trial[]>;
  /**
   * Atomically across every process sharing the store: bring the trials up to date (marking trials
   * of dead processes failed, to be retried), let `choose` pick the next trial (undefined: none),
   * and record its start. Resolves to the started trial, or undefined.
   */
  claim(choose: (trials: Trial[], nextNumber: number) => TrialClaim | undefined): Promise<Trial | undefined>;
  /** The validation cost of a trial after an epoch. */
  report(number: number, epoch: number, value: number): Promise<void>;
  finish(number: number, end: TrialEnd): Promise<void>;
  /** Every trial, including those of other processes, up to date. */
  trials(): Promise<Trial[]>;
  close(): Promise<void>;
  /**
   * Seconds between claims while no trial can be started but other workers' trials still run: set by
   * a store that finds dead workers by their heartbeat (their trials are offered again after a
   * timeout), so a worker stays until the study is complete. Undefined: stop when nothing is left to start.
   */
  readonly pollInterval?: number;
}

/**
 * The scheme of a store given as a URL ('mysql' of 'mysql://h/db'), undefined for a file name. Two
 * letters at least before '://': C:\x and C://x are Windows paths, not URLs. A URL read as a journal
 * file name was said as "the folder .../mysql:/h does not exist", or written as a file 'redis:'.
 */
export function urlScheme(text: string): string | undefined {
  return /^([a-z][a-z0-9+.-]+):\/\//i.exec(text)?.[1]?.toLowerCase();
}

/** A URL as a message may show it: no password, at most 100 characters. */
export function shownUrl(text: string): string {
  return text.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@').slice(0, 100);
}

/** Why a string cannot be tune()'s journal file (it is a URL), or undefined. Journal files and PostgresStorage are the stores there are. */
export function journalNameProblem(text: string): string | undefined {
  const scheme = urlScheme(text);
  if (scheme === undefined) return undefined;
  const shown = `options.storage '${shownUrl(text)}'`;
  if (scheme === 'postgres' || scheme === 'postgresql') return `${shown} is a database URL, but a string is a journal file's name: for a study in PostgreSQL give storage: new PostgresStorage({ url, studyName })`;
  return `${shown}: ${scheme}:// stores are not supported; give a journal file's name, or a PostgresStorage for a postgres:// or postgresql:// URL`;
}
