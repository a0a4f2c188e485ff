// Hostile input, thirty-second sweep (Model): a Model's predict and evaluate had no way to say what
// they read but is worth a word (a number float32 cannot hold, a column they ignore), read CSV text
// into float32 for a float64 model, and refused '<=50K.' with no word of '<=50K'.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Model } from '../../src/model/model.js';
import { trainModel } from '../../src/model/train-model.js';
import { parseCsv } from '../../src/data/csv.js';
import type { Dataset } from '../../src/data/synthetic.js';
import type { DataSchema } from '../../src/data/schema.js';

const quiet = { warn: () => {} };
const rows = Array.from({ length: 12 }, (_, i) => `${i};${(i % 4) / 2 + 0.25};${i % 2 ? 'yes' : 'no'}`.replace(/\./g, ','));
const EU = `id;x;y\n${rows.join('\n')}\n`;

async function trained(text: string, options: Parameters<typeof parseCsv>[1] = {}, float64 = false): Promise<Model> {
  const { dataset, schema } = parseCsv(text, { ...quiet, ...options });
  const { model } = await trainModel({ layers: [], epochs: 1, testSplit: 0, ...(float64 ? { dtype: 'float64' as const } : {}) }, { train: dataset as Dataset, schema: schema as DataSchema }, quiet);
  return model;
}

test('predict, predictProba, predictClasses and evaluate tell options.warn of numbers float32 cannot hold and of columns they ignore', async () => {
  const model = await trained('id,x,y\n1,0.5,no\n2,1.5,yes\n3,0.25,no\n4,2.5,yes\n', {});
  const said: string[] = [];
  const warn = (w: string) => said.push(w);
  model.predict('id,x\n16777217,1e-50\n', { warn });
  assert.deepEqual(said, [
    "the CSV text: 1 number was too small for float32 (below 1.4e-45 in magnitude) and read as 0 (e.g. '1e-50' at line 2, column 'x'); scale it (e.g. a column in other units), or read and train in float64 ({ dtype: 'float64' })",
    "the CSV text, column 'id': 1 whole number is above 2^24 (16777216) and was rounded to another in float32 (e.g. '16777217' at line 2 read as 16777216); read and train in float64 ({ dtype: 'float64' }) to keep it exact, or leave an identifier out of the features",
  ]);
  said.length = 0;
  model.predictProba({ columns: ['id', 'x', 'note'], rows: [[3, 1, 'a']] }, { warn });
  assert.match(said.join('\n'), /^the input: column 'note' was not in the training data and is ignored/);
  said.length = 0;
  model.predictClasses([[16777219, 1]], { warn });
  assert.match(said.join('\n'), /^the input, column 'id': 1 whole number is above 2\^24 \(16777216\) and was rounded to another in float32 \(e\.g\. '16777219' at line 1 read as 16777220\)/);
  said.length = 0;
  model.evaluate('id,x,y\n16777217,1,yes\n', undefined, { warn });
  assert.equal(said.length, 1);
  // a model of no CSV schema, given a Matrix-like rows of numbers: said by feature
  const plain = Model.fromNetwork(model.network, { task: model.task, classes: model.classes });
  said.length = 0;
  plain.predict([[16777217, 1e-50]], { warn });
  assert.deepEqual(said.map((w) => w.replace(/;.*/, '')), [
    'the input: 1 number was too small for float32 (below 1.4e-45 in magnitude) and read as 0 (e.g. 1e-50 in example 1, feature 2)',
    'the input, feature 1: 1 whole number is above 2^24 (16777216) and was rounded to another in float32 (e.g. 16777217 in example 1 read as 16777216)',
  ]);
  assert.throws(() => model.predict([[1, 2]], { wran: warn } as never), { name: 'OptionError', message: "predict: options: unknown option 'wran' (did you mean 'warn'?); the options are warn, header" });
  assert.throws(() => model.evaluate([[1, 2]], ['yes'], { warn: 'x' } as never), { name: 'OptionError', message: 'evaluate: options.warn must be a function (message) => void, got a string' });
});

test('a float64 model reads CSV text as written (it was rounded to float32 first)', async () => {
  const model = await trained('id,x,y\n1,0.5,no\n2,1.5,yes\n3,0.25,no\n4,2.5,yes\n', {}, true);
  const said: string[] = [];
  assert.equal(model.encode('id,x\n16777217,0.1\n', { warn: (w) => said.push(w) }).get(0, 0), 16777217);
  assert.deepEqual(said, []);
});

test("a model trained with decimal commas reads CSV text and string cells so, and numbers as numbers", async () => {
  const model = await trained(EU, { decimal: ',' });
  const byText = model.predictProba('id;x\n3;0,75\n', quiet).data[0];
  assert.equal(model.predictProba([[3, 0.75]], quiet).data[0], byText);
  assert.equal(model.predictProba([['3', '0,75']], quiet).data[0], byText);
  assert.throws(() => model.predict([['3', '0.75']], quiet), { name: 'DataError', message: /^the input, line 1, column 'x': '0\.75' is not a number \(a decimal point, in a file read with decimal commas/ });
});

test("evaluate's labels that are a class but for a trailing '.' or case name it", async () => {
  const model = await trained('a,y\n1,<=50K\n2,>50K\n3,<=50K\n4,>50K\n');
  assert.throws(() => model.evaluate([[1]], ['<=50K.'], quiet), { name: 'DataError', message: "label 1: '<=50K.' is not one of the model's classes (<=50K, >50K); it differs from '<=50K' only by a trailing '.'" });
  assert.throws(() => model.evaluate('a,y\n1,>50k\n', undefined, quiet), { name: 'DataError', message: "the CSV text, line 2, column 'y': class '>50k' was not in the training data (classes: <=50K, >50K); it differs from '>50K' only by letter case" });
});
