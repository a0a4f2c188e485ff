// The course's path in code: logistic regression on the cat images, a shallow network on the
// planar flower, a deep network on the cats, then the second course's initialisation and optimisation experiments. Run: node dist/examples/course-path.js [path/to/shared/data]
import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Network, fit, evaluate, synthetic, loadDataset, useFastestBackend, Random, type FitOptions } from '../src/node.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const data = process.argv[2] ?? path.resolve(here, '../../../shared/data');
const pct = (v: number) => `${(100 * v).toFixed(2)}%`;

async function main(): Promise<void> {
  console.log(`kernels: ${await useFastestBackend()}`);
  const hasCats = existsSync(path.join(data, 'train_catvnoncat.h5'));
  const train = hasCats ? (await loadDataset(path.join(data, 'train_catvnoncat.h5'))).dataset : undefined;
  const test = hasCats ? (await loadDataset(path.join(data, 'test_catvnoncat.h5'))).dataset : undefined;

  // 1. Logistic regression as one sigmoid neuron (week 2): zeros, alpha 0.005, 2000 iterations
  if (train && test) {
    console.log(`\n1. logistic regression on ${train.X.rows} x ${train.X.cols} cat images`);
    const lr = new Network({ inputSize: 12288, layers: [{ units: 1, activation: 'sigmoid' }], init: 'zeros', dtype: 'float64' });
    const h = fit(lr, train.X, train.Y, { epochs: 2000, learningRate: 0.005 });
    // full batch: history.cost[i] is the course's "cost after iteration i" (before update i + 1)
    for (let i = 0; i < 2000; i += 500) console.log(`   cost after iteration ${i}: ${h.cost[i]!.toFixed(6)}`);
    console.log(`   train accuracy ${pct(evaluate(lr, train.X, train.Y).classification!.accuracy)}, test accuracy ${pct(evaluate(lr, test.X, test.Y).classification!.accuracy)}`);
  } else {
    console.log(`\n(the cat files are not in ${data}: parts 1 and 3 skipped)`);
  }

  // 2. A shallow network on the planar flower (week 3): the hidden-layer-size experiment
  const { X, Y } = synthetic('flower');
  console.log('\n2. one hidden tanh layer on the flower, alpha 1.2, 5000 iterations');
  for (const nh of [1, 2, 3, 4, 5, 20, 50]) {
    const net = new Network({ inputSize: 2, dtype: 'float64', init: 'normal', seed: 2, layers: [{ units: nh, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }] });
    fit(net, X, Y, { epochs: 5000, learningRate: 1.2 });
    console.log(`   ${String(nh).padStart(2)} hidden units: accuracy ${pct(evaluate(net, X, Y).classification!.accuracy)}`);
  }
  const logistic = new Network({ inputSize: 2, init: 'zeros', layers: [{ units: 1, activation: 'sigmoid' }] });
  fit(logistic, X, Y, { epochs: 2000, learningRate: 0.5 });
  console.log(`   logistic regression for comparison: accuracy ${pct(evaluate(logistic, X, Y).classification!.accuracy)}`);

  // 3. The deep network of week 4: 12288-20-7-5-1, ReLU, LeCun init with np.random.seed(1)'s draws
  //    (float32, the library's default: float64 takes about 20 times as long here)
  if (train && test) {
    console.log('\n3. deep network 12288-20-7-5-1 on the cat images');
    const deep = new Network({
      inputSize: 12288, seed: 1, init: 'lecun',
      layers: [{ units: 20, activation: 'relu' }, { units: 7, activation: 'relu' }, { units: 5, activation: 'relu' }, { units: 1, activation: 'sigmoid' }],
    });
    const hd = fit(deep, train.X, train.Y, { epochs: 2500, learningRate: 0.0075 });
    for (const i of [0, 100, 500, 1000, 2000, 2499]) console.log(`   cost after iteration ${i}: ${hd.cost[i]!.toFixed(6)}`);
    console.log(`   train accuracy ${pct(evaluate(deep, train.X, train.Y).classification!.accuracy)}, test accuracy ${pct(evaluate(deep, test.X, test.Y).classification!.accuracy)}`);
  }

  initialisation();
  optimisation();
}

/**
 * 4. Initialisation (second course, week 1): a 2-10-5-1 ReLU network on make_circles (train: 300
 * points from np.random.seed(1), test: 100 from seed 2), alpha 0.01, 15000 iterations, its weights
 * zeros, randn * 10 or He's randn * sqrt(2 / n[l-1]), each drawn after np.random.seed(3).
 */
function initialisation(): void {
  const circles = synthetic('circles', { seed: 1 }), circlesTest = synthetic('circles', { seed: 2, samples: 100 });
  // the course's initialize_parameters_random: np.random.seed(3); W[l] = np.random.randn(n[l], n[l-1]) * 10
  const rng = new Random(3), dims = [2, 10, 5, 1];
  const tenfold = dims.slice(1).map((n, l) => ({ W: Array.from({ length: n }, () => Array.from({ length: dims[l]! }, () => rng.randn() * 10)), b: new Array(n).fill(0) }));
  const zeros = new Network({ inputSize: 2, dtype: 'float64', init: 'zeros', warn: () => {},
    layers: [{ units: 10, activation: 'relu' }, { units: 5, activation: 'relu' }, { units: 1, activation: 'sigmoid' }] });
  const large = new Network({ inputSize: 2, dtype: 'float64', weights: tenfold,
    layers: [{ units: 10, activation: 'relu' }, { units: 5, activation: 'relu' }, { units: 1, activation: 'sigmoid' }] });
  const he = new Network({ inputSize: 2, dtype: 'float64', init: 'he', seed: 3,
    layers: [{ units: 10, activation: 'relu' }, { units: 5, activation: 'relu' }, { units: 1, activation: 'sigmoid' }] });
  const histories = [zeros, large, he].map((net) => fit(net, circles.X, circles.Y, { epochs: 15000, learningRate: 0.01 }));
  console.log('\n4. initialisation of a 2-10-5-1 ReLU network on make_circles, alpha 0.01, 15000 iterations');
  for (const [i, name] of ['zeros', 'large random (randn * 10)', 'He'].entries()) {
    const net = [zeros, large, he][i]!, cost = histories[i]!.cost;
    // (the large weights' path is chaotic: its costs are the course's to a few digits, its accuracies exactly)
    if (net !== large) console.log(`   ${name}: cost after iteration 0 ${cost[0]!.toFixed(10)}, 1000 ${cost[1000]!.toFixed(10)}, 14000 ${cost[14000]!.toFixed(10)}`);
    console.log(`   ${name}: train accuracy ${pct(evaluate(net, circles.X, circles.Y).classification!.accuracy)}, test accuracy ${pct(evaluate(net, circlesTest.X, circlesTest.Y).classification!.accuracy)}`);
  }
}

/**
 * 5. Optimisation (second course, week 2): a 2-5-2-1 ReLU network (He, np.random.seed(3)) on make_moons
 * (np.random.seed(3), 300 points, noise 0.2), mini-batches of 64 drawn as the course's
 * random_mini_batches (np.random.seed(10 + 1 + e); np.random.permutation(m)), 5000 epochs.
 */
function optimisation(): void {
  const moons = synthetic('moons', { seed: 3 });
  const moonsNet = () => new Network({ inputSize: 2, dtype: 'float64', init: 'he', seed: 3,
    layers: [{ units: 5, activation: 'relu' }, { units: 2, activation: 'relu' }, { units: 1, activation: 'sigmoid' }] });
  // the notebook's Adam run, as the guide shows it
  const adam = moonsNet();
  const adamHistory = fit(adam, moons.X, moons.Y, { epochs: 5000, batchSize: 64, optimizer: 'adam', learningRate: 0.0007,
    shuffle: (e) => new Random(10 + 1 + e).numpyPermutation(moons.X.cols) });
  const randomMiniBatches = (e: number) => new Random(10 + 1 + e).numpyPermutation(moons.X.cols);
  // schedule_lr_decay, applied after each epoch: epoch e > 0 runs at alpha0 / (1 + floor((e - 1) / 1000))
  const scheduleLrDecay = (e: number, alpha0: number) => (e === 0 ? alpha0 : alpha0 / (1 + Math.floor((e - 1) / 1000)));
  const runs: [string, Partial<FitOptions>][] = [['gd', { optimizer: 'gd', learningRate: 0.0007 }], ['momentum', { optimizer: 'momentum', learningRate: 0.0007 }], ['adam', {}],
    ['gd 0.1 with decay', { optimizer: 'gd', learningRate: 0.1, schedule: scheduleLrDecay }], ['momentum 0.1 with decay', { optimizer: 'momentum', learningRate: 0.1, schedule: scheduleLrDecay }],
    ['adam 0.01 with decay', { optimizer: 'adam', learningRate: 0.01, schedule: scheduleLrDecay }]];
  console.log('\n5. optimisers on a 2-5-2-1 ReLU network on make_moons, mini-batches of 64, 5000 epochs');
  for (const [name, options] of runs) {
    const net = name === 'adam' ? adam : moonsNet();
    const h = name === 'adam' ? adamHistory : fit(net, moons.X, moons.Y, { epochs: 5000, batchSize: 64, shuffle: randomMiniBatches, ...options });
    console.log(`   ${name}: cost after epoch 0, 1000, ..., 4000: ${[0, 1000, 2000, 3000, 4000].map((e) => h.cost[e]!.toFixed(6)).join(' ')}; accuracy ${pct(evaluate(net, moons.X, moons.Y).classification!.accuracy)}`);
  }
}

main().then(() => process.exit(0), (e) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });
