// When the kernel worker threads cannot start where they could (Node here), training goes on on one
// thread and says why, once. It was silent: Next.js 16 (Turbopack) copies the worker's script into its
// server assets unbundled, a .js file under a package.json without "type": "module", which Node reads
// as CommonJS; the only word was Node's own "To load an ES module, set "type": "module"".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { initBackend, getBackend } from '../../src/index.js';
import { tempDir } from '../helpers/cli.js';

test('worker threads that fail to start leave training on one thread (wasm) with one console line saying why', async () => {
  const dir = tempDir();
  // the worker's script as such a bundler copies it: an ES module in a CommonJS scope, its relative imports gone
  writeFileSync(path.join(dir, 'package.json'), '{}\n');
  const script = path.join(dir, 'worker.1xh74.js');
  writeFileSync(script, "import { takeJob } from './protocol.js';\ntakeJob();\n");
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => { warnings.push(args.join(' ')); };
  try {
    assert.equal(await initBackend('wasm-threads', { threads: 2, startWorker: () => new Worker(script) }), 'wasm');
    assert.equal(await initBackend('wasm-threads', { threads: 2, startWorker: () => new Worker(script) }), 'wasm');
  } finally {
    console.warn = warn;
  }
  assert.equal(getBackend().name, 'wasm');
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0]!, /^backprop: the kernel worker threads did not start \(.*protocol\.js.*\), so training runs on one thread; in a bundle, keep backprop out of it \(Next\.js: serverExternalPackages: \['backprop'\]\) or give initBackend a startWorker \(backprop's docs\/packaging\.md\)$/s);
});
