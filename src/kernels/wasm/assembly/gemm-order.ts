// 9 to 20 rows of A times a large B stored row-major, with B read in place instead of packed (the
// course's 4-layer cat net: W[1]·X with W[1] 20 x 12288 and X 12288 x 209), and the sums taken in
// gemm's order: the depth in blocks of gemm's KC, each block summed from zero with madd in the order
// of p (as gemm's register tile sums), added to C (C is the first block's sum), and times alpha after
// the last. The result is gemm's to the last bit, whichever of the two computes a product: the
// course's published figures hang on those bits (a plain running sum over the whole depth moved the
// 4-layer cat net's test accuracy from 80% to 78%; see docs/performance.md, eleventh session).
// (AssemblyScript source.)

import { madd } from './simd';

/** Columns of C summed at a time: the block sums of up to 20 rows (20 KB) and four rows of B stay in the L1 cache. */
const CHUNK: i32 = 256;

/**
 * Whether rows x k x cols, B row-major (csB = 1), is computed here rather than by gemm: 9 to 20 rows
 * (fewer are gemv.ts's) with B past 2^20 floats, several times a core's L2 cache, where packing B
 * costs a read and a write of all of it for only 9 to 20 multiply-adds per element. Measured in one
 * process against gemm, switched on and off alternately (min of 40 rounds, three runs on a loaded
 * machine): 20 x 12288 x 105 3.4 -> 2.7, 2.7 -> 2.0 and 3.7 -> 3.1 ms; 20 x 12288 x 209 7.2 -> 6.4
 * and 5.8 -> 5.1, but 6.5 -> 7.9 in the third run; 12 x 8192 x 128 within the noise either way.
 * Since the result is the same, the rule only decides the time.
 */
export function inGemmOrder(rows: i32, k: i32, cols: i32, csB: i32): bool {
  return rows > 8 && rows <= 20 && csB == 1 && <i64>k * <i64>cols >= 1 << 20;
}

/**
 * C[i0..i1, j0..j1] = alpha A·B, A(i, p) = a[i * rsA + p * csA], B(p, j) = b[p * rsB + j] (row-major),
 * C row-major with leading dimension ldc, in gemm's order of sums with depth blocks of `kcBlock`
 * (gemm's KC); `t`: scratch for (i1 - i0) x CHUNK floats.
 */
export function rowsInGemmOrder(i0: i32, i1: i32, k: i32, a: usize, rsA: i32, csA: i32, b: usize, rsB: i32,
  c: usize, ldc: i32, j0: i32, j1: i32, alpha: f32, kcBlock: i32, t: usize): void {
  const rows = i1 - i0, lda = <usize>rsA << 2, sa = <usize>csA << 2, sb = <usize>rsB << 2, ld = <usize>ldc << 2;
  a += <usize>(i0 * rsA) << 2;
  c += <usize>(i0 * ldc) << 2;
  for (let jc = j0; jc < j1; jc += CHUNK) {
    const n = min(CHUNK, j1 - jc), o = <usize>jc << 2;
    for (let pc = 0; pc < k; pc += kcBlock) {
      const kc = min(kcBlock, k - pc);
      blockSums(rows, kc, a + <usize>pc * sa, lda, sa, b + <usize>pc * sb + o, sb, t, n);
      addBlock(rows, n, t, c + o, ld, pc == 0, alpha != 1 && pc + kc >= k, alpha);
    }
  }
}

/**
 * T (rows x n, rows n rounded up to 4 floats apart) = A(:, 0..kc)·B(0..kc, :), each element summed
 * from zero with madd in the order of p; the columns past the last whole vector too, as vectors
 * padded with zeros (gemm's edge tiles are summed by the same vector madd).
 */
function blockSums(rows: i32, kc: i32, a: usize, lda: usize, sa: usize, b: usize, sb: usize, t: usize, n: i32): void {
  const tRow = <usize>((n + 3) & ~3) << 2, vec = <usize>(n & ~3) << 2, tail = n & 3;
  memory.fill(t, 0, <usize>rows * tRow);
  let p = 0;
  for (; p + 4 <= kc; p += 4) {
    const r0 = b + <usize>p * sb, r1 = r0 + sb, r2 = r1 + sb, r3 = r2 + sb;
    const q0 = tailOf(r0 + vec, tail), q1 = tailOf(r1 + vec, tail), q2 = tailOf(r2 + vec, tail), q3 = tailOf(r3 + vec, tail);
    let i = 0;
    for (; i + 2 <= rows; i += 2) {
      // two rows at once: each vector of B's four rows serves both
      const pa = a + <usize>i * lda + <usize>p * sa, qa = pa + lda, ti = t + <usize>i * tRow, ui = ti + tRow;
      const x0 = v128.load32_splat(pa), x1 = v128.load32_splat(pa + sa), x2 = v128.load32_splat(pa + 2 * sa), x3 = v128.load32_splat(pa + 3 * sa);
      const y0 = v128.load32_splat(qa), y1 = v128.load32_splat(qa + sa), y2 = v128.load32_splat(qa + 2 * sa), y3 = v128.load32_splat(qa + 3 * sa);
      for (let o: usize = 0; o < vec; o += 16) {
        const b0 = v128.load(r0 + o), b1 = v128.load(r1 + o), b2 = v128.load(r2 + o), b3 = v128.load(r3 + o);
        v128.store(ti + o, madd(x3, b3, madd(x2, b2, madd(x1, b1, madd(x0, b0, v128.load(ti + o))))));
        v128.store(ui + o, madd(y3, b3, madd(y2, b2, madd(y1, b1, madd(y0, b0, v128.load(ui + o))))));
      }
      if (tail != 0) {
        v128.store(ti + vec, madd(x3, q3, madd(x2, q2, madd(x1, q1, madd(x0, q0, v128.load(ti + vec))))));
        v128.store(ui + vec, madd(y3, q3, madd(y2, q2, madd(y1, q1, madd(y0, q0, v128.load(ui + vec))))));
      }
    }
    for (; i < rows; i++) {
      const pa = a + <usize>i * lda + <usize>p * sa, ti = t + <usize>i * tRow;
      const x0 = v128.load32_splat(pa), x1 = v128.load32_splat(pa + sa), x2 = v128.load32_splat(pa + 2 * sa), x3 = v128.load32_splat(pa + 3 * sa);
      for (let o: usize = 0; o < vec; o += 16) {
        v128.store(ti + o, madd(x3, v128.load(r3 + o), madd(x2, v128.load(r2 + o), madd(x1, v128.load(r1 + o), madd(x0, v128.load(r0 + o), v128.load(ti + o))))));
      }
      if (tail != 0) v128.store(ti + vec, madd(x3, q3, madd(x2, q2, madd(x1, q1, madd(x0, q0, v128.load(ti + vec))))));
    }
  }
  for (; p < kc; p++) {
    const r = b + <usize>p * sb, q = tailOf(r + vec, tail);
    for (let i = 0; i < rows; i++) {
      const x = v128.load32_splat(a + <usize>i * lda + <usize>p * sa), ti = t + <usize>i * tRow;
      for (let o: usize = 0; o < vec; o += 16) v128.store(ti + o, madd(x, v128.load(r + o), v128.load(ti + o)));
      if (tail != 0) v128.store(ti + vec, madd(x, q, v128.load(ti + vec)));
    }
  }
}

/** The `count` (0 to 3) floats at `at` in the first lanes of a vector, zeros in the others. */
// @ts-ignore: decorator
@inline
function tailOf(at: usize, count: i32): v128 {
  let v = f32x4.splat(0);
  if (count > 0) v = f32x4.replace_lane(v, 0, load<f32>(at));
  if (count > 1) v = f32x4.replace_lane(v, 1, load<f32>(at, 4));
  if (count > 2) v = f32x4.replace_lane(v, 2, load<f32>(at, 8));
  return v;
}

/** C = T for the first block, else C + T; then times alpha when `scaled`: as gemm stores its register tile. */
function addBlock(rows: i32, n: i32, t: usize, c: usize, ld: usize, first: bool, scaled: bool, alpha: f32): void {
  const tRow = <usize>((n + 3) & ~3) << 2, vec = <usize>(n & ~3) << 2, bytes = <usize>n << 2;
  const s = f32x4.splat(alpha);
  for (let i = 0; i < rows; i++) {
    const ti = t + <usize>i * tRow, ci = c + <usize>i * ld;
    for (let o: usize = 0; o < vec; o += 16) {
      let v = v128.load(ti + o);
      if (!first) v = f32x4.add(v, v128.load(ci + o));
      if (scaled) v = f32x4.mul(v, s);
      v128.store(ci + o, v);
    }
    for (let o = vec; o < bytes; o += 4) {
      let v = load<f32>(ti + o);
      if (!first) v = load<f32>(ci + o) + v;
      store<f32>(ci + o, scaled ? v * alpha : v);
    }
  }
}
