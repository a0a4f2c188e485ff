// Round learn35 (a student of the second course): the course's model(X, Y, learning_rate, num_iterations,
// lambd, keep_prob, beta, ...) takes every setting in one call; here they belong to the network, a layer
// or the optimizer. A setting given to the wrong one was told only "unknown option 'keepProb'" (and the list
// of the right ones, where it is not): now where it goes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Network, fit, synthetic } from '../../src/index.js';

const { X, Y } = synthetic('moons', { seed: 3 });
const layers = [{ units: 5, activation: 'relu' as const }, { units: 1, activation: 'sigmoid' as const }];
const net = () => new Network({ inputSize: 2, layers });

test('Network: a layer\'s keepProb, units or activation given to the whole network says it is a layer\'s', () => {
  for (const key of ['keepProb', 'keep_prob', 'units', 'activation']) {
    assert.throws(() => new Network({ inputSize: 2, layers, [key]: 0.86 } as never), {
      name: 'OptionError', message: new RegExp(`^Network: unknown option '${key}' \\(a layer's: layers: \\[\\{ units: 4, activation: 'relu', keepProb: 0\\.86 \\}, \\.\\.\\.\\]\\); the options are `),
    }, key);
  }
  assert.throws(() => new Network({ inputSize: 2, layers, dropout: 0.5 } as never), { message: /unknown option 'dropout' \(dropout is a hidden layer's keepProb, the probability of keeping a unit: layers: \[/ });
  // the course's lambd is the network's l2
  assert.throws(() => new Network({ inputSize: 2, layers, lambd: 0.7 } as never), { message: /^Network: unknown option 'lambd' \(did you mean 'l2'\?\)/ });
});

test('fit: L2, keepProb and the optimizer\'s betas given to fit say whose they are', () => {
  for (const key of ['l2', 'l1', 'lambd']) {
    assert.throws(() => fit(net(), X, Y, { epochs: 1, [key]: 0.7 } as never), {
      name: 'OptionError', message: new RegExp(`^fit: unknown option '${key}' \\(the network's: new Network\\(\\{ \\.\\.\\., l2: 0\\.7 \\}\\), or net\\.setRegularization\\(\\{ l2: 0\\.7 \\}\\) between fits\\)`),
    }, key);
  }
  assert.throws(() => fit(net(), X, Y, { epochs: 1, keep_prob: 0.86 } as never), { message: /^fit: unknown option 'keep_prob' \(a hidden layer's: new Network\(\{ layers: \[\{ units: 4, activation: 'relu', keepProb: 0\.86 \}, \.\.\.\] \}\)\)/ });
  for (const key of ['beta', 'beta1', 'beta2', 'epsilon']) {
    assert.throws(() => fit(net(), X, Y, { epochs: 1, optimizer: 'adam', [key]: 0.9 } as never), { message: new RegExp(`^fit: unknown option '${key}' \\(an optimizer's setting: optimizerOptions: \\{ beta1: 0\\.9, beta2: 0\\.999, epsilon: 1e-8 \\}\\)`) }, key);
  }
  // a misspelling is still told its spelling
  assert.throws(() => fit(net(), X, Y, { learning_rate: 0.1 } as never), { message: /unknown option 'learning_rate' \(did you mean 'learningRate'\?\)/ });
});
