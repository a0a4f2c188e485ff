// The kernel speed check of the playground, in its own worker: one float32 product C = A·B on
// each kernel backend that loads in this browser (js, wasm SIMD, wasm SIMD on worker threads),
// timed, and compared with the js result. Threads need a cross-origin isolated page (the
// `backprop playground` server sends the COOP/COEP headers).

import { initBackend, getBackend, setBackend, Random } from '../../src/index.js';
import relaxedUrl from '../../dist/src/kernels/wasm/gemm-relaxed.wasm?url';
import plainUrl from '../../dist/src/kernels/wasm/gemm.wasm?url';
import relaxedSharedUrl from '../../dist/src/kernels/wasm/gemm-relaxed-shared.wasm?url';
import plainSharedUrl from '../../dist/src/kernels/wasm/gemm-shared.wasm?url';
import type { SpeedRequest, SpeedResult, SpeedRow } from './protocol.js';

const post = (msg: SpeedResult) => (self as unknown as Worker).postMessage(msg);

function random(n: number, rng: Random): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.random() * 2 - 1;
  return a;
}

/** Seconds per product: the best of `reps` runs after one warm-up. */
function time(run: () => void, reps: number): number {
  run();
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    run();
    best = Math.min(best, performance.now() - t0);
  }
  return best / 1000;
}

async function measure(n: number): Promise<SpeedRow[]> {
  const rng = new Random(1);
  const a = random(n * n, rng), b = random(n * n, rng);
  const ref = new Float32Array(n * n), c = new Float32Array(n * n);
  const flops = 2 * n * n * n;
  const rows: SpeedRow[] = [];
  setBackend('js');
  const jsSeconds = time(() => getBackend().matmul(a, b, ref, n, n, n), 3);
  rows.push({ backend: 'js', gflops: flops / jsSeconds / 1e9, maxDiff: 0 });
  const tries: [string, () => Promise<string>][] = [
    ['wasm', () => initBackend('wasm', { wasm: [relaxedUrl, plainUrl] })],
    ['wasm-threads', () => initBackend('wasm-threads', {
      wasmShared: [relaxedSharedUrl, plainSharedUrl],
      startWorker: () => new Worker(new URL('../../src/kernels/wasm/worker.ts', import.meta.url), { type: 'module' }),
    })],
  ];
  for (const [want, load] of tries) {
    // threads need SharedArrayBuffer: on a page that is not cross-origin isolated, asking for them fell back to one
    // thread's kernels at their default address (a 404 next to this script) and warned in the console that
    // training ran on the JavaScript kernels
    const got = want === 'wasm-threads' && !self.crossOriginIsolated ? 'none' : await load();
    if (got !== want) {
      rows.push({ backend: want, gflops: NaN, maxDiff: NaN, note: want === 'wasm-threads' && !self.crossOriginIsolated ? 'needs a cross-origin isolated page' : 'did not load here' });
      continue;
    }
    const seconds = time(() => getBackend().matmul(a, b, c, n, n, n), 5);
    let maxDiff = 0;
    for (let i = 0; i < c.length; i++) maxDiff = Math.max(maxDiff, Math.abs(c[i]! - ref[i]!) / (1 + Math.abs(ref[i]!)));
    rows.push({ backend: want, gflops: flops / seconds / 1e9, maxDiff, threads: want === 'wasm-threads' ? navigator.hardwareConcurrency : 1 });
  }
  setBackend('js');
  return rows;
}

self.onmessage = (e: MessageEvent<SpeedRequest>) => {
  measure(e.data.size).then(
    (rows) => post({ type: 'speed', size: e.data.size, rows }),
    (err: unknown) => post({ type: 'speed', size: e.data.size, rows: [], error: String((err as Error)?.message ?? err) }),
  );
};
