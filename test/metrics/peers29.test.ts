// Metrics against scikit-learn's on the same y_true / y_pred (battery peers29). The expected numbers are
// literals: scikit-learn 1.9.1's sklearn.metrics on the arrays written here (the test does not need it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classificationReport } from '../../src/metrics/classification.js';
import { regressionReport } from '../../src/metrics/regression.js';

const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-12, `${what}: ${a}, scikit-learn ${b}`);

test('RMSE of several outputs is the mean of the outputs\' RMSEs, as scikit-learn\'s root_mean_squared_error (it was sqrt of the pooled MSE)', () => {
  // outputs x m, row-major: output 1 true (1, 2, 3) predicted (1.5, 2, 2.5); output 2 true (10, 20, 30) predicted (12, 18, 33)
  const r = regressionReport([1, 2, 3, 10, 20, 30], [1.5, 2, 2.5, 12, 18, 33], 2);
  // T = [[1,10],[2,20],[3,30]]; P = [[1.5,12],[2,18],[2.5,33]]
  close(r.rmse, 1.39436221665574, 'root_mean_squared_error(T, P)'); // sqrt(pooled MSE) was 1.7078
  close(r.mse, 2.916666666666667, 'mean_squared_error(T, P)');
  close(r.mae, 1.3333333333333335, 'mean_absolute_error(T, P)');
  close(r.r2, 0.8325, 'r2_score(T, P)');
  // a constant second output (7, 7, 7) predicted (7, 8, 7): its R² is 0 (force_finite), its RMSE sqrt(1/3)
  const c = regressionReport([1, 2, 3, 7, 7, 7], [1.5, 2, 2.5, 7, 8, 7], 2);
  close(c.rmse, 0.4927992798267444, 'root_mean_squared_error, constant output');
  close(c.r2, 0.375, 'r2_score, constant output');
  // one output: still sqrt(MSE)
  assert.equal(regressionReport([0, 0], [3, -4]).rmse, Math.sqrt(12.5));
});

test('F1 is scikit-learn\'s 2 TP / (2 TP + FP + FN) to the last digit (2 P R / (P + R) gave 0.7499999999999999 for 0.75)', () => {
  // iris model on 10 setosa + 10 versicolor rows: versicolor 6 right, 4 taken for virginica (backprop evaluate --json printed f1 0.7499999999999999)
  const t = [...Array(10).fill(0), ...Array(10).fill(1)];
  const p = [...Array(10).fill(0), ...Array(6).fill(1), ...Array(4).fill(2)];
  const r = classificationReport(t, p, 3);
  // f1_score(t, p, labels=[0, 1, 2], average=None, zero_division=0) = [1.0, 0.75, 0.0]
  assert.deepEqual(r.f1, [1, 0.75, 0]);
  // precision_recall_fscore_support(..., zero_division=0): precision [1, 1, 0], recall [1, 0.6, 0]
  assert.deepEqual(r.precision, [1, 1, 0]);
  assert.deepEqual(r.recall, [1, 0.6, 0]);
  // balanced_accuracy_score(t, p) = 0.8 (virginica, absent from t, left out)
  assert.equal(r.balancedAccuracy, 0.8);
  // class 1: TP 1, FP 1, FN 4 (P 1/2, R 1/5): 2 P R / (P + R) is 0.28571428571428575
  const s = classificationReport([1, 1, 1, 1, 1, 0], [1, 0, 0, 0, 0, 1], 2);
  assert.equal(s.f1[1], 0.2857142857142857); // f1_score([1,1,1,1,1,0], [1,0,0,0,0,1]) = 0.2857142857142857
});

test('evaluate\'s text rounds a value exactly halfway as scikit-learn\'s classification_report (Python\'s format): 0.03125 is 0.0312, not 0.0313', async () => {
  const { formatMetrics } = await import('../../src/cli/report.js');
  const { toFixedHalfEven, percentText } = await import('../../src/util/number-text.js');
  // class 1 predicted 32 times, right once: precision 1/32 = 0.03125
  const t = [1, ...Array(31).fill(0), 1], p = [...Array(32).fill(1), 0];
  const e = { cost: 1, classification: classificationReport(t, p, 2) };
  // classification_report(t, p, digits=4): class 1 precision 0.0312, recall 0.5000, f1 0.0588; class 0 all 0.0000
  assert.match(formatMetrics(e), /\n1 +50\.00% +0\.0312 +0\.5000 +0\.0588\n/);
  // Python: format(0.125, '.2f') '0.12', format(0.375, '.2f') '0.38', format(2.5, '.0f') '2', format(-0.03125, '.4f') '-0.0312'
  assert.deepEqual([toFixedHalfEven(0.125, 2), toFixedHalfEven(0.375, 2), toFixedHalfEven(2.5, 0), toFixedHalfEven(3.5, 0), toFixedHalfEven(-0.03125, 4)], ['0.12', '0.38', '2', '4', '-0.0312']);
  // not halfway: as toFixed
  assert.deepEqual([toFixedHalfEven(0.03126, 4), toFixedHalfEven(1 / 3, 4), toFixedHalfEven(0.1 + 0.2, 2)], ['0.0313', '0.3333', '0.30']);
  // f'{100 * 0.00125:.2f}%': 100 * 0.00125 is 0.125 exactly in binary, so '0.12%' (toFixed: 0.13%)
  assert.equal(percentText(0.00125), '0.12%');
});

test('evaluate\'s regression line rounds an exact half at 6 significant digits as Python\'s \'%.6g\': an MAE of 1/1024 is 0.000976562, not 0.000976563', async () => {
  const { formatMetrics } = await import('../../src/cli/report.js');
  const { toPrecisionHalfEven } = await import('../../src/util/number-text.js');
  // errors of +-1/1024: '%.6g' % mean_absolute_error([0, 0], [1/1024, -1/1024]) = '0.000976562', the RMSE the same
  const r = regressionReport([0, 0], [1 / 1024, -1 / 1024]);
  assert.match(formatMetrics({ cost: r.mse, regression: r }), /RMSE 0\.000976562 {2}MAE 0\.000976562 /);
  // Python: '%.1g' % 2.5 '2', '%.1g' % 3.5 '4', '%.3g' % -0.03125 '-0.0312', '%.2g' % 1250.0 '1.2e+03'; not halfway: as toPrecision
  assert.deepEqual([toPrecisionHalfEven(2.5, 1), toPrecisionHalfEven(3.5, 1), toPrecisionHalfEven(-0.03125, 3), toPrecisionHalfEven(1250, 2)], ['2', '4', '-0.0312', '1.2e+03']);
  assert.deepEqual([toPrecisionHalfEven(Math.sqrt(12.5), 6), toPrecisionHalfEven(0, 6), toPrecisionHalfEven(12.5, 6)], ['3.53553', '0.00000', '12.5000']);
});

test('tune\'s f1 objective is scikit-learn\'s f1_score(average=\'macro\'): a class neither in the labels nor predicted is left out (it counted 0)', async () => {
  const { objectiveFor } = await import('../../src/tune/objective.js');
  const f1 = (t: number[], p: number[], k: number) => objectiveFor('f1', 'multiclass').of({ cost: 0, classification: classificationReport(t, p, k) });
  // 3 classes, class 2 in neither: f1_score([0,0,1,1,1], [0,1,1,1,0], average='macro') = 0.5833333333333333 (was 0.3889)
  close(f1([0, 0, 1, 1, 1], [0, 1, 1, 1, 0], 3), 0.5833333333333333, 'macro F1, a class in neither');
  // one class only, all right: f1_score([0,0,0], [0,0,0], average='macro') = 1.0 (was 0.5)
  assert.equal(f1([0, 0, 0], [0, 0, 0], 2), 1);
  // a class predicted but absent from the labels counts (its F1 0): f1_score([0,0,1,1,1], [0,2,1,1,2], average='macro') = 0.48888888888888893
  close(f1([0, 0, 1, 1, 1], [0, 2, 1, 1, 2], 3), 0.48888888888888893, 'macro F1, a class only predicted');
});
