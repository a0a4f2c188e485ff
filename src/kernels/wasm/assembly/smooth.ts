// The smooth activations of the resident training step (AssemblyScript source): tanh, sigmoid and
// elu / selu on hidden layers, forward g(Z) and backward dZ = dA * g'(Z), in the formulas of
// src/nn/activations.ts. Each value is computed in float64 from the float32 inputs and rounded
// once to float32, as the JavaScript reference does, so the two agree within that rounding (the
// only difference left is Math.tanh / Math.exp / Math.expm1 of this module against the engine's).
//
// Activation kinds (slot 10 of a plan's layer record, after the piecewise-linear RELU 0, LEAKY 1,
// LINEAR 2 of gemm.ts): TANH 3, SIGMOID 4, ELU 5, with alpha and scale for ELU (selu is ELU with
// its constants; plain elu has scale 1).

export const TANH: i32 = 3;
export const SIGMOID: i32 = 4;

/** sigma(z) = 1 / (1 + e^-z), in the form that does not overflow for either sign of z. */
// @ts-ignore: decorator
@inline
function sigma(v: f64): f64 {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

/** a = sigma(z) over n values (also the sigmoid output layer's). */
export function sigmoid(z: usize, a: usize, n: i32): void {
  for (let k = 0; k < n; k++) {
    const o = <usize>k << 2;
    store<f32>(a + o, <f32>sigma(<f64>load<f32>(z + o)));
  }
}

/** g(v) of kind TANH, SIGMOID or ELU (sa = scale * alpha). */
// @ts-ignore: decorator
@inline
function smooth(kind: i32, v: f64, sa: f64, scale: f64): f64 {
  if (kind == TANH) return Math.tanh(v);
  if (kind == SIGMOID) return sigma(v);
  return v > 0 ? scale * v : sa * Math.expm1(v); // elu: scale z for z > 0, else scale alpha (e^z - 1)
}

/** Z := Z + b (b_i added to row i of the rows x cols Z), A = g(Z) for a smooth kind. */
export function smoothActivation(z: usize, b: usize, a: usize, rows: i32, cols: i32, kind: i32, alpha: f64, scale: f64): void {
  const sa = scale * alpha;
  for (let i = 0; i < rows; i++) {
    const bi = load<f32>(b + (<usize>i << 2));
    const row = <usize>(i * cols) << 2;
    for (let j = 0; j < cols; j++) {
      const o = row + (<usize>j << 2);
      const v = load<f32>(z + o) + bi;
      store<f32>(z + o, v);
      store<f32>(a + o, <f32>smooth(kind, <f64>v, sa, scale));
    }
  }
}

/**
 * dZ = dA * g'(Z) over n values for a smooth kind, from Z and G = g(Z) (before any dropout):
 * tanh' = 1 - g^2, sigmoid' = g (1 - g), elu' = scale for z > 0, else g + scale * alpha.
 */
export function smoothGradient(z: usize, g: usize, da: usize, dz: usize, n: i32, kind: i32, alpha: f64, scale: f64): void {
  const sa = scale * alpha;
  for (let k = 0; k < n; k++) {
    const o = <usize>k << 2;
    const d = <f64>load<f32>(da + o), gk = <f64>load<f32>(g + o);
    let r: f64;
    if (kind == TANH) r = d * (1 - gk * gk);                     // dZ = dA * (1 - A^2)
    else if (kind == SIGMOID) r = d * gk * (1 - gk);             // dZ = dA * A (1 - A)
    else r = load<f32>(z + o) > 0 ? scale * d : d * (gk + sa);   // dZ = dA * scale, or dA * (A + scale alpha)
    store<f32>(dz + o, <f32>r);
  }
}
