// The WebAssembly SIMD backend: loads gemm.wasm (compiled from assembly/gemm.ts by
// `npm run build:wasm`) and exposes it as Kernels named 'wasm'.
//
// Each product copies A and B into the module's linear memory, runs the packed SIMD
// product there and copies C back; float64 arrays go to the JS reference kernels.
// A pinned array (Kernels.pin) is copied once and then used in place by every product.
// The same class drives the threaded backend (threads.ts), which only changes how the
// rectangle of C is split and who computes each part.

import type { Kernels, Piecewise } from '../kernels.js';
import type { FloatArray } from '../../tensor/matrix.js';
import { jsKernels, mirrorUpper } from '../js/index.js';
import { nodeBuiltin } from '../node-builtin.js';

import type { WasmSource } from './sources.js';
export type { WasmSource } from './sources.js';
import { copyPart } from './protocol.js';
import { WasmResidentStep, type BlockRunner, type RowRunner, type TrainExports } from './trainer.js';

/**
 * The builds, next to this file: gemm.wasm (single-threaded), gemm-shared.wasm (shared memory,
 * for worker threads), and their -relaxed variants with fused multiply-add (relaxed SIMD:
 * Node 22+, Chrome 114+), preferred when the engine accepts them.
 */
// Undefined where this module has no URL: in a CommonJS bundle (esbuild --format=cjs) import.meta is
// empty, and a `new URL` here threw as the module loaded, so even a `wasm` path given to initBackend
// was never tried. The `new URL('...', import.meta.url)` form stays literal: bundlers emit the files from it.
export const WASM_URL = import.meta.url ? new URL('./gemm.wasm', import.meta.url) : undefined;
export const WASM_SHARED_URL = import.meta.url ? new URL('./gemm-shared.wasm', import.meta.url) : undefined;
export const WASM_RELAXED_URL = import.meta.url ? new URL('./gemm-relaxed.wasm', import.meta.url) : undefined;
export const WASM_RELAXED_SHARED_URL = import.meta.url ? new URL('./gemm-relaxed-shared.wasm', import.meta.url) : undefined;

/** The default kernel files that have a URL here (none in a CommonJS bundle), preferred first. */
export function besideModule(...urls: (URL | undefined)[]): URL[] {
  return urls.filter((url): url is URL => url !== undefined);
}

const PAGE = 65536;
const ALIGN = 64;
const align = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

/** The activation codes of biasActivation / activationGradient in gemm.ts. */
const KIND = { relu: 0, leakyRelu: 1, linear: 2 } as const;

export interface GemmExports {
  workBytes(): number;
  gemm(k: number, a: number, rsA: number, csA: number, b: number, rsB: number, csB: number,
    c: number, ldc: number, i0: number, i1: number, j0: number, j1: number, work: number, alpha: number,
    which: number, packed: number, padded: number): void;
  packPieces(which: number, k: number, extent: number): number;
  packWhole(which: number, k: number, x: number, rs: number, cs: number, extent: number, piece: number, padded: number, dst: number): void;
  paddedRows(m: number): number;
  biasActivation(z: number, b: number, a: number, rows: number, cols: number, kind: number, slope: number): void;
  activationGradient(z: number, da: number, dz: number, n: number, kind: number, slope: number): void;
  axpy(n: number, alpha: number, x: number, y: number): void;
  dataEnd(): number;
  gram(x: number, m: number, r0: number, r1: number, g: number, work: number): void;
  gramWorkBytes(m: number): number;
}

/** Below this many values, axpy stays in JavaScript (copying in and out would cost more). */
const AXPY_MIN = 4096;

const isNode = typeof process !== 'undefined' && !!process.versions?.node;

/**
 * Bytes of the .wasm file. In Node: a file: URL or a path (relative to the working directory; `C:\...`
 * is a path, not a URL scheme) from the file system, other URLs with fetch(). Elsewhere every string is a
 * URL for fetch(), relative ones (a bundler's `/assets/gemm-1a2b.wasm`) to the page's or worker's address.
 */
async function readBytes(src: URL | string): Promise<ArrayBuffer | Uint8Array> {
  const url = typeof src !== 'string' ? src : !isNode ? new URL(src, globalThis.location?.href)
    : /^[a-z][a-z\d+.-]+:/i.test(src) ? new URL(src) : undefined;
  // webpack, bundling for Node (Next.js's server), turns new URL('./gemm.wasm', import.meta.url) into a URL-like
  // object of its public path, '/_next/static/media/gemm.1a2b.wasm', with no scheme: Node cannot fetch that
  // (and Next.js's fetch, prerendering a page at build time, never answered: the build stopped after 3 x 60 s)
  if (isNode && url && url.protocol === '') throw new Error(`cannot fetch ${url.href} in Node: it is a bundler's public path, not a file or an absolute URL; keep backprop out of the server bundle (Next.js: serverExternalPackages: ['backprop'])`);
  if (!url || url.protocol === 'file:') {
    const fs = await nodeBuiltin<typeof import('node:fs/promises')>('node:fs/promises');
    return fs.readFile(url ?? (src as string));
  }
  const res = await fetch(url);
  if (!res.ok) throw new Error(`cannot fetch ${url.href}: ${res.status}`);
  return res.arrayBuffer();
}

/**
 * Compile the kernel module: the first of `sources` that loads (throws when none does,
 * e.g. the files are missing or the engine lacks SIMD).
 */
export async function compileGemm(...sources: WasmSource[]): Promise<WebAssembly.Module> {
  await enableRelaxedSimd();
  let error: unknown = new Error('no kernel file given, and this module has no URL to find them beside it (a CommonJS bundle?)');
  for (const source of sources) {
    try {
      if (source instanceof WebAssembly.Module) return source;
      const bytes = source instanceof URL || typeof source === 'string' ? await readBytes(source) : source as BufferSource;
      return await WebAssembly.compile(bytes as BufferSource);
    } catch (e) {
      error = e;
    }
  }
  throw error;
}

/**
 * Node 20's V8 has relaxed SIMD (the fused multiply-add the -relaxed modules use, 1.3-1.7x faster
 * products here) behind a flag, on by default from Node 22: turn it on before compiling. A V8 flag is
 * process-wide, so the worker threads get it too. Elsewhere this does nothing; if the module still
 * does not compile, compileGemm falls back to the plain SIMD one.
 */
let relaxedTried = false;
async function enableRelaxedSimd(): Promise<void> {
  if (relaxedTried) return;
  relaxedTried = true;
  const node = typeof process !== 'undefined' ? process.versions?.node : undefined;
  if (!node || Number(node.split('.')[0]) >= 22) return;
  try {
    const v8 = await nodeBuiltin<typeof import('node:v8')>('node:v8');
    v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
  } catch {
    // not available: stay on plain SIMD
  }
}

/** Splits the rectangle of C among threads; the single-threaded runner computes it all. */
export type Runner = (k: number, a: number, rsA: number, csA: number, b: number, rsB: number, csB: number,
  c: number, m: number, n: number, alpha: number) => void;

/**
 * Linear memory laid out as: [the module's static data, at least 1 KB][scratch of each thread]
 * [a resident step's area, see trainer.ts][pinned array][A][B][C],
 * grown when a product needs more. Views are remade after each growth.
 */
export class WasmGemm {
  private f32: Float32Array;
  private i32: Int32Array;
  private f64: Float64Array;
  /** Where the scratch areas start: after the module's static data (Math.exp's tables), at least 1 KB in. */
  private readonly scratchStart: number;
  /** Where the scratch areas end: a resident step's area (reserve), if any, starts here. */
  private readonly scratchEnd: number;
  /** Where the pinned array, if any, starts: after the scratch areas and any reserved area. */
  private pinStart: number;
  /** Where the operands of a product start (after the pinned array). */
  private dataStart: number;
  /** The pinned array and its copy at pinStart. */
  private pinned: Float32Array | undefined;
  run: Runner;
  /** Runs the blocks of a resident step on threads (set by threads.ts); undefined: one thread. */
  runBlocks: BlockRunner | undefined;
  /** Runs the tasks of a resident step cut into bands of rows on threads (set by threads.ts); undefined: one thread. */
  runRows: RowRunner | undefined;
  /**
   * Copies staged rows of X into a resident step's copy of the training set (copyExamples'
   * arguments but its range of examples: all of them), or with dst 0 checks rows put in the copy
   * as they are (src: where they start), and says whether they were finite; on one
   * thread, or on the pool's threads (threads.ts). `meanwhile` runs on the calling thread while the
   * pool's threads copy (after the copy on one thread): the caller stages the next rows then.
   */
  runCopy: (src: number, rows: number, m: number, dst: number, n0: number, i0: number, meanwhile?: () => void) => boolean;
  /**
   * The last resident steps (trainer.ts) that released their area here, in bands of rows and in
   * blocks, kept alive as long as this memory is (see trainer.ts, close).
   */
  readonly closedSteps: { bands?: object; blocks?: object } = {};

  constructor(readonly exports: GemmExports, readonly memory: WebAssembly.Memory, readonly threads = 1) {
    this.scratchStart = align(Math.max(1024, exports.dataEnd()));
    this.scratchEnd = this.pinStart = this.dataStart = align(this.scratchStart + threads * align(exports.workBytes()));
    this.grow(this.dataStart);
    this.f32 = new Float32Array(memory.buffer);
    this.i32 = new Int32Array(memory.buffer);
    this.f64 = new Float64Array(memory.buffer);
    // one thread: the whole of C with the scratch of thread 0
    this.run = (k, a, rsA, csA, b, rsB, csB, c, m, n, alpha) =>
      exports.gemm(k, a, rsA, csA, b, rsB, csB, c, n, 0, m, 0, n, this.workPtr(0), alpha, 0, 0, 0);
    this.runCopy = (src, rows, m, dst, n0, i0, meanwhile) => {
      const finite = copyPart(exports as TrainExports, src, rows, m, dst, n0, i0, 0, 1);
      meanwhile?.();
      return finite;
    };
  }

  /**
   * Hold `bytes` of linear memory for a resident training step (trainer.ts), after the scratch
   * areas; a pinned array is let go. Returns where the area starts, or -1 when another step holds
   * one or the memory cannot grow that far.
   */
  reserve(bytes: number): number {
    if (this.pinStart !== this.scratchEnd) return -1;
    this.unpin(this.pinned);
    const end = this.scratchEnd + align(bytes);
    if (end > 2 ** 30 || !this.grow(end)) return -1;
    this.pinStart = this.dataStart = end;
    return this.scratchEnd;
  }

  /** Give the reserved area back. */
  release(): void {
    this.unpin(this.pinned);
    this.pinStart = this.dataStart = this.scratchEnd;
  }

  /** A Float32Array over the whole linear memory, remade if the memory has grown. */
  floats(): Float32Array {
    if (this.f32.buffer !== this.memory.buffer) this.f32 = new Float32Array(this.memory.buffer);
    return this.f32;
  }

  /** An Int32Array over the whole linear memory, remade if the memory has grown. */
  ints(): Int32Array {
    if (this.i32.buffer !== this.memory.buffer) this.i32 = new Int32Array(this.memory.buffer);
    return this.i32;
  }

  /** A Float64Array over the whole linear memory, remade if the memory has grown. */
  doubles(): Float64Array {
    if (this.f64.buffer !== this.memory.buffer) this.f64 = new Float64Array(this.memory.buffer);
    return this.f64;
  }

  /** Keep a copy of `x` in linear memory (replacing any other pinned array); ignored if it does not fit. */
  pin(x: Float32Array): void {
    this.unpin(this.pinned);
    const end = this.pinStart + align(x.length * 4);
    if (end > 2 ** 30 || !this.grow(end)) return;
    this.f32.set(x, this.pinStart >> 2);
    this.pinned = x;
    this.dataStart = end;
  }

  /** Let go of `x` if it is the pinned array: products copy it again. */
  unpin(x: Float32Array | undefined): void {
    if (this.pinned !== x) return;
    this.pinned = undefined;
    this.dataStart = this.pinStart;
  }

  /** Scratch area of thread t. */
  workPtr(t: number): number {
    return this.scratchStart + t * align(this.exports.workBytes());
  }

  /** Make the memory at least `bytes` long; false when it cannot grow that far. */
  grow(bytes: number): boolean {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) {
      try {
        this.memory.grow(Math.ceil((bytes - have) / PAGE));
      } catch {
        return false;
      }
      this.f32 = new Float32Array(this.memory.buffer);
    }
    return true;
  }

  /**
   * C (m x n) = alpha op(A)·op(B) with op(A) m x k and op(B) k x n; transA / transB say the
   * stored array is the transpose (A stored k x m, B stored n x k).
   * Returns false (and does nothing) when the operands do not fit in linear memory.
   */
  product(a: Float32Array, b: Float32Array, c: Float32Array, m: number, k: number, n: number,
    transA: boolean, transB: boolean, alpha = 1): boolean {
    if (m === 0 || n === 0) return true;
    const cPtr = this.compute(a, b, m, k, n, transA, transB, alpha, 0);
    if (cPtr < 0) return false;
    this.copyOut(cPtr, c, m * n);
    return true;
  }

  /** Z = W·X + b, A = g(Z) (see Kernels.denseForward); false when it does not fit. */
  denseForward(w: Float32Array, x: Float32Array, b: Float32Array, z: Float32Array, a: Float32Array,
    m: number, k: number, n: number, g: Piecewise): boolean {
    if (m === 0 || n === 0) return true;
    const size = align(m * n * 4);
    const zPtr = this.compute(w, x, m, k, n, false, false, 1, align(m * 4) + size);
    if (zPtr < 0) return false;
    const bPtr = zPtr + size, aPtr = bPtr + align(m * 4);
    this.f32.set(b.subarray(0, m), bPtr >> 2); // after the product: a threaded run packs into this area
    this.exports.biasActivation(zPtr, bPtr, aPtr, m, n, KIND[g.kind], g.kind === 'leakyRelu' ? g.slope : 0);
    this.copyOut(zPtr, z, m * n);
    this.copyOut(aPtr, a, m * n);
    return true;
  }

  /** dA = W^T·dZ, dZbelow = dA * g'(Zbelow) (see Kernels.denseBackward); false when it does not fit. */
  denseBackward(w: Float32Array, dz: Float32Array, zBelow: Float32Array, da: Float32Array, dzBelow: Float32Array,
    m: number, k: number, n: number, g: Piecewise): boolean {
    if (m === 0 || n === 0) return true;
    const size = align(m * n * 4);
    const daPtr = this.compute(w, dz, m, k, n, true, false, 1, 2 * size);
    if (daPtr < 0) return false;
    const zPtr = daPtr + size, dzPtr = zPtr + size;
    this.f32.set(zBelow.subarray(0, m * n), zPtr >> 2);
    this.exports.activationGradient(zPtr, daPtr, dzPtr, m * n, KIND[g.kind], g.kind === 'leakyRelu' ? g.slope : 0);
    this.copyOut(daPtr, da, m * n);
    this.copyOut(dzPtr, dzBelow, m * n);
    return true;
  }

  /**
   * Copy the operands in (a pinned one is already there), run the product, and return where C
   * is, with `extra` bytes free after it for a pass that follows; -1 when it does not fit.
   */
  private compute(a: Float32Array, b: Float32Array, m: number, k: number, n: number,
    transA: boolean, transB: boolean, alpha: number, extra: number): number {
    // a pinned operand is already in memory; the others are copied in after it
    const pinA = a === this.pinned, pinB = b === this.pinned;
    let next = this.dataStart;
    const aPtr = pinA ? this.pinStart : next;
    if (!pinA) next += align(m * k * 4);
    const bPtr = pinB ? this.pinStart : next;
    if (!pinB) next += align(k * n * 4);
    const cPtr = next, end = cPtr + align(m * n * 4) + extra;
    if (end > 2 ** 31 || !this.grow(end)) {
      // no room left next to the pinned array: let it go rather than fall back to the JS kernels
      if (!this.pinned) return -1;
      this.unpin(this.pinned);
      return this.compute(a, b, m, k, n, transA, transB, alpha, extra);
    }
    const f32 = this.f32;
    if (!pinA) f32.set(a.length === m * k ? a : a.subarray(0, m * k), aPtr >> 2);
    if (!pinB) f32.set(b.length === k * n ? b : b.subarray(0, k * n), bPtr >> 2);
    this.run(k,
      aPtr, transA ? 1 : k, transA ? m : 1,
      bPtr, transB ? 1 : n, transB ? k : 1,
      cPtr, m, n, alpha);
    return cPtr;
  }

  /** Copy `count` floats at `ptr` out to `to` (through a fresh view: a threaded run may have grown the memory). */
  private copyOut(ptr: number, to: Float32Array, count: number): void {
    to.set(this.floats().subarray(ptr >> 2, (ptr >> 2) + count));
  }

  /** G = X^T·X in float64 for X (rows x m float32, row-major), or undefined when it does not fit (see Kernels.gram). */
  gram(x: Float32Array, rows: number, m: number): Float64Array | undefined {
    const pinX = x === this.pinned;
    const xPtr = pinX ? this.pinStart : this.dataStart;
    const gPtr = pinX ? this.dataStart : xPtr + align(rows * m * 4);
    const work = gPtr + align(m * m * 8), end = work + align(this.exports.gramWorkBytes(m));
    if (end > 2 ** 31 || !this.grow(end)) return undefined;
    if (!pinX) this.floats().set(x.subarray(0, rows * m), xPtr >> 2);
    const G = this.doubles().subarray(gPtr >> 3, (gPtr >> 3) + m * m);
    G.fill(0);
    this.exports.gram(xPtr, m, 0, rows, gPtr, work);
    const out = Float64Array.from(this.doubles().subarray(gPtr >> 3, (gPtr >> 3) + m * m));
    mirrorUpper(out, m); // the kernel sums the tiles on and above the diagonal
    return out;
  }

  /**
   * y := y + alpha x with SIMD: x and y are copied in and y back out, which is still several
   * times faster than the scalar loop. Returns false (and does nothing) when y is short or does not fit.
   */
  axpy(y: Float32Array, alpha: number, x: Float32Array): boolean {
    const n = y.length;
    if (n < AXPY_MIN || x.length < n) return false;
    const xPtr = this.dataStart, yPtr = xPtr + align(n * 4);
    if (yPtr + n * 4 > 2 ** 31 || !this.grow(yPtr + n * 4)) return false;
    const f32 = this.f32;
    f32.set(x.length === n ? x : x.subarray(0, n), xPtr >> 2);
    f32.set(y, yPtr >> 2);
    this.exports.axpy(n, alpha, xPtr, yPtr);
    y.set(f32.subarray(yPtr >> 2, (yPtr >> 2) + n));
    return true;
  }
}

const isF32 = (x: FloatArray): x is Float32Array => x instanceof Float32Array;

/**
 * Kernels over a WasmGemm: float32 in WebAssembly; float64 (gradient checks) and products
 * too large for linear memory in the JS reference.
 */
export function kernelsFor(name: string, g: WasmGemm): Kernels {
  return {
    name,
    matmul(a, b, c, m, k, n, alpha = 1) {
      if (!(isF32(a) && isF32(b) && isF32(c) && g.product(a, b, c, m, k, n, false, false, alpha))) jsKernels.matmul(a, b, c, m, k, n, alpha);
    },
    matmulTransB(a, b, c, m, k, n, alpha = 1) {
      if (!(isF32(a) && isF32(b) && isF32(c) && g.product(a, b, c, m, k, n, false, true, alpha))) jsKernels.matmulTransB(a, b, c, m, k, n, alpha);
    },
    matmulTransA(a, b, c, m, k, n, alpha = 1) {
      if (!(isF32(a) && isF32(b) && isF32(c) && g.product(a, b, c, m, k, n, true, false, alpha))) jsKernels.matmulTransA(a, b, c, m, k, n, alpha);
    },
    denseForward(w, x, b, z, a, m, k, n, gAct) {
      if (!(isF32(w) && isF32(x) && isF32(b) && isF32(z) && isF32(a) && g.denseForward(w, x, b, z, a, m, k, n, gAct))) jsKernels.denseForward(w, x, b, z, a, m, k, n, gAct);
    },
    denseBackward(w, dz, zBelow, da, dzBelow, m, k, n, gAct) {
      if (!(isF32(w) && isF32(dz) && isF32(zBelow) && isF32(da) && isF32(dzBelow) && g.denseBackward(w, dz, zBelow, da, dzBelow, m, k, n, gAct))) {
        jsKernels.denseBackward(w, dz, zBelow, da, dzBelow, m, k, n, gAct);
      }
    },
    axpy(y, alpha, x) {
      if (!(isF32(y) && isF32(x) && g.axpy(y, alpha, x))) jsKernels.axpy(y, alpha, x);
    },
    gram(x, rows, cols) {
      return (isF32(x) && g.gram(x, rows, cols)) || jsKernels.gram!(x, rows, cols);
    },
    pin(x) { if (isF32(x)) g.pin(x); },
    unpin(x) { if (isF32(x)) g.unpin(x); },
    residentStep(spec) { return WasmResidentStep.create(g, spec, g.runBlocks, g.runRows); },
  };
}

/**
 * Load the kernel module (by default gemm-relaxed.wasm, else gemm.wasm) and return the
 * 'wasm' kernels; throws if it cannot load or SIMD is missing.
 */
export async function loadWasmKernels(source?: WasmSource | WasmSource[]): Promise<Kernels> {
  const module = await (source ? compileGemm(...[source].flat()) : compileGemm(...besideModule(WASM_RELAXED_URL, WASM_URL)));
  const memory = new WebAssembly.Memory({ initial: 1 });
  const instance = await WebAssembly.instantiate(module, { env: { memory } });
  return kernelsFor('wasm', new WasmGemm(instance.exports as unknown as GemmExports, memory));
}
