// Battery multilabel31 (interop): a multi-label model (k sigmoid outputs) exported to ONNX gives onnxruntime
// the model's own probabilities, and its 0/1 labels at 0.5; ONNX and TF.js exports import back as a
// multi-label model with the labels' names, predicting the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runOnnx } from './run-onnx.js';
import { trainModel, parseCsv } from '../../src/node.js';
import { networkToOnnx, onnxToModel } from '../../src/io/onnx.js';
import { networkToTfjs, tfjsToModel } from '../../src/io/tfjs.js';
import { decodeOnnx, encodeOnnx } from '../../src/io/onnx-proto.js';

// 40 rows of 3 features and 3 labels (a: x1 > 0, b: x2 > 1, c: both)
const rows = Array.from({ length: 40 }, (_, j) => {
  const x = [Math.sin(j), Math.cos(j * 0.7) * 5, (j % 7) - 3];
  return [...x, x[0]! > 0 ? 1 : 0, x[1]! > 1 ? 1 : 0, x[0]! > 0 && x[1]! > 1 ? 1 : 0];
});
const CSV = `f1,f2,f3,a,b,c\n${rows.map((r) => r.join(',')).join('\n')}\n`;

test('ONNX of a 3-label model gives its probabilities in onnxruntime; ONNX and TF.js import back multi-label with the labels\' names', async () => {
  const { dataset, schema } = parseCsv(CSV, { target: 'a,b,c' });
  const { model } = await trainModel({ layers: [8], epochs: 40, optimizer: 'adam', learningRate: 0.02, standardize: true, testSplit: 0, seed: 3 }, { train: dataset, schema });
  assert.equal(model.task, 'multilabel');
  const proba = model.predictProba(CSV), mine = model.predict(CSV) as number[][];
  const input = Float32Array.from(rows.flatMap((r) => r.slice(0, 3)));
  const theirs = await runOnnx(networkToOnnx(model), input, 3, 3);
  for (let j = 0; j < rows.length; j++) {
    for (let i = 0; i < 3; i++) {
      const want = proba.get(i, j), got = theirs[j * 3 + i]!;
      assert.ok(Math.abs(got - want) <= 1e-5, `example ${j + 1}, label ${i + 1}: onnxruntime ${got}, backprop ${want}`);
      // the labels at 0.5 agree (away from the threshold, where float32 rounding cannot tip them)
      if (Math.abs(want - 0.5) > 1e-4) assert.equal(got > 0.5 ? 1 : 0, mine[j]![i], `example ${j + 1}, label ${i + 1}`);
    }
  }
  const fromOnnx = onnxToModel(networkToOnnx(model));
  const { modelJson, weights } = networkToTfjs(model);
  const fromTfjs = tfjsToModel(modelJson, () => weights);
  for (const back of [fromOnnx, fromTfjs]) {
    assert.equal(back.task, 'multilabel');
    assert.deepEqual(back.classes, ['a', 'b', 'c']);
    assert.deepEqual(back.predict(CSV), mine);
  }
  // without backprop's metadata (a Keras model of 3 sigmoid units): multi-label, its labels unnamed
  const m = decodeOnnx(networkToOnnx(model));
  m.metadata_props = [];
  const bare = onnxToModel(encodeOnnx(m));
  assert.equal(bare.task, 'multilabel');
  assert.deepEqual(bare.predict(rows.map((r) => r.slice(0, 3))), mine);
});
