// Predictions of a float32 model are written as the float32 they are: the shortest decimal that reads
// back as the same float32, as NumPy prints one (23.571354), not its float64 expansion 23.571353912353516.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { float32Text } from '../../src/util/number-text.js';

test('the shortest decimal that reads back as the same float32', () => {
  assert.equal(float32Text(Math.fround(23.571354)), '23.571354');
  assert.equal(float32Text(Math.fround(0.1)), '0.1');
  assert.equal(float32Text(Math.fround(1 / 3)), '0.33333334');
  assert.equal(float32Text(0), '0');
  assert.equal(float32Text(Math.fround(-2.5e-8)), '-2.5e-8');
  assert.equal(float32Text(NaN), 'NaN');
  // every float32 in a sweep reads back exactly, in at most 9 significant digits
  const u = new Uint32Array(1), f = new Float32Array(u.buffer);
  for (let bits = 0x3f800000; bits < 0x3f800000 + 5000 * 9973; bits += 9973) {
    u[0] = bits;
    const text = float32Text(f[0]!);
    assert.equal(Math.fround(Number(text)), f[0], text);
    assert.ok(text.replace(/^-?0?\.?/, '').replace(/e.*$/, '').replace('.', '').length <= 9, text);
  }
});
