// JSON.stringify(network): a document that new Network(doc) reads back (session 29).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Network, type NetworkJson } from '../../src/nn/network.js';
import { Matrix } from '../../src/tensor/matrix.js';

test('JSON.stringify(network) writes its options and weights, and new Network(doc) reads them back', () => {
  const net = new Network({ inputSize: 3, layers: [{ units: 4, activation: { name: 'leakyRelu', alpha: 0.2 }, keepProb: 0.8 }, { units: 2, activation: 'softmax' }], l2: 0.5, dtype: 'float64', seed: 7 });
  const text = JSON.stringify(net);
  assert.ok(text.length < 2000, `${text.length} characters`);
  const doc = JSON.parse(text) as NetworkJson;
  assert.deepEqual(doc.layers, [{ units: 4, activation: { name: 'leakyRelu', alpha: 0.2 }, keepProb: 0.8 }, { units: 2, activation: 'softmax' }]);
  assert.equal(doc.loss, 'categoricalCrossEntropy');
  const back = new Network(doc);
  const X = Matrix.from([[0.5, -1], [2, 0.25], [-0.75, 1.5]], 'float64');
  assert.deepEqual(Array.from(back.predictProba(X).data), Array.from(net.predictProba(X).data));
  assert.deepEqual(back.regularization, { l1: 0, l2: 0.5 });
  assert.equal(back.dtype, 'float64');
  // weights of the wrong shape are refused as setWeights refuses them
  assert.throws(() => new Network({ ...doc, weights: doc.weights.slice(1) }), /^ShapeError: /);
});
