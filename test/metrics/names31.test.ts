// Several named targets are named in the findings and in the advice to standardize ('target 3 of 3'
// said nothing a user could find in the file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseTraining } from '../../src/metrics/diagnosis.js';
import { scaleAdvice } from '../../src/model/build-network.js';
import { Matrix } from '../../src/tensor/matrix.js';
import type { Evaluation } from '../../src/train/predict.js';

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const regressed = (r2: number[]): Evaluation => ({ cost: 1, outputs: r2.length, regression: { mse: 1, rmse: 1, mae: 1, r2: mean(r2), perOutput: { mse: r2.map((v) => 1 - v), rmse: r2.map(() => 1), mae: r2.map(() => 1), r2 } } });
const history = { cost: Array.from({ length: 50 }, () => 0.5), stopReason: 'epochs' as const };
const targets = ['Weight', 'Waist', 'Pulse'];

test('high bias and high variance name the target by its column', () => {
  const bias = diagnoseTraining({ history, train: regressed([0.95, 0.9, 0.1]), heldOut: regressed([0.94, 0.89, 0.1]), targets });
  assert.match(bias[0]!.message, /^training target 'Pulse' R² 0\.1000 \(of 3 targets; their average 0\.6500\)/);
  const variance = diagnoseTraining({ history, train: regressed([0.95, 0.95, 0.95]), heldOut: regressed([0.94, 0.6, 0.94]), targets });
  assert.match(variance[0]!.message, /^test: target 'Waist' R² 0\.6000 is 0\.3500 below its training R² 0\.9500 \(of 3 targets\)/);
  // the same R² with no larger error (the held-out Waists vary a tenth as much): no variance finding
  const spread = regressed([0.94, 0.6, 0.94]);
  spread.regression!.perOutput!.mse[1] = 0.04;
  assert.deepEqual(diagnoseTraining({ history, train: regressed([0.95, 0.95, 0.95]), heldOut: spread, targets }), []);
});

test('the advice to standardize names the widest target', () => {
  const Y = new Matrix(3, 4, Float64Array.from([1, 2, 1, 2, 100, 300, 200, 400, 3, 4, 3, 4]), 'float64');
  const d = { name: 'd', X: new Matrix(1, 4, Float32Array.from([0, 1, 0, 1])), Y, task: 'regression' as const, featureNames: ['x'] };
  assert.match(scaleAdvice(d, targets)!, /^target 'Waist' has standard deviation \d/);
  assert.match(scaleAdvice(d)!, /^target 2 of 3 has standard deviation \d/);
});
