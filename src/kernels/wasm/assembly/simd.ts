// SIMD helpers shared by the products (gemm.ts, gemv.ts). Not in gemm.ts itself: its exports are the
// module's, and a function with v128 parameters cannot be called from JavaScript.

// a * b + c: one fused multiply-add when built with relaxed SIMD (gemm-relaxed*.wasm),
// else a multiply and an add
// @ts-ignore: decorator
@inline
export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}
