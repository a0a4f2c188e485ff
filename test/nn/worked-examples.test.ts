// The worked examples of the core issue, computed by the library in float64.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix, Network, getActivation } from '../../src/index.js';

const round = (v: number, d: number) => Number(v.toFixed(d));
const col = (m: Matrix | undefined, d: number) => Array.from(m!.data, (v) => round(v, d));

function net(W1: number[][], b1: number[], W2: number[][], b2: number[], out: 'sigmoid' | 'softmax'): Network {
  const n = new Network({
    inputSize: W1[0]!.length, dtype: 'float64', warn: () => {},
    layers: [{ units: W1.length, activation: 'sigmoid' }, { units: W2.length, activation: out }],
  });
  n.W(1).copyFrom(Matrix.from(W1, 'float64'));
  n.b(1).copyFrom(Matrix.column(b1, 'float64'));
  n.W(2).copyFrom(Matrix.from(W2, 'float64'));
  n.b(2).copyFrom(Matrix.column(b2, 'float64'));
  return n;
}

test('three inputs, three sigmoid hidden units, one sigmoid output', () => {
  const n = net([[1.2, 0.9, 0.3], [0.2, 0.3, 0.1], [1.3, 1.9, 0.1]], [0.1, 0.1, 0.1], [[0.2, 0.6, 0.2]], [0.1], 'sigmoid');
  n.forward(Matrix.column([0.2, 0.5, -0.9], 'float64'));
  const { Z, A } = n.cache;
  assert.deepEqual(col(Z[1], 2), [0.52, 0.2, 1.22]);
  assert.deepEqual(col(A[1], 4), [0.6271, 0.5498, 0.7721]);
  assert.equal(round(Z[2]!.data[0]!, 4), 0.7097);
  assert.equal(round(A[2]!.data[0]!, 4), 0.6703);
});

test('binary example: activations, output and cross-entropy loss', () => {
  const n = net(
    [[0.9, 0.2, 0.4, 0.3], [-0.5, 0.4, 0.3, 0.3], [0.1, 0.1, -0.1, 0.2], [-0.2, 0.5, 0.5, 0.7]], [0.5, 0.5, 0.5, 0.5],
    [[0.5, 0.8, -0.6, 0.3]], [0.3], 'sigmoid');
  n.forward(Matrix.column([0.3, 0.5, -0.4, 0.3], 'float64'));
  const { Z, A } = n.cache;
  assert.deepEqual(col(Z[1], 2), [0.8, 0.52, 0.68, 0.7]);
  assert.deepEqual(col(A[1], 2), [0.69, 0.63, 0.66, 0.67]);
  assert.equal(round(Z[2]!.data[0]!, 4), 0.9489);
  assert.equal(round(A[2]!.data[0]!, 4), 0.7209);
  assert.equal(round(n.cost(Matrix.row([1], 'float64')), 4), 0.3273);
});

test('multi-class example: softmax outputs and categorical cross-entropy, both cases', () => {
  const n = net(
    [[0.1, 0.3, 0.8, -0.4], [-0.3, -0.2, 0.5, 0.5], [-0.3, 0.1, 0.5, 0.4], [0.2, 0.5, -0.9, 0.7]], [0, 0, 0, 0],
    [[0.3, 0.8, -0.2, -0.4], [0.5, -0.2, -0.3, 0.5], [0.3, 0.1, 0.6, 0.6]], [0, 0, 0], 'softmax');
  n.forward(Matrix.column([0.2, 0.5, -0.3, 0.3], 'float64'));
  let { Z, A } = n.cache;
  assert.deepEqual(col(Z[1], 2), [-0.19, -0.16, -0.04, 0.77]);
  assert.deepEqual(col(A[1], 4), [0.4526, 0.4601, 0.49, 0.6835]);
  assert.deepEqual(col(A[2], 4), [0.2303, 0.2804, 0.4893]);
  assert.equal(round(n.cost(Matrix.column([0, 1, 0], 'float64')), 4), 1.2716);
  assert.equal(round(-Math.log(A[2]!.data[1]!), 4), 1.2716);

  n.forward(Matrix.column([0.6, 0.4, 0.6, 0.1], 'float64'));
  ({ Z, A } = n.cache);
  assert.deepEqual(col(Z[1], 2), [0.62, 0.09, 0.2, -0.15]);
  assert.deepEqual(col(A[2], 4), [0.2718, 0.2634, 0.4648]);
  assert.equal(round(n.cost(Matrix.column([0, 0, 1], 'float64')), 4), 0.7661);
  // the same loss with the label given as a class index
  assert.equal(round(n.evaluateCost(Matrix.column([0.6, 0.4, 0.6, 0.1], 'float64'), [2]), 4), 0.7661);
});

test("sigmoid derivative and one logistic unit's gradients: dZ = A - Y, dW = (1/m) dZ X^T, db = (1/m) sum(dZ)", () => {
  const s = getActivation('sigmoid');
  for (const z of [-3, -0.5, 0, 0.7, 4]) {
    assert.ok(Math.abs(s.derivative(z) - s.output(z) * (1 - s.output(z))) < 1e-15);
  }
  const n = new Network({ inputSize: 2, dtype: 'float64', layers: [{ units: 1, activation: 'sigmoid' }], init: 'zeros', warn: () => {} });
  n.W(1).copyFrom(Matrix.from([[1, 2]], 'float64'));
  n.b(1).data[0] = 2;
  const X = Matrix.from([[1, 2, -1], [3, 4, -3.2]], 'float64');
  const Y = Matrix.row([1, 0, 1], 'float64');
  const A = n.forward(X).clone();
  n.backward(Y);
  const dZ = A.data.map((a, j) => a - Y.data[j]!);
  const dW = [0, 1].map((i) => (dZ[0]! * X.get(i, 0) + dZ[1]! * X.get(i, 1) + dZ[2]! * X.get(i, 2)) / 3);
  const db = (dZ[0]! + dZ[1]! + dZ[2]!) / 3;
  // the course's propagate() test: dw = [[0.99845601], [2.39507239]], db = 0.00145557813678, cost = 5.801545319394553
  assert.ok(Math.abs(n.dW(1).data[0]! - dW[0]!) < 1e-15 && Math.abs(n.dW(1).data[1]! - dW[1]!) < 1e-15);
  assert.ok(Math.abs(n.db(1).data[0]! - db) < 1e-15);
  assert.equal(round(n.dW(1).data[0]!, 8), 0.99845601);
  assert.equal(round(n.dW(1).data[1]!, 8), 2.39507239);
  assert.equal(round(n.db(1).data[0]!, 14), 0.00145557813678);
  assert.ok(Math.abs(n.cost(Y) - 5.801545319394553) < 1e-9);
});
