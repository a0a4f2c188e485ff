// Battery model32 (metrics): the diagnosis of a multi-label run. It had rules for classification and
// regression only, and said nothing of a multi-label run, however far off. Now high bias is judged by the
// training Hamming loss against always answering each label's commoner value (majorityHammingLoss, the
// counterpart of majorityBaseline), and high variance by the held-out subset accuracy confirmed by its Hamming loss.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseTraining } from '../../src/metrics/diagnosis.js';
import { multilabelReport } from '../../src/metrics/multilabel.js';
import { metricsJson } from '../../src/metrics/summary.js';
import type { Evaluation } from '../../src/train/predict.js';

/** k x m label indicators, row-major, from a cell function. */
const labels = (k: number, m: number, f: (i: number, j: number) => number) => Array.from({ length: k * m }, (_, c) => f(Math.floor(c / m), c % m));
const run = (k: number, m: number, truth: (i: number, j: number) => number, pred: (i: number, j: number) => number): Evaluation =>
  ({ cost: 1, outputs: k, multilabel: multilabelReport(labels(k, m, truth), labels(k, m, pred), k) }) as Evaluation;
const history = { cost: [1, 0.9, 0.8], stopReason: 'epochs' };
// 4 labels over 8 examples: label i present in examples j with (i + j) % 4 === 0 (a quarter of them)
const truth = (i: number, j: number) => ((i + j) % 4 === 0 ? 1 : 0);

test('majorityHammingLoss: the Hamming loss of answering each label\'s commoner value; in metricsJson beside hammingLoss', () => {
  const r = multilabelReport(labels(2, 4, (i, j) => (i === 0 ? (j === 0 ? 1 : 0) : j < 3 ? 1 : 0)), labels(2, 4, () => 0), 2);
  assert.equal(r.majorityHammingLoss, (1 / 4 + 1 / 4) / 2); // label 1 present in 1 of 4, label 2 in 3 of 4: min(p, 1 - p) each
  assert.equal(metricsJson({ cost: 1, multilabel: r } as Evaluation).majorityHammingLoss, 0.25);
});

test('diagnoseTraining, multi-label: high bias when the training Hamming loss closes less than half of the gap to answering each label\'s commoner value', () => {
  const none = diagnoseTraining({ history, train: run(4, 8, truth, () => 0) });
  assert.deepEqual(none.map((f) => f.kind), ['highBias']);
  assert.match(none[0]!.message, /^training Hamming loss 0\.2500 \(the fraction of labels predicted wrong\) closes none of the gap between always answering each label's commoner value \(0\.2500\) and 0: high bias/);
  // one wrong cell of 32: 0.03125 closes 87% of the gap
  assert.deepEqual(diagnoseTraining({ history, train: run(4, 8, truth, (i, j) => (i === 0 && j === 0 ? 0 : truth(i, j))) }), []);
});

test('diagnoseTraining, multi-label: high variance when held-out subset accuracy is 10 points below training and its Hamming loss confirms it', () => {
  const train = run(4, 8, truth, truth);
  // held out: every other example has one label wrong: subset accuracy 50%, Hamming loss 4/32
  const far = diagnoseTraining({ history, train, heldOut: run(4, 8, truth, (i, j) => (i === 0 && j % 2 === 0 ? 1 - truth(i, j) : truth(i, j))) });
  assert.deepEqual(far.map((f) => f.kind), ['highVariance']);
  assert.match(far[0]!.message, /^test subset accuracy 50\.00% \(every label of an example right\) is 50\.0 points below training 100\.00%, and its Hamming loss 0\.1250 is above training's 0\.0000: high variance/);
  // one label wrong in one example of 10 with 10 labels: subset accuracy 10 points down, but 1 label in 100 (0.01): not a finding
  const truth10 = (i: number, j: number) => (i === j ? 1 : 0);
  const near = diagnoseTraining({ history, train: run(10, 10, truth10, truth10), heldOut: run(10, 10, truth10, (i, j) => (i === 0 && j === 0 ? 0 : truth10(i, j))) });
  assert.deepEqual(near, []);
});
