// The learning-rate sweep of the course, as a student runs it: a rate too large is named as such, and the
// high-bias finding of the same run no longer advises "a larger learning rate" beside it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseTraining } from '../../src/metrics/diagnosis.js';
import { classificationReport } from '../../src/metrics/classification.js';
import type { Evaluation } from '../../src/train/predict.js';
import { Matrix, Network, fit, evaluate, synthetic } from '../../src/index.js';

/** `right` of 100 examples right, 50 of each class. */
function classified(right: number): Evaluation {
  const truth = Array.from({ length: 100 }, (_, i) => (i < 50 ? 0 : 1));
  return { cost: 0.7, classification: classificationReport(truth, truth.map((t, i) => (i < right ? t : 1 - t)), 2) };
}

test('a cost that swings back up to where it started is a learning rate too large (it was left to high bias: "a larger learning rate")', () => {
  // 200 epochs: down from 0.693 to 0.3, then bouncing between 0.35 and 1.1 for the last 40
  const cost = Array.from({ length: 200 }, (_, e) => (e < 160 ? 0.693 - 0.393 * (e / 160) : e % 2 ? 1.1 : 0.35));
  const findings = diagnoseTraining({ history: { cost, stopReason: 'epochs' }, train: classified(70) });
  assert.deepEqual(findings.map((f) => f.kind), ['costOscillates', 'highBias']);
  assert.match(findings[0]!.message, /^the cost is swinging instead of going down: in the last 20 epochs it stayed above its best 0\.3025, went between 0\.3500 and 1\.100, and back up to where it started \(0\.6930\): the learning rate is too large for training to settle; a smaller one would help$/);
  assert.ok(!findings[1]!.message.includes('larger learning rate'), findings[1]!.message);
  assert.match(findings[1]!.message, /first a smaller learning rate \(the cost did not settle\), then train longer, standardize the inputs, or use a larger network$/);
});

test('high bias beside a cost that jumped 10 times (lr 1000 on the flower) is not told "a larger learning rate"; without one it still is', () => {
  const jumped = diagnoseTraining({ history: { cost: [0.693, 2, 308.9, 150, 120, 115, 114, 114.5, 114.2, 114.4], stopReason: 'epochs' }, train: classified(64) });
  assert.deepEqual(jumped.map((f) => f.kind), ['costJumped', 'highBias']);
  assert.ok(!jumped[1]!.message.includes('larger learning rate'), jumped[1]!.message);
  const slow = diagnoseTraining({ history: { cost: Array.from({ length: 100 }, (_, e) => 0.693 - 0.001 * e), stopReason: 'epochs' }, train: classified(60) });
  assert.ok(slow.some((f) => f.kind === 'highBias' && f.message.includes('train longer or with a larger learning rate')), JSON.stringify(slow));
});

test('the course\'s sweep on the flower at learning rate 20: the swinging cost is found on the real run', () => {
  const { X, Y } = synthetic('flower');
  const net = new Network({ inputSize: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], init: 'normal', seed: 2, dtype: 'float64' });
  const history = fit(net, X, Y, { epochs: 1000, learningRate: 20 });
  const kinds = diagnoseTraining({ history, train: evaluate(net, X as Matrix, Y) }).map((f) => f.kind);
  assert.ok(kinds.includes('costOscillates'), kinds.join(', '));
  assert.ok(!kinds.includes('stillFalling'), kinds.join(', '));
});

test('the course\'s zero initialisation: high bias names the hidden layer whose units stayed one unit, not "a larger network"', () => {
  const circles = synthetic('circles', { seed: 1 });
  const zeros = new Network({ inputSize: 2, dtype: 'float64', init: 'zeros', warn: () => {},
    layers: [{ units: 10, activation: 'relu' }, { units: 5, activation: 'relu' }, { units: 1, activation: 'sigmoid' }] });
  const history = fit(zeros, circles.X, circles.Y, { epochs: 300, learningRate: 0.01 });
  const train = evaluate(zeros, circles.X, circles.Y);
  const bias = diagnoseTraining({ history, train, network: zeros }).find((f) => f.kind === 'highBias')!;
  assert.match(bias.message, /high bias: the 10 units of hidden layer 1 are all the same \(equal weights: they started equal, as init 'zeros' starts them, and gradient descent keeps them equal\), so the layer works as one unit; neither more units nor longer training can help: start from random weights \(init 'he', 'xavier' or 'normal'\)$/);
  assert.ok(!bias.message.includes('larger network'));
  // the same run from He's weights: no such finding (its units differ)
  const he = new Network({ inputSize: 2, dtype: 'float64', init: 'he', seed: 3, layers: [{ units: 10, activation: 'relu' }, { units: 5, activation: 'relu' }, { units: 1, activation: 'sigmoid' }] });
  const h2 = fit(he, circles.X, circles.Y, { epochs: 300, learningRate: 0.01 });
  assert.ok(diagnoseTraining({ history: h2, train: evaluate(he, circles.X, circles.Y), network: he }).every((f) => !f.message.includes('are all the same')));
});
