// Hostile input, fifteenth sweep (imports and exports): an ONNX bias of shape [n, 1] (one value per
// example by ONNX broadcasting) read as one per unit; a text file given as ONNX called "truncated";
// export options with a typo or of the wrong type ignored; a TF.js readFile that gives no bytes
// ending in a TypeError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { ModelFileError, OptionError } from '../../src/errors.js';
import { Model } from '../../src/model/model.js';
import { saveModel } from '../../src/io/model-file.js';
import { loadOnnx, networkToOnnx, onnxToModel, saveOnnx } from '../../src/io/onnx.js';
import { networkToTfjs, saveTfjs, tfjsToModel } from '../../src/io/tfjs.js';
import { decodeOnnx, encodeOnnx, DATA_TYPE, type OnnxNode } from '../../src/io/onnx-proto.js';
import { float32Bytes } from '../../src/io/interop.js';
import { tempDir } from '../helpers/cli.js';
import { backpropRows, maxAbsDiff, randomNet, randomRows } from './helpers.js';

const B = [0.5, -1, 0.25, 2, 1.5, -0.5]; // [2, 3]: 2 inputs, 3 units (MatMul's B, Gemm's B without transB)

/** x [N, 2] -> one dense layer of 3 units with the bias `c` of shape `dims`, as a Gemm or a MatMul + Add. */
function biasModel(op: 'Gemm' | 'MatMul', dims: number[], c: number[]): Uint8Array {
  const nodes: OnnxNode[] = op === 'Gemm'
    ? [{ op_type: 'Gemm', name: 'dense', input: ['x', 'B', 'c'], output: ['y'] }]
    : [{ op_type: 'MatMul', name: 'mm', input: ['x', 'B'], output: ['h'] }, { op_type: 'Add', name: 'bias', input: ['h', 'c'], output: ['y'] }];
  const t = (name: string, d: number[], v: number[]) => ({ name, dims: d, data_type: DATA_TYPE.FLOAT, raw_data: float32Bytes(v) });
  const vi = (name: string, n: number) => ({ name, type: { tensor_type: { elem_type: 1, shape: { dim: [{ dim_param: 'N' }, { dim_value: n }] } } } });
  return encodeOnnx({
    ir_version: 8, opset_import: [{ domain: '', version: 13 }], producer_name: 'test',
    graph: { name: 'g', node: nodes, initializer: [t('B', [2, 3], B), t('c', dims, c)], input: [vi('x', 2)], output: [vi('y', 3)] },
  });
}

async function onnxruntime(bytes: Uint8Array, rows: Float32Array): Promise<{ dims: readonly number[]; data: Float32Array }> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const out = (await session.run({ x: new ort.Tensor('float32', rows, [rows.length / 2, 2]) })).y!;
    return { dims: out.dims, data: out.data as Float32Array };
  } finally {
    await session.release();
  }
}

const PER_UNIT: [number[], number[]][] = [[[3], [0.1, -0.2, 0.3]], [[1, 3], [0.1, -0.2, 0.3]], [[1], [0.7]], [[], [0.7]], [[1, 1], [0.7]]];

for (const op of ['Gemm', 'MatMul'] as const) {
  test(`${op}: a bias of shape [n], [1, n], [1], [] or [1, 1] imports as onnxruntime computes it`, async () => {
    for (const [dims, c] of PER_UNIT) {
      const bytes = biasModel(op, dims, c);
      const model = onnxToModel(bytes, 'bias.onnx');
      for (const m of [1, 3, 5]) {
        const rows = randomRows(m, 2, 10 + m);
        const want = await onnxruntime(bytes, rows);
        assert.deepEqual(want.dims, [m, 3], `[${dims}] with ${m} examples`);
        const got = backpropRows(model.network, rows);
        assert.ok(maxAbsDiff(got, want.data) < 1e-5, `[${dims}] with ${m} examples: max abs difference ${maxAbsDiff(got, want.data)}`);
      }
    }
  });
}

test('a Gemm bias C of shape [n, 1] is refused naming the node, the shape and what is imported (it was read as one bias per unit)', async () => {
  const bytes = biasModel('Gemm', [3, 1], [1, 2, 3]);
  // what ONNX means by it: one value per example (row), for a batch of exactly 3 only
  const rows = randomRows(3, 2, 1);
  const perRow = await onnxruntime(bytes, rows);
  const noBias = backpropRows(onnxToModel(biasModel('Gemm', [3], [0, 0, 0])).network, rows);
  assert.ok(maxAbsDiff(Array.from(perRow.data, (v, k) => v - noBias[k]!), [1, 1, 1, 2, 2, 2, 3, 3, 3]) < 1e-5);
  await assert.rejects(onnxruntime(bytes, randomRows(2, 2, 1)), /Invalid bias shape for broadcast/);
  assert.throws(() => onnxToModel(bytes, 'rowbias.onnx'), (e: unknown) => e instanceof ModelFileError && e.message ===
    "rowbias.onnx: node 'dense' (Gemm): the bias C has the shape [3, 1], which ONNX broadcasts as one value per example (row), not per unit or feature; backprop imports the shapes [3], [1, 3], or [], [1], [1, 1] for one value");
  // and a full [3, 3] of the same units
  assert.throws(() => onnxToModel(biasModel('Gemm', [3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]), 'full.onnx'), (e: unknown) => e instanceof ModelFileError && /node 'dense' \(Gemm\): the bias C has the shape \[3, 3\]/.test(e.message));
});

test('an Add bias of shape [n, 1] or [1, 1, n] is refused (one value per example; a 3-D output)', async () => {
  assert.throws(() => onnxToModel(biasModel('MatMul', [3, 1], [1, 2, 3]), 'add.onnx'), (e: unknown) => e instanceof ModelFileError &&
    /^add\.onnx: node 'bias' \(Add\): the bias has the shape \[3, 1\], which ONNX broadcasts as one value per example \(row\).*\[3\], \[1, 3\], or \[\], \[1\], \[1, 1\] for one value$/.test(e.message));
  const deep = biasModel('MatMul', [1, 1, 3], [1, 2, 3]);
  assert.deepEqual((await onnxruntime(deep, randomRows(2, 2, 1))).dims, [1, 2, 3]);
  assert.throws(() => onnxToModel(deep, 'add.onnx'), (e: unknown) => e instanceof ModelFileError &&
    /node 'bias' \(Add\): the bias has the shape \[1, 1, 3\], which has more dimensions than the \[batch, 3\] it applies to/.test(e.message));
});

test('a preprocessing mean (Sub) of shape [n, 1] is refused as well (it was read as one mean per feature)', () => {
  const net = randomNet(3, [[2, 'tanh'], [1, 'sigmoid']], 3);
  const bytes = networkToOnnx(Model.fromNetwork(net, { preprocessing: { standardize: { mean: [1, 2, 3], std: [1, 2, 3] } } }));
  const doc = decodeOnnx(bytes);
  doc.graph!.initializer!.find((t) => t.name === 'mean')!.dims = [3, 1];
  assert.throws(() => onnxToModel(encodeOnnx(doc), 'prep.onnx'), (e: unknown) => e instanceof ModelFileError &&
    /^prep\.onnx: node 'centered' \(Sub\): the mean \(Sub\) has the shape \[3, 1\], which ONNX broadcasts as one value per example/.test(e.message));
});

test('a text file given as ONNX says what it is instead of "truncated"', async () => {
  const dir = tempDir();
  const net = randomNet(2, [[1, 'sigmoid']], 1);
  const write = (name: string, text: string) => { const f = path.join(dir, name); writeFileSync(f, text); return f; };
  const refused = async (file: string, pattern: RegExp) => {
    await assert.rejects(loadOnnx(file), (e: unknown) => e instanceof ModelFileError && pattern.test(e.message) && !/truncated/.test(e.message) && !e.message.includes('\n'), file);
  };
  await refused(write('data.csv', 'x1,x2,y\n0.1,0.2,1\n0.3,0.4,0\n'),
    /data\.csv: not an ONNX model: it is a text file that looks like CSV data \(starts with 'x1,x2,y\.\.\.'\); data is read with loadDataset, an ONNX model is a binary \.onnx file$/);
  const modelFile = path.join(dir, 'model.json');
  await saveModel(modelFile, Model.fromNetwork(net));
  await refused(modelFile, /model\.json: not an ONNX model: it is a backprop model file \(starts with '\{"format":"backprop-\.\.\.'\), which is used as it is: load it with loadModel$/);
  const { modelJson } = networkToTfjs(Model.fromNetwork(net));
  await refused(write('tf.json', JSON.stringify(modelJson, null, 2)), /tf\.json: not an ONNX model: it is a TF\.js model\.json \(starts with '\{\.\.\.'\): import it with loadTfjs$/);
  await refused(write('README', '# My model\n\nTrained on the iris data.\n'), /README: not an ONNX model: it is a text file \(starts with '# My model\.\.\.'\); an ONNX model is a binary \.onnx file$/);
  await refused(write('other.json', '{"a": 1}'), /other\.json: not an ONNX model: it is a JSON text file \(starts with '\{"a": 1\}'\)/);
  // the bytes themselves, too; a binary file that does not decode is still said to be damaged
  assert.throws(() => onnxToModel(new TextEncoder().encode('a;b\n1;2\n'), 'x.onnx'), /x\.onnx: not an ONNX model: it is a text file that looks like CSV data/);
  const binary = networkToOnnx(Model.fromNetwork(net)).subarray(0, 40);
  assert.throws(() => onnxToModel(binary, 'cut.onnx'), /cut\.onnx: not an ONNX model \(truncated\)/);
});

test('export options: an unknown key or a value of the wrong type is refused naming the function (a typo was ignored)', async () => {
  const model = Model.fromNetwork(randomNet(2, [[1, 'sigmoid']], 1), { preprocessing: { standardize: { mean: [1, 2], std: [3, 4] } } });
  const dir = tempDir();
  const cases: [string, (o: unknown) => unknown][] = [
    ['networkToOnnx', (o) => networkToOnnx(model, o as object)],
    ['saveOnnx', (o) => saveOnnx(path.join(dir, 'm.onnx'), model, o as object)],
    ['networkToTfjs', (o) => networkToTfjs(model, o as object)],
    ['saveTfjs', (o) => saveTfjs(path.join(dir, 'tfjs'), model, o as object)],
  ];
  for (const [fn, call] of cases) {
    const refused = async (o: unknown, message: string) => {
      await assert.rejects(async () => call(o), (e: unknown) => e instanceof OptionError && e.message === message, `${fn} ${JSON.stringify(o)}`);
    };
    await refused({ preprocesing: false }, `${fn}: unknown option 'preprocesing' (did you mean 'preprocessing'?); the options are preprocessing`);
    await refused({ preprocessing: 'no' }, `${fn}: options.preprocessing must be true or false (write the model's preprocessing as operations or not), got "no"`);
    await refused(null, `${fn}: options must be an object, got null`);
  }
  assert.ok(!existsSync(path.join(dir, 'm.onnx')) && !existsSync(path.join(dir, 'tfjs')), 'nothing written');
  // the options as documented still work
  assert.equal(decodeOnnx(networkToOnnx(model, { preprocessing: false })).graph!.node![0]!.op_type, 'Gemm');
  assert.equal(networkToTfjs(model, { preprocessing: true }).modelJson.modelTopology.config.layers[0]!.class_name, 'Rescaling');
});

test('tfjsToModel: a readFile that is not a function, or gives no bytes, is refused naming the weight file (it ended in a TypeError)', () => {
  const model = Model.fromNetwork(randomNet(2, [[3, 'relu'], [1, 'sigmoid']], 4));
  const { modelJson, weights } = networkToTfjs(model);
  const refused = (readFile: unknown, pattern: RegExp) =>
    assert.throws(() => tfjsToModel(modelJson, readFile as (f: string) => Uint8Array, 'model.json'), (e: unknown) => e instanceof OptionError && pattern.test(e.message) && !e.message.includes('\n'));
  refused(() => undefined, /^tfjsToModel: readFile\("weights\.bin"\) returned undefined; expected the bytes of that weight file as a Uint8Array$/);
  refused((f: string) => new Map<string, Uint8Array>().get(f), /readFile\("weights\.bin"\) returned undefined/);
  refused(async () => weights, /readFile\("weights\.bin"\) returned a Promise; expected .* \(readFile must not be async: read the files first/);
  refused(() => 'weights.bin', /readFile\("weights\.bin"\) returned a string; expected .* \(the file's bytes, not its text or name\)/);
  refused(() => Array.from(weights), /readFile\("weights\.bin"\) returned an array; expected the bytes of that weight file as a Uint8Array$/);
  refused(undefined, /^tfjsToModel: readFile must be a function \(path\) => Uint8Array that reads a weight file the manifest names, got undefined$/);
  refused(weights, /^tfjsToModel: readFile must be a function .*, got a Uint8Array \(the bytes of its one weights file, as networkToTfjs gives them: give \(\) => weights, /);
  // bytes as a Uint8Array or an ArrayBuffer are read alike
  const rows = randomRows(4, 2, 9);
  const want = backpropRows(model.network, rows);
  for (const give of [() => weights, () => weights.slice().buffer]) {
    assert.ok(maxAbsDiff(backpropRows(tfjsToModel(modelJson, give).network, rows), want) < 1e-6);
  }
});
