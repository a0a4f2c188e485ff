// `train --shuffle numpy:S` orders each epoch's mini-batches as the course's random_mini_batches
// (np.random.seed(S + 1 + e); np.random.permutation(m)), so the command line reproduces the second
// course's optimisation notebook; and --data-seed reaches the built-in sets in train and tune (it was
// overridden by an undefined seed there: every --data-seed drew the seed-1 set, silently).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backprop } from '../helpers/cli.js';
import { Network, fit, synthetic, trainModel } from '../../src/node.js';

const NETWORK = ['train', '--data', 'moons', '--seed', '3', '--layers', '5,2', '--init', 'he', '--optimizer', 'adam', '--lr', '0.0007', '--batch-size', '64', '--float64', '--test-split', '0', '--json'];
const COURSE = [...NETWORK, '--data-seed', '3'];
const costs = (stdout: string) => (JSON.parse(stdout) as { history: { cost: number }[] }).history.map((h) => h.cost);

test('train --shuffle numpy:10 prints the notebook\'s Adam costs (epoch 0: 0.702166, epoch 1000: 0.167845)', () => {
  const r = backprop([...COURSE, '--epochs', '1001', '--shuffle', 'numpy:10']);
  assert.equal(r.code, 0, r.stderr);
  const c = costs(r.stdout);
  assert.deepEqual([c[0]!.toFixed(6), c[1000]!.toFixed(6)], ['0.702166', '0.167845']);
});

test('--data-seed draws the built-in set (train): the moons of seed 3, not of seed 1', () => {
  const cost0 = (args: string[]) => costs(backprop([...NETWORK, '--epochs', '1', ...args]).stdout)[0];
  const seed3 = cost0(['--data-seed', '3']), seed1 = cost0(['--data-seed', '1']);
  assert.notEqual(seed3, seed1, '--data-seed changes the data');
  assert.equal(cost0([]), seed3, 'without --data-seed the data seed is --seed (3)');
});

test('--shuffle none keeps the data\'s order, epoch is the default; a bad --shuffle or spec.shuffle is refused by name', async () => {
  const first = (args: string[]) => costs(backprop([...COURSE, '--epochs', '1', ...args]).stdout)[0];
  assert.equal(first(['--shuffle', 'epoch']), first([]));
  assert.notEqual(first(['--shuffle', 'none']), first([]));
  for (const [bad, message] of [['random', /--shuffle must be epoch, none or numpy:SEED/], ['numpy:', /--shuffle numpy:SEED must be/], ['numpy:-1', /--shuffle numpy:SEED must be/]] as const) {
    const r = backprop([...COURSE, '--epochs', '1', '--shuffle', bad]);
    assert.equal(r.code, 2, bad);
    assert.match(r.stderr, message, bad);
  }
  const moons = synthetic('moons', { seed: 3 });
  for (const [shuffle, message] of [['yes', /shuffle must be true, false or \{ reseed: seed \}/], [{ seed: 1 }, /shuffle: unknown key 'seed'|'seed'/], [{ reseed: 1.5 }, /shuffle\.reseed must be a whole number/]] as const) {
    await assert.rejects(trainModel({ epochs: 1, shuffle: shuffle as never }, { train: moons }), { name: 'OptionError', message }, JSON.stringify(shuffle));
  }
});

test('--shuffle with batch gradient descent (every step on the whole set) is said to change nothing, in the CLI and the library', async () => {
  const r = backprop(['train', '--data', 'moons', '--epochs', '2', '--shuffle', 'none']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^backprop: warning: --shuffle ignored: it orders the mini-batches, and each step is on the whole training set \(give --batch-size\)$/m);
  const warnings: string[] = [];
  await trainModel({ epochs: 1, shuffle: false }, { train: synthetic('moons') }, { warn: (m) => warnings.push(m) });
  assert.deepEqual(warnings.filter((w) => w.startsWith('shuffle ignored')), ['shuffle ignored: it orders the mini-batches, and each step is on the whole training set (give batchSize)']);
  warnings.length = 0;
  await trainModel({ epochs: 1, shuffle: false, batchSize: 64 }, { train: synthetic('moons') }, { warn: (m) => warnings.push(m) });
  assert.deepEqual(warnings.filter((w) => w.startsWith('shuffle')), []);
});

test('--test naming a built-in set draws it afresh with the next data seed (the same seed made the test set the training set, silently)', () => {
  const args = ['train', '--data', 'circles', '--data-seed', '1', '--layers', '10,5', '--init', 'he', '--seed', '3', '--lr', '0.01', '--epochs', '300', '--float64', '--test-split', '0', '--json'];
  const run = (extra: string[]) => { const r = backprop([...args, ...extra]); assert.equal(r.code, 0, r.stderr); return JSON.parse(r.stdout) as { train: { loss: number }; test: { loss: number } }; };
  const withTest = run(['--test', 'circles']);
  assert.notEqual(withTest.test.loss, withTest.train.loss, 'the test set is not the training set');
  // the same network evaluated by the library on synthetic('circles', { seed: 2 })
  const net = new Network({ inputSize: 2, dtype: 'float64', init: 'he', seed: 3, layers: [{ units: 10, activation: 'relu' }, { units: 5, activation: 'relu' }, { units: 1, activation: 'sigmoid' }] });
  const circles = synthetic('circles', { seed: 1 }), fresh = synthetic('circles', { seed: 2 });
  fit(net, circles.X, circles.Y, { epochs: 300, learningRate: 0.01 });
  assert.ok(Math.abs(net.evaluateCost(fresh.X, fresh.Y) - withTest.test.loss) < 1e-9, `${net.evaluateCost(fresh.X, fresh.Y)} against ${withTest.test.loss}`);
});
