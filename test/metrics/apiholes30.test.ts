// API holes, thirtieth battery (number text). The reports wrote 9.53674e-7 where Python's '%.6g'
// and NumPy write 9.53674e-07, and 0.0000500000 where Python's '%#.6g' writes 5.00000e-05: a number
// in exponent form has an exponent of two digits or more (util/number-text.ts, one rule for the
// CLI's text reports and the page); --json numbers are JSON's own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exponentText, formatNumber, numberText, toPrecisionHalfEven } from '../../src/util/number-text.js';
import { formatMetrics } from '../../src/cli/report.js';
import { regressionReport } from '../../src/metrics/regression.js';

test("toPrecisionHalfEven writes exponents as Python's '%#.6g': two digits or more, and from below 1e-4", () => {
  // Python: '%#.6g' % v for each
  const cases: [number, string][] = [
    [2 ** -20, '9.53674e-07'], [5e-5, '5.00000e-05'], [1e-4, '0.000100000'], [-3.2e-12, '-3.20000e-12'],
    [1234567, '1.23457e+06'], [6.02e23, '6.02000e+23'], [1e300, '1.00000e+300'], [123456, '123456'], [0.5, '0.500000'],
  ];
  for (const [v, python] of cases) assert.equal(toPrecisionHalfEven(v, 6), python, String(v));
  assert.equal(toPrecisionHalfEven(1250, 2), '1.2e+03');
});

test('formatNumber, exponentText and numberText write two exponent digits', () => {
  assert.deepEqual([formatNumber(3e-5), formatNumber(123456.789), formatNumber(5.634e300), formatNumber(0.1263)], ['3.000e-05', '1.235e+05', '5.634e+300', '0.1263']);
  assert.deepEqual([exponentText(2.5e-9, 3), exponentText(-7e10, 1), numberText(1e-7), numberText(0.001), numberText(1e21)], ['2.500e-09', '-7.0e+10', '1e-07', '0.001', '1e+21']);
});

test("evaluate's regression line writes a small error as Python does", () => {
  const r = regressionReport([0, 0], [2 ** -20, -(2 ** -20)]);
  assert.match(formatMetrics({ cost: r.mse, regression: r }), /MSE 9\.09495e-13 {2}RMSE 9\.53674e-07 {2}MAE 9\.53674e-07 /);
});
