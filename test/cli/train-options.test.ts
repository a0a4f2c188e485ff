// train's options beyond the basics: resuming, early stopping, optimizers and decay, regularization.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { backprop, tempDir, usageError } from '../helpers/cli.js';

const json = (args: string[]) => {
  const r = backprop([...args, '--json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
};

test('--resume continues from a saved model: its architecture wins and the cost goes on falling', () => {
  const dir = tempDir();
  const model = path.join(dir, 'm.json');
  const first = json(['train', '--data', 'circle', '--layers', '6', '--activation', 'tanh', '--lr', '0.5', '--epochs', '40', '--save', model]);
  const second = json(['train', '--data', 'circle', '--resume', model, '--layers', '99', '--lr', '0.5', '--epochs', '40', '--save', model]);
  assert.ok(second.history[0].cost <= first.history[39].cost + 1e-3, `${second.history[0].cost} after ${first.history[39].cost}`);
  const saved = JSON.parse(readFileSync(model, 'utf8'));
  assert.deepEqual(saved.layers.map((l: { units: number }) => l.units), [6, 1]);
  const r = backprop(['train', '--data', 'spiral3', '--resume', model]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--resume .*classes/);
});

test('--early-stopping holds out a validation split and keeps the best epoch', () => {
  const out = json(['train', '--data', 'gaussians', '--noise', '1', '--samples', '120', '--layers', '64,64', '--optimizer', 'adam', '--lr', '0.01',
    '--epochs', '2000', '--early-stopping', '15']);
  assert.equal(out.stopReason, 'earlyStopping');
  assert.ok(out.history.length < 2000);
  const val = out.history.map((h: { valCost: number }) => h.valCost);
  assert.equal(val[out.bestEpoch - 1], Math.min(...val));
});

test('sgd, minibatch, momentum, rmsprop and adam all train; decay rules parse', () => {
  for (const opt of ['sgd', 'minibatch', 'momentum', 'rmsprop', 'adam']) {
    const out = json(['train', '--data', 'xor', '--layers', '8', '--activation', 'tanh', '--optimizer', opt, '--lr', opt === 'sgd' ? '0.01' : '0.05', '--epochs', '15',
      ...(opt === 'momentum' || opt === 'rmsprop' ? ['--batch-size', '32'] : [])]);
    assert.ok(out.history[14].cost < out.history[0].cost, `${opt}: ${out.history[0].cost} -> ${out.history[14].cost}`);
  }
  for (const decay of ['exp:0.95', 'step:0.5:5', 'inv:1', 'inv:1:10']) {
    json(['train', '--data', 'xor', '--lr-decay', decay, '--epochs', '3']);
  }
  const bad = backprop(['train', '--data', 'xor', '--lr-decay', 'cosine']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--lr-decay must be/);
});

test('--l2 and --dropout shrink the gap on an over-fitting problem; --epsilon stops early', () => {
  const plain = json(['train', '--data', 'gaussians', '--noise', '1', '--samples', '80', '--layers', '64', '--optimizer', 'adam', '--lr', '0.01', '--epochs', '300']);
  const reg = json(['train', '--data', 'gaussians', '--noise', '1', '--samples', '80', '--layers', '64', '--optimizer', 'adam', '--lr', '0.01', '--epochs', '300', '--l2', '2', '--dropout', '0.7']);
  assert.ok(reg.train.loss > plain.train.loss, 'regularized training fits the training set less tightly');
  const eps = json(['train', '--data', 'gaussians', '--layers', '4', '--optimizer', 'adam', '--lr', '0.05', '--epochs', '5000', '--epsilon', '0.2']);
  assert.equal(eps.stopReason, 'epsilon');
});

test('--layers none gives one neuron; --output/--loss must fit the task', () => {
  const dir = tempDir();
  const model = path.join(dir, 'lin.json');
  json(['train', '--data', 'plane', '--layers', 'none', '--lr', '0.01', '--epochs', '50', '--save', model]); // (at 0.1 it diverges)
  const saved = JSON.parse(readFileSync(model, 'utf8'));
  assert.equal(saved.layers.length, 1);
  assert.equal(saved.layers[0].activation, 'linear');
  assert.equal(saved.task, 'regression');
  let r = backprop(['train', '--data', 'xor', '--output', 'linear']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--output linear/);
  r = backprop(['train', '--data', 'spiral3', '--output', 'sigmoid']);
  assert.equal(r.code, 2);
  const soft = json(['train', '--data', 'xor', '--output', 'softmax', '--epochs', '3']);
  assert.deepEqual(soft.train.classes, ['0', '1']);
});

test('gradient norms per layer: in the JSON history and as a chart', () => {
  const dir = tempDir();
  const out = json(['train', '--data', 'spiral', '--layers', '8,8,8', '--activation', 'sigmoid', '--lr', '0.5', '--epochs', '20',
    '--plot-grad-norms', path.join(dir, 'norms.svg')]);
  assert.equal(out.history[0].gradNorms.length, 4);
  // a deep sigmoid stack: the first layer's gradient is smaller than the output layer's (vanishing gradients)
  assert.ok(out.history[19].gradNorms[0] < out.history[19].gradNorms[3]);
  assert.match(readFileSync(path.join(dir, 'norms.svg'), 'utf8'), /dW\[1\]/);
});

test('a model trained on a built-in set predicts a CSV of its input columns', () => {
  const dir = tempDir();
  const model = path.join(dir, 'flower.json');
  json(['train', '--data', 'flower', '--layers', '4', '--activation', 'tanh', '--lr', '1.2', '--epochs', '300', '--save', model]);
  const points = path.join(dir, 'points.csv');
  writeFileSync(points, 'x1,x2\n1.0,2.0\n-3,0.5\n');
  const r = backprop(['predict', '--model', model, '--data', points, '--proba']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n')[0], 'prediction,p_0,p_1');
  assert.equal(r.stdout.trim().split('\n').length, 3);
  // with the label as a last column, it evaluates
  writeFileSync(points, 'x1,x2,y\n1.0,2.0,0\n-3,0.5,1\n');
  const e = backprop(['evaluate', '--model', model, '--data', points, '--json']);
  assert.equal(e.code, 0, e.stderr);
  assert.equal(JSON.parse(e.stdout).examples, 2);
});

test('unscaled data gets a one-line warning naming the feature and the target spread; --standardize silences it', () => {
  const dir = tempDir();
  const csv = path.join(dir, 'houses.csv');
  const rows = ['rooms,area,price'];
  for (let i = 0; i < 60; i++) rows.push(`${1 + (i % 5)},${500 + 37 * i},${100000 + 2500 * i}`);
  writeFileSync(csv, rows.join('\n') + '\n');
  const plain = backprop(['train', '--data', csv, '--target', 'price', '--epochs', '1', '--optimizer', 'adam']);
  const warnings = plain.stderr.split('\n').filter((l) => l.includes('warning'));
  assert.equal(warnings.length, 1, plain.stderr);
  assert.match(warnings[0]!, /^backprop: warning: feature 'area' reaches \d+ and the target has standard deviation [\d.e+]+; .*add --standardize$/);
  const scaled = backprop(['train', '--data', csv, '--target', 'price', '--epochs', '1', '--optimizer', 'adam', '--standardize']);
  assert.equal(scaled.code, 0, scaled.stderr);
  assert.doesNotMatch(scaled.stderr, /warning/);
});

test('number options are decimal numbers: hex, Infinity, extra fields and an empty --layers are refused by name', () => {
  // Number() takes '0x10', '' and 'Infinity': each of these used to train (the rate Infinity diverged with
  // "try a smaller learning rate than Infinity"; --layers '' trained with no hidden layer)
  for (const [flag, value] of [['--lr', '0x10'], ['--l1', '0x10'], ['--l2', '0b1'], ['--test-split', '0o1']]) {
    usageError(backprop(['train', '--data', 'xor', '--epochs', '1', flag!, value!]), new RegExp(`${flag} must be a number, got '${value}'`));
  }
  for (const layers of ['0x8', '1e1', '8,0x4']) {
    usageError(backprop(['train', '--data', 'xor', '--epochs', '1', '--layers', layers]), /--layers must be 'none' or whole numbers >= 1/);
  }
  for (const decay of ['exp:Infinity', 'exp:1e309', 'inv:Infinity', 'step:1e309:2', 'exp:0x2', 'step:0.5:0x2', 'exp:0.9:7', 'inv:1:2:3', 'exp:', 'step:0.5']) {
    usageError(backprop(['train', '--data', 'xor', '--epochs', '1', '--lr-decay', decay]), /--lr-decay must be exp:RATE/);
  }
  // a RATE or FACTOR above 1 grows the learning rate: refused with the range (exp:5 was accepted)
  usageError(backprop(['train', '--data', 'xor', '--epochs', '1', '--lr-decay', 'exp:5']), /--lr-decay exp:5: RATE must be in \(0, 1\] \(the learning rate is alpha0 \* RATE\^epoch: above 1 it grows/);
  usageError(backprop(['train', '--data', 'xor', '--epochs', '1', '--lr-decay', 'step:1.5:10']), /--lr-decay step:1\.5:10: FACTOR must be in \(0, 1\]/);
  // --min-delta is checked whether or not --early-stopping uses it
  for (const v of ['-1', 'abc']) usageError(backprop(['train', '--data', 'xor', '--epochs', '1', '--min-delta', v]), /--min-delta must be/);
  // still taken: decimal forms, with spaces around
  for (const [flag, value] of [['--lr', '.5'], ['--lr', '5e-1'], ['--lr', ' 0.5 '], ['--layers', ' 4, 2'], ['--layers', 'NONE'], ['--lr-decay', 'inv:1:10']]) {
    const r = backprop(['train', '--data', 'xor', '--epochs', '1', flag!, value!]);
    assert.equal(r.code, 0, `${flag} '${value}': ${r.stderr}`);
  }
});

test('--threads is a decimal whole number too (Number() took 0x4)', () => {
  for (const v of ['0x4', '0b10', ' ']) usageError(backprop(['--threads', v, 'train', '--data', 'xor', '--epochs', '1']), new RegExp(`--threads must be a whole number >= 1, got '${v}'`));
});

test('after training, a diagnosis says what the numbers show and what to try: high bias for one neuron on a spiral', () => {
  const r = backprop(['train', '--data', 'spiral', '--layers', 'none', '--epochs', '300', '--lr', '0.5']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  const at = lines.indexOf('diagnosis:');
  assert.ok(at > 0 && lines[at - 1]!.startsWith('test:  accuracy'), r.stdout);
  assert.match(lines[at + 1]!, /^ {2}training accuracy \d+\.\d\d% closes only \d+% of the gap between always answering the commonest class \(50\.00%\) and 100%: high bias/);
  const out = json(['train', '--data', 'spiral', '--layers', 'none', '--epochs', '300', '--lr', '0.5']);
  assert.deepEqual(out.diagnosis.map((f: { kind: string }) => f.kind), ['highBias']);
  // a network that learns the spiral gets no such line
  assert.deepEqual(json(['train', '--data', 'spiral', '--layers', '16,16', '--optimizer', 'adam', '--lr', '0.01', '--epochs', '300', '--batch-size', '32']).diagnosis, []);
});

test('the loss is printed with what it is made of: a regression\'s "loss" and "MSE" were the same number unexplained, and an L1/L2 penalty was folded in unnamed', () => {
  const dir = tempDir(), model = path.join(dir, 'plane.json');
  const args = ['train', '--data', 'plane', '--layers', '4', '--optimizer', 'adam', '--lr', '0.01', '--epochs', '5', '--seed', '2'];
  const plain = backprop([...args, '--save', model]);
  assert.equal(plain.code, 0, plain.stderr);
  assert.match(plain.stdout, /^train: loss = MSE [\d.e-]+  RMSE [\d.e-]+  MAE [\d.e-]+  R² -?[\d.]+$/m);
  assert.match(plain.stdout, /^test:  loss = MSE [\d.e-]+  RMSE/m);
  const ev = backprop(['evaluate', '--model', model, '--data', 'plane']);
  assert.match(ev.stdout, /^loss = MSE [\d.e-]+  RMSE/m);
  const reg = backprop([...args, '--l2', '0.5']);
  assert.equal(reg.code, 0, reg.stderr);
  const m = /^train: loss ([\d.]+) = MSE ([\d.e-]+) \+ penalty ([\d.]+)  RMSE/m.exec(reg.stdout);
  assert.ok(m, reg.stdout);
  assert.ok(Math.abs(Number(m[1]) - Number(m[2]) - Number(m[3])) < 1e-4, `${m[1]} = ${m[2]} + ${m[3]}`);
  const regJson = json([...args, '--l2', '0.5']);
  assert.ok(regJson.train.penalty > 0 && Math.abs(regJson.train.loss - regJson.train.mse - regJson.train.penalty) < 1e-4, JSON.stringify(regJson.train));
  assert.equal('penalty' in json(args).train, false, 'no penalty key without regularization');
  const cls = backprop(['train', '--data', 'xor', '--layers', '4', '--epochs', '5', '--l1', '0.1']);
  assert.match(cls.stdout, /^train: accuracy .*  loss ([\d.]+) = cross-entropy ([\d.]+) \+ penalty ([\d.]+)$/m);
});
