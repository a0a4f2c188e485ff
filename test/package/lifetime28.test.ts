// The library over a program's lifetime, each case in a fresh Node process (what a backend has loaded
// before matters): stopping the threads, JSON of a model, exiting by itself after training.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, tempDir } from '../helpers/cli.js';

const ENTRY = pathToFileURL(path.join(ROOT, 'dist/src/node.js')).href;
const dir = tempDir('backprop-life-');
after(() => rmSync(dir, { recursive: true, force: true }));

/** Run an ES module script (importing the built library as `lib`) in a new process; its stdout's last line as JSON. */
function runScript(name: string, body: string): unknown {
  const file = path.join(dir, `${name}.mjs`);
  writeFileSync(file, `import * as lib from ${JSON.stringify(ENTRY)};\n${body}\n`);
  const r = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, `${name} exited ${r.status} (signal ${r.signal}):\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!);
}

test('stopBackendThreads after wasm-threads alone goes on with single-thread wasm, not the plain js kernels', () => {
  const got = runScript('stop-threads', `
    const before = await lib.initBackend('wasm-threads', { threads: 2 });
    await lib.stopBackendThreads();
    const d = lib.synthetic('flower', { samples: 100, seed: 1 });
    await lib.trainModel({ layers: [4], epochs: 2 }, { train: d });
    console.log(JSON.stringify({ before, after: lib.getBackend().name }));`);
  assert.deepEqual(got, { before: 'wasm-threads', after: 'wasm' });
});

test('stopBackendThreads falls back to js, with one line, when the single-thread kernels cannot load', () => {
  const got = runScript('stop-threads-nowasm', `
    const lines = []; console.warn = (m) => lines.push(m);
    await lib.initBackend('wasm-threads', { threads: 2, wasm: new Uint8Array([0, 1, 2]) });
    await lib.stopBackendThreads();
    console.log(JSON.stringify({ after: lib.getBackend().name, lines: lines.length }));`);
  assert.deepEqual(got, { after: 'js', lines: 1 });
});

test('JSON.stringify(model) is the model document, and Model.fromJson reads it back to the same predictions', () => {
  const got = runScript('json-model', `
    const d = lib.synthetic('flower', { samples: 100, seed: 1 });
    const { model } = await lib.trainModel({ layers: [4], epochs: 5, seed: 2 }, { train: d });
    const text = JSON.stringify(model);
    const back = lib.Model.fromJson(text);
    const rows = [[0.1, 0.2], [1, -1], [-2, 3]];
    console.log(JSON.stringify({ format: JSON.parse(text).format, same: text === JSON.stringify(model.toJson()),
      predictions: JSON.stringify(back.predictProba(rows).data) === JSON.stringify(model.predictProba(rows).data) }));`);
  assert.deepEqual(got, { format: 'backprop-model', same: true, predictions: true });
});

test('a script that trains on wasm-threads, aborts a run and returns exits by itself', () => {
  const got = runScript('exits', `
    await lib.initBackend('wasm-threads', { threads: 2 });
    const d = lib.synthetic('flower', { samples: 200, seed: 1 });
    const ac = new AbortController();
    const run = lib.trainModel({ layers: [16], epochs: 100000 }, { train: d }, { signal: ac.signal, onEpochEnd: (e) => { if (e.epoch === 3) ac.abort(); } });
    const error = await run.then(() => 'none', (e) => e.name);
    console.log(JSON.stringify({ error }));`);
  assert.deepEqual(got, { error: 'AbortError' });
});
