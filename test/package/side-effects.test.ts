// package.json's "sideEffects" lists the only modules that run code at load: the Node entry's version
// guard (it throws on a Node older than "engines"), the Node entry itself (it imports the guard for its
// effect alone: a bundler that skips a side-effect-free module whose re-exports are used skips its
// `import './node-version.js'` too, tried with rolldown), and the two worker scripts (loaded as workers,
// never imported for their exports). Every other module only declares: bundlers may drop one whose
// exports are not used. This checks the list against the sources (a top-level statement other than a
// declaration, or an import of a module for its effect alone, marks a module), and bundles with rolldown
// (Vite's bundler, in node_modules: offline): a bundle importing one class is a small part of one importing
// everything, and still runs. (Measured: before the field, rolldown kept 57 kB of 458 kB for `Matrix` alone; with it, 10 kB.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { ROOT, tempDir } from '../helpers/cli.js';

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { sideEffects?: string[] | boolean };

/** The src/ modules (not the AssemblyScript kernels) with a top-level statement that runs: as their dist/ paths. */
function modulesWithEffects(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) { if (name !== 'assembly') walk(p); continue; }
      if (!p.endsWith('.ts') || p.endsWith('.d.ts')) continue;
      const sf = ts.createSourceFile(p, readFileSync(p, 'utf8'), ts.ScriptTarget.Latest, true);
      const runs = sf.statements.some((s) => (ts.isImportDeclaration(s) && !s.importClause) || !(ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) ||
        ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s) || ts.isEnumDeclaration(s) || ts.isVariableStatement(s) || ts.isExportAssignment(s) || ts.isModuleDeclaration(s)));
      if (runs) out.push('./dist/' + path.relative(ROOT, p).split(path.sep).join('/').replace(/\.ts$/, '.js'));
    }
  };
  walk(path.join(ROOT, 'src'));
  return out.sort();
}

test('"sideEffects" lists exactly the modules whose top level runs code (the Node entry and its version guard, the two worker scripts)', () => {
  assert.ok(Array.isArray(pkg.sideEffects), `package.json "sideEffects" is ${JSON.stringify(pkg.sideEffects)}, not a list of files`);
  const found = modulesWithEffects();
  assert.deepEqual([...pkg.sideEffects].sort(), found);
  assert.deepEqual(found, ['./dist/src/kernels/wasm/worker.js', './dist/src/node-version.js', './dist/src/node.js', './dist/src/tune/worker.js']);
});

/** Bundle `entry` (ES module text) with rolldown for `platform`; the bundle's JavaScript bytes and its file. */
async function bundle(dir: string, name: string, entry: string, platform: 'browser' | 'node' = 'browser'): Promise<{ bytes: number; file: string }> {
  const { build } = await import('rolldown');
  writeFileSync(path.join(dir, `${name}.mjs`), entry);
  const r = await build({ input: path.join(dir, `${name}.mjs`), output: { dir: path.join(dir, `out-${name}`), format: 'esm' }, platform, logLevel: 'silent',
    // for Node, the dependencies stay packages (as a server bundle keeps node_modules; resvg's binding is a native .node file)
    ...(platform === 'node' ? { external: (id: string) => !id.startsWith('.') && !path.isAbsolute(id) } : {}) });
  const chunks = r.output.filter((o) => o.type === 'chunk');
  return { bytes: chunks.reduce((s, o) => s + Buffer.byteLength(o.code), 0), file: path.join(dir, `out-${name}`, chunks[0]!.fileName) };
}

test('rolldown: a bundle importing Matrix alone is under a tenth of one importing everything, and runs', async (t) => {
  const dir = tempDir(), index = JSON.stringify(path.join(ROOT, 'dist/src/index.js'));
  const one = await bundle(dir, 'one', `import { Matrix } from ${index};\nconsole.log(new Matrix(2, 3).shapeString);\n`);
  const all = await bundle(dir, 'all', `import * as bp from ${index};\nconsole.log(Object.keys(bp).length);\n`);
  t.diagnostic(`Matrix alone: ${one.bytes} bytes; everything: ${all.bytes} bytes`);
  assert.ok(one.bytes < all.bytes / 10, `Matrix alone bundles to ${one.bytes} bytes of ${all.bytes}`);
  const run = spawnSync(process.execPath, [one.file], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), '2 x 3');
});

test("rolldown: the Node entry's version guard stays in a bundle that imports one class of it", async () => {
  const dir = tempDir();
  const b = await bundle(dir, 'node', `import { Matrix } from ${JSON.stringify(path.join(ROOT, 'dist/src/node.js'))};\nconsole.log(new Matrix(1, 1).rows);\n`, 'node');
  assert.match(readFileSync(b.file, 'utf8'), /if \(tooOld\) throw new Error\(tooOld\)/);
});
