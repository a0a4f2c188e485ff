// The machine's own ceiling for work on several threads, measured in the same rounds as W1: a
// compute-bound loop (a 192 x 192 x 192 product on our one-thread WebAssembly backend, in cache) on
// this thread alone, then on this thread and `threads` - 1 workers at once, each on its own memory,
// with nothing shared and no synchronization. The ceiling is the rate of all of them together over
// the rate of one alone: what any work cut over the threads can reach at most on this machine at
// that moment. On the 2-core virtual machines the bench runs on, it moves from minute to minute
// (seen: two such loops pinned to the two cores at 46 + 46 GFLOP/s in one minute, 46 + 27 a few
// minutes later, the same loop alone at 42-47), and W1's two-thread gain moves with it.

import { Worker, isMainThread, workerData } from 'node:worker_threads';
import { getBackend, setBackend } from '../src/kernels/registry.js';
import { initBackend } from '../src/kernels/init.js';

const N = 192;
/** Control slots: the generation (bumped to start a window), the window's milliseconds, the workers done. */
const GEN = 0, MS = 1, DONE = 2;

/** Products of the loop done in `ms` milliseconds on this thread's 'wasm' backend: products per second. */
function loopRate(ms: number): number {
  const kernels = getBackend();
  const a = new Float32Array(N * N).fill(0.5), b = new Float32Array(N * N).fill(0.25), c = new Float32Array(N * N);
  const t0 = performance.now();
  let done = 0, t = t0;
  for (; t - t0 < ms; t = performance.now()) {
    kernels.matmul(a, b, c, N, N, N);
    done++;
  }
  return (done * 1000) / (t - t0);
}

/** Workers that run the loop when told to, and this thread's side of a measurement. */
export class CeilingProbe {
  private constructor(private readonly workers: Worker[], private readonly ctl: Int32Array, private readonly rates: Float64Array) {}

  /** A probe for `threads` threads (this one and threads - 1 workers), or undefined when the 'wasm' backend is not there. */
  static async start(threads: number): Promise<CeilingProbe | undefined> {
    if (threads < 2 || (await initBackend('wasm')) !== 'wasm') return undefined;
    const control = new SharedArrayBuffer(16 + 8 * threads);
    const workers: Worker[] = [];
    for (let w = 1; w < threads; w++) {
      const worker = new Worker(new URL(import.meta.url), { workerData: { ceiling: { control, index: w } } });
      await new Promise<void>((resolve, reject) => { worker.once('message', () => resolve()); worker.once('error', reject); });
      worker.unref();
      workers.push(worker);
    }
    return new CeilingProbe(workers, new Int32Array(control, 0, 4), new Float64Array(control, 16, threads));
  }

  /**
   * The ceiling now: the loop on every thread at once over the loop on this thread alone, in
   * `pairs` pairs of windows of `ms` milliseconds each (alone, then together), so that the machine's
   * drift over the measurement falls on both alike; with the rates (products a second) alone and
   * on each thread together. The active backend is set back afterwards.
   */
  measure(ms: number, pairs = 4): { ceiling: number; alone: number; together: number[] } {
    const was = getBackend().name;
    setBackend('wasm');
    try {
      let alone = 0;
      const together = new Array<number>(this.rates.length).fill(0);
      for (let p = 0; p < pairs; p++) {
        alone += loopRate(ms) / pairs;
        this.window(ms).forEach((r, t) => { together[t]! += r / pairs; });
      }
      return { ceiling: together.reduce((s, r) => s + r, 0) / alone, alone, together };
    } finally {
      setBackend(was);
    }
  }

  /** The loop on every thread at once for `ms` milliseconds: each thread's rate. */
  private window(ms: number): number[] {
    Atomics.store(this.ctl, DONE, 0);
    Atomics.store(this.ctl, MS, ms);
    Atomics.add(this.ctl, GEN, 1);
    Atomics.notify(this.ctl, GEN);
    this.rates[0] = loopRate(ms);
    const deadline = performance.now() + ms + 10_000;
    for (let done = Atomics.load(this.ctl, DONE); done < this.workers.length; done = Atomics.load(this.ctl, DONE)) {
      if (Atomics.wait(this.ctl, DONE, done, Math.max(0, deadline - performance.now())) === 'timed-out') {
        throw new Error(`the ceiling probe's workers did not report within 10 s of a ${ms} ms window`);
      }
    }
    return [...this.rates];
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** A worker of the probe: the loop for the window's milliseconds each time the generation changes. */
async function serve(control: SharedArrayBuffer, index: number): Promise<void> {
  const { parentPort } = await import('node:worker_threads');
  await initBackend('wasm');
  setBackend('wasm');
  const ctl = new Int32Array(control, 0, 4), rates = new Float64Array(control, 16);
  loopRate(300); // the engine compiles this worker's module again: its optimized code, before the first window
  parentPort!.postMessage('ready');
  for (let seen = Atomics.load(ctl, GEN); ; seen++) {
    Atomics.wait(ctl, GEN, seen);
    rates[index] = loopRate(Atomics.load(ctl, MS));
    Atomics.add(ctl, DONE, 1);
    Atomics.notify(ctl, DONE);
  }
}

const setup = (workerData as { ceiling?: { control: SharedArrayBuffer; index: number } } | null)?.ceiling;
if (!isMainThread && setup) void serve(setup.control, setup.index);
