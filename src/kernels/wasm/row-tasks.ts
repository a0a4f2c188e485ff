// A resident training step cut into bands of rows (trainer.ts): for two threads or more at small
// batches, where cutting the batch into one block of columns per thread left the threads waiting
// for the slower one. Every hidden layer's forward and backward pass is cut into bands of its
// units (rows of W[l], Z[l], dZ[l], dW[l]); the threads take the bands from a shared counter, so a
// faster thread takes more of them, and a layer's bands wait until the layer before is done. Each
// value is computed as the one-thread step computes it (a band's rows of a product add their terms
// in the same order: gemmAs), so the weights do not depend on which thread took which band.
//
// The tasks of a step, in order (the phases; a task waits until every task of the phases before
// it is done):
//   gather the batch's examples, in ranges | pack X whole (for W[1]·X), in pieces | forward bands of layer 1 |
//   ... of layer L-1 | the output layer (its forward pass, the loss, dZ[L], dW[L], db[L]) and X^T
//   packed whole (for dZ[1]·X^T) from X's panels, in pieces (8 x 8 transposes: packTransposed) | backward bands of layer L-1 (dA, dZ, dW, db) | ... of
//   layer 1 | the parts of the update.
// When the examples come from the copy of the training set, and both products with X pack it (the
// first hidden layer has more than 20 units, the batch two examples or more and X two features or
// more; gemmAs reads X in place otherwise: a product of one column is turned around), X is never
// gathered: the first phase gathers the targets and packs X from the copy (pack-examples.ts). One
// phase fewer.
// A task is TASK_INTS i32 in linear memory: the number of tasks that must be done before it, the
// number done once its phase is, its operation, and its arguments.

/** The exports a task calls (assembly/train.ts and gemm.ts). */
export interface RowExports {
  gatherBlock(plan: number, j0: number, j1: number): void;
  gatherTargets(plan: number, j0: number, j1: number): void;
  packExamples(src: number, n0: number, idx: number, count: number, piece: number, padded: number, dst: number): void;
  packTransposed(src: number, n0: number, count: number, padX: number, piece: number, padXT: number, dst: number): void;
  packPieces(which: number, k: number, extent: number): number;
  packWhole(which: number, k: number, x: number, rs: number, cs: number, extent: number, piece: number, padded: number, dst: number): void;
  forwardRows(plan: number, l: number, i0: number, i1: number, work: number, packed: number, padded: number): void;
  outputLayer(plan: number, work: number): void;
  backwardRows(plan: number, l: number, i0: number, i1: number, work: number, packed: number, padded: number): void;
  updatePart(desc: number, part: number, parts: number): void;
}

const TASK_INTS = 11;
const GATHER = 0, PACK = 1, FORWARD = 2, OUTPUT = 3, BACKWARD = 4, UPDATE = 5, TARGETS = 6, PACK_EXAMPLES = 7, PACK_TRANSPOSED = 8;
/** gemm.ts's code for an operand B packed ahead (protocol.ts's PACKED_B: that module imports this one). */
const PACKED_B = 2;
/** Rows of a band in a wide layer: a multiple of both register tiles' heights (4 and 5 rows). */
const WIDE_BAND = 20;

/** The most rows of A for which gemmAs may read B in place (gemv.ts, gemm-order.ts) instead of packing it. */
const IN_PLACE_ROWS = 20;

/** n rounded up to the 8 columns of a packed panel of B. */
export const padTo8 = (n: number) => Math.ceil(n / 8) * 8;

/**
 * The cuts of `rows` units into bands for `threads` threads: a multiple of `threads` bands, of
 * multiples of 4 rows as even as can be (the rows left over by 4 in the last), so that threads of
 * equal speed, taking bands in turn, end a phase together (seven bands of 128 rows, six of 20 and
 * one of 8, held one of two threads 25 µs at each of W1's wide phases); about 20 rows a band in a
 * layer of at least 40 per thread, else about two bands per thread, and none under 4 rows.
 */
export function bandCuts(rows: number, threads: number): number[] {
  const perThread = rows >= 40 * threads ? Math.max(1, Math.round(rows / (WIDE_BAND * threads))) : 2;
  const units = Math.floor(rows / 4), bands = Math.max(1, Math.min(threads * perThread, units));
  // every band gets `base` groups of 4 rows, the first `extra` one more: threads taking bands in turn differ by one group at most
  const base = Math.floor(units / bands), extra = units % bands;
  const cuts = [0];
  for (let b = 1; b < bands; b++) cuts.push(cuts[b - 1]! + 4 * (base + (b - 1 < extra ? 1 : 0)));
  cuts.push(rows);
  return cuts;
}

/** The table of a step's tasks, at byte address `at`. */
export class RowTasks {
  count = 0;
  constructor(readonly at: number) {}

  /** Floats (i32) the table of a step of up to `mt` examples takes, at most. */
  static ints(sizes: readonly number[], threads: number, ex: Pick<RowExports, 'packPieces'>, mt: number): number {
    const L = sizes.length - 1;
    let tasks = 1 + 2 * threads + ex.packPieces(PACKED_B, sizes[0]!, mt) + ex.packPieces(PACKED_B, mt, sizes[0]!);
    for (let l = 1; l < L; l++) tasks += 2 * (bandCuts(sizes[l]!, threads).length - 1);
    return tasks * TASK_INTS;
  }

  /**
   * Write the tasks of a step of `mt` examples (X: n0 x mt at byte address X; packX, packXT: where X
   * and X^T are packed; `copy`: where the copy of the training set and the batch's indices are, when
   * the examples are gathered from it).
   */
  write(i32: Int32Array, ex: Pick<RowExports, 'packPieces'>, sizes: readonly number[], plan: number, X: number, mt: number,
    packed: { packX: number; packXT: number }, desc: number, parts: number, threads: number, copy?: { X: number; idx: number }): void {
    const L = sizes.length - 1, n0 = sizes[0]!;
    let n = 0, before = 0;
    const task = (op: number, ...args: number[]) => {
      i32.set([before, 0, op, ...args], (this.at >> 2) + n * TASK_INTS);
      n++;
    };
    // the phase ends: its tasks learn the count at which it is done
    const phase = () => {
      for (let id = before; id < n; id++) i32[(this.at >> 2) + id * TASK_INTS + 1] = n;
      before = n;
    };
    const padX = padTo8(mt), padXT = padTo8(n0);
    const fromCopy = copy && mt > 1 && n0 > 1 && sizes[1]! > IN_PLACE_ROWS ? copy : undefined;
    if (fromCopy) {
      task(TARGETS, plan, 0, mt);
      for (let p = 0; p < ex.packPieces(PACKED_B, n0, mt); p++) task(PACK_EXAMPLES, fromCopy.X, n0, fromCopy.idx, mt, p, padX, packed.packX);
      phase();
    } else {
      // the batch's examples in one range per thread (cut at multiples of 4: gatherExamples' groups)
      for (let t = 0; t < threads; t++) task(GATHER, plan, Math.floor((mt * t) / threads / 4) * 4, t + 1 === threads ? mt : Math.floor((mt * (t + 1)) / threads / 4) * 4);
      phase();
      for (let p = 0; p < ex.packPieces(PACKED_B, n0, mt); p++) task(PACK, n0, X, mt, 1, mt, p, padX, packed.packX);
      phase();
    }
    for (let l = 1; l < L; l++) {
      const cuts = bandCuts(sizes[l]!, threads);
      for (let b = 0; b + 1 < cuts.length; b++) task(FORWARD, plan, l, cuts[b]!, cuts[b + 1]!, l === 1 ? packed.packX : 0, l === 1 ? padX : 0);
      phase();
    }
    task(OUTPUT, plan);
    // X^T from X's panels (packed in the first phases)
    for (let p = 0; p < ex.packPieces(PACKED_B, mt, n0); p++) task(PACK_TRANSPOSED, packed.packX, n0, mt, padX, p, padXT, packed.packXT);
    phase();
    for (let l = L; l > 1; l--) {
      // the rows of hidden layer l - 1
      const cuts = bandCuts(sizes[l - 1]!, threads);
      for (let b = 0; b + 1 < cuts.length; b++) task(BACKWARD, plan, l, cuts[b]!, cuts[b + 1]!, l === 2 ? packed.packXT : 0, l === 2 ? padXT : 0);
      phase();
    }
    for (let part = 0; part < parts; part++) task(UPDATE, desc, part, parts);
    phase();
    this.count = n;
  }
}

/** How many tasks must be done before task `id` of the table at `tasks` starts. */
export function tasksBefore(i32: Int32Array, tasks: number, id: number): number {
  return i32[(tasks >> 2) + id * TASK_INTS]!;
}

/** How many tasks are done once the phase of task `id` is (the next phase's tasksBefore). */
export function phaseEnd(i32: Int32Array, tasks: number, id: number): number {
  return i32[(tasks >> 2) + id * TASK_INTS + 1]!;
}

/** Run task `id` of the table at `tasks`, with this thread's scratch `work`. */
export function runTask(ex: RowExports, i32: Int32Array, tasks: number, id: number, work: number): void {
  const r = (tasks >> 2) + id * TASK_INTS + 2, a = r + 1;
  switch (i32[r]) {
    case GATHER: ex.gatherBlock(i32[a]!, i32[a + 1]!, i32[a + 2]!); break;
    case PACK: ex.packWhole(PACKED_B, i32[a]!, i32[a + 1]!, i32[a + 2]!, i32[a + 3]!, i32[a + 4]!, i32[a + 5]!, i32[a + 6]!, i32[a + 7]!); break;
    case FORWARD: ex.forwardRows(i32[a]!, i32[a + 1]!, i32[a + 2]!, i32[a + 3]!, work, i32[a + 4]!, i32[a + 5]!); break;
    case OUTPUT: ex.outputLayer(i32[a]!, work); break;
    case BACKWARD: ex.backwardRows(i32[a]!, i32[a + 1]!, i32[a + 2]!, i32[a + 3]!, work, i32[a + 4]!, i32[a + 5]!); break;
    case TARGETS: ex.gatherTargets(i32[a]!, i32[a + 1]!, i32[a + 2]!); break;
    case PACK_EXAMPLES: ex.packExamples(i32[a]!, i32[a + 1]!, i32[a + 2]!, i32[a + 3]!, i32[a + 4]!, i32[a + 5]!, i32[a + 6]!); break;
    case PACK_TRANSPOSED: ex.packTransposed(i32[a]!, i32[a + 1]!, i32[a + 2]!, i32[a + 3]!, i32[a + 4]!, i32[a + 5]!, i32[a + 6]!); break;
    default: ex.updatePart(i32[a]!, i32[a + 1]!, i32[a + 2]!);
  }
}
