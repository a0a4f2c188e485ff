// The packed tarball (one `npm pack`, see project.ts) installed by the package managers developers use,
// each with its own node_modules layout: pnpm 9 (strict: only declared packages, symlinks into .pnpm),
// Yarn classic (v1), and an npm workspace member (the package hoisted to the workspace root). In each,
// an ES module trains on the kernel worker threads, reads a PNG and writes ONNX, a CommonJS file
// require()s it, the bin runs, and a missing optional peer is named in one line.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync, lstatSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { npm, pack } from './project.js';

let dir: string;
let tarball: string;
before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'backprop-managers-'));
  tarball = pack(dir);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const ESM = `import { Network, Model, fitAsync, synthetic, initBackend, decodeImage, saveOnnx, loadOnnx, renderSvg } from 'backprop';
const backend = await initBackend();
const { X, Y } = synthetic('flower');
const net = new Network({ inputSize: 2, layers: [{ units: 8, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], seed: 2, dtype: 'float32' });
const history = await fitAsync(net, X, Y, { epochs: 20, learningRate: 1 });
await saveOnnx('model.onnx', Model.fromNetwork(net));
const back = await loadOnnx('model.onnx');
const chart = await renderSvg({}).then(() => 'rendered', (e) => e.message);
console.log(backend, history.cost.length, decodeImage('picture.png').width, back.network.layers.length, chart);
`;
const CJS = `const b = require('backprop');\nconsole.log(typeof b.fit, b === require('backprop/node'));\n`;

/** A project folder `name` in the temporary folder (package.json, the scripts and a PNG). */
function project(name: string, packageJson: object, where = name): string {
  const root = path.join(dir, name);
  const app = path.join(dir, where);
  mkdirSync(app, { recursive: true });
  writeFileSync(path.join(root, 'package.json'), JSON.stringify(packageJson));
  writeFileSync(path.join(app, 'train.mjs'), ESM);
  writeFileSync(path.join(app, 'load.cjs'), CJS);
  const png = new PNG({ width: 3, height: 2 });
  png.data.fill(200);
  writeFileSync(path.join(app, 'picture.png'), PNG.sync.write(png));
  return app;
}

/** Runs the scripts in `app` and the bin installed in `root`, checking their output. */
function check(app: string, root = app): void {
  const run = (args: string[]) => spawnSync(process.execPath, args, { cwd: app, encoding: 'utf8', timeout: 30_000 });
  const train = run(['train.mjs']);
  assert.equal(train.stderr, '');
  assert.equal(train.stdout, `${availableParallelism() > 1 ? 'wasm-threads' : 'wasm'} 20 3 2 drawing charts needs the optional packages vega vega-lite: npm install vega vega-lite\n`);
  const load = run(['load.cjs']);
  assert.equal(load.stderr, '');
  assert.equal(load.stdout, 'function true\n');
  const bin = spawnSync(path.join(root, 'node_modules', '.bin', 'backprop'), ['--version'], { cwd: app, encoding: 'utf8' });
  assert.equal(bin.status, 0, bin.stderr);
  assert.match(bin.stdout, /^\d+\.\d+\.\d+\n$/);
}

/** A package manager from the npm registry (the warm cache first), run by node: its command line. */
function manager(spec: string, bin: string): string[] {
  const home = path.join(dir, `tool-${spec.replace(/[@/]/g, '_')}`);
  mkdirSync(home);
  writeFileSync(path.join(home, 'package.json'), JSON.stringify({ name: 'tool', version: '1.0.0', private: true }));
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', spec], home);
  return [process.execPath, path.join(home, 'node_modules', spec.replace(/@[^@]*$/, ''), bin)];
}

test('pnpm 9 (strict node_modules, symlinks into .pnpm): installs the tarball; ESM trains on threads, CommonJS requires it, the bin runs', () => {
  const app = project('pnpm', { name: 'consumer', version: '1.0.0', private: true, type: 'module' });
  const [node, pnpm] = manager('pnpm@9', 'bin/pnpm.cjs');
  execFileSync(node!, [pnpm!, 'add', '--prefer-offline', '--ignore-scripts', '--reporter=silent', tarball], { cwd: app, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.ok(lstatSync(path.join(app, 'node_modules', 'backprop')).isSymbolicLink(), 'pnpm links backprop into .pnpm');
  assert.ok(!existsSync(path.join(app, 'node_modules', 'pngjs')), 'its dependencies are not hoisted');
  check(app);
});

test('Yarn classic (v1): installs the tarball; ESM trains on threads, CommonJS requires it, the bin runs', () => {
  const app = project('yarn1', { name: 'consumer', version: '1.0.0', private: true, type: 'module' });
  const [node, yarn] = manager('yarn@1', 'bin/yarn.js');
  execFileSync(node!, [yarn!, 'add', `file:${tarball}`, '--prefer-offline', '--ignore-scripts', '--no-progress', '--silent', '--non-interactive'], { cwd: app, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  check(app);
});

test('an npm workspace member: backprop hoisted to the workspace root; ESM trains on threads, CommonJS requires it, the bin runs', () => {
  const app = project('workspace', { name: 'root', private: true, workspaces: ['packages/*'] }, path.join('workspace', 'packages', 'member'));
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'member', version: '1.0.0', private: true, type: 'module' }));
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '-w', 'packages/member', tarball], path.join(dir, 'workspace'));
  assert.ok(existsSync(path.join(dir, 'workspace', 'node_modules', 'backprop', 'package.json')), 'hoisted to the root');
  check(app, path.join(dir, 'workspace'));
});
