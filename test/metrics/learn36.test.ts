// Round learn36 (a student of the course reading a run's diagnosis): relative overfitting, 95.7% on the
// training rows and 89% on held-out ones, was told "the cost was still falling" and never high variance,
// because the variance rule wanted a gap of 10 points. The course reads the held-out error against the
// training error and the Bayes error: train 1% / dev 11% is variance, and so is 4.3% / 11% (a gap of 6.7
// points over an avoidable bias of 4.3); train 15% / dev 16% is bias; with a Bayes error of 7.5%, train 8% /
// dev 14% is variance (avoidable bias 0.5 against a gap of 6).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseTraining, type RunNumbers } from '../../src/metrics/diagnosis.js';
import { classificationReport } from '../../src/metrics/classification.js';
import { OptionError } from '../../src/errors.js';
import type { Evaluation } from '../../src/train/predict.js';

/** `right` of `m` examples right, half of each of two classes, the errors spread over both classes alike. */
function classified(right: number, m: number): Evaluation {
  const truth = Array.from({ length: m }, (_, i) => i % 2);
  return { cost: 0.3, classification: classificationReport(truth, truth.map((t, i) => (i < right ? t : 1 - t)), 2) };
}
const regressed = (r2: number): Evaluation => ({ cost: 1, regression: { mse: 1 - r2, rmse: 1, mae: 1, r2 } });
const kinds = (run: RunNumbers) => diagnoseTraining(run).map((f) => f.kind);
// a cost still falling steadily at the end (more than 5% over the last tenth)
const falling = { cost: Array.from({ length: 100 }, (_, e) => 1 / (1 + 0.02 * e)), stopReason: 'epochs' };
const flat = { cost: Array.from({ length: 50 }, () => 0.3), stopReason: 'epochs' };

test('train 95.7% / test 89% (4.3% against 11% wrong) is high variance, and no longer "still falling"', () => {
  // 455 training rows, 114 test rows (breast_cancer's 80/20 split): 436 and 101 right
  const found = diagnoseTraining({ history: falling, train: classified(436, 455), heldOut: classified(101, 114) });
  assert.deepEqual(found.map((f) => f.kind), ['highVariance']);
  assert.match(found[0]!.message, /^test accuracy 88\.60% is 7\.2 points below training accuracy 95\.82% \(held-out error 11\.40% against training error 4\.18%: the gap is larger than the avoidable bias, the training error 4\.18% itself\): high variance/);
  // as a validation set
  assert.match(diagnoseTraining({ history: flat, train: classified(436, 455), heldOut: classified(101, 114), heldOutName: 'validation' })[0]!.message, /^validation accuracy 88\.60%/);
});

test('the course\'s readings: 1% / 11% variance, 15% / 16% bias, 15% / 30% both, 0.5% / 1% nothing', () => {
  assert.deepEqual(kinds({ history: flat, train: classified(990, 1000), heldOut: classified(890, 1000) }), ['highVariance']);
  assert.deepEqual(kinds({ history: flat, train: classified(850, 1000), heldOut: classified(840, 1000) }), []);
  assert.deepEqual(kinds({ history: flat, train: classified(850, 1000), heldOut: classified(700, 1000) }), ['highVariance']);
  assert.deepEqual(kinds({ history: flat, train: classified(995, 1000), heldOut: classified(990, 1000) }), []);
  // a gap of 6 points smaller than a training error of 8%: the avoidable bias is the larger part
  assert.deepEqual(kinds({ history: flat, train: classified(920, 1000), heldOut: classified(860, 1000) }), []);
});

test('the Bayes error, when known, moves the split: train 8% / dev 14% is variance when the Bayes error is 7.5%', () => {
  const run = { history: flat, train: classified(920, 1000), heldOut: classified(860, 1000) };
  const found = diagnoseTraining({ ...run, bayesError: 0.075 });
  assert.deepEqual(found.map((f) => f.kind), ['highVariance']);
  assert.match(found[0]!.message, /the gap is larger than the avoidable bias, its 0\.50% above the Bayes error 7\.50%\): high variance/);
  // and a cost falling steadily by under 5% a tenth (learn35's iris curve) is "train longer" only while the
  // avoidable bias is the larger part: not when the training error is mostly the Bayes error
  const steady = { cost: Array.from({ length: 100 }, (_, e) => (e < 70 ? 2.52 - e * (2.52 - 0.5454) / 69 : 0.5432 - 0.00186 * (e - 70))), stopReason: 'epochs' };
  assert.deepEqual(kinds({ history: steady, train: classified(920, 1000), heldOut: classified(900, 1000) }), ['stillFalling']);
  assert.deepEqual(kinds({ history: steady, train: classified(920, 1000), heldOut: classified(900, 1000), bayesError: 0.075 }), []);
});

test('regression: a held-out 1 - R² far above the training one, relative to it, is variance too', () => {
  // R² 0.96 on training and 0.88 on test: unexplained 4% against 12%
  assert.deepEqual(kinds({ history: flat, train: regressed(0.96), heldOut: regressed(0.88) }), ['highVariance']);
  assert.match(diagnoseTraining({ history: flat, train: regressed(0.96), heldOut: regressed(0.88) })[0]!.message, /^test R² 0\.8800 is 0\.0800 below training R² 0\.9600 \(held-out error 0\.1200 \(1 - R²\) against training error 0\.0400 \(1 - R²\)/);
  assert.deepEqual(kinds({ history: flat, train: regressed(0.9), heldOut: regressed(0.85) }), []);
});

test('a bayesError that is not a fraction is refused in one line naming it', () => {
  for (const bad of [-0.1, 1, Number.NaN, '0.05']) {
    assert.throws(() => diagnoseTraining({ history: flat, train: classified(90, 100), bayesError: bad as number }),
      (e: Error) => e instanceof OptionError && /^diagnoseTraining: run\.bayesError must be a fraction from 0 to below 1/.test(e.message) && !e.message.includes('\n'));
  }
});
