// Hostile input, eleventh sweep (library API from plain JavaScript): a BigInt where a number goes,
// a confusion matrix of a billion classes, options that undo each other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Network } from '../../src/nn/network.js';
import { accuracy, confusionMatrix, classificationReport } from '../../src/metrics/classification.js';
import { Matrix, ShapeError } from '../../src/tensor/matrix.js';
import { OptionError } from '../../src/errors.js';
import { fit } from '../../src/train/fit.js';
import { AshaPruner } from '../../src/tune/pruners/asha.js';
import { trainModel } from '../../src/model/train-model.js';
import { synthetic } from '../../src/data/synthetic.js';
import { jsonValueText } from '../../src/util/json.js';

test('a BigInt given where a number goes is named in the message (it threw "Do not know how to serialize a BigInt")', () => {
  assert.throws(() => new Network({ inputSize: 2n as never, layers: [{ units: 1, activation: 'sigmoid' }] }),
    (e: unknown) => e instanceof RangeError && e.message === 'inputSize must be a whole number >= 1, got 2n (a BigInt; give a number)');
  assert.throws(() => new Network({ inputSize: 2, layers: [{ units: 3n as never, activation: 'sigmoid' }] }), /layer 1: units must be a whole number >= 1, got 3n \(a BigInt; give a number\)$/);
  assert.equal(jsonValueText([1n]), 'an array of 1 holding a BigInt or itself');
  const loop: Record<string, unknown> = {};
  loop.self = loop;
  assert.equal(jsonValueText(loop), 'an object holding a BigInt or itself');
});

test('a confusion matrix of more classes than can be counted is refused before it is allocated (1e9 classes ended Node: heap out of memory)', () => {
  assert.throws(() => confusionMatrix([0, 1], [0, 1], 1e9), (e: unknown) => e instanceof RangeError
    && e.message === 'numClasses 1000000000 would make a confusion matrix of 1000000000 x 1000000000 counts; at most 4096 classes (16777216 counts) are counted');
  assert.throws(() => classificationReport([0, 1], [0, 1], 5000), /numClasses 5000 would make a confusion matrix/);
  assert.equal(confusionMatrix([0, 4095], [0, 4095], 4096).length, 4096);
});

test('dropout without a hidden layer, and a batch size with sgd, are said in a warning (they were dropped, silently)', async () => {
  const data = { train: synthetic('xor', { samples: 40, seed: 1 }) };
  const warnings: string[] = [];
  await trainModel({ layers: [], keepProb: 0.8, epochs: 1, testSplit: 0 }, data, { warn: (m) => warnings.push(m) });
  await trainModel({ layers: [4], optimizer: 'sgd', batchSize: 8, epochs: 1, testSplit: 0 }, data, { warn: (m) => warnings.push(m) });
  await trainModel({ layers: [4], optimizer: 'sgd', batchSize: 1, keepProb: 0.8, epochs: 1, testSplit: 0 }, data, { warn: (m) => warnings.push(m) });
  assert.deepEqual(warnings, [
    'keepProb ignored: it drops units of hidden layers, and there is none',
    "batchSize 8 overrides sgd's one example per step: each step is on 8 examples (as minibatch with batchSize 8)",
  ]);
});

test('the memory check takes a batch larger than the training set as the set, and names the option that takes the memory', async () => {
  const data = { train: synthetic('xor', { samples: 40, seed: 1 }) };
  // a batch of 1e12 on 40 examples is batch gradient descent (it was refused: '--layers 16: ... 6.50e+1 parameters ... 353902.6 GiB')
  const r = await trainModel({ layers: [4], batchSize: 1e12, epochs: 1, testSplit: 0 }, data);
  assert.equal(r.model.network.describe(), '2-4(relu)-1(sigmoid)');
  await assert.rejects(trainModel({ layers: [4], batchSize: 40, epochs: 1, testSplit: 0 }, data, { memoryLimit: 1000 }),
    (e: unknown) => e instanceof OptionError && /^batchSize: a 2-4-1 network has 17 parameters and would need about 5\.7 KiB of memory to train \(batch 40\), more than the 1000 bytes allowed; use smaller batches$/.test(e.message));
});

test('a string where a number goes is shown quoted, not as the number it spells', () => {
  assert.throws(() => accuracy(['0', '1'] as never, [0, 1]), (e: unknown) => e instanceof RangeError && e.message.startsWith('yTrue[0] is "0": labels must be class indices'));
  assert.throws(() => new Matrix('2' as never, 3), (e: unknown) => e instanceof ShapeError && e.message === 'a matrix needs whole non-negative dimensions, got "2" x 3');
});

test('a string that spells a number is refused where a number goes, not taken by coercion, and quoted in the message', async () => {
  const X = new Matrix(2, 4, new Float32Array([0, 1, 0, 1, 0, 0, 1, 1]));
  const small = () => new Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }] });
  // keepProb '0.5' passed (0 < '0.5' <= 1) and was kept as a string
  assert.throws(() => new Network({ inputSize: 2, layers: [{ units: 3, activation: 'relu', keepProb: '0.5' as never }, { units: 1, activation: 'sigmoid' }] }),
    (e: unknown) => e instanceof RangeError && e.message === 'layer 1: keepProb must be in (0, 1], got "0.5"');
  assert.throws(() => fit(small(), X, [0, 1, 1, 0], { epochs: 2, earlyStopping: { patience: 1, minDelta: '0' as never }, validationData: { X, Y: [0, 1, 1, 0] } }),
    (e: unknown) => e instanceof RangeError && e.message === 'earlyStopping.minDelta must be a number >= 0, got "0"');
  assert.throws(() => fit(small(), X, [0, 1, 1, 0], { epochs: 2, schedule: { type: 'step', dropRate: '0.5' as never, every: 1 } }),
    (e: unknown) => e instanceof RangeError && e.message === 'learning-rate schedule step: dropRate must be a positive number, got "0.5"');
  assert.throws(() => new AshaPruner({ eta: '3' as never }), (e: unknown) => e instanceof RangeError && e.message === 'ASHA eta must be > 1, got "3"');
  // a misspelt schedule key said 'rate must be a positive number, got undefined'
  assert.throws(() => fit(small(), X, [0, 1, 1, 0], { epochs: 2, schedule: { type: 'exponential', decayRate: 0.5 } as never }),
    (e: unknown) => e instanceof RangeError && e.message === "learning-rate schedule exponential: unknown option 'decayRate'; the options are type, rate");
  const data = { train: synthetic('xor', { samples: 40, seed: 1 }) };
  await assert.rejects(trainModel({ learningRate: '0.1' as never, epochs: 1 }, data), (e: unknown) => e instanceof OptionError && e.message === 'learningRate must be a positive number, got "0.1"');
  await assert.rejects(trainModel({ l2: '0.1' as never, epochs: 1 }, data), (e: unknown) => e instanceof OptionError && e.message === 'l2 must be a number >= 0, got "0.1"');
});
