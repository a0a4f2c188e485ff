// require('backprop') from a .cjs file under `node --experimental-default-type=module` (Node 20 and 22;
// the flag is gone from Node 23). Node 20.20's require(esm) cannot link an ES module that imports another
// there: it threw "Error: request for './node-version.js' is not in cache" (ERR_VM_MODULE_LINK_FAILURE)
// with a stack trace from cjs/require.cjs. Now require.cjs takes the CommonJS bundle, as it does where
// the loader cannot require an ES module at all; on Node 22 the ES module itself loads.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, tempDir } from '../helpers/cli.js';

const dir = tempDir('backprop-default-type-');
after(() => rmSync(dir, { recursive: true, force: true }));

const major = Number(process.versions.node.split('.')[0]);

test('a .cjs file under --experimental-default-type=module requires backprop and trains (Node 20: through the CommonJS bundle)', { skip: major >= 23 ? `Node ${process.versions.node} has no --experimental-default-type` : false }, () => {
  writeFileSync(path.join(dir, 'package.json'), '{}');
  // require.cache is not there for a .cjs file run under that flag: which file loaded shows in an error's stack
  writeFileSync(path.join(dir, 'train.cjs'), `const b = require(${JSON.stringify(path.join(ROOT, 'cjs', 'require.cjs'))});
let where = '';
try { b.fit(null); } catch (e) { where = /backprop\\.cjs/.test(e.stack) ? 'bundle' : /dist[\\\\/]src[\\\\/]/.test(e.stack) ? 'esm' : e.stack; }
b.initBackend().then(async (backend) => {
  const { history } = await b.trainModel({ layers: [4], epochs: 3, seed: 1 }, { train: b.synthetic('flower', { samples: 100, seed: 1 }) });
  console.log(JSON.stringify({ backend, epochs: history.cost.length, where }));
});\n`);
  const r = spawnSync(process.execPath, ['--no-warnings', '--experimental-default-type=module', 'train.cjs'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  const out = JSON.parse(r.stdout) as { backend: string; epochs: number; where: string };
  assert.equal(out.epochs, 3);
  assert.match(out.backend, /^wasm/);
  assert.equal(out.where, major === 20 ? 'bundle' : 'esm');
});
