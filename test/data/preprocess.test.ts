import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from '../../src/tensor/matrix.js';
import { fitPreprocessing, applyPreprocessing, standardize, parsePreprocessing } from '../../src/data/preprocess.js';
import { DataError, ModelFileError, OptionError } from '../../src/errors.js';

const close = (a: ArrayLike<number>, b: number[], tol = 1e-6) =>
  b.forEach((v, i) => assert.ok(Math.abs(a[i]! - v) < tol, `${a[i]} != ${v} at ${i}`));

test('standardize: per-feature mean and population std from the training set; std 0 -> 1', () => {
  const X = Matrix.from([[1, 2, 3, 4], [10, 10, 10, 10], [-2, 0, 2, 0]]); // 3 features x 4 examples
  const p = fitPreprocessing(X);
  assert.equal(p.method, 'standardize');
  if (p.method !== 'standardize') return;
  close(p.mean, [2.5, 10, 0]);
  close(p.std, [Math.sqrt(1.25), 1, Math.sqrt(2)]);
  assert.deepEqual(JSON.parse(JSON.stringify(p)), p);
  const Z = applyPreprocessing(p, X);
  assert.notEqual(Z, X);
  assert.equal(X.get(0, 0), 1, 'the input is untouched unless inPlace');
  close(Z.data, [-1.5, -0.5, 0.5, 1.5].map((v) => v / Math.sqrt(1.25)).concat([0, 0, 0, 0], [-2, 0, 2, 0].map((v) => v / Math.sqrt(2))));
  // new data uses the TRAINING statistics
  const test = Matrix.from([[2.5], [11], [1]]);
  assert.equal(applyPreprocessing(p, test, { inPlace: true }), test);
  close(test.data, [0, 1, 1 / Math.sqrt(2)]);
  const both = standardize(X);
  close(both.X.data, Array.from(Z.data));
});

test('float64 stays float64; none is a copy; mismatched shapes and bad descriptions are clear errors', () => {
  const X = Matrix.from([[1, 3]], 'float64');
  assert.equal(applyPreprocessing(fitPreprocessing(X), X).dtype, 'float64');
  const none = fitPreprocessing(X, 'none');
  assert.deepEqual(Array.from(applyPreprocessing(none, X).data), [1, 3]);
  assert.throws(() => applyPreprocessing(fitPreprocessing(X), Matrix.zeros(2, 1)), (e: unknown) => e instanceof DataError && /2 features but the standardization was fitted on 1/.test(e.message));
  assert.throws(() => fitPreprocessing(X, 'whiten' as never), OptionError);
  assert.throws(() => fitPreprocessing(Matrix.zeros(2, 0)), DataError);
  assert.deepEqual(parsePreprocessing({ method: 'standardize', mean: [1], std: [2] }), { method: 'standardize', mean: [1], std: [2] });
  assert.deepEqual(parsePreprocessing({ method: 'none' }), { method: 'none' });
  assert.throws(() => parsePreprocessing({ method: 'standardize', mean: [1], std: [0] }), ModelFileError);
  assert.throws(() => parsePreprocessing({ method: 'standardize', mean: [1, 2], std: [1] }), ModelFileError);
  assert.throws(() => parsePreprocessing({ method: 'scale' }), ModelFileError);
  assert.throws(() => parsePreprocessing(null), ModelFileError);
});
