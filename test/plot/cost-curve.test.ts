// The cost curve's data: the course's iteration on x for full batch, test and validation costs
// after each epoch's updates, single steps when recorded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Network, fit, synthetic } from '../../src/index.js';
import { costCurveSpec } from '../../src/plot/cost-curve.js';

interface Point { x: number; cost: number; set: string }
const points = (spec: unknown) => (spec as { data: { values: Point[] } }).data.values;
const xTitle = (spec: unknown) => (spec as { layer: { encoding: { x: { title: string } } }[] }).layer[0]!.encoding.x.title;
const net = () => new Network({ inputSize: 2, seed: 1, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }] });

test('full batch: training cost at iteration e - 1, validation and test after the update at iteration e', () => {
  const d = synthetic('circle', { seed: 1, samples: 60 });
  const h = fit(net(), d.X, d.Y, { epochs: 5, learningRate: 0.5, validationData: d });
  const spec = costCurveSpec(h, 'c', { testCost: [0.9, 0.8, 0.7, 0.6, 0.5] });
  const v = points(spec);
  assert.deepEqual(v.filter((p) => p.set === 'train').map((p) => [p.x, p.cost]), h.cost.map((c, i) => [i, c]));
  assert.deepEqual(v.filter((p) => p.set === 'validation').map((p) => p.x), [1, 2, 3, 4, 5]);
  assert.deepEqual(v.filter((p) => p.set === 'test').map((p) => [p.x, p.cost]), [[1, 0.9], [2, 0.8], [3, 0.7], [4, 0.6], [5, 0.5]]);
  assert.match(xTitle(spec), /^iteration/);
});

test('mini-batches: the epoch axis, or the iteration axis with single steps when recorded', () => {
  const d = synthetic('circle', { seed: 1, samples: 60 });
  let h = fit(net(), d.X, d.Y, { epochs: 4, learningRate: 0.5, batchSize: 20 });
  assert.equal(xTitle(costCurveSpec(h)), 'epoch');
  assert.deepEqual(points(costCurveSpec(h)).map((p) => p.x), [1, 2, 3, 4]);
  h = fit(net(), d.X, d.Y, { epochs: 4, learningRate: 0.5, batchSize: 20, recordEvery: 1 });
  const v = points(costCurveSpec(h));
  assert.equal(v.filter((p) => p.set === 'train, one step').length, 12);
  // an epoch's mean is drawn at the middle of its three steps
  assert.deepEqual(v.filter((p) => p.set === 'train, epoch mean').map((p) => p.x), [1, 4, 7, 10]);
});
