// Float32 matrix product C = A·B for WebAssembly 128-bit SIMD (AssemblyScript source).
//
// One routine serves the three forms: A and B are read through element strides,
//   A(i, p) = a[i * rsA + p * csA],  B(p, j) = b[p * rsB + j * csB],
// so a transposed operand is just swapped strides. The loops follow GotoBLAS:
// blocks of B (KC x NC) and A (MC x KC) are packed into contiguous panels that fit
// the caches, and a 5 x 8 (relaxed SIMD) or 4 x 8 register-tile micro-kernel does the arithmetic.
// All pointers are byte addresses in linear memory chosen by the JavaScript loader;
// this module allocates nothing and has no data segments (so worker threads can
// instantiate it over one shared memory).

import { transpose4 } from './transpose';
import { madd } from './simd';
import { rowsTimesMatrix, inPlace } from './gemv';
import { rowsInGemmOrder, inGemmOrder } from './gemm-order';

const MR: i32 = 4;    // rows of the small register tile
const MR5: i32 = 5;   // rows of the large register tile (relaxed SIMD builds only)
export const NR: i32 = 8;    // columns of the register tile (two f32x4)
export const KC: i32 = 256;  // depth of a packed block
const MC: i32 = 128;  // rows of a packed A block   (MC x KC floats = 128 KB, in L2)
const NC: i32 = 2048; // columns of a packed B block (KC x NC floats = 2 MB, in L2/L3)

// Packed A holds up to MC + 3 rows: the last panels of a block may be padded (see panelRows).
const PA_ROWS: i32 = MC + 4;

/** Bytes of scratch one thread needs: packed A, packed B, one edge tile. */
export function workBytes(): i32 {
  return (PA_ROWS * KC + KC * NC + MR5 * NR) * 4;
}

// Height of the next panel of A when `rem` rows of the block are left. With fused multiply-add
// (relaxed SIMD) the accumulators need no temporaries, so a 5 x 8 tile (10 accumulators, see micro5)
// fits the registers; the rows are cut into panels of 5 and, at the end of a block, 4 (20 rows are
// 5 x 4, 128 are 24 x 5 + 4 + 4, 10 are 5 + 5; at most 3 rows of padding). Without FMA every panel
// is 4 rows (the 4 x 8 tile).
// @ts-ignore: decorator
@inline
function panelRows(rem: i32): i32 {
  if (!ASC_FEATURE_RELAXED_SIMD) return MR;
  return rem <= 4 || rem == 6 || rem == 7 || rem == 8 ? MR : MR5;
}

// Pack rows i0..i0+mc, depth p0..p0+kc of A into panels of h = panelRows(..) rows:
// for each panel and each p, h consecutive values (zero-padded past the last row).
function packA(a: usize, rsA: i32, csA: i32, i0: i32, mc: i32, p0: i32, kc: i32, dst: usize): void {
  for (let ir = 0; ir < mc; ) {
    const h = panelRows(mc - ir);
    const rows = min(h, mc - ir);
    const base = a + (<usize>((i0 + ir) * rsA + p0 * csA) << 2);
    const hb = <usize>h << 2;
    if (rows == h && rsA == 1) {
      // A^T stored row-major: the h values of one p are contiguous
      if (h == MR) {
        for (let p = 0; p < kc; p++) {
          v128.store(dst, v128.load(base + (<usize>(p * csA) << 2)));
          dst += 16;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          const s = base + (<usize>(p * csA) << 2);
          v128.store(dst, v128.load(s));
          store<f32>(dst, load<f32>(s, 16), 16);
          dst += 20;
        }
      }
    } else if (rows == h && csA == 1) {
      // A row-major: 4 values along p from each of the h rows, transposed in registers
      const r1 = <usize>rsA << 2;
      let s = base;
      let p = 0;
      for (; p + 4 <= kc; p += 4) {
        transpose4(v128.load(s), v128.load(s + r1), v128.load(s + 2 * r1), v128.load(s + 3 * r1), dst, hb);
        if (h != MR) {
          // row 4: its value for each p after the first 4
          const s4 = s + 4 * r1;
          store<f32>(dst, load<f32>(s4), 16);
          store<f32>(dst, load<f32>(s4, 4), 36);
          store<f32>(dst, load<f32>(s4, 8), 56);
          store<f32>(dst, load<f32>(s4, 12), 76);
        }
        s += 16;
        dst += 4 * hb;
      }
      for (; p < kc; p++) {
        for (let r = 0; r < h; r++) store<f32>(dst + (<usize>r << 2), load<f32>(s + <usize>r * r1));
        s += 4;
        dst += hb;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let r = 0; r < h; r++) {
          const v: f32 = r < rows ? load<f32>(base + (<usize>(r * rsA + p * csA) << 2)) : 0;
          store<f32>(dst + (<usize>r << 2), v);
        }
        dst += hb;
      }
    }
    ir += h;
  }
}

// Pack depth p0..p0+kc, columns j0..j0+nc of B into panels of NR columns:
// for each panel and each p, NR consecutive values (zero-padded past the last column).
function packB(b: usize, rsB: i32, csB: i32, p0: i32, kc: i32, j0: i32, nc: i32, dst: usize): void {
  for (let jr = 0; jr < nc; jr += NR) {
    const cols = min(NR, nc - jr);
    const base = b + (<usize>(p0 * rsB + (j0 + jr) * csB) << 2);
    if (cols == NR && csB == 1) {
      const rs = <usize>rsB << 2;
      let s = base;
      for (let p = 0; p < kc; p++) {
        v128.store(dst, v128.load(s));
        v128.store(dst, v128.load(s, 16), 16);
        s += rs;
        dst += 32;
      }
    } else if (cols == NR && rsB == 1) {
      // B^T stored row-major: 4 values along p from each of the NR columns, transposed in registers
      const c1 = <usize>csB << 2;
      let s = base;
      let p = 0;
      for (; p + 4 <= kc; p += 4) {
        transpose4(v128.load(s), v128.load(s + c1), v128.load(s + 2 * c1), v128.load(s + 3 * c1), dst, 32);
        const s4 = s + 4 * c1;
        transpose4(v128.load(s4), v128.load(s4 + c1), v128.load(s4 + 2 * c1), v128.load(s4 + 3 * c1), dst + 16, 32);
        s += 16;
        dst += 128;
      }
      for (; p < kc; p++) {
        for (let c = 0; c < NR; c++) store<f32>(dst + (<usize>c << 2), load<f32>(s + <usize>c * c1));
        s += 4;
        dst += 32;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let c = 0; c < NR; c++) {
          const v: f32 = c < cols ? load<f32>(base + (<usize>(p * rsB + c * csB) << 2)) : 0;
          store<f32>(dst + (<usize>c << 2), v);
        }
        dst += 32;
      }
    }
  }
}

// C tile (rows x cols, at most MR x NR) = (accumulate ? C : 0) + panelA · panelB over kc,
// then times alpha when `scaled` (on the last block of the depth only).
// @ts-ignore: decorator
/** An edge tile (rows x cols of the NR-wide scratch tile) into C, element by element. */
function storeEdge(tile: usize, c: usize, ld: usize, rows: i32, cols: i32, accumulate: bool, scaled: bool, alpha: f32): void {
  for (let r = 0; r < rows; r++) {
    const cr = c + <usize>r * ld;
    const tr = tile + (<usize>(r * NR) << 2);
    for (let j = 0; j < cols; j++) {
      const o = <usize>j << 2;
      let v = load<f32>(tr + o);
      if (accumulate) v = load<f32>(cr + o) + v;
      store<f32>(cr + o, scaled ? v * alpha : v);
    }
  }
}

@inline
function micro(kc: i32, pa: usize, pb: usize, c: usize, ldc: i32, rows: i32, cols: i32, accumulate: bool, scaled: bool, alpha: f32, tile: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let a = v128.load32_splat(pa);
    c00 = madd(a, b0, c00);
    c01 = madd(a, b1, c01);
    a = v128.load32_splat(pa, 4);
    c10 = madd(a, b0, c10);
    c11 = madd(a, b1, c11);
    a = v128.load32_splat(pa, 8);
    c20 = madd(a, b0, c20);
    c21 = madd(a, b1, c21);
    a = v128.load32_splat(pa, 12);
    c30 = madd(a, b0, c30);
    c31 = madd(a, b1, c31);
    pa += 16;
    pb += 32;
  }
  const ld = <usize>ldc << 2;
  if (rows == MR && cols == NR) {
    // whole tile straight into C
    if (accumulate) {
      c00 = f32x4.add(c00, v128.load(c)); c01 = f32x4.add(c01, v128.load(c, 16));
      c10 = f32x4.add(c10, v128.load(c + ld)); c11 = f32x4.add(c11, v128.load(c + ld, 16));
      c20 = f32x4.add(c20, v128.load(c + 2 * ld)); c21 = f32x4.add(c21, v128.load(c + 2 * ld, 16));
      c30 = f32x4.add(c30, v128.load(c + 3 * ld)); c31 = f32x4.add(c31, v128.load(c + 3 * ld, 16));
    }
    if (scaled) {
      const s = f32x4.splat(alpha);
      c00 = f32x4.mul(c00, s); c01 = f32x4.mul(c01, s);
      c10 = f32x4.mul(c10, s); c11 = f32x4.mul(c11, s);
      c20 = f32x4.mul(c20, s); c21 = f32x4.mul(c21, s);
      c30 = f32x4.mul(c30, s); c31 = f32x4.mul(c31, s);
    }
    v128.store(c, c00); v128.store(c, c01, 16);
    v128.store(c + ld, c10); v128.store(c + ld, c11, 16);
    v128.store(c + 2 * ld, c20); v128.store(c + 2 * ld, c21, 16);
    v128.store(c + 3 * ld, c30); v128.store(c + 3 * ld, c31, 16);
    return;
  }
  // edge tile: through the scratch tile, element by element
  v128.store(tile, c00); v128.store(tile, c01, 16);
  v128.store(tile, c10, 32); v128.store(tile, c11, 48);
  v128.store(tile, c20, 64); v128.store(tile, c21, 80);
  v128.store(tile, c30, 96); v128.store(tile, c31, 112);
  storeEdge(tile, c, ld, rows, cols, accumulate, scaled, alpha);
}

// The same with a 5 x 8 tile: 10 accumulators. V8 issues all the loads of an iteration before its
// multiply-adds, so splat loads of 5 rows would need 10 + 2 + 5 registers and spill; instead rows 0..3
// are one vector load, broadcast lane by lane (a shuffle, next to its use), and row 4 a splat load.
// @ts-ignore: decorator
@inline
function micro5(kc: i32, pa: usize, pb: usize, c: usize, ldc: i32, rows: i32, cols: i32, accumulate: bool, scaled: bool, alpha: f32, tile: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  let c40 = f32x4.splat(0), c41 = f32x4.splat(0);
  const end = pb + (<usize>kc << 5);
  while (pb < end) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    const av = v128.load(pa);
    let a = v128.shuffle<f32>(av, av, 0, 0, 0, 0);
    c00 = madd(a, b0, c00);
    c01 = madd(a, b1, c01);
    a = v128.shuffle<f32>(av, av, 1, 1, 1, 1);
    c10 = madd(a, b0, c10);
    c11 = madd(a, b1, c11);
    a = v128.shuffle<f32>(av, av, 2, 2, 2, 2);
    c20 = madd(a, b0, c20);
    c21 = madd(a, b1, c21);
    a = v128.shuffle<f32>(av, av, 3, 3, 3, 3);
    c30 = madd(a, b0, c30);
    c31 = madd(a, b1, c31);
    a = v128.load32_splat(pa, 16);
    c40 = madd(a, b0, c40);
    c41 = madd(a, b1, c41);
    pa += 20;
    pb += 32;
  }
  const ld = <usize>ldc << 2;
  if (rows == MR5 && cols == NR) {
    // whole tile straight into C
    if (accumulate) {
      c00 = f32x4.add(c00, v128.load(c)); c01 = f32x4.add(c01, v128.load(c, 16));
      c10 = f32x4.add(c10, v128.load(c + ld)); c11 = f32x4.add(c11, v128.load(c + ld, 16));
      c20 = f32x4.add(c20, v128.load(c + 2 * ld)); c21 = f32x4.add(c21, v128.load(c + 2 * ld, 16));
      c30 = f32x4.add(c30, v128.load(c + 3 * ld)); c31 = f32x4.add(c31, v128.load(c + 3 * ld, 16));
      c40 = f32x4.add(c40, v128.load(c + 4 * ld)); c41 = f32x4.add(c41, v128.load(c + 4 * ld, 16));
    }
    if (scaled) {
      const s = f32x4.splat(alpha);
      c00 = f32x4.mul(c00, s); c01 = f32x4.mul(c01, s);
      c10 = f32x4.mul(c10, s); c11 = f32x4.mul(c11, s);
      c20 = f32x4.mul(c20, s); c21 = f32x4.mul(c21, s);
      c30 = f32x4.mul(c30, s); c31 = f32x4.mul(c31, s);
      c40 = f32x4.mul(c40, s); c41 = f32x4.mul(c41, s);
    }
    v128.store(c, c00); v128.store(c, c01, 16);
    v128.store(c + ld, c10); v128.store(c + ld, c11, 16);
    v128.store(c + 2 * ld, c20); v128.store(c + 2 * ld, c21, 16);
    v128.store(c + 3 * ld, c30); v128.store(c + 3 * ld, c31, 16);
    v128.store(c + 4 * ld, c40); v128.store(c + 4 * ld, c41, 16);
    return;
  }
  // edge tile: through the scratch tile, element by element
  v128.store(tile, c00); v128.store(tile, c01, 16);
  v128.store(tile, c10, 32); v128.store(tile, c11, 48);
  v128.store(tile, c20, 64); v128.store(tile, c21, 80);
  v128.store(tile, c30, 96); v128.store(tile, c31, 112);
  v128.store(tile, c40, 128); v128.store(tile, c41, 144);
  storeEdge(tile, c, ld, rows, cols, accumulate, scaled, alpha);
}

// Operands packed ahead by packWhole (PACKED_A, PACKED_B), for threads that share one of them.
const PACKED_A: i32 = 1;
export const PACKED_B: i32 = 2;

/** Rows of A once packed whole: every block of MC rows is cut into panels without padding but the last. */
export function paddedRows(m: i32): i32 {
  const full = m / MC * MC;
  let rows = full;
  for (let rem = m - full; rem > 0;) {
    const h = panelRows(rem);
    rows += h;
    rem -= min(h, rem);
  }
  return rows;
}

/** Columns of B (a multiple of NR) or rows of A (MC) in one piece of packWhole. */
export const PART_B: i32 = 256;

// @ts-ignore: decorator
@inline
function partSize(which: i32): i32 {
  return which == PACKED_B ? PART_B : MC;
}

/** Number of pieces packWhole cuts an operand into: depth blocks of KC times parts of its extent. */
export function packPieces(which: i32, k: i32, extent: i32): i32 {
  const step = partSize(which);
  return (k + KC - 1) / KC * ((extent + step - 1) / step);
}

/**
 * Pack piece `piece` of a whole operand (B: k x extent, or A: extent x k) into `dst`, laid out as
 * gemm reads it with `which` set: B as panels of NR columns over all n (`padded` = n rounded up to
 * NR), A as blocks of MC rows cut into panels (`padded` = paddedRows(m)); depth block p starts at
 * dst + p * KC * padded floats. Pieces (see packPieces) are independent, so threads share the work.
 */
export function packWhole(which: i32, k: i32, x: usize, rs: i32, cs: i32, extent: i32, piece: i32, padded: i32, dst: usize): void {
  const step = partSize(which);
  const parts = (extent + step - 1) / step;
  const pc = piece / parts * KC;
  const kc = min(KC, k - pc);
  const lo = piece % parts * step, len = min(step, extent - lo);
  const at = dst + (<usize>(pc * padded + lo * kc) << 2);
  if (which == PACKED_B) packB(x, rs, cs, pc, kc, lo, len, at);
  else packA(x, rs, cs, lo, len, pc, kc, at);
}

/**
 * C[i0..i1, j0..j1] = alpha A·B for A: m x k, B: k x n (strides as above), C row-major with
 * leading dimension ldc. A thread computes its own rectangle of C with its own scratch `work`.
 * alpha folds a scale into the product (the 1/m of dW = (1/m) dZ·A^T) instead of a pass over C.
 * With `which` = PACKED_A (i0 = 0) or PACKED_B (j0 = 0), that operand was packed whole at `packed`
 * by packWhole (with the same `padded`), so the threads that share it do not each pack it again.
 */
export function gemm(
  k: i32,
  a: usize, rsA: i32, csA: i32,
  b: usize, rsB: i32, csB: i32,
  c: usize, ldc: i32,
  i0: i32, i1: i32, j0: i32, j1: i32,
  work: usize,
  alpha: f32,
  which: i32, packed: usize, padded: i32,
): void {
  gemmAs(i1 - i0, j1 - j0, k, a, rsA, csA, b, rsB, csB, c, ldc, i0, i1, j0, j1, work, alpha, which, packed, padded);
}

/**
 * gemm, with the way of computing chosen as for a product of `rows` rows of A and `cols` columns of
 * B: a band of rows or a range of columns of a larger product (a resident step cut into bands,
 * row-tasks.ts) then computes each value as the whole product does, in the same order of sums.
 */
export function gemmAs(
  rows: i32, cols: i32, k: i32,
  a: usize, rsA: i32, csA: i32,
  b: usize, rsB: i32, csB: i32,
  c: usize, ldc: i32,
  i0: i32, i1: i32, j0: i32, j1: i32,
  work: usize,
  alpha: f32,
  which: i32, packed: usize, padded: i32,
): void {
  const tile = work + (<usize>(PA_ROWS * KC + KC * NC) << 2);
  if (k <= 0) {
    for (let i = i0; i < i1; i++) memory.fill(c + (<usize>(i * ldc + j0) << 2), 0, <usize>(j1 - j0) << 2);
    return;
  }
  // A few rows of C (an output unit, logistic regression, a layer of a few units on many inputs): B
  // read in place (gemv.ts), and an operand packed ahead (`which`) is not needed. One column of a C
  // stored as a vector (ldc = 1): the same turned around, C^T = B^T·A^T.
  const scratch = KC * NC;
  if (inPlace(rows, k, cols) && rowsTimesMatrix(i0, i1, k, a, rsA, csA, b, rsB, csB, c, ldc, j0, j1, alpha, work, scratch)) return;
  if (j1 - j0 == 1 && ldc == 1 && rowsTimesMatrix(j0, j1, k, b, csB, rsB, a, csA, rsA, c, 1, i0, i1, alpha, work, scratch)) return;
  // 9 to 20 rows on a large row-major B not packed ahead: B read in place too, with gemm's sums (gemm-order.ts)
  if (which != PACKED_B && inGemmOrder(rows, k, cols, csB)) {
    rowsInGemmOrder(i0, i1, k, a, rsA, csA, b, rsB, c, ldc, j0, j1, alpha, KC, work);
    return;
  }
  for (let jc = j0; jc < j1; jc += NC) {
    const nc = min(NC, j1 - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      const last = alpha != 1 && pc + kc >= k; // scale once the sum over the depth is complete
      let pb = work + (<usize>(PA_ROWS * KC) << 2);
      if (which == PACKED_B) pb = packed + (<usize>(pc * padded + jc * kc) << 2);
      else packB(b, rsB, csB, pc, kc, jc, nc, pb);
      for (let ic = i0; ic < i1; ic += MC) {
        const mc = min(MC, i1 - ic);
        let pa = work;
        if (which == PACKED_A) pa = packed + (<usize>(pc * padded + ic * kc) << 2);
        else packA(a, rsA, csA, ic, mc, pc, kc, pa);
        for (let jr = 0; jr < nc; jr += NR) {
          const cols = min(NR, nc - jr);
          const pbj = pb + (<usize>(jr * kc) << 2);
          for (let ir = 0; ir < mc; ) {
            const h = panelRows(mc - ir);
            const rows = min(h, mc - ir);
            const cij = c + (<usize>((ic + ir) * ldc + jc + jr) << 2);
            const pai = pa + (<usize>(ir * kc) << 2);
            if (ASC_FEATURE_RELAXED_SIMD && h == MR5) micro5(kc, pai, pbj, cij, ldc, rows, cols, pc > 0, last, alpha, tile);
            else micro(kc, pai, pbj, cij, ldc, rows, cols, pc > 0, last, alpha, tile);
            ir += h;
          }
        }
      }
    }
  }
}

/**
 * y := y + alpha x over n floats (the update W := W - alpha dW of gradient descent, with -alpha).
 * A multiply and an add, in every build, so it rounds the same everywhere.
 */
export function axpy(n: i32, alpha: f32, x: usize, y: usize): void {
  const a = f32x4.splat(alpha);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(y + o, f32x4.add(v128.load(y + o), f32x4.mul(a, v128.load(x + o))));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(y + o, load<f32>(y + o) + alpha * load<f32>(x + o));
  }
}

// The fused passes of a dense layer with a piecewise-linear activation g (kind: RELU, LEAKY, LINEAR):
// g(z) = z for z > 0, else 0, slope * z, z. The leaky product is taken in float64 and rounded once
// to float32, as JavaScript does, so every backend gives the same bits.
const RELU: i32 = 0;
const LEAKY: i32 = 1;

// @ts-ignore: decorator
@inline
function leaky4(v: v128, s: v128): v128 {
  // slope * v per lane in float64, rounded to float32
  const lo = f32x4.demote_f64x2_zero(f64x2.mul(f64x2.promote_low_f32x4(v), s));
  const hi = f32x4.demote_f64x2_zero(f64x2.mul(f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 2, 3)), s));
  return v128.shuffle<f32>(lo, hi, 0, 1, 4, 5);
}

/** Z := Z + b (b_i added to row i of the rows x cols Z), A = g(Z). */
export function biasActivation(z: usize, b: usize, a: usize, rows: i32, cols: i32, kind: i32, slope: f64): void {
  const zero = f32x4.splat(0);
  const s2 = f64x2.splat(slope);
  for (let i = 0; i < rows; i++) {
    const bi = load<f32>(b + (<usize>i << 2));
    const b4 = f32x4.splat(bi);
    const row = <usize>(i * cols) << 2;
    let zp = z + row, ap = a + row;
    const end4 = zp + (<usize>(cols & ~3) << 2), end = zp + (<usize>cols << 2);
    for (; zp < end4; zp += 16, ap += 16) {
      const v = f32x4.add(v128.load(zp), b4);
      v128.store(zp, v);
      const pos = f32x4.gt(v, zero);
      if (kind == RELU) v128.store(ap, v128.and(v, pos));
      else if (kind == LEAKY) v128.store(ap, v128.bitselect(v, leaky4(v, s2), pos));
      else v128.store(ap, v);
    }
    for (; zp < end; zp += 4, ap += 4) {
      const v = load<f32>(zp) + bi;
      store<f32>(zp, v);
      store<f32>(ap, v > 0 ? v : kind == RELU ? 0 : kind == LEAKY ? <f32>(<f64>v * slope) : v);
    }
  }
}

/** dZ = dA * g'(Z) over n values: g'(z) = 1 for z > 0, else 0 (relu), slope (leaky), 1 (linear). */
export function activationGradient(z: usize, da: usize, dz: usize, n: i32, kind: i32, slope: f64): void {
  const zero = f32x4.splat(0);
  const s2 = f64x2.splat(slope);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const d = v128.load(da + o);
    const pos = f32x4.gt(v128.load(z + o), zero);
    if (kind == RELU) v128.store(dz + o, v128.and(d, pos));
    else if (kind == LEAKY) v128.store(dz + o, v128.bitselect(d, leaky4(d, s2), pos));
    else v128.store(dz + o, d);
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const d = load<f32>(da + o);
    store<f32>(dz + o, load<f32>(z + o) > 0 ? d : kind == RELU ? 0 : kind == LEAKY ? <f32>(<f64>d * slope) : d);
  }
}

// The in-WebAssembly training step (forward, backward and update of a whole dense network).
export * from './train';
export { packExamples, packTransposed } from './pack-examples';
export { softmax } from './softmax';
export { gram, gramWorkBytes } from './gram';

/** Where the module's static data (the tables of Math.exp and Math.log) ends: the loader's areas start after it. */
export function dataEnd(): usize {
  return __heap_base;
}
