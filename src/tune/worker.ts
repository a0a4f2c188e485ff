// The worker thread of a trial pool: loads the runner module once with the shared data, then runs
// one trial at a time; after each epoch it posts the validation cost, and after the epochs where
// the pruner decides (the task's answerAt; all when not given) it waits (on a shared flag) for the
// study's answer: go on (1) or stop (2).

import { parentPort, workerData } from 'node:worker_threads';
import type { CreateRunner, WorkerRunner } from './worker-api.js';

const { runner, shared, control } = workerData as { runner: string; shared: unknown; control: Int32Array };
const port = parentPort!;
const ready: Promise<WorkerRunner> = import(runner).then((m: { createRunner: CreateRunner }) => m.createRunner(shared));
// (a failed start is reported with the first task)
ready.catch(() => {});

/** The epochs of the running trial after which the study answers (undefined: every epoch). */
let answerAt: Set<number> | undefined;

const report = (epoch: number, value: number): boolean => {
  if (answerAt && !answerAt.has(epoch)) {
    port.postMessage({ type: 'report', epoch, value, wait: false });
    return true;
  }
  Atomics.store(control, 0, 0);
  port.postMessage({ type: 'report', epoch, value, wait: true });
  Atomics.wait(control, 0, 0);
  return Atomics.load(control, 0) === 1;
};

port.on('message', async (m: { type: 'run'; task: unknown; answerAt?: number[] }) => {
  answerAt = m.answerAt && new Set(m.answerAt);
  try {
    const r = await ready;
    port.postMessage({ type: 'done', outcome: await r.run(m.task, report) });
  } catch (e) {
    port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
});
