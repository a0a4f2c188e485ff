// Battery multilabel31 (metrics): a multi-label evaluation as sklearn.metrics computes it on label-indicator
// arrays (m x k of 0/1): accuracy_score (subset accuracy), hamming_loss, precision/recall/f1 per label and
// averaged micro, macro and samples. The expected numbers are literals from scikit-learn 1.9.1 on this case
// (the test does not run Python); it has a label never predicted, an example with no label, one with a wrong one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix, Network, evaluate, metricsJson, multilabelReport } from '../../src/node.js';

// yt, yp of 8 examples and 4 labels, k x m row-major (label i of example j at i * 8 + j)
const yt = [1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const yp = [1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0];
const near = (got: number, want: number, what: string) => assert.ok(Math.abs(got - want) < 1e-15, `${what}: ${got}, scikit-learn ${want}`);

test('multilabelReport equals sklearn.metrics on a label-indicator case (subset accuracy, Hamming loss, per label, micro/macro/samples)', () => {
  const r = multilabelReport(yt, yp, 4);
  assert.equal(r.subsetAccuracy, 0.25); // accuracy_score
  assert.equal(r.hammingLoss, 0.1875); // hamming_loss
  assert.deepEqual(r.precision, [0.75, 1, 1, 0]); // precision_score(average=None)
  assert.deepEqual(r.recall, [0.75, 0.75, 0.5, 0]);
  r.f1.forEach((f, i) => near(f, [0.75, 0.8571428571428571, 0.6666666666666666, 0][i]!, `f1 of label ${i + 1}`));
  assert.deepEqual(r.support, [4, 4, 4, 0]);
  assert.deepEqual(r.perLabelAccuracy, [0.75, 0.875, 0.75, 0.875]); // 1 - each label's Hamming loss
  near(r.micro.precision, 0.8, 'micro precision');
  near(r.micro.recall, 0.6666666666666666, 'micro recall');
  near(r.micro.f1, 0.7272727272727273, 'micro f1');
  near(r.macro.precision, 0.6875, 'macro precision');
  near(r.macro.recall, 0.5, 'macro recall');
  near(r.macro.f1, 0.5684523809523809, 'macro f1');
  near(r.samples.precision, 0.5625, 'samples precision');
  near(r.samples.recall, 0.5, 'samples recall');
  near(r.samples.f1, 0.49999999999999994, 'samples f1');
});

test('evaluate of a 4-sigmoid network trained with cross-entropy is multi-label (its predictions A > 0.5), and metricsJson keys the labels by name', () => {
  // one layer, W = 0, b = logit of the prediction wanted: every example gets the same A, so build Y against that
  const net = new Network({ inputSize: 1, layers: [{ units: 4, activation: 'sigmoid' }], dtype: 'float64' });
  net.setWeights([{ W: new Matrix(4, 1), b: new Matrix(4, 1, Float64Array.from([2, -2, 2, -2])) }]); // predicts 1, 0, 1, 0
  const X = new Matrix(1, 2, Float64Array.from([0, 0]));
  const Y = new Matrix(4, 2, Float64Array.from([1, 1, 0, 1, 1, 0, 0, 0])); // example 1: labels 1, 3 (exact); example 2: 1, 2
  const e = evaluate(net, X, Y);
  assert.ok(e.multilabel, 'a multi-label evaluation without the task given');
  assert.equal(e.multilabel.subsetAccuracy, 0.5);
  assert.equal(e.multilabel.hammingLoss, 2 / 8);
  // J = -(1/m) sum over examples and labels of [y log a + (1 - y) log(1 - a)], a = sigmoid(±2)
  const lo = Math.log1p(Math.exp(-2)), hi = Math.log1p(Math.exp(2)); // -log a of a right (a = σ(2)) and a wrong (σ(-2)) answer
  assert.ok(Math.abs(e.cost - (6 * lo + 2 * hi) / 2) < 1e-12, String(e.cost));
  const json = metricsJson(e, ['cat', 'dog', 'sun', 'sea']);
  assert.deepEqual(json.labels, ['cat', 'dog', 'sun', 'sea']);
  assert.deepEqual((json.perLabel as Record<string, unknown>).dog, { accuracy: 0.5, precision: 0, recall: 0, f1: 0, support: 1 });
  assert.equal(json.subsetAccuracy, 0.5);
  // the same network trained with the squared error is a regression of 4 values in [0, 1], as before
  const mse = new Network({ inputSize: 1, layers: [{ units: 4, activation: 'sigmoid' }], loss: 'meanSquaredError', dtype: 'float64' });
  assert.ok(evaluate(mse, X, Y).regression);
});

test('multilabelReport refuses values that are not 0/1 (probabilities) and a k that does not divide them, naming the label and example', () => {
  const says = (name: string, pattern: RegExp) => (e: Error) => e.name === name && pattern.test(e.message) && !e.message.includes('\n');
  assert.throws(() => multilabelReport([1, 0, 0, 1], [0.7, 0, 0, 1], 2), says('OptionError', /^multilabelReport: yPred holds 0\.7 for label 1 of example 1; labels are 0 or 1 \(take the predictions at 0\.5 first\)$/));
  assert.throws(() => multilabelReport([1, 0, 0], [1, 0, 0], 2), says('OptionError', /^multilabelReport: 3 values are not k x m for k = 2 labels and m >= 1 examples$/));
  const net = new Network({ inputSize: 1, layers: [{ units: 2, activation: 'sigmoid' }] });
  assert.throws(() => evaluate(net, new Matrix(1, 2), new Matrix(2, 2, Float64Array.from([1, 0, 2, 1]))), says('DataError', /^Y: label 2 of example 1 is 2; a multi-label target holds 0 \(absent\) or 1 \(present\) per label$/));
});
