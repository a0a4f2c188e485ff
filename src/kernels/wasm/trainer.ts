// The resident training step of the WebAssembly backends (Kernels.residentStep): the weights,
// gradients and optimizer state of a dense network live in linear memory, the mini-batch is
// gathered straight into it, and assembly/train.ts runs forward and backward over a block of
// columns in one call. The batch is cut into one block per thread; the blocks' gradients are
// summed into the first one's (dW = sum over blocks of (1/m) dZ_t·A_t^T) and the update applied.
// Or, on two threads or more (rowBands), the batch is one block and each hidden layer's passes are
// cut into bands of its rows, which the threads take in phases (row-tasks.ts).
// This file lays the memory out and drives a step; runBlocks (threads.ts) runs the blocks and the
// update as one job (one hand-off to the workers per step), runRows the tasks of a step in bands;
// dropout.ts draws a step's dropout masks into the blocks' areas.

import { NonFiniteInput, type ResidentStep, type Smooth, type StepSpec, type UpdateRule } from '../step.js';
import type { Piecewise } from '../kernels.js';
import type { GemmExports, WasmGemm } from './index.js';
import { drawMasks } from './dropout.js';
import { RowTasks, padTo8, runTask, type PackedCopies } from './row-tasks.js';
import { OptionError } from '../../errors.js';

/** The exports of assembly/train.ts. */
export interface TrainExports extends GemmExports {
  copyExamples(src: number, rows: number, m: number, dst: number, n0: number, i0: number, c0: number, c1: number): number;
  allFinite(p: number, n: number): number;
  trainBlock(plan: number): void;
  gatherBlock(plan: number, j0: number, j1: number): void;
  gatherTargets(plan: number, j0: number, j1: number): void;
  packExamples(src: number, n0: number, idx: number, count: number, piece: number, padded: number, dst: number): void;
  packTransposed(src: number, n0: number, count: number, padX: number, piece: number, padXT: number, dst: number): void;
  forwardRows(plan: number, l: number, i0: number, i1: number, work: number, packed: number, padded: number): void;
  outputColumns(plan: number, work: number, targets: number, j0: number, j1: number): void;
  gradientRows(plan: number, l: number, i0: number, i1: number, work: number, packed: number, padded: number): void;
  backwardRows(plan: number, l: number, i0: number, i1: number, work: number, packed: number, padded: number): void;
  updatePart(desc: number, part: number, parts: number): void;
  updateRows(desc: number, l: number, i0: number, i1: number): void;
  addInto(y: number, x: number, n: number): void;
  descend(p: number, g: number, n: number, alpha: number): void;
  momentum(p: number, g: number, v: number, n: number, beta: number, alpha: number): void;
  rmsprop(p: number, g: number, s: number, n: number, beta: number, eps: number, alpha: number): void;
  adam(p: number, g: number, v: number, s: number, n: number, b1: number, b2: number, eps: number, c1: number, c2: number, alpha: number): void;
}

/**
 * Runs a step on the threads of a pool: trainBlock on each of the `blocks` plans listed (i32
 * addresses) at `list`, then, once all are done, updatePart(desc, part, parts) for each part.
 */
export type BlockRunner = (blocks: number, list: number, parts: number, desc: number) => void;

/**
 * Runs the `count` tasks of a step cut into bands of rows for `threads` threads (the table at
 * `tasks`, see RowTasks; `stride`: the bytes between two threads' packed copies of X) on the
 * threads of a pool.
 */
export type RowRunner = (tasks: number, count: number, threads: number, stride: number) => void;

/** The same step, one block and part after another on this thread. */
export function runHere(g: WasmGemm, blocks: number, list: number, parts: number, desc: number): void {
  const ex = g.exports as TrainExports, i32 = g.ints();
  for (let t = 0; t < blocks; t++) ex.trainBlock(i32[(list >> 2) + t]!);
  for (let part = 0; part < parts; part++) ex.updatePart(desc, part, parts);
}

/** A step cut into bands of rows, its `count` tasks (the table at `tasks`) one after another on this thread. */
export function runTasksHere(g: WasmGemm, tasks: number, count: number): void {
  const ex = g.exports as TrainExports, i32 = g.ints(), work = g.workPtr(0);
  for (let id = 0; id < count; id++) runTask(ex, i32, tasks, id, work, 0);
}

/**
 * When a step on two threads or more is cut into bands of rows (row-tasks.ts) rather than blocks of
 * columns: 'auto' decides by the network and the batch (rowBands), the others are for tests.
 */
let bandMode: 'auto' | 'always' | 'never' = 'auto';

export function setRowBands(mode: 'auto' | 'always' | 'never'): void {
  bandMode = mode;
}

/**
 * Whether a step of `spec` on two threads or more is cut into bands of rows: a first hidden layer of
 * 40 units or more, a batch of 128 or fewer. Measured on 2 threads (W1, 784-128-64-10, one process,
 * medians, samples/s, blocks -> bands): batch 32 57,226 -> 74,802, 64 74,932 -> 80,755, 128 86,557
 * -> 92,672, 256 87,192 -> 85,640.
 */
function rowBands(spec: StepSpec): boolean {
  const L = spec.sizes.length - 1;
  if (bandMode === 'never' || L < 2) return false;
  return bandMode === 'always' || (spec.sizes[1]! >= 40 && spec.batchSize <= 128);
}

/** Slots of a plan and of the update's descriptor (see assembly/train.ts). */
const HEAD = 20, REC = 20, PARAM = 12, SCALE = 14, MASK = 16, INV_KEEP = 18, INV_M = 12, LOSS = 14, COLUMNS = 11;
const U_SUMS = 20, U_LAYERS = 20 + 4 * 64, MAX_PARTS = 64;
const UPDATE = { gd: 0, momentum: 1, rmsprop: 2, adam: 3 } as const;
const OUTPUT = { sigmoid: 0, softmax: 1, linear: 2 } as const;
const KIND = { relu: 0, leakyRelu: 1, linear: 2, tanh: 3, sigmoid: 4, elu: 5 } as const;

/** Where one layer's shared arrays are (byte addresses). */
interface LayerAt { nIn: number; nOut: number; W: number; b: number; dW: number; db: number; v: number; vb: number; s: number; sb: number }
/**
 * Where one block's arrays are: its plan, X, Y, the dropout mask D[l] of each hidden layer (0:
 * none), X packed for W[1]·X and for dZ[1]·X^T when a full batch keeps it so (0: not kept), and
 * an f64 per column (each column's loss, see assembly/train.ts).
 */
interface BlockAt { plan: number; X: number; Y: number; masks: number[]; packX: number; packXT: number; columns: number }
/**
 * The copy of the training set: X (m x n0, one example per row; or n0 x m as X is when `inOrder`,
 * the batches taken in order), Y (nL x m), the batch's indices, the stages X is copied in through
 * (0 when inOrder: none), m.
 */
interface CopyAt { X: number; Y: number; idx: number; stage: number; m: number; inOrder: boolean }

/** Where a step cut into bands of rows packs X from: its gathered block, the copy's examples, the copy's columns in place. */
const enum Source { Gather, Examples, Columns }

/** indices[0] when indices are indices[0], indices[0] + 1, ..., else -1 (and for none). */
function firstInOrder(indices: Int32Array): number {
  if (indices.length === 0) return -1;
  const first = indices[0]!;
  for (let j = 1; j < indices.length; j++) if (indices[j] !== first + j) return -1;
  return first;
}
/** Header slots of a plan: X packed for W[1]·X, for dZ[1]·X^T, and whether they hold the block's X (see assembly/train.ts). */
const PACK_X = 16, PACK_XT = 17, PACKED = 18;

/**
 * Whether a full batch keeps each block's X packed (assembly/train.ts, packedX): when the first of
 * two layers or more has more than 8 units (with fewer, gemmAs reads X in place) and the step
 * gathers no mini-batches from a copy of the training set. Costs twice X's size in memory.
 */
function keepsPackedX(spec: StepSpec): boolean {
  return packedXMode === 'auto' && spec.examples === undefined && spec.sizes.length > 2 && spec.sizes[1]! > 8;
}

let packedXMode: 'auto' | 'never' = 'auto';

/** Whether full batches may keep X packed (keepsPackedX): 'never' is for tests. */
export function setPackedX(mode: 'auto' | 'never'): void {
  packedXMode = mode;
}

/**
 * A step is cut into one block per thread only while each block keeps at least this many
 * multiply-adds (about 0.1 ms of work): below it, handing blocks to the workers costs more than it
 * saves, so a step of a tiny network stays on one thread.
 */
let blockMinMacs = 1 << 20;

/** Change the threshold above (tests use 0 to make tiny steps split). */
export function setBlockThreshold(macs: number): void {
  blockMinMacs = macs;
}

/** Rows of X staged at a time on their way into the copy of the training set (a few MB at most). */
const STAGE_ROWS = 32;

/** Threads for a step of `spec` when `available` can run: one per block of at least blockMinMacs multiply-adds. */
function threadsFor(spec: StepSpec, available: number): number {
  const { sizes, batchSize } = spec;
  let perColumn = 0;
  for (let l = 1; l < sizes.length; l++) perColumn += 3 * sizes[l - 1]! * sizes[l]!; // forward, dW, dA
  const byWork = blockMinMacs > 0 ? Math.floor((perColumn * batchSize) / blockMinMacs) : available;
  return Math.max(1, Math.min(spec.threads ?? available, available, batchSize, byWork));
}

/**
 * Arrays start on a cache line (64 bytes): when threads write ranges of the columns of the same rows
 * (the output layer's, row-tasks.ts), ranges cut at 16 floats then share no line. (Aligned to 16
 * bytes, every row of Z[L], A[L], dZ[L] and Y had a line written by both threads: W1's output
 * layer, 10 x 64, took 2-2.5 times as long on each.)
 */
const align = (n: number) => Math.ceil(n / 64) * 64;

/** Bump allocation of byte offsets from 0. */
class Layout {
  bytes = 0;
  take(floats: number): number {
    const at = this.bytes;
    this.bytes += align(floats * 4);
    return at;
  }
}

export class WasmResidentStep implements ResidentStep {
  readonly threads: number;
  private readonly layers: LayerAt[] = [];
  private readonly blocks: BlockAt[] = [];
  /** A copy of the whole training set is kept, and checked when copied in (ResidentStep.checksInput). */
  get checksInput(): boolean {
    return this.withData;
  }

  /** The copy of the whole training set (StepSpec.examples) and the batch's indices, when kept. */
  private data: CopyAt | undefined;
  private withData: boolean;
  /** Whether each block keeps its X packed between full-batch steps (keepsPackedX, when it fits in memory). */
  private packsX: boolean;
  /** Where the list of the blocks' plans is, and the update's descriptor. */
  private list = 0;
  private desc = 0;
  private readonly maxBlock: number;
  /** Blocks of columns the batch is cut into: one per thread, or one in all when the step is cut into bands of rows. */
  private readonly blockCount: number;
  /**
   * With bands of rows: the tasks' table, where each thread packs X and X^T, and the columns the
   * table was written for and whether the examples came from the copy of the training set.
   */
  private rows: { tasks: RowTasks; packed: PackedCopies; mt: number; source: Source } | undefined;
  /** Whether this step's examples are gathered from the copy of the training set (set by fill). */
  private fromCopy = false;
  /** The first of this step's examples when they follow each other in a copy kept as X is (-1 when not, or no such copy; set by fill). */
  private first = -1;
  /** The columns of the batch each block takes: block t has cuts[t]..cuts[t+1] (set by fill). */
  private readonly cuts: Int32Array;
  private t = 0;
  private closed = false;

  private constructor(private readonly g: WasmGemm, private readonly spec: StepSpec, threads: number, bands: boolean) {
    this.threads = threads;
    this.blockCount = bands ? 1 : threads;
    this.maxBlock = Math.ceil(spec.batchSize / this.blockCount);
    this.cuts = new Int32Array(this.blockCount + 1);
    this.withData = spec.examples !== undefined;
    this.packsX = !bands && keepsPackedX(spec);
  }

  /** The step for `spec` in g's memory (on the threads of `run`), or undefined when it does not fit there. */
  static create(g: WasmGemm, spec: StepSpec, run: BlockRunner | undefined, runRows?: RowRunner): WasmResidentStep | undefined {
    const threads = run ? threadsFor(spec, g.threads) : 1;
    const step = new WasmResidentStep(g, spec, threads, threads > 1 && !!runRows && rowBands(spec));
    let base = step.reserve();
    if (base < 0 && step.packsX) {
      // no room for X packed twice: pack it at every step
      step.packsX = false;
      base = step.reserve();
    }
    if (base < 0 && step.withData) {
      // no room for a copy of the training set: gather each batch from the caller's arrays
      step.withData = false;
      base = step.reserve();
    }
    if (base < 0) return undefined;
    step.plan(new Layout(), base, true);
    step.writePlans();
    if (run && threads > 1) step.run = run;
    if (runRows && step.rows) step.runRows = runRows;
    return step;
  }

  /** Reserve the memory of the arrays as planned now: their base, or -1 when they do not fit. */
  private reserve(): number {
    const layout = new Layout();
    this.plan(layout, 0, false);
    return this.g.reserve(layout.bytes);
  }

  /** Runs the blocks and the update's parts: by default one after another on this thread. */
  private run: BlockRunner = (blocks, list, parts, desc) => runHere(this.g, blocks, list, parts, desc);
  private runRows: RowRunner = (tasks, count) => runTasksHere(this.g, tasks, count);

  /** Lay the arrays out from `base`: the shared ones per layer, then each block's. */
  private plan(layout: Layout, base: number, write: boolean): void {
    const { sizes, update } = this.spec;
    const L = sizes.length - 1;
    const at = (floats: number) => base + layout.take(floats);
    const states = update.kind === 'adam' ? 2 : update.kind === 'gd' ? 0 : 1;
    this.layers.length = 0;
    this.blocks.length = 0;
    this.list = at(this.blockCount);
    const m = this.spec.examples ?? 0;
    // X is kept one example per row (copyExamples), copied in through two stages of STAGE_ROWS rows;
    // or, when the batches are taken in order, as X is (no stages), a batch's columns side by side
    const inOrder = this.spec.inOrder === true;
    this.data = this.withData ? { X: at(sizes[0]! * m), Y: at(sizes[L]! * m), idx: at(this.spec.batchSize), stage: inOrder ? 0 : at(2 * STAGE_ROWS * m), m, inOrder } : undefined;
    this.desc = at(U_LAYERS + L * 8 + 2 + 2 * MAX_PARTS * L);
    for (let l = 1; l <= L; l++) {
      const nIn = sizes[l - 1]!, nOut = sizes[l]!;
      const W = at(nOut * nIn), b = at(nOut), dW = at(nOut * nIn), db = at(nOut);
      const v = states > 0 ? at(nOut * nIn) : 0, vb = states > 0 ? at(nOut) : 0;
      const s = states > 1 ? at(nOut * nIn) : 0, sb = states > 1 ? at(nOut) : 0;
      this.layers.push({ nIn, nOut, W, b, dW, db, v, vb, s, sb });
      if (write) {
        new Int32Array(this.g.floats().buffer).set([W, b, dW, db, v, vb, s, sb], (this.desc >> 2) + U_LAYERS + (l - 1) * 8);
        // the optimizer's state starts at zero (the memory may hold an earlier run's)
        const f32 = this.g.floats();
        for (const [at, n] of [[v, nOut * nIn], [vb, nOut], [s, nOut * nIn], [sb, nOut]] as const) if (at) f32.fill(0, at >> 2, (at >> 2) + n);
      }
    }
    for (let t = 0; t < this.blockCount; t++) this.planBlock(t, at, write);
    if (this.blockCount < this.threads) {
      // bands of rows: each thread's X packed whole for W[1]·X and for dZ[1]·X^T, and the table of a step's tasks
      const n0 = sizes[0]!, bt = this.maxBlock;
      const packX = at(n0 * padTo8(bt)), packXT = at(bt * padTo8(n0)), stride = layout.bytes + base - packX;
      for (let t = 1; t < this.threads; t++) {
        at(n0 * padTo8(bt));
        at(bt * padTo8(n0));
      }
      this.rows = { tasks: new RowTasks(at(RowTasks.ints(sizes, this.threads))), packed: { packX, packXT, stride }, mt: -1, source: Source.Gather };
    }
  }

  /** Lay block t's arrays out with `at` (and write its plan's layer records when `write`). */
  private planBlock(t: number, at: (floats: number) => number, write: boolean): void {
    const { sizes, dropout } = this.spec;
    const L = sizes.length - 1, bt = this.maxBlock;
    const plan = at(HEAD + L * REC), X = at(sizes[0]! * bt), Y = at(sizes[L]! * bt);
    const packX = this.packsX ? at(sizes[0]! * padTo8(bt)) : 0, packXT = this.packsX ? at(bt * padTo8(sizes[0]!)) : 0;
    const block: BlockAt = { plan, X, Y, masks: [], packX, packXT, columns: at(2 * bt) };
    this.blocks.push(block);
    for (let l = 1; l <= L; l++) {
      const layer = this.layers[l - 1]!;
      const keep = l < L ? (dropout?.keepProb[l - 1] ?? 1) : 1;
      const Z = at(layer.nOut * bt), A = at(layer.nOut * bt), dZ = at(layer.nOut * bt);
      const dA = l > 1 ? at(layer.nIn * bt) : 0;
      const dW = t === 0 ? layer.dW : at(layer.nOut * layer.nIn), db = t === 0 ? layer.db : at(layer.nOut);
      // with dropout, g(Z) before the mask (G) and the mask (D) have arrays of their own
      const G = keep < 1 ? at(layer.nOut * bt) : A, D = keep < 1 ? at(layer.nOut * bt) : 0;
      if (l < L) block.masks.push(D);
      if (!write) continue;
      const g = l < L ? this.spec.hidden[l - 1]! : { kind: 'linear' as const };
      const r = (plan >> 2) + HEAD + (l - 1) * REC;
      writeRecord(this.g.floats(), r, [layer.nIn, layer.nOut, layer.W, layer.b, Z, A, dZ, dA, dW, db, KIND[g.kind], G], g, D, keep);
    }
  }

  /** The plans' headers: everything but the block's columns. */
  private writePlans(): void {
    const i32 = new Int32Array(this.g.floats().buffer);
    const L = this.layers.length;
    this.blocks.forEach((b, t) => {
      i32.fill(0, b.plan >> 2, (b.plan >> 2) + HEAD);
      i32.set([L, 0, b.X, b.Y, OUTPUT[this.spec.output], this.g.workPtr(t)], b.plan >> 2);
      i32[(b.plan >> 2) + COLUMNS] = b.columns;
    });
    i32.set(this.blocks.map((b) => b.plan), this.list >> 2);
    i32.set([this.layers.length, this.blockCount, UPDATE[this.spec.update.kind], this.list], this.desc >> 2);
    i32[(this.desc >> 2) + U_LAYERS + 8 * L] = this.spec.gradientNorms ? 1 : 0;
    i32[(this.desc >> 2) + U_LAYERS + 8 * L + 1] = this.updatesInBands ? 1 : 0;
  }

  /**
   * Whether the bands of layer 1's backward pass update W[1] and b[1] (row-tasks.ts, updateRows):
   * in bands of rows, with no penalty and no gradient norms (whose sums are kept per part).
   */
  private get updatesInBands(): boolean {
    return this.rows !== undefined && this.spec.l1 === 0 && this.spec.l2 === 0 && !this.spec.gradientNorms;
  }

  /** The parts the update is cut into: one per thread. */
  private get parts(): number {
    return Math.min(this.threads, MAX_PARTS);
  }

  addGradientNorms(sums: Float64Array): void {
    if (!this.spec.gradientNorms) throw new Error('this training step was made without gradientNorms');
    const f64 = this.g.doubles(), L = this.layers.length, parts = this.parts;
    const at = (this.desc >> 3) + (U_LAYERS + 8 * L + 2) / 2;
    for (let l = 0; l < L; l++) {
      let sq = 0;
      for (let part = 0; part < parts; part++) sq += f64[at + part * L + l]!;
      sums[l] = sums[l]! + Math.sqrt(sq);
    }
  }

  setWeights(W: readonly Float32Array[], b: readonly Float32Array[]): void {
    const f32 = this.g.floats();
    this.layers.forEach((layer, i) => {
      f32.set(W[i]!.subarray(0, layer.nOut * layer.nIn), layer.W >> 2);
      f32.set(b[i]!.subarray(0, layer.nOut), layer.b >> 2);
    });
  }

  getWeights(W: readonly Float32Array[], b: readonly Float32Array[], dW?: readonly Float32Array[], db?: readonly Float32Array[]): void {
    const f32 = this.g.floats();
    const out = (to: Float32Array, at: number, n: number) => to.set(f32.subarray(at >> 2, (at >> 2) + n));
    this.layers.forEach((layer, i) => {
      const n = layer.nOut * layer.nIn;
      out(W[i]!, layer.W, n);
      out(b[i]!, layer.b, layer.nOut);
      if (dW) out(dW[i]!, layer.dW, n);
      if (db) out(db[i]!, layer.db, layer.nOut);
    });
  }

  weightsFinite(): boolean {
    const ex = this.g.exports as TrainExports;
    return this.layers.every((layer) => ex.allFinite(layer.W, layer.nOut * layer.nIn) && ex.allFinite(layer.b, layer.nOut));
  }

  step(X: Float32Array, Y: Float32Array, m: number, indices: Int32Array | undefined, alpha: number, fresh: boolean): number {
    if (this.closed) throw new Error('this training step has been closed');
    const count = indices ? indices.length : m;
    if (count > this.maxBlock * this.blockCount) throw new OptionError(`a batch of ${count} examples is larger than the ${this.spec.batchSize} this step was made for`);
    this.fill(X, Y, m, indices, fresh);
    if (this.spec.dropout) drawMasks(this.g.floats(), this.spec.dropout, this.spec.sizes, this.blocks, this.cuts);
    const f64 = this.g.doubles(), blocks = this.blocks;
    for (let t = 0; t < blocks.length; t++) f64[(blocks[t]!.plan >> 3) + INV_M / 2] = 1 / count;
    // the blocks, then the update in one part per thread: dW = the blocks' sum (+ the penalty's gradient), then the optimizer's step
    const parts = this.parts;
    this.writeUpdate(f64, alpha, count);
    if (this.rows) this.runBands(count, parts);
    else this.run(this.threads, this.list, parts, this.desc);
    // the loss: the blocks' sums, or in bands the columns' losses summed in order (as trainBlock sums them)
    let loss = 0;
    if (this.rows) for (let j = 0; j < count; j++) loss += f64[(blocks[0]!.columns >> 3) + j]!;
    else for (let t = 0; t < blocks.length; t++) loss += f64[(blocks[t]!.plan >> 3) + LOSS / 2]!;
    let sq = 0, abs = 0;
    for (let part = 0; part < parts; part++) {
      sq += f64[(this.desc >> 3) + U_SUMS / 2 + 2 * part]!;
      abs += f64[(this.desc >> 3) + U_SUMS / 2 + 2 * part + 1]!;
    }
    // J = (1/m) sum of the losses + (lambda2 / 2m) sum ||W[l]||^2 + (lambda1 / m) sum |W[l]| (W before the update)
    const { l1, l2 } = this.spec;
    return loss / count + (l2 !== 0 || l1 !== 0 ? (l2 / (2 * count)) * sq + (l1 / count) * abs : 0);
  }

  /** The update's hyperparameters for this step (f64 slots of the descriptor, see assembly/train.ts). */
  private writeUpdate(f64: Float64Array, alpha: number, m: number): void {
    const u: UpdateRule = this.spec.update;
    this.t++;
    const at = (this.desc >> 3) + 2;
    f64[at] = alpha;
    f64[at + 1] = u.kind === 'adam' ? u.beta1 : u.kind === 'gd' ? 0 : u.beta;
    f64[at + 2] = u.kind === 'adam' ? u.beta2 : 0;
    f64[at + 3] = u.kind === 'adam' || u.kind === 'rmsprop' ? u.epsilon : 0;
    // Adam's bias corrections c1 = 1 - beta1^t, c2 = 1 - beta2^t; the penalties' lambda / m
    f64[at + 4] = u.kind === 'adam' ? 1 - u.beta1 ** this.t : 1;
    f64[at + 5] = u.kind === 'adam' ? 1 - u.beta2 ** this.t : 1;
    f64[at + 6] = this.spec.l2 / m;
    f64[at + 7] = this.spec.l1 / m;
  }

  /**
   * X (n0 x m) into the copy of the training set, STAGE_ROWS rows at a time; whether every value was
   * finite (checked on the way, at the speed of SIMD, instead of by the caller: checksInput). Kept
   * one example per row (m x n0), the rows go through two stages, and the pool's threads transpose
   * one while this thread puts the next rows into the other; kept as X is (inOrder), the rows go
   * straight into the copy, and the pool's threads check one stage while this thread puts the next.
   * (The copy one example per row takes W1's 31 MB 5.2-5.7 ms a fit, bound by the memory's
   * bandwidth; kept as X is, 2.3 ms.)
   */
  private copyExamples(X: Float32Array, n0: number, m: number, data: CopyAt): boolean {
    const stage = (k: number) => (data.inOrder ? data.X + 4 * STAGE_ROWS * m * k : data.stage + 4 * STAGE_ROWS * m * (k & 1));
    const put = (k: number) => this.g.floats().set(X.subarray(k * STAGE_ROWS * m, Math.min(n0, (k + 1) * STAGE_ROWS) * m), stage(k) >> 2);
    const stages = Math.ceil(n0 / STAGE_ROWS);
    let finite = true;
    put(0);
    for (let k = 0; k < stages; k++) {
      const rows = Math.min(STAGE_ROWS, n0 - k * STAGE_ROWS);
      // (runCopy with no destination only checks the rows)
      finite = this.g.runCopy(stage(k), rows, m, data.inOrder ? 0 : data.X, n0, k * STAGE_ROWS, k + 1 < stages ? () => put(k + 1) : undefined) && finite;
    }
    return finite;
  }

  /** Cut the batch into blocks and put their examples in: gathered columns, or the whole set in order. */
  private fill(X: Float32Array, Y: Float32Array, m: number, indices: Int32Array | undefined, fresh: boolean): void {
    const count = indices ? indices.length : m;
    const i32 = this.g.ints();
    const f32 = this.g.floats();
    const n0 = this.spec.sizes[0]!, nL = this.spec.sizes[this.spec.sizes.length - 1]!;
    const data = indices && this.data?.m === m ? this.data : undefined;
    this.fromCopy = !!data;
    this.first = data?.inOrder ? firstInOrder(indices!) : -1; // (read by runBands for a copy kept as X is)
    if (data) {
      // the blocks gather their own examples from the copy of the training set
      if (fresh) {
        if (!this.copyExamples(X, n0, m, data)) throw new NonFiniteInput('X has a non-finite value');
        f32.set(Y.subarray(0, nL * m), data.Y >> 2);
      }
      i32.set(indices!, data.idx >> 2);
    }
    for (let t = 0; t < this.blockCount; t++) {
      const j0 = Math.floor((t * count) / this.blockCount), j1 = Math.floor(((t + 1) * count) / this.blockCount);
      this.cuts[t + 1] = j1;
      const block = this.blocks[t]!;
      // X stays packed while the block keeps the same whole batch (no gather, no fresh copy, the same columns)
      const same = !indices && !fresh && i32[(block.plan >> 2) + 1] === j1 - j0;
      i32[(block.plan >> 2) + 1] = j1 - j0;
      if (block.packX) {
        i32[(block.plan >> 2) + PACK_X] = indices ? 0 : block.packX;
        i32[(block.plan >> 2) + PACK_XT] = indices ? 0 : block.packXT;
        if (!same) i32[(block.plan >> 2) + PACKED] = 0;
      }
      // header slots 6..10: where this block's indices are (0: no gather), the whole X and Y, m, and whether X is kept as it is
      const h = (block.plan >> 2) + 6;
      i32[h] = data ? data.idx + 4 * j0 : 0;
      i32[h + 1] = data ? data.X : 0;
      i32[h + 2] = data ? data.Y : 0;
      i32[h + 3] = data ? m : 0;
      i32[h + 4] = data?.inOrder ? 1 : 0;
      if (data || (!indices && !fresh)) continue;
      gather(X, n0, m, indices, j0, j1, f32, block.X >> 2);
      gather(Y, nL, m, indices, j0, j1, f32, block.Y >> 2);
    }
  }

  /** A step of `count` examples in bands of rows: the tasks' table (written again when the count changes), then its run. */
  private runBands(count: number, parts: number): void {
    const rows = this.rows!;
    // packed straight from the copy of the training set: from its examples' rows, or from its columns
    // when it is kept as X is and the batch's examples follow each other; else gathered first
    const data = this.fromCopy ? this.data! : undefined;
    const source = !data ? Source.Gather : !data.inOrder ? Source.Examples : this.first >= 0 ? Source.Columns : Source.Gather;
    if (rows.mt !== count || rows.source !== source) {
      const plan = this.blocks[0]!.plan, copy = source === Source.Gather ? undefined : { X: data!.X, idx: data!.idx, m: source === Source.Columns ? data!.m : undefined };
      rows.tasks.write(this.g.ints(), this.g.exports, this.spec.sizes, plan, this.blocks[0]!.X, count, rows.packed, this.desc, parts, this.threads, copy, this.updatesInBands);
      rows.mt = count;
      rows.source = source;
    }
    if (source === Source.Columns) rows.tasks.moveColumns(this.g.ints(), this.first);
    this.runRows(rows.tasks.at, rows.tasks.count, this.threads, rows.packed.stride);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.g.release();
    // This step is kept alive, by the memory it used (no longer than that memory lives; it holds
    // addresses and the spec, no training data), for the engine: its optimized code for `step` checks
    // the hidden classes of the step and of the objects it holds (a step in bands holds some that a
    // step in blocks does not), and when a full garbage collection finds none of them alive, it throws
    // that code away; the next fit's steps run unoptimized until it is compiled again, on another
    // thread. That took 12-37 ms a fit (node --trace-opt), a core taken from a step on two threads: in
    // traces of W1 (one epoch a fit, a full collection between fits) the thread that shared its core
    // with the compiler ran 10-28% slower for the whole fit, and the worker missed 4-8% of the steps.
    // With the last step kept: W1 on two threads 71.9 -> 65.3 ms an epoch, and 80.6 -> 73.2 in another
    // hour (medians of 21, alternating in one process), the threads' speeds within 1% of each other,
    // 0.3-1.2% of the steps missed; on one thread 113.5 -> 111.2.
    this.g.closedSteps[this.rows ? 'bands' : 'blocks'] = this;
  }
}

/**
 * Write a layer's record at slot r: the i32 slots 0..11, the activation's parameters (PARAM,
 * SCALE), the dropout mask D (MASK) and 1/keepProb (INV_KEEP); see assembly/train.ts.
 */
function writeRecord(f32: Float32Array, r: number, slots: number[], g: Piecewise | Smooth, D: number, keep: number): void {
  const i32 = new Int32Array(f32.buffer), f64 = new Float64Array(f32.buffer);
  i32.set(slots, r);
  i32[r + MASK] = D;
  f64[(r + PARAM) >> 1] = g.kind === 'leakyRelu' ? g.slope : g.kind === 'elu' ? g.alpha : 0;
  f64[(r + SCALE) >> 1] = g.kind === 'elu' ? g.scale : 1;
  f64[(r + INV_KEEP) >> 1] = 1 / keep;
}

/** dst[at..] (rows x (j1 - j0)) = the columns indices[j0..j1) (or j0..j1) of src (rows x m). */
function gather(src: Float32Array, rows: number, m: number, indices: Int32Array | undefined, j0: number, j1: number, dst: Float32Array, at: number): void {
  const count = j1 - j0;
  if (!indices) {
    for (let i = 0; i < rows; i++) dst.set(src.subarray(i * m + j0, i * m + j1), at + i * count);
    return;
  }
  for (let i = 0; i < rows; i++) {
    const s = i * m, d = at + i * count - j0;
    for (let j = j0; j < j1; j++) dst[d + j] = src[s + indices[j]!]!;
  }
}
