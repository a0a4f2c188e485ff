// The Gram matrix G = X^T·X in float64 of a float32 X (rows x m, row-major: one example per
// column), for the first layer in the examples' coordinates (src/train/example-basis.ts). Each
// product of two float32 is exact in float64 and the sums are float64, so G is as exact as a
// float64 product. The rows are taken KG at a time: each block of 4 columns (examples) is packed
// as float64, 4 values per row, and every 4 x 4 tile of G on or above the diagonal sums the block's
// rows in 8 f64x2 accumulators.

const KG: i32 = 128; // rows of X per pass (4 * KG float64 per panel)

/** Bytes of work area gram needs for m examples. */
export function gramWorkBytes(m: i32): i32 {
  return ((m + 3) >> 2) * 4 * KG * 8;
}

/**
 * G (m x m float64 at g) += the sums over rows r0..r1 of X (float32 at x, m per row) of x_i·x_j,
 * for the tiles on or above the diagonal (the caller mirrors them).
 */
export function gram(x: usize, m: i32, r0: i32, r1: i32, g: usize, work: usize): void {
  const panels = (m + 3) >> 2;
  for (let k0 = r0; k0 < r1; k0 += KG) {
    const kc = min(KG, r1 - k0);
    for (let p = 0; p < panels; p++) packPanel(x, m, k0, kc, p, work + (<usize>(p * 4 * KG) << 3));
    for (let pi = 0; pi < panels; pi++) {
      for (let pj = pi; pj < panels; pj++) tile(work, kc, pi, pj, m, g);
    }
  }
}

/** Rows k0..k0+kc of columns 4p..4p+3 as float64, 4 per row (0 past column m). */
function packPanel(x: usize, m: i32, k0: i32, kc: i32, p: i32, dst: usize): void {
  const j = p * 4;
  for (let k = 0; k < kc; k++) {
    const src = x + (<usize>((k0 + k) * m + j) << 2);
    const d = dst + (<usize>k << 5);
    for (let q = 0; q < 4; q++) store<f64>(d + (<usize>q << 3), j + q < m ? <f64>load<f32>(src + (<usize>q << 2)) : 0);
  }
}

/** G[4pi..4pi+3][4pj..4pj+3] += sum over the kc packed rows of a_i·b_j. */
function tile(work: usize, kc: i32, pi: i32, pj: i32, m: i32, g: usize): void {
  let a = work + (<usize>(pi * 4 * KG) << 3), b = work + (<usize>(pj * 4 * KG) << 3);
  let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c10 = f64x2.splat(0), c11 = f64x2.splat(0);
  let c20 = f64x2.splat(0), c21 = f64x2.splat(0), c30 = f64x2.splat(0), c31 = f64x2.splat(0);
  for (let k = 0; k < kc; k++) {
    const b0 = v128.load(b), b1 = v128.load(b, 16);
    const a0 = v128.load64_splat(a), a1 = v128.load64_splat(a, 8), a2 = v128.load64_splat(a, 16), a3 = v128.load64_splat(a, 24);
    c00 = f64x2.add(c00, f64x2.mul(a0, b0)); c01 = f64x2.add(c01, f64x2.mul(a0, b1));
    c10 = f64x2.add(c10, f64x2.mul(a1, b0)); c11 = f64x2.add(c11, f64x2.mul(a1, b1));
    c20 = f64x2.add(c20, f64x2.mul(a2, b0)); c21 = f64x2.add(c21, f64x2.mul(a2, b1));
    c30 = f64x2.add(c30, f64x2.mul(a3, b0)); c31 = f64x2.add(c31, f64x2.mul(a3, b1));
    a += 32;
    b += 32;
  }
  addRow(g, m, pi * 4, pj * 4, c00, c01);
  addRow(g, m, pi * 4 + 1, pj * 4, c10, c11);
  addRow(g, m, pi * 4 + 2, pj * 4, c20, c21);
  addRow(g, m, pi * 4 + 3, pj * 4, c30, c31);
}

/** G[i][j..j+3] += the 4 lanes of lo, hi (those inside m x m). */
// @ts-ignore: decorator
@inline
function addRow(g: usize, m: i32, i: i32, j: i32, lo: v128, hi: v128): void {
  if (i >= m) return;
  const row = g + (<usize>(i * m) << 3);
  if (j < m) store<f64>(row + (<usize>j << 3), load<f64>(row + (<usize>j << 3)) + f64x2.extract_lane(lo, 0));
  if (j + 1 < m) store<f64>(row + (<usize>(j + 1) << 3), load<f64>(row + (<usize>(j + 1) << 3)) + f64x2.extract_lane(lo, 1));
  if (j + 2 < m) store<f64>(row + (<usize>(j + 2) << 3), load<f64>(row + (<usize>(j + 2) << 3)) + f64x2.extract_lane(hi, 0));
  if (j + 3 < m) store<f64>(row + (<usize>(j + 3) << 3), load<f64>(row + (<usize>(j + 3) << 3)) + f64x2.extract_lane(hi, 1));
}
