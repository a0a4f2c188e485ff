// The course's path in code: logistic regression on the cat images, a shallow network on the
// planar flower, a deep network on the cats. Run: node dist/examples/course-path.js [path/to/shared/data]
import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Network, fit, evaluate, synthetic, loadDataset, useFastestBackend } from '../src/node.js';

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
}

main().then(() => process.exit(0), (e) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });
