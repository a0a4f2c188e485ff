// Network, its optimizers and model files against a careless caller or a hand edit: a key that is no
// option, a setting out of range, or a loss that cannot train the output layer is an Error naming it,
// never ignored for the default nor trained into a silently useless model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Network, Matrix, fit, createOptimizer, modelFromJson, synthetic, ModelFileError, DataError } from '../../src/index.js';

const sigmoid = { units: 1, activation: 'sigmoid' } as const;
const refused = (f: () => unknown, pattern: RegExp) => assert.throws(f, (e) => e instanceof RangeError && pattern.test(e.message));

test('Network options and layer specs: no object, or a key that is no option, is refused (it was a TypeError, or ignored)', () => {
  refused(() => new Network(undefined as never), /^Network: options must be an object .* got undefined$/);
  refused(() => new Network({ inputSize: 2, layers: [null] } as never), /^Network: layer 1 must be an object .* got null$/);
  refused(() => new Network({ inputSize: 2, hidden: [3], layers: [sigmoid] } as never), /^Network: unknown option 'hidden'; the options are inputSize, layers/);
  refused(() => new Network({ inputSize: 2, layers: [{ units: 3, activation: 'relu', dropout: 0.5 }, sigmoid] } as never), /^Network: layer 1: unknown option 'dropout'/);
  refused(() => new Network({ inputSize: 2, layers: [{ ...sigmoid, activaton: 'tanh' }] } as never), /did you mean 'activation'\?/);
});

test('a loss that cannot train the output layer is refused by Network (BCE on a linear unit cost 17 and learned nothing)', () => {
  refused(() => new Network({ inputSize: 2, loss: 'binaryCrossEntropy', layers: [{ units: 1, activation: 'linear' }] }), /^Network: loss binaryCrossEntropy needs probabilities .* 1 linear unit; use meanSquaredError$/);
  refused(() => new Network({ inputSize: 2, loss: 'categoricalCrossEntropy', layers: [sigmoid] }), /needs a softmax output of 2 or more units, but the output layer is 1 sigmoid unit/);
  refused(() => new Network({ inputSize: 2, layers: [{ units: 1, activation: 'softmax' }] }), /a softmax output of 1 unit is always 1/);
  // the pairs that fit still build
  new Network({ inputSize: 2, loss: 'meanSquaredError', layers: [{ units: 2, activation: 'softmax' }] });
  new Network({ inputSize: 2, loss: 'binaryCrossEntropy', layers: [{ units: 2, activation: 'softmax' }] });
});

test('optimizer settings: out of range, unknown, or of another optimizer are refused (beta1 2 trained on; { beta } was ignored)', () => {
  const { X, Y } = synthetic('flower', { samples: 20 });
  const net = () => new Network({ inputSize: 2, seed: 1, layers: [{ units: 3, activation: 'tanh' }, sigmoid] });
  const train = (optimizer: 'momentum' | 'rmsprop' | 'adam' | 'gd', optimizerOptions: object) => () => fit(net(), X, Y, { epochs: 1, optimizer, optimizerOptions });
  refused(train('momentum', { beta1: 2 }), /^momentum: beta1 must be a number in \[0, 1\), got 2$/);
  refused(train('adam', { beta2: 1 }), /^adam: beta2 must be a number in \[0, 1\), got 1$/);
  refused(train('rmsprop', { epsilon: 0 }), /^rmsprop: epsilon must be a finite number > 0, got 0$/);
  refused(train('adam', { beta: 0.5 }), /optimizerOptions of adam: unknown option 'beta' \(did you mean 'beta1'\?\)/);
  refused(train('momentum', { epsilon: 1e-6 }), /momentum has no setting 'epsilon' \(it reads beta1\)/);
  refused(train('gd', { beta1: 0.9 }), /gd has no setting 'beta1' \(it has no settings\)/);
  refused(() => createOptimizer('adam', null as never), /optimizerOptions must be an object/);
  fit(net(), X, Y, { epochs: 1, optimizer: 'adam', optimizerOptions: { beta1: 0, beta2: 0.99, epsilon: 1e-7 } });
});

test('fit names a Y that is neither a Matrix nor labels (null was a TypeError, a plain object a shape error)', () => {
  const net = new Network({ inputSize: 2, seed: 1, layers: [sigmoid] });
  for (const [Y, kind] of [[null, 'null'], [{ rows: 1, cols: 2, data: [0, 1] }, 'an object'], [1, 'a number']] as const) {
    assert.throws(() => fit(net, Matrix.zeros(2, 2), Y as never, { epochs: 1 }), (e) => e instanceof DataError && e.message === `Y must be a Matrix or an array of labels (one per example), got ${kind}`);
  }
});

test('a model file field or layer field that is none of the format is refused naming it (a misspelt "preprocessing" was dropped)', () => {
  const doc = { format: 'backprop-model', version: 1, inputSize: 2, task: 'binary', layers: [{ units: 1, activation: 'sigmoid', W: [[1, -1]], b: [0] }] };
  const standardize = { standardize: { mean: [5, 5], std: [2, 2] } };
  assert.throws(() => modelFromJson({ ...doc, preprocesing: standardize }, 'm.json'),
    (e) => e instanceof ModelFileError && /^m\.json: field "preprocesing" is not a field of a backprop model file \(did you mean "preprocessing"\?\); the fields are format, version/.test(e.message));
  assert.throws(() => modelFromJson({ ...doc, layers: [{ ...doc.layers[0], alhpa: 0.2 }] }, 'm.json'),
    (e) => e instanceof ModelFileError && /^m\.json: layer 1: field "alhpa" is not a field of a layer \(did you mean "alpha"\?\)/.test(e.message));
  modelFromJson({ ...doc, preprocessing: standardize, features: ['a', 'b'], training: { epochs: 3 } });
});

test('setRegularization changes the penalty of a network in place, weights kept (the playground changed a rate mid-training by building a new network); bad strengths, unknown keys and a change during a fit are refused', () => {
  const net = new Network({ inputSize: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], seed: 3, dtype: 'float64' });
  const X = Matrix.from([[0.5, -1], [1, 0.25]], 'float64');
  const Y = Matrix.from([[1, 0]], 'float64');
  const before = net.snapshot();
  const plain = net.evaluateCost(X, Y);
  net.setRegularization({ l2: 0.5 });
  assert.deepEqual(net.regularization, { l1: 0, l2: 0.5 });
  const squares = net.layers.reduce((s, l) => s + Array.from(l.W.data).reduce((a, w) => a + w * w, 0), 0);
  assert.ok(Math.abs(net.evaluateCost(X, Y) - (plain + (0.5 / (2 * 2)) * squares)) < 1e-12, 'the L2 penalty λ/(2m)·Σ‖W‖² added');
  assert.deepEqual(net.snapshot(), before, 'the weights kept');
  net.setRegularization({});
  assert.equal(net.evaluateCost(X, Y), plain);
  assert.throws(() => net.setRegularization({ l1: -1 }), { name: 'OptionError', message: 'setRegularization: l1 regularization strength must be a number >= 0, got -1' });
  assert.throws(() => net.setRegularization({ L2: 0.1 } as never), { name: 'OptionError', message: /^setRegularization: unknown option 'L2' \(did you mean 'l2'\?\)/ });
  assert.throws(() => net.setRegularization(null as never), { name: 'OptionError', message: 'setRegularization: give { l1, l2 } (numbers >= 0), got null' });
  assert.throws(() => fit(net, X, Y, { epochs: 2, batchSize: 2, learningRate: 0.1, onEpochEnd: () => net.setRegularization({ l2: 1 }) }), { name: 'StateError', message: /^setRegularization: a fit is training this network/ });
});
