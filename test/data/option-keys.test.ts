// Every exported function that takes an options object names a key it does not know (a misspelt
// { sed: 3 } or { tolerence: 0.1 } was ignored, silently: the run used the default instead).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Network, synthetic, trainTestSplit, gradientCheck, backwardTrace, detectOscillation, detectPlateau,
  decisionBoundarySpec, useFastestBackend, initBackend, fit, parseCsv, createOptimizer,
} from '../../src/node.js';

test('an options object with a key the function does not know is refused, naming the key and the nearest known one', async () => {
  const data = synthetic('flower');
  const net = new Network({ inputSize: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], seed: 1, dtype: 'float64' });
  const bad = { bogus: 1 } as never;
  const cases: [string, () => unknown, RegExp][] = [
    ['trainTestSplit', () => trainTestSplit(data, { testFraction: 0.2, sed: 3 } as never), /^trainTestSplit: unknown option 'sed' \(did you mean 'seed'\?\); the options are testFraction, seed, stratify$/],
    ['gradientCheck', () => gradientCheck(net, data.X, data.Y, { epsilom: 1e-7 } as never), /^gradientCheck: unknown option 'epsilom' \(did you mean 'epsilon'\?\)/],
    ['backwardTrace', () => backwardTrace(net, data.X, data.Y, { learning_rate: 0.1 } as never), /^backwardTrace: unknown option 'learning_rate'/],
    ['detectOscillation', () => detectOscillation([1, 2, 3], bad), /^detectOscillation: unknown option 'bogus'; the options are window, swing$/],
    ['detectPlateau', () => detectPlateau([1, 2, 3], { tolerence: 0.1 } as never), /^detectPlateau: unknown option 'tolerence' \(did you mean 'tolerance'\?\)/],
    ['decisionBoundarySpec', () => decisionBoundarySpec(net, data.X, data.Y.data, { resolutoin: 10 } as never), /^decisionBoundarySpec: unknown option 'resolutoin'/],
    // the ones that already did, kept so
    ['fit', () => fit(net, data.X, data.Y, { epochs: 1, bogus: 1 } as never), /^fit: unknown option 'bogus'/],
    ['parseCsv', () => parseCsv('a,b\n1,2\n3,4\n', bad), /^parseCsv: unknown option 'bogus'/],
    ['createOptimizer', () => createOptimizer('adam', bad), /unknown option 'bogus'/],
  ];
  for (const [name, call, message] of cases) assert.throws(call, (e: Error) => message.test(e.message), name);
  await assert.rejects(useFastestBackend({ thread: 2 } as never), /initBackend: unknown option 'thread' \(did you mean 'threads'\?\)/);
  await assert.rejects(initBackend('wasm', bad), /initBackend: unknown option 'bogus'/);
});

test('the metrics given a Matrix (as fit takes Y) say what to pass instead of reading it as an empty list', async () => {
  const { accuracy, confusionMatrix, classificationReport, regressionReport, labelsOf } = await import('../../src/node.js');
  const { Y } = synthetic('flower');
  assert.throws(() => accuracy(Y as never, Y as never), /accuracy: yTrue must be an array or a typed array of class indices \(for a Matrix Y or one-hot columns: labelsOf\(Y\)\), got a Matrix/);
  assert.throws(() => confusionMatrix(labelsOf(Y), Y as never, 2), /confusionMatrix: yPred must be .* labelsOf\(Y\)/);
  assert.throws(() => classificationReport(Y as never, labelsOf(Y), 2), /classificationReport: yTrue must be/);
  assert.throws(() => regressionReport(Y as never, Y.data), /regressionReport: yTrue must be an array or a typed array of numbers \(for a Matrix Y: Y\.data, with outputs = Y\.rows\), got a Matrix/);
  assert.equal(accuracy(labelsOf(Y), labelsOf(Y)), 1);
});
