// scripts/if-stale.mjs, which keeps `npm run build` (run by `npm test`, and by npx's install of the
// project) from redoing a step whose inputs did not change: runs when an input is newer than the
// output or the output is missing, marks the output once the command succeeds, never after a failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, tempDir } from '../helpers/cli.js';

const SCRIPT = path.join(ROOT, 'scripts/if-stale.mjs');

function ifStale(dir: string, output: string, inputs: string[], command: string[]): { code: number; ran: boolean } {
  const r = spawnSync(process.execPath, [SCRIPT, output, ...inputs, '--', ...command], { cwd: dir, encoding: 'utf8', env: { ...process.env, FORCE_BUILD: '' } });
  return { code: r.status ?? -1, ran: !/is up to date/.test(r.stdout) };
}

const ago = (file: string, seconds: number) => {
  const t = new Date(Date.now() - seconds * 1000);
  utimesSync(file, t, t);
};

test('a step runs when its stamp is missing or older than an input (a file, or a folder that lost a file), and is skipped otherwise', () => {
  const dir = tempDir();
  try {
    mkdirSync(path.join(dir, 'src/sub'), { recursive: true });
    writeFileSync(path.join(dir, 'src/sub/a.ts'), 'x');
    writeFileSync(path.join(dir, 'src/sub/b.ts'), 'y');
    for (const f of ['src/sub/a.ts', 'src/sub/b.ts', 'src/sub', 'src']) ago(path.join(dir, f), 100);
    const touchLog = [process.execPath, '-e', "require('fs').appendFileSync('log', 'built\\n')"];
    // no stamp: runs, and the stamp is made (the command itself does not write it)
    assert.deepEqual(ifStale(dir, 'stamp', ['src'], touchLog), { code: 0, ran: true });
    assert.ok(existsSync(path.join(dir, 'stamp')));
    // nothing newer: skipped
    assert.deepEqual(ifStale(dir, 'stamp', ['src'], touchLog), { code: 0, ran: false });
    // an input file edited after the stamp: runs
    ago(path.join(dir, 'stamp'), 50);
    writeFileSync(path.join(dir, 'src/sub/a.ts'), 'x2');
    assert.deepEqual(ifStale(dir, 'stamp', ['src'], touchLog), { code: 0, ran: true });
    assert.deepEqual(ifStale(dir, 'stamp', ['src'], touchLog), { code: 0, ran: false });
    // a file removed (only its folder's time changes): runs
    ago(path.join(dir, 'stamp'), 10);
    for (const f of ['src/sub/a.ts', 'src']) ago(path.join(dir, f), 100);
    rmSync(path.join(dir, 'src/sub/b.ts'));
    assert.deepEqual(ifStale(dir, 'stamp', ['src'], touchLog), { code: 0, ran: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a failed step leaves its stamp as it was, so the next build runs it again', () => {
  const dir = tempDir();
  try {
    writeFileSync(path.join(dir, 'in.ts'), 'x');
    ago(path.join(dir, 'in.ts'), 10);
    const fail = [process.execPath, '-e', 'process.exit(3)'];
    assert.equal(ifStale(dir, 'stamp', ['in.ts'], fail).code, 3);
    assert.ok(!existsSync(path.join(dir, 'stamp')), 'no stamp after a failure');
    writeFileSync(path.join(dir, 'stamp'), '');
    ago(path.join(dir, 'stamp'), 20); // older than the input
    const before = statSync(path.join(dir, 'stamp')).mtimeMs;
    assert.equal(ifStale(dir, 'stamp', ['in.ts'], fail).code, 3);
    assert.equal(statSync(path.join(dir, 'stamp')).mtimeMs, before, 'the stamp did not move');
    assert.equal(ifStale(dir, 'stamp', ['in.ts'], fail).code, 3, 'and the step runs again');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
