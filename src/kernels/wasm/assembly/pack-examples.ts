// A mini-batch's X and X^T packed for gemm straight from the copy of the training set kept one
// example per row (copyExamples), without gathering X first. A step cut into bands of rows
// (row-tasks.ts) reads X only packed, for W[1]·X and for dZ[1]·X^T; gathering it first (one
// pass writing X, two more reading it) cost W1 70-90 µs a step on each thread, in cold caches.
// The panels are packWhole's (gemm.ts) bit for bit: the same values in the same places.

import { KC, NR, PART_B } from './gemm';
import { transpose4 } from './transpose';

/**
 * Piece `piece` of B packed as packWhole(PACKED_B, ...) packs it (depth blocks of KC by PART_B
 * columns, in panels of NR columns), for B = X (n0 x count, B(p, j) = src[idx[j] * n0 + p]) or,
 * when `transposed`, B = X^T (count x n0, B(p, j) = src[idx[p] * n0 + j]); src holds the examples
 * one per row and idx the batch's indices.
 */
export function packExamples(transposed: bool, src: usize, n0: i32, idx: usize, count: i32, piece: i32, padded: i32, dst: usize): void {
  const k = transposed ? count : n0, extent = transposed ? n0 : count;
  const parts = (extent + PART_B - 1) / PART_B;
  const pc = piece / parts * KC, kc = min(KC, k - pc);
  const lo = piece % parts * PART_B, len = min(PART_B, extent - lo);
  const row = <usize>n0 << 2;
  let d = dst + (<usize>(pc * padded + lo * kc) << 2);
  for (let jr = 0; jr < len; jr += NR) {
    const cols = min(NR, len - jr);
    if (transposed) featuresPanel(src, row, idx, lo + jr, cols, pc, kc, d);
    else examplesPanel(src, row, idx, lo + jr, cols, pc, kc, d);
    d += <usize>(kc * NR) << 2;
  }
}

/** Where example idx[j] of src starts. */
// @ts-ignore: decorator
@inline
function example(src: usize, row: usize, idx: usize, j: i32): usize {
  return src + <usize>load<i32>(idx + (<usize>j << 2)) * row;
}

/** A panel of X: the examples j..j+cols as its columns, features pc..pc+kc as its rows (4 x 4 transposes). */
function examplesPanel(src: usize, row: usize, idx: usize, j: i32, cols: i32, pc: i32, kc: i32, d: usize): void {
  const o = <usize>pc << 2;
  if (cols < NR) {
    for (let p = 0; p < kc; p++) {
      for (let c = 0; c < NR; c++) {
        const v: f32 = c < cols ? load<f32>(example(src, row, idx, j + c) + o + (<usize>p << 2)) : 0;
        store<f32>(d + (<usize>c << 2), v);
      }
      d += NR << 2;
    }
    return;
  }
  const e0 = example(src, row, idx, j) + o, e1 = example(src, row, idx, j + 1) + o;
  const e2 = example(src, row, idx, j + 2) + o, e3 = example(src, row, idx, j + 3) + o;
  const e4 = example(src, row, idx, j + 4) + o, e5 = example(src, row, idx, j + 5) + o;
  const e6 = example(src, row, idx, j + 6) + o, e7 = example(src, row, idx, j + 7) + o;
  let p = 0;
  for (; p + 4 <= kc; p += 4) {
    const q = <usize>p << 2;
    transpose4(v128.load(e0 + q), v128.load(e1 + q), v128.load(e2 + q), v128.load(e3 + q), d, NR << 2);
    transpose4(v128.load(e4 + q), v128.load(e5 + q), v128.load(e6 + q), v128.load(e7 + q), d + 16, NR << 2);
    d += NR << 4;
  }
  for (; p < kc; p++) {
    const q = <usize>p << 2;
    store<f32>(d, load<f32>(e0 + q)); store<f32>(d, load<f32>(e1 + q), 4);
    store<f32>(d, load<f32>(e2 + q), 8); store<f32>(d, load<f32>(e3 + q), 12);
    store<f32>(d, load<f32>(e4 + q), 16); store<f32>(d, load<f32>(e5 + q), 20);
    store<f32>(d, load<f32>(e6 + q), 24); store<f32>(d, load<f32>(e7 + q), 28);
    d += NR << 2;
  }
}

/** A panel of X^T: features j..j+cols as its columns, examples pc..pc+kc as its rows (a run of each example). */
function featuresPanel(src: usize, row: usize, idx: usize, j: i32, cols: i32, pc: i32, kc: i32, d: usize): void {
  const o = <usize>j << 2;
  for (let p = 0; p < kc; p++) {
    const r = example(src, row, idx, pc + p) + o;
    if (cols == NR) {
      v128.store(d, v128.load(r));
      v128.store(d, v128.load(r, 16), 16);
    } else {
      for (let c = 0; c < NR; c++) store<f32>(d + (<usize>c << 2), c < cols ? load<f32>(r + (<usize>c << 2)) : <f32>0);
    }
    d += NR << 2;
  }
}
