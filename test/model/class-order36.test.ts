// Model.withClassOrder (round page36): a classifier's outputs put in another order of its classes, by name.
// The playground matched a model file's classes to its data's by position: a file of ('1', '0') drew each
// class in the other's colour. A caller that numbers the classes its own way needs the same rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Network } from '../../src/nn/network.js';
import { Model } from '../../src/model/model.js';

const rows = [[0.3, -1.2], [2, 0.5], [-1, 1]];

test('a sigmoid classifier of (yes, no) put in the order (no, yes): the same probability of each class by name (σ(-z) = 1 - σ(z))', () => {
  const net = new Network({ inputSize: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], seed: 4 });
  const model = new Model(net, { task: 'binary', classes: ['yes', 'no'] });
  const swapped = model.withClassOrder(['no', 'yes']);
  assert.deepEqual(swapped.classes, ['no', 'yes']);
  const before = model.predictProba(rows).data, after = swapped.predictProba(rows).data;
  // (one unit: P(the second class), 'no' before and 'yes' after)
  before.forEach((p, i) => assert.ok(Math.abs(after[i]! - (1 - p)) < 1e-12));
  assert.deepEqual(swapped.predict(rows), model.predict(rows));
  assert.deepEqual(model.classes, ['yes', 'no'], 'the model itself is unchanged');
  assert.equal(model.withClassOrder(['yes', 'no']).predictProba(rows).data[0], before[0]);
});

test('a softmax of (c, a, b) put in the order (a, b, c): each class keeps its probability and its predictions', () => {
  const net = new Network({ inputSize: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 3, activation: 'softmax' }], seed: 9 });
  const model = new Model(net, { task: 'multiclass', classes: ['c', 'a', 'b'] });
  const sorted = model.withClassOrder(['a', 'b', 'c']);
  const P = model.predictProba(rows), Q = sorted.predictProba(rows);
  for (let i = 0; i < rows.length; i++) {
    const byName = (m: typeof P, names: string[]) => Object.fromEntries(names.map((n, k) => [n, m.get(k, i)]));
    assert.deepEqual(byName(Q, ['a', 'b', 'c']), byName(P, ['c', 'a', 'b']));
  }
  assert.deepEqual(sorted.predict(rows), model.predict(rows));
});

test('classes that are not the same names are refused, naming both sides; a regression has none', () => {
  const net = new Network({ inputSize: 2, layers: [{ units: 3, activation: 'softmax' }], seed: 1 });
  const model = new Model(net, { task: 'multiclass', classes: ['c', 'a', 'b'] });
  assert.throws(() => model.withClassOrder(['a', 'b', 'd']), /^OptionError: withClassOrder: the classes \(a, b, d\) are not the model's \(c, a, b\) in another order: d is not among the model's; the model's c is not among them$/);
  assert.throws(() => model.withClassOrder(['a', 'b']), /the model's c is not among them/);
  assert.throws(() => model.withClassOrder(['a', 'b', 'b', 'c']), /a class is named twice/);
  const reg = new Model(new Network({ inputSize: 2, layers: [{ units: 1, activation: 'linear' }], loss: 'mse', seed: 1 }), { task: 'regression' });
  assert.throws(() => reg.withClassOrder(['a']), /^OptionError: withClassOrder: a regression model has no classes to reorder$/);
});
