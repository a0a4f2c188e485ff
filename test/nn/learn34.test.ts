// A student of the course checks every number backprop shows against PyTorch autograd in float64 (the
// values below were computed with torch 1.13, float64, from the weights and rows written here:
// dA[l] = m · ∂J/∂A[l], per example as the course's grads["dA" + str(l)]).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix, Network, fit, evaluate, gradientCheck, backwardTrace, trainModel } from '../../src/index.js';

const close = (got: Matrix | undefined, want: readonly (readonly number[])[], what: string) => {
  assert.ok(got instanceof Matrix, `${what} is ${String(got)}`);
  assert.deepEqual([got.rows, got.cols], [want.length, want[0]!.length], what);
  want.flat().forEach((w, k) => assert.ok(Math.abs(got.data[k]! - w) <= 1e-13 * Math.max(1, Math.abs(w)), `${what}[${k}]: ${got.data[k]} vs torch ${w}`));
};

const X = () => Matrix.from([[0.5, 2, -1], [-1.5, 0.25, 1]], 'float64');
const tanhThen = (out: { units: number; activation: 'sigmoid' | 'softmax' }) => new Network({
  inputSize: 2, dtype: 'float64', layers: [{ units: 2, activation: 'tanh' }, out],
  weights: [{ W: [[0.5, -0.25], [0.75, 0.5]], b: [0.5, -0.5] },
    out.units === 1 ? { W: [[1.5, -0.5]], b: [0.25] } : { W: [[1.5, -0.5], [0.25, 1], [-1, 0.5]], b: [0.25, 0, -0.25] }],
});

test('net.gradients after backward: dA[0] = W[1]ᵀ·dZ[1] and dA[L] = ∂L/∂A[L] are the numbers (they read as zeros)', () => {
  const net = tanhThen({ units: 1, activation: 'sigmoid' });
  net.forward(X());
  net.backward(Matrix.from([[1, 0, 1]], 'float64'));
  const { dA } = net.gradients;
  close(dA[0], [[-0.009736053080904956, 0.017053891009805394, -0.21663764572795513], [0.035753361300215204, -0.12413619242689128, 0.22580228829966004]], 'dA[0]');
  // the course's dAL = -(Y / AL - (1 - Y) / (1 - AL)), though dZ[L] = A[L] - Y is computed without it
  close(dA[2], [[-1.1626907031786229, 4.271143033959024, -1.8185699025433586]], 'dA[2] (sigmoid + binary cross-entropy)');

  const soft = tanhThen({ units: 3, activation: 'softmax' });
  soft.forward(X());
  soft.backward(soft.prepareTargets([0, 2, 1]));
  close(soft.gradients.dA[0], [[0.02861957868046425, 0.10653742932422906, -0.28217247799964706], [0.05839414748893329, -0.13922499787874526, -0.32760347796877964]], 'dA[0] (softmax)');
  close(soft.gradients.dA[2], [[-1.1381911500075161, 0, 0], [0, 0, -4.904327918817122], [0, -13.72368439732789, 0]], 'dA[2] (softmax + categorical, -Y / A[L])');
});

test('after fit (whose steps compute only what an update needs) dA[0] and the combined dA[L] are undefined, not zeros', () => {
  const net = tanhThen({ units: 1, activation: 'sigmoid' });
  fit(net, X(), [1, 0, 1], { epochs: 2, learningRate: 0.1 });
  const { dA, dW } = net.gradients;
  assert.equal(dA[0], undefined);
  assert.equal(dA[2], undefined);
  assert.ok(dA[1] instanceof Matrix && dW[1] instanceof Matrix);
  // a backward of one's own after it fills them again
  net.forward(X());
  net.backward(Matrix.from([[1, 0, 1]], 'float64'));
  assert.ok(net.gradients.dA[0] instanceof Matrix && net.gradients.dA[0].data.some((v) => v !== 0));
  net.backward(Matrix.from([[1, 0, 1]], 'float64'), undefined, { parametersOnly: true });
  assert.equal(net.gradients.dA[0], undefined);
});

const examplesAsRows = Matrix.from([[0.1, 0.2, 0.3], [1, 2, 3], [0, 1, 0], [2, 2, 1], [0.5, 0.5, 0.5]]); // m x n_x: 5 examples of 3 features
const columns = () => Matrix.from([[0.1, 1, 0, 2, 0.5], [0.2, 2, 1, 2, 0.5], [0.3, 3, 0, 1, 0.5]]); // n_x x m
const labels = [1, 0, 1, 0, 1];
const small = (out: { units: number; activation: 'sigmoid' | 'softmax' | 'linear' } = { units: 1, activation: 'sigmoid' }) =>
  new Network({ inputSize: 3, seed: 1, layers: [{ units: 4, activation: 'relu' }, out] });
const transposedX = /X is 5 x 3 but the network expects 3 features per example \(.*\); it looks transposed \(one example per row, m x 3, as scikit-learn and pandas hold data\): give its transpose, 3 x 5, one example per column$/;
const oneLine = (re: RegExp) => (e: Error) => re.test(e.message) && !e.message.includes('\n');

test('X given as m x n_x (one example per row, the commonest mistake) is named as transposed by every function that takes it', () => {
  assert.throws(() => small().forward(examplesAsRows), oneLine(transposedX));
  assert.throws(() => fit(small(), examplesAsRows, labels, { epochs: 1 }), oneLine(transposedX));
  assert.throws(() => evaluate(small(), examplesAsRows, labels), oneLine(transposedX));
  assert.throws(() => small().evaluateCost(examplesAsRows, labels), oneLine(transposedX));
  // gradientCheck and backwardTrace said "X has 3 examples (columns) but Y has 5": the labels were blamed
  assert.throws(() => gradientCheck(small(), examplesAsRows, labels), oneLine(/^gradientCheck: X is 5 x 3 .*it looks transposed/));
  assert.throws(() => backwardTrace(small(), examplesAsRows, labels), oneLine(/^backwardTrace: X is 5 x 3 .*it looks transposed/));
  assert.throws(() => fit(small(), columns(), labels, { epochs: 1, validationData: { X: examplesAsRows, Y: labels } }), oneLine(/^validation X is 5 x 3 .*it looks transposed/));
  // trainModel's Dataset: X of 5 rows beside a Y of 5 examples
  return assert.rejects(trainModel({ layers: [3], epochs: 1 }, { train: { name: 'd', X: examplesAsRows, Y: Matrix.row(labels), task: 'binary', featureNames: ['a', 'b', 'c'] } }),
    oneLine(/^trainModel: data\.train: X has 3 examples \(columns\) but Y has 5; give one label per example \(or, if X holds one example per row, as its 5 rows and Y's 5 examples suggest, give its transpose, 3 x 5\)$/));
});

test('Y given as a column (m x 1) or one-hot rows (m x k) is named as transposed; a column of class indices is told to be a row', () => {
  const column = Matrix.from(labels.map((v) => [v]));
  const yColumn = /Y is 5 x 1 but the output layer has 1 unit \(expected 1 x m\); it looks transposed \(one example per row, m x 1, as scikit-learn and pandas hold data\): give its transpose, 1 x 5, one example per column$/;
  assert.throws(() => fit(small(), columns(), column, { epochs: 1 }), oneLine(yColumn));
  assert.throws(() => fit(small({ units: 1, activation: 'linear' }), columns(), column, { epochs: 1 }), oneLine(yColumn));
  assert.throws(() => gradientCheck(small(), columns(), column), oneLine(yColumn));
  const net = small();
  net.forward(columns());
  assert.throws(() => net.backward(column), oneLine(/^Y is 5 x 1 but the network output A\[2\] is 1 x 5; it looks transposed/));
  assert.throws(() => net.cost(column), oneLine(/^binaryCrossEntropy: targets Y are 5 x 1 but the network outputs 1 x 5; it looks transposed/));
  const softmax = small({ units: 3, activation: 'softmax' });
  const oneHotRows = Matrix.from([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0], [0, 1, 0]]);
  assert.throws(() => fit(softmax, columns(), oneHotRows, { epochs: 1 }), oneLine(/^Y is 5 x 3 but the output layer has 3 units \(expected 3 x m, or 1 x m class indices\); it looks transposed .*give its transpose, 3 x 5, one example per column$/));
  assert.throws(() => fit(softmax, columns(), Matrix.from([[0], [1], [2], [0], [1]]), { epochs: 1 }),
    oneLine(/; it is a column of 5 values: give one example per column, a row of 5 labels \(its transpose, 1 x 5\) or 3 x 5 one-hot columns$/));
  // both as scikit-learn holds them (X m x n_x, y m x 1): named together
  return assert.rejects(trainModel({ layers: [3], epochs: 1 }, { train: { name: 'd', X: examplesAsRows, Y: column, task: 'binary', featureNames: ['a', 'b', 'c'] } }),
    oneLine(/X has 3 examples \(columns\) but Y has 1; give one label per example \(or, if both hold one example per row, as their 5 rows each suggest, give their transposes\)$/));
});

test('a Matrix given to Model.predict as m x n_x is named as transposed', async () => {
  const { model } = await trainModel({ layers: [3], epochs: 2, testSplit: 0 }, { train: { name: 'd', X: columns(), Y: Matrix.row(labels), task: 'binary', featureNames: ['a', 'b', 'c'] } });
  assert.throws(() => model.predict(examplesAsRows), oneLine(/the input has 5 features per example but the model expects 3 \(a Matrix of features is n_x x m, one example per column\); it looks transposed/));
  // rows of cells are one example each, as ever
  assert.equal(model.predict([[0.1, 0.2, 0.3], [1, 2, 3]]).length, 2);
});

test('gradientCheck of a float32 network (the default dtype) checks the learner\'s own backward, not a plain copy\'s', () => {
  // the course's exercise: break one gradient on purpose and see the check find it. On a float32 network the
  // check ran on a float64 copy that was a plain Network, and said "agree" whatever the subclass computed.
  class Broken extends Network {
    scale = 1.01; // a field of the subclass, read by its backward
    override backward(Y: Matrix, weights?: ArrayLike<number>, options?: { parametersOnly?: boolean }): void {
      super.backward(Y, weights, options);
      const dW = this.layers[1]!.dW;
      dW.data[2] = dW.data[2]! * this.scale; // dW[2][1,3] 1% off
    }
  }
  const spec = { inputSize: 3, seed: 3, layers: [{ units: 4, activation: 'tanh' as const }, { units: 1, activation: 'sigmoid' as const }] };
  const good = gradientCheck(new Network(spec), columns(), labels, { order: 2 });
  assert.ok(good.onCopy && good.relativeError < 1e-7, String(good.relativeError));
  const bad = gradientCheck(new Broken(spec), columns(), labels, { order: 2 });
  assert.ok(bad.onCopy);
  assert.ok(bad.relativeError > 1e-4, `the broken dW[2] was not found: ${bad.relativeError}`);
  assert.deepEqual([bad.worst[0]!.parameter, bad.worst[0]!.row, bad.worst[0]!.col], ['W[2]', 1, 3]);
  assert.ok(bad.parameters.filter((p) => p.relativeError > 1e-7).every((p) => p.name === 'W[2]'), JSON.stringify(bad.parameters));
  // the same for a layer's activation replaced by hand: a wrong tanh' is found in dW[1] and db[1]
  const net = new Network(spec), layer = net.layers[0]!, act = layer.activation;
  (layer as { activation: typeof act }).activation = { ...act, backward: (Z, A, dA, dZ) => { act.backward(Z, A, dA, dZ); dZ.data[0] = dZ.data[0]! * 1.5; } };
  const wrong = gradientCheck(net, columns(), labels, { order: 2 });
  assert.ok(wrong.relativeError > 1e-4 && ['W[1]', 'b[1]'].includes(wrong.worst[0]!.parameter), JSON.stringify(wrong.worst[0]));
  // and backwardTrace shows the learner's dW[2] beside the finite difference that disagrees with it
  const t = backwardTrace(new Broken(spec), columns(), labels, { checks: 4 });
  const entry = t.layers[0]!.checks.dW.find((e) => e.row === 1 && e.col === 3)!;
  assert.ok(Math.abs(entry.analytic / entry.numeric - 1.01) < 1e-6, JSON.stringify(entry));
});

test('a hidden relu or leakyRelu whose backward is replaced by hand runs that backward (the fused kernel computed the library\'s g\' instead)', () => {
  for (const activation of ['relu', { name: 'leakyRelu', alpha: 0.1 }, 'tanh'] as const) {
    const net = new Network({ inputSize: 3, dtype: 'float64', seed: 3, layers: [{ units: 4, activation }, { units: 1, activation: 'sigmoid' }] });
    const layer = net.layers[0]!, act = layer.activation;
    (layer as { activation: typeof act }).activation = { ...act, backward: (Z, A, dA, dZ) => { act.backward(Z, A, dA, dZ); for (let k = 0; k < dZ.data.length; k++) dZ.data[k] = dZ.data[k]! * 1.5; } };
    const r = gradientCheck(net, columns(), labels, { order: 2 });
    assert.ok(r.relativeError > 1e-2, `${JSON.stringify(activation)}: the broken g' was not run (${r.relativeError})`);
    assert.ok(['W[1]', 'b[1]'].includes(r.worst[0]!.parameter), JSON.stringify(r.worst[0]));
    // and fit trains with it too (float32, where the backends' resident step would compute the library's)
    const f32 = new Network({ inputSize: 3, seed: 3, layers: [{ units: 4, activation }, { units: 1, activation: 'sigmoid' }] });
    const twin = new Network({ inputSize: 3, seed: 3, layers: [{ units: 4, activation }, { units: 1, activation: 'sigmoid' }] });
    const l32 = f32.layers[0]!, a32 = l32.activation;
    (l32 as { activation: typeof a32 }).activation = { ...a32, backward: (Z, A, dA, dZ) => { a32.backward(Z, A, dA, dZ); for (let k = 0; k < dZ.data.length; k++) dZ.data[k] = dZ.data[k]! * 1.5; } };
    fit(f32, columns(), labels, { epochs: 3, learningRate: 0.5 });
    fit(twin, columns(), labels, { epochs: 3, learningRate: 0.5 });
    assert.notDeepEqual(Array.from(f32.layers[0]!.W.data), Array.from(twin.layers[0]!.W.data), JSON.stringify(activation));
  }
});
