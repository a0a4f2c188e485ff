// `backprop demo` (also what `backprop` alone runs): the course's shallow network on the planar
// flower set (2 inputs, 4 tanh units, 1 sigmoid unit, lr 1.2, batch gradient descent), trained on
// the course's 400 points and tested on a fresh draw of the same distribution.

import type { Command } from 'commander';
import { Network } from '../../nn/network.js';
import { fit } from '../../train/fit.js';
import { evaluate } from '../../train/predict.js';
import { synthetic, SYNTHETIC_NAMES } from '../../data/synthetic.js';
import { OptionError } from '../../errors.js';
import { percentText } from '../../util/number-text.js';
import { parseIntOption, parseNumberOption } from '../options.js';
import { MAX_EPOCHS, MAX_SEED } from '../../model/resolve-spec.js';

export interface DemoOptions {
  dataset?: string;
  hidden?: number;
  epochs?: number;
  lr?: number;
  seed?: number;
}

/** Hidden units of the demo's one layer: 100,000 of them over its 400 examples are 320 MB per float64 matrix. */
const MAX_DEMO_UNITS = 100_000;

export async function runDemo(o: DemoOptions): Promise<void> {
  const name = o.dataset ?? 'flower';
  if (!SYNTHETIC_NAMES.includes(name)) throw new OptionError(`--dataset: unknown built-in set '${name}'; expected one of ${SYNTHETIC_NAMES.join(', ')}`);
  const train = synthetic(name, { seed: 1 });
  const test = synthetic(name, { seed: 2 });
  if (train.task === 'regression') throw new OptionError(`--dataset: the demo classifies; '${name}' is a regression set (use backprop train --data ${name})`);
  const hidden = o.hidden ?? 4;
  const epochs = o.epochs ?? 10000;
  const multi = train.task === 'multiclass';
  const net = new Network({
    inputSize: 2,
    layers: [{ units: hidden, activation: 'tanh' }, { units: multi ? train.classes!.length : 1, activation: multi ? 'softmax' : 'sigmoid' }],
    init: 'normal',
    seed: o.seed ?? 2,
    dtype: 'float64',
  });
  console.log(`backprop demo: ${net.describe()} on the built-in '${name}' set (${train.X.cols} training, ${test.X.cols} test examples)`);
  console.log(`batch gradient descent, learning rate ${o.lr ?? 1.2}, ${epochs} iterations`);
  const every = Math.max(1, Math.round(epochs / 10));
  fit(net, train.X, train.Y, {
    epochs,
    learningRate: o.lr ?? 1.2,
    onEpochEnd: ({ epoch, cost }) => {
      if ((epoch - 1) % every === 0 || epoch === epochs) console.log(`  cost after iteration ${String(epoch - 1).padStart(5)}: ${cost.toFixed(6)}`);
    },
  });
  const tr = evaluate(net, train.X, train.Y).classification!;
  const te = evaluate(net, test.X, test.Y).classification!;
  console.log(`train accuracy: ${percentText(tr.accuracy)}`);
  console.log(`test accuracy:  ${percentText(te.accuracy)}`);
  console.log('(run `backprop --help` for every command)');
}

export function register(program: Command): void {
  program
    .command('demo')
    .description("train the course's shallow network on a built-in 2-D set and print cost and accuracy")
    .option('--dataset <name>', `built-in set: ${SYNTHETIC_NAMES.join(', ')}`, 'flower')
    .option('--hidden <n>', 'hidden tanh units', '4')
    .option('--epochs <n>', 'iterations of batch gradient descent', '10000')
    .option('--lr <alpha>', 'learning rate', '1.2')
    .option('--seed <n>', 'seed of the initial weights', '2')
    .action(async (opts) => {
      await runDemo({
        dataset: opts.dataset,
        // the bounds train has: a typing slip is refused up front, not found by an allocation or a run of years
        hidden: parseIntOption(opts.hidden, '--hidden', 1, MAX_DEMO_UNITS),
        epochs: parseIntOption(opts.epochs, '--epochs', 1, MAX_EPOCHS),
        lr: parseNumberOption(opts.lr, '--lr', { positive: true }),
        seed: parseIntOption(opts.seed, '--seed', 0, MAX_SEED - 1),
      });
    });
}
