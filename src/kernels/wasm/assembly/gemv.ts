// One row of A times B, C(i, :) = alpha A(i, :)·B, with B read in place (AssemblyScript source).
// It is the shape of an output layer of one unit (Z[L] = W[L]·A[L-1] with W[L] 1 x n, and
// dW[L] = (1/m) dZ[L]·A[L-1]^T with dZ[L] 1 x m), of the course's logistic regression, and, turned
// around (C^T = B^T·A^T), of a product with one column (one example: stochastic gradient descent).
// Each element of B is used once, so gemm's packing of B (a read and a write of all of it) would
// cost as much as the arithmetic, and its 4- or 5-row register tile would be mostly padding.

import { madd } from './simd';

/**
 * c[j] = alpha sum_p A(p) B(p, j) for j in j0..j1, with A(p) = a[p * csA] and B(p, j) =
 * b[p * rsB + j * csB]; false (nothing done) when B is neither row-major (csB = 1) nor stored
 * transposed (rsB = 1). `work` holds a copy of A when it is strided and B is stored transposed.
 */
export function rowTimesMatrix(k: i32, a: usize, csA: i32, b: usize, rsB: i32, csB: i32, c: usize, j0: i32, j1: i32, alpha: f32, work: usize): bool {
  if (csB == 1) {
    rowTimesRows(k, a, csA, b, rsB, c, j0, j1, alpha);
    return true;
  }
  if (rsB != 1) return false;
  if (csA != 1) {
    for (let p = 0; p < k; p++) store<f32>(work + (<usize>p << 2), load<f32>(a + (<usize>(p * csA) << 2)));
    a = work;
  }
  rowTimesColumns(k, a, b, csB, c, j0, j1, alpha);
  return true;
}

/** Columns of C summed at a time by rowTimesRows: 8 KB of running sums, which stay in the L1 cache. */
const CHUNK: i32 = 2048;

/**
 * B row-major: C's row is the running sum, rows of B added four at a time, C(j) += A(p) B(p, j) for
 * p = 0, 1, ..., k - 1 in that order; B is read once, as four sequential streams.
 */
function rowTimesRows(k: i32, a: usize, csA: i32, b: usize, rsB: i32, c: usize, j0: i32, j1: i32, alpha: f32): void {
  for (let jc = j0; jc < j1; jc += CHUNK) {
    const o = <usize>jc << 2;
    rowsIntoChunk(k, a, <usize>csA << 2, b + o, <usize>rsB << 2, c + o, min(CHUNK, j1 - jc), alpha);
  }
}

function rowsIntoChunk(k: i32, a: usize, sa: usize, b: usize, sb: usize, c: usize, n: i32, alpha: f32): void {
  memory.fill(c, 0, <usize>n << 2);
  const n4 = n & ~3, bytes = <usize>n << 2;
  let p = 0;
  for (; p + 4 <= k; p += 4) {
    const pa = a + <usize>p * sa, r0 = b + <usize>p * sb, r1 = r0 + sb, r2 = r1 + sb, r3 = r2 + sb;
    const x0 = v128.load32_splat(pa), x1 = v128.load32_splat(pa + sa), x2 = v128.load32_splat(pa + 2 * sa), x3 = v128.load32_splat(pa + 3 * sa);
    for (let o: usize = 0; o < <usize>n4 << 2; o += 16) {
      let v = v128.load(c + o);
      v = madd(x0, v128.load(r0 + o), v);
      v = madd(x1, v128.load(r1 + o), v);
      v = madd(x2, v128.load(r2 + o), v);
      v = madd(x3, v128.load(r3 + o), v);
      v128.store(c + o, v);
    }
    const y0 = load<f32>(pa), y1 = load<f32>(pa + sa), y2 = load<f32>(pa + 2 * sa), y3 = load<f32>(pa + 3 * sa);
    for (let o = <usize>n4 << 2; o < bytes; o += 4) {
      store<f32>(c + o, load<f32>(c + o) + y0 * load<f32>(r0 + o) + y1 * load<f32>(r1 + o) + y2 * load<f32>(r2 + o) + y3 * load<f32>(r3 + o));
    }
  }
  for (; p < k; p++) {
    const r = b + <usize>p * sb, x = v128.load32_splat(a + <usize>p * sa), y = load<f32>(a + <usize>p * sa);
    for (let o: usize = 0; o < <usize>n4 << 2; o += 16) v128.store(c + o, madd(x, v128.load(r + o), v128.load(c + o)));
    for (let o = <usize>n4 << 2; o < bytes; o += 4) store<f32>(c + o, load<f32>(c + o) + y * load<f32>(r + o));
  }
  if (alpha == 1) return;
  const s = f32x4.splat(alpha);
  for (let o: usize = 0; o < <usize>n4 << 2; o += 16) v128.store(c + o, f32x4.mul(v128.load(c + o), s));
  for (let o = <usize>n4 << 2; o < bytes; o += 4) store<f32>(c + o, load<f32>(c + o) * alpha);
}

/**
 * B stored transposed (its column j is a run of k floats), A contiguous: dot products, four columns
 * at a time with two accumulators each (p in steps of 8, then of 4, then one by one).
 */
function rowTimesColumns(k: i32, a: usize, b: usize, csB: i32, c: usize, j0: i32, j1: i32, alpha: f32): void {
  const sb = <usize>csB << 2;
  const s = f32x4.splat(alpha);
  let j = j0;
  for (; j + 4 <= j1; j += 4) {
    const b0 = b + <usize>j * sb, b1 = b0 + sb, b2 = b1 + sb, b3 = b2 + sb;
    let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
    let t0 = f32x4.splat(0), t1 = f32x4.splat(0), t2 = f32x4.splat(0), t3 = f32x4.splat(0);
    let p = 0;
    for (; p + 8 <= k; p += 8) {
      const o = <usize>p << 2;
      const x = v128.load(a + o), y = v128.load(a + o, 16);
      s0 = madd(x, v128.load(b0 + o), s0); t0 = madd(y, v128.load(b0 + o, 16), t0);
      s1 = madd(x, v128.load(b1 + o), s1); t1 = madd(y, v128.load(b1 + o, 16), t1);
      s2 = madd(x, v128.load(b2 + o), s2); t2 = madd(y, v128.load(b2 + o, 16), t2);
      s3 = madd(x, v128.load(b3 + o), s3); t3 = madd(y, v128.load(b3 + o, 16), t3);
    }
    if (p + 4 <= k) {
      const o = <usize>p << 2;
      const x = v128.load(a + o);
      s0 = madd(x, v128.load(b0 + o), s0); s1 = madd(x, v128.load(b1 + o), s1);
      s2 = madd(x, v128.load(b2 + o), s2); s3 = madd(x, v128.load(b3 + o), s3);
      p += 4;
    }
    let r = sums4(f32x4.add(s0, t0), f32x4.add(s1, t1), f32x4.add(s2, t2), f32x4.add(s3, t3));
    for (; p < k; p++) {
      const o = <usize>p << 2;
      let v = f32x4.splat(load<f32>(b0 + o));
      v = f32x4.replace_lane(v, 1, load<f32>(b1 + o));
      v = f32x4.replace_lane(v, 2, load<f32>(b2 + o));
      v = f32x4.replace_lane(v, 3, load<f32>(b3 + o));
      r = madd(v128.load32_splat(a + o), v, r);
    }
    v128.store(c + (<usize>j << 2), f32x4.mul(r, s));
  }
  for (; j < j1; j++) {
    const bj = b + <usize>j * sb;
    let acc = f32x4.splat(0);
    let p = 0;
    for (; p + 4 <= k; p += 4) acc = madd(v128.load(a + (<usize>p << 2)), v128.load(bj + (<usize>p << 2)), acc);
    let sum: f32 = f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3);
    for (; p < k; p++) sum += load<f32>(a + (<usize>p << 2)) * load<f32>(bj + (<usize>p << 2));
    store<f32>(c + (<usize>j << 2), sum * alpha);
  }
}

/** The sums of the lanes of s0..s3, as the lanes of one vector. */
// @ts-ignore: decorator
@inline
function sums4(s0: v128, s1: v128, s2: v128, s3: v128): v128 {
  const a = f32x4.add(v128.shuffle<f32>(s0, s1, 0, 4, 1, 5), v128.shuffle<f32>(s0, s1, 2, 6, 3, 7)); // s0 (0+2, 1+3), s1 (0+2, 1+3) interleaved
  const b = f32x4.add(v128.shuffle<f32>(s2, s3, 0, 4, 1, 5), v128.shuffle<f32>(s2, s3, 2, 6, 3, 7));
  return f32x4.add(v128.shuffle<f32>(a, b, 0, 1, 4, 5), v128.shuffle<f32>(a, b, 2, 3, 6, 7));
}
