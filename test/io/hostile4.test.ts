// Model files edited by hand, fourth round: what the file gets wrong is said of the file, by field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelFileError } from '../../src/errors.js';
import { modelToJson } from '../../src/io/model-json.js';
import { modelFromJson } from '../../src/model/model.js';
import { Model } from '../../src/model/model.js';
import { randomNet } from './helpers.js';

const saved = () => JSON.parse(JSON.stringify(modelToJson(Model.fromNetwork(randomNet(2, [[3, 'relu'], [1, 'sigmoid']], 4))))) as {
  dtype: string; loss?: string; layers: { W: number[][]; b: number[] }[];
};
const refused = (doc: unknown, pattern: RegExp) =>
  assert.throws(() => modelFromJson(doc, 'edited.json'), (e: unknown) => e instanceof ModelFileError && pattern.test((e as Error).message), `expected a ModelFileError matching ${pattern}`);

test('a weight beyond float32 in a float32 model file is refused by layer, row and column (it became Infinity, and predict gave one class for every row)', () => {
  const doc = saved();
  doc.layers[0]!.W[1]![0] = 1e39;
  refused(doc, /^edited\.json: layer 1: field "W" row 2 column 1 is 1e\+39, beyond float32, the model's "dtype" \(at most 3\.4e38 in magnitude\)$/);
  const bias = saved();
  bias.layers[1]!.b[0] = -4e38;
  refused(bias, /^edited\.json: layer 2: field "b" entry 1 is -4e\+38, beyond float32/);
  // a float64 model holds it
  doc.dtype = 'float64';
  assert.equal(modelFromJson(doc, 'edited.json').network.dtype, 'float64');
});

test('a model file whose loss does not fit its layers (the output layer deleted) names the file and the field (it said "Network: loss ...", no file)', () => {
  const doc = saved();
  doc.loss = 'binaryCrossEntropy';
  doc.layers.pop();
  refused(doc, /^edited\.json: field "loss": binaryCrossEntropy needs probabilities .* but the output layer is 3 relu units/);
});

test("a model file's CSV schema edited apart from the model is refused (features reading one column twice, classes reordered, an unknown target): predict and evaluate gave other answers, silently", async () => {
  const { parseCsv } = await import('../../src/data/csv.js');
  const { schema } = parseCsv('a,b,y\n0,0,x\n0,1,y\n1,0,y\n1,1,x\n');
  const doc = saved() as unknown as { task: string; classes: string[]; preprocessing: { data: typeof schema } };
  doc.task = 'binary';
  doc.classes = ['x', 'y'];
  doc.preprocessing = { data: JSON.parse(JSON.stringify(schema)) };
  assert.deepEqual(modelFromJson(doc, 'edited.json').classes, ['x', 'y']);
  const edit = (change: (d: typeof schema) => void) => {
    const d = JSON.parse(JSON.stringify(doc)) as typeof doc;
    change(d.preprocessing.data);
    return d;
  };
  refused(edit((d) => { d.classes = ['y', 'x']; }), /^edited\.json: preprocessing\.data\.classes \(y, x\) are not the model's classes \(x, y\) in the same order/);
  refused(edit((d) => { d.task = 'regression'; }), /preprocessing\.data\.task is "regression" but the model's task is "binary"/);
  // the schema is checked when it reads a file: one column read into two inputs
  const twice = new (await import('../../src/model/model.js')).Model(modelFromJson(doc, 'edited.json').network, {
    task: 'binary', classes: ['x', 'y'], preprocessing: { data: { ...schema, features: [schema.features[0]!, { ...schema.features[0]! }] } as never },
  });
  assert.throws(() => twice.predictClasses('a,b\n0,1\n'), /field "preprocessing\.data": two features read column 'a'; each column is one feature/);
  assert.throws(() => parseCsv('a,b,y\n1,2,x\n', { schema: { ...schema, target: 'zz' } }), /the target 'zz' is not one of "columns" \(a, b, y\)/);
  assert.throws(() => parseCsv('a,b,y\n1,2,x\n', { schema: { ...schema, classes: ['x', 'x'] } }), /"classes" names class "x" twice/);
});
