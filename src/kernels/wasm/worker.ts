// A worker thread of the 'wasm-threads' backend (a Node worker_thread, or a Web Worker in a
// browser): instantiates the shared-memory kernel module over the shared memory, then forever
// waits for a job, joins it if it is still open, takes chunks until none are left, and reports.
// The protocol is in protocol.ts.

import { GEN, JOIN, DONE, STOP, CLOSED, SPIN, STEP_SPIN, KIND, KIND_PRODUCT, takeJob } from './protocol.js';
import type { TrainExports } from './trainer.js';
import { nodeBuiltin } from '../node-builtin.js';

/** What the pool sends each worker: the compiled module, the memory, the control array, its scratch area, its index in the pool (1..). */
export interface WorkerSetup {
  module: WebAssembly.Module; memory: WebAssembly.Memory; control: SharedArrayBuffer; work: number; index: number;
}

const isNode = typeof process !== 'undefined' && !!process.versions?.node;

if (isNode) {
  // no top-level await: bundlers build this file as a classic (iife) worker by default
  void nodeBuiltin<typeof import('node:worker_threads')>('node:worker_threads').then(({ parentPort, workerData }) => {
    const post = (msg: string) => parentPort!.postMessage(msg);
    // started by the pool: the setup is its workerData; by BackendOptions.startWorker: the first message
    if (workerData) serve(workerData as WorkerSetup, post);
    else parentPort!.once('message', (setup: WorkerSetup) => serve(setup, post));
  });
} else {
  // a Web Worker: the setup is the first message
  const scope = globalThis as unknown as { onmessage: ((e: MessageEvent) => void) | null; postMessage(msg: unknown): void };
  scope.onmessage = (e: MessageEvent) => {
    scope.onmessage = null;
    serve(e.data as WorkerSetup, (msg) => scope.postMessage(msg));
  };
}

function serve({ module, memory, control, work, index }: WorkerSetup, post: (msg: string) => void): void {
  const ctl = new Int32Array(control);
  const g = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as TrainExports;
  post('ready');

  let seen = Atomics.load(ctl, GEN);
  let spin = SPIN;
  for (;;) {
    // spin a little (a job often follows right away; longer after a training step), then sleep until the generation changes
    let gen = Atomics.load(ctl, GEN);
    for (let s = 0; gen === seen && s < spin; s++) gen = Atomics.load(ctl, GEN);
    while (gen === seen) {
      Atomics.wait(ctl, GEN, seen);
      gen = Atomics.load(ctl, GEN);
    }
    seen = gen;
    if (Atomics.load(ctl, STOP)) break;
    // join job `gen` unless it is closed or already replaced by a newer one
    let v = Atomics.load(ctl, JOIN);
    let joined = false;
    while (v >>> 16 === (gen & 0xffff) && !(v & CLOSED)) {
      const w = Atomics.compareExchange(ctl, JOIN, v, v + 1);
      if (w === v) { joined = true; break; }
      v = w;
    }
    if (!joined) continue;
    // a training step or a stage of the training set's copy: the next job follows within microseconds
    spin = ctl[KIND] !== KIND_PRODUCT ? STEP_SPIN : SPIN;
    takeJob(ctl, g, memory, work, index);
    Atomics.add(ctl, DONE, 1);
    Atomics.notify(ctl, DONE);
  }
  if (!isNode) (globalThis as unknown as { close(): void }).close();
}
