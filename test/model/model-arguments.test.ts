// Model, loadModel, loadDataset and synthetic against a careless caller: no object, no file name, or a
// key that is none of their options is an Error naming it (a misspelt key was dropped, silently).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Model, Network, synthetic, OptionError, ModelFileError } from '../../src/index.js';
import { loadDataset, loadModel, saveModel, saveOnnx, loadOnnx, saveTfjs, loadTfjs, networkToOnnx, networkToTfjs } from '../../src/node.js';

const net = () => new Network({ inputSize: 2, seed: 1, layers: [{ units: 1, activation: 'sigmoid' }] });

test('new Model needs a Network and a meta object of known keys and task (classes misspelt were dropped; a task "foo" was kept)', () => {
  assert.throws(() => new Model(null as never, { task: 'binary' }), (e) => e instanceof OptionError && e.message === 'Model: network must be a Network, got null');
  assert.throws(() => new Model(net(), undefined as never), (e) => e instanceof OptionError && /^Model: meta must be an object/.test(e.message));
  assert.throws(() => new Model(net(), { task: 'binary', clases: ['a', 'b'] } as never), (e) => e instanceof OptionError && /^Model meta: unknown option 'clases' \(did you mean 'classes'\?\)/.test(e.message));
  assert.throws(() => new Model(net(), { task: 'foo' } as never), (e) => e instanceof ModelFileError && e.message === 'task must be one of binary, multiclass, multilabel, regression, got "foo"');
  assert.deepEqual(new Model(net(), { task: 'binary', classes: ['a', 'b'] }).classes, ['a', 'b']);
});

test('loadModel and loadDataset name a file that is no string, and loadDataset and synthetic an unknown option ({ tagret } trained on the last column)', async () => {
  await assert.rejects(loadModel(5 as never), (e: Error) => e instanceof OptionError && e.message === 'loadModel: file must be a file name (a non-empty string), got a number');
  await assert.rejects(loadDataset(undefined as never), (e: Error) => e instanceof OptionError && /^loadDataset: give a file, .* got undefined$/.test(e.message));
  await assert.rejects(loadDataset('xor', { tagret: 'y' } as never), (e: Error) => e instanceof OptionError && /^loadDataset: unknown option 'tagret' \(did you mean 'target'\?\)/.test(e.message));
  assert.throws(() => synthetic('xor', { sample: 5 } as never), (e) => e instanceof RangeError && /^synthetic: unknown option 'sample' \(did you mean 'samples'\?\)/.test(e.message));
  assert.equal((await loadDataset('xor', { samples: 20, seed: 3 })).dataset.X.cols, 20);
});

test('the ONNX and TF.js functions name a file that is no string and a model that is no Model, as saveModel does (they were TypeErrors)', async () => {
  const refused = (p: Promise<unknown>, pattern: RegExp) => assert.rejects(p, (e: Error) => e instanceof OptionError && pattern.test(e.message));
  await refused(loadOnnx(undefined as never), /^loadOnnx: file must be a file name \(a non-empty string\), got undefined$/);
  await refused(loadTfjs(5 as never), /^loadTfjs: file must be a file name .* got a number$/);
  await refused(saveOnnx('m.onnx', null as never), /^saveOnnx: model must be a Model .* got null$/);
  await refused(saveTfjs('', new Model(net(), { task: 'binary' })), /^saveTfjs: dir must be a file name/);
  await refused(saveModel('m.json', {} as never), /^saveModel: model must be a Model .* got an object$/);
  assert.throws(() => networkToOnnx(null as never), (e: Error) => e instanceof OptionError && /^networkToOnnx: model must be a Model/.test(e.message));
  assert.throws(() => networkToTfjs(net() as never), (e: Error) => e instanceof OptionError && /^networkToTfjs: model must be a Model .* got a Network \(make a Model of it: Model\.fromNetwork\(net, \{ task, classes \}\)\)$/.test(e.message));
});

test('Model.fromNetwork records the network\'s L1/L2 in training, so the model file reads back the same cost (the playground\'s backward tab showed no penalty)', async () => {
  const { modelToJson, modelFromJson, Matrix } = await import('../../src/index.js');
  const net = new Network({ inputSize: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], l2: 0.3, l1: 0.01, seed: 4 });
  const back = modelFromJson(JSON.parse(JSON.stringify(modelToJson(Model.fromNetwork(net))))).network;
  assert.deepEqual(back.regularization, { l1: 0.01, l2: 0.3 });
  const X = Matrix.from([[0.5, -1], [2, 0.25]]), Y = Matrix.from([[1, 0]]);
  assert.equal(back.evaluateCost(X, Y), net.evaluateCost(X, Y));
  // what the caller records wins; a network without regularization records none
  assert.equal(Model.fromNetwork(net, { training: { l2: 1 } }).training.l2, 1);
  assert.deepEqual(Model.fromNetwork(new Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }] })).training, {});
});
