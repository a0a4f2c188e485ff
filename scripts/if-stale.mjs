#!/usr/bin/env node
// Run a build step only when its output is missing or older than one of its inputs:
//   node scripts/if-stale.mjs OUTPUT INPUT... -- COMMAND ARGS...
// (inputs are files or folders, searched recursively). Keeps `npm test` from rebuilding the
// WebAssembly kernels and the page when their sources did not change. FORCE_BUILD=1 always runs.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const dash = args.indexOf('--');
if (dash < 2 || dash === args.length - 1) {
  console.error('usage: node scripts/if-stale.mjs OUTPUT INPUT... -- COMMAND ARGS...');
  process.exit(2);
}
const [output, ...inputs] = args.slice(0, dash);
const command = args.slice(dash + 1);

/** The newest modification time below a file or folder (node_modules and dist are skipped). */
function newest(p) {
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let t = 0;
  for (const name of readdirSync(p)) {
    if (name === 'node_modules' || name === 'dist') continue;
    t = Math.max(t, newest(path.join(p, name)));
  }
  return t;
}

const stale = process.env.FORCE_BUILD === '1' || !existsSync(output) || inputs.some((i) => existsSync(i) && newest(i) > statSync(output).mtimeMs);
if (!stale) {
  console.log(`${output} is up to date (skipping: ${command.join(' ')})`);
  process.exit(0);
}
const r = spawnSync(command[0], command.slice(1), { stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(r.status ?? 1);
