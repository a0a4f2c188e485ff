// Inverted dropout in the resident training step (AssemblyScript source). The masks D[l] are drawn
// in JavaScript (src/kernels/wasm/dropout.ts), where the network's generator is, and written into
// each block's area: a value of D is 0 (dropped) or 1/keepProb rounded to float32 (kept), as
// network.ts stores them. Forward and backward round as network.ts does: the forward product
// takes the float64 1/keepProb (network.ts multiplies by the mask before storing it), the backward
// one the float32 D (it multiplies by the stored mask).

/** A = G * D over n values: G = g(Z) before dropout, invKeep = 1/keepProb (float64). */
export function dropForward(g: usize, d: usize, a: usize, n: i32, invKeep: f64): void {
  for (let k = 0; k < n; k++) {
    const o = <usize>k << 2;
    const mask: f64 = load<f32>(d + o) != 0 ? invKeep : 0;
    store<f32>(a + o, <f32>(<f64>load<f32>(g + o) * mask)); // A[l] = g(Z[l]) * D[l]
  }
}

/**
 * dA := dA * D over n values. A float32 product rounds as the float64 product rounded once to
 * float32 (the exact product of two float32 fits in a float64), so SIMD gives the reference's bits.
 */
export function dropBackward(da: usize, d: usize, n: i32): void {
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    const o = <usize>k << 2;
    v128.store(da + o, f32x4.mul(v128.load(da + o), v128.load(d + o))); // dA[l] *= D[l]
  }
  for (; k < n; k++) {
    const o = <usize>k << 2;
    store<f32>(da + o, load<f32>(da + o) * load<f32>(d + o));
  }
}
