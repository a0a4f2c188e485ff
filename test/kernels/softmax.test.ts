// The softmax of the in-WebAssembly step (assembly/softmax.ts) computes e^x by fdlibm's algorithm,
// two columns at a time: its A must be the JavaScript reference's (src/nn/activations.ts), bit for
// bit, for odd and even column counts and for columns whose values are far apart, near each other,
// or large, whole or a range of its columns; and each column's log-sum-exp (kept for the loss)
// max z + log sum e^(z - max z).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileGemm, WASM_URL, WASM_RELAXED_URL, WasmGemm, type GemmExports } from '../../src/kernels/wasm/index.js';
import { getActivation } from '../../src/nn/activations.js';
import { Matrix } from '../../src/tensor/matrix.js';
import { Random } from '../../src/tensor/random.js';

interface SoftmaxExports extends GemmExports {
  softmax(z: number, a: number, rows: number, cols: number, ldz: number, lse: number): void;
}

/** A rows x cols Z of varied columns: random of several scales, far apart, near each other, extreme. */
function columns(rows: number, cols: number, seed: number): Float32Array {
  const z = new Float32Array(rows * cols);
  const rng = new Random(seed), rand = () => 2 * rng.random() - 1;
  for (let j = 0; j < cols; j++) {
    const kind = j % 6;
    for (let i = 0; i < rows; i++) {
      const r = rand();
      z[i * cols + j] = kind === 0 ? r : kind === 1 ? 30 * r : kind === 2 ? (i === 0 ? 0 : -700 - 100 * Math.abs(r)) // e^x subnormal or 0
        : kind === 3 ? 1e-3 + 1e-9 * r // values a few float32 steps apart
        : kind === 4 ? 80 + r : -1e30 * Math.abs(r) - (i === 1 ? 0 : 1);
    }
  }
  return z;
}

for (const [name, url] of [['gemm.wasm', WASM_URL], ['gemm-relaxed.wasm', WASM_RELAXED_URL]] as const) {
  test(`${name}: softmax equals the JavaScript reference bit for bit, and keeps each column's log-sum-exp`, async () => {
    const compiled = await compileGemm(url!);
    const memory = new WebAssembly.Memory({ initial: 1 });
    const instance = await WebAssembly.instantiate(compiled, { env: { memory } });
    const ex = instance.exports as unknown as SoftmaxExports;
    const g = new WasmGemm(ex, memory);
    for (const [rows, cols] of [[10, 64], [3, 7], [2, 1], [17, 33], [4, 2], [1, 5]] as const) {
      const Z = columns(rows, cols, rows * 100 + cols);
      const at = g.reserve(4 * 2 * rows * cols + 8 * cols);
      const z = at, a = at + 4 * rows * cols, lse = a + 4 * rows * cols;
      g.floats().set(Z, z >> 2);
      ex.softmax(z, a, rows, cols, cols, lse);
      const want = new Matrix(rows, cols);
      getActivation('softmax').forward(new Matrix(rows, cols, Z.slice()), want);
      const got = g.floats().slice(a >> 2, (a >> 2) + rows * cols);
      for (let k = 0; k < rows * cols; k++) {
        if (!Object.is(got[k], want.data[k])) assert.fail(`${rows} x ${cols}: A[${Math.floor(k / cols)}][${k % cols}] is ${got[k]}, the reference's ${want.data[k]}`);
      }
      // a range of the columns (rows cols apart, as a thread takes its columns of the output layer): the same values
      const j0 = cols >> 1;
      g.floats().fill(0, a >> 2, (a >> 2) + rows * cols);
      ex.softmax(z + 4 * j0, a + 4 * j0, rows, cols - j0, cols, lse + 8 * j0);
      const part = g.floats().slice(a >> 2, (a >> 2) + rows * cols);
      for (let k = 0; k < rows * cols; k++) {
        const expected = k % cols >= j0 ? want.data[k] : 0;
        if (!Object.is(part[k], expected)) assert.fail(`${rows} x ${cols}, columns ${j0}..: A[${Math.floor(k / cols)}][${k % cols}] is ${part[k]}, expected ${expected}`);
      }
      const f64 = new Float64Array(memory.buffer, lse, cols);
      for (let j = 0; j < cols; j++) {
        let max = -Infinity, s = 0;
        for (let i = 0; i < rows; i++) max = Math.max(max, Z[i * cols + j]!);
        for (let i = 0; i < rows; i++) s += Math.exp(Z[i * cols + j]! - max);
        const expected = max + Math.log(s);
        assert.ok(Math.abs(f64[j]! - expected) <= 1e-15 * Math.max(1, Math.abs(expected)), `${rows} x ${cols}: lse[${j}] is ${f64[j]}, expected ${expected}`);
      }
      g.release();
    }
  });
}
