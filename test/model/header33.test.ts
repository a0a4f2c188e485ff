// CSV text without its header line, given to a model trained on a file with one: predict said "no column
// 'x' (it was used in training); the columns are: 1, red" (the CLI the same of such a file), and a single
// line "only a header line" with no word of { header: false }, an option Model.predict did not even take.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataset, trainModel, parseCsv } from '../../src/node.js';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../helpers/cli.js';

async function colorModel() {
  const file = path.join(tempDir(), 'd.csv');
  writeFileSync(file, 'x,color,y\n' + Array.from({ length: 60 }, (_, i) => `${i % 7},${i % 2 ? 'red' : 'blue'},${i % 2}`).join('\n') + '\n');
  const data = await loadDataset(file, { oneHot: 'auto', warn: () => {} });
  return (await trainModel({ layers: [4], epochs: 20, seed: 1 }, { train: data.dataset, schema: data.schema })).model;
}

test('Model.predict, predictProba and evaluate take { header: false } for CSV text without its header: columns by position, as the CLI\'s --no-header', async () => {
  const model = await colorModel(), warn = () => {};
  const named = model.predict('x,color\n1,red\n2,blue\n', { warn });
  assert.deepEqual(model.predict('1,red\n2,blue\n', { warn, header: false }), named);
  assert.deepEqual(model.predict('1,red\n', { warn, header: false }), named.slice(0, 1));
  assert.deepEqual(Array.from(model.predictProba('1,red\n2,blue\n', { warn, header: false }).data), Array.from(model.predictProba('x,color\n1,red\n2,blue\n', { warn }).data));
  const e = model.evaluate('1,red,1\n2,blue,0\n', undefined, { warn, header: false });
  assert.deepEqual(e, model.evaluate('x,color,y\n1,red,1\n2,blue,0\n', undefined, { warn }));
  assert.throws(() => model.predict('1,red\n', { header: 'no' as never }), { name: 'OptionError', message: /^predict: options\.header must be true or false/ });
});

test('a first line that names none of the model\'s columns is named as data, with { header: false }; one line holding a number too', async () => {
  const model = await colorModel(), warn = () => {};
  assert.throws(() => model.predict('1,red\n2,blue\n', { warn }), { name: 'DataError', message: /^the CSV text: line 1 holds no name of the model's columns \(1, red\), not the header line the model was trained with \(x, color, y\); .*\(\{ header: false \}\) to read its columns by position$/ });
  // a header with one column misnamed is still named as such (it names the others)
  assert.throws(() => model.predict('x,colour\n1,red\n', { warn }), { name: 'DataError', message: /no column 'color'/ });
  assert.throws(() => model.predict('1,red\n', { warn }), { name: 'DataError', message: /only a header line, no data rows \(its one line holds a number: if it is an example, read the file without a header, \{ header: false \}\)$/ });
  assert.throws(() => parseCsv('a,b\n'), { name: 'DataError', message: /only a header line, no data rows$/ });
});

test('{ header: true } for a model trained without a header line skips the text\'s line 1 of names and reads by position, as the CLI\'s --header', async () => {
  const file = path.join(tempDir(), 'h0.csv');
  writeFileSync(file, Array.from({ length: 40 }, (_, i) => `${i % 7},${i % 2 ? 'red' : 'blue'},${i % 2}`).join('\n') + '\n');
  const data = await loadDataset(file, { header: false, oneHot: 'auto', warn: () => {} });
  const { model } = await trainModel({ layers: [3], epochs: 10, seed: 2 }, { train: data.dataset, schema: data.schema });
  const warn = () => {};
  assert.deepEqual(model.predict('a,b\n1,red\n2,blue\n', { warn, header: true }), model.predict('1,red\n2,blue\n', { warn }));
});
