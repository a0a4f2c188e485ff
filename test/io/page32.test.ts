// A TF.js model.json where a backprop model file is expected (battery page32): it was refused as
// 'field "format" must be "backprop-model", got "layers-model"'; it is named as a TF.js model, with
// the function (in the library) or the command (in the CLI) that reads it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Model, modelFromJson, Network } from '../../src/index.js';
import { networkToTfjs } from '../../src/node.js';
import { backprop, fileWriter, tempDir, usageError } from '../helpers/cli.js';

const net = new Network({ inputSize: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], seed: 1 });
const tfjs = () => networkToTfjs(new Model(net, { task: 'binary', features: ['x1', 'x2'] })).modelJson as unknown as Record<string, unknown>;

test('modelFromJson of a TF.js Layers model.json names it and loadTfjs, in one line', () => {
  for (const doc of [tfjs(), { ...tfjs(), format: undefined }]) {
    assert.throws(() => modelFromJson(doc, 'model.json'), (e: Error) => e.name === 'ModelFileError' && !e.message.includes('\n') &&
      e.message === 'model.json: not a backprop model file: it is a TF.js Layers model (its model.json), which loadTfjs reads');
  }
  assert.throws(() => modelFromJson({ format: 'keras' }, 'k.json'), /k\.json: field "format" must be "backprop-model", got "keras"$/, 'another format is named by the field');
});

test('evaluate, predict, inspect and export given a TF.js model.json as --model say backprop import reads it (exit 2)', () => {
  const file = fileWriter(tempDir());
  const model = file('model.json', JSON.stringify(tfjs()));
  const data = file('d.csv', 'x1,x2,label\n0,1,0\n1,0,1\n1,1,0\n0,0,1\n');
  for (const args of [['evaluate', '--data', data], ['predict', '--data', data], ['inspect'], ['export', '--out', `${model}.onnx`]]) {
    usageError(backprop([args[0]!, '--model', model, ...args.slice(1)]), /model\.json: not a backprop model file: it is a TF\.js Layers model \(its model\.json\), which backprop import reads$/);
  }
});
