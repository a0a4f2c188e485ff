// Battery model32 (command line): a TF.js model.json, a Keras .h5 given as --model are named with the
// command that imports them (they were "field "format" must be "backprop-model"" and "an HDF5 file (name it .h5)").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backprop, fileWriter, tempDir, usageError } from '../helpers/cli.js';

const dir = tempDir('model32-cli-');
const write = fileWriter(dir);

test('predict --model: a TF.js model.json and a Keras .h5 are named, with backprop import', () => {
  const data = write('x.csv', 'x1,x2\n1,2\n');
  const tfjs = write('model.json', JSON.stringify({ format: 'layers-model', modelTopology: {}, weightsManifest: [] }));
  usageError(backprop(['predict', '--model', tfjs, '--data', data]), /model\.json: not a backprop model file: it is a TF\.js Layers model \(its model\.json\), which backprop import reads$/);
  const h5 = write('keras.h5', new Uint8Array([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
  usageError(backprop(['evaluate', '--model', h5, '--data', data]), /keras\.h5: not a JSON document: it is an HDF5 file \(a Keras \.h5 model\?\); .*which backprop import reads/);
});

test('train --json and tune --json say the task trained and, when --task auto chose it, taskChoice (the text output said it; the JSON did not)', () => {
  const csv = write('tags.csv', `x1,x2,a,b\n${Array.from({ length: 20 }, (_, j) => `${j % 7},${j % 3},${j % 2},${(j >> 1) % 2}`).join('\n')}\n`);
  const r = backprop(['train', '--data', csv, '--target', 'a,b', '--epochs', '1', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.task, 'multilabel');
  assert.match(out.taskChoice, /^.*tags\.csv: target columns 'a', 'b' hold only 0 and 1, read as 2 labels of a multi-label classification \(a sigmoid output per label; --task auto\); --task regression reads them as numbers$/);
  const forced = JSON.parse(backprop(['train', '--data', csv, '--target', 'a,b', '--task', 'multilabel', '--epochs', '1', '--json']).stdout);
  assert.equal(forced.task, 'multilabel');
  assert.equal(forced.taskChoice, undefined);
  const t = backprop(['tune', '--data', csv, '--target', 'a,b', '--epochs', '1', '--lr', '0.01..0.1', '--trials', '1', '--workers', '1', '--study', `${dir}/s.jsonl`, '--json']);
  assert.equal(t.code, 0, t.stderr);
  const study = JSON.parse(t.stdout);
  assert.equal(study.task, 'multilabel');
  assert.match(study.taskChoice, /read as 2 labels of a multi-label classification/);
});
