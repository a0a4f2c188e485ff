// The 'wasm-threads' backend: the SIMD kernels of gemm-shared.wasm on one shared WebAssembly
// memory, with a pool of worker threads started once (Node worker_threads, or Web Workers in a
// cross-origin isolated page, where SharedArrayBuffer exists). A large product
// is cut into bands of C along its longer side, a few per thread, taken from a shared
// counter (protocol.ts), so a worker that wakes late never holds the main thread up. Small
// products stay on the main thread, where a hand-off would cost more than it saves.

import type { Kernels } from '../kernels.js';
import { WASM_SHARED_URL, WASM_RELAXED_SHARED_URL, WasmGemm, besideModule, compileGemm, kernelsFor, type GemmExports, type WasmSource } from './index.js';
import { GEN, JOIN, NEXT, DONE, STOP, PACKED, PARAMS, ALPHA, KIND, KIND_PRODUCT, KIND_STEP, KIND_COPY, KIND_ROWS, COPY_FINITE, COPY_PARTS, CONTROL_INTS, CLOSED, PACKED_A, PACKED_B, SPIN, BARRIER_SPIN, takeJob, floatBits, waitFor } from './protocol.js';
import { runHere, runTasksHere, type TrainExports } from './trainer.js';
import type { WorkerSetup } from './worker.js';
import { nodeBuiltin } from '../node-builtin.js';
import { hasInputTypeOption, importingWorkerSource, workerStartError } from '../../util/node-worker.js';

/**
 * Products with fewer multiply-adds than this run on one thread (about 0.2 ms of work): below it the
 * hand-off to the workers costs more than it saves (measured: W1's 128 x 784 x 64 products, 6.4M, ran
 * slower split on two cores; W2's 51M and a 1024-cube ran much faster).
 */
let parallelMinMacs = 1 << 23;

/** Change the threshold above (tests use it to make small products split). */
export function setParallelThreshold(macs: number): void {
  parallelMinMacs = macs;
}
/** Bands per thread: more balance the load when a core is busy (the shared operand is packed once). */
const CHUNKS_PER_THREAD = 4;
const MAX_THREADS = 64;
const MR = 4, NR = 8; // the register tile of gemm.ts: split points are multiples of these

/** A pool thread: a Node Worker or a Web Worker. */
export interface PoolWorker { terminate(): unknown }
import type { KernelWorker, NodeKernelWorker, StartWorker } from './sources.js';
export type { StartWorker } from './sources.js';
/** The running pool, with what started it (its thread count, module source and worker starter) and its kernels. */
let pool: { workers: PoolWorker[]; ctl: Int32Array; started: PoolKey; kernels: Kernels } | undefined;
interface PoolKey { count: number; source?: WasmSource | WasmSource[]; startWorker?: StartWorker }

const isNode = typeof process !== 'undefined' && !!process.versions?.node;

/** A worker running worker.js with `setup`, once it has said it is ready. */
async function spawn(setup: WorkerSetup, startWorker?: StartWorker): Promise<PoolWorker> {
  const given = startWorker?.();
  if (given && 'once' in given) return nodeWorkerReady(given, setup);
  if (isNode && !given) {
    const { Worker } = await nodeBuiltin<typeof import('node:worker_threads')>('node:worker_threads');
    // (under --input-type, from a script that imports worker.js; the permission model's refusal named: util/node-worker.ts)
    try {
      if (hasInputTypeOption()) return nodeWorkerReady(new Worker(importingWorkerSource(new URL('./worker.js', import.meta.url)), { eval: true, workerData: setup }));
      return nodeWorkerReady(new Worker(new URL('./worker.js', import.meta.url), { workerData: setup }));
    } catch (e) {
      throw workerStartError(e);
    }
  }
  // a browser (a bundler may pass its own way to start worker.ts)
  const w: KernelWorker = given ?? new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  await new Promise<void>((resolve, reject) => {
    w.onmessage = () => resolve();
    w.onerror = (e: { message?: string }) => { w.terminate(); reject(new Error(`a kernel worker failed to start: ${e.message}`)); };
    w.postMessage(setup);
  });
  w.onmessage = w.onerror = null;
  return w;
}

/**
 * A Node worker once it has said it is ready; `setup` is posted to it when given (a worker that
 * startWorker started has no workerData).
 */
async function nodeWorkerReady(w: NodeKernelWorker, setup?: WorkerSetup): Promise<PoolWorker> {
  await new Promise<void>((resolve, reject) => {
    w.once('message', () => resolve());
    w.once('error', (e: Error) => { void w.terminate(); reject(e); });
    if (setup) w.postMessage(setup);
  });
  w.unref?.(); // an idle pool does not keep the process alive
  return w;
}

/**
 * Starting and stopping the pool take turns: two loads at once (initBackend called twice before the
 * first finished, as a page's effect that runs twice does) each found no pool to stop and started
 * one, and the first pool's workers were never stopped.
 */
let turn: Promise<unknown> = Promise.resolve();
function inTurn<T>(task: () => Promise<T>): Promise<T> {
  const run = turn.then(task);
  turn = run.catch(() => undefined);
  return run;
}

/**
 * Start `threads` - 1 workers over a shared memory and return the 'wasm-threads' kernels
 * (module by default gemm-relaxed-shared.wasm, else gemm-shared.wasm). `threads` defaults to
 * the number of cores. In a browser the page must be cross-origin isolated (COOP/COEP headers).
 * A pool started before is stopped first.
 */
export function loadThreadedKernels(threads?: number, source?: WasmSource | WasmSource[], startWorker?: StartWorker): Promise<Kernels> {
  return inTurn(() => startPool(threads, source, startWorker));
}

async function startPool(threads?: number, source?: WasmSource | WasmSource[], startWorker?: StartWorker): Promise<Kernels> {
  if (typeof SharedArrayBuffer === 'undefined') {
    throw new Error('wasm-threads needs SharedArrayBuffer (in a browser: a cross-origin isolated page)');
  }
  const cores = isNode ? (await nodeBuiltin<typeof import('node:os')>('node:os')).availableParallelism() : (globalThis.navigator?.hardwareConcurrency ?? 1);
  const count = Math.max(1, Math.min(MAX_THREADS, Math.floor(threads ?? cores)));
  // the same pool asked for again (initBackend('wasm-threads') once per request) is kept: it was restarted, ~150 ms
  const same = pool?.started;
  if (pool && same?.count === count && same.source === source && same.startWorker === startWorker) return pool.kernels;
  await stopPool();

  const module = await (source ? compileGemm(...[source].flat()) : compileGemm(...besideModule(WASM_RELAXED_SHARED_URL, WASM_SHARED_URL)));
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 16384, shared: true }); // up to 1 GB
  const instance = await WebAssembly.instantiate(module, { env: { memory } });
  const g = new WasmGemm(instance.exports as unknown as GemmExports, memory, count);
  const ctl = new Int32Array(new SharedArrayBuffer(CONTROL_INTS * 4));

  const workers: PoolWorker[] = [];
  try {
    for (let t = 1; t < count; t++) workers.push(await spawn({ module, memory, control: ctl.buffer as SharedArrayBuffer, work: g.workPtr(t), index: t }, startWorker));
  } catch (e) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw e;
  }
  const kernels = kernelsFor('wasm-threads', g);
  pool = { workers, ctl, started: { count, source, startWorker }, kernels };
  shareWork(g, ctl, count);
  return kernels;
}

/** Make g's products, resident steps and copies jobs of the pool's threads (each runs here alone once the pool of `ctl` is stopped). */
function shareWork(g: WasmGemm, ctl: Int32Array, count: number): void {
  const single = g.run;
  g.run = (k, a, rsA, csA, b, rsB, csB, c, m, n, alpha) => {
    const splitRows = m >= n;
    const side = splitRows ? m : n, unit = splitRows ? MR : NR;
    if (count === 1 || m * n * k < parallelMinMacs || side < 2 * unit || pool?.ctl !== ctl) {
      single(k, a, rsA, csA, b, rsB, csB, c, m, n, alpha);
      return;
    }
    // bands of the longer side, a few per thread, each a multiple of the register tile
    const units = Math.ceil(side / unit);
    const size = Math.ceil(units / Math.min(units, CHUNKS_PER_THREAD * count)) * unit;
    const chunks = Math.ceil(side / size);
    // the operand every band reads in full is packed once, after C, by all threads in pieces
    const which = splitRows ? PACKED_B : PACKED_A;
    const padded = splitRows ? Math.ceil(n / NR) * NR : g.exports.paddedRows(m);
    const packed = Math.ceil((c + m * n * 4) / 64) * 64;
    const pieces = chunks > 1 && g.grow(packed + k * padded * 4) ? g.exports.packPieces(which, k, splitRows ? n : m) : 0;
    ctl.set([k, a, rsA, csA, b, rsB, csB, c, n, m, n, splitRows ? 1 : 0, size, chunks, pieces, packed, padded], PARAMS);
    ctl[ALPHA] = floatBits(alpha);
    runJob(ctl, g, KIND_PRODUCT);
  };
  // a resident step: its blocks (one per thread), then the parts of its update, from the same counter
  g.runBlocks = (blocks, list, parts, desc) => {
    if (blocks === 1 || pool?.ctl !== ctl) {
      runHere(g, blocks, list, parts, desc);
      return;
    }
    ctl[PARAMS] = blocks;
    ctl[PARAMS + 1] = list;
    ctl[PARAMS + 2] = parts;
    ctl[PARAMS + 3] = desc;
    runJob(ctl, g, KIND_STEP);
  };
  // a resident step cut into bands of rows: its tasks in phases, each thread those it owns (row-tasks.ts)
  g.runRows = (tasks, count, threads, stride) => {
    if (pool?.ctl !== ctl) {
      runTasksHere(g, tasks, count);
      return;
    }
    ctl[PARAMS] = tasks;
    ctl[PARAMS + 1] = count;
    ctl[PARAMS + 2] = threads;
    ctl[PARAMS + 3] = stride;
    runJob(ctl, g, KIND_ROWS);
  };
  // staged rows of X into a resident step's copy of the training set, a range of examples per part
  const copyHere = g.runCopy;
  g.runCopy = (src, rows, m, dst, n0, i0, meanwhile) => {
    const parts = Math.min(COPY_PARTS, 2 * count, Math.floor(m / 64));
    if (parts < 2 || pool?.ctl !== ctl) return copyHere(src, rows, m, dst, n0, i0, meanwhile);
    ctl.set([src, rows, m, dst, n0, i0, parts], PARAMS);
    runJob(ctl, g, KIND_COPY, meanwhile);
    return ctl.subarray(COPY_FINITE, COPY_FINITE + parts).every((v) => v === 1);
  };
}

/**
 * Post the job whose PARAMS are set, take part in it, close it and wait for the workers that joined;
 * `meanwhile` runs on this thread once the job is posted, before it takes its part.
 */
function runJob(ctl: Int32Array, g: WasmGemm, kind: number, meanwhile?: () => void): void {
  ctl[KIND] = kind;
  // a job's number is never 0: a step's tasks are claimed with it, and a fresh table of tasks holds 0
  const gen = (ctl[GEN]! + 1) | 0 || 1;
  Atomics.store(ctl, NEXT, 0);
  Atomics.store(ctl, DONE, 0);
  Atomics.store(ctl, PACKED, 0);
  Atomics.store(ctl, JOIN, (gen & 0xffff) << 16);
  Atomics.store(ctl, GEN, gen);
  Atomics.notify(ctl, GEN);
  meanwhile?.();
  takeJob(ctl, g.exports as TrainExports, g.memory, g.workPtr(0), 0);
  // close the job and wait for the workers that joined it (they are running: in a training step or
  // a stage of its copy of the training set, ending their last part within microseconds, when a
  // sleep in Atomics.wait would cost tens)
  let v = Atomics.load(ctl, JOIN);
  for (let w = Atomics.compareExchange(ctl, JOIN, v, v | CLOSED); w !== v; w = Atomics.compareExchange(ctl, JOIN, v, v | CLOSED)) v = w;
  waitFor(ctl, DONE, v & (CLOSED - 1), kind === KIND_PRODUCT ? SPIN : BARRIER_SPIN);
}

/** Stop the worker pool; 'wasm-threads' kernels made before then run on the calling thread only. */
export function stopThreads(): Promise<void> {
  return inTurn(stopPool);
}

async function stopPool(): Promise<void> {
  if (!pool) return;
  const { workers, ctl } = pool;
  pool = undefined;
  Atomics.store(ctl, STOP, 1);
  Atomics.add(ctl, GEN, 1);
  Atomics.notify(ctl, GEN);
  await Promise.all(workers.map((w) => w.terminate()));
}
