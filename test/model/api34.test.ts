// trainModel called in other libraries' order (brain.js's train(data, options), scikit-learn's options then data):
// each test names what a developer saw before.
import { test } from 'node:test';
import { parseCsv, synthetic, trainModel } from '../../src/node.js';
import { refused } from '../helpers/errors.js';

const quiet = { warn: () => {} };
const flower = synthetic('flower', { samples: 40 });

test('trainModel(data, spec) says the arguments are in the other order', async () => {
  // was "trainModel: data: unknown field 'layers'; the fields are train, schema, test, validation, source"
  await refused(trainModel({ train: flower } as never, { layers: [4], epochs: 10 } as never, quiet), 'OptionError',
    /^trainModel\(spec, data\) takes the training options first and the data second: its second argument holds options \(layers, epochs\)$/);
  const loaded = parseCsv('a,b,y\n1,2,0\n3,4,1\n5,6,0\n', quiet);
  await refused(trainModel(loaded as never, { optimizer: 'adam', learningRate: 0.01 } as never, quiet), 'OptionError', /second argument holds options \(optimizer, learningRate\)$/);
});

test('trainModel(data) alone says the first argument holds the data', async () => {
  // was "trainModel: data must be { train, schema?, test?, validation?, source? }, got undefined" only
  await refused(trainModel({ train: flower } as never, undefined as never, quiet), 'OptionError',
    /got undefined \(the first argument holds the data: trainModel\(spec, data\) takes the training options first/);
  // options alone keep the plain refusal
  await refused(trainModel({ layers: [4] }, undefined as never, quiet), 'OptionError', /got undefined$/);
});
