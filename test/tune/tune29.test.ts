// Battery 29, tuning as a user of Optuna / GridSearchCV / KerasTuner would use it: what each epoch
// reports to the pruner, what pruning counts, what the outputs asked for say, what the final model
// was fitted on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthetic } from '../../src/data/synthetic.js';
import { tune } from '../../src/tune/tune.js';
import { floatRange } from '../../src/tune/space.js';

test('a standardized regression reports its objective after each epoch, not the validation cost (ASHA kept the slow learners by R²)', async () => {
  const train = synthetic('plane', { samples: 120, seed: 2 });
  for (const objective of ['r2', 'mae'] as const) {
    const r = await tune({ spec: { learningRate: floatRange(1e-3, 1e-1, true), optimizer: 'adam', epochs: 4, standardize: true, layers: [4] }, data: { train }, trials: 2, sampler: 'random', objective, workers: 1 });
    for (const t of r.trials) {
      assert.equal(t.state, 'complete');
      // the last epoch's report is the objective the trial ends with (it was the cost on the z-scored target)
      assert.ok(Math.abs(t.intermediate[3]! - t.value!) < 1e-4 * Math.max(1, Math.abs(t.value!)), `${objective}: epoch 4 reported ${t.intermediate[3]}, the trial's value is ${t.value}`);
    }
  }
});
