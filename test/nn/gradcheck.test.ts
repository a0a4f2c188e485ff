// Backprop's gradients against centred finite differences, float64, relative error < 1e-7,
// for every hidden activation, every output activation x loss pairing, and L1/L2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataError, Matrix, Network, Random, ShapeError, gradientCheck, gradientsAgree, synthetic, type ActivationSpec, type LossName } from '../../src/index.js';

function data(nx: number, m: number, seed: number): Matrix {
  const rng = new Random(seed);
  return new Matrix(nx, m, Float64Array.from({ length: nx * m }, () => rng.randn()));
}

function targets(kind: 'binary' | 'multi' | 'real', units: number, m: number, seed: number): Matrix {
  const rng = new Random(seed);
  if (kind === 'binary') return new Matrix(units, m, Float64Array.from({ length: units * m }, () => (rng.random() < 0.5 ? 1 : 0)));
  if (kind === 'real') return new Matrix(units, m, Float64Array.from({ length: units * m }, () => rng.randn()));
  const Y = new Matrix(units, m, undefined, 'float64');
  for (let j = 0; j < m; j++) Y.set(rng.int(units), j, 1);
  return Y;
}

const hidden: ActivationSpec[] = ['sigmoid', 'tanh', 'relu', 'leakyRelu', { name: 'leakyRelu', alpha: 0.2 }, 'elu', { name: 'elu', alpha: 0.5 }, 'selu', 'linear'];
const outputs: { act: ActivationSpec; loss: LossName; kind: 'binary' | 'multi' | 'real'; units: number }[] = [
  { act: 'sigmoid', loss: 'binaryCrossEntropy', kind: 'binary', units: 1 },
  { act: 'sigmoid', loss: 'binaryCrossEntropy', kind: 'binary', units: 3 },
  { act: 'softmax', loss: 'categoricalCrossEntropy', kind: 'multi', units: 4 },
  { act: 'linear', loss: 'meanSquaredError', kind: 'real', units: 2 },
  { act: 'sigmoid', loss: 'meanSquaredError', kind: 'binary', units: 1 },
  { act: 'tanh', loss: 'meanSquaredError', kind: 'real', units: 2 },
  { act: 'softmax', loss: 'meanSquaredError', kind: 'multi', units: 3 },
  { act: 'relu', loss: 'meanSquaredError', kind: 'real', units: 2 },
  { act: 'elu', loss: 'meanSquaredError', kind: 'real', units: 1 },
  { act: 'selu', loss: 'meanSquaredError', kind: 'real', units: 1 },
  { act: 'leakyRelu', loss: 'meanSquaredError', kind: 'real', units: 1 },
  { act: 'softmax', loss: 'binaryCrossEntropy', kind: 'binary', units: 3 },
  { act: 'sigmoid', loss: 'categoricalCrossEntropy', kind: 'multi', units: 3 },
];

const name = (a: ActivationSpec) => (typeof a === 'string' ? a : `${a.name}(${a.alpha})`);

for (const h of hidden) {
  for (const o of outputs) {
    test(`gradient check: hidden ${name(h)}, output ${name(o.act)} + ${o.loss}`, () => {
      const net = new Network({
        inputSize: 3, dtype: 'float64', seed: 3, init: 'xavier',
        layers: [{ units: 5, activation: h }, { units: 4, activation: h }, { units: o.units, activation: o.act }],
        loss: o.loss,
      });
      const r = gradientCheck(net, data(3, 7, 11), targets(o.kind, o.units, 7, 12));
      assert.ok(r.maxRelativeError < 1e-7, `max relative error ${r.maxRelativeError}: ${JSON.stringify(r.parameters)}`);
    });
  }
}

for (const reg of [{ l2: 0.7 }, { l1: 0.3 }, { l1: 0.2, l2: 0.5 }]) {
  test(`gradient check with regularization ${JSON.stringify(reg)}`, () => {
    const net = new Network({
      inputSize: 4, dtype: 'float64', seed: 5, init: 'he', ...reg,
      layers: [{ units: 6, activation: 'relu' }, { units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
    });
    const r = gradientCheck(net, data(4, 9, 2), targets('binary', 1, 9, 3));
    assert.ok(r.maxRelativeError < 1e-7, `max relative error ${r.maxRelativeError}`);
    assert.equal(r.parameters.length, 6);
  });
}

test('gradient check detects a wrong gradient', () => {
  const net = new Network({ inputSize: 2, dtype: 'float64', seed: 1, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }] });
  const X = data(2, 5, 1), Y = targets('binary', 1, 5, 2);
  // break the derivative of tanh for this network only
  const layer = net.layers[0]!;
  const act = layer.activation;
  (layer as { activation: typeof act }).activation = { ...act, backward: (Z, A, dA, dZ) => { act.backward(Z, A, dA, dZ); dZ.data[0] = dZ.data[0]! * 1.5; } };
  const r = gradientCheck(net, X, Y);
  assert.ok(r.maxRelativeError > 1e-3, `expected a large error, got ${r.maxRelativeError}`);
});

test('gradient check on a seeded sample of the parameters', () => {
  const net = new Network({ inputSize: 20, dtype: 'float64', seed: 1, layers: [{ units: 10, activation: 'relu' }, { units: 3, activation: 'softmax' }] });
  const r = gradientCheck(net, data(20, 6, 4), [0, 1, 2, 0, 1, 2], { samplePerParameter: 15, seed: 9 });
  assert.equal(r.parameters[0]!.checked, 15);
  assert.equal(r.parameters[1]!.checked, 10);
  assert.ok(r.maxRelativeError < 1e-7);
});

test("gradient check names parameters W[l], b[l], reports ε, the order and the worst (analytic, numeric) pairs", () => {
  const net = new Network({ inputSize: 3, dtype: 'float64', seed: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }] });
  const X = data(3, 8, 5), Y = targets('binary', 1, 8, 6);
  const r = gradientCheck(net, X, Y, { order: 2, worst: 3 });
  assert.deepEqual(r.parameters.map((p) => p.name), ['W[1]', 'b[1]', 'W[2]', 'b[2]']);
  assert.equal(r.order, 2);
  assert.equal(r.epsilon, 1e-7);
  assert.equal(r.worst.length, 3);
  const gap = (e: { analytic: number; numeric: number }) => Math.abs(e.analytic - e.numeric);
  assert.ok(gap(r.worst[0]!) >= gap(r.worst[1]!) && gap(r.worst[1]!) >= gap(r.worst[2]!));
  assert.equal(r.maxAbsoluteDifference, gap(r.worst[0]!));
  // each pair is the live gradient entry and a finite difference of it, at 1-based (row, col)
  net.forward(X); net.backward(net.prepareTargets(Y));
  for (const w of r.worst) {
    const l = Number(w.parameter.slice(2, -1));
    const G = w.parameter.startsWith('W') ? net.dW(l) : net.db(l);
    assert.equal(G.get(w.row - 1, w.col - 1), w.analytic);
  }
  // the whole-vector relative error of the course, order 2, is below 1e-7 and the verdict agrees
  assert.ok(r.relativeError < 1e-7, `${r.relativeError}`);
  assert.ok(gradientsAgree(r));
});

test('gradient check: tiny, correct gradients do not cry wolf; a wrong tiny gradient does', () => {
  // the case: a tanh network on the flower near a stationary point, where db[1] is ~1e-6
  // and finite differences of order 2 at ε = 1e-7 carry ~1e-9 of rounding noise
  const { X, Y } = synthetic('flower');
  const net = new Network({ inputSize: 2, dtype: 'float64', init: 'normal', seed: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }] });
  const r = gradientCheck(net, X.astype('float64'), Y, { order: 2 });
  const db1 = r.parameters.find((p) => p.name === 'b[1]')!;
  assert.ok(db1.gradientNorm < 1e-4, `db[1] is not tiny here: ${db1.gradientNorm}`);
  assert.ok(db1.relativeError > 1e-7, `the per-matrix ratio should be noisy here: ${db1.relativeError}`);
  assert.ok(gradientsAgree(r), JSON.stringify(r.parameters));
  // the same network with db[1] off by 10 %: a disagreement, although the gradient is tiny
  const layer = net.layers[0]!, act = layer.activation;
  (layer as { activation: typeof act }).activation = { ...act, backward: (Z, A, dA, dZ) => { act.backward(Z, A, dA, dZ); for (let k = 0; k < dZ.data.length; k++) dZ.data[k] = dZ.data[k]! * 1.1; } };
  const wrong = gradientCheck(net, X.astype('float64'), Y, { order: 2 });
  assert.equal(gradientsAgree(wrong), false, JSON.stringify(wrong.parameters));
});

test('order 2 and order 4 agree with backprop; other orders are refused', () => {
  const net = new Network({ inputSize: 4, dtype: 'float64', seed: 5, layers: [{ units: 6, activation: 'relu' }, { units: 3, activation: 'softmax' }] });
  const X = data(4, 9, 2);
  for (const order of [2, 4] as const) assert.ok(gradientCheck(net, X, [0, 1, 2, 0, 1, 2, 0, 1, 2], { order }).relativeError < 1e-7);
  assert.throws(() => gradientCheck(net, X, [0, 1, 2, 0, 1, 2, 0, 1, 2], { order: 3 as 2 }), /order must be 2 or 4/);
});

test('gradientCheck on X or Y with a NaN is an error naming where (it returned NaN errors)', () => {
  const net = new Network({ inputSize: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], seed: 1, dtype: 'float64' });
  const X = new Matrix(2, 2, Float64Array.from([0.5, 1, NaN, 3]), 'float64');
  assert.throws(() => gradientCheck(net, X, [0, 1]), (e: unknown) => e instanceof DataError && /^gradientCheck: X has a non-finite value \(NaN\) at row 2, column 1/.test((e as Error).message));
  const ok = new Matrix(2, 2, Float64Array.from([0.5, 1, 2, 3]), 'float64');
  assert.throws(() => gradientCheck(net, ok, [0, NaN]), (e: unknown) => e instanceof DataError && /^gradientCheck: Y has a non-finite value \(NaN\) at row 1, column 2/.test((e as Error).message));
  assert.throws(() => gradientCheck(net, [[1, 2]] as unknown as Matrix, [0]), (e: unknown) => e instanceof ShapeError && /^gradientCheck: X must be a Matrix \(n_x x m\), got an array/.test((e as Error).message));
});

test('a step so small that rounding noise hides every gradient, or wider than 1, is refused (gradcheck --epsilon 1e-30 said "gradients agree" whatever the gradient)', () => {
  const net = new Network({ inputSize: 2, seed: 1, dtype: 'float64', layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }] });
  const X = Matrix.from([[0.1, -0.4, 0.7], [0.5, 0.2, -0.3]], 'float64'), Y = Matrix.from([[1, 0, 1]], 'float64');
  assert.throws(() => gradientCheck(net, X, Y, { epsilon: 1e-30 }), (e) => e instanceof RangeError && /^epsilon 1e-30 is below 1e-12: the rounding noise .* every check would agree/.test(e.message));
  assert.throws(() => gradientCheck(net, X, Y, { epsilon: 1e308 }), (e) => e instanceof RangeError && /^epsilon 1e\+308 is above 1/.test(e.message));
  gradientCheck(net, X, Y, { epsilon: 1e-12, order: 2 });
});

test('gradientCheck: samplePerParameter and worst are whole numbers (0 checked nothing and passed); an overflowing cost never agrees', () => {
  const net = new Network({ inputSize: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], seed: 1, dtype: 'float64' });
  const X = Matrix.from([[0.1, -0.4, 0.3], [0.5, 0.2, -0.6]], 'float64'), Y = [0, 1, 1];
  for (const [key, v] of [['samplePerParameter', 0], ['samplePerParameter', -1], ['samplePerParameter', 1.5], ['worst', -1], ['worst', 1.5]] as const) {
    assert.throws(() => gradientCheck(net, X, Y, { [key]: v }), new RegExp(`^OptionError: gradientCheck: options\\.${key} must be a whole number from ${key === 'worst' ? 0 : 1} to`));
  }
  assert.ok(gradientsAgree(gradientCheck(net, X, Y, { samplePerParameter: 2 })));
  const huge = new Network({ inputSize: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], seed: 1, dtype: 'float64', l1: 1e300 });
  assert.equal(gradientsAgree(gradientCheck(huge, X, Y)), false);
});
