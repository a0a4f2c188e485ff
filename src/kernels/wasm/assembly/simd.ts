// SIMD helpers shared by the products (gemm.ts, gemv.ts), the update (train.ts) and the softmax
// (softmax.ts). Not in gemm.ts itself: its exports are the module's, and a function with v128
// parameters cannot be called from JavaScript.

// a * b + c: one fused multiply-add when built with relaxed SIMD (gemm-relaxed*.wasm),
// else a multiply and an add
// @ts-ignore: decorator
@inline
export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

/** Two float32 at p, widened to an f64x2 (float64 arithmetic on float32 values, two at a time). */
// @ts-ignore: decorator
@inline
export function load2(p: usize): v128 {
  return f64x2.promote_low_f32x4(v128.load64_zero(p));
}

/** An f64x2 rounded to two float32 at p. */
// @ts-ignore: decorator
@inline
export function store2(p: usize, x: v128): void {
  v128.store64_lane(p, f32x4.demote_f64x2_zero(x), 0);
}
