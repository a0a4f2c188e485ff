// The whole training step of a dense network inside WebAssembly (AssemblyScript source): hidden
// layers with a piecewise-linear (relu, leakyRelu, linear: gemm.ts) or smooth (tanh, sigmoid, elu,
// selu: smooth.ts) activation, with or without inverted dropout (dropout.ts), and a sigmoid +
// binary cross-entropy, softmax + categorical cross-entropy or linear + mean squared error output.
// One call runs the forward and backward pass over one block of columns (examples), so a thread
// can take its share of a mini-batch; the update is a second call, after the blocks' gradients
// are summed. Every loop rounds as the JavaScript reference does (float64 arithmetic rounded once
// to float32; RMSprop's and Adam's updates in float32, see below), so results match it within the
// rounding of the products' sum order.
//
// A plan is a table of i32 in linear memory, written by src/kernels/wasm/trainer.ts:
//   header (HEAD slots): L, columns mt of this block, X (n0 x mt), Y (nL x mt), output kind,
//     scratch of this block, and for the gather: the batch's example indices (0 = no gather),
//     the whole X (m x n0: one example per row, see copyExamples; or n0 x m as X is, when slot
//     10 is 1: batches taken in order), the whole Y (nL x m), m; 11: an f64 per column (each
//     column's log-sum-exp for softmax, then its loss);
//     then as f64: at INV_M 1/m of the whole batch (set by the caller), at LOSS the sum of the
//     block's losses (set by trainBlock); 16 and 17: where this block's X is kept packed for
//     W[1]·X and for dZ[1]·X^T (0: not kept, see packedX), 18: 1 once they hold this X
//   per layer l = 1..L (REC slots): 0 n[l-1], 1 n[l], 2 W, 3 b, 4 Z, 5 A, 6 dZ, 7 dA[l-1] (l > 1),
//     8 dW and 9 db of this block; for a hidden layer also: 10 its activation kind (RELU 0,
//     LEAKY 1, LINEAR 2, TANH 3, SIGMOID 4, ELU 5), 11 G = g(Z) before dropout (the same array
//     as A without dropout), at PARAM (f64) leakyRelu's slope or elu's alpha, at SCALE (f64)
//     elu's scale (1, or selu's lambda), 16 this block's dropout mask D (n[l] x mt; 0: no
//     dropout), at INV_KEEP (f64) 1/keepProb.

import { gemmAs, biasActivation, activationGradient, packWhole, packPieces, PACKED_B } from './gemm';
import { transpose4 } from './transpose';
import { sigmoid, smoothActivation, smoothGradient } from './smooth';
import { dropForward, dropBackward } from './dropout';
import { softmax } from './softmax';
import { load2, store2 } from './simd';

const HEAD: i32 = 20;
const PACK_X: i32 = 16;
const PACK_XT: i32 = 17;
const PACKED: i32 = 18;
const COLUMNS: i32 = 11;
const INV_M: i32 = 12;
const LOSS: i32 = 14;
const REC: i32 = 20;
const PARAM: i32 = 12;
const SCALE: i32 = 14;
const INV_KEEP: i32 = 18;
const LINEAR: i32 = 2;

/** Output kinds: sigmoid + BCE, softmax + CCE, linear + MSE. */
const SIGMOID_OUT: i32 = 0;
const SOFTMAX_OUT: i32 = 1;

// @ts-ignore: decorator
@inline
function head(plan: usize, i: i32): i32 {
  return load<i32>(plan + (<usize>i << 2));
}

// @ts-ignore: decorator
@inline
function rec(plan: usize, l: i32, i: i32): i32 {
  return load<i32>(plan + (<usize>(HEAD + (l - 1) * REC + i) << 2));
}

/** The f64 at slot `i` of layer l's record. */
// @ts-ignore: decorator
@inline
function recF64(plan: usize, l: i32, i: i32): f64 {
  return load<f64>(plan + (<usize>(HEAD + (l - 1) * REC + i) << 2));
}

/**
 * Rows i0..i0+rows of X (src: rows x m, one example per column, as the caller gives it) into the
 * copy of the training set kept one example per row (dst: m x n0), dst[c][i0 + i] = src[i][c]: so
 * that gathering a shuffled mini-batch reads each example's features in one run (gatherExamples),
 * not one value from each of n0 rows far apart. Copies the examples c0..c1 (threads take ranges of
 * them; c0 a multiple of 4). Returns whether every value copied was finite (a NaN or an infinity
 * has every exponent bit set), checked on the way.
 */
export function copyExamples(src: usize, rows: i32, m: i32, dst: usize, n0: i32, i0: i32, c0: i32, c1: i32): bool {
  const ld = <usize>m << 2, row = <usize>n0 << 2;
  const rows4 = rows & ~3;
  const exponent = i32x4.splat(0x7f800000);
  let bad = i32x4.splat(0);
  let c = c0;
  // four examples at a time, each example's `rows` features written in one run
  for (; c + 4 <= c1; c += 4) {
    const s = src + (<usize>c << 2), d = dst + <usize>c * row + (<usize>i0 << 2);
    for (let i = 0; i < rows4; i += 4) {
      const si = s + <usize>i * ld;
      const r0 = v128.load(si), r1 = v128.load(si + ld), r2 = v128.load(si + 2 * ld), r3 = v128.load(si + 3 * ld);
      bad = v128.or(bad, v128.or(v128.or(i32x4.eq(v128.and(r0, exponent), exponent), i32x4.eq(v128.and(r1, exponent), exponent)),
        v128.or(i32x4.eq(v128.and(r2, exponent), exponent), i32x4.eq(v128.and(r3, exponent), exponent))));
      transpose4(r0, r1, r2, r3, d + (<usize>i << 2), row);
    }
  }
  let finite = !v128.any_true(bad);
  for (; c < c1; c++) {
    for (let i = 0; i < rows4; i++) finite = copyOne(src + <usize>i * ld + (<usize>c << 2), dst + <usize>c * row + (<usize>(i0 + i) << 2)) && finite;
  }
  for (let i = rows4; i < rows; i++) {
    for (let e = c0; e < c1; e++) finite = copyOne(src + <usize>i * ld + (<usize>e << 2), dst + <usize>e * row + (<usize>(i0 + i) << 2)) && finite;
  }
  return finite;
}

/** Whether the n floats at p are all finite (no NaN, no infinity): the resident weights, checked where they are. */
export function allFinite(p: usize, n: i32): bool {
  const exponent = i32x4.splat(0x7f800000);
  let bad = i32x4.splat(0);
  let k = 0;
  // 16 floats a turn (a copy of the training set is checked here at the speed of its caches)
  for (; k + 16 <= n; k += 16) {
    const q = p + (<usize>k << 2);
    const b0 = i32x4.eq(v128.and(v128.load(q), exponent), exponent), b1 = i32x4.eq(v128.and(v128.load(q, 16), exponent), exponent);
    const b2 = i32x4.eq(v128.and(v128.load(q, 32), exponent), exponent), b3 = i32x4.eq(v128.and(v128.load(q, 48), exponent), exponent);
    bad = v128.or(bad, v128.or(v128.or(b0, b1), v128.or(b2, b3)));
  }
  for (; k + 4 <= n; k += 4) bad = v128.or(bad, i32x4.eq(v128.and(v128.load(p + (<usize>k << 2)), exponent), exponent));
  let finite = !v128.any_true(bad);
  for (; k < n; k++) finite = finite && (load<i32>(p + (<usize>k << 2)) & 0x7f800000) != 0x7f800000;
  return finite;
}

/** Copy one float; whether it is finite. */
// @ts-ignore: decorator
@inline
function copyOne(from: usize, to: usize): bool {
  const bits = load<i32>(from);
  store<i32>(to, bits);
  return (bits & 0x7f800000) != 0x7f800000;
}

/**
 * Features gathered at a time: the rows of dst they fill (GATHER_ROWS x the batch) stay in the L1
 * cache while every group of four examples adds its columns, so each cache line of dst is fetched
 * once. (Walking all n0 features for each group fetched every line of dst four times from L2: W1's
 * batch of 64 took 150-450 µs, now about 20.)
 */
const GATHER_ROWS = 32;

/**
 * dst (n0 x count, one example per column, rows ldDst floats apart) = the examples idx[0..count) of
 * src (m x n0, one example per row): four examples at a time, transposed in registers four features
 * at a time, GATHER_ROWS features for every example before the next.
 */
export function gatherExamples(src: usize, n0: i32, idx: usize, count: i32, dst: usize, ldDst: i32): void {
  const row = <usize>n0 << 2, ld = <usize>ldDst << 2, n4 = n0 & ~3, count4 = count & ~3;
  for (let i0 = 0; i0 < n4; i0 += GATHER_ROWS) {
    const i1 = min(i0 + GATHER_ROWS, n4);
    for (let j = 0; j < count4; j += 4) {
      const at = idx + (<usize>j << 2);
      const e0 = src + <usize>load<i32>(at) * row, e1 = src + <usize>load<i32>(at, 4) * row;
      const e2 = src + <usize>load<i32>(at, 8) * row, e3 = src + <usize>load<i32>(at, 12) * row;
      const d = dst + (<usize>j << 2);
      for (let i = i0; i < i1; i += 4) {
        const o = <usize>i << 2;
        transpose4(v128.load(e0 + o), v128.load(e1 + o), v128.load(e2 + o), v128.load(e3 + o), d + <usize>i * ld, ld);
      }
    }
  }
  // the last n0 % 4 features of those examples, then every feature of the last count % 4 examples
  for (let j = 0; j < count; j++) {
    const e = src + <usize>load<i32>(idx + (<usize>j << 2)) * row;
    for (let i = j < count4 ? n4 : 0; i < n0; i++) store<f32>(dst + <usize>i * ld + (<usize>j << 2), load<f32>(e + (<usize>i << 2)));
  }
}

/**
 * dst (rows x count, rows ldDst floats apart) = the columns idx[0..count) of src (rows x ld): the
 * mini-batch's Y, or its X from a copy kept as X is. Columns in order (a batch of examples taken in
 * order) are copied a row at a time.
 */
export function gatherColumns(src: usize, rows: i32, ld: i32, idx: usize, count: i32, dst: usize, ldDst: i32): void {
  if (count > 0 && inOrder(idx, count)) {
    const from = src + (<usize>load<i32>(idx) << 2), bytes = <usize>count << 2;
    for (let i = 0; i < rows; i++) memory.copy(dst + (<usize>(i * ldDst) << 2), from + (<usize>(i * ld) << 2), bytes);
    return;
  }
  for (let i = 0; i < rows; i++) {
    const s = src + (<usize>(i * ld) << 2);
    const d = dst + (<usize>(i * ldDst) << 2);
    for (let j = 0; j < count; j++) {
      const c = load<i32>(idx + (<usize>j << 2));
      store<f32>(d + (<usize>j << 2), load<f32>(s + (<usize>c << 2)));
    }
  }
}

/** Whether idx[0..count) are idx[0], idx[0] + 1, ... */
function inOrder(idx: usize, count: i32): bool {
  const first = load<i32>(idx);
  for (let j = 1; j < count; j++) if (load<i32>(idx + (<usize>j << 2)) != first + j) return false;
  return true;
}

/**
 * Gather this block's examples (when the plan says so), then forward and backward over them:
 * fills Z, A, dZ of every layer and this block's dW, db (scaled by 1/m of the whole batch).
 * Stores the sum of the block's losses (the cost times m, before regularization) at LOSS.
 */
export function trainBlock(plan: usize): void {
  const loss = forwardBackward(plan, load<f64>(plan + (<usize>INV_M << 2)));
  store<f64>(plan + (<usize>LOSS << 2), loss);
}

function forwardBackward(plan: usize, invM: f64): f64 {
  const L = head(plan, 0), mt = head(plan, 1);
  if (mt == 0) {
    for (let l = 1; l <= L; l++) {
      memory.fill(<usize>rec(plan, l, 8), 0, <usize>(rec(plan, l, 0) * rec(plan, l, 1)) << 2);
      memory.fill(<usize>rec(plan, l, 9), 0, <usize>rec(plan, l, 1) << 2);
    }
    return 0;
  }
  gatherBlock(plan, 0, mt);
  packedX(plan, mt);
  forward(plan, L, mt);
  const loss = outputGradient(plan, L, 0, mt);
  backward(plan, L, mt, invM);
  return loss;
}

/** n rounded up to the 8 columns of a packed panel of B. */
// @ts-ignore: decorator
@inline
function padTo8(n: i32): i32 {
  return (n + 7) & ~7;
}

/**
 * A full batch multiplies by the same X at every step: when the plan keeps it packed (header slots
 * PACK_X, PACK_XT), pack it once, as B of W[1]·X and as B of dZ[1]·X^T, so that later steps pack
 * neither (packing X^T took as long as half its product, and W[1]·X read X in place at two thirds
 * of gemm's speed). The packed panels are those gemm packs itself, so the sums are the same.
 */
function packedX(plan: usize, mt: i32): void {
  if (head(plan, PACK_X) == 0 || head(plan, PACKED) != 0) return;
  const n0 = rec(plan, 1, 0), x = <usize>head(plan, 2);
  const forX = packPieces(PACKED_B, n0, mt), forXT = packPieces(PACKED_B, mt, n0);
  for (let piece = 0; piece < forX; piece++) packWhole(PACKED_B, n0, x, mt, 1, mt, piece, padTo8(mt), <usize>head(plan, PACK_X));
  for (let piece = 0; piece < forXT; piece++) packWhole(PACKED_B, mt, x, 1, mt, n0, piece, padTo8(n0), <usize>head(plan, PACK_XT));
  store<i32>(plan + (<usize>PACKED << 2), 1);
}

/** Gather the block's examples j0..j1 into its X and Y, when the plan says so (header slots 6..9). */
export function gatherBlock(plan: usize, j0: i32, j1: i32): void {
  const idx = <usize>head(plan, 6);
  if (idx == 0) return;
  const mt = head(plan, 1), o = <usize>j0 << 2, n0 = rec(plan, 1, 0);
  if (head(plan, 10) != 0) gatherColumns(<usize>head(plan, 7), n0, head(plan, 9), idx + o, j1 - j0, <usize>head(plan, 2) + o, mt);
  else gatherExamples(<usize>head(plan, 7), n0, idx + o, j1 - j0, <usize>head(plan, 2) + o, mt);
  gatherTargets(plan, j0, j1);
}

/** Gather the block's targets j0..j1 into its Y (the examples themselves packed elsewhere: pack-examples.ts). */
export function gatherTargets(plan: usize, j0: i32, j1: i32): void {
  const idx = <usize>head(plan, 6);
  if (idx == 0) return;
  const L = head(plan, 0), mt = head(plan, 1), o = <usize>j0 << 2;
  gatherColumns(<usize>head(plan, 8), rec(plan, L, 1), head(plan, 9), idx + o, j1 - j0, <usize>head(plan, 3) + o, mt);
}

/** Z[l] = W[l]·A[l-1] + b[l], A[l] = g[l](Z[l]) for l = 1..L (A[0] = X). */
function forward(plan: usize, L: i32, mt: i32): void {
  const work = <usize>head(plan, 5), packX = <usize>head(plan, PACK_X);
  for (let l = 1; l < L; l++) forwardRows(plan, l, 0, rec(plan, l, 1), work, l == 1 ? packX : 0, padTo8(mt));
  forwardOutput(plan, L, 0, mt, work);
}

/**
 * Rows i0..i1 of hidden layer l: Z[l] = W[l]·A[l-1] + b[l], A[l] = g[l](Z[l]) (with dropout, times
 * D[l]). With `packed`, A[l-1] was packed whole there by packWhole (see gemm), shared by the bands.
 */
export function forwardRows(plan: usize, l: i32, i0: i32, i1: i32, work: usize, packed: usize, padded: i32): void {
  const mt = head(plan, 1), nIn = rec(plan, l, 0);
  const aPrev = l > 1 ? <usize>rec(plan, l - 1, 5) : <usize>head(plan, 2);
  gemmAs(rec(plan, l, 1), mt, nIn, <usize>rec(plan, l, 2), nIn, 1, aPrev, mt, 1, <usize>rec(plan, l, 4), mt, i0, i1, 0, mt, work, 1, packed != 0 ? PACKED_B : 0, packed, padded);
  hiddenActivation(plan, l, mt, i0, i1);
}

/**
 * Columns j0..j1 of the output layer L: Z[L] = W[L]·A[L-1] + b[L], A[L] = sigmoid, softmax or the
 * identity of Z[L] (a range of the whole product's columns computes them as the whole product does).
 */
function forwardOutput(plan: usize, L: i32, j0: i32, j1: i32, work: usize): void {
  const mt = head(plan, 1), nIn = rec(plan, L, 0), nOut = rec(plan, L, 1);
  const b = <usize>rec(plan, L, 3), z = <usize>rec(plan, L, 4), a = <usize>rec(plan, L, 5);
  const aPrev = L > 1 ? <usize>rec(plan, L - 1, 5) : <usize>head(plan, 2);
  gemmAs(nOut, mt, nIn, <usize>rec(plan, L, 2), nIn, 1, aPrev, mt, 1, z, mt, 0, nOut, j0, j1, work, 1, 0, 0, 0);
  const out = head(plan, 4), o = <usize>j0 << 2, n = j1 - j0;
  for (let i = 0; i < nOut; i++) {
    const row = <usize>(i * mt) << 2;
    biasActivation(z + row + o, b + (<usize>i << 2), a + row + o, 1, n, LINEAR, 0);
    if (out == SIGMOID_OUT) sigmoid(z + row + o, a + row + o, n);
  }
  if (out == SOFTMAX_OUT) softmax(z + o, a + o, nOut, n, mt, <usize>head(plan, COLUMNS) + (<usize>j0 << 3));
}

/** Rows i0..i1 of hidden layer l: Z[l] := Z[l] + b[l], G = g[l](Z[l]), and with dropout A[l] = G * D[l]. */
function hiddenActivation(plan: usize, l: i32, mt: i32, i0: i32, i1: i32): void {
  const rows = i1 - i0, kind = rec(plan, l, 10);
  const o = <usize>(i0 * mt) << 2;
  const b = <usize>rec(plan, l, 3) + (<usize>i0 << 2), z = <usize>rec(plan, l, 4) + o, g = <usize>rec(plan, l, 11) + o;
  if (kind <= LINEAR) biasActivation(z, b, g, rows, mt, kind, recF64(plan, l, PARAM));
  else smoothActivation(z, b, g, rows, mt, kind, recF64(plan, l, PARAM), recF64(plan, l, SCALE));
  const d = <usize>rec(plan, l, 16);
  if (d != 0) dropForward(g, d + o, <usize>rec(plan, l, 5) + o, rows * mt, recF64(plan, l, INV_KEEP)); // A[l] = G * D[l]
}

/**
 * Columns j0..j1 of dZ[L] and their losses, each column's kept in the plan's f64 per column
 * (COLUMNS); returns their sum, column after column. dZ[L] = A - Y for sigmoid + BCE and softmax +
 * CCE (the combined gradient), (2/n) (A - Y) for linear + MSE of n outputs (dA = (2/n) (a - y), and g' = 1).
 */
function outputGradient(plan: usize, L: i32, j0: i32, j1: i32): f64 {
  const rows = rec(plan, L, 1), mt = head(plan, 1);
  const z = <usize>rec(plan, L, 4), a = <usize>rec(plan, L, 5), dz = <usize>rec(plan, L, 6);
  const y = <usize>head(plan, 3), losses = <usize>head(plan, COLUMNS);
  const out = head(plan, 4);
  let total: f64 = 0;
  for (let j = j0; j < j1; j++) {
    let s: f64 = 0;
    if (out == SIGMOID_OUT) {
      // L = max(z, 0) - y z + log(1 + e^-|z|): -[y log a + (1 - y) log(1 - a)] with a = sigma(z)
      for (let i = 0; i < rows; i++) {
        const o = <usize>(i * mt + j) << 2;
        const v = <f64>load<f32>(z + o), yk = <f64>load<f32>(y + o);
        s += Math.max(v, 0) - yk * v + Math.log1p(Math.exp(-Math.abs(v)));
      }
    } else if (out == SOFTMAX_OUT) {
      // L = -sum_i y_i log a_i, with log a_i = z_i - lse (softmax left the column's lse in its f64)
      const lse = load<f64>(losses + (<usize>j << 3));
      for (let i = 0; i < rows; i++) {
        const o = <usize>(i * mt + j) << 2;
        const yi = <f64>load<f32>(y + o);
        if (yi != 0) s -= yi * (<f64>load<f32>(z + o) - lse);
      }
    } else {
      // L = (1/n) sum over the n outputs (a - y)^2 (the reference's mean over the outputs; one output: the square)
      for (let i = 0; i < rows; i++) {
        const o = <usize>(i * mt + j) << 2;
        const e = <f64>load<f32>(a + o) - <f64>load<f32>(y + o);
        s += e * e;
      }
      if (rows > 1) s /= <f64>rows;
    }
    store<f64>(losses + (<usize>j << 3), s);
    total += s;
  }
  const o = <usize>j0 << 2, n = j1 - j0;
  for (let i = 0; i < rows; i++) {
    const row = <usize>(i * mt) << 2;
    difference(a + row + o, y + row + o, dz + row + o, n, out != SIGMOID_OUT && out != SOFTMAX_OUT ? 2 / <f64>rows : 0); // dZ[L] = A[L] - Y, or (2/n) (A - Y)
  }
  return total;
}

/** d = a - y over n floats in float32, or with a `factor` (2/n for n outputs) factor (a - y) in float64 rounded once (as the reference). */
function difference(a: usize, y: usize, d: usize, n: i32, factor: f64): void {
  for (let k = 0; k < n; k++) {
    const o = <usize>k << 2;
    if (factor != 0) store<f32>(d + o, <f32>(factor * (<f64>load<f32>(a + o) - <f64>load<f32>(y + o))));
    else store<f32>(d + o, load<f32>(a + o) - load<f32>(y + o));
  }
}

/**
 * For l = L..1: dW[l] = (1/m) dZ[l]·A[l-1]^T, db[l] = (1/m) sum(dZ[l], columns), and below the
 * first layer dA[l-1] = W[l]^T·dZ[l], dA[l-1] *= D[l-1] (dropout), dZ[l-1] = dA[l-1] * g'(Z[l-1]).
 */
function backward(plan: usize, L: i32, mt: i32, invM: f64): void {
  const work = <usize>head(plan, 5);
  const packXT = <usize>head(plan, PACK_XT), padXT = padTo8(rec(plan, 1, 0));
  layerGradients(plan, L, 0, rec(plan, L, 1), mt, invM, work, 0, 0);
  for (let l = L; l > 1; l--) backwardRows(plan, l, 0, rec(plan, l, 0), work, l == 2 ? packXT : 0, padXT);
}

/** Rows i0..i1 of layer l: dW[l] = (1/m) dZ[l]·A[l-1]^T (A[l-1]^T packed whole at `packed`, if not 0), db[l] = (1/m) sum(dZ[l], columns). */
function layerGradients(plan: usize, l: i32, i0: i32, i1: i32, mt: i32, invM: f64, work: usize, packed: usize, padded: i32): void {
  const nIn = rec(plan, l, 0), dz = <usize>rec(plan, l, 6);
  const aPrev = l > 1 ? <usize>rec(plan, l - 1, 5) : <usize>head(plan, 2);
  gemmAs(rec(plan, l, 1), nIn, mt, dz, mt, 1, aPrev, 1, mt, <usize>rec(plan, l, 8), nIn, i0, i1, 0, nIn, work, <f32>invM, packed != 0 ? PACKED_B : 0, packed, padded);
  rowSums(dz + (<usize>(i0 * mt) << 2), <usize>rec(plan, l, 9) + (<usize>i0 << 2), i1 - i0, mt, invM);
}

/**
 * Rows i0..i1 of hidden layer l - 1, once dZ[l] is known: dA[l-1] = W[l]^T·dZ[l], dA[l-1] *= D[l-1]
 * (dropout), dZ[l-1] = dA[l-1] * g'(Z[l-1]), then its dW[l-1] and db[l-1] (see layerGradients).
 */
export function backwardRows(plan: usize, l: i32, i0: i32, i1: i32, work: usize, packed: usize, padded: i32): void {
  const mt = head(plan, 1), nIn = rec(plan, l, 0), nOut = rec(plan, l, 1);
  const da = <usize>rec(plan, l, 7);
  gemmAs(nIn, mt, nOut, <usize>rec(plan, l, 2), 1, nIn, <usize>rec(plan, l, 6), mt, 1, da, mt, i0, i1, 0, mt, work, 1, 0, 0, 0);
  hiddenGradient(plan, l - 1, da, mt, i0, i1);
  layerGradients(plan, l - 1, i0, i1, mt, load<f64>(plan + (<usize>INV_M << 2)), work, packed, padded);
}

/** Rows i0..i1 of hidden layer l: dA[l] *= D[l] (with dropout), then dZ[l] = dA[l] * g'(Z[l]). */
function hiddenGradient(plan: usize, l: i32, da: usize, mt: i32, i0: i32, i1: i32): void {
  const o = <usize>(i0 * mt) << 2, n = (i1 - i0) * mt;
  const d = <usize>rec(plan, l, 16);
  if (d != 0) dropBackward(da + o, d + o, n); // dA[l] *= D[l] (already / keepProb)
  const kind = rec(plan, l, 10), z = <usize>rec(plan, l, 4) + o, dz = <usize>rec(plan, l, 6) + o;
  if (kind <= LINEAR) activationGradient(z, da + o, dz, n, kind, recF64(plan, l, PARAM));
  else smoothGradient(z, <usize>rec(plan, l, 11) + o, da + o, dz, n, kind, recF64(plan, l, PARAM), recF64(plan, l, SCALE));
}

/**
 * Columns j0..j1 of the output layer of a step cut into bands of rows: with `targets`, their
 * targets gathered (gatherTargets); their forward pass, dZ[L] and losses (outputGradient); after
 * the hidden layers' forwardRows. Then, once every column is done, outputRows.
 */
export function outputColumns(plan: usize, work: usize, targets: i32, j0: i32, j1: i32): void {
  const L = head(plan, 0);
  if (targets != 0) gatherTargets(plan, j0, j1);
  forwardOutput(plan, L, j0, j1, work);
  outputGradient(plan, L, j0, j1);
}

/** Rows i0..i1 of layer l's dW[l] and db[l] (layerGradients), once dZ[l] is whole: the output layer's after outputColumns. */
export function gradientRows(plan: usize, l: i32, i0: i32, i1: i32, work: usize, packed: usize, padded: i32): void {
  layerGradients(plan, l, i0, i1, head(plan, 1), load<f64>(plan + (<usize>INV_M << 2)), work, packed, padded);
}

/** out_i = s * sum_j x_ij over the cols of each of the rows (db = (1/m) sum(dZ) with s = 1/m). */
function rowSums(x: usize, out: usize, rows: i32, cols: i32, s: f64): void {
  for (let i = 0; i < rows; i++) {
    const r = x + (<usize>(i * cols) << 2);
    let sum: f64 = 0;
    for (let j = 0; j < cols; j++) sum += <f64>load<f32>(r + (<usize>j << 2));
    store<f32>(out + (<usize>i << 2), <f32>(s * sum));
  }
}

/** y := y + x over n floats (the gradients of the threads' blocks summed into the first one's). */
export function addInto(y: usize, x: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(y + o, f32x4.add(v128.load(y + o), v128.load(x + o)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(y + o, load<f32>(y + o) + load<f32>(x + o));
  }
}

/**
 * The penalties over n weights w with gradients dw, in one pass: dW += l2 W + l1 sign(W) (with
 * l2 = lambda2 / m, l1 = lambda1 / m; float64, rounded once, as the JS reference
 * src/nn/regularizers.ts computes it, bit for bit), and the sums of W^2 and |W| (for the cost's
 * penalty, before the update) added to `squares` and `absolutes` (in float64, in another order than
 * the JS reference's: the cost agrees within rounding).
 */
function penalize(dw: usize, w: usize, n: i32, l2: f64, l1: f64): void {
  const L2 = f64x2.splat(l2), L1 = f64x2.splat(l1), ONE = f64x2.splat(1), MINUS = f64x2.splat(-1), ZERO = f64x2.splat(0);
  let sq = ZERO, ab = ZERO;
  let k = 0;
  for (; k + 2 <= n; k += 2) {
    const o = <usize>k << 2;
    const v = load2(w + o);
    sq = f64x2.add(sq, f64x2.mul(v, v));
    ab = f64x2.add(ab, f64x2.abs(v));
    // Math.sign(v): 1, -1, or v itself (0, -0, NaN)
    const sign = v128.bitselect(ONE, v128.bitselect(MINUS, v, f64x2.lt(v, ZERO)), f64x2.gt(v, ZERO));
    store2(dw + o, f64x2.add(f64x2.add(load2(dw + o), f64x2.mul(L2, v)), f64x2.mul(L1, sign)));
  }
  let s2 = f64x2.extract_lane(sq, 0) + f64x2.extract_lane(sq, 1), s1 = f64x2.extract_lane(ab, 0) + f64x2.extract_lane(ab, 1);
  for (; k < n; k++) {
    const o = <usize>k << 2;
    const v = <f64>load<f32>(w + o);
    s2 += v * v;
    s1 += Math.abs(v);
    store<f32>(dw + o, <f32>(<f64>load<f32>(dw + o) + l2 * v + l1 * Math.sign(v)));
  }
  squares += s2;
  absolutes += s1;
}

/** The sum of x^2 over n floats, in float64 (a gradient's squared norm). */
function squaresOf(x: usize, n: i32): f64 {
  let acc = f64x2.splat(0);
  let k = 0;
  for (; k + 2 <= n; k += 2) {
    const v = load2(x + (<usize>k << 2));
    acc = f64x2.add(acc, f64x2.mul(v, v));
  }
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  for (; k < n; k++) { const v = <f64>load<f32>(x + (<usize>k << 2)); s += v * v; }
  return s;
}

/**
 * Gradient descent: p := p - alpha g over n floats, in float32 as frameworks do: alpha rounded to
 * float32 once, then a multiply and a subtract, each rounded (no fused multiply-add, so every build
 * gives the same bits: the wasm axpy and the JS reference compute the same, src/optim/optimizers.ts).
 */
export function descend(p: usize, g: usize, n: i32, alpha: f64): void {
  const a = <f32>alpha, A = f32x4.splat(a);
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    const o = <usize>k << 2;
    v128.store(p + o, f32x4.sub(v128.load(p + o), f32x4.mul(A, v128.load(g + o))));
  }
  for (; k < n; k++) {
    const o = <usize>k << 2;
    store<f32>(p + o, load<f32>(p + o) - a * load<f32>(g + o));
  }
}

// The penalties and the gradients' norms take two parameters at a time as f64x2 (load2, store2: two
// float32 loaded and widened, the same float64 operations as the scalar tail and the JavaScript reference).

// The optimizers' moving averages (momentum's and Adam's v, RMSprop's and Adam's s) decay
// geometrically wherever the gradient stays at or near 0 (a unit that no longer fires, a rarely lit
// input) and reach float32's subnormal range within a few hundred steps; every operation on a
// subnormal then takes a microcode assist of ~100 cycles, and in W1 of the bench with Adam that made
// the update cost more than the step's products. So a moving average below 2^-100 is
// set to 0, as processors with flush-to-zero do (a step of alpha 2^-100 / eps moves no float32
// weight); NaN is kept. The JS reference does the same (src/optim/optimizers.ts).
const TINY: f32 = 7.888609052210118e-31; // 2^-100

/** x with every lane of magnitude below TINY set to 0 (four float32 lanes). */
// @ts-ignore: decorator
@inline
function flush4(x: v128): v128 {
  return v128.andnot(x, f32x4.lt(f32x4.abs(x), f32x4.splat(TINY)));
}

/** x, or 0 when its magnitude is below TINY. */
// @ts-ignore: decorator
@inline
function flush(x: f32): f32 {
  return Mathf.abs(x) < TINY ? 0 : x;
}

/** Momentum: v := beta v + (1 - beta) g;  p := p - alpha v, in float32 (every operation rounded). */
export function momentum(p: usize, g: usize, v: usize, n: i32, beta: f64, alpha: f64): void {
  const b = <f32>beta, nb = <f32>(1 - beta), a = <f32>alpha;
  const B = f32x4.splat(b), NB = f32x4.splat(nb), A = f32x4.splat(a);
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    const o = <usize>k << 2;
    const vk = flush4(f32x4.add(f32x4.mul(B, v128.load(v + o)), f32x4.mul(NB, v128.load(g + o))));
    v128.store(v + o, vk);
    v128.store(p + o, f32x4.sub(v128.load(p + o), f32x4.mul(A, vk)));
  }
  for (; k < n; k++) {
    const o = <usize>k << 2;
    const vk = flush(b * load<f32>(v + o) + nb * load<f32>(g + o));
    store<f32>(v + o, vk);
    store<f32>(p + o, load<f32>(p + o) - a * vk);
  }
}

// RMSprop and Adam divide by a square root for every parameter. In float64 (two lanes, and the
// division and the square root share one unit) that cost about ten cycles a parameter, more than
// the products of a small mini-batch; so, like descend and momentum, they compute in float32, four
// lanes at a time, every operation rounded to float32 as frameworks do (the JS reference does the
// same on float32 arrays: src/optim/optimizers.ts). No fused multiply-add, so every build gives the
// same bits.

/** RMSprop: s := beta s + (1 - beta) g^2;  p := p - alpha g / (sqrt(s) + eps), in float32. */
export function rmsprop(p: usize, g: usize, s: usize, n: i32, beta: f64, eps: f64, alpha: f64): void {
  const b = <f32>beta, nb = <f32>(1 - beta), e = <f32>eps, a = <f32>alpha;
  const B = f32x4.splat(b), NB = f32x4.splat(nb), E = f32x4.splat(e), A = f32x4.splat(a);
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    const o = <usize>k << 2;
    const gk = v128.load(g + o);
    const sk = flush4(f32x4.add(f32x4.mul(B, v128.load(s + o)), f32x4.mul(f32x4.mul(NB, gk), gk)));
    v128.store(s + o, sk);
    v128.store(p + o, f32x4.sub(v128.load(p + o), f32x4.div(f32x4.mul(A, gk), f32x4.add(f32x4.sqrt(sk), E))));
  }
  for (; k < n; k++) {
    const o = <usize>k << 2;
    const gk = load<f32>(g + o);
    const sk = flush(b * load<f32>(s + o) + nb * gk * gk);
    store<f32>(s + o, sk);
    store<f32>(p + o, load<f32>(p + o) - (a * gk) / (Mathf.sqrt(sk) + e));
  }
}

/**
 * Adam: v := b1 v + (1 - b1) g,  s := b2 s + (1 - b2) g^2,
 * p := p - alpha (v / c1) / (sqrt(s / c2) + eps) with the bias corrections c1 = 1 - b1^t, c2 = 1 - b2^t,
 * in float32 as p - a v / (sqrt(r s) + eps) with a = alpha / c1 and r = 1 / c2 (once per step).
 */
export function adam(p: usize, g: usize, v: usize, s: usize, n: i32, b1: f64, b2: f64, eps: f64, c1: f64, c2: f64, alpha: f64): void {
  const f1 = <f32>b1, nf1 = <f32>(1 - b1), f2 = <f32>b2, nf2 = <f32>(1 - b2), e = <f32>eps, a = <f32>(alpha / c1), r = <f32>(1 / c2);
  const B1 = f32x4.splat(f1), NB1 = f32x4.splat(nf1), B2 = f32x4.splat(f2), NB2 = f32x4.splat(nf2);
  const E = f32x4.splat(e), A = f32x4.splat(a), R = f32x4.splat(r);
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    const o = <usize>k << 2;
    const gk = v128.load(g + o);
    const vk = flush4(f32x4.add(f32x4.mul(B1, v128.load(v + o)), f32x4.mul(NB1, gk)));
    const sk = flush4(f32x4.add(f32x4.mul(B2, v128.load(s + o)), f32x4.mul(f32x4.mul(NB2, gk), gk)));
    v128.store(v + o, vk);
    v128.store(s + o, sk);
    v128.store(p + o, f32x4.sub(v128.load(p + o), f32x4.div(f32x4.mul(A, vk), f32x4.add(f32x4.sqrt(f32x4.mul(R, sk)), E))));
  }
  for (; k < n; k++) {
    const o = <usize>k << 2;
    const gk = load<f32>(g + o);
    const vk = flush(f1 * load<f32>(v + o) + nf1 * gk);
    const sk = flush(f2 * load<f32>(s + o) + nf2 * gk * gk);
    store<f32>(v + o, vk);
    store<f32>(s + o, sk);
    store<f32>(p + o, load<f32>(p + o) - (a * vk) / (Mathf.sqrt(r * sk) + e));
  }
}

// The update after the blocks: a descriptor (written by trainer.ts) with i32 slots
//   0 L, 1 blocks, 2 update kind (GD, MOMENTUM, RMSPROP, ADAM), 3 the list of the blocks' plans,
//   as f64 from slot 4: alpha, beta1 (momentum's and RMSprop's beta), beta2, epsilon, the bias
//   corrections c1 and c2 (Adam), lambda2 / m, lambda1 / m; from slot U_SUMS, per part, the sums of
//   W^2 and |W| (before the update) for the cost's penalty; from slot U_LAYERS, per layer: W, b,
//   dW, db, and the optimizer's state v, vb, s, sb; at U_LAYERS + 8 L, an i32 saying whether to
//   record the gradients' norms, at U_LAYERS + 8 L + 1 whether W[1] and b[1] are updated by the
//   bands of rows that compute their gradients (updateRows) rather than here, then from 2 slots
//   further, per part and per layer, the f64 sum of dW^2 over the part's range (the final dW,
//   penalty included: the squared norm's share).
// The parameters are cut into `parts` ranges that threads update independently.
const MOMENTUM: i32 = 1;
const RMSPROP: i32 = 2;
const ADAM: i32 = 3;
const U_SUMS: i32 = 20;
const U_LAYERS: i32 = 20 + 4 * 64;

// @ts-ignore: decorator
@inline
function uf(desc: usize, slot: i32): f64 {
  return load<f64>(desc + (<usize>slot << 2));
}

/**
 * Part `part` of `parts` of the update: for its range of every W[l] and b[l], sum the blocks'
 * gradients into the first block's (dW = sum over blocks), add the penalty's gradient, and step.
 */
export function updatePart(desc: usize, part: i32, parts: i32): void {
  const L = head(desc, 0);
  const plan0 = <usize>load<i32>(<usize>head(desc, 3));
  squares = 0;
  absolutes = 0;
  const normsAt = U_LAYERS + 8 * L;
  const norms = head(desc, normsAt) != 0 ? desc + (<usize>(normsAt + 2 + 2 * part * L) << 2) : 0;
  for (let l = head(desc, normsAt + 1) != 0 ? 1 : 0; l < L; l++) {
    if (norms != 0) store<f64>(norms + (<usize>l << 3), 0);
    for (let which = 0; which < 2; which++) {
      // which 0: W (n[l] x n[l-1]), 1: b (n[l])
      const nOut = rec(plan0, l + 1, 1), n = which == 0 ? nOut * rec(plan0, l + 1, 0) : nOut;
      const chunk = ((n + parts - 1) / parts + 3) & ~3;
      const lo = min(n, part * chunk), hi = min(n, lo + chunk);
      if (hi > lo) updateRange(desc, l + 1, which, lo, hi - lo, which == 0 && norms != 0 ? norms + (<usize>l << 3) : 0);
    }
  }
  store<f64>(desc + (<usize>(U_SUMS + part * 4) << 2), squares);
  store<f64>(desc + (<usize>(U_SUMS + part * 4 + 2) << 2), absolutes);
}

/**
 * The update of rows i0..i1 of W[l] and b[l], as updatePart updates them (a step cut into bands of
 * rows: a band of layer 1 updates its rows as soon as their dW[1] and db[1] are whole, since nothing
 * reads W[1] later in the step). Only with no penalty and no gradient norms, whose sums updatePart
 * keeps per part.
 */
export function updateRows(desc: usize, l: i32, i0: i32, i1: i32): void {
  const nIn = rec(<usize>load<i32>(<usize>head(desc, 3)), l, 0);
  updateRange(desc, l, 0, i0 * nIn, (i1 - i0) * nIn, 0);
  updateRange(desc, l, 1, i0, i1 - i0, 0);
}

/** The sums of W^2 and |W| of this thread's part, before its update (for the cost's penalty). */
let squares: f64 = 0, absolutes: f64 = 0;

/** Floats of a range updated at a time: the passes over a piece (sum, penalty, step) find it in the cache. */
const PIECE: i32 = 2048;

/**
 * The update of parameters lo..lo+n of W[l] (which 0) or b[l] (1), a piece at a time; with `norm`
 * (an f64's address, else 0), the sum of the final dW^2 over the range is added there.
 */
function updateRange(desc: usize, l: i32, which: i32, lo: i32, n: i32, norm: usize): void {
  const w = desc + (<usize>(U_LAYERS + (l - 1) * 8 + which) << 2);
  const penalized = which == 0 && (uf(desc, 16) != 0 || uf(desc, 18) != 0);
  for (let k = 0; k < n; k += PIECE) {
    const len = min(PIECE, n - k), o = <usize>(lo + k) << 2;
    const p = <usize>load<i32>(w) + o, g = <usize>load<i32>(w, 8) + o;
    const v = <usize>load<i32>(w, 16) + o, s = <usize>load<i32>(w, 24) + o;
    sumBlocks(desc, l, which, g, o, len);
    if (penalized) penalize(g, p, len, uf(desc, 16), uf(desc, 18));
    if (norm != 0) store<f64>(norm, load<f64>(norm) + squaresOf(g, len));
    step(desc, p, g, v, s, len);
  }
}

/** g[0..n) += the same range (at byte offset o) of dW (which 0) or db (1) of layer l in blocks 1.. . */
function sumBlocks(desc: usize, l: i32, which: i32, g: usize, o: usize, n: i32): void {
  const blocks = head(desc, 1), list = <usize>head(desc, 3);
  for (let t = 1; t < blocks; t++) {
    const plan = <usize>load<i32>(list + (<usize>t << 2));
    addInto(g, <usize>rec(plan, l, 8 + which) + o, n);
  }
}

/** One optimizer step over n parameters p with gradients g and state v, s. */
function step(desc: usize, p: usize, g: usize, v: usize, s: usize, n: i32): void {
  const kind = head(desc, 2), alpha = uf(desc, 4);
  if (kind == MOMENTUM) momentum(p, g, v, n, uf(desc, 6), alpha);
  else if (kind == RMSPROP) rmsprop(p, g, v, n, uf(desc, 6), uf(desc, 10), alpha);
  else if (kind == ADAM) adam(p, g, v, s, n, uf(desc, 6), uf(desc, 8), uf(desc, 10), uf(desc, 12), uf(desc, 14), alpha);
  else descend(p, g, n, alpha);
}
