// A student of the course checks what the CLI prints against numpy: every expected number below was
// computed with numpy float64 by an independent forward/backward written from the course's equations
// (not from backprop), on the models and rows written here, and rounded the way backprop prints it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { backprop, fileWriter, tempDir, ROOT, usageError } from '../helpers/cli.js';

const dir = tempDir('learner29-');
const write = fileWriter(dir);
const model = (layers: object[], extra: object = {}) => JSON.stringify({ format: 'backprop-model', version: 1, inputSize: (layers[0] as { W: number[][] }).W[0]!.length, task: 'binary', dtype: 'float64', layers, ...extra });

/** One hidden layer of each activation (tanh, relu, leakyRelu 0.1, elu 0.5, selu), a sigmoid output. */
const everyActivation = write('every.json', model([
  { units: 3, activation: 'tanh', W: [[0.5, -0.3, 0.8], [-0.6, 0.2, 0.4], [0.1, 0.9, -0.7]], b: [0.1, -0.2, 0.05] },
  { units: 3, activation: 'relu', W: [[0.7, -0.4, 0.3], [-0.5, 0.6, 0.9], [0.2, 0.3, -0.8]], b: [0.05, 0.1, -0.1] },
  { units: 2, activation: 'leakyRelu', alpha: 0.1, W: [[0.9, -1.2, 0.5], [-0.8, 0.4, -0.6]], b: [-0.05, 0.02] },
  { units: 2, activation: 'elu', alpha: 0.5, W: [[1.1, -0.7], [-0.9, 1.3]], b: [-0.3, 0.1] },
  { units: 2, activation: 'selu', W: [[0.6, -1.4], [1.2, 0.8]], b: [0.0, -0.2] },
  { units: 1, activation: 'sigmoid', W: [[0.8, -1.1]], b: [0.2] },
]));
const threeRows = write('three.csv', 'x1,x2,x3,y\n0.2,0.5,-0.9,1\n-1.0,0.3,0.7,0\n1.5,-0.4,0.2,1\n');

test('inspect --backward of every activation: the layer table in columns, and numbers equal to numpy\'s to the printed digits', () => {
  const r = backprop(['inspect', '--model', everyActivation, '--data', threeRows, '--backward', '--examples', '3', '--lr', '0.1']);
  assert.equal(r.code, 0, r.stderr);
  // the activation column is wide enough for leakyRelu(0.1); selu's constants are not a parameter of the model
  assert.match(r.stdout, /^3 {6}2 {6}leakyRelu\(0\.1\) {2}2 x 3 {13}2 x 1 {8}8$/m);
  assert.match(r.stdout, /^5 {6}2 {6}selu {12}2 x 2 /m);
  const lines = [
    // a[l], z[l] are columns (n[l] x 1), written [..]ᵀ as the backward pass writes them; numpy: z[1] = (-0.67, -0.58, 1.15)
    'z[1] = W[1]·a[0] + b[1] = [-0.6700, -0.5800, 1.1500]ᵀ',
    'a[6] = sigmoid(z[6]) = [0.3657]ᵀ', // numpy: 0.36574795937852533
    'J = (1/m) Σ L(ŷ, y) = 0.8036', // numpy: 0.8035857362092864
    // the 7-digit check lines: numpy's dZ[5][1,2] = 0.6719939570753668, db[5][1,1] = -0.008649594801454144
    // (from x read in float32 backprop printed 0.6719939 and -0.008649599)
    'dZ[5][1,2] 0.6719940 vs 0.6719940',
    'db[5][1,1] -0.008649595 vs -0.008649595',
    '  b[5] := [8.650e-04, -0.2253]ᵀ', // numpy: b[5] - 0.1 db[5] = (0.000864959480, -0.225302637)
    '  W[6] := [0.7944, -1.0890]',
  ];
  for (const line of lines) assert.ok(r.stdout.includes(line), `${line}\n---\n${r.stdout}`);
});

test('the notes\' three-input example: dW[1] as numpy computes it from x = (0.2, 0.5, -0.9), not from x rounded to float32', () => {
  const notes = path.join(ROOT, 'examples/notes');
  const r = backprop(['inspect', '--model', path.join(notes, 'three-inputs.json'), '--data', path.join(notes, 'three-inputs.csv'), '--backward', '--lr', '0.1']);
  assert.equal(r.code, 0, r.stderr);
  // numpy: dW[1][2,3] = 0.04406143515973778, dW[1][1,3] = 0.013875215283760053 (float32 x: 0.04406143, 0.01387521)
  assert.ok(r.stdout.includes('dW[1][2,3] 0.04406144 vs 0.04406144'), r.stdout);
  assert.ok(r.stdout.includes('dW[1][1,3] 0.01387522 vs 0.01387522'), r.stdout);
});

test('mean squared error: inspect prints dA[L] = 2(A[L] - Y) with its numbers, then dZ[L] with its own', () => {
  const mse = write('mse.json', model([
    { units: 2, activation: 'relu', W: [[0.5, -0.25], [0.75, 0.5]], b: [0.5, -0.5] },
    { units: 1, activation: 'sigmoid', W: [[1.5, -0.5]], b: [0.25] },
  ], { loss: 'meanSquaredError' }));
  const r = backprop(['inspect', '--model', mse, '--data', write('mse.csv', 'x1,x2,y\n0.5,-1.5,1\n2.0,0.25,0\n-1.0,1.0,1\n'), '--backward', '--examples', '3']);
  assert.equal(r.code, 0, r.stderr);
  // numpy: dA[2] = (-0.25184552967, 1.72678321995, -0.87564699823), dZ[2] = (-0.02771968601, 0.20366810233, -0.21552657071)
  assert.ok(r.stdout.includes('  dA[2] = ∂L/∂A[2] = 2(A[2] - Y) = [-0.2518, 1.7268, -0.8756]\n'), r.stdout);
  assert.ok(r.stdout.includes("  dZ[2] = dA[2] * sigmoid'(Z[2]) = [-0.0277, 0.2037, -0.2155]\n"), r.stdout);
});

test('gradcheck --model checks the cost the model was trained on: its L2 from the training record', () => {
  const l2 = write('l2.json', JSON.stringify({
    format: 'backprop-model', version: 1, inputSize: 2, task: 'multiclass', dtype: 'float64', classes: ['a', 'b', 'c'], training: { l2: 0.7 },
    layers: [
      { units: 3, activation: 'linear', W: [[0.5, -0.25], [-0.75, 0.5], [0.25, 1.0]], b: [0.5, -0.5, 0.0] },
      { units: 3, activation: 'softmax', W: [[1.0, -0.5, 0.25], [-0.25, 0.75, -1.0], [0.5, 0.5, 0.5]], b: [0.0, 0.25, -0.25] },
    ],
  }));
  const data = write('l2.csv', 'x1,x2,y\n0.5,-1.5,a\n2.0,0.25,c\n-1.0,1.0,b\n0.75,0.5,c\n');
  const r = backprop(['gradcheck', '--model', l2, '--data', data, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { cost: number; l2: number; ok: boolean };
  // numpy: J = (1/m) Σ L + (0.7 / 2m) Σ ‖W‖² = 1.916321930444909 (1.402259430444909 without the penalty)
  assert.ok(Math.abs(j.cost - 1.916321930444909) < 1e-12, String(j.cost));
  assert.equal(j.l2, 0.7);
  assert.equal(j.ok, true);
  const text = backprop(['gradcheck', '--model', l2, '--data', data]);
  assert.match(text.stdout, /^gradient check of 2-3\(linear\)-3\(softmax\) on 4 examples, J with L2 λ = 0\.7 \(float64\)$/m);
  const none = JSON.parse(backprop(['gradcheck', '--model', l2, '--data', data, '--l2', '0', '--json']).stdout) as { cost: number };
  assert.ok(Math.abs(none.cost - 1.402259430444909) < 1e-12, String(none.cost));
  // a model trained with dropout is checked as it predicts, and the header says so
  const dropout = write('dropout.json', model([
    { units: 2, activation: 'tanh', W: [[0.5, -0.25], [0.75, 0.5]], b: [0.5, -0.5] },
    { units: 1, activation: 'sigmoid', W: [[1.5, -0.5]], b: [0.25] },
  ], { training: { keepProb: 0.8 } }));
  const d = backprop(['gradcheck', '--model', dropout, '--data', write('dropout.csv', 'x1,x2,y\n0.5,-1.5,1\n2.0,0.25,0\n')]);
  assert.equal(d.code, 0, d.stderr);
  assert.match(d.stdout, /^gradient check of 2-2\(tanh\)-1\(sigmoid\) on 2 examples, without the model's dropout \(training-only random masks\) \(float64\)$/m);
});

test('train --float64, full batch: history.cost[i] is numpy\'s cost after iteration i, on the CSV\'s numbers as written', () => {
  const rows = write('eight.csv', 'x1,x2,x3,y\n-0.802,-1.324,-0.248,0\n0.42,1.136,0.11,1\n-0.553,-0.785,0.749,0\n1.635,0.273,-1.233,1\n-0.958,1.6,0.203,0\n-1.732,-0.084,-1.163,0\n-0.629,-0.488,-0.713,0\n0.553,-0.063,-0.589,1\n');
  const saved = path.join(dir, 'trained.json');
  const r = backprop(['train', '--data', rows, '--test-split', '0', '--resume', everyActivation, '--epochs', '4', '--lr', '0.5', '--float64', '--json', '--save', saved]);
  assert.equal(r.code, 0, r.stderr);
  const history = (JSON.parse(r.stdout) as { history: { epoch: number; iteration: number; cost: number }[] }).history;
  // numpy, four steps of W := W - 0.5 dW from the same weights (float32-read x gave 0.5950760197 first)
  const numpy = [0.5950760191712633, 0.511151092405655, 0.478253472375427, 0.5107062791621577];
  assert.deepEqual(history.map((h) => [h.epoch, h.iteration]), [[1, 0], [2, 1], [3, 2], [4, 3]]);
  history.forEach((h, i) => assert.ok(Math.abs(h.cost - numpy[i]!) < 1e-12, `iteration ${i}: ${h.cost} vs numpy ${numpy[i]}`));
  // the weights after the four updates: numpy's W[6] = (0.8165746420693704, -1.2256711706543186)
  const W6 = (JSON.parse(readFileSync(saved, 'utf8')) as { layers: { W: number[][] }[] }).layers[5]!.W[0]!;
  [0.8165746420693704, -1.2256711706543186].forEach((w, k) => assert.ok(Math.abs(W6[k]! - w) < 1e-12, `W[6][1,${k + 1}] ${W6[k]} vs numpy ${w}`));
});

test('a misspelt loss or activation says what is meant', () => {
  usageError(backprop(['train', '--data', 'flower', '--loss', 'MSE', '--epochs', '1']), /--loss must be one of .*, got 'MSE' \(did you mean 'meanSquaredError'\?\)/);
  usageError(backprop(['train', '--data', 'flower', '--activation', 'soft-max', '--epochs', '1']), /--activation soft-max: softmax is an output activation \(--output softmax/);
  usageError(backprop(['train', '--data', 'flower', '--activation', 'ReLU', '--epochs', '1']), /got 'ReLU' \(did you mean 'relu'\?\)/);
  const bce = write('bce.json', model([{ units: 1, activation: 'sigmoid', W: [[1, 2]], b: [0] }], { loss: 'BCE' }));
  usageError(backprop(['inspect', '--model', bce]), /field "loss" must be one of .*got 'BCE' \(did you mean 'binaryCrossEntropy'\?\)/);
});
