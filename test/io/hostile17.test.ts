// Hostile input, seventeenth sweep (model files and imports): a field missing from a hand-edited model
// file said "got undefined"; an alpha on a relu layer (in a model file or a Network spec) was dropped
// without a word, so the layer was a plain relu; a gzip'd, zipped or HDF5 file given as ONNX was only
// "a damaged file".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { ModelFileError } from '../../src/errors.js';
import { Model } from '../../src/model/model.js';
import { modelPartsFromJson, modelToJson } from '../../src/io/model-json.js';
import { networkToOnnx, onnxToModel } from '../../src/io/onnx.js';
import { getActivation } from '../../src/nn/activations.js';
import { Network } from '../../src/nn/network.js';
import { trainModel } from '../../src/model/train-model.js';
import { Matrix } from '../../src/tensor/matrix.js';

function modelDoc(activation = 'relu'): Record<string, unknown> {
  const network = new Network({ inputSize: 2, layers: [{ units: 3, activation: activation as 'relu' }, { units: 1, activation: 'sigmoid' }], seed: 1 });
  return JSON.parse(JSON.stringify(modelToJson(new Model(network, { task: 'binary' })))) as Record<string, unknown>;
}

const layer0 = (doc: Record<string, unknown>) => (doc.layers as Record<string, unknown>[])[0]!;

function refusedDoc(doc: unknown, pattern: RegExp): void {
  assert.throws(() => modelPartsFromJson(doc, 'm.json'), (e: Error) => {
    assert.equal(e.name, 'ModelFileError', e.message);
    assert.match(e.message, pattern);
    assert.doesNotMatch(e.message, /undefined/);
    return true;
  });
}

test('a field missing from a model file is named as missing, not "got undefined"', () => {
  for (const field of ['format', 'version', 'inputSize', 'task']) {
    const doc = modelDoc();
    delete doc[field];
    refusedDoc(doc, new RegExp(`field "${field}" .* but the field is missing`));
  }
  for (const field of ['units', 'activation', 'W', 'b']) {
    const doc = modelDoc();
    delete layer0(doc)[field];
    refusedDoc(doc, new RegExp(`layer 1: field "${field}" .*but the field is missing`));
  }
});

test('an alpha on a layer whose activation has no parameter is refused in a model file, kept on leakyRelu and elu', () => {
  for (const activation of ['relu', 'tanh', 'sigmoid', 'selu']) {
    const doc = modelDoc(activation);
    layer0(doc).alpha = 0.2;
    refusedDoc(doc, new RegExp(`layer 1: field "alpha" is for leakyRelu and elu only, and the activation is ${activation}`));
  }
  for (const activation of ['leakyRelu', 'elu']) {
    const doc = modelDoc(activation);
    layer0(doc).alpha = 0.2;
    const { network } = modelPartsFromJson(doc, 'm.json');
    assert.equal(network.layers[0]!.activation.alpha, 0.2);
  }
});

test('an activation spec with an alpha that its activation does not take is refused (it built a plain relu)', () => {
  assert.throws(() => getActivation({ name: 'relu', alpha: 0.1 }), { name: 'OptionError', message: /activation relu takes no alpha .*leakyRelu/ });
  assert.throws(() => new Network({ inputSize: 2, layers: [{ units: 3, activation: { name: 'tanh', alpha: 0.1 } }, { units: 1, activation: 'sigmoid' }] }), /activation tanh takes no alpha/);
  assert.equal(getActivation({ name: 'leakyRelu', alpha: 0.1 }).alpha, 0.1);
  assert.equal(getActivation({ name: 'relu' }).name, 'relu');
});

test('trainModel with alpha and a relu hidden layer warns and trains a relu (alpha is not passed to it)', async () => {
  const X = Matrix.from([[0, 0, 1, 1], [0, 1, 0, 1]]);
  const warnings: string[] = [];
  const { model } = await trainModel({ layers: [3], activation: 'relu', alpha: 0.2, epochs: 2, seed: 1 }, { train: { name: 'xor', task: 'binary', featureNames: ['a', 'b'], X, Y: Matrix.from([[0, 1, 1, 0]]) } }, { warn: (m) => warnings.push(m) });
  assert.ok(warnings.some((w) => /alpha ignored/.test(w)), warnings.join(' | '));
  assert.equal(model.network.layers[0]!.activation.name, 'relu');
});

test('a gzip\'d, zipped or HDF5 file given as ONNX says what it is', () => {
  const onnx = networkToOnnx(new Model(new Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }], seed: 1 }), { task: 'binary' }));
  const cases: [Uint8Array, RegExp][] = [
    [gzipSync(onnx), /m\.onnx: not an ONNX model: it is gzip-compressed .*gunzip/],
    [new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...onnx.subarray(0, 60)]), /it is a ZIP archive \(unzip it first\)/],
    [new Uint8Array([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, 0, 8, 8, 0]), /it is an HDF5 file/],
  ];
  for (const [bytes, pattern] of cases) {
    assert.throws(() => onnxToModel(bytes, 'm.onnx'), (e: Error) => e instanceof ModelFileError && pattern.test(e.message) && !e.message.includes('\n'));
  }
});
