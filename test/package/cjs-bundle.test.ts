// The CommonJS bundle of the Node entry (dist/cjs/backprop.cjs, scripts/bundle-cjs.mjs) and cjs/require.cjs's
// choice between it and the ES module, on the repository's build (no packing, no network). require.cjs
// requires the ES module (require(esm)); only where the loader in use cannot (Jest's runtime before Node
// 24.9, Node before 20.19 / 22.12, --no-experimental-require-module) does it return the bundle. Jest itself
// (300 packages) is tried by hand on the tarball (docs/packaging.md); here a loader that rejects ES modules
// as Jest 30's does (ERR_REQUIRE_ESM, "Must use import to load ES Module") and Node's own flag stand in for it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import * as esm from '../../src/node.js';
import { ROOT } from './project.js';

type Backprop = typeof esm;
const BUNDLE = path.join(ROOT, 'dist', 'cjs', 'backprop.cjs');
const SHIM = path.join(ROOT, 'cjs', 'require.cjs');
const requireHere = createRequire(import.meta.url);

/** The costs of a small network trained by `b` on the backend `name` (float32 and float64 layers, the same seed). */
async function costs(b: Backprop, name: 'wasm' | 'wasm-threads'): Promise<{ backend: string; cost: number[] }> {
  const backend = await b.initBackend(name, { threads: 2 });
  const { X, Y } = b.synthetic('flower');
  const cost: number[] = [];
  for (const dtype of ['float32', 'float64'] as const) {
    const net = new b.Network({ inputSize: 2, layers: [{ units: 48, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], seed: 3, dtype });
    cost.push(...(await b.fitAsync(net, X, Y, { epochs: 8, learningRate: 1 })).cost);
  }
  return { backend, cost };
}

test('the build makes the bundle; required with createRequire it trains on wasm and on wasm-threads (two threads) with the ES module\'s costs to all digits', async () => {
  assert.ok(existsSync(BUNDLE), 'npm run build writes dist/cjs/backprop.cjs');
  // strict mode, as the ES modules are: the directive before any statement (esbuild's own came after the banner's code)
  assert.match(readFileSync(BUNDLE, 'utf8'), /^'use strict';\n(\/\/.*\n)*const /);
  const cjs = requireHere(BUNDLE) as Backprop;
  assert.notEqual(cjs.Network, esm.Network, 'two copies in this test process: the bundle is not the ES module');
  try {
    for (const name of ['wasm', 'wasm-threads'] as const) {
      const fromEsm = await costs(esm, name);
      const fromCjs = await costs(cjs, name);
      assert.equal(fromCjs.backend, name, `the bundle's kernels (and worker threads) start from dist/src: ${name}`);
      assert.equal(fromEsm.backend, name);
      assert.deepEqual(fromCjs.cost, fromEsm.cost, `${name}: the same costs`);
    }
  } finally {
    await cjs.stopBackendThreads();
    await esm.stopBackendThreads();
  }
});

test('the bundle finds the tuner\'s worker and trial runner beside dist/src, and its dependencies (protobufjs) from there', async () => {
  const cjs = requireHere(BUNDLE) as Backprop;
  // protobufjs, a CommonJS dependency required from the module's own place (util/require-dependency.ts)
  const onnx = cjs.networkToOnnx(cjs.Model.fromNetwork(new cjs.Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }], seed: 1 })));
  assert.ok(onnx.length > 0);
  // the tuner's worker.js and trial-runner.js, ES modules started from the bundle by their URL in dist/src
  const study = async (b: Backprop) => (await b.tune({
    spec: { layers: b.choice([4], [6]), learningRate: b.floatRange(0.05, 1, true), epochs: 3 },
    data: { train: b.synthetic('xor', { samples: 80, seed: 3 }) }, trials: 2, sampler: 'random', seed: 1, workers: 2,
  })).trials.map((t) => [t.state, t.params, t.value]);
  const fromCjs = await study(cjs);
  assert.deepEqual(fromCjs.map((t) => t[0]), ['complete', 'complete'], 'two trials ran in the worker threads');
  assert.deepEqual(fromCjs, await study(esm), 'the ES module\'s study');
});

/** Run cjs/require.cjs as a module whose require() is `req` (the loader in use) and whose process is `proc`. */
function loadShim(req: (id: string) => unknown, proc: object = process): unknown {
  const module = { exports: {} as unknown };
  new Function('module', 'require', 'process', readFileSync(SHIM, 'utf8'))(module, req, proc);
  return module.exports;
}

/**
 * Jest 30's require on Node < 24.9 (jest-runtime's requireModule), as far as backprop meets it: an ES module is
 * refused (ERR_REQUIRE_ESM), a CommonJS file is compiled with vm.compileFunction without a dynamic import
 * callback (so import() in it throws, as under Jest without --experimental-vm-modules) and run with this
 * require; built-ins and packages come from Node's require. `seen`: the files of the package asked for.
 */
function jestLike(seen: string[]): (id: string) => unknown {
  const requireFrom = (from: string) => (id: string): unknown => {
    const real = createRequire(from);
    if (!id.startsWith('.') && !path.isAbsolute(id)) return real(id);
    const file = real.resolve(id);
    seen.push(path.relative(ROOT, file).split(path.sep).join('/'));
    if (file.endsWith('.js')) throw Object.assign(new Error(`Must use import to load ES Module: ${file}`), { code: 'ERR_REQUIRE_ESM' });
    const module = { exports: {} as unknown };
    const run = vm.compileFunction(readFileSync(file, 'utf8'), ['exports', 'require', 'module', '__filename', '__dirname'], { filename: file });
    run(module.exports, requireFrom(file), module, file, path.dirname(file));
    return module.exports;
  };
  return requireFrom(SHIM);
}

test('require.cjs under a loader that cannot require an ES module (as Jest\'s) returns the bundle, which trains there on worker threads (the optional peers, which need import(), say so in one line); with Node\'s own require, the ES module', async () => {
  const seen: string[] = [];
  const exported = loadShim(jestLike(seen)) as Backprop;
  assert.deepEqual(seen, ['dist/src/node.js', 'dist/cjs/backprop.cjs'], 'the ES module first, then the bundle');
  try {
    const fromEsm = await costs(esm, 'wasm-threads');
    assert.deepEqual(await costs(exported, 'wasm-threads'), fromEsm, 'no import() on the way (nodeBuiltin is require() in the bundle)');
  } finally {
    await exported.stopBackendThreads();
    await esm.stopBackendThreads();
  }
  // the optional peers come by import(), which such a loader refuses: one line saying what to set, not "npm install"
  const refused = (purpose: string, list: string) => new RegExp(`^Error: ${purpose} needs the optional packages? ${list}, loaded with import\\(\\), which the module loader in use refuses `
    + `\\(ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING\\w*: Jest's, for CommonJS tests without --experimental-vm-modules\\): run it with NODE_OPTIONS=--experimental-vm-modules$`);
  const { X, Y } = exported.synthetic('flower');
  const chart = exported.costCurveSpec(exported.fit(new exported.Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }], seed: 1 }), X, Y, { epochs: 2 }));
  await assert.rejects(exported.renderSvg(chart), refused('drawing charts', 'vega vega-lite'));
  await assert.rejects(exported.readHdf5(path.join(ROOT, 'test', 'fixtures', 'hdf5', 'odd-types.h5')), refused('reading HDF5 files', 'h5wasm'));
  await assert.rejects(new exported.PostgresStorage({ url: 'postgresql://localhost:1/none', studyName: 'cjs' }).open({} as never), refused('a study in PostgreSQL', 'pg'));
  const plain = loadShim(createRequire(SHIM)) as Backprop;
  assert.equal(plain.Network, esm.Network, 'where require(esm) works: the ES module, the one copy import gives');
});

test('require.cjs without the bundle, or on Node < 20, says in one line what to do, as before', () => {
  const noBundle = (id: string) => {
    if (id.endsWith('.cjs')) throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
    throw Object.assign(new Error('Must use import to load ES Module'), { code: 'ERR_REQUIRE_ESM' });
  };
  const jestProcess = { versions: process.versions, execArgv: [], env: {} };
  assert.throws(() => loadShim(noBundle, jestProcess), /^Error: backprop is an ES module, and the module loader in use cannot require\(\) it \(Node [\d.]+ itself can; Jest's only from Node 24\.9/);
  const seen: string[] = [];
  const node18 = { ...jestProcess, versions: { ...process.versions, node: '18.20.8' } };
  assert.throws(() => loadShim(jestLike(seen), node18), /^Error: backprop needs Node\.js 20 or newer \(this is Node 18\.20\.8\): install a current Node/);
  assert.deepEqual(seen, ['dist/src/node.js'], 'the bundle is not tried below "engines"');
  // an error of the bundle's own (not its absence) is passed on as it is
  const broken = (id: string) => {
    if (id.endsWith('.cjs')) throw Object.assign(new Error("Cannot find module 'csv-parse/sync'"), { code: 'MODULE_NOT_FOUND' });
    throw Object.assign(new Error('Must use import to load ES Module'), { code: 'ERR_REQUIRE_ESM' });
  };
  assert.throws(() => loadShim(broken, jestProcess), /^Error: Cannot find module 'csv-parse\/sync'$/);
});

test('Node with require(esm) turned off (--no-experimental-require-module): require(\'backprop\') gets the bundle and trains on worker threads; without the flag, the ES module', () => {
  const script = `const b = require(${JSON.stringify(SHIM)});
const bundled = Object.keys(require.cache).some((f) => f.endsWith('backprop.cjs'));
b.initBackend('wasm-threads', { threads: 2 }).then(async (backend) => {
  const { X, Y } = b.synthetic('flower');
  const net = new b.Network({ inputSize: 2, layers: [{ units: 48, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], seed: 3, dtype: 'float32' });
  const h = await b.fitAsync(net, X, Y, { epochs: 8, learningRate: 1 });
  console.log(JSON.stringify({ bundled, backend, cost: h.cost.at(-1) }));
});`;
  const run = (flags: string[]) => {
    const r = spawnSync(process.execPath, [...flags, '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '', 'no warnings');
    return JSON.parse(r.stdout) as { bundled: boolean; backend: string; cost: number };
  };
  const off = run(['--no-experimental-require-module']);
  const on = run([]);
  assert.deepEqual({ bundled: off.bundled, backend: off.backend }, { bundled: true, backend: 'wasm-threads' });
  assert.deepEqual({ bundled: on.bundled, backend: on.backend }, { bundled: false, backend: 'wasm-threads' });
  assert.equal(off.cost, on.cost, 'the same training either way');
});
