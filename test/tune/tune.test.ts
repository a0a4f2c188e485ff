// tune() end to end on a built-in set: workers, cross-validation, reproducibility, retraining.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthetic } from '../../src/data/synthetic.js';
import { tune } from '../../src/tune/tune.js';
import { retrainBest } from '../../src/tune/retrain.js';
import { choice, floatRange } from '../../src/tune/space.js';
import { trainTestSplit } from '../../src/data/split.js';

const data = synthetic('xor', { samples: 240, seed: 3 });
const spec = { layers: choice([4], [8, 4]), learningRate: floatRange(1e-3, 1e-1, true), optimizer: 'adam' as const, epochs: 6, batchSize: 32 };

test('a seeded TPE study with one worker is reproducible; another seed differs', async () => {
  const run = (seed: number) => tune({ spec, data: { train: data }, trials: 12, sampler: 'tpe', seed, workers: 1 });
  const [a, b, c] = [await run(5), await run(5), await run(6)];
  assert.deepEqual(a.trials.map((t) => [t.params, t.value]), b.trials.map((t) => [t.params, t.value]));
  assert.notDeepEqual(a.trials.map((t) => t.params), c.trials.map((t) => t.params));
  assert.ok(a.trials.every((t) => t.state === 'complete' && t.intermediate.length === 6));
});

test('--cv 3: each trial has three fold values, its value is their mean; two workers run the trials', async () => {
  const r = await tune({ spec, data: { train: data }, trials: 4, sampler: 'random', cv: 3, objective: 'accuracy', seed: 1, workers: 2 });
  assert.equal(r.trials.length, 4);
  for (const t of r.trials) {
    assert.equal(t.foldValues!.length, 3);
    assert.ok(Math.abs(t.value! - t.foldValues!.reduce((s, v) => s + v, 0) / 3) < 1e-12);
    assert.equal(t.epochs, 18);
  }
  assert.equal(r.summary.epochBudget, 4 * 18);
  assert.equal(r.direction, 'maximize');
});

test('retrainBest trains the best configuration on train + validation and scores the test set once', async () => {
  const { train, test: held } = trainTestSplit(data, { testFraction: 0.25, seed: 1 });
  const r = await tune({ spec, data: { train }, trials: 3, sampler: 'random', seed: 2, workers: 2 });
  const final = await retrainBest(r, { test: held });
  assert.equal(final.examples.train, train.X.cols);
  assert.equal(final.examples.test, held.X.cols);
  assert.ok(final.test!.classification!.accuracy > 0);
  assert.deepEqual(final.model.network.layers.slice(0, -1).map((l) => l.units), r.summary.best!.params.layers);
});

test('an abort signal stops the study: finished trials are kept, the running ones are marked to run again', async () => {
  const controller = new AbortController();
  // abort once a trial has ended while another is still early in its 400 epochs (both workers can end
  // theirs at once: then the next trial is the one interrupted)
  const r = await tune({
    spec: { ...spec, epochs: 400 }, data: { train: data }, trials: 50, sampler: 'random', seed: 1, workers: 2, signal: controller.signal,
    onChange: (trials) => {
      const early = trials.some((t) => t.state === 'running' && t.intermediate.length < 200);
      if (early && trials.some((t) => t.state !== 'running')) controller.abort();
    },
  });
  assert.ok(r.trials.length < 50);
  const interrupted = r.trials.filter((t) => t.state === 'failed');
  assert.ok(interrupted.length >= 1 && interrupted.every((t) => t.retry && t.message === 'interrupted'));
  assert.ok(r.trials.some((t) => t.state === 'complete'));
});
