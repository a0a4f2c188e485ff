// The 'wasm-threads' backend (Node only): the SIMD kernels of gemm-shared.wasm on one
// shared WebAssembly memory, with a pool of worker threads started once. A large product
// is split into rectangles of C along its longer side, one per thread (the main thread
// takes the first); small products stay on the main thread, where a hand-off would cost
// more than it saves.

import type { Kernels } from '../kernels.js';
import { WASM_SHARED_URL, WasmGemm, compileGemm, kernelsFor, type GemmExports, type WasmSource } from './index.js';
import { GEN, DONE, STOP, PARAMS, RANGES, MAX_THREADS, CONTROL_INTS, SPIN } from './protocol.js';

/** Products with fewer multiply-adds than this run on one thread. */
export const PARALLEL_MIN_MACS = 1 << 18;
const MR = 4, NR = 8; // the register tile of gemm.ts: split points are multiples of these

type WorkerLike = { terminate(): Promise<number>; unref(): void; once(ev: string, f: (x: unknown) => void): void };
let pool: { workers: WorkerLike[]; ctl: Int32Array } | undefined;

/** Start `threads` - 1 workers over a shared memory and return the 'wasm-threads' kernels. */
export async function loadThreadedKernels(threads?: number, source: WasmSource = WASM_SHARED_URL): Promise<Kernels> {
  const os = await import('node:os');
  const { Worker } = await import('node:worker_threads');
  const count = Math.max(1, Math.min(MAX_THREADS, Math.floor(threads ?? os.availableParallelism())));
  await stopThreads();

  const module = await compileGemm(source);
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 16384, shared: true }); // up to 1 GB
  const instance = await WebAssembly.instantiate(module, { env: { memory } });
  const g = new WasmGemm(instance.exports as unknown as GemmExports, memory, count);
  const ctl = new Int32Array(new SharedArrayBuffer(CONTROL_INTS * 4));

  const workers: WorkerLike[] = [];
  try {
    for (let t = 1; t < count; t++) {
      const w = new Worker(new URL('./worker.js', import.meta.url), {
        workerData: { module, memory, control: ctl.buffer, index: t, work: g.workPtr(t) },
      });
      workers.push(w);
      await new Promise<void>((resolve, reject) => {
        w.once('message', () => resolve());
        w.once('error', (e) => reject(e));
      });
      w.unref(); // an idle pool does not keep the process alive
    }
  } catch (e) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw e;
  }
  pool = { workers, ctl };

  const single = g.run;
  g.run = (k, a, rsA, csA, b, rsB, csB, c, m, n) => {
    const macs = m * n * k;
    const splitRows = m >= n;
    const side = splitRows ? m : n, unit = splitRows ? MR : NR;
    if (count === 1 || macs < PARALLEL_MIN_MACS || side < 2 * unit || pool?.ctl !== ctl) {
      single(k, a, rsA, csA, b, rsB, csB, c, m, n);
      return;
    }
    // cut the longer side into `count` parts, each a multiple of the tile
    const units = Math.ceil(side / unit);
    const parts = Math.min(count, units);
    ctl.set([k, a, rsA, csA, b, rsB, csB, c, n], PARAMS);
    for (let t = 0; t < count; t++) {
      const lo = Math.min(side, Math.round((units * t) / parts) * unit);
      const hi = t >= parts ? lo : Math.min(side, Math.round((units * (t + 1)) / parts) * unit);
      const r = RANGES + 4 * t;
      if (splitRows) { ctl[r] = lo; ctl[r + 1] = hi; ctl[r + 2] = 0; ctl[r + 3] = n; }
      else { ctl[r] = 0; ctl[r + 1] = m; ctl[r + 2] = lo; ctl[r + 3] = hi; }
    }
    Atomics.store(ctl, DONE, 0);
    Atomics.add(ctl, GEN, 1);
    Atomics.notify(ctl, GEN);
    if (ctl[RANGES]! < ctl[RANGES + 1]! && ctl[RANGES + 2]! < ctl[RANGES + 3]!) {
      g.exports.gemm(k, a, rsA, csA, b, rsB, csB, c, n, ctl[RANGES]!, ctl[RANGES + 1]!, ctl[RANGES + 2]!, ctl[RANGES + 3]!, g.workPtr(0));
    }
    // wait for the workers: spin briefly, then sleep on DONE
    const want = count - 1;
    let done = Atomics.load(ctl, DONE);
    for (let s = 0; done < want && s < SPIN; s++) done = Atomics.load(ctl, DONE);
    while (done < want) {
      Atomics.wait(ctl, DONE, done);
      done = Atomics.load(ctl, DONE);
    }
  };
  return kernelsFor('wasm-threads', g);
}

/** Stop the worker pool (the 'wasm-threads' kernels must not be used afterwards). */
export async function stopThreads(): Promise<void> {
  if (!pool) return;
  const { workers, ctl } = pool;
  pool = undefined;
  Atomics.store(ctl, STOP, 1);
  Atomics.add(ctl, GEN, 1);
  Atomics.notify(ctl, GEN);
  await Promise.all(workers.map((w) => w.terminate()));
}
