// A training that diverges by degrees, shared by the divergence tests of fit (fit-rules.test.ts) and
// of the resident step (resident.test.ts).
import { Network } from '../../src/nn/network.js';
import { Matrix } from '../../src/tensor/matrix.js';

/** Regression on raw targets in the hundreds: at lr 0.01 the cost grows by orders of magnitude each epoch. */
export function explodingRegression(): { X: Matrix; Y: Matrix; net: Network } {
  const m = 50;
  const X = new Matrix(3, m), Y = new Matrix(1, m);
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < 3; i++) X.set(i, j, 100 * Math.sin(7 * j + i));
    Y.set(0, j, 500 + 3 * X.get(0, j));
  }
  const net = new Network({ inputSize: 3, seed: 1, loss: 'meanSquaredError', layers: [{ units: 4, activation: 'relu' }, { units: 1, activation: 'linear' }] });
  return { X, Y, net };
}
