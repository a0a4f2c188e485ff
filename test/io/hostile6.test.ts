// Files a user saved or gave, sixth round: an ONNX or TF.js export replaces only an export of ours
// (saveOnnx and saveTfjs replaced any file), by one rule (checkReplaceable) that saveModel uses too;
// onnxToModel given a file name or nothing says what it needs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ModelFileError, OptionError, OutputError } from '../../src/errors.js';
import { checkOnnxTarget, loadOnnx, networkToOnnx, onnxToModel, saveOnnx } from '../../src/io/onnx.js';
import { checkTfjsTarget, loadTfjs, saveTfjs } from '../../src/io/tfjs.js';
import { checkReplaceable } from '../../src/io/write-file.js';
import { Model } from '../../src/model/model.js';
import { randomNet } from './helpers.js';
import { tempDir } from '../helpers/cli.js';

const dir = tempDir('backprop-io-hostile6-');
const model = () => Model.fromNetwork(randomNet(2, [[3, 'relu'], [1, 'sigmoid']], 5));
const notReplaced = (what: string) => (e: unknown) => e instanceof OutputError
  && new RegExp(`^cannot write .*: it exists and is not ${what}; not replacing it \\(give another file name, or delete it first\\)$`).test((e as Error).message);

test('onnxToModel needs the bytes: a file name said "its bytes do not decode", an empty array "no graph nodes"', () => {
  assert.throws(() => onnxToModel('model.onnx' as never), (e: unknown) => e instanceof OptionError
    && (e as Error).message === 'onnxToModel: bytes must be a Uint8Array or an ArrayBuffer (the bytes of the .onnx file, e.g. from readFileSync), got a string (to read a file by its name, use loadOnnx)');
  assert.throws(() => onnxToModel([8, 1] as never), /bytes must be a Uint8Array or an ArrayBuffer .*got an array$/);
  assert.throws(() => onnxToModel(undefined as never), /bytes must be a Uint8Array or an ArrayBuffer .*got undefined$/);
  assert.throws(() => onnxToModel(new Uint8Array(0), 'empty.onnx'), (e: unknown) => e instanceof ModelFileError && (e as Error).message === 'empty.onnx: the file is empty (0 bytes), not an ONNX model');
  // a Buffer is a Uint8Array
  assert.equal(onnxToModel(Buffer.from(networkToOnnx(model()))).network.inputSize, 2);
});

test('saveOnnx replaces only an ONNX model written by backprop (it replaced any file: notes, an ONNX model of another tool)', async () => {
  const notes = path.join(dir, 'notes.onnx');
  writeFileSync(notes, 'my notes');
  await assert.rejects(saveOnnx(notes, model()), notReplaced('an ONNX model written by backprop'));
  assert.equal(readFileSync(notes, 'utf8'), 'my notes');
  // an ONNX model of another producer
  const other = path.join(dir, 'other.onnx');
  await saveOnnx(other, model());
  const foreign = Buffer.from(readFileSync(other));
  const at = foreign.indexOf('backprop');
  foreign.write('pytorch!', at); // producer_name, same length
  writeFileSync(other, foreign);
  assert.throws(() => checkOnnxTarget(other), notReplaced('an ONNX model written by backprop'));
  // ours, an empty file, or no file: written
  const ours = path.join(dir, 'ours.onnx');
  await saveOnnx(ours, model());
  await saveOnnx(ours, model());
  writeFileSync(path.join(dir, 'empty.onnx'), '');
  await saveOnnx(path.join(dir, 'empty.onnx'), model());
  assert.equal((await loadOnnx(path.join(dir, 'empty.onnx'))).network.inputSize, 2);
});

test("saveTfjs replaces only a TF.js model of ours: a folder's own model.json, or a weights.bin without our model.json, are kept", async () => {
  const app = path.join(dir, 'app');
  mkdirSync(app);
  writeFileSync(path.join(app, 'model.json'), '{"name": "my-app"}\n');
  await assert.rejects(saveTfjs(app, model()), notReplaced('a TF.js model written by backprop'));
  assert.equal(readFileSync(path.join(app, 'model.json'), 'utf8'), '{"name": "my-app"}\n');
  assert.deepEqual(readdirSync(app), ['model.json']);
  const weights = path.join(dir, 'weights-only');
  mkdirSync(weights);
  writeFileSync(path.join(weights, 'weights.bin'), 'data');
  assert.throws(() => checkTfjsTarget(weights), notReplaced('the weights of a TF.js model written by backprop \\(no model\\.json of ours beside it\\)'));
  // our export is replaced, both files
  const ours = path.join(dir, 'ours-tfjs');
  await saveTfjs(ours, model());
  await saveTfjs(ours, model());
  assert.equal((await loadTfjs(ours)).network.inputSize, 2);
});

test('checkReplaceable: a missing, empty or non-regular file passes; otherwise the test decides, from the head or the whole file', () => {
  const file = path.join(dir, 'kind.txt');
  checkReplaceable(file, 'a kind', () => false); // missing
  writeFileSync(file, '');
  checkReplaceable(file, 'a kind', () => false); // empty
  checkReplaceable(dir, 'a kind', () => false); // a folder: the writer says what it is
  writeFileSync(file, 'KIND 1\n');
  checkReplaceable(file, 'a kind', (head) => head.startsWith('KIND'));
  checkReplaceable(file, 'a kind', (_head, whole) => whole().length === 7);
  assert.throws(() => checkReplaceable(file, 'a kind', () => false), notReplaced('a kind'));
});
