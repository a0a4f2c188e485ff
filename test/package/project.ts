// A consumer's project for the package tests: `npm pack` of this repository once, installed into a
// fresh temporary folder the way a user installs it (production dependencies only, from the local
// tarball and the warm npm cache). TypeScript, @types/node, Vite and playwright-core are not
// installed there: the tests run the repository's own copies (symlinked where a tool looks them up).

import { execFileSync, spawnSync } from 'node:child_process';
import { after, before } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url)); // dist/test/package -> the repository
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Run npm with arguments in `cwd`, returning stdout. */
export function npm(args: string[], cwd: string): string {
  return execFileSync(NPM, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' } });
}

/** Pack the repository (as built by `npm run build`) into `dir`; returns the tarball's path. */
export function pack(dir: string): string {
  const [info] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT)) as { filename: string }[];
  return path.join(dir, info!.filename);
}

export interface Project { dir: string; tarball: string; remove(): void }

/**
 * A fresh ESM project with the packed backprop installed (no dev or optional peer packages), in a
 * folder whose name has a space and a non-ASCII letter (file URLs of the kernels are percent-encoded there).
 */
export function consumerProject(): Project {
  const dir = mkdtempSync(path.join(tmpdir(), 'backprop-consumer-'));
  const tarball = pack(dir);
  const app = path.join(dir, 'my app ü');
  mkdirSync(app);
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--omit=dev', tarball], app);
  // the tools come from the repository: @types/node for `types: ["node"]`, vite for `vite build`
  mkdirSync(path.join(app, 'node_modules', '@types'), { recursive: true });
  symlinkSync(path.join(ROOT, 'node_modules', '@types', 'node'), path.join(app, 'node_modules', '@types', 'node'), 'dir');
  symlinkSync(path.join(ROOT, 'node_modules', 'vite'), path.join(app, 'node_modules', 'vite'), 'dir');
  return { dir: app, tarball, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A consumer project made before a test file's tests and removed after them; `use` gets it once made. */
export function consumerProjectForFile(use: (project: Project) => void): void {
  let project: Project | undefined;
  before(() => {
    project = consumerProject();
    use(project);
  });
  after(() => project?.remove());
}

/** The TypeScript compiler of the repository, run on `tsconfig` in `cwd`; returns its output (throws on errors). */
export function tsc(cwd: string, tsconfig: string): string {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', tsconfig], { cwd, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`tsc -p ${tsconfig} failed:\n${run.stdout}${run.stderr}`);
  return run.stdout;
}

/** The ```ts blocks of a Markdown text. */
export function typescriptBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((m) => m[1]!);
}

/**
 * Install the consumer-side tools `specs` (e.g. 'esbuild@0.28') beside `project`'s app, in a folder of
 * their own (`tools-<name>`) (the warm npm cache first); returns that folder, whose node_modules/.bin has their commands.
 */
export function tools(project: Project, name: string, specs: string[]): string {
  const dir = path.join(path.dirname(project.dir), `tools-${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'tools', version: '1.0.0', private: true }));
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-save', ...specs], dir);
  return dir;
}

/** Write `text` to `file` inside the folder `dir`, making the folders on the way. */
export function writeIn(dir: string, file: string, text: string | Buffer): void {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
}
