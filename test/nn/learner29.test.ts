// A student of the course checks every step of backprop against numpy: the numbers below were
// computed with numpy float64 by an independent forward/backward written from the course's
// equations (not from backprop), on the networks and rows written here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Matrix, Network, gradientCheck } from '../../src/index.js';
import { loadDataset } from '../../src/node.js';
import { backwardTrace } from '../../src/nn/backward-trace.js';
import { backwardReport } from '../../src/nn/backward-report.js';
import { readCsv } from '../../src/data/csv-file.js';
import { readIdx } from '../../src/data/idx.js';

const close = (got: ArrayLike<number>, want: readonly number[], tol: number, what: string) => {
  assert.equal(got.length, want.length, what);
  want.forEach((w, i) => assert.ok(Math.abs(got[i]! - w) <= tol, `${what}[${i}]: ${got[i]} vs numpy ${w}`));
};

/** One hidden layer of each activation, a sigmoid output (the CLI test's m1.json). */
function everyActivation(): Network {
  const net = new Network({
    inputSize: 3, dtype: 'float64', init: 'zeros', warn: () => {},
    layers: [
      { units: 3, activation: 'tanh' }, { units: 3, activation: 'relu' }, { units: 2, activation: { name: 'leakyRelu', alpha: 0.1 } },
      { units: 2, activation: { name: 'elu', alpha: 0.5 } }, { units: 2, activation: 'selu' }, { units: 1, activation: 'sigmoid' },
    ],
  });
  net.setWeights([
    { W: [[0.5, -0.3, 0.8], [-0.6, 0.2, 0.4], [0.1, 0.9, -0.7]], b: [0.1, -0.2, 0.05] },
    { W: [[0.7, -0.4, 0.3], [-0.5, 0.6, 0.9], [0.2, 0.3, -0.8]], b: [0.05, 0.1, -0.1] },
    { W: [[0.9, -1.2, 0.5], [-0.8, 0.4, -0.6]], b: [-0.05, 0.02] },
    { W: [[1.1, -0.7], [-0.9, 1.3]], b: [-0.3, 0.1] },
    { W: [[0.6, -1.4], [1.2, 0.8]], b: [0, -0.2] },
    { W: [[0.8, -1.1]], b: [0.2] },
  ]);
  return net;
}

const X1 = () => Matrix.from([[0.2, -1.0, 1.5], [0.5, 0.3, -0.4], [-0.9, 0.7, 0.2]], 'float64');

test('every activation in one network: A[L], J, dZ, dW, db, dA[0] equal numpy float64', () => {
  const t = backwardTrace(everyActivation(), X1(), Matrix.from([[1, 0, 1]], 'float64'), { learningRate: 0.1 });
  // computed with numpy float64 (tanh, relu, leakyRelu 0.1, elu 0.5, selu, sigmoid; binary cross-entropy)
  assert.ok(Math.abs(t.cost - 0.8035857362092864) < 1e-14, String(t.cost));
  const byL = (l: number) => t.layers.find((x) => x.l === l)!;
  close(byL(1).dW.data, [-0.08653738886030123, -0.14305225164970556, 0.3103142803603748, 0.05945982312236666, 0.12239916764599472, -0.23812220930559178, 0.10225446103533477, -0.013918901473459623, -0.10384984234464917], 1e-14, 'dW[1]');
  close(byL(5).db.data, [-0.008649594801454144, 0.2530263722439688], 1e-14, 'db[5]');
  close(byL(5).dZ.data, [-0.36841200743140984, 0.6719939570753668, -0.3295307340483194, 1.178942832401045, -0.8729684749855777, 0.4531047593164391], 1e-14, 'dZ[5]');
  close(byL(1).dAPrev.data, [-0.8971287728626461, 0.07090172633743445, 0.029446702873234847, 0.505913609916061, -0.3428284226421294, -0.036243037321497765, -0.4908402280470189, 0.3228679853487921, 0.04664247817740658], 1e-14, 'dA[0]');
  assert.equal(byL(6).dAOut, undefined); // sigmoid + cross-entropy: dZ[L] = A[L] - Y, no dA[L] line
});

test('mean squared error: dA[L] = 2(A[L] - Y) is in the trace with its own numbers, then dZ[L] = dA[L] * g\'(Z[L])', () => {
  const net = new Network({ inputSize: 2, dtype: 'float64', loss: 'meanSquaredError', init: 'zeros', warn: () => {}, layers: [{ units: 2, activation: 'relu' }, { units: 1, activation: 'sigmoid' }] });
  net.setWeights([{ W: [[0.5, -0.25], [0.75, 0.5]], b: [0.5, -0.5] }, { W: [[1.5, -0.5]], b: [0.25] }]);
  const t = backwardTrace(net, Matrix.from([[0.5, 2, -1], [-1.5, 0.25, 1]], 'float64'), Matrix.from([[1, 0, 1]], 'float64'));
  const out = t.layers[0]!;
  assert.equal(out.equations.dAOut, 'dA[2] = ∂L/∂A[2] = 2(A[2] - Y)');
  assert.equal(out.equations.dZ, "dZ[2] = dA[2] * sigmoid'(Z[2])");
  // computed with numpy float64
  close(out.dAOut!.data, [-0.25184552967026463, 1.7267832199475612, -0.8756469982284039], 1e-14, 'dA[2]');
  close(out.dZ.data, [-0.02771968601148952, 0.20366810232509683, -0.21552657071087958], 1e-14, 'dZ[2]');
});

test('a CSV read for a float64 network keeps its numbers as written: the notes\' x = -0.9 gives numpy\'s dW[1]', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'learner29-'));
  const file = path.join(dir, 'three.csv');
  writeFileSync(file, 'x1,x2,x3,y\n0.2,0.5,-0.9,1\n0.1,0.3,0.7,0\n');
  const net = new Network({ inputSize: 3, dtype: 'float64', init: 'zeros', warn: () => {}, layers: [{ units: 3, activation: 'sigmoid' }, { units: 1, activation: 'sigmoid' }] });
  net.setWeights([{ W: [[1.2, 0.9, 0.3], [0.2, 0.3, 0.1], [1.3, 1.9, 0.1]], b: [0.1, 0.1, 0.1] }, { W: [[0.2, 0.6, 0.2]], b: [0.1] }]);
  return (async () => {
    const { dataset } = await loadDataset(file, { dtype: 'float64', warn: () => {} });
    assert.equal(dataset.X.dtype, 'float64');
    assert.equal(dataset.X.data[2 * dataset.X.cols], -0.9); // row 3 (x3), column 1 (n_x x m)
    const t = backwardTrace(net, dataset.X.sliceColumns(0, 1), dataset.Y.sliceColumns(0, 1));
    // computed with numpy float64 from x = (0.2, 0.5, -0.9); from float32-rounded x the last digits
    // differ by ~1e-9 (dW[1][2,3] 0.04406143394502198), which inspect's 7-digit check line showed
    close(t.layers.find((x) => x.l === 1)!.dW.data, [-0.003083381174168901, -0.007708452935422252, 0.013875215283760053, -0.009791430035497286, -0.024478575088743213, 0.04406143515973778, -0.002320531230526584, -0.005801328076316461, 0.010442390537369629], 1e-15, 'dW[1]');
    assert.ok(Math.abs(t.cost - 0.39996382556669413) < 1e-15);
    // the default stays float32 (half the memory for large sets); a wrong dtype is named
    assert.equal((await loadDataset(file, { warn: () => {} })).dataset.X.dtype, 'float32');
    assert.equal(readCsv(file, { dtype: 'float64' }).dataset.X.dtype, 'float64');
    await assert.rejects(loadDataset(file, { dtype: 'float16' as 'float64' }), (e: Error) => e.name === 'OptionError' && /loadDataset: options\.dtype must be float32 or float64, got "float16"/.test(e.message));
  })();
});

test('setWeights refuses a transposed W (inputs x units) instead of reading it row by row into W[l]', () => {
  const net = new Network({ inputSize: 2, layers: [{ units: 3, activation: 'relu' }, { units: 1, activation: 'sigmoid' }] });
  const ok = { W: [[1, 2], [3, 4], [5, 6]], b: [0, 0, 0] }, out = { W: [[1, 2, 3]], b: [0] };
  for (const W of [Matrix.from([[1, 3, 5], [2, 4, 6]]), [[1, 3, 5], [2, 4, 6]]]) {
    assert.throws(() => net.setWeights([{ W, b: [0, 0, 0] }, out]), (e: Error) => e.name === 'ShapeError' && /layer 1: W is 2 .*W\[1\] is n\[1\] x n\[0\] = 3 x 2.*looks transposed/.test(e.message) && !e.message.includes('\n'));
  }
  assert.throws(() => net.setWeights([{ W: [[1, 2], [3, 4], [5]], b: [0, 0, 0] }, out]), /W is 3 rows \(one of 1 numbers\)/);
  net.setWeights([ok, out]);
  net.setWeights([{ W: [1, 2, 3, 4, 5, 6], b: [0, 0, 0] }, out]); // a flat list is row by row, as documented
  assert.deepEqual(net.layers[0]!.W.toArray(), [[1, 2], [3, 4], [5, 6]]);
});

test('gradientCheck catches a wrong backward: a student\'s subclass that scales one entry of dW[1] by 1.01', () => {
  class Broken extends Network {
    override backward(Y: Matrix, weights?: ArrayLike<number>): void {
      super.backward(Y, weights);
      this.layers[0]!.dW.data[1] = this.layers[0]!.dW.data[1]! * 1.01;
    }
  }
  const spec = { inputSize: 2, dtype: 'float64' as const, seed: 3, layers: [{ units: 3, activation: 'tanh' as const }, { units: 1, activation: 'sigmoid' as const }] };
  const X = Matrix.from([[0.5, 2, -1], [-1.5, 0.25, 1]], 'float64');
  const good = gradientCheck(new Network(spec), X, [1, 0, 1], { order: 2, worst: 100 });
  const bad = gradientCheck(new Broken(spec), X, [1, 0, 1], { order: 2, worst: 100 });
  assert.ok(good.relativeError < 1e-7, String(good.relativeError));
  assert.ok(bad.relativeError > 1e-5, String(bad.relativeError));
  assert.deepEqual([bad.worst[0]!.parameter, bad.worst[0]!.row, bad.worst[0]!.col], ['W[1]', 1, 2]);
  // the printed ratio is the course's ‖g - g̃‖ / (‖g‖ + ‖g̃‖) over every checked entry
  for (const r of [good, bad]) {
    const n = (f: (e: { analytic: number; numeric: number }) => number) => Math.sqrt(r.worst.reduce((s, e) => s + f(e) ** 2, 0));
    assert.equal(r.worst.length, 13);
    assert.ok(Math.abs(r.relativeError - n((e) => e.analytic - e.numeric) / (n((e) => e.analytic) + n((e) => e.numeric))) <= 1e-12 * r.relativeError);
  }
});

test('a loss name that is none of them suggests the closest one, short names and letter case included', () => {
  const make = (loss: string) => () => new Network({ inputSize: 2, loss: loss as 'meanSquaredError', layers: [{ units: 1, activation: 'sigmoid' }] });
  // (the short names themselves are taken since apiholes30: test/nn/apiholes30.test.ts)
  assert.throws(make('MSE'), (e: Error) => e.name === 'OptionError' && /got 'MSE' \(did you mean 'meanSquaredError'\?\)$/.test(e.message));
  assert.throws(make('BCE'), /did you mean 'binaryCrossEntropy'\?/);
  assert.throws(make('cross_entropy'), /did you mean binaryCrossEntropy \(a sigmoid output\) or categoricalCrossEntropy \(softmax\)\?/);
  assert.throws(make('hinge'), (e: Error) => /got 'hinge'$/.test(e.message));
});

test('dropout is named in the backward pass as absent: the trace is the network as it predicts, without masks', () => {
  const net = new Network({ inputSize: 2, dtype: 'float64', init: 'zeros', warn: () => {}, layers: [{ units: 2, activation: 'tanh', keepProb: 0.8 }, { units: 1, activation: 'sigmoid' }] });
  net.setWeights([{ W: [[0.5, -0.25], [0.75, 0.5]], b: [0.5, -0.5] }, { W: [[1.5, -0.5]], b: [0.25] }]);
  const t = backwardTrace(net, Matrix.from([[1.5], [1.5]], 'float64'), Matrix.from([[1]], 'float64'));
  assert.deepEqual(t.keepProbs, [0.8, 1]);
  const text = backwardReport(t, 'binaryCrossEntropy', 'example 1');
  assert.ok(text.includes('dropout (layer 1 keeps 0.8) is not in this pass: it masks units while training only, and the pass here is the network\'s as it predicts (no D[l], no / keepProb).'), text.join('\n'));
  // numpy float64, no mask: L = -log σ(0.8658...) = 0.35110, dZ[2] = -0.29609880
  assert.ok(Math.abs(t.layers[0]!.dZ.data[0]! - -0.2960988) < 1e-7);
  assert.ok(!backwardReport(backwardTrace(new Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }] }), Matrix.from([[1], [2]]), [1]), 'binaryCrossEntropy', 'x').some((l) => l.startsWith('dropout')));
});

test('IDX pixels for a float64 network are byte / 255 as numpy computes it in float64 (they were rounded to float32)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'learner29-idx-'));
  const images = path.join(dir, 'train-images-idx3-ubyte'), labels = path.join(dir, 'train-labels-idx1-ubyte');
  // 2 images of 1 x 2 pixels: bytes 51, 77 and 200, 3; labels 0 and 1
  writeFileSync(images, Buffer.from([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2, 51, 77, 200, 3]));
  writeFileSync(labels, Buffer.from([0, 0, 8, 1, 0, 0, 0, 2, 0, 1]));
  const d64 = readIdx(images, { dtype: 'float64' }), d32 = readIdx(images);
  assert.equal(d64.X.dtype, 'float64');
  assert.deepEqual(Array.from(d64.X.data), [51 / 255, 200 / 255, 77 / 255, 3 / 255]); // numpy: np.array([[51, 200], [77, 3]]) / 255.0
  assert.equal(d32.X.dtype, 'float32');
  assert.notEqual(d32.X.data[0], 51 / 255);
  assert.throws(() => readIdx(images, { dtype: 'double' as 'float64' }), /readIdx: options\.dtype must be float32 or float64, got "double"/);
});
