// Battery model32 (library): a model file's document from what a caller holds, and other tools' models
// given in its place. Model.fromJson(fs.readFileSync(path)) (bytes) said field "format" was missing; a
// TF.js model.json "format" must be "backprop-model"; a Keras .h5 given to loadModel "an HDF5 file (name
// it .h5)", the advice for data; a file name given as the text "not a JSON document: it begins 'model.json'";
// a file of a newer version read as a damaged one. Now the bytes are read (UTF-8, UTF-16 after a BOM) and
// every foreign model is named with the function that imports it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Model, Network, loadModel, saveModel, saveOnnx, saveTfjs, ModelFileError } from '../../src/node.js';
import { fileWriter, tempDir } from '../helpers/cli.js';

const dir = tempDir('model32-');
const write = fileWriter(dir);
const model = Model.fromNetwork(new Network({ inputSize: 2, seed: 1, layers: [{ units: 1, activation: 'sigmoid' }] }), { task: 'binary' });
const text = JSON.stringify(model.toJson());
const refusedAs = (f: () => unknown, pattern: RegExp) => assert.throws(f, (e: Error) => e instanceof ModelFileError && pattern.test(e.message) && !e.message.includes('\n'), pattern.source);

test('Model.fromJson reads the file\'s bytes (a Buffer, a Uint8Array, an ArrayBuffer; a UTF-8 or UTF-16 BOM) as it reads its text and its document', async () => {
  const file = write('m.json', text);
  const buffer = readFileSync(file);
  const expected = model.predictProba([[0.3, -1]]).data;
  const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const ab = new TextEncoder().encode(text).buffer;
  for (const doc of [buffer, new Uint8Array(buffer), ab, u16, Buffer.from(`\uFEFF${text}`), `\uFEFF${text}`, JSON.parse(text)]) {
    assert.deepEqual(Model.fromJson(doc).predictProba([[0.3, -1]]).data, expected);
  }
  refusedAs(() => Model.fromJson(new Float32Array(4)), /^model: it is a Float32Array; give the file's bytes \(a Uint8Array or Buffer\), its JSON text or the parsed document$/);
  refusedAs(() => Model.fromJson('m.json'), /^model: not a JSON document: it is the file name 'm\.json'; read the file with loadModel\(path\)/);
});

test('other tools\' models given as a backprop model: ONNX bytes, a Keras .h5 (bytes, or read as text), a TF.js model.json, a Keras or ONNX JSON, by fromJson and loadModel', async () => {
  await saveOnnx(`${dir}/m.onnx`, model);
  await saveTfjs(`${dir}/tfjs`, model);
  const h5 = write('keras.h5', new Uint8Array([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
  const keras = /it is an HDF5 file \(a Keras \.h5 model\?\); backprop reads its own model files \(JSON\) and imports a Keras model exported to ONNX \(tf2onnx\), which loadOnnx reads/;
  refusedAs(() => Model.fromJson(readFileSync(`${dir}/m.onnx`)), /^model: not a JSON text file: .*it looks like an ONNX model, which loadOnnx reads$/);
  refusedAs(() => Model.fromJson(readFileSync(h5)), keras);
  refusedAs(() => Model.fromJson(readFileSync(h5, 'utf8')), keras);
  await assert.rejects(loadModel(h5), (e: Error) => e instanceof ModelFileError && keras.test(e.message));
  const tfjs = /not a backprop model file: it is a TF\.js Layers model \(its model\.json\), which loadTfjs reads$/;
  refusedAs(() => Model.fromJson(readFileSync(`${dir}/tfjs/model.json`)), tfjs);
  await assert.rejects(loadModel(`${dir}/tfjs/model.json`), (e: Error) => e instanceof ModelFileError && tfjs.test(e.message));
  refusedAs(() => Model.fromJson({ class_name: 'Sequential', config: { layers: [] }, keras_version: '2.15.0' }), /not a backprop model file: it is a Keras model's JSON \(model\.to_json\(\), without its weights\)/);
  refusedAs(() => Model.fromJson({ irVersion: '8', graph: { node: [] }, opsetImport: [] }), /not a backprop model file: it is an ONNX model written as JSON; give the binary \.onnx file, which loadOnnx reads$/);
});

test('a model file of a newer version says so and what to do (it read as a damaged file)', async () => {
  const file = write('new.json', JSON.stringify({ ...JSON.parse(text), version: 2 }));
  const newer = /field "version" is 2: the file was written by a newer backprop \(this one reads version 1\); upgrade backprop to read it$/;
  await assert.rejects(loadModel(file), (e: Error) => e instanceof ModelFileError && newer.test(e.message));
  refusedAs(() => Model.fromJson({ ...JSON.parse(text), version: 2 }), newer);
  refusedAs(() => Model.fromJson({ ...JSON.parse(text), version: 0 }), /field "version" must be 1, got 0/);
  await saveModel(`${dir}/again.json`, model); // (a backprop file of this version still loads)
  assert.equal((await loadModel(`${dir}/again.json`)).task, 'binary');
});
