// Hostile input, thirty-first sweep (training, from plain JavaScript): fit's validationData is a data
// object of fields X and Y (or a Dataset); { x, y } or [X, Y] said "validation X must be a Matrix ..., got undefined",
// without the field it did not know. As trainModel's data: the unknown field and the nearest known one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fit, Network, synthetic } from '../../src/index.js';

test("fit's validationData names a field it does not know, and is an object { X, Y }", () => {
  const { X, Y } = synthetic('flower', { samples: 20, seed: 1 });
  const net = () => new Network({ inputSize: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], seed: 1 });
  assert.throws(() => fit(net(), X, Y, { epochs: 1, validationData: { x: X, Y } as never }),
    (e: Error) => e.name === 'OptionError' && e.message === "fit: validationData: unknown field 'x' (did you mean 'X'?); the fields are name, X, Y, task, classes, featureNames, unlabeled, files, missingCells");
  assert.throws(() => fit(net(), X, Y, { epochs: 1, validationData: [X, Y] as never }),
    (e: Error) => e.name === 'OptionError' && e.message === 'fit: validationData must be { X, Y } or a Dataset, got an array');
  assert.equal(fit(net(), X, Y, { epochs: 1, validationData: { X, Y } }).valCost?.length, 1);
  // a Dataset is { X, Y } and more
  assert.equal(fit(net(), X, Y, { epochs: 1, validationData: synthetic('flower', { samples: 10, seed: 2 }) }).valCost?.length, 1);
});
