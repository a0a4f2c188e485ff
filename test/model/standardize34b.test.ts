// Standardization of float64 features near float64's limit (a float64 X holds up to 1.8e308): the
// sum and the squares overflowed, giving a mean of Infinity or a std taken as 1 (not standardized), silently.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitStandardize } from '../../src/model/preprocessing.js';
import { Matrix } from '../../src/tensor/matrix.js';

const row = (values: number[]) => new Matrix(1, values.length, Float64Array.from(values));

test('fitStandardize: features whose squares overflow (1e300) get their std, not 1; whose sum overflows (1e308) a finite mean', () => {
  const a = fitStandardize(row([1e300, 3e300, 1e300, 3e300]));
  assert.equal(a.mean[0], 2e300);
  assert.ok(Math.abs(a.std[0]! / 1e300 - 1) < 1e-12, String(a.std[0]));
  const b = fitStandardize(row([1e308, 1.5e308, 1e308, 1.5e308]));
  assert.ok(Math.abs(b.mean[0]! / 1.25e308 - 1) < 1e-12, String(b.mean[0]));
  assert.ok(Math.abs(b.std[0]! / 2.5e307 - 1) < 1e-12, String(b.std[0]));
  // opposite signs at the limit: x - mean itself overflows
  const c = fitStandardize(row([-1.7e308, 1.7e308]));
  assert.equal(c.mean[0], 0);
  assert.ok(Math.abs(c.std[0]! / 1.7e308 - 1) < 1e-12, String(c.std[0]));
  // usual data: the same numbers as the plain formulas
  const d = fitStandardize(row([1, 2, 3, 4]));
  assert.deepEqual(d, { mean: [2.5], std: [Math.sqrt(1.25)] });
});
