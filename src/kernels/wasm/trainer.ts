// The resident training step of the WebAssembly backends (Kernels.residentStep): the weights,
// gradients and optimizer state of a dense network live in linear memory, the mini-batch is
// gathered straight into it, and assembly/train.ts runs forward and backward over a block of
// columns in one call. The batch is cut into one block per thread; the blocks' gradients are
// summed into the first one's (dW = sum over blocks of (1/m) dZ_t·A_t^T) and the update applied.
// This file lays the memory out and drives a step; runBlocks (threads.ts) runs the blocks.

import type { ResidentStep, StepSpec, UpdateRule } from '../step.js';
import type { GemmExports, WasmGemm } from './index.js';

/** The exports of assembly/train.ts. */
export interface TrainExports extends GemmExports {
  trainBlock(plan: number): void;
  addInto(y: number, x: number, n: number): void;
  sumSquares(w: number, n: number): number;
  sumAbs(w: number, n: number): number;
  addPenalty(dw: number, w: number, n: number, l2: number, l1: number): void;
  descend(p: number, g: number, n: number, alpha: number): void;
  momentum(p: number, g: number, v: number, n: number, beta: number, alpha: number): void;
  rmsprop(p: number, g: number, s: number, n: number, beta: number, eps: number, alpha: number): void;
  adam(p: number, g: number, v: number, s: number, n: number, b1: number, b2: number, eps: number, c1: number, c2: number, alpha: number): void;
}

/**
 * Runs trainBlock on each of the `count` plans listed (i32 addresses) at `list`: on the threads of
 * a pool, or one after another.
 */
export type BlockRunner = (list: number, count: number) => void;

/** Slots of a plan (see assembly/train.ts). */
const HEAD = 16, REC = 16, SLOPE = 12, INV_M = 12, LOSS = 14;
const OUTPUT = { sigmoid: 0, softmax: 1, linear: 2 } as const;
const KIND = { relu: 0, leakyRelu: 1, linear: 2 } as const;

/** Where one layer's shared arrays are (byte addresses). */
interface LayerAt { nIn: number; nOut: number; W: number; b: number; dW: number; db: number; v: number; vb: number; s: number; sb: number }
/** Where one block's arrays are: its plan, X and Y. */
interface BlockAt { plan: number; X: number; Y: number }

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

/** Threads for a step of `spec` when `available` can run: one per block of at least blockMinMacs multiply-adds. */
function threadsFor(spec: StepSpec, available: number): number {
  const { sizes, batchSize } = spec;
  let perColumn = 0;
  for (let l = 1; l < sizes.length; l++) perColumn += 3 * sizes[l - 1]! * sizes[l]!; // forward, dW, dA
  const byWork = blockMinMacs > 0 ? Math.floor((perColumn * batchSize) / blockMinMacs) : available;
  return Math.max(1, Math.min(spec.threads ?? available, available, batchSize, byWork));
}

const align = (n: number) => Math.ceil(n / 16) * 16;

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
  /** Where the list of the blocks' plans is. */
  private list = 0;
  private readonly maxBlock: number;
  private t = 0;
  private closed = false;

  private constructor(private readonly g: WasmGemm, private readonly spec: StepSpec, threads: number) {
    this.threads = threads;
    this.maxBlock = Math.ceil(spec.batchSize / threads);
  }

  /** The step for `spec` in g's memory (on the threads of `run`), or undefined when it does not fit there. */
  static create(g: WasmGemm, spec: StepSpec, run: BlockRunner | undefined): WasmResidentStep | undefined {
    const threads = run ? threadsFor(spec, g.threads) : 1;
    const step = new WasmResidentStep(g, spec, threads);
    const sizes = new Layout();
    step.plan(sizes, 0, false);
    const base = g.reserve(sizes.bytes);
    if (base < 0) return undefined;
    step.plan(new Layout(), base, true);
    step.writePlans();
    if (run && threads > 1) step.run = run;
    return step;
  }

  /** Runs the blocks: by default one after another on this thread. */
  private run: BlockRunner = () => {
    for (const b of this.blocks) (this.g.exports as TrainExports).trainBlock(b.plan);
  };

  /** Lay the arrays out from `base`: the shared ones per layer, then each block's. */
  private plan(layout: Layout, base: number, write: boolean): void {
    const { sizes, update } = this.spec;
    const L = sizes.length - 1, bt = this.maxBlock;
    const at = (floats: number) => base + layout.take(floats);
    const states = update.kind === 'adam' ? 2 : update.kind === 'gd' ? 0 : 1;
    this.layers.length = 0;
    this.blocks.length = 0;
    this.list = at(this.threads);
    for (let l = 1; l <= L; l++) {
      const nIn = sizes[l - 1]!, nOut = sizes[l]!;
      const W = at(nOut * nIn), b = at(nOut), dW = at(nOut * nIn), db = at(nOut);
      const v = states > 0 ? at(nOut * nIn) : 0, vb = states > 0 ? at(nOut) : 0;
      const s = states > 1 ? at(nOut * nIn) : 0, sb = states > 1 ? at(nOut) : 0;
      this.layers.push({ nIn, nOut, W, b, dW, db, v, vb, s, sb });
    }
    for (let t = 0; t < this.threads; t++) {
      const plan = at(HEAD + L * REC), X = at(sizes[0]! * bt), Y = at(sizes[L]! * bt);
      this.blocks.push({ plan, X, Y });
      const f32 = write ? this.g.floats() : undefined;
      const i32 = f32 ? new Int32Array(f32.buffer) : undefined;
      for (let l = 1; l <= L; l++) {
        const layer = this.layers[l - 1]!;
        const Z = at(layer.nOut * bt), A = at(layer.nOut * bt), dZ = at(layer.nOut * bt);
        const dA = l > 1 ? at(layer.nIn * bt) : 0;
        const dW = t === 0 ? layer.dW : at(layer.nOut * layer.nIn), db = t === 0 ? layer.db : at(layer.nOut);
        if (!i32) continue;
        const r = (plan >> 2) + HEAD + (l - 1) * REC;
        const g = l < L ? this.spec.hidden[l - 1]! : { kind: 'linear' as const };
        i32.set([layer.nIn, layer.nOut, layer.W, layer.b, Z, A, dZ, dA, dW, db, KIND[g.kind]], r);
        new Float64Array(f32!.buffer, (r + SLOPE) * 4, 1)[0] = g.kind === 'leakyRelu' ? g.slope : 0;
      }
    }
  }

  /** The plans' headers: everything but the block's columns. */
  private writePlans(): void {
    const i32 = new Int32Array(this.g.floats().buffer);
    const L = this.layers.length;
    this.blocks.forEach((b, t) => {
      i32.set([L, 0, b.X, b.Y, OUTPUT[this.spec.output], this.g.workPtr(t), 0, 0, 0, 0, 0, 0], b.plan >> 2);
    });
    i32.set(this.blocks.map((b) => b.plan), this.list >> 2);
  }

  setWeights(W: readonly Float32Array[], b: readonly Float32Array[]): void {
    const f32 = this.g.floats();
    this.layers.forEach((layer, i) => {
      f32.set(W[i]!.subarray(0, layer.nOut * layer.nIn), layer.W >> 2);
      f32.set(b[i]!.subarray(0, layer.nOut), layer.b >> 2);
    });
  }

  getWeights(W: readonly Float32Array[], b: readonly Float32Array[], dW: readonly Float32Array[], db: readonly Float32Array[]): void {
    const f32 = this.g.floats();
    const out = (to: Float32Array, at: number, n: number) => to.set(f32.subarray(at >> 2, (at >> 2) + n));
    this.layers.forEach((layer, i) => {
      const n = layer.nOut * layer.nIn;
      out(W[i]!, layer.W, n);
      out(b[i]!, layer.b, layer.nOut);
      out(dW[i]!, layer.dW, n);
      out(db[i]!, layer.db, layer.nOut);
    });
  }

  step(X: Float32Array, Y: Float32Array, m: number, indices: Int32Array | undefined, alpha: number, fresh: boolean): number {
    if (this.closed) throw new Error('this training step has been closed');
    const count = indices ? indices.length : m;
    if (count > this.maxBlock * this.threads) throw new RangeError(`a batch of ${count} examples is larger than the ${this.spec.batchSize} this step was made for`);
    this.fill(X, Y, m, indices, fresh);
    const f64 = new Float64Array(this.g.floats().buffer);
    for (const b of this.blocks) f64[(b.plan >> 3) + INV_M / 2] = 1 / count;
    this.run(this.list, this.threads);
    let loss = 0;
    for (const b of this.blocks) loss += f64[(b.plan >> 3) + LOSS / 2]!;
    const ex = this.g.exports as TrainExports;
    for (let t = 1; t < this.threads; t++) this.sumBlock(t);
    let cost = loss / count; // J = (1/m) sum of the losses
    const { l1, l2 } = this.spec;
    if (l1 !== 0 || l2 !== 0) {
      for (const layer of this.layers) {
        const n = layer.nOut * layer.nIn;
        // cost += (lambda2 / 2m) ||W||^2 + (lambda1 / m) sum |W|, before the update; dW += its gradient
        cost += (l2 / (2 * count)) * ex.sumSquares(layer.W, n) + (l1 / count) * ex.sumAbs(layer.W, n);
        ex.addPenalty(layer.dW, layer.W, n, l2 / count, l1 / count);
      }
    }
    this.update(alpha);
    return cost;
  }

  /** Cut the batch into blocks and put their examples in: gathered columns, or the whole set in order. */
  private fill(X: Float32Array, Y: Float32Array, m: number, indices: Int32Array | undefined, fresh: boolean): void {
    const count = indices ? indices.length : m;
    const i32 = new Int32Array(this.g.floats().buffer);
    const f32 = this.g.floats();
    const n0 = this.spec.sizes[0]!, nL = this.spec.sizes[this.spec.sizes.length - 1]!;
    for (let t = 0; t < this.threads; t++) {
      const j0 = Math.floor((t * count) / this.threads), j1 = Math.floor(((t + 1) * count) / this.threads);
      const block = this.blocks[t]!;
      i32[(block.plan >> 2) + 1] = j1 - j0;
      if (!indices && !fresh) continue;
      gather(X, n0, m, indices, j0, j1, f32, block.X >> 2);
      gather(Y, nL, m, indices, j0, j1, f32, block.Y >> 2);
    }
  }

  /** dW[l] += dW_t[l], db[l] += db_t[l] for block t. */
  private sumBlock(t: number): void {
    const ex = this.g.exports as TrainExports;
    const i32 = new Int32Array(this.g.floats().buffer);
    const plan = this.blocks[t]!.plan >> 2;
    this.layers.forEach((layer, i) => {
      const r = plan + HEAD + i * REC;
      ex.addInto(layer.dW, i32[r + 8]!, layer.nOut * layer.nIn);
      ex.addInto(layer.db, i32[r + 9]!, layer.nOut);
    });
  }

  /** The optimizer's update of every W[l], b[l] from dW[l], db[l]. */
  private update(alpha: number): void {
    const ex = this.g.exports as TrainExports;
    const u: UpdateRule = this.spec.update;
    this.t++;
    for (const layer of this.layers) {
      for (const [p, g, v, s, n] of [[layer.W, layer.dW, layer.v, layer.s, layer.nOut * layer.nIn], [layer.b, layer.db, layer.vb, layer.sb, layer.nOut]] as const) {
        if (u.kind === 'gd') ex.descend(p, g, n, alpha);                                  // W := W - alpha dW
        else if (u.kind === 'momentum') ex.momentum(p, g, v, n, u.beta, alpha);           // v := beta v + (1 - beta) dW; W := W - alpha v
        else if (u.kind === 'rmsprop') ex.rmsprop(p, g, v, n, u.beta, u.epsilon, alpha);  // s := beta s + (1 - beta) dW^2; W := W - alpha dW / (sqrt(s) + eps)
        else ex.adam(p, g, v, s, n, u.beta1, u.beta2, u.epsilon, 1 - u.beta1 ** this.t, 1 - u.beta2 ** this.t, alpha);
      }
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.g.release();
  }
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
