// The softmax output layer's activation (AssemblyScript source), two columns (examples) at a time:
// every value in float64 from the float32 Z, e^x by fdlibm's algorithm (the one JavaScript engines'
// Math.exp follows, to its bits) on both lanes of an f64x2.
// No fused multiply-add: every build gives the same bits.

import { load2, store2 } from './simd';

// fdlibm's e^x: x = k ln2 + r (|r| <= ln2 / 2, ln2 in two parts so that k * LN2_HI is exact),
// e^r = 1 + r + r c / (2 - c) with c = r - r^2 (P1 + r^2 (P2 + ...)), then times 2^k.
const LN2_HI: f64 = 6.93147180369123816490e-01;
const LN2_LO: f64 = 1.90821492927058770002e-10;
const INV_LN2: f64 = 1.44269504088896338700e+00;
const P1: f64 = 1.66666666666666019037e-01;
const P2: f64 = -2.77777777770155933842e-03;
const P3: f64 = 6.61375632143793436117e-05;
const P4: f64 = -1.65339022054652515390e-06;
const P5: f64 = 4.13813679705723846039e-08;

/** The f64x2 2^t for two whole numbers t in the normal range (-1022..1023), built from their bits. */
// @ts-ignore: decorator
@inline
function pow2(t: v128): v128 {
  // t + 1.5 * 2^52 holds t in its low bits; minus those of 1.5 * 2^52 - 1023, shifted into the exponent
  return i64x2.shl(i64x2.sub(f64x2.add(t, f64x2.splat(ROUNDER)), f64x2.splat(ROUNDER - 1023)), 52);
}

/** Adding it rounds a float64 below 2^51 in magnitude to a whole number (to nearest, ties to even). */
const ROUNDER: f64 = 6755399441055744.0;

/**
 * e^x on both lanes of an f64x2, within one unit in the last place (fdlibm's bound; measured: the
 * bits of V8's Math.exp over 8 million values from -800 to 710): 0 below -745.2, infinity above
 * 709.8, NaN for NaN.
 */
// @ts-ignore: decorator
@inline
function exp2x(x: v128): v128 {
  // beyond [-746, 710] e^x is 0 or infinity: clamped (NaN kept), so that 2^k splits into two normal factors
  const v = f64x2.pmin(f64x2.pmax(x, f64x2.splat(-746)), f64x2.splat(710));
  // k = round(x / ln2) (ties to even: fdlibm rounds them away from 0, the same within its bound), r = x - k ln2 = hi - lo
  const k = f64x2.sub(f64x2.add(f64x2.mul(v, f64x2.splat(INV_LN2)), f64x2.splat(ROUNDER)), f64x2.splat(ROUNDER));
  const hi = f64x2.sub(v, f64x2.mul(k, f64x2.splat(LN2_HI))), lo = f64x2.mul(k, f64x2.splat(LN2_LO));
  const r = f64x2.sub(hi, lo), rr = f64x2.mul(r, r);
  let p = f64x2.add(f64x2.splat(P4), f64x2.mul(rr, f64x2.splat(P5)));
  p = f64x2.add(f64x2.splat(P3), f64x2.mul(rr, p));
  p = f64x2.add(f64x2.splat(P2), f64x2.mul(rr, p));
  p = f64x2.add(f64x2.splat(P1), f64x2.mul(rr, p));
  const c = f64x2.sub(r, f64x2.mul(rr, p));
  // y = 1 - ((lo - r c / (2 - c)) - hi) = e^r
  const y = f64x2.sub(f64x2.splat(1), f64x2.sub(f64x2.sub(lo, f64x2.div(f64x2.mul(r, c), f64x2.sub(f64x2.splat(2), c))), hi));
  // times 2^k as 2^(k - floor(k/2)) 2^floor(k/2): both factors normal, the product rounded once
  const k1 = f64x2.floor(f64x2.mul(k, f64x2.splat(0.5)));
  const e = f64x2.mul(f64x2.mul(y, pow2(k1)), pow2(f64x2.sub(k, k1)));
  // for |x| < 2^-28, 1 + x (as fdlibm)
  return v128.bitselect(f64x2.add(f64x2.splat(1), x), e, f64x2.lt(f64x2.abs(x), f64x2.splat(TINY_X)));
}

/** 2^-28: below it in magnitude, e^x rounds to 1 + x. */
const TINY_X: f64 = 3.725290298461914e-9;

/**
 * a_i = e^(z_i - max z) / sum_k e^(z_k - max z), per column (per example) of the rows x cols z and a
 * (rows ld floats apart), and each column's log-sum-exp lse = max z + log sum_k e^(z_k - max z),
 * kept as a float64 at lse (one per column) for the loss. The e^(z_i - max z) are stored as
 * float32 before the division, as the JavaScript reference stores them in A.
 */
export function softmax(z: usize, a: usize, rows: i32, cols: i32, ldz: i32, lse: usize): void {
  const ld = <usize>ldz << 2;
  let j = 0;
  for (; j + 2 <= cols; j += 2) {
    const zj = z + (<usize>j << 2), aj = a + (<usize>j << 2);
    let max = f64x2.splat(-Infinity);
    for (let i = 0; i < rows; i++) max = f64x2.max(max, load2(zj + <usize>i * ld));
    let s = f64x2.splat(0);
    for (let i = 0; i < rows; i++) {
      const e = exp2x(f64x2.sub(load2(zj + <usize>i * ld), max));
      store2(aj + <usize>i * ld, e);
      s = f64x2.add(s, e);
    }
    for (let i = 0; i < rows; i++) store2(aj + <usize>i * ld, f64x2.div(load2(aj + <usize>i * ld), s));
    const at = lse + (<usize>j << 3);
    store<f64>(at, f64x2.extract_lane(max, 0) + Math.log(f64x2.extract_lane(s, 0)));
    store<f64>(at, f64x2.extract_lane(max, 1) + Math.log(f64x2.extract_lane(s, 1)), 8);
  }
  if (j < cols) softmaxColumn(z, a, rows, ldz, j, lse);
}

/** The softmax of column j alone (softmax's last column when cols is odd), as softmax computes each. */
function softmaxColumn(z: usize, a: usize, rows: i32, ldz: i32, j: i32, lse: usize): void {
  const ld = <usize>ldz << 2, zj = z + (<usize>j << 2), aj = a + (<usize>j << 2);
  let max = -Infinity;
  for (let i = 0; i < rows; i++) max = Math.max(max, <f64>load<f32>(zj + <usize>i * ld));
  let s: f64 = 0;
  for (let i = 0; i < rows; i++) {
    const e = f64x2.extract_lane(exp2x(f64x2.splat(<f64>load<f32>(zj + <usize>i * ld) - max)), 0);
    store<f32>(aj + <usize>i * ld, <f32>e);
    s += e;
  }
  for (let i = 0; i < rows; i++) store<f32>(aj + <usize>i * ld, <f32>(<f64>load<f32>(aj + <usize>i * ld) / s));
  store<f64>(lse + (<usize>j << 3), max + Math.log(s));
}
