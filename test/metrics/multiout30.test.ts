// Battery multiout30 (diagnosis): a run of several targets is judged target by target. The uniform average
// R² hid a target the network did not learn (0.95, 0.9 and 0.1 average 0.65, above the floor of 0.5) and a
// target overfitted beside two that were not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseTraining } from '../../src/metrics/diagnosis.js';
import type { Evaluation } from '../../src/train/predict.js';

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const regressed = (r2: number[]): Evaluation => ({ cost: 1, outputs: r2.length, regression: { mse: 1, rmse: 1, mae: 1, r2: mean(r2), perOutput: { mse: r2.map((v) => 1 - v), rmse: r2.map(() => 1), mae: r2.map(() => 1), r2 } } });
const history = { cost: Array.from({ length: 50 }, () => 0.5), stopReason: 'epochs' as const };

test('high bias of one target among three is found and named, though their average R² is above the floor', () => {
  const f = diagnoseTraining({ history, train: regressed([0.95, 0.9, 0.1]), heldOut: regressed([0.94, 0.89, 0.1]) });
  assert.deepEqual(f.map((x) => x.kind), ['highBias']);
  assert.match(f[0]!.message, /^training target 3 R² 0\.1000 \(of 3 targets; their average 0\.6500\): the network explains less than half of that target's variance/);
  assert.deepEqual(diagnoseTraining({ history, train: regressed([0.95, 0.9, 0.8]), heldOut: regressed([0.94, 0.89, 0.79]) }), []);
});

test('high variance of one target among three is found and named, though the average gap is under 0.15', () => {
  const f = diagnoseTraining({ history, train: regressed([0.95, 0.95, 0.95]), heldOut: regressed([0.94, 0.94, 0.6]) });
  assert.deepEqual(f.map((x) => x.kind), ['highVariance']);
  assert.match(f[0]!.message, /^test: target 3 R² 0\.6000 is 0\.3500 below its training R² 0\.9500 \(of 3 targets\): high variance/);
});

test('a target of one value (R² 0 or 1 by r2_score\'s rule) is not read as high bias or variance', () => {
  const constant = (r2: number[], c: boolean[]): Evaluation => {
    const e = regressed(r2);
    return { ...e, regression: { ...e.regression!, perOutput: { ...e.regression!.perOutput!, constant: c } } };
  };
  // target 2 is one value everywhere: its R² is 0 (not predicted exactly) on training rows, 1 on the held-out ones
  assert.deepEqual(diagnoseTraining({ history, train: constant([0.95, 0], [false, true]), heldOut: constant([0.94, 1], [false, true]) }), []);
  assert.deepEqual(diagnoseTraining({ history, train: constant([0.95, 1], [false, true]), heldOut: constant([0.94, 0], [false, true]) }), []);
});
