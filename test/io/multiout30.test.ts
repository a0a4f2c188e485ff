// Battery multiout30 (interop): a model of several targets, trained with each target z-scored (the scaling
// folded into its output layer), exported to ONNX gives onnxruntime the model's own predictions, in the targets'
// units; ONNX and TF.js exports import back as a k-output regression with its targets' names and scaling.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runOnnx } from './run-onnx.js';
import { trainModel, parseCsv } from '../../src/node.js';
import { networkToOnnx, onnxToModel } from '../../src/io/onnx.js';
import { networkToTfjs, tfjsToModel } from '../../src/io/tfjs.js';

// 40 rows of 3 features and 3 targets on very different scales (hundreds, ones, thousandths)
const rows = Array.from({ length: 40 }, (_, j) => {
  const x = [Math.sin(j), Math.cos(j * 0.7) * 5, (j % 7) - 3];
  return [...x, 150 + 20 * x[0]! - 3 * x[1]!, 2 + 0.1 * x[2]!, 0.001 * x[0]! * x[2]!];
});
const CSV = `a,b,c,big,small,tiny\n${rows.map((r) => r.join(',')).join('\n')}\n`;

test('ONNX of a 3-target model (target scaling folded in) gives its predictions in onnxruntime; ONNX and TF.js import back', async () => {
  const { dataset, schema } = parseCsv(CSV, { target: ['big', 'small', 'tiny'] });
  const { model } = await trainModel({ layers: [8], epochs: 30, optimizer: 'adam', learningRate: 0.01, standardize: true, testSplit: 0, seed: 3 }, { train: dataset, schema });
  const mine = model.predict(CSV) as number[][];
  const input = Float32Array.from(rows.flatMap((r) => r.slice(0, 3)));
  const theirs = await runOnnx(networkToOnnx(model), input, 3, 3);
  for (let j = 0; j < rows.length; j++) {
    for (let i = 0; i < 3; i++) {
      const want = mine[j]![i]!, got = theirs[j * 3 + i]!;
      assert.ok(Math.abs(got - want) <= 1e-5 * Math.max(1, Math.abs(want)), `example ${j + 1}, output ${i + 1}: onnxruntime ${got}, backprop ${want}`);
    }
  }
  // the big target in its own units (around 150), not the z-score the network was trained on
  assert.ok(Math.abs(mine[0]![0]! - 150) < 60, String(mine[0]![0]));
  const fromOnnx = onnxToModel(networkToOnnx(model));
  const { modelJson, weights } = networkToTfjs(model);
  const fromTfjs = tfjsToModel(modelJson, () => weights);
  for (const back of [fromOnnx, fromTfjs]) {
    assert.equal(back.task, 'regression');
    assert.equal(back.network.outputSize, 3);
    assert.deepEqual(back.targets, ['big', 'small', 'tiny']);
    assert.deepEqual(back.predict(CSV), mine);
  }
});
