// Prediction and evaluation run the forward pass over a large X in chunks of columns: the chunks,
// including a shorter last one and one reused slice buffer, must give what one pass over X gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix, Network, Random, evaluate, predictClasses } from '../../src/index.js';

function data(nx: number, m: number, classes: number, seed: number): { X: Matrix; y: number[] } {
  const rng = new Random(seed);
  const X = new Matrix(nx, m, undefined, 'float64');
  for (let k = 0; k < X.data.length; k++) X.data[k] = rng.random() * 2 - 1;
  return { X, y: Array.from({ length: m }, () => Math.floor(rng.random() * classes)) };
}

for (const [name, units, activation] of [['softmax', 4, 'softmax'], ['sigmoid', 1, 'sigmoid'], ['linear', 2, 'linear']] as const) {
  test(`${name} output: chunks of 7 and 10 columns (last chunk shorter) equal one pass over 23 examples`, () => {
    const net = new Network({ inputSize: 5, dtype: 'float64', seed: 3, layers: [{ units: 6, activation: 'tanh' }, { units, activation }], l2: 0.1, warn: () => {} });
    const { X, y } = data(5, 23, units === 1 ? 2 : units, 9);
    const Y = activation === 'linear' ? Matrix.from([y, y.map((v) => -v)], 'float64') : y;
    const whole = net.predictProba(X), wholeCost = net.evaluateCost(X, Y);
    for (const chunk of [7, 10, 23, 50]) {
      const A = net.predictProba(X, chunk);
      const both = net.costAndProba(X, Y, chunk);
      assert.deepEqual(A.shape, whole.shape);
      for (let k = 0; k < A.data.length; k++) {
        assert.ok(Math.abs(A.data[k]! - whole.data[k]!) < 1e-12, `chunk ${chunk}: A[${k}]`);
        assert.equal(both.A.data[k], A.data[k], `chunk ${chunk}: costAndProba's A[${k}]`);
      }
      assert.ok(Math.abs(net.evaluateCost(X, Y, chunk) - wholeCost) < 1e-12, `chunk ${chunk}: cost`);
      assert.equal(both.cost, net.evaluateCost(X, Y, chunk), `chunk ${chunk}: costAndProba's cost`);
    }
  });
}

test('evaluate reports the cost and the classes of one forward pass: what evaluateCost and predictClasses give', () => {
  const net = new Network({ inputSize: 5, dtype: 'float32', seed: 4, layers: [{ units: 8, activation: 'relu' }, { units: 3, activation: 'softmax' }], warn: () => {} });
  const { X, y } = data(5, 9000, 3, 2); // more than one 4096-column chunk
  const e = evaluate(net, X.astype('float32'), y);
  assert.equal(e.cost, net.evaluateCost(X.astype('float32'), y));
  const classes = predictClasses(net, X.astype('float32'));
  const right = classes.reduce((s, c, j) => s + (c === y[j] ? 1 : 0), 0);
  assert.equal(e.classification!.accuracy, right / y.length);
});

test('sliceColumns into a buffer of the wrong shape says so; setColumns puts columns back where sliceColumns took them', () => {
  const M = Matrix.from([[1, 2, 3, 4], [5, 6, 7, 8]], 'float64');
  assert.throws(() => M.sliceColumns(1, 3, new Matrix(2, 3, undefined, 'float64')), /out is 2 x 3, columns 1\.\.3 of 2 x 4 need 2 x 2/);
  const part = M.sliceColumns(1, 3);
  const back = new Matrix(2, 4, undefined, 'float64').setColumns(1, part);
  assert.deepEqual(Array.from(back.data), [0, 2, 3, 0, 0, 6, 7, 0]);
  assert.throws(() => back.setColumns(3, part), /does not fit at column 3/);
});
