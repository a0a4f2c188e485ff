// The job protocol of the 'wasm-threads' backend, on an Int32Array over a SharedArrayBuffer.
// A product is cut into chunks (bands of rows or columns of C); the main thread and any
// worker that joins in time take chunks from a shared counter until none are left. A
// worker that wakes late finds the job closed and skips it, so a worker that is slow to
// wake never holds up the main thread (which just does more chunks itself).
//
//   GEN    job generation: the main thread bumps it (and notifies) to post a job
//   JOIN   (generation & 0xffff) << 16 | CLOSED | workers that joined; closed by the main thread
//   NEXT   next chunk to take
//   DONE   joined workers that have finished
//   STOP   1 = workers exit
//   PARAMS the job: k, a, rsA, csA, b, rsB, csB, c, ldc (as in gemm), m, n, splitRows, chunkSize, chunks,
//          and the bits of alpha as a float32 (ALPHA)
export const GEN = 0;
export const JOIN = 1;
export const NEXT = 2;
export const DONE = 3;
export const STOP = 4;
export const PARAMS = 8;
export const ALPHA = PARAMS + 14;
export const CONTROL_INTS = 32;
export const CLOSED = 1 << 15;
/** Polls before sleeping in Atomics.wait (a few microseconds: longer spins steal a shared core). */
export const SPIN = 1000;

/** The gemm exports a chunk needs. */
interface Gemm {
  gemm(k: number, a: number, rsA: number, csA: number, b: number, rsB: number, csB: number,
    c: number, ldc: number, i0: number, i1: number, j0: number, j1: number, work: number, alpha: number): void;
}

/** A float32 and its bits, to pass alpha through the Int32Array. */
const bits = new Int32Array(1);
const asFloat = new Float32Array(bits.buffer);

export function floatBits(x: number): number {
  asFloat[0] = x;
  return bits[0]!;
}

/** Take chunks of the posted job until none are left (main thread and workers alike). */
export function takeChunks(ctl: Int32Array, g: Gemm, work: number): void {
  const p = PARAMS;
  const k = ctl[p]!, a = ctl[p + 1]!, rsA = ctl[p + 2]!, csA = ctl[p + 3]!, b = ctl[p + 4]!, rsB = ctl[p + 5]!, csB = ctl[p + 6]!;
  const c = ctl[p + 7]!, ldc = ctl[p + 8]!, m = ctl[p + 9]!, n = ctl[p + 10]!, splitRows = ctl[p + 11]!, size = ctl[p + 12]!, chunks = ctl[p + 13]!;
  bits[0] = ctl[ALPHA]!;
  const alpha = asFloat[0]!;
  for (let id = Atomics.add(ctl, NEXT, 1); id < chunks; id = Atomics.add(ctl, NEXT, 1)) {
    const lo = id * size, hi = Math.min(splitRows ? m : n, lo + size);
    if (splitRows) g.gemm(k, a, rsA, csA, b, rsB, csB, c, ldc, lo, hi, 0, n, work, alpha);
    else g.gemm(k, a, rsA, csA, b, rsB, csB, c, ldc, 0, m, lo, hi, work, alpha);
  }
}
