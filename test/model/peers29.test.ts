// Battery peers29 (library): several regression targets, as scikit-learn's load_linnerud has them, wherever
// they are given: loadDataset's target, trainModel's Dataset (refused then; a multi-output regression since multiout30).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataset, trainModel, Matrix } from '../../src/node.js';
import { fileWriter, tempDir } from '../helpers/cli.js';

const file = fileWriter(tempDir())('linnerud.csv', 'Chins,Situps,Jumps,Weight,Waist,Pulse\n5,162,60,191,36,50\n2,110,60,189,37,52\n12,101,101,193,38,58\n12,105,37,162,35,62\n');

test('loadDataset: a target of several columns is read as a multi-output regression (it was refused as not supported; battery multiout30)', async () => {
  const { dataset } = await loadDataset(file, { target: ['Weight', 'Waist', 'Pulse'] });
  assert.deepEqual([dataset.task, dataset.Y.rows, dataset.Y.cols], ['regression', 3, 4]);
  assert.equal((await loadDataset(file, { target: 'Weight, Waist' })).dataset.Y.rows, 2);
});

test('trainModel: a regression Dataset whose Y has several rows fits one linear output per row (a ShapeError about the output layer before, then a refusal)', async () => {
  const m = 4, X = new Matrix(3, m), Y = new Matrix(2, m);
  for (let k = 0; k < X.data.length; k++) X.data[k] = k % 5;
  for (let k = 0; k < Y.data.length; k++) Y.data[k] = k;
  const train = { name: 'linnerud', X, Y, task: 'regression' as const, featureNames: ['Chins', 'Situps', 'Jumps'] };
  const r = await trainModel({ epochs: 1, testSplit: 0 }, { train });
  assert.equal(r.model.network.outputSize, 2);
});
