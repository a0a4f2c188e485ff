// trainModel's spec and data from a careless caller: a misspelt option is named with the one meant
// (it used to be ignored for its default: { layer: [4], epoch: 2 } trained 16 units for 100 epochs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trainModel, synthetic, OptionError } from '../../src/index.js';

const optionError = (p: Promise<unknown>, pattern: RegExp) =>
  assert.rejects(p, (e: unknown) => e instanceof OptionError && pattern.test(e.message), `expected an OptionError matching ${pattern}`);

test('a misspelt or unknown spec key is refused naming the key meant', async () => {
  const data = { train: synthetic('xor', { samples: 40 }) };
  await optionError(trainModel({ layer: [4], epochs: 1 } as never, data), /trainModel spec: unknown option 'layer' \(did you mean 'layers'\?\); the options are layers, /);
  await optionError(trainModel({ epoch: 1 } as never, data), /unknown option 'epoch' \(did you mean 'epochs'\?\)/);
  await optionError(trainModel({ epochs: 1, learningrate: 0.1 } as never, data), /unknown option 'learningrate' \(did you mean 'learningRate'\?\)/);
  await optionError(trainModel({ epochs: 1, momentum: 0.9 } as never, data), /unknown option 'momentum'; the options are/);
  const { model } = await trainModel({ layers: [3], epochs: 1, testSplit: 0, learningRate: undefined }, data);
  assert.equal(model.network.describe(), '2-3(relu)-1(sigmoid)');
});

test('a spec or data that is no object, or data without a train Dataset, is named (it used to be a TypeError)', async () => {
  const data = { train: synthetic('xor', { samples: 40 }) };
  await optionError(trainModel(undefined as never, data), /trainModel: the spec must be an object of training options/);
  await optionError(trainModel({ epochs: 1 }, {} as never), /trainModel: data\.train must be a Dataset/);
  await optionError(trainModel({ epochs: 1 }, { train: { X: [[1, 2]], Y: [0] } } as never), /data\.train must be a Dataset/);
  await optionError(trainModel({ epochs: 1 }, undefined as never), /trainModel: data must be \{ train, schema\?/);
});

test("a name of another library's spelling ('ReLU', 'binary_crossentropy', 'leaky_relu') is refused with the name meant", async () => {
  const data = { train: synthetic('xor', { samples: 40 }) };
  await optionError(trainModel({ activation: 'ReLU', epochs: 1 } as never, data), /^activation must be one of .*, got 'ReLU' \(did you mean 'relu'\?\)$/);
  await optionError(trainModel({ activation: 'leaky_relu', epochs: 1 } as never, data), /\(did you mean 'leakyRelu'\?\)$/);
  await optionError(trainModel({ loss: 'binary_crossentropy', epochs: 1 } as never, data), /^loss must be one of .*, got 'binary_crossentropy' \(did you mean 'binaryCrossEntropy'\?\)$/);
  await optionError(trainModel({ optimizer: 'Adam', epochs: 1 } as never, data), /\(did you mean 'adam'\?\)$/);
  await optionError(trainModel({ init: 'he_normal', epochs: 1 } as never, data), /^init must be one of .*, got 'he_normal'/);
  await optionError(trainModel({ activation: 7, epochs: 1 } as never, data), /^activation must be one of .*, got 7$/);
  const { Network } = await import('../../src/index.js');
  assert.throws(() => new Network({ inputSize: 2, layers: [{ units: 2, activation: 'Tanh' as never }] }), /activation must be one of .*, got 'Tanh' \(did you mean 'tanh'\?\)/);
});
