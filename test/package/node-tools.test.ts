// backprop under the Node tools of a consumer, the packed tarball installed in a fresh project (see project.ts):
// an app bundled by esbuild --platform=node --format=esm with no createRequire banner (before, such a bundle
// stopped at start with `Dynamic require of "util" is not supported`: pngjs, CommonJS, requiring Node's
// built-ins, was bundled), a Vitest test that trains a tiny network, and a `vite build --ssr` server bundle.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { consumerProjectForFile, tools, type Project, writeIn } from './project.js';

let project: Project;
let app: string;
consumerProjectForFile((made) => { project = made; app = made.dir; });

const write = (file: string, text: string | Buffer) => writeIn(app, file, text);

/** A 3x2 PNG, picture.png. */
function writePicture(): void {
  const png = new PNG({ width: 3, height: 2 });
  png.data.fill(200);
  write('picture.png', PNG.sync.write(png));
}

// trains on the kernel worker threads (a worker bundled as an entry of its own), reads a PNG, writes and reads ONNX
const MAIN = `import { Worker } from 'node:worker_threads';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Network, Model, fitAsync, synthetic, initBackend, decodeImage, saveOnnx, loadOnnx } from 'backprop';
const backend = await initBackend('auto', { startWorker: () => new Worker(new URL('./kernel-worker.mjs', import.meta.url)) });
const { X, Y } = synthetic('flower');
const net = new Network({ inputSize: 2, layers: [{ units: 8, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], seed: 2, dtype: 'float32' });
const history = await fitAsync(net, X, Y, { epochs: 20, learningRate: 1 });
const image = decodeImage(process.argv[2]);
const file = join(tmpdir(), 'bundle-' + process.pid + '.onnx');
await saveOnnx(file, Model.fromNetwork(net));
const back = await loadOnnx(file);
console.log(backend, history.cost.length, image.width + 'x' + image.height, back.network.layers.length);
`;

test('esbuild --bundle --platform=node --format=esm, no createRequire banner: the bundle starts, trains on the worker threads, reads a PNG and writes ONNX', () => {
  const esbuild = path.join(tools(project, 'esbuild', ['esbuild@0.28']), 'node_modules', 'esbuild', 'bin', 'esbuild');
  write('esm/main.mjs', MAIN);
  write('esm/kernel-worker.mjs', `import 'backprop/wasm/worker.js';\n`);
  writePicture();
  const build = spawnSync(process.execPath, [esbuild, 'esm/main.mjs', 'esm/kernel-worker.mjs', '--bundle', '--platform=node', '--format=esm',
    '--outdir=out-esm', '--out-extension:.js=.mjs', '--log-level=warning'], { cwd: app, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  const kernels = path.join(app, 'node_modules', 'backprop', 'dist', 'src', 'kernels', 'wasm');
  for (const f of readdirSync(kernels).filter((f) => f.endsWith('.wasm'))) copyFileSync(path.join(kernels, f), path.join(app, 'out-esm', f));
  const run = spawnSync(process.execPath, ['out-esm/main.mjs', 'picture.png'], { cwd: app, encoding: 'utf8', timeout: 30_000 });
  assert.equal(run.stderr, '');
  assert.equal(run.status, 0);
  assert.equal(run.stdout, `${availableParallelism() > 1 ? 'wasm-threads' : 'wasm'} 20 3x2 2\n`);
});

test('Vitest 3: a test file that imports backprop trains a tiny network on the worker threads and reads a PNG', () => {
  const vitest = path.join(tools(project, 'vitest', ['vitest@3']), 'node_modules', 'vitest', 'vitest.mjs');
  write('vitest/train.test.mjs', `import { test, expect } from 'vitest';
import { Network, fitAsync, synthetic, initBackend, decodeImage } from 'backprop';
test('trains', async () => {
  const backend = await initBackend();
  const { X, Y } = synthetic('flower');
  const net = new Network({ inputSize: 2, layers: [{ units: 8, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], seed: 2, dtype: 'float32' });
  const history = await fitAsync(net, X, Y, { epochs: 50, learningRate: 1 });
  expect(backend).toBe(${JSON.stringify(availableParallelism() > 1 ? 'wasm-threads' : 'wasm')});
  expect(decodeImage('picture.png').width).toBe(3);
  expect(history.cost.at(-1)).toBeLessThan(history.cost[0] * 0.99);
});
`);
  if (!existsSync(path.join(app, 'picture.png'))) writePicture();
  write('vitest.config.mjs', `export default { test: { include: ['vitest/**/*.test.mjs'] } };\n`);
  const run = spawnSync(process.execPath, [vitest, 'run'], { cwd: app, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1', CI: '1' } });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /Tests {2}1 passed \(1\)/);
});

test('vite build --ssr of a file importing backprop (Vite\'s default: dependencies external): the server bundle trains on the worker threads', () => {
  write('ssr/entry.mjs', `import { Network, fitAsync, synthetic, initBackend } from 'backprop';
const backend = await initBackend();
const { X, Y } = synthetic('flower');
const net = new Network({ inputSize: 2, layers: [{ units: 8, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], seed: 2, dtype: 'float32' });
console.log(backend, (await fitAsync(net, X, Y, { epochs: 20, learningRate: 1 })).cost.length);
`);
  const build = spawnSync(process.execPath, [path.join('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--ssr', 'ssr/entry.mjs', '--outDir', 'out-ssr'],
    { cwd: app, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(build.status, 0, build.stdout + build.stderr);
  assert.doesNotMatch(build.stdout + build.stderr, /warn/i);
  const run = spawnSync(process.execPath, ['out-ssr/entry.js'], { cwd: app, encoding: 'utf8', timeout: 30_000 });
  assert.equal(run.stderr, '');
  assert.equal(run.stdout, `${availableParallelism() > 1 ? 'wasm-threads' : 'wasm'} 20\n`);
});

// reads a PNG and writes and reads ONNX (pngjs and protobufjs, CommonJS, required on first use), in an async function (no top-level await for CommonJS output)
const READERS = `import { Network, Model, decodeImage, saveOnnx, loadOnnx } from 'backprop';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
(async () => {
  const image = decodeImage(process.argv[2]);
  const file = join(tmpdir(), 'readers-' + process.pid + '.onnx');
  await saveOnnx(file, Model.fromNetwork(new Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }] })));
  console.log(image.width + 'x' + image.height, (await loadOnnx(file)).network.layers.length);
})().catch((e) => { console.error(e.name + ': ' + e.message); process.exitCode = 1; });
`;

test('esbuild --format=cjs (import.meta.url empty there) reads PNG and ONNX; a bundle run away from node_modules names the missing dependency in one line', () => {
  const esbuild = path.join(tools(project, 'esbuild', ['esbuild@0.28']), 'node_modules', 'esbuild', 'bin', 'esbuild');
  if (!existsSync(path.join(app, 'picture.png'))) writePicture();
  write('readers/main.mjs', READERS);
  for (const format of ['cjs', 'esm']) {
    const build = spawnSync(process.execPath, [esbuild, 'readers/main.mjs', '--bundle', '--platform=node', `--format=${format}`,
      `--outfile=out-readers/main.${format === 'cjs' ? 'cjs' : 'mjs'}`, '--log-level=error'], { cwd: app, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
  }
  const run = spawnSync(process.execPath, ['out-readers/main.cjs', 'picture.png'], { cwd: app, encoding: 'utf8', timeout: 30_000 });
  assert.equal(run.stderr, '');
  assert.equal(run.stdout, '3x2 1\n');
  // the bundle copied where there is no node_modules: pngjs cannot be found, and the error says so (not "the PNG file is damaged")
  const lone = path.join(path.dirname(app), 'lone');
  mkdirSync(lone, { recursive: true });
  for (const f of ['main.cjs', 'main.mjs']) copyFileSync(path.join(app, 'out-readers', f), path.join(lone, f));
  copyFileSync(path.join(app, 'picture.png'), path.join(lone, 'picture.png'));
  for (const f of ['main.cjs', 'main.mjs']) {
    const away = spawnSync(process.execPath, [f, 'picture.png'], { cwd: lone, encoding: 'utf8', timeout: 30_000 });
    assert.equal(away.stderr, "MissingDependencyError: reading PNG images needs the package pngjs, a dependency of backprop, which did not load (Cannot find module 'pngjs'): "
      + "install backprop's dependencies beside the program (npm install), or leave backprop out of the bundle\n", f);
  }
});
