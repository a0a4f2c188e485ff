// Model files edited by hand, fourth round: what the file gets wrong is said of the file, by field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelFileError } from '../../src/errors.js';
import { modelFromJson, modelToJson } from '../../src/io/model-json.js';
import { Model } from '../../src/model/model.js';
import { randomNet } from './helpers.js';

const saved = () => JSON.parse(JSON.stringify(modelToJson(Model.fromNetwork(randomNet(2, [[3, 'relu'], [1, 'sigmoid']], 4))))) as {
  dtype: string; loss?: string; layers: { W: number[][]; b: number[] }[];
};
const refused = (doc: unknown, pattern: RegExp) =>
  assert.throws(() => modelFromJson(doc, 'edited.json'), (e: unknown) => e instanceof ModelFileError && pattern.test((e as Error).message), `expected a ModelFileError matching ${pattern}`);

test('a weight beyond float32 in a float32 model file is refused by layer, row and column (it became Infinity, and predict gave one class for every row)', () => {
  const doc = saved();
  doc.layers[0]!.W[1]![0] = 1e39;
  refused(doc, /^edited\.json: layer 1: field "W" row 2 column 1 is 1e\+39, beyond float32, the model's "dtype" \(at most 3\.4e38 in magnitude\)$/);
  const bias = saved();
  bias.layers[1]!.b[0] = -4e38;
  refused(bias, /^edited\.json: layer 2: field "b" entry 1 is -4e\+38, beyond float32/);
  // a float64 model holds it
  doc.dtype = 'float64';
  assert.equal(modelFromJson(doc, 'edited.json').network.dtype, 'float64');
});

test('a model file whose loss does not fit its layers (the output layer deleted) names the file and the field (it said "Network: loss ...", no file)', () => {
  const doc = saved();
  doc.loss = 'binaryCrossEntropy';
  doc.layers.pop();
  refused(doc, /^edited\.json: field "loss": binaryCrossEntropy needs probabilities .* but the output layer is 3 relu units/);
});
