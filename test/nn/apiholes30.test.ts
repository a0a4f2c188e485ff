// API holes, thirtieth battery (names). --loss takes the short names mse, bce and cce, and the
// library only suggested them ("did you mean 'meanSquaredError'?") without taking them: one table
// (LOSS_ALIASES, lossNamed) is read by --loss, Network, trainModel and tune's spaces. The optimizers
// sgd and minibatch of trainModel and --optimizer are gradient descent with a batch size: fit, which
// names an optimizer alone, refused them as unknown without the way to the same training.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LOSS_ALIASES, Network, OptionError, choice, fit, synthetic, trainModel, tune } from '../../src/node.js';

const flower = synthetic('flower', { samples: 40 });

test('Network takes the short loss names the command line takes, and keeps the full name', () => {
  for (const [short, full] of Object.entries(LOSS_ALIASES)) {
    const out = full === 'binaryCrossEntropy' ? { units: 1, activation: 'sigmoid' as const } : full === 'categoricalCrossEntropy' ? { units: 3, activation: 'softmax' as const } : { units: 1, activation: 'linear' as const };
    const net = new Network({ inputSize: 2, layers: [out], loss: short as never });
    assert.equal(net.loss.name, full);
  }
  // in the command line's case only, as --loss
  assert.throws(() => new Network({ inputSize: 2, layers: [{ units: 1, activation: 'linear' }], loss: 'MSE' as never }), OptionError);
});

test('trainModel takes loss bce and records the network with binaryCrossEntropy', async () => {
  const { model } = await trainModel({ epochs: 1, loss: 'bce', layers: [3] }, { train: flower });
  assert.equal(model.network.loss.name, 'binaryCrossEntropy');
  assert.equal(model.network.toJSON().loss, 'binaryCrossEntropy');
});

test("tune's space takes a choice of short loss names", async () => {
  const r = await tune({ spec: { epochs: 1, layers: [3], loss: choice('bce', 'mse') }, data: { train: flower }, trials: 2, sampler: 'grid', workers: 1 });
  assert.equal(r.trials.filter((t) => t.state === 'complete').length, 2);
});

test("fit refuses sgd and minibatch saying they are 'gd' with a batch size", () => {
  const net = new Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }] });
  for (const [name, size] of [['sgd', 1], ['minibatch', 64]] as const) {
    assert.throws(() => fit(net, flower.X, flower.Y, { epochs: 1, optimizer: name as never }), (e: Error) => {
      assert.ok(e instanceof OptionError);
      assert.match(e.message, new RegExp(`^unknown optimizer '${name}'; expected one of gd, momentum, rmsprop, adam \\(.*'${name}' is 'gd' with batchSize ${size}: give optimizer 'gd' and batchSize: ${size} to fit\\)$`));
      return true;
    });
  }
});
