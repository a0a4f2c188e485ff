// backprop under Node flags a consumer may set (NODE_OPTIONS or the command line). `--jitless` turns
// WebAssembly off: training runs on the JS kernels, and the one console line said "in a bundle, put the
// .wasm files beside it or give initBackend their URLs", advice that fits a bundle's missing files, not an
// engine without WebAssembly; now it names the setting. And --no-addons, --frozen-intrinsics together with
// --disallow-code-generation-from-strings (in NODE_OPTIONS, as a locked-down service sets them) change nothing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ROOT, tempDir } from '../helpers/cli.js';

const dir = tempDir('backprop-flags-');
after(() => rmSync(dir, { recursive: true, force: true }));

const script = path.join(dir, 'train.mjs');
writeFileSync(script, `import { Network, fitAsync, synthetic, initBackend } from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist/src/node.js')).href)};
const backend = await initBackend();
const { X, Y } = synthetic('flower', { samples: 100, seed: 1 });
const net = new Network({ inputSize: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], seed: 2 });
const history = await fitAsync(net, X, Y, { epochs: 5, learningRate: 1 });
console.log(backend, history.cost.length);
`);
const run = (flags: string[], env: Record<string, string> = {}) => spawnSync(process.execPath, [...flags, script], { cwd: dir, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });

test('node --jitless (no WebAssembly): trains on the JS kernels after one line naming the setting, not a bundle', () => {
  const r = run(['--jitless', '--no-warnings']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'js 5\n');
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('backprop:'));
  assert.deepEqual(lines, ['backprop: the WebAssembly kernels did not load (WebAssembly is not defined), so training runs on the plain JavaScript kernels, '
    + 'several times slower; this JavaScript engine has WebAssembly turned off (node --jitless does that): run it without that setting for the faster kernels']);
});

test('NODE_OPTIONS=--no-addons --frozen-intrinsics --disallow-code-generation-from-strings: trains on the WebAssembly kernels as without them', () => {
  const r = run([], { NODE_OPTIONS: '--no-addons --frozen-intrinsics --disallow-code-generation-from-strings --no-warnings' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, `${availableParallelism() > 1 ? 'wasm-threads' : 'wasm'} 5\n`);
});
