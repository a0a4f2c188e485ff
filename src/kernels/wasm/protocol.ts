// The job protocol of the 'wasm-threads' backend, on an Int32Array over a SharedArrayBuffer.
// A product is cut into chunks (bands of rows or columns of C); the main thread and any
// worker that joins in time take chunks from a shared counter until none are left. A
// worker that wakes late finds the job closed and skips it, so a worker that is slow to
// wake never holds up the main thread (which just does more chunks itself).
// Every band reads all of the operand along the other side (all of B for bands of rows), so
// that operand is packed once, in pieces taken from the same counter before the bands: a
// thread that takes a band first waits until every piece is packed (PACKED).
//
//   GEN    job generation: the main thread bumps it (and notifies) to post a job
//   JOIN   (generation & 0xffff) << 16 | CLOSED | workers that joined; closed by the main thread
//   NEXT   next chunk to take: pieces 0..pieces-1, then bands
//   DONE   joined workers that have finished
//   STOP   1 = workers exit
//   PACKED pieces packed so far
//   KIND   what the job is: a product's chunks (KIND_PRODUCT, below), or a resident training
//          step (KIND_STEP: PARAMS = the number of blocks, where the list of their plans is, the
//          number of the update's parts and where its descriptor is). A step's ids are its blocks
//          (one call of trainBlock each) and then the parts of its update, which wait, as bands
//          wait for the packing, until every block is done (counted in PACKED); see trainer.ts.
//          Or a copy of staged rows of X into a resident step's copy of the training set
//          (KIND_COPY: PARAMS = copyExamples' arguments but its range of examples, then the
//          number of parts; a part copies a range of examples and writes at COPY_FINITE + part
//          whether its values were all finite; with dst 0, rows already in the copy kept as X is,
//          only checked: a part checks a range of their values)
//          Or a resident step cut into bands of rows (KIND_ROWS: PARAMS = where its table of tasks
//          is, their number, the threads the step is cut for and the bytes between two threads'
//          packed copies of X; a task waits until the shared tasks of the phases before it are
//          done, counted in PACKED; each thread runs the tasks it owns; see row-tasks.ts)
//   PARAMS the job: k, a, rsA, csA, b, rsB, csB, c, ldc (as in gemm), m, n, splitRows, band size,
//          bands, pieces, where the shared operand is packed, its padded extent, and the bits
//          of alpha as a float32 (ALPHA)
import { EVERY_THREAD, claimTask, phaseDoneAt, phaseEnd, runTask, taskOwner, tasksBefore, type RowExports } from './row-tasks.js';

export const GEN = 0;
export const JOIN = 1;
export const NEXT = 2;
export const DONE = 3;
export const STOP = 4;
export const PACKED = 5;
export const KIND = 6;
export const KIND_PRODUCT = 0, KIND_STEP = 1, KIND_COPY = 2, KIND_ROWS = 3;
export const PARAMS = 8;
export const ALPHA = PARAMS + 17;
/** Where a KIND_COPY job's parts say whether their values were all finite (1) or not (0). */
export const COPY_FINITE = PARAMS + 8;
/** The most parts of a KIND_COPY job (COPY_FINITE + COPY_PARTS <= CONTROL_INTS). */
export const COPY_PARTS = 16;
export const CONTROL_INTS = 32;
export const CLOSED = 1 << 15;
/** Polls before sleeping in Atomics.wait (a few microseconds: longer spins steal a shared core). */
export const SPIN = 1000;
/** Polls before sleeping at a step's barrier, where the other threads are running their blocks. */
export const BARRIER_SPIN = 100_000;
/**
 * Polls before a worker sleeps after a training step or a stage of the copy of the training set (a
 * few hundred microseconds): the next step follows after the main thread's few tens of microseconds
 * of bookkeeping, and a worker woken from its sleep came too late for the step's first phase, which
 * the main thread then ran alone (the 25 stages of W1's copy: 3.7-4.4 ms with a sleep after each,
 * 2.8-4.0 ms without).
 */
export const STEP_SPIN = 20_000;
/** gemm's `which`: the operand packed whole ahead of the bands. */
export const PACKED_A = 1, PACKED_B = 2;

/** The gemm exports a chunk needs. */
interface Gemm {
  gemm(k: number, a: number, rsA: number, csA: number, b: number, rsB: number, csB: number,
    c: number, ldc: number, i0: number, i1: number, j0: number, j1: number, work: number, alpha: number,
    which: number, packed: number, padded: number): void;
  packWhole(which: number, k: number, x: number, rs: number, cs: number, extent: number, piece: number, padded: number, dst: number): void;
}

/** A float32 and its bits, to pass alpha through the Int32Array. */
const bits = new Int32Array(1);
const asFloat = new Float32Array(bits.buffer);

export function floatBits(x: number): number {
  asFloat[0] = x;
  return bits[0]!;
}

/** Atomics.wait blocks everywhere but on a browser's main thread, where it throws: there, spin. */
let canBlock = true;

/**
 * Wait until ctl[index] >= target: spin a little, then sleep in Atomics.wait (or spin on where it
 * cannot). The sleep is a function of its own: compiled into this one, its loop's comparison, never
 * run before the engine optimized it, sent every sleep of W1 on two threads back to the interpreter
 * (144 deoptimizations in 24 epochs, node --trace-deopt).
 */
export function waitFor(ctl: Int32Array, index: number, target: number, spin = SPIN): void {
  for (let s = 0; Atomics.load(ctl, index) < target; s++) {
    if (s >= spin) {
      sleepUntil(ctl, index, target);
      return;
    }
  }
}

/** Sleep in Atomics.wait until ctl[index] >= target (spin where this thread cannot block). */
function sleepUntil(ctl: Int32Array, index: number, target: number): void {
  for (let v = Atomics.load(ctl, index); v < target; v = Atomics.load(ctl, index)) {
    if (!canBlock) continue;
    try {
      Atomics.wait(ctl, index, v);
    } catch {
      canBlock = false;
    }
  }
}

/**
 * Take the posted job's chunks or blocks until none are left (main thread and workers alike);
 * `me`: this thread's index in the pool (0: the main thread).
 */
export function takeJob(ctl: Int32Array, g: Gemm & Blocks & RowExports, memory: WebAssembly.Memory, work: number, me: number): void {
  if (ctl[KIND] === KIND_PRODUCT) takeChunks(ctl, g, work);
  else if (ctl[KIND] === KIND_STEP) takeSteps(ctl, g, memory);
  else if (ctl[KIND] === KIND_ROWS) takeTasks(ctl, g, memory, work, me);
  else takeCopies(ctl, g);
}

/**
 * The tasks of a step cut into bands of rows, phase by phase: those every thread runs for itself
 * and those this thread owns, then those of the phase that no other thread has started (a worker
 * that joined late, or not at all, or is running slowly); each once the shared tasks it waits for
 * are done.
 */
function takeTasks(ctl: Int32Array, g: RowExports, memory: WebAssembly.Memory, work: number, me: number): void {
  const tasks = ctl[PARAMS]!, count = ctl[PARAMS + 1]!, threads = ctl[PARAMS + 2]!, own = me * ctl[PARAMS + 3]!;
  if (me >= threads) return; // the step is cut for fewer threads than the pool has
  const job = Atomics.load(ctl, GEN), i32 = ints(memory);
  for (let start = 0; start < count; start = phaseEnd(i32, tasks, start)) {
    const end = phaseEnd(i32, tasks, start);
    for (let id = start; id < end; id++) {
      const owner = taskOwner(i32, tasks, id);
      if (owner === EVERY_THREAD) {
        waitFor(ctl, PACKED, tasksBefore(i32, tasks, id), BARRIER_SPIN);
        runTask(g, i32, tasks, id, work, own);
      } else if (owner === me && claimTask(i32, tasks, id, job)) runShared(ctl, g, i32, tasks, id, work, own);
    }
    for (let id = end - 1; id >= start; id--) {
      const owner = taskOwner(i32, tasks, id);
      if (owner !== me && owner !== EVERY_THREAD && claimTask(i32, tasks, id, job)) runShared(ctl, g, i32, tasks, id, work, own);
    }
  }
}

/** Run shared task `id` once the tasks it waits for are done, and count it done. */
function runShared(ctl: Int32Array, g: RowExports, i32: Int32Array, tasks: number, id: number, work: number, own: number): void {
  waitFor(ctl, PACKED, tasksBefore(i32, tasks, id), BARRIER_SPIN);
  runTask(g, i32, tasks, id, work, own);
  // the last task of a phase to finish wakes a thread that may be asleep waiting for the next
  if (Atomics.add(ctl, PACKED, 1) + 1 === phaseDoneAt(i32, tasks, id)) Atomics.notify(ctl, PACKED);
}

/**
 * Take parts of a copy of staged rows into the examples' copy (copyExamples over a range of
 * examples each), or with dst 0 of the check of rows copied in as they are (a range of values each).
 */
function takeCopies(ctl: Int32Array, g: Blocks): void {
  const p = PARAMS;
  const src = ctl[p]!, rows = ctl[p + 1]!, m = ctl[p + 2]!, dst = ctl[p + 3]!, n0 = ctl[p + 4]!, i0 = ctl[p + 5]!, parts = ctl[p + 6]!;
  for (let id = Atomics.add(ctl, NEXT, 1); id < parts; id = Atomics.add(ctl, NEXT, 1)) {
    ctl[COPY_FINITE + id] = copyPart(g, src, rows, m, dst, n0, i0, id, parts) ? 1 : 0;
  }
}

/** Part `part` of `parts` of a copy (or with dst 0 a check) of staged rows: whether its values were finite. */
export function copyPart(g: Pick<Blocks, 'copyExamples' | 'allFinite'>, src: number, rows: number, m: number, dst: number, n0: number, i0: number, part: number, parts: number): boolean {
  if (dst === 0) {
    const [v0, v1] = copyRange(rows * m, part, parts);
    return g.allFinite(src + 4 * v0, v1 - v0) !== 0;
  }
  const [c0, c1] = copyRange(m, part, parts);
  return g.copyExamples(src, rows, m, dst, n0, i0, c0, c1) !== 0;
}

/** Part `part` of `parts` of m examples: a range starting at a multiple of 4 (copyExamples' groups). */
export function copyRange(m: number, part: number, parts: number): [number, number] {
  const at = (q: number) => (q === parts ? m : Math.floor((m * q) / parts / 4) * 4);
  return [at(part), at(part + 1)];
}

/** The exports a resident step's jobs need. */
interface Blocks {
  trainBlock(plan: number): void;
  copyExamples(src: number, rows: number, m: number, dst: number, n0: number, i0: number, c0: number, c1: number): number;
  allFinite(p: number, n: number): number;
  updatePart(desc: number, part: number, parts: number): void;
}

/**
 * Take a resident training step's blocks, then the parts of its update, until none are left. A
 * part sums every block's dW, so it starts once all blocks are done: one job, one hand-off per step.
 */
function takeSteps(ctl: Int32Array, g: Blocks, memory: WebAssembly.Memory): void {
  const blocks = ctl[PARAMS]!, list = ctl[PARAMS + 1]!, parts = ctl[PARAMS + 2]!, desc = ctl[PARAMS + 3]!;
  for (let id = Atomics.add(ctl, NEXT, 1); id < blocks + parts; id = Atomics.add(ctl, NEXT, 1)) {
    if (id < blocks) {
      g.trainBlock(ints(memory)[(list >> 2) + id]!);
      if (Atomics.add(ctl, PACKED, 1) === blocks - 1) Atomics.notify(ctl, PACKED);
      continue;
    }
    waitFor(ctl, PACKED, blocks, BARRIER_SPIN);
    g.updatePart(desc, id - blocks, parts);
  }
}

/** This thread's Int32Array over the memory, remade when the memory has grown (not in every step). */
let view: Int32Array | undefined;
function ints(memory: WebAssembly.Memory): Int32Array {
  if (view?.buffer !== memory.buffer) view = new Int32Array(memory.buffer);
  return view;
}

/** Take chunks of the posted product until none are left (main thread and workers alike). */
export function takeChunks(ctl: Int32Array, g: Gemm, work: number): void {
  const p = PARAMS;
  const k = ctl[p]!, a = ctl[p + 1]!, rsA = ctl[p + 2]!, csA = ctl[p + 3]!, b = ctl[p + 4]!, rsB = ctl[p + 5]!, csB = ctl[p + 6]!;
  const c = ctl[p + 7]!, ldc = ctl[p + 8]!, m = ctl[p + 9]!, n = ctl[p + 10]!, splitRows = ctl[p + 11]!, size = ctl[p + 12]!, bands = ctl[p + 13]!;
  const pieces = ctl[p + 14]!, packed = ctl[p + 15]!, padded = ctl[p + 16]!;
  bits[0] = ctl[ALPHA]!;
  const alpha = asFloat[0]!;
  const which = pieces === 0 ? 0 : splitRows ? PACKED_B : PACKED_A;
  for (let id = Atomics.add(ctl, NEXT, 1); id < pieces + bands; id = Atomics.add(ctl, NEXT, 1)) {
    if (id < pieces) {
      if (splitRows) g.packWhole(PACKED_B, k, b, rsB, csB, n, id, padded, packed);
      else g.packWhole(PACKED_A, k, a, rsA, csA, m, id, padded, packed);
      if (Atomics.add(ctl, PACKED, 1) === pieces - 1) Atomics.notify(ctl, PACKED);
      continue;
    }
    waitFor(ctl, PACKED, pieces); // the bands read the shared operand: wait until all of it is packed
    const lo = (id - pieces) * size, hi = Math.min(splitRows ? m : n, lo + size);
    if (splitRows) g.gemm(k, a, rsA, csA, b, rsB, csB, c, ldc, lo, hi, 0, n, work, alpha, which, packed, padded);
    else g.gemm(k, a, rsA, csA, b, rsB, csB, c, ldc, 0, m, lo, hi, work, alpha, which, packed, padded);
  }
}
