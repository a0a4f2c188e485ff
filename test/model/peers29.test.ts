// Battery peers29 (library): several regression targets, as scikit-learn's load_linnerud has them, are
// refused with a message that says so, wherever they are given: loadDataset's target, trainModel's Dataset.
import { test } from 'node:test';
import { loadDataset, trainModel, Matrix } from '../../src/node.js';
import { fileWriter, tempDir } from '../helpers/cli.js';
import { refused } from '../helpers/errors.js';

const file = fileWriter(tempDir())('linnerud.csv', 'Chins,Situps,Jumps,Weight,Waist,Pulse\n5,162,60,191,36,50\n2,110,60,189,37,52\n12,101,101,193,38,58\n12,105,37,162,35,62\n');

test('loadDataset: a target of several columns is said to be a multi-output regression (an array was "must be a column name")', async () => {
  await refused(loadDataset(file, { target: ['Weight', 'Waist', 'Pulse'] as unknown as string }), 'OptionError',
    /^options\.target must be a column name, a 1-based position or 'last', got \["Weight","Waist","Pulse"\] \(several targets, a multi-output regression, are not supported: train one model per target column\)$/);
  await refused(loadDataset(file, { target: 'Weight, Waist' }), 'DataError', /linnerud\.csv: the target is one column, but 'Weight, Waist' names 2 \(several targets/);
});

test('trainModel: a regression Dataset whose Y has several rows is refused as several targets (a ShapeError about the output layer before)', async () => {
  const m = 4, X = new Matrix(3, m), Y = new Matrix(2, m);
  for (let k = 0; k < X.data.length; k++) X.data[k] = k % 5;
  for (let k = 0; k < Y.data.length; k++) Y.data[k] = k;
  const train = { name: 'linnerud', X, Y, task: 'regression' as const, featureNames: ['Chins', 'Situps', 'Jumps'] };
  await refused(trainModel({ epochs: 1 }, { train }), 'DataError',
    /^trainModel: data\.train: Y has 2 rows, one regression target each; trainModel fits one target \(several targets, a multi-output regression, are not supported: train one model per target column, or build a Network with 2 linear outputs and fit it\)$/);
});
