import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { backprop, tempDir } from '../helpers/cli.js';

test('inspect shows shapes and parameter counts, and the forward pass of one example with its numbers', () => {
  const dir = tempDir();
  const model = path.join(dir, 'm.json');
  // the course's 3-input example: hidden sigmoid units, then one sigmoid output
  writeFileSync(model, JSON.stringify({
    format: 'backprop-model', version: 1, inputSize: 3, task: 'binary', dtype: 'float64',
    layers: [
      { units: 3, activation: 'sigmoid', W: [[1.2, 0.9, 0.3], [0.2, 0.3, 0.1], [1.3, 1.9, 0.1]], b: [0.1, 0.1, 0.1] },
      { units: 1, activation: 'sigmoid', W: [[0.2, 0.6, 0.2]], b: [0.1] },
    ],
  }));
  const data = path.join(dir, 'x.csv');
  writeFileSync(data, 'x1,x2,x3\n0.2,0.5,-0.9\n');
  const r = backprop(['inspect', '--model', model, '--data', data, '--weights']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^1 +3 +sigmoid +3 x 3 +3 x 1 +12$/m);
  assert.match(r.stdout, /total parameters: 16/);
  assert.match(r.stdout, /z\[1\] = W\[1\]·a\[0\] \+ b\[1\] = \[0\.5200, 0\.2000, 1\.2200\]/);
  assert.match(r.stdout, /a\[1\] = sigmoid\(z\[1\]\) = \[0\.6271, 0\.5498, 0\.7721\]/);
  assert.match(r.stdout, /a\[2\] = sigmoid\(z\[2\]\) = \[0\.6703\]/);
  assert.match(r.stdout, /W\[2\] \(1 x 3\):\n  \[0\.2000, 0\.6000, 0\.2000\]/);
  const bad = backprop(['inspect', '--model', model, '--data', data, '--example', '5']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--example 5: .* has 1 examples/);
});

test('inspect names what a[L] is: P of the second class for one sigmoid unit, P of each class for softmax', () => {
  let r = backprop(['inspect', '--model', 'examples/notes/binary.json', '--data', 'examples/notes/binary.csv']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /a\[2\] is P\(class "1" \| x\), the probability of the second class; P\(class "0" \| x\) = 1 - a\[2\] = 0\.2791/);
  r = backprop(['inspect', '--model', 'examples/notes/multiclass.json', '--data', 'examples/notes/multiclass.csv']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /a\[2\] holds P\(class \| x\) for the classes in index order: "1" 0\.2303, "2" 0\.2804, "3" 0\.4893/);
});

/** Every "name[i,j] analytic vs numeric" pair of the finite-difference lines. */
function checkedPairs(stdout: string): { name: string; analytic: number; numeric: number }[] {
  return [...stdout.matchAll(/(d[WbZA]\[\d\]\[\d+,\d+\]) (-?[\d.e-]+) vs (-?[\d.e-]+)/g)].map((m) => ({ name: m[1]!, analytic: Number(m[2]), numeric: Number(m[3]) }));
}

test('inspect --backward: the four equations of each layer, the loss, the step, each beside its finite differences', () => {
  const r = backprop(['inspect', '--model', 'examples/notes/binary.json', '--data', 'examples/notes/binary.csv', '--backward', '--lr', '0.5']);
  assert.equal(r.code, 0, r.stderr);
  // the notes' binary example: L = -log(0.7209) = 0.3273, dZ[2] = a[2] - y = 0.7209 - 1
  const a2 = 1 / (1 + Math.exp(-0.9489));
  assert.match(r.stdout, /L\(ŷ, y\) = -\(y log ŷ \+ \(1 - y\) log\(1 - ŷ\)\) per example: \[0\.3273\]/);
  assert.match(r.stdout, /J = \(1\/m\) Σ L\(ŷ, y\) = 0\.3273/);
  assert.match(r.stdout, new RegExp(`dZ\\[2\\] = A\\[2\\] - Y = \\[${(a2 - 1).toFixed(4)}\\]ᵀ`));
  for (const eq of ['dW[2] = (1/m) dZ[2]·A[1]ᵀ', 'db[2] = (1/m) Σ dZ[2] over the m columns', 'dA[1] = W[2]ᵀ·dZ[2]',
    "dZ[1] = dA[1] * sigmoid'(Z[1])", 'dW[1] = (1/m) dZ[1]·A[0]ᵀ', 'dA[0] = W[1]ᵀ·dZ[1]']) assert.ok(r.stdout.includes(eq), eq);
  // layer 2 before layer 1: the order backprop computes them in
  assert.ok(r.stdout.indexOf('layer 2:') < r.stdout.indexOf('layer 1:'));
  const pairs = checkedPairs(r.stdout);
  for (const g of ['dZ[2]', 'dW[2]', 'db[2]', 'dA[1]', 'dZ[1]', 'dW[1]', 'db[1]', 'dA[0]']) assert.ok(pairs.some((p) => p.name.startsWith(g)), g);
  for (const p of pairs) assert.ok(Math.abs(p.analytic - p.numeric) <= 2e-6 * Math.abs(p.analytic), `${p.name}: ${p.analytic} vs ${p.numeric}`);
  // one step: b[2] := b[2] - α db[2] = 0.3 - 0.5 (a2 - 1)
  assert.match(r.stdout, /α = 0\.5: W\[l\] := W\[l\] - α dW\[l\], b\[l\] := b\[l\] - α db\[l\]/);
  assert.match(r.stdout, new RegExp(`b\\[2\\] := \\[${(0.3 - 0.5 * (a2 - 1)).toFixed(4)}\\]ᵀ`));
});

test('inspect --backward on a small batch: one loss per example, dZ with one column each, J their mean', () => {
  const r = backprop(['inspect', '--model', 'examples/notes/multiclass.json', '--data', 'examples/notes/multiclass.csv', '--backward', '--examples', '2']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /backward pass of examples 1\.\.2 of .*multiclass\.csv \(float64, m = 2\)/);
  assert.match(r.stdout, /L\(ŷ, y\) = -Σ_k y_k log ŷ_k per example: \[1\.2716, 0\.7661\]/);
  assert.match(r.stdout, /J = \(1\/m\) Σ L\(ŷ, y\) = 1\.0189/);
  assert.match(r.stdout, /dZ\[2\] = A\[2\] - Y =\n +\[0\.2303, 0\.2718\]\n +\[-0\.7196, 0\.2634\]\n +\[0\.4893, -0\.5352\]/);
  for (const p of checkedPairs(r.stdout)) assert.ok(Math.abs(p.analytic - p.numeric) <= 2e-6 * Math.abs(p.analytic), `${p.name}: ${p.analytic} vs ${p.numeric}`);
});

test('inspect --backward: bad input is one line and exit 2', () => {
  let r = backprop(['inspect', '--model', 'examples/notes/binary.json', '--backward']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--backward needs --data with labelled examples/);
  r = backprop(['inspect', '--model', 'examples/notes/multiclass.json', '--data', 'examples/notes/multiclass.csv', '--backward', '--examples', '3']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--examples 3 from --example 1: .*multiclass\.csv has 2 examples/);
  r = backprop(['inspect', '--model', 'examples/notes/binary.json', '--data', 'examples/notes/binary.csv', '--backward', '--lr', '-1']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--lr must be a positive number, got '-1'/);
});

test('the boundary of a hand-written model (inspect --plot-boundary) and of an untrained one (train --epochs 0)', () => {
  const dir = tempDir();
  const hand = path.join(dir, 'hand.json');
  writeFileSync(hand, JSON.stringify({ format: 'backprop-model', version: 1, inputSize: 2, task: 'binary', dtype: 'float64', layers: [{ units: 1, activation: 'sigmoid', W: [[1, -1]], b: [0.5] }] }));
  const svg = path.join(dir, 'hand.svg');
  let r = backprop(['inspect', '--model', hand, '--data', 'flower', '--plot-boundary', svg]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /decision boundary written to .*hand\.svg/);
  assert.match(readFileSync(svg, 'utf8'), /Decision boundary: 2-1\(sigmoid\)/);
  r = backprop(['inspect', '--model', hand, '--plot-boundary', svg]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--plot-boundary needs --data/);
  r = backprop(['inspect', '--model', 'examples/notes/binary.json', '--data', 'examples/notes/binary.csv', '--plot-boundary', svg]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--plot-boundary needs 2-D data: .* reads 4 features/);

  const untrained = path.join(dir, 'untrained.json'), png = path.join(dir, 'b0.png');
  r = backprop(['train', '--data', 'flower', '--layers', '4', '--activation', 'tanh', '--seed', '3', '--epochs', '0', '--save', untrained, '--plot-boundary', png]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /not trained \(--epochs 0\): the initial weights/);
  assert.ok(statSync(png).size > 1000);
  // the saved weights are the initial ones: the same seed's one-epoch run starts from them
  const saved = JSON.parse(readFileSync(untrained, 'utf8'));
  const one = path.join(dir, 'one.json');
  r = backprop(['train', '--data', 'flower', '--layers', '4', '--activation', 'tanh', '--seed', '3', '--epochs', '1', '--json', '--save', one]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(Math.abs(JSON.parse(r.stdout).history[0].cost - saved.training.trainMetrics.loss) < 1e-5, 'iteration 0 is the untrained cost');
});

test("inspect --backward's step takes the rate a model was trained with by gradient descent, and says where α came from", () => {
  const dir = tempDir(), gd = path.join(dir, 'gd.json'), adam = path.join(dir, 'adam.json');
  let r = backprop(['train', '--data', 'flower', '--layers', '3', '--epochs', '2', '--lr', '0.5', '--seed', '1', '--save', gd]);
  assert.equal(r.code, 0, r.stderr);
  r = backprop(['inspect', '--model', gd, '--data', 'flower', '--backward']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /one step of gradient descent, α = 0\.5 \(the rate the model was trained with; --lr sets another\): W\[l\]/);
  r = backprop(['inspect', '--model', gd, '--data', 'flower', '--backward', '--lr', '0.2']);
  assert.match(r.stdout, /one step of gradient descent, α = 0\.2: W\[l\]/);
  r = backprop(['train', '--data', 'flower', '--layers', '3', '--epochs', '2', '--optimizer', 'adam', '--lr', '0.5', '--seed', '1', '--save', adam]);
  assert.equal(r.code, 0, r.stderr);
  r = backprop(['inspect', '--model', adam, '--data', 'flower', '--backward']);
  assert.match(r.stdout, /α = 0\.01 \(--lr's default: the model was trained with adam, whose steps are not plain gradient descent\)/);
});
