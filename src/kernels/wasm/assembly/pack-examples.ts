// A mini-batch's X packed for gemm straight from the copy of the training set kept one example per
// row (copyExamples), without gathering X first, and X^T packed from X's panels. A step cut into
// bands of rows (row-tasks.ts) reads X only packed, for W[1]·X and for dZ[1]·X^T; gathering it first (one
// pass writing X, two more reading it) cost W1 70-90 µs a step on each thread, in cold caches.
// The panels are packWhole's (gemm.ts) bit for bit: the same values in the same places.

import { KC, NR, PART_B } from './gemm';
import { transpose4 } from './transpose';

/**
 * Piece `piece` of B = X packed as packWhole(PACKED_B, ...) packs it (depth blocks of KC by PART_B
 * columns, in panels of NR columns), for X = n0 x count, B(p, j) = src[idx[j] * n0 + p]: src holds
 * the examples one per row and idx the batch's indices. (X^T is packed from these panels:
 * packTransposed.)
 */
export function packExamples(src: usize, n0: i32, idx: usize, count: i32, piece: i32, padded: i32, dst: usize): void {
  const parts = (count + PART_B - 1) / PART_B;
  const pc = piece / parts * KC, kc = min(KC, n0 - pc);
  const lo = piece % parts * PART_B, len = min(PART_B, count - lo);
  const row = <usize>n0 << 2;
  let d = dst + (<usize>(pc * padded + lo * kc) << 2);
  for (let jr = 0; jr < len; jr += NR) {
    examplesPanel(src, row, idx, lo + jr, min(NR, len - jr), pc, kc, d);
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

/**
 * Piece `piece` of B = X^T packed as packWhole(PACKED_B, ...) packs it (count x n0: panels of NR
 * features, depth blocks of KC examples), from X already packed for W[1]·X (`src`: n0 x count, panels
 * of NR examples, `padX` = count rounded up to NR). Each 8 x 8 block of X's panels is 256 bytes in a
 * row, and so is its transpose in X^T's: four 4 x 4 transposes in registers. (Packed from the
 * examples' rows instead, every row was read once per panel of 8 features: W1's X^T took 31 µs a
 * step on one thread, 20 µs this way.)
 */
export function packTransposed(src: usize, n0: i32, count: i32, padX: i32, piece: i32, padXT: i32, dst: usize): void {
  const parts = (n0 + PART_B - 1) / PART_B;
  const pc = piece / parts * KC, kc = min(KC, count - pc);
  const lo = piece % parts * PART_B, len = min(PART_B, n0 - lo);
  let d = dst + (<usize>(pc * padXT + lo * kc) << 2);
  for (let jr = 0; jr < len; jr += NR) {
    const f0 = lo + jr, cols = min(NR, len - jr);
    // X's depth block holding features f0..f0+7 (KC is a multiple of NR), and f0's row in it
    const fb = f0 / KC * KC, kcf = min(KC, n0 - fb);
    const s = src + (<usize>(fb * padX + (f0 - fb) * NR) << 2);
    for (let e = 0; e < kc; e += NR) {
      const e0 = pc + e, from = s + (<usize>(e0 * kcf) << 2), to = d + (<usize>(e * NR) << 2);
      if (cols == NR && e + NR <= kc) block8(from, to);
      else edge8(from, to, cols, min(NR, kc - e));
    }
    d += <usize>(kc * NR) << 2;
  }
}

/** The transpose of the 8 x 8 block at `from` (8 rows of 32 bytes) to `to` (the same). */
// @ts-ignore: decorator
@inline
function block8(from: usize, to: usize): void {
  transpose4(v128.load(from), v128.load(from, 32), v128.load(from, 64), v128.load(from, 96), to, 32);
  transpose4(v128.load(from, 128), v128.load(from, 160), v128.load(from, 192), v128.load(from, 224), to + 16, 32);
  transpose4(v128.load(from, 16), v128.load(from, 48), v128.load(from, 80), v128.load(from, 112), to + 128, 32);
  transpose4(v128.load(from, 144), v128.load(from, 176), v128.load(from, 208), v128.load(from, 240), to + 144, 32);
}

/** block8 for the first `rows` examples and `cols` features of a block; features past `cols` are 0. */
function edge8(from: usize, to: usize, cols: i32, rows: i32): void {
  for (let e = 0; e < rows; e++) {
    for (let c = 0; c < NR; c++) {
      const v: f32 = c < cols ? load<f32>(from + (<usize>(c * NR + e) << 2)) : 0;
      store<f32>(to + (<usize>(e * NR + c) << 2), v);
    }
  }
}
