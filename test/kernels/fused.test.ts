// The fused dense-layer passes (Z = W·X + b, A = g(Z); dA = W^T·dZ, dZbelow = dA * g'(Zbelow)):
// the JS reference against the separate steps, and the WebAssembly ones against the JS reference, bit for bit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { jsKernels, biasActivation } from '../../src/kernels/js/index.js';
import { loadWasmKernels } from '../../src/kernels/wasm/index.js';
import { loadThreadedKernels, stopThreads, setParallelThreshold } from '../../src/kernels/wasm/threads.js';
import type { Kernels, Piecewise } from '../../src/kernels/kernels.js';
import { getActivation } from '../../src/nn/activations.js';
import { Matrix } from '../../src/tensor/matrix.js';
import { addColumn } from '../../src/tensor/ops.js';
import { Random } from '../../src/tensor/random.js';

const ACTIVATIONS: { spec: Parameters<typeof getActivation>[0]; g: Piecewise }[] = [
  { spec: 'relu', g: { kind: 'relu' } },
  { spec: 'leakyRelu', g: { kind: 'leakyRelu', slope: 0.01 } },
  { spec: { name: 'leakyRelu', alpha: 0.3 }, g: { kind: 'leakyRelu', slope: 0.3 } },
  { spec: 'linear', g: { kind: 'linear' } },
];
// [m, k, n]: tails of 1..3 columns after the groups of 4, a single row or column, and one large enough for the threads
const SHAPES: [number, number, number][] = [[1, 1, 1], [3, 5, 7], [7, 3, 1], [1, 9, 6], [13, 31, 65], [64, 128, 64], [70, 300, 301]];

function random(n: number, rng: Random): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.random() * 2 - 1;
  return a;
}

function bitsEqual(got: Float32Array, want: Float32Array, what: string): void {
  assert.equal(got.length, want.length);
  for (let i = 0; i < got.length; i++) {
    if (!Object.is(got[i], want[i])) assert.fail(`${what}[${i}]: ${got[i]} vs ${want[i]}`);
  }
}

let wasm: Kernels;
let threads: Kernels;
before(async () => {
  wasm = await loadWasmKernels();
  threads = await loadThreadedKernels(2);
  setParallelThreshold(1 << 18);
});
after(async () => {
  await stopThreads();
});

test('the JS fused pass gives what the separate steps (product, + b, g) give', () => {
  const rng = new Random(3);
  for (const { spec, g } of ACTIVATIONS) {
    const act = getActivation(spec);
    assert.deepEqual(act.piecewise, g);
    for (const [m, k, n] of SHAPES) {
      const w = random(m * k, rng), x = random(k * n, rng), b = random(m, rng);
      const z = new Float32Array(m * n), a = new Float32Array(m * n);
      jsKernels.denseForward!(w, x, b, z, a, m, k, n, g);
      const Z = new Matrix(m, n), A = new Matrix(m, n);
      jsKernels.matmul(w, x, Z.data, m, k, n);
      addColumn(Z, new Matrix(m, 1, b), Z);
      act.forward(Z, A);
      bitsEqual(z, Z.data as Float32Array, `${act.name} Z`);
      bitsEqual(a, A.data as Float32Array, `${act.name} A`);
      // backward into this layer from one of k units above: dA = W2^T dZ2, dZ = dA * g'(Z)
      const w2 = random(k * m, rng), dz2 = random(k * n, rng);
      const da = new Float32Array(m * n), dz = new Float32Array(m * n);
      jsKernels.denseBackward!(w2, dz2, z, da, dz, m, k, n, g);
      const dA = new Matrix(m, n), dZ = new Matrix(m, n);
      jsKernels.matmulTransA(w2, dz2, dA.data, m, k, n);
      act.backward(Z, A, dA, dZ);
      bitsEqual(da, dA.data as Float32Array, `${act.name} dA`);
      bitsEqual(dz, dZ.data as Float32Array, `${act.name} dZ`);
    }
  }
});

for (const name of ['wasm', 'wasm-threads']) {
  test(`${name}: the fused passes equal the JS reference bit for bit (NaN, -0 and 0 included)`, () => {
    const kernels = name === 'wasm' ? wasm : threads;
    const rng = new Random(5);
    for (const { g } of ACTIVATIONS) {
      for (const [m, k, n] of SHAPES) {
        const w = random(m * k, rng), x = random(k * n, rng), b = random(m, rng);
        b[0] = NaN;                 // a NaN row: relu must treat it as the reference does
        if (m > 1) b[1] = -0;
        // the reference: this backend's own product (its float32 rounding), then + b and g in JS
        const want = [new Float32Array(m * n), new Float32Array(m * n)], got = [new Float32Array(m * n), new Float32Array(m * n)];
        kernels.matmul(w, x, want[0]!, m, k, n);
        biasActivation(want[0]!, b, want[1]!, m, n, g);
        kernels.denseForward!(w, x, b, got[0]!, got[1]!, m, k, n, g);
        bitsEqual(got[0]!, want[0]!, `${name} ${g.kind} ${m}x${k}x${n} Z`);
        bitsEqual(got[1]!, want[1]!, `${name} ${g.kind} ${m}x${k}x${n} A`);
        const w2 = random(k * m, rng), dz2 = random(k * n, rng);
        const zb = random(m * n, rng);
        zb[0] = 0; zb[zb.length - 1] = NaN;
        const wantB = [new Float32Array(m * n), new Float32Array(m * n)], gotB = [new Float32Array(m * n), new Float32Array(m * n)];
        jsKernels.denseBackward!(w2, dz2, zb, wantB[0]!, wantB[1]!, m, k, n, g);
        kernels.denseBackward!(w2, dz2, zb, gotB[0]!, gotB[1]!, m, k, n, g);
        // dA is a product (float32 rounding may differ); dZ is compared bit for bit given the same dA
        gotB[0]!.forEach((v, i) => assert.ok(Math.abs(v - wantB[0]![i]!) <= 1e-5 * (1 + Math.abs(wantB[0]![i]!)), `${name} dA[${i}]`));
        const dzFromGot = new Float32Array(m * n);
        jsActivationGradient(zb, gotB[0]!, dzFromGot, g);
        bitsEqual(gotB[1]!, dzFromGot, `${name} ${g.kind} ${m}x${k}x${n} dZ`);
      }
    }
  });
}

/** dZ = dA * g'(Z) by the scalar rule of the activation object. */
function jsActivationGradient(z: Float32Array, da: Float32Array, dz: Float32Array, g: Piecewise): void {
  const n = z.length;
  const Z = new Matrix(1, n, z), dA = new Matrix(1, n, da), dZ = new Matrix(1, n, dz);
  const act = getActivation(g.kind === 'leakyRelu' ? { name: 'leakyRelu', alpha: g.slope } : g.kind);
  act.backward(Z, Z, dA, dZ);
}
