// backprop under Node's permission model (`node --permission`; on Node 20 `--experimental-permission`),
// with reading allowed everywhere and writing in one folder, as a locked-down service runs it. The model
// turns off fsync and fchmod on a file descriptor whatever --allow-fs-write says, and refuses worker
// threads without --allow-worker. Before: every save (a new file, or one replacing a file) failed with
// "cannot write m.json: ERR_ACCESS_DENIED", and so did the CLI's --save and a study journal; tune()
// rejected with Node 20's bare "Access to this API has been restricted" (the CLI adding "(run again with
// --debug for details)"), and the kernels' line advised keeping backprop out of a bundle.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, tempDir } from '../helpers/cli.js';

const dir = tempDir('backprop-permission-');
after(() => rmSync(dir, { recursive: true, force: true }));

const major = Number(process.versions.node.split('.')[0]);
const PERMISSION = major >= 22 ? '--permission' : '--experimental-permission';
/** Node with the permission model: read anywhere, write in `dir` only (and `extra` flags). */
const run = (args: string[], extra: string[] = []) => spawnSync(process.execPath, ['--no-warnings', PERMISSION, '--allow-fs-read=*', `--allow-fs-write=${dir}`, ...extra, ...args],
  { cwd: dir, encoding: 'utf8', timeout: 60_000 });
const REFUSED = "Node's permission model refuses worker threads: run node with --allow-worker as well";
const CLI = path.join(ROOT, 'bin', 'backprop.js');

test('the library saves a model (a new file, then over it) and says in one line that threads need --allow-worker; tune() rejects naming it', () => {
  writeFileSync(path.join(dir, 'lib.mjs'), `import * as lib from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist/src/node.js')).href)};
const backend = await lib.initBackend();
const { model } = await lib.trainModel({ layers: [4], epochs: 2, seed: 1 }, { train: lib.synthetic('flower', { samples: 100, seed: 1 }) });
await lib.saveModel('m.json', model);
await lib.saveModel('m.json', model);
const back = await lib.loadModel('m.json');
const { dataset } = await lib.loadDataset('flower');
const tuned = await lib.tune({ spec: { layers: lib.choice([2], [4]), epochs: 1 }, data: { train: dataset }, trials: 2, workers: 2 }).then(() => 'tuned', (e) => e.name + ': ' + e.message);
console.log(JSON.stringify({ backend, same: JSON.stringify(back) === JSON.stringify(model), tuned }));\n`);
  const r = run(['lib.mjs']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { backend: 'wasm', same: true, tuned: `PermissionError: ${REFUSED}` });
  assert.equal(r.stderr, `backprop: the kernel worker threads did not start (${REFUSED}), so training runs on one thread\n`);
});

test('the CLI saves over a model and keeps a study journal with --allow-worker; without it, tune stops in one line naming the flag', () => {
  for (let i = 0; i < 2; i++) {
    const train = run([CLI, 'train', '--data', 'flower', '--epochs', '2', '--save', 'cli.json'], ['--allow-worker']);
    assert.equal(train.status, 0, train.stderr);
  }
  const tune = run([CLI, 'tune', '--data', 'flower', '--epochs', '1', '--lr', '0.1|0.5', '--trials', '2', '--study', 'study.jsonl'], ['--allow-worker']);
  assert.equal(tune.status, 0, tune.stderr);
  assert.ok(existsSync(path.join(dir, 'study.jsonl')), 'the journal is written');
  const refused = run([CLI, 'tune', '--data', 'flower', '--epochs', '1', '--lr', '0.1|0.5', '--trials', '2']);
  assert.equal(refused.status, 1);
  assert.equal(refused.stderr.trim().split('\n').at(-1), `backprop: error: ${REFUSED}`);
  assert.doesNotMatch(refused.stderr, /--debug|in a bundle/);
});

// protobufjs (ONNX) compiles its encoders with new Function: under --disallow-code-generation-from-strings
// (or a page's Content-Security-Policy without 'unsafe-eval') every ONNX call threw a bare EvalError, and
// loadOnnx of a good file could call it "not an ONNX model"; now one PermissionError line saying why.
test('where code generation from strings is disallowed, ONNX export and import say why in one line (a good file is not called damaged)', () => {
  const entry = JSON.stringify(pathToFileURL(path.join(ROOT, 'dist/src/node.js')).href);
  writeFileSync(path.join(dir, 'onnx.mjs'), `import * as lib from ${entry};
const model = lib.Model.fromNetwork(new lib.Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }], seed: 1 }));
if (process.argv[2] === 'write') { await lib.saveOnnx('good.onnx', model); process.exit(0); }
const said = async (f) => { try { await f(); return 'ok'; } catch (e) { return e.name + ': ' + e.message; } };
console.log(JSON.stringify([await said(() => lib.networkToOnnx(model)), await said(() => lib.loadOnnx('good.onnx')), await said(() => lib.saveOnnx('good.onnx', model))]));\n`);
  const write = spawnSync(process.execPath, ['onnx.mjs', 'write'], { cwd: dir, encoding: 'utf8' });
  assert.equal(write.status, 0, write.stderr);
  const r = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', 'onnx.mjs'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  const line = /^PermissionError: reading and writing ONNX needs protobufjs, which compiles its encoders from strings \(new Function\), and this process disallows that \(Code generation from strings disallowed for this context: node's --disallow-code-generation-from-strings, or a Content-Security-Policy without 'unsafe-eval'\)$/;
  const said = JSON.parse(r.stdout) as string[];
  for (const s of said) assert.match(s, line);
  const cli = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', CLI, 'train', '--data', 'flower', '--epochs', '1', '--save', 'e.json'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  assert.equal(cli.status, 0, cli.stderr);
  const exported = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', CLI, 'export', '--model', 'e.json', '--format', 'onnx', '--out', 'e.onnx'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  assert.equal(exported.status, 1);
  assert.match(exported.stderr, /^backprop: error: reading and writing ONNX needs protobufjs, .*'unsafe-eval'\)\n$/);
});
