import { Model } from '../../src/model/model.js';
// ONNX export checked by onnxruntime-node against backprop's own predictions, and ONNX import.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ort from 'onnxruntime-node';
import { runOnnx } from './run-onnx.js';
import { ModelFileError, OptionError } from '../../src/index.js';
import { networkToOnnx, onnxToModel } from '../../src/io/onnx.js';
import { decodeOnnx, encodeOnnx, DATA_TYPE, type OnnxModel, type OnnxNode, type OnnxTensor } from '../../src/io/onnx-proto.js';
import { float32Bytes } from '../../src/io/interop.js';
import { CASES, backpropRows, maxAbsDiff, randomNet, randomPrep, randomRows, type Prep } from './helpers.js';

const M = 16;
const ALL_CASES = [...CASES, { name: 'regression: elu(alpha 0.7) -> linear', inputSize: 3, layers: [[4, { name: 'elu' as const, alpha: 0.7 }], [1, 'linear' as const]] as [number, any][] }];

for (const [k, c] of ALL_CASES.entries()) {
  for (const prepKind of ['none', 'standardize', 'standardize + scale'] as const) {
    test(`onnxruntime gives backprop's predictions: ${c.name}, preprocessing ${prepKind}`, async () => {
      const net = randomNet(c.inputSize, c.layers, 10 + k);
      const prep: Prep | undefined = prepKind === 'none' ? undefined : randomPrep(c.inputSize, 20 + k, prepKind === 'standardize' ? undefined : 0.5);
      const rows = prep ? randomRows(M, c.inputSize, 30 + k, 2, 4) : randomRows(M, c.inputSize, 30 + k);
      const bytes = networkToOnnx(Model.fromNetwork(net, { preprocessing: prep }));
      const got = await runOnnx(bytes, rows, c.inputSize);
      const want = backpropRows(net, rows, prep);
      assert.ok(maxAbsDiff(got, want) < 1e-5, `max abs difference ${maxAbsDiff(got, want)}`);

      // the graph: preprocessing ops, then Gemm + activation per layer
      const ops = decodeOnnx(bytes).graph!.node!.map((n) => n.op_type);
      const prepOps = !prep ? [] : prep.scale !== undefined ? ['Mul', 'Sub', 'Div'] : ['Sub', 'Div'];
      assert.deepEqual(ops.slice(0, prepOps.length), prepOps);
      assert.equal(ops.filter((o) => o === 'Gemm').length, c.layers.length);

      // round trip: the imported model predicts exactly the same, preprocessing included
      const back = onnxToModel(bytes, 'test.onnx');
      assert.deepEqual(back.meta.preprocessing, prep);
      assert.equal(maxAbsDiff(backpropRows(back.net, rows, back.meta.preprocessing as Prep | undefined), want), 0);
    });
  }
}

test('the task and classes of an imported ONNX model', () => {
  const bin = onnxToModel(networkToOnnx(Model.fromNetwork(randomNet(2, [[3, 'tanh'], [1, 'sigmoid']], 1))));
  assert.equal(bin.meta.task, 'binary');
  const multi = onnxToModel(networkToOnnx(Model.fromNetwork(randomNet(2, [[3, 'softmax']], 1))));
  assert.equal(multi.meta.task, 'multiclass');
  assert.deepEqual(multi.meta.classes, ['0', '1', '2']);
  const named = onnxToModel(networkToOnnx(Model.fromNetwork(randomNet(2, [[3, 'softmax']], 1), { classes: ['a', 'b', 'c'] })));
  assert.deepEqual(named.meta.classes, ['a', 'b', 'c']);
  const given = onnxToModel(networkToOnnx(Model.fromNetwork(randomNet(2, [[3, 'softmax']], 1))), 'm.onnx', { classes: ['x', 'y', 'z'] });
  assert.deepEqual(given.meta.classes, ['x', 'y', 'z']);
  const reg = onnxToModel(networkToOnnx(Model.fromNetwork(randomNet(2, [[2, 'linear']], 1))));
  assert.equal(reg.meta.task, 'regression');
  assert.throws(() => onnxToModel(networkToOnnx(Model.fromNetwork(randomNet(2, [[2, 'linear']], 1))), 'm.onnx', { classes: ['a', 'b'] }), OptionError);
});

test('preprocessing is read back from the Sub/Div/Mul ops when the backprop metadata is missing', () => {
  const net = randomNet(3, [[4, 'tanh'], [1, 'sigmoid']], 5);
  const prep = randomPrep(3, 6, 0.25);
  const model = decodeOnnx(networkToOnnx(Model.fromNetwork(net, { preprocessing: prep })));
  delete model.metadata_props;
  const back = onnxToModel(encodeOnnx(model));
  const p = back.meta.preprocessing as Prep;
  assert.equal(p.scale, 0.25);
  assert.ok(maxAbsDiff(p.standardize!.mean, prep.standardize!.mean) < 1e-5);
  const rows = randomRows(8, 3, 7, 1, 3);
  assert.ok(maxAbsDiff(backpropRows(back.net, rows, p), backpropRows(net, rows, prep)) < 1e-5);
});

test('--no-preprocessing leaves the ops out', () => {
  const net = randomNet(2, [[1, 'sigmoid']], 5);
  const bytes = networkToOnnx(Model.fromNetwork(net, { preprocessing: randomPrep(2, 1) }), { preprocessing: false });
  assert.deepEqual(decodeOnnx(bytes).graph!.node!.map((n) => n.op_type), ['Gemm', 'Sigmoid']);
  assert.equal(onnxToModel(bytes).meta.preprocessing, undefined);
});

test('preprocessing other than standardize/scale is refused by name; the "data" schema is carried along', () => {
  const net = randomNet(2, [[1, 'sigmoid']], 5);
  const data = { format: 'csv', header: true, columns: ['a', 'b', 'y'], target: 'y', task: 'binary', classes: ['0', '1'], features: [{ column: 'a', type: 'number', mean: 0 }, { column: 'b', type: 'number', mean: 0 }], featureNames: ['a', 'b'], missing: 'error' };
  const preprocessing = { data, standardize: { mean: [1, 2], std: [3, 4] } };
  const bytes = networkToOnnx(Model.fromNetwork(net, { preprocessing }));
  assert.deepEqual(decodeOnnx(bytes).graph!.node!.map((n) => n.op_type), ['Sub', 'Div', 'Gemm', 'Sigmoid']);
  assert.deepEqual(onnxToModel(bytes).meta.preprocessing, preprocessing);
  const method = networkToOnnx(Model.fromNetwork(net, { preprocessing: { method: 'standardize', mean: [1, 2], std: [3, 4] } }));
  assert.deepEqual(decodeOnnx(method).graph!.node!.map((n) => n.op_type), ['Sub', 'Div', 'Gemm', 'Sigmoid']);
  // a step that predict would not apply is refused when the model is made, naming it
  assert.throws(() => Model.fromNetwork(net, { preprocessing: { oneHot: { columns: [0] } } }), (e: Error) => e instanceof ModelFileError && /"preprocessing\.oneHot" is not a step/.test(e.message));
});

// a hand-made graph: x -> MatMul(B) -> Add(c) -> Relu -> Gemm(B2, c2; transB 0, alpha 2) -> Softmax
function tensor(name: string, dims: number[], values: number[]): OnnxTensor {
  return { name, dims, data_type: DATA_TYPE.FLOAT, raw_data: float32Bytes(values) };
}
function graphModel(nodes: OnnxNode[], initializer: OnnxTensor[], nIn: number, nOut: number): Uint8Array {
  const vi = (name: string, n: number) => ({ name, type: { tensor_type: { elem_type: 1, shape: { dim: [{ dim_param: 'N' }, { dim_value: n }] } } } });
  const model: OnnxModel = {
    ir_version: 8, opset_import: [{ domain: '', version: 13 }], producer_name: 'test',
    graph: { name: 'g', node: nodes, initializer, input: [vi('x', nIn)], output: [vi('y', nOut)] },
  };
  return encodeOnnx(model);
}

test('import of MatMul+Add and Gemm (transB 0, alpha) layers gives onnxruntime\'s answer', async () => {
  const B = [0.5, -1, 0.25, 2, 1.5, -0.5];            // [2, 3]: 2 inputs, 3 units
  const B2 = [1, -1, 0.5, 0.5, -2, 1];                // [3, 2]
  const bytes = graphModel([
    { op_type: 'MatMul', name: 'mm', input: ['x', 'B'], output: ['h'] },
    { op_type: 'Add', name: 'add', input: ['c', 'h'], output: ['z'] },
    { op_type: 'Relu', name: 'relu', input: ['z'], output: ['a'] },
    { op_type: 'Gemm', name: 'gemm', input: ['a', 'B2', 'c2'], output: ['z2'], attribute: [{ name: 'alpha', type: 1, f: 2 }] },
    { op_type: 'Softmax', name: 'sm', input: ['z2'], output: ['y'], attribute: [{ name: 'axis', type: 2, i: 1 }] },
  ], [tensor('B', [2, 3], B), tensor('c', [3], [0.1, -0.2, 0.3]), tensor('B2', [3, 2], B2), tensor('c2', [2], [0.05, -0.05])], 2, 2);
  const { net, meta } = onnxToModel(bytes, 'hand.onnx');
  assert.equal(net.describe(), '2-3(relu)-2(softmax)');
  assert.equal(meta.task, 'multiclass');
  const rows = randomRows(10, 2, 3);
  const session = await ort.InferenceSession.create(bytes);
  const out = await session.run({ x: new ort.Tensor('float32', rows, [10, 2]) });
  await session.release();
  assert.ok(maxAbsDiff(out.y!.data as Float32Array, backpropRows(net, rows)) < 1e-5);
});

test('an ONNX graph with a Conv node is refused, naming the op', () => {
  const bytes = graphModel([
    { op_type: 'Conv', name: 'conv1', input: ['x', 'K'], output: ['c'] },
    { op_type: 'Relu', name: 'relu', input: ['c'], output: ['y'] },
  ], [tensor('K', [1, 1, 1, 1], [1])], 4, 4);
  assert.throws(() => onnxToModel(bytes, 'conv.onnx'), (e: Error) => e instanceof ModelFileError && /unsupported ONNX op 'Conv'/.test(e.message) && /conv1/.test(e.message) && !e.message.includes('\n'));
});

test('bytes that are not ONNX are refused in one line', () => {
  assert.throws(() => onnxToModel(new TextEncoder().encode('{"hello": 1}'), 'x.onnx'), (e: Error) => e instanceof ModelFileError && /x\.onnx/.test(e.message));
});

test('onnxToModel and loadOnnx refuse class names that are not distinct as an option, by its library name', async () => {
  const bytes = networkToOnnx(Model.fromNetwork(randomNet(2, [[1, 'sigmoid']], 3)));
  assert.throws(() => onnxToModel(bytes, 'm.onnx', { classes: ['a', 'a'] }), (e: Error) => e instanceof OptionError && e.message === 'classes names class "a" twice; give each class its own name');
  assert.throws(() => onnxToModel(bytes, 'm.onnx', { clases: ['a', 'b'] } as never), /onnxToModel: unknown option 'clases' \(did you mean 'classes'\?\)/);
  assert.equal(onnxToModel(bytes, 'm.onnx', { classes: ['no', 'yes'] }).meta.classes?.join(), 'no,yes');
});

test('saveOnnx and saveTfjs refuse a path that does not suit their format, naming the function and the argument', async () => {
  const { saveOnnx } = await import('../../src/io/onnx.js');
  const { saveTfjs } = await import('../../src/io/tfjs.js');
  const model = Model.fromNetwork(randomNet(2, [[1, 'sigmoid']], 3));
  await assert.rejects(saveTfjs('never-written.onnx', model), (e: Error) => e instanceof OptionError && /^saveTfjs: dir: a TF\.js model is a folder .* ends in \.onnx/.test(e.message));
  await assert.rejects(saveOnnx('never-written.json', model), /saveOnnx: file: an ONNX model is one file whose name ends in \.onnx, got 'never-written\.json'$/);
});

test('an ONNX file cut short is said to be truncated, with its length (it said "index out of range")', () => {
  const bytes = networkToOnnx(Model.fromNetwork(randomNet(2, [[3, 'relu'], [1, 'sigmoid']], 5)));
  for (const n of [10, 100, bytes.length - 5]) {
    assert.throws(() => onnxToModel(bytes.subarray(0, n), 'cut.onnx'), (e: Error) => e instanceof ModelFileError
      && e.message === `cut.onnx: not an ONNX model (truncated); the file ends inside a field after ${n} bytes: is it cut short (an interrupted download or copy)?`);
  }
});

// attributes of value 0 (beta 0, alpha 0, transA 0, axis 0 written out, as exporters do): the decoder
// leaves a field at its default out, and they were read as absent: beta 0 as 1 (the bias added),
// LeakyRelu alpha 0 as 0.01, an explicit transA 0 refused
test('import reads attributes whose value is 0 as 0, as onnxruntime does', async () => {
  const B = [0.5, -1, 0.25, 2, 1.5, -0.5], B2 = [1, -1, 0.5];
  const bytes = graphModel([
    { op_type: 'Gemm', name: 'g1', input: ['x', 'B', 'c'], output: ['z'], attribute: [{ name: 'transA', type: 2, i: 0 }, { name: 'beta', type: 1, f: 0 }] },
    { op_type: 'LeakyRelu', name: 'lr', input: ['z'], output: ['a'], attribute: [{ name: 'alpha', type: 1, f: 0 }] },
    { op_type: 'Gemm', name: 'g2', input: ['a', 'B2', 'c2'], output: ['z2'] },
    { op_type: 'Sigmoid', name: 's', input: ['z2'], output: ['y'] },
  ], [tensor('B', [2, 3], B), tensor('c', [3], [5, -5, 5]), tensor('B2', [3, 1], B2), tensor('c2', [1], [0.1])], 2, 1);
  assert.deepEqual(decodeOnnx(bytes).graph!.node![1]!.attribute, [{ name: 'alpha', type: 1 }]); // (the 0 is not in the decoded object)
  const { net } = onnxToModel(bytes, 'zeros.onnx');
  assert.equal(net.layers[0]!.activation.alpha, 0);
  assert.ok(Array.from(net.layers[0]!.b.data).every((v) => v === 0)); // (0 x -5 is -0)
  const rows = randomRows(10, 2, 5);
  const session = await ort.InferenceSession.create(bytes);
  const out = await session.run({ x: new ort.Tensor('float32', rows, [10, 2]) });
  await session.release();
  assert.ok(maxAbsDiff(out.y!.data as Float32Array, backpropRows(net, rows)) < 1e-5);
});

test('an exported graph edited in front (a Mul put before its Sub/Div, or its Sub/Div taken out) imports as onnxruntime computes it, not as its backprop metadata says (the metadata won: wrong predictions)', async () => {
  const net = randomNet(3, [[4, 'tanh'], [1, 'sigmoid']], 5);
  const prep = randomPrep(3, 6);
  const exported = () => decodeOnnx(networkToOnnx(Model.fromNetwork(net, { preprocessing: prep })));
  const rows = randomRows(8, 3, 7, 1, 3);
  const agrees = async (model: OnnxModel) => {
    const bytes = encodeOnnx(model);
    const back = onnxToModel(bytes, 'edited.onnx');
    const ours = backpropRows(back.net, rows, back.meta.preprocessing as Prep | undefined);
    const theirs = await runOnnx(bytes, rows, 3);
    assert.ok(maxAbsDiff(ours, theirs) < 1e-5, `max abs difference ${maxAbsDiff(ours, theirs)}`);
    return back;
  };
  // x * 2 in front: the graph is now x -> Mul -> Sub -> Div -> ...
  const scaled = exported();
  scaled.graph!.node!.unshift({ op_type: 'Mul', name: 'doubled', input: ['input', 'two'], output: ['doubled'] });
  scaled.graph!.node![1]!.input![0] = 'doubled';
  scaled.graph!.initializer!.push(tensor('two', [], [2]));
  const back = await agrees(scaled);
  assert.equal((back.meta.preprocessing as Prep).scale, 2);
  // the Sub and Div taken out: no preprocessing at all, though the metadata still has it
  const bare = exported();
  const gemm = bare.graph!.node!.findIndex((n) => n.op_type === 'Gemm');
  bare.graph!.node = bare.graph!.node!.slice(gemm);
  bare.graph!.node[0]!.input![0] = 'input';
  assert.equal((await agrees(bare)).meta.preprocessing, undefined);
  // the metadata's "data" entry is kept when the graph's preprocessing wins
  const data = { format: 'csv', header: true, columns: ['a', 'b', 'c', 'y'], target: 'y', task: 'binary', classes: ['0', '1'], features: ['a', 'b', 'c'].map((column) => ({ column, type: 'number', mean: 0 })), featureNames: ['a', 'b', 'c'], missing: 'error' };
  const withData = decodeOnnx(networkToOnnx(Model.fromNetwork(net, { preprocessing: { ...prep, data } })));
  withData.graph!.node = withData.graph!.node!.slice(gemm);
  withData.graph!.node[0]!.input![0] = 'input';
  assert.deepEqual((await agrees(withData)).meta.preprocessing, { data });
});
