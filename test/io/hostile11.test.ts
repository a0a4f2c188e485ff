// Hostile input, eleventh sweep (model files and imports): classes the same but for spaces or
// invisible characters, the ONNX opset, and backprop's own metadata in ONNX and TF.js files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Network } from '../../src/nn/network.js';
import { Model } from '../../src/model/model.js';
import { modelToJson } from '../../src/io/model-json.js';
import { modelFromJson } from '../../src/model/model.js';
import { networkToOnnx, onnxToModel } from '../../src/io/onnx.js';
import { networkToTfjs, tfjsToModel } from '../../src/io/tfjs.js';
import { decodeOnnx, encodeOnnx, type OnnxModel } from '../../src/io/onnx-proto.js';
import { ModelFileError } from '../../src/errors.js';

const net = () => new Network({ inputSize: 2, layers: [{ units: 3, activation: 'relu' }, { units: 3, activation: 'softmax' }], seed: 1 });
const model = () => Model.fromNetwork(net(), { task: 'multiclass', classes: ['a', 'b', 'c'], features: ['u', 'v'] });
const fails = (fn: () => unknown, message: string) =>
  assert.throws(fn, (e: unknown) => e instanceof ModelFileError && e.message === message, `expected the ModelFileError '${message}'`);

test('a model file or a Model with classes the same but for spaces at either end or invisible characters is refused naming them', () => {
  const json = modelToJson(model()) as unknown as Record<string, unknown>;
  fails(() => modelFromJson({ ...json, classes: ['a', 'a ', 'c'] }, 'm.json'), 'm.json: field "classes" holds "a" and "a ", the same but for spaces at either end or invisible characters');
  fails(() => modelFromJson({ ...json, classes: ['a', 'b', '\u200Bb'] }, 'm.json'), 'm.json: field "classes" holds "b" and "\\u200Bb", the same but for spaces at either end or invisible characters');
  fails(() => Model.fromNetwork(net(), { task: 'multiclass', classes: ['x', ' x', 'y'] }), 'classes holds "x" and " x", the same but for spaces at either end or invisible characters');
  // letter case differs visibly: 'A' and 'a' may be two classes
  assert.deepEqual(modelFromJson({ ...json, classes: ['A', 'a', 'c'] }, 'm.json').meta.classes, ['A', 'a', 'c']);
});

/** The model as ONNX, edited. */
function onnxWith(edit: (m: OnnxModel) => void): Uint8Array {
  const m = decodeOnnx(networkToOnnx(model()));
  edit(m);
  return encodeOnnx(m);
}

test('an ONNX model of an opset backprop does not read is refused naming it and what is read (it was read as if opset 13)', () => {
  const supported = 'backprop imports opsets 7 to 25 of the default ONNX domain';
  fails(() => onnxToModel(onnxWith((m) => { m.opset_import = [{ domain: '', version: 5 }]; }), 'old.onnx'), `old.onnx: the model uses ONNX opset 5, which backprop cannot read; ${supported} (re-export it with one, e.g. opset 13)`);
  fails(() => onnxToModel(onnxWith((m) => { m.opset_import = [{ domain: 'ai.onnx', version: 40 }]; }), 'new.onnx'), `new.onnx: the model uses ONNX opset 40, which backprop cannot read; ${supported} (re-export it with one, e.g. opset 13)`);
  fails(() => onnxToModel(onnxWith((m) => { m.opset_import = [{ domain: 'ai.onnx.ml', version: 3 }]; }), 'ml.onnx'), `ml.onnx: the model names no opset of the default ONNX domain (its opset_import is 'ai.onnx.ml' 3); ${supported}`);
  fails(() => onnxToModel(onnxWith((m) => { m.opset_import = []; }), 'none.onnx'), `none.onnx: the model names no opset of the default ONNX domain (its opset_import is empty); ${supported}`);
  // the ends of the range, and 'ai.onnx' for the default domain, are read
  for (const opset of [{ domain: '', version: 7 }, { domain: 'ai.onnx', version: 25 }]) {
    assert.deepEqual(onnxToModel(onnxWith((m) => { m.opset_import = [opset]; }), 'ok.onnx').meta.classes, ['a', 'b', 'c']);
  }
});

test('backprop metadata in an ONNX file that is not what backprop writes is refused naming the key (it was ignored, silently)', () => {
  const withMeta = (value: string) => onnxWith((m) => { m.metadata_props = [{ key: 'backprop', value }]; });
  const tail = '; fix it, or remove the entry to import the layers alone';
  const where = "the backprop metadata (metadata_props 'backprop')";
  assert.throws(() => onnxToModel(withMeta('{"task": "multiclass",'), 'm.onnx'), (e: unknown) => e instanceof ModelFileError && /^m\.onnx: the backprop metadata \(metadata_props 'backprop'\) is not JSON \(.*\); fix it, or remove the entry to import the layers alone$/.test(e.message));
  fails(() => onnxToModel(withMeta('[1, 2]'), 'm.onnx'), `m.onnx: ${where} must be a JSON object, got [1,2]${tail}`);
  fails(() => onnxToModel(withMeta('{"task": "multi"}'), 'm.onnx'), `m.onnx: ${where} key "task" must be "binary", "multiclass", "multilabel" or "regression", got "multi"${tail}`);
  fails(() => onnxToModel(withMeta('{"classes": "a,b,c"}'), 'm.onnx'), `m.onnx: ${where} key "classes" must be an array of class names (strings), got "a,b,c"${tail}`);
  fails(() => onnxToModel(withMeta('{"features": [1, 2]}'), 'm.onnx'), `m.onnx: ${where} key "features" must be an array of feature names (strings), got [1,2]${tail}`);
  fails(() => onnxToModel(withMeta('{"preprocessing": "none"}'), 'm.onnx'), `m.onnx: ${where} key "preprocessing" must be an object (a model file's "preprocessing"), got "none"${tail}`);
  fails(() => onnxToModel(withMeta('{"version": 2}'), 'm.onnx'), `m.onnx: ${where} key "version" must be a whole number from 1 to 1 (the versions this backprop reads), got 2${tail}`);
  fails(() => onnxToModel(withMeta('{"clases": ["a", "b", "c"]}'), 'm.onnx'), `m.onnx: ${where} has the unknown key "clases"; expected format, version, task, classes, features, preprocessing, describe${tail}`);
  fails(() => onnxToModel(onnxWith((m) => { m.metadata_props = [{ key: 'backprop', value: '{}' }, { key: 'backprop', value: '{}' }]; }), 'm.onnx'), `m.onnx: ${where} is given 2 times; keep one`);
  // none at all is fine (the metadata is optional): classes are inferred
  assert.deepEqual(onnxToModel(onnxWith((m) => { m.metadata_props = []; }), 'm.onnx').meta.classes, ['0', '1', '2']);
  assert.deepEqual(onnxToModel(networkToOnnx(model()), 'm.onnx').meta.features, ['u', 'v']);
});

test('backprop metadata in a TF.js model.json that is not what backprop writes is refused naming the key (it was ignored when not an object)', () => {
  const { modelJson, weights } = networkToTfjs(model());
  const withMeta = (backprop: unknown) => tfjsToModel({ ...modelJson, userDefinedMetadata: { backprop } }, () => weights, 'model.json');
  fails(() => withMeta('multiclass'), 'model.json: the backprop metadata (userDefinedMetadata.backprop) must be a JSON object, got "multiclass"; fix it, or remove the entry to import the layers alone');
  fails(() => withMeta({ task: 'multiclass', classes: ['a', 'b', 3] }), 'model.json: the backprop metadata (userDefinedMetadata.backprop) key "classes" must be an array of class names (strings), got ["a","b",3]; fix it, or remove the entry to import the layers alone');
  assert.deepEqual(withMeta({ task: 'multiclass', classes: ['x', 'y', 'z'] }).meta.classes, ['x', 'y', 'z']);
});
