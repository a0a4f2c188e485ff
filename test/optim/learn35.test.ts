// Round learn35: the optimizer's name as PyTorch and Keras write it (torch.optim.Adam, RMSprop) was refused
// with the list of names and no suggestion; the nearest name is now said, as for the other options.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Network, fit, synthetic, createOptimizer } from '../../src/index.js';

test("fit({ optimizer: 'Adam' }) and createOptimizer('RMSProp') say the name they are near", () => {
  const { X, Y } = synthetic('moons', { seed: 3 });
  const net = new Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }] });
  assert.throws(() => fit(net, X, Y, { epochs: 1, optimizer: 'Adam' as never }), { name: 'OptionError', message: "unknown optimizer 'Adam' (did you mean 'adam'?); expected one of gd, momentum, rmsprop, adam" });
  assert.throws(() => createOptimizer('RMSProp' as never), { message: /^unknown optimizer 'RMSProp' \(did you mean 'rmsprop'\?\)/ });
  // 'sgd' keeps its own explanation (a batch size of one), without a guess
  assert.throws(() => createOptimizer('sgd' as never), { message: /^unknown optimizer 'sgd'; expected one of gd, momentum, rmsprop, adam \(trainModel's/ });
});
