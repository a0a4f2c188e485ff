// Hostile input, thirty-first sweep (library from plain JavaScript): the data objects. Options objects
// named a misspelt key, but the objects of data did not: trainModel(spec, { train, tset }) held a test
// set out of train and never scored the one given, tune's { train, valdation } and retrainBest's
// { tset } likewise, and a Dataset built by hand with { clases } or { featurenames } trained a model
// whose classes were '0', '1' and whose inputs had no names, silently. One rule: every object the
// library reads by named fields names a field it does not know, and the nearest known one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { choice, kFolds, parseCsv, retrainBest, scaleAdvice, synthetic, takeExamples, trainModel, trainTestSplit, tune } from '../../src/node.js';
import { refused } from '../helpers/errors.js';

const data = synthetic('flower', { samples: 40, seed: 1 });
const quiet = { warn: () => {} };
const fields = 'the fields are name, X, Y, task, classes, featureNames, unlabeled, files, missingCells$';

test('trainModel names a field of its data it does not know ({ tset } was ignored: the test rows were held out of train instead)', async () => {
  await refused(trainModel({ epochs: 1 }, { train: data, tset: data } as never, quiet), 'OptionError',
    /^trainModel: data: unknown field 'tset' \(did you mean 'test'\?\); the fields are train, schema, test, validation, source$/);
  await refused(trainModel({ epochs: 1 }, { trian: data } as never, quiet), 'OptionError', /^trainModel: data: unknown field 'trian' \(did you mean 'train'\?\)/);
  // and of each Dataset: { clases } trained with classes '0' and '1', { featurenames } with no names
  await refused(trainModel({ epochs: 1 }, { train: { ...data, clases: ['red', 'blue'] } } as never, quiet), 'OptionError',
    new RegExp(`^trainModel: data\\.train: unknown field 'clases' \\(did you mean 'classes'\\?\\); ${fields}`));
  await refused(trainModel({ epochs: 1 }, { train: data, test: { ...data, featurenames: ['p', 'q'] } } as never, quiet), 'OptionError',
    /^trainModel: data\.test: unknown field 'featurenames' \(did you mean 'featureNames'\?\)/);
  // what the loaders and splits return is read as before
  const { train, test: held } = trainTestSplit(data, { testFraction: 0.25 });
  const result = await trainModel({ epochs: 1 }, { train, test: held, source: 'flower' }, quiet);
  assert.deepEqual(result.examples, { train: train.X.cols, test: held.X.cols, validation: 0 });
});

test('tune, retrainBest and the functions that take a Dataset name a field they do not know', async () => {
  await refused(tune({ spec: { epochs: 1, learningRate: choice(0.01, 0.1) }, data: { train: data, valdation: data } as never, trials: 1, workers: 1, ...quiet }), 'OptionError',
    /^tune: options\.data: unknown field 'valdation' \(did you mean 'validation'\?\); the fields are train, validation, name$/);
  await refused(tune({ spec: { epochs: 1, learningRate: choice(0.01, 0.1) }, data: { train: { ...data, clases: [] } as never }, trials: 1, workers: 1, ...quiet }), 'OptionError',
    /^tune: data\.train: unknown field 'clases'/);
  await refused(retrainBest({ summary: {}, trials: [] } as never, { tset: data } as never), 'OptionError',
    /^retrainBest: data: unknown field 'tset' \(did you mean 'test'\?\); the fields are test, schema, source$/);
  const calls: [string, () => unknown][] = [
    ['trainTestSplit', () => trainTestSplit({ ...data, clases: [] } as never, { testFraction: 0.2 })],
    ['kFolds', () => kFolds({ ...data, clases: [] } as never, 3)],
    ['takeExamples', () => takeExamples({ ...data, clases: [] } as never, [0, 1])],
    ['scaleAdvice', () => scaleAdvice({ ...data, clases: [] } as never)],
  ];
  for (const [fn, call] of calls) {
    assert.throws(call, (e: Error) => e.name === 'OptionError' && new RegExp(`^${fn}: data: unknown field 'clases' \\(did you mean 'classes'\\?\\); ${fields}`).test(e.message), fn);
  }
});

test("Model.predict and evaluate on a cell 'null' say what the model does (they advised { missing: 'drop' } or { missing: 'mean' }, which they do not take)", async () => {
  const { dataset, schema } = await parseCsv(`x1,x2,y\n${Array.from({ length: 12 }, (_, i) => `${i % 5},${i % 3},${i % 2}`).join('\n')}\n`, quiet);
  const { model } = await trainModel({ epochs: 1 }, { train: dataset, schema }, quiet);
  assert.throws(() => model.predict([['null', 1]]), /^DataError: the input, line 1, column 'x1': 'null' is not a number \(a missing-value mark\? .*: write one of those, but the model was trained with \{ missing: 'error' \}, so it does not fill empty cells: fill the cell or leave the row out, or train with \{ missing: 'mean' \}\)$/);
  assert.throws(() => model.evaluate('x1,x2,y\n#DIV/0!,1,0\n'), /^DataError: the CSV text, line 2, column 'x1': '#DIV\/0!' is not a number \(a spreadsheet's error value: .*, but the model was trained with \{ missing: 'error' \}/);
});
