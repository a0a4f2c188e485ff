// Hostile input, thirty-first sweep (metrics from plain JavaScript): regressionReport given the string
// '1' said "true values[0] is 1: the metrics need finite numbers", as if the number 1 were refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { regressionReport } from '../../src/index.js';

test('regressionReport quotes a string it refuses as a string', () => {
  assert.throws(() => regressionReport(['1', '2'] as never, [1, 2]), (e: Error) => e.name === 'OptionError' && e.message === 'true values[0] is "1": the metrics need finite numbers');
  assert.throws(() => regressionReport([1, 2], [1, Number.NaN]), /^OptionError: predictions\[1\] is NaN: the metrics need finite numbers$/);
});
