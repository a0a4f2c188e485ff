// A student of the course checks every number backprop shows against PyTorch autograd in float64 (the
// values below were computed with torch 1.13, float64, from the weights and rows written here:
// dA[l] = m · ∂J/∂A[l], per example as the course's grads["dA" + str(l)]).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix, Network, fit } from '../../src/index.js';

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
