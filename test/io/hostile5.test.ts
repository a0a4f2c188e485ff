// Files a user saved or gave, fifth round: a model never replaces a file of another kind, and files
// cut short or damaged (model JSON, ONNX) are said in our words, by the library, naming the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ModelFileError, OutputError } from '../../src/errors.js';
import { loadModel, saveModel } from '../../src/io/model-file.js';
import { networkToOnnx, onnxToModel } from '../../src/io/onnx.js';
import { Model } from '../../src/model/model.js';
import { randomNet } from './helpers.js';
import { tempDir } from '../helpers/cli.js';

const dir = tempDir('backprop-io-hostile5-');
const model = () => Model.fromNetwork(randomNet(2, [[3, 'relu'], [1, 'sigmoid']], 5));

test('saveModel does not replace a file that is no backprop model file (a package.json was replaced by a model); a model file or an empty file is replaced', async () => {
  const pkg = path.join(dir, 'package.json');
  writeFileSync(pkg, '{"name":"my-app"}\n');
  await assert.rejects(saveModel(pkg, model()), (e: unknown) => e instanceof OutputError
    && /^cannot write .*package\.json: it exists and is not a backprop model file; not replacing it \(give another file name, or delete it first\)$/.test((e as Error).message));
  assert.equal(readFileSync(pkg, 'utf8'), '{"name":"my-app"}\n');
  const notes = path.join(dir, 'notes.json');
  writeFileSync(notes, 'my notes, not JSON');
  await assert.rejects(saveModel(notes, model()), OutputError);
  const file = path.join(dir, 'm.json');
  await saveModel(file, model());
  await saveModel(file, model()); // its own kind
  // a pretty-printed model file whose "format" comes last is a model file too
  const doc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const { format, ...rest } = doc;
  writeFileSync(file, JSON.stringify({ ...rest, format }, null, 2));
  await saveModel(file, model());
  writeFileSync(path.join(dir, 'empty.json'), '');
  await saveModel(path.join(dir, 'empty.json'), model());
  assert.equal((await loadModel(file)).network.inputSize, 2);
});

test('a model file cut short says so with its length (V8 said "Expected \',\' or \']\' after array element in JSON at position 200"); a syntax error says its line and column', async () => {
  const file = path.join(dir, 'whole.json');
  await saveModel(file, model());
  const cut = path.join(dir, 'cut.json');
  writeFileSync(cut, readFileSync(file, 'utf8').slice(0, 200));
  await assert.rejects(loadModel(cut), (e: unknown) => e instanceof ModelFileError
    && /cut\.json: not valid JSON: the text ends before the document is complete \(after 200 characters\); is it cut short \(an interrupted write or copy\)\?$/.test((e as Error).message));
  assert.throws(() => Model.fromJson('{"format": "backprop-model",\n  "layers": [1 2]}', 'hand.json'), /^ModelFileError: hand\.json: not valid JSON at line 2, column 16 \(Expected ',' or ']' after array element\)$/);
  assert.throws(() => Model.fromJson('  \n', 'blank.json'), /blank\.json: the file is empty, not a JSON document$/);
});

test("an ONNX file that does not decode is said in our words (protobufjs's 'The encoded data was not valid for encoding utf-8' leaked)", () => {
  const bytes = networkToOnnx(model());
  const damaged = Uint8Array.from(bytes);
  damaged.fill(0xff, 30, 35);
  assert.throws(() => onnxToModel(damaged, 'bad.onnx'), (e: unknown) => e instanceof ModelFileError
    && (e as Error).message === 'bad.onnx: not an ONNX model (its bytes do not decode as an ONNX protobuf message: a damaged file, or not an ONNX model)');
});
