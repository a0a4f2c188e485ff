// A Model or a Network given to structuredClone or posted (a MessagePort, a worker thread): the platform
// refuses it, since it holds functions. The refusal quoted the first function it met, the source of the
// first activation's forward pass (`DataCloneError: forward(Z, A) { const z = Z.data, ...<omitted>... }
// could not be cloned.`), which said nothing of what to post instead. Now it quotes one line saying what
// to post, and what it names works. Deep comparisons of models are unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { Model, Network, synthetic } from '../../src/index.js';

const network = () => new Network({ inputSize: 2, seed: 1, layers: [{ units: 3, activation: 'leakyRelu' }, { units: 1, activation: 'sigmoid' }] });
const MODEL_LINE = /^\(\) => 'a Model holds functions: post model\.toJson\(\), then Model\.fromJson\(it\)' could not be cloned\.$/;
const NETWORK_LINE = /^\(\) => 'a Network holds functions: post network\.toJSON\(\), then new Network\(it\)' could not be cloned\.$/;

const refused = (line: RegExp) => (e: unknown) => e instanceof Error && e.name === 'DataCloneError' && line.test(e.message);

test('structuredClone of a Model or a Network is refused in one line saying what to post instead', () => {
  const model = Model.fromNetwork(network());
  assert.throws(() => structuredClone(model), refused(MODEL_LINE));
  assert.throws(() => structuredClone(model.network), refused(NETWORK_LINE));
  assert.throws(() => structuredClone({ payload: [model] }), refused(MODEL_LINE), 'inside another object too');
});

test('postMessage of a Model to a MessagePort and to a worker thread is refused the same way', async () => {
  const model = Model.fromNetwork(network());
  const { port1, port2 } = new MessageChannel();
  try {
    assert.throws(() => port1.postMessage(model), refused(MODEL_LINE));
  } finally {
    port1.close();
    port2.close();
  }
  const worker = new Worker('', { eval: true });
  try {
    assert.throws(() => worker.postMessage({ model }), refused(MODEL_LINE));
    assert.throws(() => worker.postMessage(model.network), refused(NETWORK_LINE));
  } finally {
    await worker.terminate();
  }
});

test('what the lines name works: Model.fromJson of a cloned model.toJson(), new Network of a cloned network.toJSON(), the same predictions', () => {
  const model = Model.fromNetwork(network());
  const { X } = synthetic('flower', { samples: 20, seed: 1 });
  const back = Model.fromJson(structuredClone(model.toJson()));
  assert.deepEqual(Array.from(back.network.predictProba(X).data), Array.from(model.network.predictProba(X).data));
  const net = new Network(structuredClone(model.network.toJSON()));
  assert.deepEqual(Array.from(net.predictProba(X).data), Array.from(model.network.predictProba(X).data));
});

test('two models read from one document are still deeply equal (the guard is one function, the same in both)', () => {
  // tanh and sigmoid are one object each (a leakyRelu's functions are made per layer, so its models never compared equal)
  const tanh = () => new Network({ inputSize: 2, seed: 1, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }] });
  const doc = Model.fromNetwork(tanh()).toJson();
  assert.deepStrictEqual(Model.fromJson(doc), Model.fromJson(doc));
  assert.deepStrictEqual(new Network(tanh().toJSON()), new Network(tanh().toJSON()));
});
