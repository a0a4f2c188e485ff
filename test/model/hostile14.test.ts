// Hostile input, fourteenth sweep (library). trainModel's data and resume were taken on trust: a
// resume that was no Model, a schema that was no loader's, or rows passed to predict that were
// ragged failed on a TypeError from inside; a Dataset with one label too few was read past its end
// ("Y has a non-finite value (NaN)"), one without a task trained every epoch and then failed as a
// "ModelFileError", and feature names that did not fit its rows were saved in a model file that
// loadModel then refused. A { columns, rows } table with a column named twice, or a cell past its
// columns, was read with one of them silently dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix } from '../../src/tensor/matrix.js';
import { Network } from '../../src/nn/network.js';
import { Model } from '../../src/model/model.js';
import { trainModel } from '../../src/model/train-model.js';
import { fit } from '../../src/train/fit.js';
import { evaluate } from '../../src/train/predict.js';
import { synthetic, type Dataset } from '../../src/data/synthetic.js';
import { refused } from '../helpers/errors.js';

const X = Matrix.from([[0, 1, 0, 1], [0, 0, 1, 1]]);
const hand = (over: Partial<Dataset> & Record<string, unknown>): Dataset =>
  ({ name: 'hand', task: 'binary', classes: ['0', '1'], X, Y: Matrix.from([[0, 1, 1, 0]]), featureNames: ['a', 'b'], ...over }) as Dataset;

test('trainModel checks its data before any work: labels, task, feature names, classes, schema', async () => {
  const spec = { epochs: 1, testSplit: 0 };
  await refused(trainModel(spec, { train: hand({ Y: Matrix.from([[0, 1, 1]]) }) }), 'DataError', /^trainModel: data\.train: X has 4 examples \(columns\) but Y has 3; give one label per example$/);
  // at the default test split too (the split read past the end of Y)
  await refused(trainModel({ epochs: 1 }, { train: hand({ Y: Matrix.from([[0, 1, 1]]) }) }), 'DataError', /X has 4 examples \(columns\) but Y has 3/);
  await refused(trainModel(spec, { train: hand({ task: undefined }) }), 'DataError', /^trainModel: data\.train\.task must be one of binary, multiclass, multilabel, regression, got undefined$/);
  await refused(trainModel(spec, { train: hand({ featureNames: ['a'] }) }), 'DataError', /^trainModel: data\.train\.featureNames names 1 feature, but X has 2 rows/);
  await refused(trainModel(spec, { train: hand({ featureNames: ['a', 'a'] }) }), 'DataError', /names 'a' twice \(features 1 and 2\)/);
  await refused(trainModel(spec, { train: hand({ featureNames: 'ab' as never }) }), 'DataError', /featureNames must be an array of 2 strings/);
  await refused(trainModel(spec, { train: hand({ classes: 'ab' as never }) }), 'DataError', /data\.train\.classes must be an array of class names/);
  await refused(trainModel(spec, { train: hand({}), test: hand({ Y: 'labels' as never }) }), 'OptionError', /^trainModel: data\.test must be a Dataset .*its Y must be a Matrix/);
  await refused(trainModel(spec, { train: hand({}), schema: { format: 'csv' } as never }), 'OptionError', /^trainModel: data\.schema: the CSV schema is malformed .*; pass the schema that loadDataset returned/);
  await refused(trainModel(spec, { train: hand({}), schema: { format: 'wav' } as never }), 'OptionError', /^trainModel: data\.schema: it must be an object whose "format" is one of csv, images/);
  // a Dataset without feature names still trains (its inputs then have none)
  const r = await trainModel(spec, { train: hand({ featureNames: undefined }) });
  assert.equal(r.model.features, undefined);
});

test('trainModel: a resume that is not a Model is named (it failed reading outputActivation)', async () => {
  const train = synthetic('xor', { samples: 40 });
  const made = await trainModel({ epochs: 1 }, { train });
  for (const resume of [{}, made.model.network, made.model.toJson()]) {
    await refused(trainModel({ epochs: 1, resume } as never, { train }), 'OptionError', /^trainModel: resume must be a Model \(from trainModel, loadModel or Model\.fromJson\), got /);
  }
});

test('a Model whose feature names do not fit its network is refused when made, as loadModel refuses its file', () => {
  const net = new Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }], seed: 1 });
  assert.throws(() => new Model(net, { task: 'binary', features: ['a'] }), /^ModelFileError: features names 1 input, but "inputSize" is 2: one name per input$/);
  assert.throws(() => new Model(net, { task: 'binary', features: ['a', 'a'] }), /features names 'a' twice/);
  assert.deepEqual(new Model(net, { task: 'binary', features: ['a', 'b'] }).features, ['a', 'b']);
});

test('predict: ragged rows and a table whose row is short or long, or whose column is named twice, are refused by row and column', async () => {
  const { model } = await trainModel({ epochs: 1 }, { train: synthetic('xor', { samples: 40 }) });
  assert.throws(() => model.predict([[0.1, 0.2], [0.3]]), /^DataError: input rows: row 2 has 1 cell, row 1 has 2; every example needs the same cells$/);
  assert.throws(() => model.predict({ columns: ['x1', 'x2'], rows: [[1, 2], [3]] }), /^DataError: input table: row 2 has 1 cell, but there are 2 columns \(x1, x2\)$/);
  assert.throws(() => model.predict({ columns: ['x1', 'x2'], rows: [[1, 2, 3]] }), /input table: row 1 has 3 cells, but there are 2 columns/);
  assert.throws(() => model.predictProba({ columns: ['x1', 'x1', 'x2'], rows: [[5, -5, 0]] }), /^DataError: input table: the column 'x1' is named twice \(columns 1 and 2\)$/);
  assert.throws(() => model.predict({ columns: ['x1', 2], rows: [[5, -5]] } as never), /input table: column 2 is named by a number/);
  assert.equal(model.predict({ columns: ['x2', 'x1'], rows: [[1, 2]] }).length, 1);
});

test('fit: a schedule that is not a schedule object is named as given (it said "unknown learning-rate schedule \'undefined\'")', () => {
  const net = new Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }], seed: 1 });
  for (const [schedule, shown] of [['exp', '"exp"'], [{ type: 'cosine' }, '{ type: "cosine" }'], [3, '3']] as const) {
    assert.throws(() => fit(net, X, Matrix.from([[0, 1, 1, 0]]), { epochs: 1, schedule: schedule as never }),
      (e: Error) => e.message === `schedule must be { type: 'constant' | 'step' | 'exponential' | 'inverseTime', ... }, got ${shown}`);
  }
});

test('evaluate: a cost that overflows to NaN is an error naming the largest weight, not "loss NaN"', () => {
  const net = new Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }], seed: 1 });
  net.layers[0]!.W.data[0] = 3e38;
  net.layers[0]!.W.data[1] = 3e38;
  assert.throws(() => evaluate(net, Matrix.from([[2, -2], [2, -2]]), [1, 0]), /^DataError: the cost on this data is NaN: the network's values overflow on it \(its largest weight is 3\.00e\+38\)/);
});

test('fit: a cost that is not finite before the first update blames the starting weights, not the learning rate', () => {
  const net = new Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }], seed: 1 });
  net.layers[0]!.W.data.fill(3e38);
  assert.throws(() => fit(net, Matrix.from([[2, -2], [2, -2]]), Matrix.from([[1, 0]]), { epochs: 2, learningRate: 0.1 }),
    /^DivergenceError: training diverged at epoch 1 \(iteration 0\): the cost was NaN before the first update; the network's starting weights \(the largest 3\.000e\+38\) or its inputs overflow its forward pass, so the learning rate is not the cause/);
});

test('predict: a table is read by its column names for a model of a built-in set too (x2, x1 swapped the inputs)', async () => {
  const { model } = await trainModel({ epochs: 3 }, { train: synthetic('flower') });
  const p = (columns: string[], row: number[]) => model.predictProba({ columns, rows: [row] }).data[0];
  assert.equal(p(['x2', 'x1'], [1.2, 0.5]), p(['x1', 'x2'], [0.5, 1.2]));
  assert.equal(p(['label', 'x2', 'x1'], [1, 1.2, 0.5]), p(['x1', 'x2'], [0.5, 1.2]));
  assert.throws(() => model.predict({ columns: ['foo', 'bar'], rows: [[1, 2]] }), /^DataError: input table: no column 'x1'; the model's features are x1, x2 \(columns given: foo, bar\)$/);
  const net = new Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }], seed: 1 });
  const nameless = new Model(net, { task: 'binary' });
  assert.throws(() => nameless.predict({ columns: ['a', 'b', 'c'], rows: [[1, 2, 3]] }), /input table: 3 columns, but the model takes 2 features \(in its own order: it has no names for them\)/);
});

test('Network: example weights of the wrong count or value, and a NaN feature in evaluateCost, are refused (they gave NaN, silently)', () => {
  const net = new Network({ inputSize: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], seed: 1 });
  const X5 = Matrix.from([[0, 1, 0, 1, 0.5], [0, 0, 1, 1, 0.5]]), Y5 = Matrix.from([[0, 1, 1, 0, 1]]);
  net.forward(X5);
  assert.throws(() => net.backward(Y5, [1, 2]), /^ShapeError: Network\.backward: weights must hold one number per example \(5\), got 2$/);
  assert.throws(() => net.backward(Y5, []), /got 0$/);
  assert.throws(() => net.cost(Y5, [1]), /^ShapeError: Network\.cost: weights must hold one number per example \(5\), got 1$/);
  assert.throws(() => net.backward(Y5, [1, 1, NaN, 1, 1]), /^OptionError: Network\.backward: weight 3 of the examples is NaN; each must be a finite number >= 0$/);
  assert.throws(() => net.cost(Y5, [1, 1, 1, -1, 1]), /weight 4 of the examples is -1/);
  net.backward(Y5, [1, 2, 1, 1, 0]);
  assert.ok(Array.from(net.layers[0]!.dW.data).every(Number.isFinite));
  const bad = Matrix.from([[0, NaN], [1, 1]]);
  assert.throws(() => net.evaluateCost(bad, [0, 1]), /X has a non-finite value \(NaN\) at row 1, column 2/);
});
