// Run the built `backprop` command as a user would, and find the shared data folder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is dist/test/helpers/cli.js once built). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SHARED_DATA = path.resolve(ROOT, '../shared/data');
export const hasSharedData = existsSync(path.join(SHARED_DATA, 'README.md'));
export const sharedMissing = `shared data not found at ${SHARED_DATA}: these tests need ../shared/data beside the repository`;

export interface RunResult { code: number; stdout: string; stderr: string }

/** `uid`: run as that user (possible when the tests run as root, e.g. to meet a folder root could write to). */
export function backprop(args: string[], options: { cwd?: string; timeout?: number; uid?: number; env?: Record<string, string> } = {}): RunResult {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/backprop.js'), ...args], {
    cwd: options.cwd ?? ROOT, encoding: 'utf8', timeout: options.timeout ?? 600_000, env: { ...process.env, FORCE_COLOR: '0', ...options.env },
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const tempDirs: string[] = [];
process.on('exit', () => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** A new folder in the system's temp folder, removed when the test file's process exits. */
export function tempDir(prefix = 'backprop-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** A function that writes a file of that name and content into `dir` and returns its path. */
export function fileWriter(dir: string): (name: string, content: string | Uint8Array) => string {
  return (name, content) => {
    const p = path.join(dir, name);
    writeFileSync(p, content);
    return p;
  };
}

/** Exit code 2 and exactly one line on stderr, `backprop: error: ...` matching pattern. */
export function usageError(r: RunResult, pattern: RegExp): void {
  const lines = r.stderr.trim().split('\n');
  assert.equal(r.code, 2, `exit code ${r.code}:\n${r.stderr}`);
  assert.equal(lines.length, 1, `expected one line, got:\n${r.stderr}`);
  assert.match(lines[0]!, /^backprop: error: /);
  assert.match(lines[0]!, pattern);
}
