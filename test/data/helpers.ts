// Shared by the data tests: a temp folder for hand-made files, and the shared real data folder.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after } from 'node:test';

/** The repository root: the nearest folder above this file that has a package.json. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

/** The shared real data (read-only), beside the repository. */
export const SHARED_DATA = resolve(repoRoot(), '../shared/data');
export const hasSharedData = existsSync(join(SHARED_DATA, 'README.md'));
export const skipMessage = `shared data not found at ${SHARED_DATA}`;

/** A fresh temp folder, removed when the test file ends. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-data-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Write a file into dir and return its path. */
export function writeFile(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** An IDX file: magic, big-endian dimensions, then the bytes. */
export function idxBytes(magic: number, dims: number[], values: number[]): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + values.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, magic);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  out.set(values, 4 + 4 * dims.length);
  return out;
}

/** Options that drop warnings, and a collector of them (`said`), for the readers' { warn } option. */
export const quiet = { warn: (): void => {} };
export function collectWarnings(): { said: string[]; warn: (w: string) => void } {
  const said: string[] = [];
  return { said, warn: (w: string) => said.push(w) };
}
