// Hostile and careless calls of the library's files and interchange, thirty-third sweep: a file: URL or
// a Buffer where a file name goes, the bytes of a fetch() (an ArrayBuffer), networkToTfjs's output given
// back as it is, a schema that is not one loadDataset returned.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { decodeImage, loadDataset, loadModel, networkToOnnx, networkToTfjs, onnxToModel, saveModel, synthetic, tfjsToModel, trainModel } from '../../src/node.js';
import { Matrix } from '../../src/tensor/matrix.js';
import { refused } from '../helpers/errors.js';

const quiet = { warn: () => {} };
const trained = async () => (await trainModel({ layers: [3], epochs: 1, testSplit: 0 }, { train: synthetic('flower', { samples: 40 }) }, quiet)).model;

test('a file: URL or a Buffer where a file name goes is told what to give of it (it was only "got a URL")', async () => {
  const url = pathToFileURL('model.json');
  await refused(loadModel(url as never), 'OptionError', /^loadModel: file must be a file name \(a non-empty string\), got a URL; give its path \(fileURLToPath\(url\), from 'node:url'\)$/);
  await refused(saveModel(Buffer.from('m.json') as never, await trained()), 'OptionError', /^saveModel: file must be a file name \(a non-empty string\), got a Buffer; give the file name as a string \(buffer\.toString\(\)\)$/);
  await refused(loadDataset(url as never), 'OptionError', /^loadDataset: give a file, an image folder or a built-in set name \(a non-empty string\), got a URL; give its path \(fileURLToPath\(url\), from 'node:url'\)$/);
  assert.throws(() => decodeImage(new URL('https://example.com/cat.png') as never), { name: 'OptionError', message: 'decodeImage: path must be a file name (a non-empty string), got a URL; give its path (a local file name)' });
});

test("a value's kind is said with its article: 'an ArrayBuffer', 'an Int32Array' (they were 'a ArrayBuffer', 'a Int32Array')", () => {
  assert.throws(() => new Matrix(1, 2, new Int32Array(2) as never), { message: /got an Int32Array;/ });
});

test("onnxToModel takes an ArrayBuffer, as a browser's fetch gives the bytes and Model.fromJson takes them (it was refused)", async () => {
  const model = await trained();
  const bytes = networkToOnnx(model);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const back = onnxToModel(buffer);
  assert.deepEqual(Array.from(back.predictProba([[0.5, -1]]).data), Array.from(model.predictProba([[0.5, -1]]).data));
});

test("tfjsToModel given networkToTfjs's weights themselves says how to give them", async () => {
  const { modelJson, weights } = networkToTfjs(await trained());
  assert.throws(() => tfjsToModel(modelJson, weights as never), { name: 'OptionError', message: /got a Uint8Array \(the bytes of its one weights file, as networkToTfjs gives them: give \(\) => weights, / });
  assert.equal(tfjsToModel(modelJson, () => weights).task, 'binary');
});

test('loadDataset refuses a schema that is not one it returned, naming the option (it said "the training data was undefined")', async () => {
  await refused(loadDataset('flower', { schema: {} as never }), 'OptionError', /^loadDataset: options\.schema must be the schema loadDataset returned for the training data \(result\.schema, or a model's preprocessing\.data\), got an object whose format is undefined$/);
  const result = await loadDataset('flower', quiet);
  await refused(loadDataset('flower', { schema: result as never }), 'OptionError', /got loadDataset's whole result: give its schema$/);
  assert.equal((await loadDataset('flower', { ...quiet, schema: result.schema })).dataset.X.cols, 400);
});
