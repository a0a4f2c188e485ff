// What a run's numbers say: bias and variance (the course's "train error 1%, dev error 11%: high
// variance"), and the learning rate from the cost curve, on curves and metrics made to show each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseTraining, type RunNumbers } from '../../src/metrics/diagnosis.js';
import { classificationReport } from '../../src/metrics/classification.js';
import type { Evaluation } from '../../src/train/predict.js';
import { Random } from '../../src/tensor/random.js';

/** An evaluation of `right` of 100 examples, 60 of class 0 and 40 of class 1 (commonest class alone: 60%). */
function classified(right: number): Evaluation {
  const truth = Array.from({ length: 100 }, (_, i) => (i < 60 ? 0 : 1));
  const predicted = truth.map((t, i) => (i < right ? t : 1 - t));
  return { cost: 0.3, classification: classificationReport(truth, predicted, 2) };
}
// targets of variance 1 (and with a second argument, of that variance): MSE = (1 - R²) variance
const regressed = (r2: number, variance = 1): Evaluation => ({ cost: 1, regression: { mse: (1 - r2) * variance, rmse: 1, mae: 1, r2 } });
const kinds = (run: RunNumbers) => diagnoseTraining(run).map((f) => f.kind);

/** E epochs of a cost that falls as c(e), with multiplicative noise of the given size (seeded). */
function curve(E: number, c: (e: number) => number, noise = 0, seed = 1): number[] {
  const rng = new Random(seed);
  return Array.from({ length: E }, (_, e) => c(e) * (1 + noise * rng.randn()));
}
const fitted = { train: classified(98), heldOut: classified(95) };

test('a cost still falling at the end is reported with how much it fell; a converged one is not', () => {
  const falling = diagnoseTraining({ history: { cost: curve(100, (e) => 1 / (1 + 0.02 * e)), stopReason: 'epochs' }, ...fitted });
  assert.deepEqual(falling.map((f) => f.kind), ['stillFalling']);
  assert.match(falling[0]!.message, /^the cost was still falling when training stopped \(down \d+\.\d\d% over the last 10 epochs\): more epochs or a larger learning rate/);
  assert.deepEqual(kinds({ history: { cost: curve(100, (e) => 0.1 + Math.exp(-e / 5)), stopReason: 'epochs' }, ...fitted }), []);
  // falling, but by less than 0.5% of where it started: not a change that matters
  assert.deepEqual(kinds({ history: { cost: curve(100, (e) => 0.001 + 0.7 * Math.exp(-e / 5) + 1e-4 * (1 - e / 100)), stopReason: 'epochs' }, ...fitted }), []);
  // a run stopped on purpose (early stopping, a cost target) is not told to train longer
  assert.deepEqual(kinds({ history: { cost: curve(100, (e) => 1 / (1 + 0.02 * e)), stopReason: 'epsilon' }, ...fitted }), []);
  // too few epochs to judge a curve
  assert.deepEqual(kinds({ history: { cost: curve(19, (e) => 1 / (1 + 0.2 * e)), stopReason: 'epochs' }, ...fitted }), []);
});

test('the jitter of mini-batch costs is not read as a trend: flat noisy curves give nothing, a real fall under the noise does', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const flat = curve(100, (e) => 0.2 + Math.exp(-e), 0.08, seed);
    assert.deepEqual(kinds({ history: { cost: flat, stopReason: 'epochs' }, ...fitted }), [], `seed ${seed}`);
  }
  assert.deepEqual(kinds({ history: { cost: curve(200, (e) => 2 / (1 + 0.05 * e), 0.03), stopReason: 'epochs' }, ...fitted }), ['stillFalling']);
});

test('a cost that rose from its lowest, or jumped far above where it started, points at the learning rate', () => {
  const rose = diagnoseTraining({ history: { cost: curve(100, (e) => (e < 60 ? 1 / (1 + 0.1 * e) : 0.15 + 0.02 * (e - 60))), stopReason: 'epochs' }, ...fitted });
  assert.deepEqual(rose.map((f) => f.kind), ['costRose']);
  assert.match(rose[0]!.message, /^the cost rose from 0\.1\d+ \(epochs \d+-\d+\) to 0\.\d+ \(the last 10 epochs\): the learning rate may be too large/);
  // early stopping keeps the best weights: the rise after them is what it is for
  assert.deepEqual(kinds({ history: { cost: curve(100, (e) => (e < 60 ? 1 / (1 + 0.1 * e) : 0.15 + 0.02 * (e - 60))), stopReason: 'earlyStopping' }, ...fitted }), []);
  // a blow-up the run recovered from (the cost of digits at a learning rate of 1.5: 1.822 ... 470.8 ... 0.294)
  const jumped = diagnoseTraining({ history: { cost: [1.822, 1.979, 2.196, 12.694, 302.584, 470.777, 174.757, 77.439, 45.667, 0.5, 0.4, 0.3], stopReason: 'epochs' }, ...fitted });
  assert.deepEqual(jumped.map((f) => f.kind), ['costJumped']);
  assert.equal(jumped[0]!.message, 'the cost jumped to 470.8 at epoch 6, 258 times its 1.822 at epoch 1: the learning rate is too large for training to go steadily; a smaller one would help');
  assert.deepEqual(kinds({ history: { cost: [1, 9, 0.5], stopReason: 'epochs' }, ...fitted }), [], '9 times is not 10');
});

test('high bias: the training examples are not learned (measured from the commonest class, or by R²)', () => {
  const flat = { cost: curve(50, () => 0.6), stopReason: 'epochs' };
  // 70 of 100 right against 60 for the commonest class: a quarter of the way to 100%
  const bias = diagnoseTraining({ history: flat, train: classified(70), heldOut: classified(68) });
  assert.deepEqual(bias.map((f) => f.kind), ['highBias']);
  assert.match(bias[0]!.message, /^training accuracy 70\.00% closes only 25% of the gap between always answering the commonest class \(60\.00%\) and 100%: high bias/);
  assert.deepEqual(kinds({ history: flat, train: classified(50), heldOut: classified(50) }), ['highBias']);
  assert.match(diagnoseTraining({ history: flat, train: classified(50) })[0]!.message, /closes none of the gap/);
  assert.deepEqual(kinds({ history: flat, train: classified(80), heldOut: classified(78) }), [], 'half the gap closed');
  assert.deepEqual(kinds({ history: flat, train: regressed(0.3), heldOut: regressed(0.28) }), ['highBias']);
  assert.deepEqual(kinds({ history: flat, train: regressed(0.9), heldOut: regressed(0.85) }), []);
});

test('high variance: held-out accuracy 10 points or more below training (or R² 0.15 below), named by the set it was measured on', () => {
  const flat = { cost: curve(50, () => 0.1), stopReason: 'epochs' };
  const v = diagnoseTraining({ history: flat, train: classified(99), heldOut: classified(89) });
  assert.deepEqual(v.map((f) => f.kind), ['highVariance']);
  assert.match(v[0]!.message, /^test accuracy 89\.00% is 10\.0 points below training accuracy 99\.00%: high variance/);
  assert.match(diagnoseTraining({ history: flat, train: classified(99), heldOut: classified(89), heldOutName: 'validation' })[0]!.message, /^validation accuracy/);
  // 1% wrong on training, 10% on test: 9 points, under 10, but the gap is nine times the avoidable bias
  // (the course's "train 1%, dev 11%"): high variance (this case was pinned as nothing until session 36)
  assert.deepEqual(kinds({ history: flat, train: classified(99), heldOut: classified(90) }), ['highVariance']);
  assert.deepEqual(kinds({ history: flat, train: classified(99), heldOut: classified(95) }), [], 'a gap under 5 points');
  assert.deepEqual(kinds({ history: flat, train: regressed(0.95), heldOut: regressed(0.75) }), ['highVariance']);
  // a lower held-out R² with no larger error: the held-out targets vary less (sklearn's diabetes, a
  // network on the course's defaults: R² -0.21 on training, -0.41 on test, MSE 7714 against 5735)
  assert.deepEqual(kinds({ history: flat, train: regressed(-0.2076, 6388), heldOut: regressed(-0.4082, 4073) }), ['highBias']);
  assert.deepEqual(kinds({ history: flat, train: regressed(0.95, 4), heldOut: regressed(0.75, 0.5) }), []);
  assert.deepEqual(kinds({ history: flat, train: classified(99) }), [], 'nothing held out, nothing to compare');
  // overfitting already: "train longer" is not said, though the training cost still falls
  assert.deepEqual(kinds({ history: { cost: curve(100, (e) => 1 / (1 + 0.02 * e)), stopReason: 'epochs' }, train: classified(99), heldOut: classified(80) }), ['highVariance']);
  // both (the course's "train error 15%, dev error 30%")
  assert.deepEqual(kinds({ history: flat, train: classified(70), heldOut: classified(55) }), ['highBias', 'highVariance']);
});

test('a cost history with a non-finite value, or none at all, is not judged', () => {
  assert.deepEqual(kinds({ history: { cost: [...curve(40, (e) => 1 / (1 + e)), NaN], stopReason: 'epochs' }, ...fitted }), []);
  assert.deepEqual(kinds({ history: { cost: [], stopReason: 'epochs' }, ...fitted }), []);
});

test('high bias on standardized inputs does not advise standardizing them', () => {
  const flat = { cost: curve(50, () => 0.6), stopReason: 'epochs' };
  const raw = diagnoseTraining({ history: flat, train: classified(70) })[0]!.message;
  const standardized = diagnoseTraining({ history: flat, train: classified(70), standardized: true })[0]!.message;
  assert.match(raw, /standardize the inputs, or use a larger network$/);
  assert.match(standardized, /train longer or with a larger learning rate, or use a larger network$/);
});

test('a held-out set with another mix of classes is not high variance: a network answering one class everywhere (balanced accuracy 50% on both)', () => {
  // the cat files with a collapsed network: 137 of 209 training images and 17 of 50 test images are non-cats
  const constant = (n: number, zeros: number): Evaluation => {
    const truth = Array.from({ length: n }, (_, i) => (i < zeros ? 0 : 1));
    return { cost: 0.64, classification: classificationReport(truth, truth.map(() => 0), 2) };
  };
  const flat = { cost: curve(50, () => 0.64), stopReason: 'epochs' };
  const found = diagnoseTraining({ history: flat, train: constant(209, 137), heldOut: constant(50, 17) });
  assert.deepEqual(found.map((f) => f.kind), ['highBias'], found.map((f) => f.message).join('\n'));
  assert.match(found[0]!.message, /^training accuracy 65\.55% closes none of the gap between always answering the commonest class \(65\.55%\) and 100%/);
});

// With weighted classes the network gives up accuracy on the commonest class for the rarer ones (ILPD
// with --class-weight balanced: accuracy 45%, below the 71% of always answering the commonest class,
// balanced accuracy 59%): bias is judged by balanced accuracy against chance, as the weights ask.
test('with weighted classes, high bias is judged by balanced accuracy against chance, not accuracy against the commonest class', () => {
  const flat = { cost: curve(60, () => 0.5) };
  // 100 examples, 70 of class 0 (the commonest class alone: 70%); right0 of them and right1 of the 30 of class 1 right
  const truth = Array.from({ length: 100 }, (_, i) => (i < 70 ? 0 : 1));
  const balanced = (right0: number, right1: number): Evaluation => {
    const predicted = truth.map((t, i) => (t === 0 ? (i < right0 ? 0 : 1) : (i - 70 < right1 ? 1 : 0)));
    return { cost: 0.6, classification: classificationReport(truth, predicted, 2) };
  };
  // 60 of 70 and 28 of 30 right: accuracy 88%, balanced accuracy 89.5%
  const good = balanced(60, 28);
  assert.ok(good.classification!.accuracy < 0.9 && good.classification!.balancedAccuracy > 0.85);
  assert.deepEqual(kinds({ history: flat, train: good, weighted: true }), []);
  // 25 and 20 right: accuracy 45%, below the commonest class's 70%, balanced accuracy 51.19%: high bias, said in the weighted terms
  const poor = balanced(25, 20);
  const weighted = diagnoseTraining({ history: flat, train: poor, weighted: true });
  assert.deepEqual(weighted.map((f) => f.kind), ['highBias']);
  assert.match(weighted[0]!.message, /^training balanced accuracy 51\.19% closes only 2% of the gap between chance \(50\.00%\) and 100%/);
  // 48 and 26 right: accuracy 74% (closing 13% of the commonest class's gap), balanced accuracy 77.6% (55% of chance's): fine with weights, high bias without
  const fair = balanced(48, 26);
  assert.deepEqual(kinds({ history: flat, train: fair, weighted: true }), []);
  assert.deepEqual(kinds({ history: flat, train: fair }), ['highBias']);
});
