// Classification metrics against hand-worked values (as scikit-learn computes them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classificationReport, confusionMatrix } from '../../src/metrics/classification.js';
import { regressionReport } from '../../src/metrics/regression.js';

test('balanced accuracy and the commonest-class baseline show what accuracy hides on unbalanced classes', () => {
  // always answering class 0: 75% accurate, but class 1 is never found
  const r = classificationReport([0, 0, 0, 1], [0, 0, 0, 0], 3); // class 2 has no examples: left out of the mean
  assert.equal(r.accuracy, 0.75);
  assert.equal(r.majorityBaseline, 0.75);
  assert.equal(r.balancedAccuracy, 0.5); // sklearn balanced_accuracy_score([0,0,0,1], [0,0,0,0]) = 0.5
  assert.deepEqual(r.recall, [1, 0, 0]);
  const s = classificationReport([0, 1, 2, 2, 1, 0], [0, 2, 2, 2, 1, 1], 3);
  assert.equal(s.balancedAccuracy, (0.5 + 0.5 + 1) / 3);
  assert.equal(s.majorityBaseline, 2 / 6);
});

test('a count of classes that is no whole number (a list of names) is refused by name, not reported as "0..NaN"', () => {
  assert.throws(() => classificationReport([0, 1], [0, 1], ['a'] as unknown as number), /^OptionError: numClasses must be a whole number >= 1 \(the number of classes\), got a list of 1: give its length$/);
  assert.throws(() => confusionMatrix([0], [0], 0), /numClasses must be a whole number >= 1 .* got 0$/);
});

test('regressionReport refuses values that are not finite, and an output count that does not divide them (NaN metrics before)', () => {
  assert.throws(() => regressionReport([0, Number.NaN], [0, 1]), /^OptionError: true values\[1\] is NaN: the metrics need finite numbers$/);
  assert.throws(() => regressionReport([0, 1], [0, Infinity]), /predictions\[1\] is Infinity/);
  assert.throws(() => regressionReport([0, 1, 2], [0, 1, 2], 2), /outputs must be a whole number >= 1 that divides the 3 values, got 2/);
  assert.deepEqual(regressionReport([1, 2, 3], [1, 2, 3]), { mse: 0, rmse: 0, mae: 0, r2: 1 });
});

test('regression metrics include RMSE, in the target units, in the report, its JSON, the CLI text and as a tuning objective', async () => {
  const { metricsJson } = await import('../../src/metrics/summary.js');
  const { formatMetrics } = await import('../../src/cli/report.js');
  const { objectiveFor } = await import('../../src/tune/objective.js');
  // errors 3 and -4: MSE (9 + 16) / 2 = 12.5, RMSE sqrt(12.5) (scikit-learn's root_mean_squared_error)
  const r = regressionReport([0, 0], [3, -4]);
  assert.equal(r.mse, 12.5);
  assert.equal(r.rmse, Math.sqrt(12.5));
  const e = { cost: 12.5, regression: r };
  assert.equal(metricsJson(e).rmse, Math.sqrt(12.5));
  assert.match(formatMetrics(e), /MSE 12\.5000 {2}RMSE 3\.53553 {2}MAE 3\.50000 {2}R² /);
  assert.equal(objectiveFor('rmse', 'regression').of(e), Math.sqrt(12.5));
  assert.equal(objectiveFor('rmse').direction, 'minimize');
});
