// The second course's first assignment (Improving Deep Neural Networks, week 1, "Initialization"),
// as published: a 2-10-5-1 ReLU network on scikit-learn's make_circles (np.random.seed(1), 300 points;
// the test set seed 2, 100 points), alpha 0.01, 15000 iterations of batch gradient descent in float64,
// started from zeros, from np.random.randn(...) * 10 or from He's randn * sqrt(2 / n[l-1]) after
// np.random.seed(3). The notebook prints the cost every 1000 iterations and the accuracies.
// Then week 2's "Optimization methods": a 2-5-2-1 ReLU network (He, np.random.seed(3)) on make_moons
// (np.random.seed(3), 300 points, noise 0.2), mini-batches of 64 reshuffled every epoch by
// random_mini_batches (np.random.seed(10 + 1 + e); np.random.permutation(m)), 5000 epochs; the notebook
// prints the epoch's cost (the mini-batches' summed losses / m) every 1000 epochs, to 6 decimals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Network, Random, evaluate, fit, synthetic, type FitOptions, type NetworkOptions } from '../../src/index.js';

const circles = synthetic('circles', { seed: 1 }), circlesTest = synthetic('circles', { seed: 2, samples: 100 });
const layers: NetworkOptions['layers'] = [{ units: 10, activation: 'relu' }, { units: 5, activation: 'relu' }, { units: 1, activation: 'sigmoid' }];
const accuracies = (net: Network) => [circles, circlesTest].map((d) => evaluate(net, d.X, d.Y).classification!.accuracy);

test('He initialisation: the course\'s 15 printed costs to 12 digits, 99.33% train and 96% test accuracy', () => {
  const net = new Network({ inputSize: 2, layers, init: 'he', seed: 3, dtype: 'float64' });
  // the course's W1 for layers [2, 4, 1] begins [[1.78862847, 0.43650985], [0.09649747, -1.8634927]]: the same draws
  assert.deepEqual(Array.from(net.layers[0]!.W.data.slice(0, 4), (v) => Number(v.toFixed(8))), [1.78862847, 0.43650985, 0.09649747, -1.8634927]);
  const { cost } = fit(net, circles.X, circles.Y, { epochs: 15000, learningRate: 0.01 });
  const published = [0.8830537463419761, 0.6879825919728063, 0.6751286264523371, 0.6526117768893805, 0.6082958970572938,
    0.5304944491717495, 0.4138645817071794, 0.3117803464844441, 0.23696215330322562, 0.1859728720920684,
    0.15015556280371808, 0.12325079292273551, 0.09917746546525937, 0.08457055954024283, 0.07357895962677366];
  published.forEach((want, k) => assert.ok(Math.abs(cost[1000 * k]! - want) <= 1e-12 * want, `cost after iteration ${1000 * k}: ${cost[1000 * k]} against the course's ${want}`));
  assert.deepEqual(accuracies(net), [0.9933333333333333, 0.96]);
});

test('zeros: the cost stays at log 2 = 0.6931471805599453 and both accuracies are 50% (symmetry is not broken)', () => {
  const net = new Network({ inputSize: 2, layers, init: 'zeros', dtype: 'float64', warn: () => {} });
  const { cost } = fit(net, circles.X, circles.Y, { epochs: 15000, learningRate: 0.01 });
  for (let i = 0; i < 15000; i += 1000) assert.ok(Math.abs(cost[i]! - 0.6931471805599453) < 1e-14, `${i}: ${cost[i]}`);
  assert.deepEqual(accuracies(net), [0.5, 0.5]);
});

test('large random weights (randn * 10 after np.random.seed(3)): 83% train and 86% test accuracy, a finite first cost where numpy says inf', () => {
  const rng = new Random(3), dims = [2, 10, 5, 1];
  const weights = dims.slice(1).map((n, l) => ({ W: Array.from({ length: n }, () => Array.from({ length: dims[l]! }, () => rng.randn() * 10)), b: new Array<number>(n).fill(0) }));
  const net = new Network({ inputSize: 2, layers, weights, dtype: 'float64' });
  // the course's initialize_parameters_random([3, 2, 1]) prints W1 = [[17.88628473, 4.36509851, 0.96497468], ...]: its first draws
  assert.deepEqual(weights[0]!.W[0]!.map((v) => Number(v.toFixed(7))), [17.8862847, 4.3650985]);
  const { cost } = fit(net, circles.X, circles.Y, { epochs: 15000, learningRate: 0.01 });
  assert.ok(Number.isFinite(cost[0]) && cost[0]! > 1000, `${cost[0]}`);
  // the notebook's copies print 0.6243 and 0.6237 at 1000 and 0.3828 at 14000: the path is chaotic, the end is not
  assert.ok(Math.abs(cost[1000]! - 0.624) < 0.002 && Math.abs(cost[14000]! - 0.3828) < 0.0005, `${cost[1000]}, ${cost[14000]}`);
  assert.deepEqual(accuracies(net), [0.83, 0.86]);
});

const moons = synthetic('moons', { seed: 3 });
const randomMiniBatches: FitOptions['shuffle'] = (e) => new Random(10 + 1 + e).numpyPermutation(moons.X.cols);
// the notebook's schedule_lr_decay, applied after each epoch: epoch e > 0 runs at alpha0 / (1 + floor((e - 1) / 1000))
const scheduleLrDecay: FitOptions['schedule'] = (e, alpha0) => (e === 0 ? alpha0 : alpha0 / (1 + Math.floor((e - 1) / 1000)));

const OPTIMIZATION: [string, Partial<FitOptions>, string[], number][] = [
  ['mini-batch gradient descent', { optimizer: 'gd', learningRate: 0.0007 }, ['0.702405', '0.668101', '0.635288', '0.600491', '0.573367'], 0.7166666666666667],
  ['momentum (beta 0.9)', { optimizer: 'momentum', learningRate: 0.0007 }, ['0.702413', '0.668167', '0.635388', '0.600591', '0.573444'], 0.7166666666666667],
  ['Adam', { optimizer: 'adam', learningRate: 0.0007 }, ['0.702166', '0.167845', '0.141316', '0.138788', '0.136066'], 0.9433333333333334],
  ['gradient descent 0.1 with schedule_lr_decay', { optimizer: 'gd', learningRate: 0.1, schedule: scheduleLrDecay }, ['0.701091', '0.127161', '0.120304', '0.117033', '0.117512'], 0.9433333333333334],
  ['momentum 0.1 with schedule_lr_decay', { optimizer: 'momentum', learningRate: 0.1, schedule: scheduleLrDecay }, ['0.702226', '0.128974', '0.125965', '0.123375', '0.123218'], 0.9533333333333334],
  ['Adam 0.01 with schedule_lr_decay', { optimizer: 'adam', learningRate: 0.01, schedule: scheduleLrDecay }, ['0.699346', '0.130074', '0.129826', '0.129282', '0.128361'], 0.94],
];

for (const [name, options, published, accuracy] of OPTIMIZATION) {
  test(`optimisation on the moons, ${name}: the notebook's costs at epochs 0, 1000, ..., 4000 to its 6 decimals`, () => {
    const net = new Network({ inputSize: 2, dtype: 'float64', init: 'he', seed: 3, layers: [{ units: 5, activation: 'relu' }, { units: 2, activation: 'relu' }, { units: 1, activation: 'sigmoid' }] });
    const { cost } = fit(net, moons.X, moons.Y, { epochs: 5000, batchSize: 64, shuffle: randomMiniBatches, ...options });
    assert.deepEqual([0, 1000, 2000, 3000, 4000].map((e) => cost[e]!.toFixed(6)), published);
    // (the notebook prints 71.7%, 71.7% and 94% for the first three in its summary)
    assert.equal(evaluate(net, moons.X, moons.Y).classification!.accuracy, accuracy);
  });
}
