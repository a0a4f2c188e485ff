// Model.withRawInputs (battery page33): a caller that feeds model.net itself (the playground trains and
// draws it on x1, x2 as they are) needs the model's input scaling and standardization folded into the
// first layer, z = W (s x - mu) / sigma + b = W' x + b'; the network it gives predicts what the model does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix, Model } from '../../src/index.js';

const doc = {
  format: 'backprop-model', version: 1, inputSize: 3, task: 'binary', classes: ['no', 'yes'],
  layers: [{ units: 2, activation: 'tanh', W: [[1.5, -0.75, 0.25], [0.5, 2, -1]], b: [0.25, -0.5] }, { units: 1, activation: 'sigmoid', W: [[2, -1.5]], b: [0.1] }],
  preprocessing: { scale: 0.5, standardize: { mean: [-0.5, 0.25, 3], std: [2, 4, 0.5] } },
};

test("withRawInputs folds the input scale and standardization into layer 1: its network's output on raw features is the model's prediction", () => {
  const model = Model.fromJson(doc);
  const raw = [[1, 2, 3], [-4, 0.5, 7], [0, 0, 0]];
  const folded = model.withRawInputs();
  assert.equal(folded.meta.preprocessing, undefined, 'nothing left to apply');
  assert.deepEqual(folded.meta.classes, ['no', 'yes']);
  const X = Matrix.from([[1, -4, 0], [2, 0.5, 0], [3, 7, 0]], 'float64'); // n_x x m, one example per column
  const byNetwork = Array.from(folded.net.forward(X).data);
  const byModel = Array.from(model.predictProba(raw).data);
  byModel.forEach((p, i) => assert.ok(Math.abs(p - byNetwork[i]!) < 1e-6, `example ${i + 1}: ${byNetwork[i]} against the model's ${p}`));
  // (the model's own network is left as it was)
  assert.deepEqual(Array.from(model.net.W(1).data), [1.5, -0.75, 0.25, 0.5, 2, -1]);
});
