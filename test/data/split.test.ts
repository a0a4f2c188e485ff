import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from '../../src/tensor/matrix.js';
import { trainTestSplit, takeExamples } from '../../src/data/split.js';
import { synthetic, type Dataset } from '../../src/data/synthetic.js';
import { DataError, OptionError } from '../../src/errors.js';

function labelled(labels: number[], task: Dataset['task'] = 'binary'): Dataset {
  return {
    name: 'toy', task, featureNames: ['i', 'twice'], classes: task === 'regression' ? undefined : ['a', 'b', 'c'],
    X: Matrix.from([labels.map((_, j) => j), labels.map((_, j) => 2 * j)]), Y: Matrix.row(labels, 'float64'),
  };
}
const count = (d: Dataset, c: number) => Array.from(d.Y.data).filter((v) => v === c).length;

test('stratified: each class split in proportion; X and Y columns stay together; sorted and disjoint', () => {
  const labels = [...Array(70).fill(0), ...Array(30).fill(1)];
  const data = labelled(labels);
  const { train, test } = trainTestSplit(data, { testFraction: 0.2, seed: 3 });
  assert.deepEqual([train.X.cols, test.X.cols], [80, 20]);
  assert.deepEqual([count(test, 0), count(test, 1)], [14, 6]);
  const ids = [...train.X.data.subarray(0, 80), ...test.X.data.subarray(0, 20)];
  assert.deepEqual([...ids].sort((a, b) => a - b), labels.map((_, j) => j), 'every example on exactly one side');
  for (const d of [train, test]) {
    for (let j = 0; j < d.X.cols; j++) {
      const i = d.X.get(0, j);
      assert.equal(d.X.get(1, j), 2 * i);
      assert.equal(d.Y.data[j], labels[i]);
      if (j > 0) assert.ok(i > d.X.get(0, j - 1));
    }
  }
  assert.deepEqual(train.classes, data.classes);
  assert.equal(train.X.dtype, 'float32');
});

test('deterministic for a seed, different for another', () => {
  const data = synthetic('flower', { samples: 100 });
  const a = trainTestSplit(data, { testFraction: 0.25, seed: 7 });
  const b = trainTestSplit(data, { testFraction: 0.25, seed: 7 });
  const c = trainTestSplit(data, { testFraction: 0.25, seed: 8 });
  assert.deepEqual(Array.from(a.test.X.data), Array.from(b.test.X.data));
  assert.notDeepEqual(Array.from(a.test.X.data), Array.from(c.test.X.data));
  assert.equal(a.test.X.dtype, 'float64');
});

test('regression: a plain shuffle of round(m * fraction) examples', () => {
  const data = labelled(Array.from({ length: 10 }, (_, j) => j / 10), 'regression');
  const { train, test } = trainTestSplit(data, { testFraction: 0.3 });
  assert.deepEqual([train.X.cols, test.X.cols], [7, 3]);
});

test('small classes land on both sides; bad fractions and empty sides are errors', () => {
  const { train, test } = trainTestSplit(labelled([0, 0, 1, 1, 1, 1, 1, 1, 1, 1]), { testFraction: 0.1 });
  assert.equal(count(test, 0), 1);
  assert.equal(count(train, 0), 1);
  for (const f of [0, 1, -0.5, 1.5, NaN]) assert.throws(() => trainTestSplit(labelled([0, 1, 0, 1]), { testFraction: f }), OptionError);
  assert.throws(() => trainTestSplit(labelled([0, 1, 2]), { testFraction: 0.4 }), (e: unknown) => e instanceof DataError && /test set empty/.test(e.message));
  assert.throws(() => trainTestSplit(labelled([0.5, 1.5], 'regression'), { testFraction: 0.1 }), DataError);
});

test('takeExamples picks columns in the given order', () => {
  const d = takeExamples(labelled([0, 1, 2], 'multiclass'), [2, 0]);
  assert.deepEqual(d.X.toArray(), [[2, 0], [4, 0]]);
  assert.deepEqual(Array.from(d.Y.data), [2, 0]);
});

test('trainTestSplit called with (X, Y, 0.2) or without options names the arguments (it said "got undefined")', () => {
  const { X, Y } = synthetic('flower');
  assert.throws(() => trainTestSplit(X as unknown as Dataset, Y as unknown as { testFraction: number }), (e: unknown) => e instanceof OptionError && /^trainTestSplit: data must be a Dataset .*got a Matrix; call trainTestSplit\(\{ X, Y, task \}, \{ testFraction: 0\.2 \}\)$/.test((e as Error).message));
  assert.throws(() => trainTestSplit(synthetic('flower'), 0.2 as unknown as { testFraction: number }), (e: unknown) => e instanceof OptionError && /^trainTestSplit: options must be an object such as \{ testFraction: 0\.2, seed: 1 \}, got a number$/.test((e as Error).message));
  assert.throws(() => trainTestSplit(synthetic('flower'), {} as { testFraction: number }), (e: unknown) => e instanceof OptionError && /^trainTestSplit: testFraction must be between 0 and 1/.test((e as Error).message));
});
