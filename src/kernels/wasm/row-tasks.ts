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
// With no penalty and no gradient norms, each band of layer 1 updates its own rows of W[1] and b[1]
// right after their gradients (nothing reads W[1] later in the step), and the parts of the update
// after the last barrier cover the other layers (for W1, 8,800 of 109,000 parameters): the update
// costs about as much in the band, but the threads no longer wait for each other before it (W1 on
// two threads 1.5-4% faster, alternating in one process).
// When the examples come from the copy of the training set, and both products with X pack it (the
// first hidden layer has more than 20 units, the batch two examples or more and X two features or
// more; gemmAs reads X in place otherwise: a product of one column is turned around), X is never
// gathered: each thread packs it from the copy (pack-examples.ts), and the output task gathers the
// targets. One phase fewer, and layer 1's bands wait for nothing but their own thread's packing.
// (Cutting the layers after the first into a range of columns per thread too, so that they ran
// forward and back with no wait between layers, was slower: W1's two-thread epoch 62.0 -> 65.2 ms,
// medians of 15 alternating with this build.)
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
  gradientRows(plan: number, l: number, i0: number, i1: number, work: number, packed: number, padded: number): void;
  backwardRows(plan: number, l: number, i0: number, i1: number, work: number, packed: number, padded: number): void;
  updatePart(desc: number, part: number, parts: number): void;
  updateRows(desc: number, l: number, i0: number, i1: number): void;
}

/** The i32 slots of a task (see the top of this file). */
const BEFORE = 0, DONE_AT = 1, PHASE_END = 2, OP = 3, OWNER = 4, CLAIM = 5, ARGS = 6;
const TASK_INTS = ARGS + 8;
/** The owner of a task that every thread runs for itself, into its own copy (packing X and X^T). */
export const EVERY_THREAD = -1;
const GATHER = 0, PACK = 1, FORWARD = 2, OUTPUT = 3, BACKWARD = 4, UPDATE = 5, PACK_EXAMPLES = 6, PACK_TRANSPOSED = 7, GRADIENT_ROWS = 8, BACKWARD_UPDATE = 9;
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

/** Writes a table of tasks phase by phase (see RowTasks.write). */
class TableWriter {
  n = 0;
  private shared = 0;
  private before = 0;
  private phaseStart = 0;
  constructor(private readonly i32: Int32Array, private readonly at: number, private readonly threads: number) {}

  private slot(id: number): number {
    return (this.at >> 2) + id * TASK_INTS;
  }

  /** A task of `thread` (EVERY_THREAD: each runs it for itself) that waits for every shared task of the phases before. */
  task(op: number, thread: number, ...args: number[]): void {
    const owner = ownerMode === 'nobody' && thread !== EVERY_THREAD ? this.threads : thread;
    const at = this.slot(this.n);
    this.i32.fill(0, at, at + TASK_INTS);
    this.i32[at + BEFORE] = this.before;
    this.i32[at + OP] = op;
    this.i32[at + OWNER] = owner;
    this.i32.set(args, at + ARGS);
    this.n++;
    if (owner !== EVERY_THREAD) this.shared++;
  }

  /** The phase ends: its tasks learn the count of shared tasks at which it is done, and where it ends. */
  phase(): void {
    for (let id = this.phaseStart; id < this.n; id++) {
      this.i32[this.slot(id) + DONE_AT] = this.shared;
      this.i32[this.slot(id) + PHASE_END] = this.n;
    }
    this.before = this.shared;
    this.phaseStart = this.n;
  }

  /**
   * The bands of `rows` rows (ownedBands), each a task `op` (plan, l, i0, i1, packed, padded, and
   * `desc` when given) of the thread that owns them, and (unless `end` is false) the phase's end.
   */
  bands(op: number, plan: number, l: number, rows: number, packed: number, padded: number, end = true, desc?: number): void {
    const { cuts, owners } = ownedBands(rows, this.threads);
    owners.forEach((t, b) => this.task(op, t, plan, l, cuts[b]!, cuts[b + 1]!, packed, padded, ...(desc === undefined ? [] : [desc])));
    if (end) this.phase();
  }

  /** A range of the batch's mt columns per thread (cut at whole cache lines of 16 floats), each a task `op` (plan, targets, j0, j1), and the phase's end. */
  columns(op: number, plan: number, targets: number, mt: number): void {
    const cut = (t: number) => (t === this.threads ? mt : Math.floor((mt * t) / this.threads / 16) * 16);
    for (let t = 0; t < this.threads; t++) if (cut(t + 1) > cut(t)) this.task(op, t, plan, targets, cut(t), cut(t + 1));
    this.phase();
  }
}

/** The table of a step's tasks, at byte address `at`. */
export class RowTasks {
  count = 0;
  /** The tasks that pack X from the columns of the copy kept as X is, and where that copy is (see moveColumns). */
  private columnTasks: number[] = [];
  private columnsAt = 0;
  constructor(readonly at: number) {}

  /** Floats (i32) the table of a step of up to `mt` examples takes, at most. */
  static ints(sizes: readonly number[], threads: number): number {
    const L = sizes.length - 1;
    let tasks = 3 * threads + 2 + ownedBands(sizes[L]!, threads).owners.length;
    for (let l = 1; l < L; l++) tasks += 2 * ownedBands(sizes[l]!, threads).owners.length;
    return tasks * TASK_INTS;
  }

  /**
   * Write the tasks of a step of `mt` examples on `threads` threads (X: n0 x mt at byte address X;
   * `packed`: where each thread packs X and X^T; `copy`: where the copy of the training set and the
   * batch's indices are, when the examples are gathered from it; with `m`, the copy is kept as X
   * is (n0 x m) and the batch's columns are packed in place, from the column moveColumns sets).
   * `updateInBands`: the bands of layer 1's backward pass update their rows of W[1] and b[1]
   * (updateRows), and the parts of the update the other layers only (the descriptor says so too).
   */
  write(i32: Int32Array, ex: Pick<RowExports, 'packPieces'>, sizes: readonly number[], plan: number, X: number, mt: number,
    packed: PackedCopies, desc: number, parts: number, threads: number, copy?: { X: number; idx: number; m?: number | undefined }, updateInBands = false): void {
    const w = new TableWriter(i32, this.at, threads);
    const L = sizes.length - 1, n0 = sizes[0]!;
    const padX = padTo8(mt), padXT = padTo8(n0), forX = ex.packPieces(PACKED_B, n0, mt);
    const fromCopy = copy && mt > 1 && n0 > 1 && sizes[1]! > IN_PLACE_ROWS ? copy : undefined;
    this.columnTasks.length = 0;
    if (fromCopy?.m !== undefined) {
      this.columnsAt = fromCopy.X;
      this.columnTasks.push(w.n);
      w.task(PACK, EVERY_THREAD, n0, fromCopy.X, fromCopy.m, 1, mt, forX, padX, packed.packX);
    } else if (fromCopy) {
      w.task(PACK_EXAMPLES, EVERY_THREAD, fromCopy.X, n0, fromCopy.idx, mt, forX, padX, packed.packX);
    } else {
      // the batch's examples in one range per thread (cut at multiples of 4: gatherExamples' groups)
      for (let t = 0; t < threads; t++) w.task(GATHER, t, plan, Math.floor((mt * t) / threads / 4) * 4, t + 1 === threads ? mt : Math.floor((mt * (t + 1)) / threads / 4) * 4);
      w.phase();
      w.task(PACK, EVERY_THREAD, n0, X, mt, 1, mt, forX, padX, packed.packX);
    }
    // X^T from X's panels (8 x 8 transposes)
    w.task(PACK_TRANSPOSED, EVERY_THREAD, packed.packX, n0, mt, padX, ex.packPieces(PACKED_B, mt, n0), padXT, packed.packXT);
    w.phase();
    w.bands(FORWARD, plan, 1, sizes[1]!, packed.packX, padX);
    for (let l = 2; l < L; l++) w.bands(FORWARD, plan, l, sizes[l]!, 0, 0);
    w.columns(OUTPUT, plan, fromCopy ? 1 : 0, mt);
    // the rows of hidden layer l - 1 (backwardRows of layer l); with those of layer L - 1, the rows of dW[L] and db[L]
    for (let l = L; l > 1; l--) {
      const first = l === 2, op = first && updateInBands ? BACKWARD_UPDATE : BACKWARD;
      w.bands(op, plan, l, sizes[l - 1]!, first ? packed.packXT : 0, first ? padXT : 0, false, op === BACKWARD_UPDATE ? desc : undefined);
      if (l === L) w.bands(GRADIENT_ROWS, plan, L, sizes[L]!, 0, 0, false);
      w.phase();
    }
    // part p of the update covers the p-th of `parts` ranges of each W[l]: the rows thread p owns
    for (let part = 0; part < parts; part++) w.task(UPDATE, part % threads, desc, part, parts);
    w.phase();
    this.count = w.n;
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
    case PACK: for (let p = 0; p < i32[a + 5]!; p++) ex.packWhole(PACKED_B, i32[a]!, i32[a + 1]!, i32[a + 2]!, i32[a + 3]!, i32[a + 4]!, p, i32[a + 6]!, mine(i32[a + 7]!, own)); break;
    case FORWARD: ex.forwardRows(i32[a]!, i32[a + 1]!, i32[a + 2]!, i32[a + 3]!, work, mine(i32[a + 4]!, own), i32[a + 5]!); break;
    case OUTPUT: ex.outputColumns(i32[a]!, work, i32[a + 1]!, i32[a + 2]!, i32[a + 3]!); break;
    case GRADIENT_ROWS: ex.gradientRows(i32[a]!, i32[a + 1]!, i32[a + 2]!, i32[a + 3]!, work, mine(i32[a + 4]!, own), i32[a + 5]!); break;
    case BACKWARD: ex.backwardRows(i32[a]!, i32[a + 1]!, i32[a + 2]!, i32[a + 3]!, work, mine(i32[a + 4]!, own), i32[a + 5]!); break;
    case BACKWARD_UPDATE:
      // layer 1's rows i0..i1: dA, dZ, dW[1] and db[1], then their update while they are in this core's cache
      ex.backwardRows(i32[a]!, i32[a + 1]!, i32[a + 2]!, i32[a + 3]!, work, mine(i32[a + 4]!, own), i32[a + 5]!);
      ex.updateRows(i32[a + 6]!, 1, i32[a + 2]!, i32[a + 3]!);
      break;
    case PACK_EXAMPLES: for (let p = 0; p < i32[a + 4]!; p++) ex.packExamples(i32[a]!, i32[a + 1]!, i32[a + 2]!, i32[a + 3]!, p, i32[a + 5]!, mine(i32[a + 6]!, own)); break;
    case PACK_TRANSPOSED: for (let p = 0; p < i32[a + 4]!; p++) ex.packTransposed(mine(i32[a]!, own), i32[a + 1]!, i32[a + 2]!, i32[a + 3]!, p, i32[a + 5]!, mine(i32[a + 6]!, own)); break;
    default: ex.updatePart(i32[a]!, i32[a + 1]!, i32[a + 2]!);
  }
}
