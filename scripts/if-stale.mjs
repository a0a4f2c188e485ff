#!/usr/bin/env node
// Run a build step only when its output is missing or older than one of its inputs:
//   node scripts/if-stale.mjs OUTPUT INPUT... -- COMMAND ARGS...
// (inputs are files or folders, searched recursively). Keeps `npm test` (and `npx backprop`, whose
// install of the project runs `prepare`) from rebuilding the WebAssembly kernels, the TypeScript and
// the page when their sources did not change. Once the command succeeds, OUTPUT is marked as made
// now (created empty if the command does not write it: a stamp). FORCE_BUILD=1 always runs.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const dash = args.indexOf('--');
if (dash < 2 || dash === args.length - 1) {
  console.error('usage: node scripts/if-stale.mjs OUTPUT INPUT... -- COMMAND ARGS...');
  process.exit(2);
}
const [output, ...inputs] = args.slice(0, dash);
const command = args.slice(dash + 1);

/** The newest modification time below a file or folder, the folders' own included (a file removed); node_modules and dist are skipped. */
function newest(p) {
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let t = s.mtimeMs;
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
if (r.status === 0) {
  const now = new Date();
  if (!existsSync(output)) closeSync(openSync(output, 'w'));
  utimesSync(output, now, now);
}
process.exit(r.status ?? 1);
