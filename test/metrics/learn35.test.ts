// Round learn35 (a student of the second course): a cost still falling steadily, by less than the 5% of
// DIAGNOSIS_LIMITS.stillFalling a tenth, on a run whose training error is the larger part of its test error.
// Iris on the course's defaults (gd 0.0075, 100 epochs) ended at 86.67% on its training rows and 83.33% on
// test with nothing said: its cost fell 3.4% in the last tenth, 0.89 times its fall in the tenth before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseTraining, type RunNumbers } from '../../src/metrics/diagnosis.js';
import { classificationReport } from '../../src/metrics/classification.js';
import type { Evaluation } from '../../src/train/predict.js';

/** An evaluation of `right` of 150 examples, 50 of each of three classes. */
function classified(right: number): Evaluation {
  const truth = Array.from({ length: 150 }, (_, i) => Math.floor(i / 50));
  const predicted = truth.map((t, i) => (i < right ? t : (t + 1) % 3));
  return { cost: 0.5, classification: classificationReport(truth, predicted, 3) };
}
const kinds = (run: RunNumbers) => diagnoseTraining(run).map((f) => f.kind);
// the iris run's costs (backprop train --data iris.csv, seed 1): epochs 1 to 70 fell from 2.5195 to 0.5454, then
const LAST30 = [0.543179,0.540996,0.538839,0.536712,0.53462,0.532558,0.530519,0.528508,0.526519,0.524552,0.522613,0.520697,0.518801,0.516926,0.515074,0.513243,0.511433,0.509641,0.507868,0.506113,0.504379,0.502661,0.50096,0.499279,0.497614,0.495965,0.494331,0.492712,0.491108,0.489518];
const iris = [...Array.from({ length: 70 }, (_, e) => 2.52 - e * (2.52 - 0.5454) / 69), ...LAST30];

test('iris on the course\'s defaults: a steady fall under 5% a tenth, at 86.67% train / 83.33% test, is said', () => {
  const found = diagnoseTraining({ history: { cost: iris, stopReason: 'epochs' }, train: classified(130), heldOut: classified(125) });
  assert.deepEqual(found.map((f) => f.kind), ['stillFalling']);
  assert.match(found[0]!.message, /^the cost was still falling when training stopped \(down 3\.\d\d% over the last 10 epochs, 0\.\d+ times its fall in the 10 before: not levelling off\): more epochs/);
});

test('the same curve is not said when the network already fits its training rows (the held-out gap is the larger error)', () => {
  // train 100%, test 96%: more epochs made digits' and ILPD's test accuracy worse (docs/comparison.md)
  assert.deepEqual(kinds({ history: { cost: iris, stopReason: 'epochs' }, train: classified(150), heldOut: classified(144) }), []);
  // train 97.33% (2.67% wrong), test 90.67%: the gap of 6.67 points is the larger part, high variance by the
  // course's split (session 36; it was pinned as nothing, the overfitting left unsaid)
  assert.deepEqual(kinds({ history: { cost: iris, stopReason: 'epochs' }, train: classified(146), heldOut: classified(136) }), ['highVariance']);
});

test('a curve levelling off (its last tenth fell less than half as much as the tenth before) is not said', () => {
  // from 0.6 (so that a fall of 0.5% of the first cost is 0.003), the last ten epochs almost flat
  const levelling = [...Array.from({ length: 70 }, (_, e) => 0.6 - e * (0.6 - 0.5454) / 69), ...LAST30.slice(0, 20), ...Array.from({ length: 10 }, (_, k) => LAST30[19]! - 1e-5 * k)];
  const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
  const [t8, t9, t10] = [mean(levelling.slice(70, 80)), mean(levelling.slice(80, 90)), mean(levelling.slice(90))];
  assert.ok((t9 - t10) / (t8 - t9) < 0.5 && t9 - t10 > 0.003, `${t8} ${t9} ${t10}`);
  assert.deepEqual(kinds({ history: { cost: levelling, stopReason: 'epochs' }, train: classified(130), heldOut: classified(125) }), []);
  // and steady at the same fall of the tenth before, it is
  const steady = [...levelling.slice(0, 90), ...Array.from({ length: 10 }, (_, k) => LAST30[19]! - 0.0019 * (k + 1))];
  assert.deepEqual(kinds({ history: { cost: steady, stopReason: 'epochs' }, train: classified(130), heldOut: classified(125) }), ['stillFalling']);
});
