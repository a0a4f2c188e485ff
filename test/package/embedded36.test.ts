// The WebAssembly kernels inside a module (`backprop/wasm/embedded.js`, written by scripts/embed-wasm.mjs),
// for the bundlers that do not emit the files that `new URL('./gemm.wasm', import.meta.url)` names (esbuild,
// Rollup): a bundle that imports it trains on WebAssembly with no .wasm file beside it. Before, an esbuild
// bundle without the copied files trained on the plain JavaScript kernels after the fallback's console line,
// and a `--format=cjs` one (import.meta.url empty there) could not find them at all. The packed tarball,
// installed in a fresh project (project.ts); esbuild from the npm registry or its cache (skipped, saying so,
// where it cannot be installed).

import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { consumerProjectForFile, tools, tsc, type Project, writeIn } from './project.js';

let project: Project;
let app: string;
consumerProjectForFile((made) => { project = made; app = made.dir; });

const write = (file: string, text: string) => writeIn(app, file, text);

/** esbuild's command from the registry (or its cache), or why it cannot be had. */
function esbuild(): { bin: string } | { skip: string } {
  try {
    return { bin: path.join(tools(project, 'esbuild', ['esbuild@0.28']), 'node_modules', 'esbuild', 'bin', 'esbuild') };
  } catch (e) {
    return { skip: `esbuild could not be installed from the npm registry or its cache: ${(e as Error).message.split('\n')[0]}` };
  }
}

const TRAIN = `const { X, Y } = synthetic('flower');
const net = new Network({ inputSize: 2, layers: [{ units: 8, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], seed: 2, dtype: 'float32' });
const history = await fitAsync(net, X, Y, { epochs: 20, learningRate: 1 });
console.log(backend, history.cost.length);
`;

function bundleAndRun(bin: string, entries: string[], outdir: string, format: 'esm' | 'cjs', main: string) {
  const build = spawnSync(process.execPath, [bin, ...entries, '--bundle', '--platform=node', `--format=${format}`, `--outdir=${outdir}`,
    `--out-extension:.js=${format === 'esm' ? '.mjs' : '.cjs'}`, '--log-level=warning'], { cwd: app, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  assert.deepEqual(readdirSync(path.join(app, outdir)).filter((f) => f.endsWith('.wasm')), [], 'no kernel file beside the bundle');
  return spawnSync(process.execPath, [path.join(outdir, main)], { cwd: app, encoding: 'utf8', timeout: 30_000 });
}

test('esbuild --format=esm: with embeddedKernels() and a bundled kernel worker, the bundle trains on the worker threads with no .wasm file copied', (t: TestContext) => {
  const tool = esbuild();
  if ('skip' in tool) { t.skip(tool.skip); return; }
  write('emb-esm/main.mjs', `import { Worker } from 'node:worker_threads';
import { Network, fitAsync, synthetic, initBackend } from 'backprop';
import { embeddedKernels } from 'backprop/wasm/embedded.js';
const backend = await initBackend('auto', { ...(await embeddedKernels()), startWorker: () => new Worker(new URL('./kernel-worker.mjs', import.meta.url)) });
${TRAIN}`);
  write('emb-esm/kernel-worker.mjs', `import 'backprop/wasm/worker.js';\n`);
  const run = bundleAndRun(tool.bin, ['emb-esm/main.mjs', 'emb-esm/kernel-worker.mjs'], 'out-emb-esm', 'esm', 'main.mjs');
  assert.equal(run.stderr, '', 'no fallback line');
  assert.equal(run.stdout, `${availableParallelism() > 1 ? 'wasm-threads' : 'wasm'} 20\n`);
});

test('esbuild --format=cjs (import.meta.url empty): with embeddedKernels() the bundle trains on WebAssembly', (t: TestContext) => {
  const tool = esbuild();
  if ('skip' in tool) { t.skip(tool.skip); return; }
  write('emb-cjs/main.mjs', `import { Network, fitAsync, synthetic, initBackend } from 'backprop';
import { embeddedKernels } from 'backprop/wasm/embedded.js';
(async () => {
const backend = await initBackend('wasm', await embeddedKernels());
${TRAIN}})();
`);
  const run = bundleAndRun(tool.bin, ['emb-cjs/main.mjs'], 'out-emb-cjs', 'cjs', 'main.cjs');
  assert.equal(run.stderr, '', 'no fallback line');
  assert.equal(run.stdout, 'wasm 20\n');
});

// moduleResolution node10 (TypeScript's `module: commonjs` default) ignores "exports": it found no declarations
// for backprop/wasm/* (TS2307) until package.json's typesVersions mapped them as it maps backprop/node
test('TypeScript (moduleResolution bundler, nodenext and node10) finds the declarations of backprop/wasm/embedded.js', () => {
  write('emb-ts/main.ts', `import { initBackend } from 'backprop';
import { embeddedKernels } from 'backprop/wasm/embedded.js';
const kernels: { wasm: Uint8Array[]; wasmShared: Uint8Array[] } = await embeddedKernels();
export const backend: string = await initBackend('auto', kernels);
`);
  write('emb-ts/lib.ts', `import { embeddedKernels } from 'backprop/wasm/embedded.js';
export const kernels: Promise<{ wasm: Uint8Array[]; wasmShared: Uint8Array[] }> = embeddedKernels();
`);
  const settings = [['esnext', 'bundler', 'main.ts'], ['nodenext', 'nodenext', 'main.ts'], ['commonjs', 'node10', 'lib.ts']];
  for (const [module, moduleResolution, file] of settings) {
    write(`emb-ts/tsconfig.${moduleResolution}.json`, JSON.stringify({ compilerOptions: { module, moduleResolution, target: 'es2022', strict: true, noEmit: true, skipLibCheck: false, types: ['node'] }, files: [file] }));
    tsc(path.join(app, 'emb-ts'), `tsconfig.${moduleResolution}.json`);
  }
});
