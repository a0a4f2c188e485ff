// A few rows of A times B, C(i, :) = alpha A(i, :)·B for i0 <= i < i1 (see inPlace), with B read in
// place (AssemblyScript source). It is the shape of an output layer of one unit (Z[L] = W[L]·A[L-1]
// with W[L] 1 x n, and dW[L] = (1/m) dZ[L]·A[L-1]^T with dZ[L] 1 x m), of the course's logistic
// regression and of its 2-layer cat network (W[1] 7 x 12288), and, turned around (C^T = B^T·A^T), of a
// product with one column (one example: stochastic gradient descent). Each element of B is used by
// only a few rows, so gemm's packing of B (a read and a write of all of it) costs as much as the
// arithmetic, and its 4- or 5-row register tile is partly padding. Rows are taken two at a time, so
// that each vector of B loaded serves both.

import { madd } from './simd';

/**
 * Whether rows x k x cols is computed here rather than by gemm. Measured in one process against gemm
 * (min of 30 rounds): 1 to 3 rows faster on every shape tried (1 x 12288 x 167: 2.3 -> 0.3 ms;
 * 3 x 784 x 64: 23 -> 14 µs); 4 to 8 rows faster where B is larger than a core's L2 cache (7 x 12288 x 209:
 * 4.5 -> 3.2 ms, 7 x 209 x 12288: 3.6 -> 2.5 ms) and slower where it fits (8 x 784 x 32: 18 -> 23 µs).
 * 9 to 20 rows were faster too where B is several times the L2 size (20 x 12288 x 105, a thread's half
 * of the course's 4-layer cat net's W[1]·X: 2.9 -> 2.2 ms), but their other order of sums moved that
 * net's float32 run off the course's published test accuracy (80% -> 78%): not taken.
 */
// @ts-ignore: decorator
@inline
export function inPlace(rows: i32, k: i32, cols: i32): bool {
  return rows <= 3 || (rows <= 8 && <i64>k * <i64>cols >= 1 << 17);
}

/**
 * C(i, j) = alpha sum_p A(i, p) B(p, j) for i0 <= i < i1, j0 <= j < j1, with A(i, p) =
 * a[i * rsA + p * csA], B(p, j) = b[p * rsB + j * csB], C(i, j) = c[i * ldc + j]; false (nothing
 * done) when B is neither row-major (csB = 1) nor stored transposed (rsB = 1), or when a strided A
 * would not fit in `work` (`workFloats`), where it is copied for B stored transposed.
 */
export function rowsTimesMatrix(i0: i32, i1: i32, k: i32, a: usize, rsA: i32, csA: i32, b: usize, rsB: i32, csB: i32,
  c: usize, ldc: i32, j0: i32, j1: i32, alpha: f32, work: usize, workFloats: i32): bool {
  const rows = i1 - i0;
  a += <usize>(i0 * rsA) << 2;
  c += <usize>(i0 * ldc) << 2;
  if (csB == 1) {
    const chunk = rows == 1 ? 2048 : 512; // the running sums of C and four rows of B's chunk stay in the L1 cache
    for (let jc = j0; jc < j1; jc += chunk) {
      const o = <usize>jc << 2;
      rowsIntoChunk(rows, k, a, <usize>rsA << 2, <usize>csA << 2, b + o, <usize>rsB << 2, c + o, <usize>ldc << 2, min(chunk, j1 - jc), alpha);
    }
    return true;
  }
  if (rsB != 1) return false;
  let lda = <usize>rsA << 2;
  if (csA != 1) {
    if (rows * k > workFloats) return false;
    for (let i = 0; i < rows; i++) {
      for (let p = 0; p < k; p++) store<f32>(work + (<usize>(i * k + p) << 2), load<f32>(a + (<usize>(i * rsA + p * csA) << 2)));
    }
    a = work;
    lda = <usize>k << 2;
  }
  rowsTimesColumns(rows, k, a, lda, b, <usize>csB << 2, c, <usize>ldc << 2, j0, j1, alpha);
  return true;
}

/**
 * B row-major: C's rows are the running sums, B's rows added four at a time, C(i, j) += A(i, p) B(p, j)
 * for p = 0, 1, ..., k - 1 in that order; B is read once, as four sequential streams.
 */
function rowsIntoChunk(rows: i32, k: i32, a: usize, lda: usize, sa: usize, b: usize, sb: usize, c: usize, ldc: usize, n: i32, alpha: f32): void {
  const bytes = <usize>n << 2, vec = <usize>(n & ~3) << 2;
  for (let i = 0; i < rows; i++) memory.fill(c + <usize>i * ldc, 0, bytes);
  let p = 0;
  for (; p + 4 <= k; p += 4) {
    const r0 = b + <usize>p * sb, r1 = r0 + sb, r2 = r1 + sb, r3 = r2 + sb;
    let i = 0;
    for (; i + 2 <= rows; i += 2) {
      // two rows of C at once: each vector of B's four rows serves both
      const pa = a + <usize>i * lda + <usize>p * sa, qa = pa + lda, ci = c + <usize>i * ldc, di = ci + ldc;
      const x0 = v128.load32_splat(pa), x1 = v128.load32_splat(pa + sa), x2 = v128.load32_splat(pa + 2 * sa), x3 = v128.load32_splat(pa + 3 * sa);
      const y0 = v128.load32_splat(qa), y1 = v128.load32_splat(qa + sa), y2 = v128.load32_splat(qa + 2 * sa), y3 = v128.load32_splat(qa + 3 * sa);
      for (let o: usize = 0; o < vec; o += 16) {
        const b0 = v128.load(r0 + o), b1 = v128.load(r1 + o), b2 = v128.load(r2 + o), b3 = v128.load(r3 + o);
        v128.store(ci + o, madd(x3, b3, madd(x2, b2, madd(x1, b1, madd(x0, b0, v128.load(ci + o))))));
        v128.store(di + o, madd(y3, b3, madd(y2, b2, madd(y1, b1, madd(y0, b0, v128.load(di + o))))));
      }
      tail4(pa, sa, r0, r1, r2, r3, ci, vec, bytes);
      tail4(qa, sa, r0, r1, r2, r3, di, vec, bytes);
    }
    for (; i < rows; i++) {
      const pa = a + <usize>i * lda + <usize>p * sa, ci = c + <usize>i * ldc;
      const x0 = v128.load32_splat(pa), x1 = v128.load32_splat(pa + sa), x2 = v128.load32_splat(pa + 2 * sa), x3 = v128.load32_splat(pa + 3 * sa);
      for (let o: usize = 0; o < vec; o += 16) {
        let v = v128.load(ci + o);
        v = madd(x0, v128.load(r0 + o), v);
        v = madd(x1, v128.load(r1 + o), v);
        v = madd(x2, v128.load(r2 + o), v);
        v = madd(x3, v128.load(r3 + o), v);
        v128.store(ci + o, v);
      }
      tail4(pa, sa, r0, r1, r2, r3, ci, vec, bytes);
    }
  }
  for (; p < k; p++) {
    const r = b + <usize>p * sb;
    for (let i = 0; i < rows; i++) {
      const pa = a + <usize>i * lda + <usize>p * sa, ci = c + <usize>i * ldc;
      const x = v128.load32_splat(pa), y = load<f32>(pa);
      for (let o: usize = 0; o < vec; o += 16) v128.store(ci + o, madd(x, v128.load(r + o), v128.load(ci + o)));
      for (let o = vec; o < bytes; o += 4) store<f32>(ci + o, load<f32>(ci + o) + y * load<f32>(r + o));
    }
  }
  if (alpha == 1) return;
  const s = f32x4.splat(alpha);
  for (let i = 0; i < rows; i++) {
    const ci = c + <usize>i * ldc;
    for (let o: usize = 0; o < vec; o += 16) v128.store(ci + o, f32x4.mul(v128.load(ci + o), s));
    for (let o = vec; o < bytes; o += 4) store<f32>(ci + o, load<f32>(ci + o) * alpha);
  }
}

/** The columns past the last whole vector: C(j) += A(p..p+3) B(p..p+3, j), in the order of p. */
// @ts-ignore: decorator
@inline
function tail4(pa: usize, sa: usize, r0: usize, r1: usize, r2: usize, r3: usize, ci: usize, vec: usize, bytes: usize): void {
  const y0 = load<f32>(pa), y1 = load<f32>(pa + sa), y2 = load<f32>(pa + 2 * sa), y3 = load<f32>(pa + 3 * sa);
  for (let o = vec; o < bytes; o += 4) {
    store<f32>(ci + o, load<f32>(ci + o) + y0 * load<f32>(r0 + o) + y1 * load<f32>(r1 + o) + y2 * load<f32>(r2 + o) + y3 * load<f32>(r3 + o));
  }
}

/**
 * B stored transposed (its column j is a run of k floats), A's rows contiguous: dot products, four
 * columns of B at a time against every row of A (the four columns stay in the L1 cache).
 */
function rowsTimesColumns(rows: i32, k: i32, a: usize, lda: usize, b: usize, sb: usize, c: usize, ldc: usize, j0: i32, j1: i32, alpha: f32): void {
  const s = f32x4.splat(alpha);
  let j = j0;
  for (; j + 4 <= j1; j += 4) {
    const bj = b + <usize>j * sb;
    let i = 0;
    for (; i + 2 <= rows; i += 2) dots4x2(k, a + <usize>i * lda, lda, bj, sb, c + <usize>i * ldc + (<usize>j << 2), ldc, s);
    for (; i < rows; i++) v128.store(c + <usize>i * ldc + (<usize>j << 2), f32x4.mul(dots4(k, a + <usize>i * lda, bj, sb), s));
  }
  for (; j < j1; j++) {
    const bj = b + <usize>j * sb;
    for (let i = 0; i < rows; i++) store<f32>(c + <usize>i * ldc + (<usize>j << 2), dot(k, a + <usize>i * lda, bj) * alpha);
  }
}

/** The dot products of the k floats at x with those at b0, b0 + sb, b0 + 2 sb, b0 + 3 sb, as the lanes of one vector. */
function dots4(k: i32, x: usize, b0: usize, sb: usize): v128 {
  const b1 = b0 + sb, b2 = b1 + sb, b3 = b2 + sb;
  // two accumulators per dot product (p in steps of 8), then p in a step of 4, then one by one
  let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
  let t0 = f32x4.splat(0), t1 = f32x4.splat(0), t2 = f32x4.splat(0), t3 = f32x4.splat(0);
  let p = 0;
  for (; p + 8 <= k; p += 8) {
    const o = <usize>p << 2;
    const u = v128.load(x + o), w = v128.load(x + o, 16);
    s0 = madd(u, v128.load(b0 + o), s0); t0 = madd(w, v128.load(b0 + o, 16), t0);
    s1 = madd(u, v128.load(b1 + o), s1); t1 = madd(w, v128.load(b1 + o, 16), t1);
    s2 = madd(u, v128.load(b2 + o), s2); t2 = madd(w, v128.load(b2 + o, 16), t2);
    s3 = madd(u, v128.load(b3 + o), s3); t3 = madd(w, v128.load(b3 + o, 16), t3);
  }
  if (p + 4 <= k) {
    const o = <usize>p << 2;
    const u = v128.load(x + o);
    s0 = madd(u, v128.load(b0 + o), s0); s1 = madd(u, v128.load(b1 + o), s1);
    s2 = madd(u, v128.load(b2 + o), s2); s3 = madd(u, v128.load(b3 + o), s3);
    p += 4;
  }
  let r = sums4(f32x4.add(s0, t0), f32x4.add(s1, t1), f32x4.add(s2, t2), f32x4.add(s3, t3));
  for (; p < k; p++) {
    const o = <usize>p << 2;
    r = madd(v128.load32_splat(x + o), lanes4(b0 + o, sb), r);
  }
  return r;
}

/**
 * Two rows of A (at x and x + lda) against four columns of B: eight dot products, each B vector
 * serving both rows; stored, times s, at cx and cx + ldc.
 */
function dots4x2(k: i32, x: usize, lda: usize, b0: usize, sb: usize, cx: usize, ldc: usize, s: v128): void {
  const y = x + lda, b1 = b0 + sb, b2 = b1 + sb, b3 = b2 + sb;
  let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
  let t0 = f32x4.splat(0), t1 = f32x4.splat(0), t2 = f32x4.splat(0), t3 = f32x4.splat(0);
  const k4 = k & ~3;
  for (let o: usize = 0; o < <usize>k4 << 2; o += 16) {
    const u = v128.load(x + o), w = v128.load(y + o);
    let v = v128.load(b0 + o);
    s0 = madd(u, v, s0); t0 = madd(w, v, t0);
    v = v128.load(b1 + o);
    s1 = madd(u, v, s1); t1 = madd(w, v, t1);
    v = v128.load(b2 + o);
    s2 = madd(u, v, s2); t2 = madd(w, v, t2);
    v = v128.load(b3 + o);
    s3 = madd(u, v, s3); t3 = madd(w, v, t3);
  }
  let r = sums4(s0, s1, s2, s3), q = sums4(t0, t1, t2, t3);
  for (let p = k4; p < k; p++) {
    const o = <usize>p << 2;
    const v = lanes4(b0 + o, sb);
    r = madd(v128.load32_splat(x + o), v, r);
    q = madd(v128.load32_splat(y + o), v, q);
  }
  v128.store(cx, f32x4.mul(r, s));
  v128.store(cx + ldc, f32x4.mul(q, s));
}

/** The dot product of the k floats at x and at y. */
function dot(k: i32, x: usize, y: usize): f32 {
  let acc = f32x4.splat(0);
  let p = 0;
  for (; p + 4 <= k; p += 4) acc = madd(v128.load(x + (<usize>p << 2)), v128.load(y + (<usize>p << 2)), acc);
  let sum: f32 = f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3);
  for (; p < k; p++) sum += load<f32>(x + (<usize>p << 2)) * load<f32>(y + (<usize>p << 2));
  return sum;
}

/** The floats at at, at + sb, at + 2 sb, at + 3 sb (element p of four columns of B), as one vector. */
// @ts-ignore: decorator
@inline
function lanes4(at: usize, sb: usize): v128 {
  let v = f32x4.splat(load<f32>(at));
  v = f32x4.replace_lane(v, 1, load<f32>(at + sb));
  v = f32x4.replace_lane(v, 2, load<f32>(at + 2 * sb));
  return f32x4.replace_lane(v, 3, load<f32>(at + 3 * sb));
}

/** The sums of the lanes of s0..s3, as the lanes of one vector. */
// @ts-ignore: decorator
@inline
function sums4(s0: v128, s1: v128, s2: v128, s3: v128): v128 {
  const a = f32x4.add(v128.shuffle<f32>(s0, s1, 0, 4, 1, 5), v128.shuffle<f32>(s0, s1, 2, 6, 3, 7)); // s0 (0+2, 1+3), s1 (0+2, 1+3) interleaved
  const b = f32x4.add(v128.shuffle<f32>(s2, s3, 0, 4, 1, 5), v128.shuffle<f32>(s2, s3, 2, 6, 3, 7));
  return f32x4.add(v128.shuffle<f32>(a, b, 0, 1, 4, 5), v128.shuffle<f32>(a, b, 2, 3, 6, 7));
}
