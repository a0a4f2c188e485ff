import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix, getActivation, ACTIVATION_NAMES, SELU_ALPHA, SELU_SCALE, getLoss } from '../../src/index.js';

test('sigmoid and softmax stay finite for |z| up to 1e4, in float32 and float64', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    const Z = Matrix.from([[1e4, -1e4, 0], [-1e4, 1e4, 709], [0, 0, -745]], dtype);
    for (const name of ['sigmoid', 'softmax'] as const) {
      const A = Matrix.zeros(3, 3, dtype);
      getActivation(name).forward(Z, A);
      assert.ok(A.data.every((v) => Number.isFinite(v) && v >= 0 && v <= 1), `${name} ${dtype}: ${A.data}`);
    }
    const A = Matrix.zeros(3, 3, dtype);
    getActivation('softmax').forward(Z, A);
    assert.ok(Math.abs(A.get(0, 0) - 1) < 1e-6 && A.get(1, 0) === 0);
    // cross-entropy from logits never takes log(0)
    const Y = Matrix.from([[0, 1, 0], [1, 0, 1], [0, 0, 0]], dtype);
    assert.ok(Number.isFinite(getLoss('categoricalCrossEntropy').cost(A, Y, Z, 'softmax')));
    const S = Matrix.zeros(3, 3, dtype);
    getActivation('sigmoid').forward(Z, S);
    assert.ok(Number.isFinite(getLoss('binaryCrossEntropy').cost(S, Y, Z, 'sigmoid')));
    assert.ok(Number.isFinite(getLoss('binaryCrossEntropy').cost(S, Y)));
  }
});

test('activation values and derivatives', () => {
  const cases: [string, number, number, number][] = [
    ['sigmoid', 0, 0.5, 0.25], ['tanh', 0, 0, 1], ['relu', -2, 0, 0], ['relu', 3, 3, 1],
    ['leakyRelu', -2, -0.02, 0.01], ['elu', -1, Math.exp(-1) - 1, Math.exp(-1)], ['linear', -3, -3, 1],
    ['selu', 1, SELU_SCALE, SELU_SCALE], ['selu', -1, SELU_SCALE * SELU_ALPHA * (Math.exp(-1) - 1), SELU_SCALE * SELU_ALPHA * Math.exp(-1)],
  ];
  for (const [name, z, g, d] of cases) {
    const a = getActivation(name as 'relu');
    assert.ok(Math.abs(a.output(z) - g) < 1e-12, `${name}(${z})`);
    assert.ok(Math.abs(a.derivative(z) - d) < 1e-12, `${name}'(${z})`);
  }
  assert.equal(getActivation({ name: 'leakyRelu', alpha: 0.2 }).output(-1), -0.2);
  assert.equal(getActivation({ name: 'elu', alpha: 2 }).output(-Infinity), -2);
  assert.throws(() => getActivation('swish' as 'relu'), /activation must be one of sigmoid, tanh, .*, got 'swish'/);
  assert.equal(ACTIVATION_NAMES.length, 8);
});
