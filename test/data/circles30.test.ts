// The built-in sets `circles` and `moons` are scikit-learn's make_circles and make_moons after
// np.random.seed(s), draw for draw: the reference values below were printed by scikit-learn 1.9.1 with
// numpy 2.4.6 (repr of X[i], the first 24 labels, X.sum(axis=0)). numpy's vectorised sin/cos and V8's
// Math.sin/cos differ in the last bit for a few points (at most 1.2e-16 here), so the sums are compared to 1e-12.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random, synthetic } from '../../src/index.js';

const point = (d: ReturnType<typeof synthetic>, j: number) => [d.X.data[j], d.X.data[d.X.cols + j]];
const sums = (d: ReturnType<typeof synthetic>) => [0, 1].map((r) => Array.from(d.X.data.slice(r * d.X.cols, (r + 1) * d.X.cols)).reduce((a, b) => a + b, 0));
const labels = (d: ReturnType<typeof synthetic>, k: number) => Array.from(d.Y.data.slice(0, k)).join('');

const CASES = [
  { name: 'circles', options: {}, m: 300, points: { 0: [-0.07741354010048114, 0.8526022642742742], 1: [0.43186959584803564, -0.8721450395952108], 299: [-0.061145412565262895, 0.9298264080659127] }, labels: '101100101110100001100010', sums: [0.08752101204353774, 0.015659577954547754] },
  { name: 'circles', options: { seed: 2, samples: 100 }, m: 100, points: { 0: [-0.5242373850862546, -0.6091036148461817], 99: [0.3438483715909715, -0.9192735912720769] }, labels: '101000000011100000110010', sums: [0.12013291081721345, -0.5383859814779978] },
  { name: 'moons', options: { seed: 3 }, m: 300, points: { 0: [-0.21687013460912397, 1.0154493742029873], 1: [0.8050501531955674, -0.5579733951321297], 299: [0.547725598273234, 0.3481746137071188] }, labels: '011100110100100011100110', sums: [149.627705610401, 79.68444213648147] },
] as const;

for (const c of CASES) {
  test(`${c.name} ${JSON.stringify(c.options)} is scikit-learn's make_${c.name}(n_samples=${c.m}) after np.random.seed(${'seed' in c.options ? c.options.seed : 1})`, () => {
    const d = synthetic(c.name, c.options);
    assert.equal(d.X.cols, c.m);
    for (const [j, want] of Object.entries(c.points)) assert.deepEqual(point(d, Number(j)), want, `point ${j}`);
    assert.equal(labels(d, 24), c.labels);
    assert.equal(Array.from(d.Y.data).filter((v) => v === 1).length, c.m / 2, 'half of each class');
    sums(d).forEach((s, i) => assert.ok(Math.abs(s - c.sums[i]!) < 1e-12, `sum of x${i + 1}: ${s} against ${c.sums[i]}`));
  });
}

test('circles and moons default to the course\'s sizes and noise; the noise is the std of the Gaussian added (0: the points on the curves)', () => {
  const flat = synthetic('circles', { noise: 0 });
  for (let j = 0; j < flat.X.cols; j++) {
    const r = Math.hypot(flat.X.data[j]!, flat.X.data[flat.X.cols + j]!);
    assert.ok(Math.abs(r - (flat.Y.data[j] === 0 ? 1 : 0.8)) < 1e-12, `point ${j} at radius ${r}`);
  }
  assert.equal(synthetic('moons').X.cols, 300);
  assert.throws(() => synthetic('moons', { noise: -1 }), { name: 'OptionError', message: /noise must be a number in \[0, 5\]/ });
});

test('Random.numpyPermutation is np.random.permutation after the same seed (legacy RandomState.shuffle)', () => {
  assert.deepEqual(Array.from(new Random(3).numpyPermutation(10)), [5, 4, 1, 2, 9, 6, 7, 0, 3, 8]);
  assert.deepEqual(Array.from(new Random(3).numpyPermutation(1000).slice(0, 8)), [642, 762, 909, 199, 586, 797, 652, 755]);
  // one stream: np.random.seed(3); np.random.permutation(10); np.random.permutation(1000)[:8]
  const rng = new Random(3);
  rng.numpyPermutation(10);
  assert.deepEqual(Array.from(rng.numpyPermutation(1000).slice(0, 8)), [83, 542, 717, 239, 648, 362, 301, 567]);
  assert.deepEqual(Array.from(new Random(3).numpyPermutation(1)), [0]);
});
