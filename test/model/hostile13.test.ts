// Hostile input, thirteenth sweep (library): a class with a single example trained without a word,
// although no split can hold it out and per-class accuracy on it means nothing; and a stratified
// split with a test fraction of 0.5 or more put that one example on the test side, so the network
// was scored on a class it never saw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from '../../src/tensor/matrix.js';
import { trainModel } from '../../src/model/train-model.js';
import { trainTestSplit } from '../../src/data/split.js';
import type { Dataset } from '../../src/data/synthetic.js';

/** 3 x, 3 y and one z: the z is the 7th example. */
const withSingle: Dataset = {
  name: 'few.csv', task: 'multiclass', classes: ['x', 'y', 'z'], featureNames: ['a', 'b'],
  X: Matrix.from([[1, 2, 3, 4, 5, 6, 7], [2, 3, 4, 5, 6, 7, 8]]),
  Y: Matrix.from([[0, 0, 0, 1, 1, 1, 2]]),
} as Dataset;

test('trainModel warns, through hooks.warn, when a class has a single example, naming it and its count', async () => {
  const seen: string[] = [];
  await trainModel({ layers: [2], epochs: 1 }, { train: withSingle, source: 'few.csv' }, { warn: (m) => seen.push(m) });
  const single = seen.filter((m) => /single example/.test(m));
  assert.equal(single.length, 1, seen.join('\n'));
  assert.match(single[0]!, /^few\.csv: class 'z' has a single example \(count 1 of 7\): the stratified test split cannot hold it out, so it stays in the training rows/);
  assert.ok(!single[0]!.includes('\n'));
  const quiet: string[] = [];
  await trainModel({ layers: [2], epochs: 1, testSplit: 0 }, { train: withSingle, source: 'few.csv' }, { warn: (m) => quiet.push(m) });
  assert.match(quiet.find((m) => /single example/.test(m)) ?? '', /the network learns it from that one example/);
});

test('a stratified split keeps a class of one example on the training side (0.5 put it in the test set)', () => {
  for (const f of [0.2, 0.5, 0.8]) {
    const { train, test: held } = trainTestSplit(withSingle, { testFraction: f, seed: 1 });
    assert.ok(Array.from(train.Y.data).includes(2), `testFraction ${f}`);
    assert.ok(!Array.from(held.Y.data).includes(2), `testFraction ${f}`);
  }
});

// trainModel's hooks are checked before any work: { onEpoch } (for onEpochEnd) was never called,
// silently; an onEpochEnd object failed on "onEpochEnd is not a function" and a signal string on
// "signal?.throwIfAborted is not a function", after the split and the network were made.
test("trainModel's hooks: an unknown name, a callback that is no function, a signal that is no AbortSignal", async () => {
  const d = (await import('../../src/data/synthetic.js')).synthetic('flower', { samples: 40 });
  const { OptionError } = await import('../../src/errors.js');
  const named = (pattern: RegExp) => (e: unknown) => e instanceof OptionError && pattern.test(e.message) && !e.message.includes('\n');
  await assert.rejects(trainModel({ layers: [2], epochs: 1 }, { train: d }, { onEpoch: () => {} } as never), named(/^trainModel: hooks: unknown option 'onEpoch'/));
  await assert.rejects(trainModel({ layers: [2], epochs: 1 }, { train: d }, { onEpochEnd: {} } as never), named(/^trainModel: hooks\.onEpochEnd must be a function, got an object/));
  await assert.rejects(trainModel({ layers: [2], epochs: 1 }, { train: d }, { warn: 'yes' } as never), named(/^trainModel: hooks\.warn must be a function/));
  await assert.rejects(trainModel({ layers: [2], epochs: 1 }, { train: d }, { signal: 'stop' } as never), named(/^trainModel: hooks\.signal must be an AbortSignal/));
});
