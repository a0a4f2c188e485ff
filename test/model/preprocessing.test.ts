import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from '../../src/tensor/matrix.js';
import { fitStandardize, applyStandardize, networkInput, checkPreprocessing } from '../../src/model/preprocessing.js';
import { DataError, ModelFileError } from '../../src/errors.js';

const close = (a: ArrayLike<number>, b: number[], tol = 1e-6) =>
  b.forEach((v, i) => assert.ok(Math.abs(a[i]! - v) < tol, `${a[i]} != ${v} at ${i}`));

test('standardize: per-feature mean and population std from the training set; std 0 -> 1', () => {
  const X = Matrix.from([[1, 2, 3, 4], [10, 10, 10, 10], [-2, 0, 2, 0]]); // 3 features x 4 examples
  const s = fitStandardize(X);
  close(s.mean, [2.5, 10, 0]);
  close(s.std, [Math.sqrt(1.25), 1, Math.sqrt(2)]);
  assert.deepEqual(JSON.parse(JSON.stringify(s)), s);
  const Z = applyStandardize(s, X);
  assert.notEqual(Z, X);
  assert.equal(X.get(0, 0), 1, 'the input is untouched');
  close(Z.data, [-1.5, -0.5, 0.5, 1.5].map((v) => v / Math.sqrt(1.25)).concat([0, 0, 0, 0], [-2, 0, 2, 0].map((v) => v / Math.sqrt(2))));
  // new data uses the TRAINING statistics
  close(applyStandardize(s, Matrix.from([[2.5], [11], [1]])).data, [0, 1, 1 / Math.sqrt(2)]);
});

test('networkInput: scale first, then standardize; nothing to do returns X itself', () => {
  const X = Matrix.from([[2, 4]], 'float64');
  assert.equal(networkInput({}, X), X);
  assert.equal(networkInput(undefined, X), X);
  close(networkInput({ scale: 0.5 }, X).data, [1, 2]);
  close(networkInput({ scale: 0.5, standardize: { mean: [1], std: [2] } }, X).data, [0, 0.5]);
  assert.deepEqual(Array.from(X.data), [2, 4], 'the raw input is untouched');
  assert.equal(networkInput({ standardize: { mean: [0], std: [1] } }, X).dtype, 'float64');
});

test('a damaged preprocessing field is refused by name; the older {method} form is read', () => {
  const X = Matrix.from([[1, 3]], 'float64');
  assert.throws(() => applyStandardize(fitStandardize(X), Matrix.zeros(2, 1)), (e: unknown) => e instanceof DataError && /2 features but the standardization was fitted on 1/.test(e.message));
  assert.throws(() => fitStandardize(Matrix.zeros(2, 0)), DataError);
  assert.deepEqual(checkPreprocessing({ method: 'standardize', mean: [1], std: [2] }, 1), { standardize: { mean: [1], std: [2] } });
  assert.deepEqual(checkPreprocessing({ method: 'none' }, 1), {});
  assert.deepEqual(checkPreprocessing({ standardize: { mean: [1], std: [2] }, scale: 0.5, target: { mean: 3, std: 4 } }, 1),
    { standardize: { mean: [1], std: [2] }, scale: 0.5, target: { mean: 3, std: 4 } });
  assert.throws(() => checkPreprocessing({ standardize: { mean: [1], std: [0] } }, 1, 'm.json'), (e: unknown) => e instanceof ModelFileError && /m\.json: .*std" has a zero at entry 1/.test(e.message));
  assert.throws(() => checkPreprocessing({ standardize: { mean: [1], std: [-1] } }, 1), ModelFileError);
  assert.throws(() => checkPreprocessing({ standardize: { mean: [1, 2], std: [1, 1] } }, 1), /1 finite numbers each/);
  assert.throws(() => checkPreprocessing({ scale: 0 }, 1), /scale/);
  assert.throws(() => checkPreprocessing({ target: { mean: 1, std: 0 } }, 1), /target/);
  assert.throws(() => checkPreprocessing({ data: { format: 'xml' } }, 1), /data/);
  assert.throws(() => checkPreprocessing(null, 1), ModelFileError);
});
