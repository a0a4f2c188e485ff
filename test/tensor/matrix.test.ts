import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataError, Matrix, ops, Random, ShapeError } from '../../src/index.js';

test('matrix products in all three forms agree with a naive product', () => {
  const rng = new Random(1);
  for (const [m, k, n] of [[1, 1, 1], [3, 5, 2], [7, 1, 4], [1, 9, 1], [13, 17, 11]] as const) {
    const A = new Matrix(m, k, Float64Array.from({ length: m * k }, () => rng.randn()));
    const B = new Matrix(k, n, Float64Array.from({ length: k * n }, () => rng.randn()));
    const C = ops.matmul(A, B);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += A.get(i, p) * B.get(p, j);
      assert.ok(Math.abs(C.get(i, j) - s) < 1e-12);
    }
    assert.deepEqual(ops.matmulTransB(A, B.transpose()).toArray().flat().map((v) => v.toFixed(10)), C.toArray().flat().map((v) => v.toFixed(10)));
    assert.deepEqual(ops.matmulTransA(A.transpose(), B).toArray().flat().map((v) => v.toFixed(10)), C.toArray().flat().map((v) => v.toFixed(10)));
  }
});

test('shape errors name both shapes', () => {
  const A = Matrix.zeros(3, 4), B = Matrix.zeros(5, 2);
  assert.throws(() => ops.matmul(A, B), (e: Error) => e instanceof ShapeError && /3 x 4/.test(e.message) && /5 x 2/.test(e.message));
  assert.throws(() => ops.add(A, B), /3 x 4 and 5 x 2/);
  assert.throws(() => ops.addColumn(A, Matrix.zeros(4, 1)), /4 x 1 over 3 x 4/);
  assert.throws(() => new Matrix(2, 2, new Float32Array(3)), /length 3/);
});

test('broadcasting b over columns, row and column sums, one-hot, argmax', () => {
  const Z = Matrix.from([[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(ops.addColumn(Z, Matrix.column([10, 20])).toArray(), [[11, 12, 13], [24, 25, 26]]);
  assert.deepEqual(Array.from(ops.sumColumns(Z).data), [6, 15]);
  assert.deepEqual(Array.from(ops.sumRows(Z).data), [5, 7, 9]);
  assert.deepEqual(ops.oneHot([2, 0], 3).toArray(), [[0, 1], [0, 0], [1, 0]]);
  assert.deepEqual(Array.from(ops.argmaxColumns(Matrix.from([[0.1, 0.8], [0.7, 0.1], [0.2, 0.1]]))), [1, 0]);
  assert.throws(() => ops.oneHot([3], 3), /label 3/);
});

test('the generator gives the words of the textbook MT19937 loop (indices mod N, a branch on the low bit) over several twists', () => {
  const N = 624, M = 397;
  const mt = new Uint32Array(N);
  let seed = 5489;
  for (let i = 0; i < N; i++) { mt[i] = seed; seed = (Math.imul(1812433253, (seed ^ (seed >>> 30)) >>> 0) + i + 1) >>> 0; }
  const words: number[] = [];
  for (let twist = 0; twist < 4; twist++) {
    for (let i = 0; i < N; i++) {
      const y = (mt[i]! & 0x80000000) | (mt[(i + 1) % N]! & 0x7fffffff);
      let v = mt[(i + M) % N]! ^ (y >>> 1);
      if (y & 1) v ^= 0x9908b0df;
      mt[i] = v >>> 0;
    }
    for (let i = 0; i < N; i++) {
      let y = mt[i]!;
      y ^= y >>> 11; y ^= (y << 7) & 0x9d2c5680; y ^= (y << 15) & 0xefc60000; y ^= y >>> 18;
      words.push(y >>> 0);
    }
  }
  const r = new Random(5489);
  assert.deepEqual(words.map(() => r.nextUint32()), words);
});

test("the seeded generator reproduces numpy's np.random.seed / randn / rand", () => {
  const r = new Random(1);
  // np.random.seed(1); np.random.randn(4)
  assert.deepEqual([r.randn(), r.randn(), r.randn(), r.randn()], [1.6243453636632417, -0.6117564136500754, -0.5281717522634557, -1.0729686221561705]);
  // np.random.seed(1); np.random.rand()
  assert.equal(new Random(1).random(), 0.417022004702574);
  // np.random.seed(3); np.random.randn() (the course's initialize_parameters test seed)
  assert.equal(new Random(3).randn().toFixed(8), '1.78862847');
});

test('float64 is kept when asked for, float32 is the default', () => {
  assert.equal(Matrix.zeros(2, 2).dtype, 'float32');
  assert.equal(Matrix.zeros(2, 2, 'float64').dtype, 'float64');
  assert.equal(ops.matmul(Matrix.zeros(2, 2, 'float64'), Matrix.zeros(2, 2, 'float64')).dtype, 'float64');
});

test('the constructor takes typed arrays only and a known dtype (a plain array used to fail later inside fit: src.subarray is not a function)', () => {
  const shapeError = (fn: () => unknown, pattern: RegExp) => assert.throws(fn, (e: unknown) => e instanceof ShapeError && pattern.test(e.message));
  shapeError(() => new Matrix(1, 2, [1, 2] as never), /data must be a Float32Array or Float64Array, got an Array; use Matrix\.from\(rows\)/);
  shapeError(() => new Matrix(1, 2, new Int32Array(2) as never), /got an Int32Array/);
  shapeError(() => new Matrix(1, 2, undefined, 'int8' as never), /dtype must be 'float32' or 'float64', got "int8"/);
  assert.equal(new Matrix(1, 2, new Float64Array(2)).dtype, 'float64');
  assert.deepEqual(Array.from(Matrix.from([[1, 2]]).data), [1, 2]);
});

test('a matrix too large to allocate is a ShapeError naming its size; values that are no numbers are named (Matrix.row([\'a\']) was NaN)', () => {
  assert.throws(() => new Matrix(1e6, 1e6), (e: unknown) => e instanceof ShapeError && /^a 1000000 x 1000000 matrix \(1\.00e\+12 float32 values\) is too large to allocate$/.test((e as Error).message));
  const dataError = (fn: () => unknown, pattern: RegExp) => assert.throws(fn, (e: unknown) => e instanceof DataError && pattern.test((e as Error).message));
  dataError(() => Matrix.row(['a'] as unknown as number[]), /^Matrix\.row: values\[0\] is a string \('a'\), not a number$/);
  dataError(() => Matrix.column([1, null] as unknown as number[]), /^Matrix\.column: values\[1\] is null, not a number$/);
  dataError(() => Matrix.from([[1, 2], [3, '4']] as unknown as number[][]), /^Matrix\.from: rows\[1\]\[1\] is a string \('4'\), not a number$/);
  assert.ok(Number.isNaN(Matrix.row([NaN]).data[0]!), 'NaN, a number, stays the missing value');
});
