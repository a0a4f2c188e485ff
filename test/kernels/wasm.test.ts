// The WebAssembly kernels (single-threaded and on worker threads) against the JS reference.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { jsKernels } from '../../src/kernels/js/index.js';
import { loadWasmKernels, compileGemm, kernelsFor, WasmGemm, WASM_URL, type GemmExports } from '../../src/kernels/wasm/index.js';
import { loadThreadedKernels, stopThreads, setParallelThreshold } from '../../src/kernels/wasm/threads.js';
import { initBackend, stopBackendThreads } from '../../src/kernels/init.js';
import { registerBackend, setBackend, getBackend } from '../../src/kernels/registry.js';
import type { Kernels } from '../../src/kernels/kernels.js';
import { Random } from '../../src/tensor/random.js';
import { Matrix } from '../../src/tensor/matrix.js';
import { existsSync, readdirSync } from 'node:fs';
import { Network } from '../../src/nn/network.js';
import { fit } from '../../src/train/fit.js';

type Form = 'matmul' | 'matmulTransB' | 'matmulTransA';
const FORMS: Form[] = ['matmul', 'matmulTransB', 'matmulTransA'];

// [m, k, n]: tiny, vectors, odd and prime sizes, and sizes that cross the blocking
// (KC = 256, MC = 128, NC = 2048, pieces of 256 columns / 128 rows) and the threading threshold (2^18 multiply-adds)
const SHAPES: [number, number, number][] = [
  [1, 1, 1], [1, 7, 1], [1, 1, 9], [9, 1, 1], [2, 3, 4], [4, 8, 8], [5, 3, 7],
  [1, 300, 1], [1, 64, 37], [37, 64, 1], [1, 257, 513], [513, 257, 1],
  [13, 17, 19], [31, 29, 23], [97, 101, 89], [131, 263, 17], [3, 5, 2100],
  [200, 257, 9], [9, 300, 300], [67, 300, 71], [128, 784, 64], [129, 520, 131],
  // split across threads with the shared operand packed in several pieces (B wider than 256 columns, A taller than 128 rows)
  [600, 300, 301], [301, 270, 600],
  // a few rows of A or one column of B, read in place (gemv.ts), in pairs of rows and an odd one: the cat's logistic regression, each tail of
  // the 32- and 4-column loops and of the 8- and 4-deep dot products, a split whose last band of rows is one row
  [1, 12288, 167], [1, 167, 1200], [1, 45, 39], [2, 300, 70], [3, 97, 45], [7, 1000, 150], [8, 150, 1000], [5, 2000, 67], [1, 13, 3], [1, 2100, 2100], [150, 700, 1], [1, 9, 150], [33, 3000, 3],
  // 9 to 20 rows with B past 2^20 floats (row-major B read in place in gemm's order: gemm-order.ts; B transposed: gemm)
  [13, 4100, 257], [20, 257, 4100], [9, 1100, 1001],
];

function random(n: number, rng: Random): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.random() * 2 - 1;
  return a;
}

/** Stored sizes of A and B for a form (A stored k x m for TransA, B stored n x k for TransB). */
function check(kernels: Kernels, form: Form, m: number, k: number, n: number, rng: Random, alpha?: number): void {
  const a = random(m * k, rng), b = random(k * n, rng);
  const c = new Float32Array(m * n).fill(NaN);
  kernels[form](a, b, c, m, k, n, alpha);
  // reference in float64 (scaled by alpha here), and the bound sum |a||b| for the float32 rounding error
  const a64 = Float64Array.from(a), b64 = Float64Array.from(b);
  const ref = new Float64Array(m * n), mag = new Float64Array(m * n);
  jsKernels[form](a64, b64, ref, m, k, n);
  jsKernels[form](a64.map(Math.abs), b64.map(Math.abs), mag, m, k, n);
  const s = alpha ?? 1;
  for (let i = 0; i < m * n; i++) {
    ref[i] = s * ref[i]!;
    mag[i] = Math.abs(s) * mag[i]!;
    const tol = 2 * (k + 3) * 2 ** -24 * mag[i]! + 1e-30;
    if (!(Math.abs(c[i]! - ref[i]!) <= tol)) {
      assert.fail(`${kernels.name} ${form} ${m}x${k}x${n}: C[${i}] = ${c[i]}, expected ${ref[i]} (tolerance ${tol})`);
    }
  }
}

let wasm: Kernels;
let threads: Kernels;
before(async () => {
  wasm = await loadWasmKernels();
  threads = await loadThreadedKernels(2);
  setParallelThreshold(1 << 18); // so that the test shapes are split across the threads
});
after(async () => {
  await stopThreads();
});

for (const name of ['wasm', 'wasm-threads']) {
  test(`${name}: the three product forms equal the reference on many shapes`, () => {
    const k = name === 'wasm' ? wasm : threads;
    const rng = new Random(7);
    for (const [m, kk, n] of SHAPES) for (const form of FORMS) check(k, form, m, kk, n, rng);
  });

  test(`${name}: random shapes`, () => {
    const k = name === 'wasm' ? wasm : threads;
    const rng = new Random(11);
    for (let t = 0; t < 40; t++) {
      const m = 1 + rng.int(150), kk = 1 + rng.int(300), n = 1 + rng.int(150);
      check(k, FORMS[t % 3]!, m, kk, n, rng);
    }
  });

  test(`${name}: alpha scales the product (once, also when the depth is cut into blocks)`, () => {
    const k = name === 'wasm' ? wasm : threads;
    const rng = new Random(13);
    for (const [m, kk, n] of [[5, 3, 7], [31, 29, 23], [131, 263, 17], [128, 64, 784], [20, 209, 2100], [129, 520, 131], [1, 167, 300], [1, 45, 39], [3, 64, 101], [7, 1000, 150], [150, 70, 1]] as const) {
      for (const form of FORMS) {
        check(k, form, m, kk, n, rng, 1 / 64);
        check(k, form, m, kk, n, rng, -3);
      }
    }
  });

  test(`${name}: 9 to 20 rows on a large row-major B, read in place, give gemm's result to the last bit`, async () => {
    // gemm-order.ts sums as gemm's register tile does, so C equals gemm's (B stored transposed is
    // packed by gemm) bit for bit: the course's 4-layer cat net's published figures hang on those bits.
    // Shapes: the cat net's W[1]·X (and a thread's half), tails of 1 to 3 columns, a depth that is
    // not a whole number of gemm's blocks, alpha, and bands of columns on two threads that are large
    // enough to go in place (the last shape); on the relaxed SIMD module and the plain one.
    const modules = name === 'wasm' ? [wasm, await loadWasmKernels(WASM_URL)] : [threads];
    const rng = new Random(23);
    for (const k of modules) {
      for (const [m, kk, n, alpha] of [[20, 12288, 209, 1], [20, 12288, 105, 1], [13, 4100, 257, 0.5], [9, 2000, 602, 1], [16, 4097, 259, -1 / 3], [11, 1030, 1023, 1], [12, 16384, 520, 1]] as const) {
        const a = random(m * kk, rng), b = random(kk * n, rng), bT = new Float32Array(kk * n);
        for (let p = 0; p < kk; p++) for (let j = 0; j < n; j++) bT[j * kk + p] = b[p * n + j]!;
        const inPlace = new Float32Array(m * n), packed = new Float32Array(m * n);
        k.matmul(a, b, inPlace, m, kk, n, alpha);
        k.matmulTransB(a, bT, packed, m, kk, n, alpha);
        const differ = inPlace.findIndex((v, i) => !Object.is(v, packed[i]));
        assert.equal(differ, -1, `${m}x${kk}x${n}: C[${differ}] = ${inPlace[differ]} in place, ${packed[differ]} from gemm`);
      }
    }
  });

  test(`${name}: a pinned operand is used in place, refreshed by pin and let go by unpin`, () => {
    const k = name === 'wasm' ? wasm : threads;
    const rng = new Random(17);
    // small; then large enough for the threads to split C by columns (m < n) and by rows (m >= n)
    for (const [m, kk, n] of [[21, 300, 67], [20, 1000, 209], [300, 600, 209]] as const) {
      const x = random(kk * n, rng), w = random(m * kk, rng), dz = random(m * n, rng);
      const product = (kernels: Kernels) => {
        const z = new Float32Array(m * n), dw = new Float32Array(m * kk), xx = new Float32Array(n * n);
        kernels.matmul(w, x, z, m, kk, n);                  // x as B
        kernels.matmulTransB(dz, x, dw, m, n, kk, 0.5);     // x as B, transposed
        kernels.matmulTransA(x, x, xx, n, kk, n);           // x as both A and B
        return [z, dw, xx];
      };
      const same = (got: Float32Array[], want: Float32Array[]) => got.forEach((g, i) => {
        g.forEach((v, j) => assert.ok(Math.abs(v - want[i]![j]!) <= 1e-4 * (1 + Math.abs(want[i]![j]!)), `${name} product ${i}[${j}]: ${v} vs ${want[i]![j]}`));
      });
      k.pin!(x);
      same(product(k), product(jsKernels));
      x[5] = x[5]! + 1;                       // a change is seen after pin again ...
      k.pin!(x);
      same(product(k), product(jsKernels));
      k.pin!(w);                       // ... pinning another array lets x go ...
      x[7] = x[7]! - 2;
      same(product(k), product(jsKernels));
      k.unpin!(w);                     // ... and so does unpin
      k.pin!(x);
      k.unpin!(x);
      x[9] = x[9]! + 3;
      same(product(k), product(jsKernels));
      k.unpin!(x);                     // unpinning an array that is not pinned does nothing
      k.pin!(Float64Array.from(x));    // float64 is not pinned (it goes to the JS kernels)
      same(product(k), product(jsKernels));
    }
  });

  test(`${name}: k = 0 gives zeros, and float64 goes to the JS reference`, () => {
    const k = name === 'wasm' ? wasm : threads;
    const c = new Float32Array(12).fill(5);
    k.matmul(new Float32Array(0), new Float32Array(0), c, 3, 0, 4);
    assert.deepEqual([...c], new Array(12).fill(0));
    const rng = new Random(3);
    const a = Float64Array.from(random(35, rng)), b = Float64Array.from(random(42, rng));
    for (const form of FORMS) {
      const c1 = new Float64Array(30), c2 = new Float64Array(30);
      k[form](a, b, c1, 5, 7, 6);
      jsKernels[form](a, b, c2, 5, 7, 6);
      assert.deepEqual(c1, c2);
    }
  });
}

test('wasm: a pinned array makes room when a product would not fit next to it', async () => {
  // memory of at most 42 pages: the scratch takes about 2.2 MB, leaving about 520 KB for operands
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 42 });
  const instance = await WebAssembly.instantiate(await compileGemm(WASM_URL!), { env: { memory } });
  const k = kernelsFor('small', new WasmGemm(instance.exports as unknown as GemmExports, memory));
  const rng = new Random(19);
  const x = random(60_000, rng), w = random(60_000, rng), y = random(60_000, rng); // 240 KB each
  const want = (a: Float32Array, b: Float32Array) => { const c = new Float32Array(100); jsKernels.matmul(a, b, c, 10, 6000, 10); return c; };
  const got = (a: Float32Array, b: Float32Array) => { const c = new Float32Array(100); k.matmul(a, b, c, 10, 6000, 10); return c; };
  const close = (c: Float32Array, r: Float32Array) => c.forEach((v, i) => assert.ok(Math.abs(v - r[i]!) <= 1e-3, `C[${i}]: ${v} vs ${r[i]}`));
  k.pin!(x);
  close(got(w, x), want(w, x));   // x pinned: w and C fit after it
  close(got(w, y), want(w, y));   // x, w, y do not fit: x is let go, the product runs in WebAssembly
  x[0] = 5;                       // x is no longer pinned: its change is seen
  close(got(w, x), want(w, x));
});

/** Train a small network for a few steps on the active backend; returns the cost per epoch. */
function train(): number[] {
  const rng = new Random(5);
  const nx = 300, m = 256;
  const X = new Matrix(nx, m, random(nx * m, rng));
  const labels = Array.from({ length: m }, (_, j) => (X.get(0, j) + X.get(1, j) > 0 ? 1 : 0) + (X.get(2, j) > 0.5 ? 1 : 0));
  const net = new Network({
    inputSize: nx, seed: 1,
    layers: [{ units: 128, activation: 'relu' }, { units: 33, activation: 'tanh' }, { units: 3, activation: 'softmax' }],
  });
  return fit(net, X, labels, { epochs: 4, batchSize: 64, learningRate: 0.05, seed: 2 }).cost;
}

test('a small network trains to the same costs on js, wasm and wasm-threads', () => {
  registerBackend(wasm);
  registerBackend(threads);
  setBackend('js');
  const ref = train();
  for (const name of ['wasm', 'wasm-threads']) {
    setBackend(name);
    const cost = train();
    cost.forEach((c, i) => assert.ok(Math.abs(c - ref[i]!) <= 1e-4 * Math.abs(ref[i]!), `${name} epoch ${i + 1}: ${c} vs ${ref[i]}`));
  }
  assert.ok(ref[ref.length - 1]! < ref[0]!, 'the cost goes down');
  setBackend('js');
});

test('full-batch training (X pinned) gives the same costs on js, wasm and wasm-threads, also when a callback changes X', () => {
  registerBackend(wasm);
  registerBackend(threads);
  const run = () => {
    const rng = new Random(9);
    const nx = 600, m = 97; // 20 x 600 x 97 > 2^20 multiply-adds: threads split it
    const X = new Matrix(nx, m, random(nx * m, rng));
    const labels = Array.from({ length: m }, (_, j) => (X.get(0, j) + X.get(1, j) > 0 ? 1 : 0));
    const net = new Network({ inputSize: nx, seed: 3, layers: [{ units: 20, activation: 'relu' }, { units: 1, activation: 'sigmoid' }] });
    const plain = fit(net, X, labels, { epochs: 5, learningRate: 0.05 }).cost;
    // the callback scales X after epoch 3: later epochs must see the new values
    const changed = fit(net, X, labels, {
      epochs: 6, learningRate: 0.05,
      onEpochEnd: ({ epoch }) => { if (epoch === 3) for (let i = 0; i < X.data.length; i++) X.data[i] = 3 * X.data[i]!; },
    }).cost;
    return [...plain, ...changed];
  };
  setBackend('js');
  const ref = run();
  for (const name of ['wasm', 'wasm-threads']) {
    setBackend(name);
    const cost = run();
    cost.forEach((c, i) => assert.ok(Math.abs(c - ref[i]!) <= 1e-4 * Math.abs(ref[i]!), `${name} epoch ${i + 1}: ${c} vs ${ref[i]}`));
  }
  setBackend('js');
});

test('initBackend picks a backend, and stays on js when the module cannot load', async () => {
  assert.equal(await initBackend('js'), 'js');
  assert.equal(await initBackend('wasm', { wasm: new Uint8Array([0, 1, 2]) }), 'js');
  assert.equal(await initBackend('wasm', { wasm: new URL('./missing.wasm', import.meta.url) }), 'js');
  assert.equal(await initBackend('wasm'), 'wasm');
  setBackend('js');
  assert.equal(await initBackend('auto', { threads: 1 }), 'wasm');
  assert.equal(await initBackend('auto', { threads: 2 }), 'wasm-threads');
  await stopBackendThreads();
  assert.equal(getBackend().name, 'wasm');
  setBackend('js');
});

// the threads of this process (Linux); elsewhere the test below is skipped
const TASKS = '/proc/self/task';
const threadCount = () => readdirSync(TASKS).length;
/** The thread count once it has settled at `want` (a terminated worker's thread ends soon after), or the last one seen. */
async function settledThreads(want: number): Promise<number> {
  for (let i = 0; i < 40 && threadCount() !== want; i++) await new Promise((r) => setTimeout(r, 50));
  return threadCount();
}

test('initBackend called several times at once starts one pool, and stopBackendThreads stops it (the others were left running)', { skip: !existsSync(TASKS) && 'no /proc/self/task' }, async () => {
  await initBackend('wasm-threads', { threads: 3 });
  await stopBackendThreads();
  const idle = await settledThreads(-1);
  await initBackend('wasm-threads', { threads: 3 });
  const onePool = threadCount();
  await stopBackendThreads();
  assert.equal(await settledThreads(idle), idle);
  const names = await Promise.all([1, 2, 3, 4].map(() => initBackend('wasm-threads', { threads: 3 })));
  assert.deepEqual(names, ['wasm-threads', 'wasm-threads', 'wasm-threads', 'wasm-threads']);
  assert.equal(threadCount(), onePool, 'one pool of 2 workers');
  await stopBackendThreads();
  assert.equal(await settledThreads(idle), idle, 'no worker left after stopBackendThreads');
  setBackend('js');
});
