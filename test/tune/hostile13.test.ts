// Hostile input, thirteenth sweep (tuning): an onChange of 3 failed on "run.onChange is not a
// function" once the first trial ended, and a signal of true on "addEventListener is not a function";
// both are named before the study starts. A class with a single example is warned about.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tune } from '../../src/tune/tune.js';
import { choice, floatRange } from '../../src/tune/space.js';
import { synthetic } from '../../src/data/synthetic.js';
import { OptionError } from '../../src/errors.js';
import { Matrix } from '../../src/tensor/matrix.js';
import type { Dataset } from '../../src/data/synthetic.js';

const data = synthetic('flower', { samples: 40 });
const named = (pattern: RegExp) => (e: unknown) => e instanceof OptionError && pattern.test(e.message) && !e.message.includes('\n');
const spec = { epochs: 1, learningRate: choice(0.1, 0.2) };

test('tune: onChange, warn and signal of the wrong kind are named before any trial', async () => {
  await assert.rejects(tune({ spec, data: { train: data }, trials: 1, onChange: 3 as never }), named(/^options\.onChange must be a function, got a number$/));
  await assert.rejects(tune({ spec, data: { train: data }, trials: 1, warn: 'loud' as never }), named(/^options\.warn must be a function/));
  await assert.rejects(tune({ spec, data: { train: data }, trials: 1, signal: true as never }), named(/^options\.signal must be an AbortSignal/));
});

test('tune warns about a class with a single example, naming it', async () => {
  const few: Dataset = {
    name: 'few', task: 'multiclass', classes: ['x', 'y', 'z'], featureNames: ['a', 'b'],
    X: Matrix.from([[1, 2, 3, 4, 5, 6, 7, 8, 9], [2, 3, 4, 5, 6, 7, 8, 9, 1]]), Y: Matrix.from([[0, 0, 0, 0, 1, 1, 1, 1, 2]]),
  } as Dataset;
  const seen: string[] = [];
  await tune({ spec, data: { train: few }, trials: 1, workers: 1, warn: (m) => seen.push(m) });
  assert.ok(seen.some((m) => /^few: class 'z' has a single example \(count 1 of 9\): the validation split cannot hold it out/.test(m)), seen.join('\n'));
});

// fourteenth sweep: a sampler or pruner object without its method failed inside the first trial
// ("run.sampler.sample is not a function", or after the trials ran); a Dataset with one label per
// example missing failed every trial ("Y has a non-finite value (NaN)") and tune resolved
test('tune checks sampler and pruner objects and the data\'s structure before any trial', async () => {
  const d = synthetic('flower');
  const base = { spec: { epochs: 1, learningRate: floatRange(0.01, 0.1, true) }, trials: 1, workers: 1 };
  await assert.rejects(tune({ ...base, data: { train: { ...d, Y: Matrix.row([0, 1]) } } }), /^DataError: tune: data\.train: X has 400 examples \(columns\) but Y has 2; give one label per example$/);
  await assert.rejects(tune({ ...base, data: { train: d }, sampler: { propose: 5 } as never }), /^OptionError: options\.sampler must be one of grid, random, tpe or a Sampler \(an object with a sample\(context\) method\), got an object$/);
  await assert.rejects(tune({ ...base, data: { train: d }, pruner: {} as never }), /^OptionError: options\.pruner must be none, asha or a Pruner \(an object with a shouldPrune method\), got an object$/);
});
