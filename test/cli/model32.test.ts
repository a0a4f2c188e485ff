// Battery model32 (command line): a TF.js model.json, a Keras .h5 given as --model are named with the
// command that imports them (they were "field "format" must be "backprop-model"" and "an HDF5 file (name it .h5)").
import { test } from 'node:test';
import { backprop, fileWriter, tempDir, usageError } from '../helpers/cli.js';

const dir = tempDir('model32-cli-');
const write = fileWriter(dir);

test('predict --model: a TF.js model.json and a Keras .h5 are named, with backprop import', () => {
  const data = write('x.csv', 'x1,x2\n1,2\n');
  const tfjs = write('model.json', JSON.stringify({ format: 'layers-model', modelTopology: {}, weightsManifest: [] }));
  usageError(backprop(['predict', '--model', tfjs, '--data', data]), /model\.json: not a backprop model file: it is a TensorFlow\.js model\.json, which backprop import reads$/);
  const h5 = write('keras.h5', new Uint8Array([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
  usageError(backprop(['evaluate', '--model', h5, '--data', data]), /keras\.h5: not a JSON document: it is an HDF5 file \(a Keras \.h5 model\?\); .*which backprop import reads/);
});
