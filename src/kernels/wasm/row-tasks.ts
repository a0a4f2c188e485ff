// A resident training step cut into bands of rows (trainer.ts): for two threads or more at small
// batches, where cutting the batch into one block of columns per thread left the threads waiting
// for the slower one. Every hidden layer's forward and backward pass is cut into bands of its
// units (rows of W[l], Z[l], dZ[l], dW[l]); a layer's bands wait until the layer before is done.
// Each value is computed as the one-thread step computes it (a band's rows of a product add their
// terms in the same order: gemmAs), so the weights do not depend on which thread took which band.
//
// Each thread owns the same rows of every layer at every step: its bands of the forward pass, of
// the backward pass and its part of the update (updatePart's ranges are the same halves, thirds...
// of each W[l]), so the rows of W[l], Z[l], dZ[l] and dW[l] it reads were written by itself and are
// in its own core's cache. Each thread also packs X (for W[1]·X) and X^T (for dZ[1]·X^T) for itself,
// into a copy of its own: reading the other core's packed X made layer 1's bands 10-30% slower, and
// letting the threads take any band from a shared counter, the update three times slower (W1 of
// the bench, 784-128-64-10 at batch 64, traced on two threads: 485 µs a step, 400 with owned rows).
// A thread that has done its own tasks of a phase takes those of another thread not started yet
// (a worker that joined late, or is running slowly), so no thread waits for one that is not there.
//
// The tasks of a step, in order (the phases; a task waits until every shared task of the phases
// before it is done):
//   gather the batch's examples, in ranges | pack X and X^T whole, each thread for itself |
//   forward bands of layer 1 | ... of layer L-1 | the output layer in a range of columns per thread
//   (their targets gathered, forward pass, losses and dZ[L]) | backward bands of layer L-1 (dA, dZ,
//   dW, db) and bands of dW[L], db[L] | ... of layer 1 | the parts of the update.
// When the examples come from the copy of the training set, and both products with X pack it (the
// first hidden layer has more than 20 units, the batch two examples or more and X two features or
// more; gemmAs reads X in place otherwise: a product of one column is turned around), X is never
// gathered: each thread packs it from the copy (pack-examples.ts), and the output task gathers the
// targets. One phase fewer, and layer 1's bands wait for nothing but their own thread's packing.
// A task is TASK_INTS i32 in linear memory (TaskSlot): the number of shared tasks that must be done
// before it, the number done once its phase is, where its phase ends, its operation, its owner, the
// job in which it was claimed, and its arguments.

/** The exports a task calls (assembly/train.ts and gemm.ts). */
export interface RowExports {
  gatherBlock(plan: number, j0: number, j1: number): void;
  packExamples(src: number, n0: number, idx: number, count: number, piece: number, padded: number, dst: number): void;
  packTransposed(src: number, n0: number, count: number, padX: number, piece: number, padXT: number, dst: number): void;
  packPieces(which: number, k: number, extent: number): number;
  packWhole(which: number, k: number, x: number, rs: number, cs: number, extent: number, piece: number, padded: number, dst: number): void;
  forwardRows(plan: number, l: number, i0: number, i1: number, work: number, packed: number, padded: number): void;
  outputColumns(plan: number, work: number, targets: number, j0: number, j1: number): void;
  outputRows(plan: number, i0: number, i1: number, work: number): void;
  backwardRows(plan: number, l: number, i0: number, i1: number, work: number, packed: number, padded: number): void;
  updatePart(desc: number, part: number, parts: number): void;
}

/** The i32 slots of a task (see the top of this file). */
const BEFORE = 0, DONE_AT = 1, PHASE_END = 2, OP = 3, OWNER = 4, CLAIM = 5, ARGS = 6;
const TASK_INTS = ARGS + 8;
/** The owner of a task that every thread runs for itself, into its own copy (packing X and X^T). */
export const EVERY_THREAD = -1;
const GATHER = 0, PACK = 1, FORWARD = 2, OUTPUT = 3, BACKWARD = 4, UPDATE = 5, PACK_EXAMPLES = 6, PACK_TRANSPOSED = 7, OUTPUT_ROWS = 8;
/** gemm.ts's code for an operand B packed ahead (protocol.ts's PACKED_B: that module imports this one). */
const PACKED_B = 2;
/** Rows of a band in a wide layer: a multiple of both register tiles' heights (4 and 5 rows). */
const WIDE_BAND = 20;

/** The most rows of A for which gemmAs may read B in place (gemv.ts, gemm-order.ts) instead of packing it. */
const IN_PLACE_ROWS = 20;

/** n rounded up to the 8 columns of a packed panel of B. */
export const padTo8 = (n: number) => Math.ceil(n / 8) * 8;

/**
 * The bands of a layer of `rows` units on `threads` threads, and the thread that owns each: thread t
 * owns the t-th of `threads` ranges of whole groups of 4 rows, as even as can be (the last thread
 * also the rows left over by 4), cut into bands of about WIDE_BAND rows where it owns at least 40,
 * else one band. A thread may own no rows (a layer of fewer than 4 units a thread).
 */
export function ownedBands(rows: number, threads: number): { cuts: number[]; owners: number[] } {
  const units = Math.floor(rows / 4), cuts = [0], owners: number[] = [];
  for (let t = 0; t < threads; t++) {
    const u0 = Math.floor((units * t) / threads), u1 = Math.floor((units * (t + 1)) / threads);
    const end = t + 1 === threads ? rows : 4 * u1, owned = end - 4 * u0;
    if (owned === 0) continue;
    const bands = owned >= 40 ? Math.round(owned / WIDE_BAND) : 1;
    for (let b = 1; b <= bands; b++) {
      cuts.push(b === bands ? end : 4 * (u0 + Math.floor(((u1 - u0) * b) / bands)));
      owners.push(t);
    }
  }
  return { cuts, owners };
}

/**
 * Who owns the shared tasks: each thread its bands ('own'), or no thread ('nobody', for tests: every
 * task is then taken by whichever thread claims it first, as a thread takes those of a thread that
 * is late).
 */
let ownerMode: 'own' | 'nobody' = 'own';

export function setBandOwners(mode: 'own' | 'nobody'): void {
  ownerMode = mode;
}

/** Where each thread's own X and X^T are packed: thread t's at packX + t * stride and packXT + t * stride (bytes). */
export interface PackedCopies { packX: number; packXT: number; stride: number }

/** The table of a step's tasks, at byte address `at`. */
export class RowTasks {
  count = 0;
  /** The tasks that pack X from the columns of the copy kept as X is, and where that copy is (see moveColumns). */
  private columnTasks: number[] = [];
  private columnsAt = 0;
  constructor(readonly at: number) {}

  /** Floats (i32) the table of a step of up to `mt` examples takes, at most. */
  static ints(sizes: readonly number[], threads: number, ex: Pick<RowExports, 'packPieces'>, mt: number): number {
    const L = sizes.length - 1;
    let tasks = 3 * threads + ex.packPieces(PACKED_B, sizes[0]!, mt) + ex.packPieces(PACKED_B, mt, sizes[0]!) + ownedBands(sizes[L]!, threads).owners.length;
    for (let l = 1; l < L; l++) tasks += 2 * ownedBands(sizes[l]!, threads).owners.length;
    return tasks * TASK_INTS;
  }

  /**
   * Write the tasks of a step of `mt` examples on `threads` threads (X: n0 x mt at byte address X;
   * `packed`: where each thread packs X and X^T; `copy`: where the copy of the training set and the
   * batch's indices are, when the examples are gathered from it; with `m`, the copy is kept as X
   * is (n0 x m) and the batch's columns are packed in place, from the column moveColumns sets).
   */
  write(i32: Int32Array, ex: Pick<RowExports, 'packPieces'>, sizes: readonly number[], plan: number, X: number, mt: number,
    packed: PackedCopies, desc: number, parts: number, threads: number, copy?: { X: number; idx: number; m?: number | undefined }): void {
    const L = sizes.length - 1, n0 = sizes[0]!;
    let n = 0, shared = 0, before = 0, phaseStart = 0;
    const slot = (id: number) => (this.at >> 2) + id * TASK_INTS;
    const task = (op: number, thread: number, ...args: number[]) => {
      const owner = ownerMode === 'nobody' && thread !== EVERY_THREAD ? threads : thread;
      i32.fill(0, slot(n), slot(n + 1));
      i32[slot(n) + BEFORE] = before;
      i32[slot(n) + OP] = op;
      i32[slot(n) + OWNER] = owner;
      i32.set(args, slot(n) + ARGS);
      n++;
      if (owner !== EVERY_THREAD) shared++;
    };
    // the phase ends: its tasks learn the count of shared tasks at which it is done, and where it ends
    const phase = () => {
      for (let id = phaseStart; id < n; id++) {
        i32[slot(id) + DONE_AT] = shared;
        i32[slot(id) + PHASE_END] = n;
      }
      before = shared;
      phaseStart = n;
    };
    const padX = padTo8(mt), padXT = padTo8(n0);
    const fromCopy = copy && mt > 1 && n0 > 1 && sizes[1]! > IN_PLACE_ROWS ? copy : undefined;
    this.columnTasks.length = 0;
    if (fromCopy?.m !== undefined) {
      this.columnsAt = fromCopy.X;
      for (let p = 0; p < ex.packPieces(PACKED_B, n0, mt); p++) {
        this.columnTasks.push(n);
        task(PACK, EVERY_THREAD, n0, fromCopy.X, fromCopy.m, 1, mt, p, padX, packed.packX);
      }
    } else if (fromCopy) {
      for (let p = 0; p < ex.packPieces(PACKED_B, n0, mt); p++) task(PACK_EXAMPLES, EVERY_THREAD, fromCopy.X, n0, fromCopy.idx, mt, p, padX, packed.packX);
    } else {
      // the batch's examples in one range per thread (cut at multiples of 4: gatherExamples' groups)
      for (let t = 0; t < threads; t++) task(GATHER, t, plan, Math.floor((mt * t) / threads / 4) * 4, t + 1 === threads ? mt : Math.floor((mt * (t + 1)) / threads / 4) * 4);
      phase();
      for (let p = 0; p < ex.packPieces(PACKED_B, n0, mt); p++) task(PACK, EVERY_THREAD, n0, X, mt, 1, mt, p, padX, packed.packX);
    }
    // X^T from X's panels (8 x 8 transposes)
    for (let p = 0; p < ex.packPieces(PACKED_B, mt, n0); p++) task(PACK_TRANSPOSED, EVERY_THREAD, packed.packX, n0, mt, padX, p, padXT, packed.packXT);
    phase();
    for (let l = 1; l < L; l++) {
      const { cuts, owners } = ownedBands(sizes[l]!, threads);
      owners.forEach((t, b) => task(FORWARD, t, plan, l, cuts[b]!, cuts[b + 1]!, l === 1 ? packed.packX : 0, l === 1 ? padX : 0));
      phase();
    }
    // the output layer's columns, a range per thread (cut at whole cache lines of 16 floats)
    for (let t = 0; t < threads; t++) {
      const j0 = Math.floor((mt * t) / threads / 16) * 16, j1 = t + 1 === threads ? mt : Math.floor((mt * (t + 1)) / threads / 16) * 16;
      if (j1 > j0) task(OUTPUT, t, plan, fromCopy ? 1 : 0, j0, j1);
    }
    phase();
    for (let l = L; l > 1; l--) {
      // the rows of hidden layer l - 1; with those of layer L - 1, the rows of dW[L] and db[L]
      const { cuts, owners } = ownedBands(sizes[l - 1]!, threads);
      owners.forEach((t, b) => task(BACKWARD, t, plan, l, cuts[b]!, cuts[b + 1]!, l === 2 ? packed.packXT : 0, l === 2 ? padXT : 0));
      if (l === L) {
        const out = ownedBands(sizes[L]!, threads);
        out.owners.forEach((t, b) => task(OUTPUT_ROWS, t, plan, out.cuts[b]!, out.cuts[b + 1]!));
      }
      phase();
    }
    // part p of the update covers the p-th of `parts` ranges of each W[l]: the rows thread p owns
    for (let part = 0; part < parts; part++) task(UPDATE, part % threads, desc, part, parts);
    phase();
    this.count = n;
  }

  /** Point the tasks that pack X from the copy's columns at column `first` (the batch's first example). */
  moveColumns(i32: Int32Array, first: number): void {
    for (const id of this.columnTasks) i32[(this.at >> 2) + id * TASK_INTS + ARGS + 1] = this.columnsAt + 4 * first;
  }
}

/** The slot `s` of task `id` of the table at `tasks`. */
const taskSlot = (i32: Int32Array, tasks: number, id: number, s: number) => i32[(tasks >> 2) + id * TASK_INTS + s]!;

/** How many shared tasks must be done before task `id` of the table at `tasks` starts. */
export function tasksBefore(i32: Int32Array, tasks: number, id: number): number {
  return taskSlot(i32, tasks, id, BEFORE);
}

/** How many shared tasks are done once the phase of task `id` is (the next phase's tasksBefore). */
export function phaseDoneAt(i32: Int32Array, tasks: number, id: number): number {
  return taskSlot(i32, tasks, id, DONE_AT);
}

/** The id after the last task of task `id`'s phase. */
export function phaseEnd(i32: Int32Array, tasks: number, id: number): number {
  return taskSlot(i32, tasks, id, PHASE_END);
}

/** The thread that owns task `id` (EVERY_THREAD: each runs it for itself). */
export function taskOwner(i32: Int32Array, tasks: number, id: number): number {
  return taskSlot(i32, tasks, id, OWNER);
}

/** Claim shared task `id` for job `job`: false when a thread already has, in this job. */
export function claimTask(i32: Int32Array, tasks: number, id: number, job: number): boolean {
  const at = (tasks >> 2) + id * TASK_INTS + CLAIM, was = Atomics.load(i32, at);
  return was !== job && Atomics.compareExchange(i32, at, was, job) === was;
}

/** A packed copy's address (0: none) moved by `own` bytes to this thread's copy. */
const mine = (address: number, own: number) => (address === 0 ? 0 : address + own);

/**
 * Run task `id` of the table at `tasks`, with this thread's scratch `work`; `own` (bytes) moves the
 * addresses of packed X and X^T to this thread's own copies.
 */
export function runTask(ex: RowExports, i32: Int32Array, tasks: number, id: number, work: number, own: number): void {
  const t = (tasks >> 2) + id * TASK_INTS, a = t + ARGS;
  switch (i32[t + OP]) {
    case GATHER: ex.gatherBlock(i32[a]!, i32[a + 1]!, i32[a + 2]!); break;
    case PACK: ex.packWhole(PACKED_B, i32[a]!, i32[a + 1]!, i32[a + 2]!, i32[a + 3]!, i32[a + 4]!, i32[a + 5]!, i32[a + 6]!, mine(i32[a + 7]!, own)); break;
    case FORWARD: ex.forwardRows(i32[a]!, i32[a + 1]!, i32[a + 2]!, i32[a + 3]!, work, mine(i32[a + 4]!, own), i32[a + 5]!); break;
    case OUTPUT: ex.outputColumns(i32[a]!, work, i32[a + 1]!, i32[a + 2]!, i32[a + 3]!); break;
    case OUTPUT_ROWS: ex.outputRows(i32[a]!, i32[a + 1]!, i32[a + 2]!, work); break;
    case BACKWARD: ex.backwardRows(i32[a]!, i32[a + 1]!, i32[a + 2]!, i32[a + 3]!, work, mine(i32[a + 4]!, own), i32[a + 5]!); break;
    case PACK_EXAMPLES: ex.packExamples(i32[a]!, i32[a + 1]!, i32[a + 2]!, i32[a + 3]!, i32[a + 4]!, i32[a + 5]!, mine(i32[a + 6]!, own)); break;
    case PACK_TRANSPOSED: ex.packTransposed(mine(i32[a]!, own), i32[a + 1]!, i32[a + 2]!, i32[a + 3]!, i32[a + 4]!, i32[a + 5]!, mine(i32[a + 6]!, own)); break;
    default: ex.updatePart(i32[a]!, i32[a + 1]!, i32[a + 2]!);
  }
}
