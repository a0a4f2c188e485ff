// A 4 x 4 transpose in registers, shared by the products' packing (gemm.ts) and the copies of the
// training set (train.ts). Not in gemm.ts itself: its exports are the module's, and a function
// with v128 parameters cannot be called from JavaScript.

// Store the transpose of the 4 x 4 block with rows r0..r3: its row q (lane q of each r)
// goes to dst + q * stride.
// @ts-ignore: decorator
@inline
export function transpose4(r0: v128, r1: v128, r2: v128, r3: v128, dst: usize, stride: usize): void {
  const a = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5); // r0[0] r1[0] r0[1] r1[1]
  const b = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5); // r2[0] r3[0] r2[1] r3[1]
  const c = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
  const d = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
  v128.store(dst, v128.shuffle<f32>(a, b, 0, 1, 4, 5));
  v128.store(dst + stride, v128.shuffle<f32>(a, b, 2, 3, 6, 7));
  v128.store(dst + 2 * stride, v128.shuffle<f32>(c, d, 0, 1, 4, 5));
  v128.store(dst + 3 * stride, v128.shuffle<f32>(c, d, 2, 3, 6, 7));
}
