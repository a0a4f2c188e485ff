import { Model } from '../../src/model/model.js';
// `backprop export` and `backprop import` end to end: files written, read back, same predictions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.js';
import { saveModel, loadModel } from '../../src/node.js';
import { encodeOnnx } from '../../src/io/onnx-proto.js';
import { backpropRows, randomNet, randomPrep, randomRows, type Prep } from './helpers.js';

/** Run the CLI quietly; returns the exit code, what it printed with console.log and what it wrote on stderr. */
async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stderr = '', stdout = '';
  // console.log, not process.stdout: the test runner reports on stdout
  const saved = { log: console.log, err: process.stderr.write };
  console.log = (...parts: unknown[]) => { stdout += parts.join(' ') + '\n'; };
  process.stderr.write = ((s: string) => { stderr += s; return true; }) as typeof process.stderr.write;
  try {
    // the reference kernels, so predictions compare bit for bit with the ones computed above
    return { code: await main(['--backend', 'js', ...args]), stdout, stderr };
  } finally {
    console.log = saved.log;
    process.stderr.write = saved.err;
  }
}

test('backprop export (onnx, tfjs) then backprop import gives the same model and predictions', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'backprop-cli-'));
  try {
    const net = randomNet(3, [[4, 'tanh'], [3, 'softmax']], 2);
    const prep = randomPrep(3, 3);
    const file = path.join(dir, 'model.json');
    await saveModel(file, Model.fromNetwork(net, { task: 'multiclass', classes: ['cat', 'dog', 'fox'], preprocessing: prep }));
    const rows = randomRows(12, 3, 4, 1, 3);
    const want = backpropRows(net, rows, prep);

    assert.equal((await run(['export', '--model', file, '--out', path.join(dir, 'm.onnx')])).code, 0);
    assert.equal((await run(['import', path.join(dir, 'm.onnx'), '--out', path.join(dir, 'from-onnx.json')])).code, 0);
    // --out with a trailing slash (docs/interop.md's `--out web-model/`): the files are named without a doubled one
    const tfjs = await run(['export', '--model', file, '--format', 'tfjs', '--out', path.join(dir, 'web') + path.sep]);
    assert.equal(tfjs.code, 0, tfjs.stderr);
    assert.ok(tfjs.stdout.startsWith(`wrote ${path.join(dir, 'web', 'model.json')} and ${path.join(dir, 'web', 'weights.bin')}: `), tfjs.stdout);
    assert.equal((await run(['import', path.join(dir, 'web', 'model.json'), '--out', path.join(dir, 'from-tfjs.json')])).code, 0);
    for (const f of ['from-onnx.json', 'from-tfjs.json']) {
      const back = await loadModel(path.join(dir, f));
      assert.deepEqual(back.meta.classes, ['cat', 'dog', 'fox']);
      assert.deepEqual(back.meta.preprocessing, prep);
      assert.deepEqual(Array.from(backpropRows(back.net, rows, back.meta.preprocessing as Prep)), Array.from(want));
    }
    // --classes overrides, and must match the output layer
    assert.equal((await run(['import', path.join(dir, 'web'), '--out', path.join(dir, 'c.json'), '--classes', 'a,b,c'])).code, 0);
    assert.deepEqual((await loadModel(path.join(dir, 'c.json'))).meta.classes, ['a', 'b', 'c']);
    const bad = await run(['import', path.join(dir, 'm.onnx'), '--out', path.join(dir, 'c.json'), '--classes', 'a,b']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--classes/);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

test('backprop import refuses a Conv node in one line; export needs a format', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'backprop-cli-'));
  try {
    const vi = (name: string) => ({ name, type: { tensor_type: { elem_type: 1, shape: { dim: [{ dim_param: 'N' }, { dim_value: 4 }] } } } });
    const conv = path.join(dir, 'conv.onnx');
    await fs.writeFile(conv, encodeOnnx({
      ir_version: 8, opset_import: [{ domain: '', version: 13 }],
      graph: { name: 'g', node: [{ op_type: 'Conv', name: 'conv1', input: ['x', 'K'], output: ['y'] }], initializer: [{ name: 'K', dims: [1], data_type: 1, float_data: [1] }], input: [vi('x')], output: [vi('y')] },
    }));
    const r = await run(['import', conv, '--out', path.join(dir, 'out.json')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^backprop: error: .*unsupported ONNX op 'Conv'.*\n$/);

    const file = path.join(dir, 'model.json');
    await saveModel(file, Model.fromNetwork(randomNet(2, [[1, 'sigmoid']], 1)));
    const e = await run(['export', '--model', file, '--out', path.join(dir, 'model.bin')]);
    assert.equal(e.code, 2);
    assert.match(e.stderr, /--format/);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
