// loadDataset's whole result given as trainModel's training set ({ train: await loadDataset(f) }) was told
// "unknown field 'dataset'"; it is named as loadDataset's result, with what to give of it.
import { test } from 'node:test';
import { trainModel, tune, floatRange, loadDataset } from '../../src/node.js';
import { fileWriter, tempDir } from '../helpers/cli.js';
import { refused } from '../helpers/errors.js';

const write = fileWriter(tempDir('result32-'));
const csv = ['x1,x2,y', ...Array.from({ length: 20 }, (_, j) => `${Math.sin(j).toFixed(3)},${Math.cos(j).toFixed(3)},${j % 2}`)].join('\n');

test("loadDataset's result given as a Dataset is named, with its dataset and schema to give", async () => {
  const result = await loadDataset(write('data.csv', csv));
  const said = /^trainModel: data\.train is loadDataset's result, not its Dataset: give its dataset \(train: result\.dataset\), and its schema as data\.schema, so the model reads its files as this one was read$/;
  await refused(trainModel({ layers: [2], epochs: 1 }, { train: result as never }), 'OptionError', said);
  await refused(trainModel({ layers: [2], epochs: 1 }, { train: result.dataset, test: result as never }), 'OptionError', /^trainModel: data\.test is loadDataset's result, not its Dataset: give its dataset \(test: result\.dataset\)/);
  await refused(tune({ spec: { epochs: 1, learningRate: floatRange(0.01, 0.1) }, data: { train: result as never }, trials: 1, workers: 1 }), 'OptionError', /data\.train is loadDataset's result, not its Dataset/);
});

test("a Network's layer objects given as trainModel's layers are named, with the sizes to give", async () => {
  const result = await loadDataset(write('layers.csv', csv));
  await refused(trainModel({ layers: [{ units: 8, activation: 'relu' }, { units: 4, activation: 'tanh' }] as never, epochs: 1 }, { train: result.dataset }), 'OptionError',
    /^layers\[0\] is a layer object \(\{"units":8,"activation":"relu"\}\); trainModel's layers are the hidden layers' sizes, e\.g\. \[8, 4\], and activation one name for them all \(e\.g\. activation: 'relu'\); layers of their own activations are a Network's$/);
});
