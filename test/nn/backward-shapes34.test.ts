// The backward pass's text (`inspect --backward`, the page's backward tab) states each layer's shapes in
// the course's terms: dW[l] as W[l] (n[l] x n[l-1]), db[l] as b[l], dZ[l] as Z[l] (n[l] x m), dA[l-1] as
// A[l-1]. It gave the numbers without them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix, Network, backwardReport, backwardTrace } from '../../src/index.js';

test("each layer's line names its gradients' shapes, as the weights, biases and activations they belong to", () => {
  const net = new Network({ inputSize: 2, seed: 3, loss: 'categoricalCrossEntropy', layers: [{ units: 4, activation: 'relu' }, { units: 3, activation: 'softmax' }] });
  const X = new Matrix(2, 5, Float64Array.from([0.5, -1, 0.25, 2, -0.5, 1, 0.75, -2, 0.1, 0.3]), 'float64');
  const lines = backwardReport(backwardTrace(net, X, [0, 2, 1, 1, 0]), net.loss.name, 'five examples');
  assert.ok(lines.includes('layer 2: dW[2] is n[2] x n[1] = 3 x 4, as W[2]; db[2] is 3 x 1, as b[2]; dZ[2] is n[2] x m = 3 x 5, as Z[2]; dA[1] is 4 x 5, as A[1]'), lines.join('\n'));
  assert.ok(lines.includes('layer 1: dW[1] is n[1] x n[0] = 4 x 2, as W[1]; db[1] is 4 x 1, as b[1]; dZ[1] is n[1] x m = 4 x 5, as Z[1]; dA[0] is 2 x 5, as A[0]'), lines.join('\n'));
});
