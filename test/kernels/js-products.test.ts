// The JS kernels' products over shapes that cross their tiles (4 x 4, 2 x 2) and blocks (depth 256,
// 128 columns): every C[i, j] is the float64 sum of its terms in a fixed order, so float64 results
// are those of the plain loops bit for bit, whatever the blocking.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsKernels } from '../../src/kernels/js/index.js';
import { Random } from '../../src/index.js';

const SHAPES = [[1, 1, 1], [5, 3, 2], [9, 300, 131], [4, 257, 129], [130, 5, 3], [6, 513, 7], [1, 600, 209], [3, 40, 260]] as const;

function randoms<T extends Float32Array | Float64Array>(n: number, rng: Random, out: (n: number) => T): T {
  const v = out(n);
  for (let q = 0; q < n; q++) v[q] = rng.randn();
  return v;
}
const f64 = (n: number) => new Float64Array(n), f32 = (n: number) => new Float32Array(n);

/** sum_p A(i,p) B(p,j) added in order p = 0..k-1 (the plain i-p-j loop's order). */
function inOrder(A: (i: number, p: number) => number, B: (p: number, j: number) => number, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let p = 0; p < k; p++) s += A(i, p) * B(p, j);
    c[i * n + j] = s;
  }
  return c;
}

/** Four partial sums over p mod 4, added as (s0 + s1) + (s2 + s3) (the dot products of A·B^T). */
function fourLanes(A: (i: number, p: number) => number, B: (p: number, j: number) => number, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    const s = new Float64Array(4);
    const k4 = k - (k % 4);
    for (let p = 0; p < k4; p++) s[p % 4] = s[p % 4]! + A(i, p) * B(p, j);
    for (let p = k4; p < k; p++) s[0] = s[0]! + A(i, p) * B(p, j);
    c[i * n + j] = s[0]! + s[1]! + (s[2]! + s[3]!);
  }
  return c;
}

/** A (m x k) and B (k x n) drawn from rng, their transposes, and element readers A(i, p), B(p, j). */
function operands<T extends Float32Array | Float64Array>(m: number, k: number, n: number, rng: Random, alloc: (n: number) => T) {
  const a = randoms(m * k, rng, alloc), b = randoms(k * n, rng, alloc);
  const A = (i: number, p: number) => a[i * k + p]!, B = (p: number, j: number) => b[p * n + j]!;
  const aT = alloc(k * m), bT = alloc(n * k);
  for (let i = 0; i < m; i++) for (let p = 0; p < k; p++) aT[p * m + i] = A(i, p);
  for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) bT[j * k + p] = B(p, j);
  return { a, b, aT, bT, A, B };
}

test('float64: A·B and A^T·B add in order p = 0..k-1, A·B^T in four partial sums, bit for bit, with alpha', () => {
  const rng = new Random(5);
  for (const [m, k, n] of SHAPES) {
    const { a, b, aT, bT, A, B } = operands(m, k, n, rng, f64);
    const want = inOrder(A, B, m, k, n), wantLanes = fourLanes(A, B, m, k, n);
    const c = new Float64Array(m * n + 3).fill(7); // room past m x n that must not be touched
    jsKernels.matmul(a, b, c, m, k, n);
    assert.deepEqual(c.subarray(0, m * n), want, `A·B ${m}x${k}x${n}`);
    jsKernels.matmulTransA(aT, b, c, m, k, n);
    assert.deepEqual(c.subarray(0, m * n), want, `A^T·B ${m}x${k}x${n}`);
    jsKernels.matmulTransB(a, bT, c, m, k, n, 0.5);
    assert.deepEqual(c.subarray(0, m * n), wantLanes.map((v) => 0.5 * v), `A·B^T ${m}x${k}x${n}`);
    jsKernels.matmul(a, b, c, m, k, n, -2);
    assert.deepEqual(c.subarray(0, m * n), want.map((v) => -2 * v), `alpha A·B ${m}x${k}x${n}`);
    assert.deepEqual(Array.from(c.subarray(m * n)), [7, 7, 7]);
  }
});

test('float32: the three products are the float64 sums rounded, within float32 rounding of each depth block', () => {
  const rng = new Random(6);
  for (const [m, k, n] of SHAPES) {
    const { a, b, aT, bT, A, B } = operands(m, k, n, rng, f32);
    const want = inOrder(A, B, m, k, n);
    // the sum's rounding error is at most about (blocks + 1) float32 roundings of the magnitudes summed
    const scale = inOrder((i, p) => Math.abs(A(i, p)), (p, j) => Math.abs(B(p, j)), m, k, n);
    const tol = (q: number) => (Math.ceil(k / 256) + 1) * 2 ** -23 * scale[q]! + 1e-30;
    for (const [form, run] of [
      ['A·B', (c: Float32Array) => jsKernels.matmul(a, b, c, m, k, n)],
      ['A^T·B', (c: Float32Array) => jsKernels.matmulTransA(aT, b, c, m, k, n)],
      ['A·B^T', (c: Float32Array) => jsKernels.matmulTransB(a, bT, c, m, k, n)],
    ] as const) {
      const c = new Float32Array(m * n);
      run(c);
      c.forEach((v, q) => assert.ok(Math.abs(v - want[q]!) <= tol(q), `${form} ${m}x${k}x${n} [${q}]: ${v} vs ${want[q]}`));
    }
  }
});
