// A pool of worker threads that run trials side by side: each worker gets the shared data once
// (at start), then one trial at a time. close() stops the workers at once (Ctrl-C): the trials
// they were running reject with an "interrupted" error.

import { Worker } from 'node:worker_threads';
import type { RunnerOutcome as TrialOutcome } from './worker-api.js';
import { hasInputTypeOption, importingWorkerSource, workerStartError } from '../util/node-worker.js';

export interface PoolOptions {
  /** Worker threads (trials side by side). */
  size: number;
  /** The module (file URL) each worker loads; it exports createRunner (see worker-api.ts). */
  runner: string | URL;
  /** Sent once to each worker (put large arrays in SharedArrayBuffers: see shared-data.ts). */
  shared: unknown;
}

interface Slot { worker: Worker; control: Int32Array; busy?: { resolve: (o: TrialOutcome) => void; reject: (e: Error) => void; onReport: (epoch: number, value: number) => Promise<boolean> } }

export class TrialPool {
  private readonly slots: Slot[];
  private readonly waiting: ((s: Slot) => void)[] = [];
  private closed = false;

  constructor(readonly options: PoolOptions) {
    const script = new URL('./worker.js', import.meta.url);
    this.slots = Array.from({ length: Math.max(1, options.size) }, () => {
      const control = new Int32Array(new SharedArrayBuffer(4));
      const workerData = { runner: String(options.runner), shared: options.shared, control };
      // under --input-type, from a script that imports worker.js (util/node-worker.ts)
      let worker: Worker;
      try {
        worker = hasInputTypeOption() ? new Worker(importingWorkerSource(script), { eval: true, workerData }) : new Worker(script, { workerData });
      } catch (e) {
        throw workerStartError(e); // (Node's permission model without --allow-worker: named)
      }
      const slot: Slot = { worker, control };
      worker.on('message', (m) => this.onMessage(slot, m));
      worker.on('error', (e) => this.settle(slot, undefined, e));
      worker.on('exit', () => this.settle(slot, undefined, new Error(this.closed ? 'interrupted' : 'the worker thread stopped')));
      return slot;
    });
  }

  get size(): number {
    return this.slots.length;
  }

  /**
   * Run one task on the next free worker. `answerAt`: the epochs after which the worker waits for
   * onReport's answer (a pruner's rungs); after the others it goes on at once. Default: every epoch.
   */
  async run(task: unknown, onReport: (epoch: number, value: number) => Promise<boolean>, answerAt?: readonly number[]): Promise<TrialOutcome> {
    if (this.closed) throw new Error('interrupted');
    const slot = this.slots.find((s) => !s.busy) ?? await new Promise<Slot>((resolve) => this.waiting.push(resolve));
    if (this.closed) throw new Error('interrupted');
    return new Promise<TrialOutcome>((resolve, reject) => {
      slot.busy = { resolve, reject, onReport };
      slot.worker.postMessage({ type: 'run', task, answerAt });
    });
  }

  /** Stop every worker now (running trials reject with 'interrupted'). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private onMessage(slot: Slot, m: { type: string; epoch?: number; value?: number; wait?: boolean; outcome?: TrialOutcome; message?: string }): void {
    const busy = slot.busy;
    if (!busy) return;
    if (m.type === 'report') {
      const answer = busy.onReport(m.epoch!, m.value!).catch(() => false);
      // a worker that did not wait must not find a late answer in its flag at its next rung
      if (m.wait) void answer.then((goOn) => {
        Atomics.store(slot.control, 0, goOn ? 1 : 2);
        Atomics.notify(slot.control, 0);
      });
      return;
    }
    this.settle(slot, m.type === 'done' ? m.outcome : undefined, m.type === 'error' ? new Error(m.message) : undefined);
  }

  private settle(slot: Slot, outcome: TrialOutcome | undefined, error: Error | undefined): void {
    const busy = slot.busy;
    slot.busy = undefined;
    if (busy) {
      if (outcome) busy.resolve(outcome);
      else busy.reject(error ?? new Error('the worker thread stopped'));
    }
    if (!this.closed && slot.worker.threadId >= 0) this.waiting.shift()?.(slot);
  }
}
