// A worker thread of the 'wasm-threads' backend: instantiates gemm-shared.wasm over the
// shared memory, then forever waits for a job, computes its rectangle of C, and reports.
// The job protocol is described in threads.ts.

import { parentPort, workerData } from 'node:worker_threads';
import type { GemmExports } from './index.js';
import { GEN, DONE, STOP, PARAMS, RANGES, SPIN } from './protocol.js';

const { module, memory, control, index, work } = workerData as {
  module: WebAssembly.Module; memory: WebAssembly.Memory; control: SharedArrayBuffer; index: number; work: number;
};
const ctl = new Int32Array(control);
const g = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as GemmExports;
parentPort!.postMessage('ready');

let seen = Atomics.load(ctl, GEN);
for (;;) {
  // spin a little (a job often follows right away), then sleep until the generation changes
  let gen = Atomics.load(ctl, GEN);
  for (let s = 0; gen === seen && s < SPIN; s++) gen = Atomics.load(ctl, GEN);
  while (gen === seen) {
    Atomics.wait(ctl, GEN, seen);
    gen = Atomics.load(ctl, GEN);
  }
  seen = gen;
  if (Atomics.load(ctl, STOP)) break;
  const p = PARAMS, r = RANGES + 4 * index;
  if (ctl[r]! < ctl[r + 1]! && ctl[r + 2]! < ctl[r + 3]!) {
    g.gemm(ctl[p]!, ctl[p + 1]!, ctl[p + 2]!, ctl[p + 3]!, ctl[p + 4]!, ctl[p + 5]!, ctl[p + 6]!,
      ctl[p + 7]!, ctl[p + 8]!, ctl[r]!, ctl[r + 1]!, ctl[r + 2]!, ctl[r + 3]!, work);
  }
  Atomics.add(ctl, DONE, 1);
  Atomics.notify(ctl, DONE);
}
