// allFinite and checkFinite: a NaN or an infinity anywhere, in either float type, is found and named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allFinite, checkFinite } from '../../src/tensor/finite.js';
import { Matrix } from '../../src/tensor/matrix.js';
import { DataError } from '../../src/errors.js';

test('allFinite finds a NaN or an infinity at every position of arrays of every length mod 4, float32 and float64', () => {
  for (const Type of [Float32Array, Float64Array]) {
    for (let n = 0; n <= 13; n++) {
      const d = new Type(n).fill(1.5);
      assert.equal(allFinite(d), true, `${Type.name} of ${n}`);
      for (let k = 0; k < n; k++) {
        for (const bad of [NaN, Infinity, -Infinity]) {
          d[k] = bad;
          assert.equal(allFinite(d), false, `${Type.name} of ${n}, ${bad} at ${k}`);
          d[k] = 1.5;
        }
      }
    }
  }
  // large and small in turns (the weights of a layer, then its bias), as fit checks them after every epoch
  const W = new Float32Array(86_016).fill(0.01), b = new Float32Array(7);
  for (let r = 0; r < 50; r++) assert.ok(allFinite(W) && allFinite(b));
  b[6] = NaN;
  assert.equal(allFinite(b), false);
  assert.equal(allFinite(new Float64Array([Number.MAX_VALUE, -Number.MAX_VALUE, 5e-324])), true, 'the largest and the smallest doubles are finite');
});

test('checkFinite names the row and column (example) of the first non-finite value', () => {
  const X = new Matrix(2, 3, new Float32Array([1, 2, 3, 4, Infinity, NaN]));
  assert.throws(() => checkFinite(X, 'X'), (e: unknown) => e instanceof DataError && e.message === 'X has a non-finite value (Infinity) at row 2, column 2 (example 2)');
  checkFinite(new Matrix(2, 3, new Float32Array(6)), 'X');
});
