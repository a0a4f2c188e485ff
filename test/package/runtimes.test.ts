// backprop under the other JavaScript runtimes, Bun and Deno (both from the npm registry: the `bun` and
// `deno` packages, installed beside the consumer's project from the warm npm cache; skipped, saying so,
// where they cannot be installed), on the packed tarball installed by npm (see project.ts). Each runs a
// script that imports backprop, trains a tiny network on the WebAssembly kernels (on worker threads
// with more than one core) and saves and loads a model; Deno with only the permissions such a program
// needs (--allow-read --allow-write). Before, importing backprop under Deno asked for --allow-sys (the
// machine's name was read as a module loaded), and loading a model asked for --allow-env.
// And an older Node than package.json's "engines" (Node 18, from the npm package the `node` package installs):
// one line saying so (before, Node 16 stopped at a SyntaxError about node:os).

import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { consumerProjectForFile, tools, type Project, writeIn } from './project.js';

let project: Project;
let app: string;
consumerProjectForFile((made) => { project = made; app = made.dir; });

const write = (file: string, text: string) => writeIn(app, file, text);
const BACKEND = availableParallelism() > 1 ? 'wasm-threads' : 'wasm';

const TRAIN = `import { Network, Model, fitAsync, synthetic, initBackend, saveModel, loadModel } from 'backprop';
const backend = await initBackend();
const { X, Y } = synthetic('flower');
const net = new Network({ inputSize: 2, layers: [{ units: 8, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], seed: 2, dtype: 'float32' });
const history = await fitAsync(net, X, Y, { epochs: 20, learningRate: 1 });
await saveModel('runtime-model.json', Model.fromNetwork(net));
const back = await loadModel('runtime-model.json');
console.log(backend, history.cost.length, back.network.layers.length);
`;

/**
 * The runtime's binary from its npm package: the package's install script (which links it) is not run
 * (--ignore-scripts), so it is looked up in the platform packages (`@oven/bun-linux-x64/bin/bun`,
 * `@deno/linux-x64-glibc/deno`); the first that runs. A string saying why when there is none.
 */
function runtime(spec: string, scope: string, file: string[]): { bin: string } | { skip: string } {
  let dir: string;
  try {
    dir = tools(project, spec.replace(/@.*/, ''), [spec]);
  } catch (e) {
    return { skip: `${spec} could not be installed from the npm registry or its cache: ${(e as Error).message.split('\n')[0]}` };
  }
  const platforms = path.join(dir, 'node_modules', scope);
  const found = (existsSync(platforms) ? readdirSync(platforms) : []).map((p) => path.join(platforms, p, ...file))
    .find((bin) => existsSync(bin) && spawnSync(bin, ['--version'], { encoding: 'utf8' }).status === 0);
  return found ? { bin: found } : { skip: `${spec} has no binary that runs on ${process.platform}-${process.arch} here` };
}

const run = (bin: string, args: string[]) => spawnSync(bin, args, { cwd: app, encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } });

test('Bun 1: an ES module trains on the WebAssembly kernels (threads) and saves and loads a model; require() and the bin work', (t: TestContext) => {
  const bun = runtime('bun@1', '@oven', ['bin', 'bun']);
  if ('skip' in bun) { t.skip(bun.skip); return; }
  write('bun/train.mjs', TRAIN);
  const train = run(bun.bin, ['bun/train.mjs']);
  assert.equal(train.stderr, '');
  assert.equal(train.stdout, `${BACKEND} 20 2\n`);
  write('bun/load.cjs', `const b = require('backprop');\nconsole.log(typeof b.fit, b === require('backprop/node'));\n`);
  const load = run(bun.bin, ['bun/load.cjs']);
  assert.equal(load.stderr, '');
  assert.equal(load.stdout, 'function true\n');
  const cli = run(bun.bin, [path.join('node_modules', 'backprop', 'bin', 'backprop.js'), '--version']);
  assert.equal(cli.status, 0, cli.stderr);
  assert.match(cli.stdout, /^\d+\.\d+\.\d+\n$/);
});

test('Deno 2 (node_modules from package.json): importing needs no permission; with --allow-read --allow-write it trains (threads), saves and loads a model; TypeScript checks; the CLI trains', (t: TestContext) => {
  const deno = runtime('deno@2', '@deno', ['deno']);
  if ('skip' in deno) { t.skip(deno.skip); return; }
  // by its bare name and by an npm: specifier (both resolve to node_modules, the project having a package.json)
  write('deno/import.mjs', `import * as backprop from 'backprop';\nimport { Network } from 'npm:backprop';\nconsole.log(typeof backprop.Network, Network === backprop.Network);\n`);
  const imported = run(deno.bin, ['run', 'deno/import.mjs']);
  assert.equal(imported.stderr, '', 'no permission asked for by the import');
  assert.equal(imported.stdout, 'function true\n');
  write('deno/train.mjs', TRAIN);
  const train = run(deno.bin, ['run', '--allow-read', '--allow-write', 'deno/train.mjs']);
  assert.equal(train.stderr, '');
  assert.equal(train.stdout, `${BACKEND} 20 2\n`);
  write('deno/train.ts', TRAIN.replace("const backend = await initBackend();", "const backend: string = await initBackend();"));
  const check = run(deno.bin, ['check', 'deno/train.ts']);
  assert.equal(check.status, 0, check.stdout + check.stderr);
  // the CLI: the folder check of --save does not take Deno's refusal of the user id (--allow-sys) for a folder it cannot write
  const cli = run(deno.bin, ['run', '--allow-read', '--allow-write', '--allow-sys', path.join('node_modules', 'backprop', 'bin', 'backprop.js'),
    'train', '--data', 'flower', '--epochs', '2', '--save', 'deno-cli-model.json']);
  assert.equal(cli.status, 0, cli.stderr);
  assert.ok(existsSync(path.join(app, 'deno-cli-model.json')), 'the model is saved');
});

test('Node 18 (older than "engines"): import, require() and the bin each stop with one line naming the Node needed, not a SyntaxError', (t: TestContext) => {
  const engines = (JSON.parse(readFileSync(path.join(app, 'node_modules', 'backprop', 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
  assert.equal(engines, '>=20', 'the version check (src/node-version.ts, cjs/require.cjs) follows "engines"');
  // the `node` package's binaries, one package per platform (what `npx node@18` installs)
  const spec = `node-${process.platform}-${process.arch}@18`;
  let dir: string;
  try {
    dir = tools(project, 'node18', [spec]);
  } catch (e) {
    t.skip(`${spec} could not be installed from the npm registry or its cache: ${(e as Error).message.split('\n')[0]}`);
    return;
  }
  const node18 = path.join(dir, 'node_modules', spec.replace(/@.*/, ''), 'bin', 'node');
  const version = spawnSync(node18, ['--version'], { encoding: 'utf8' }).stdout.trim().slice(1);
  if (!version.startsWith('18.')) { t.skip(`${spec} does not run here`); return; }
  const line = `backprop needs Node.js 20 or newer (this is Node ${version}): install a current Node (nodejs.org, or e.g. nvm install 22)`;
  write('old/import.mjs', `import { Network } from 'backprop';\nconsole.log(typeof Network);\n`);
  write('old/require.cjs', `const { Network } = require('backprop');\nconsole.log(typeof Network);\n`);
  for (const script of ['old/import.mjs', 'old/require.cjs']) {
    const run = spawnSync(node18, [script], { cwd: app, encoding: 'utf8' });
    assert.notEqual(run.status, 0);
    assert.ok(run.stderr.includes(`\nError: ${line}\n`), `${script}: ${run.stderr}`);
    assert.doesNotMatch(run.stderr, /SyntaxError/);
  }
  const bin = spawnSync(node18, [path.join('node_modules', 'backprop', 'bin', 'backprop.js'), 'train', '--data', 'flower'], { cwd: app, encoding: 'utf8' });
  assert.equal(bin.status, 1);
  assert.equal(bin.stderr, `backprop: error: ${line}\n`);
});
