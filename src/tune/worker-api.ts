// What a trial pool's worker thread runs: a module exporting createRunner(shared), given the data
// sent once to the worker, returning the function that runs one trial's task there.

import type { TrialOutcome } from './study.js';

/** report(epoch, value): record an epoch's validation cost; false means stop (pruned). It blocks the worker until the study answers. */
export type WorkerReport = (epoch: number, value: number) => boolean;

/** How a trial ended, and what its training warned of (trainModel's warn). */
export type RunnerOutcome = TrialOutcome & { warnings?: string[] };

export interface WorkerRunner {
  run(task: unknown, report: WorkerReport): Promise<RunnerOutcome> | RunnerOutcome;
}

export type CreateRunner = (shared: unknown) => Promise<WorkerRunner> | WorkerRunner;
