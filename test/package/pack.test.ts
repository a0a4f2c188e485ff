// What `npm pack` puts in the tarball: what the package needs to run and to be read (the built
// library and its declarations, the kernels, the playground page, the CLI, docs, LICENSE), no tests,
// no TypeScript sources, and no source map that points to a file that is not shipped.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { npm, ROOT } from './project.js';

const [info] = JSON.parse(npm(['pack', '--dry-run', '--ignore-scripts', '--json'], ROOT)) as { files: { path: string }[] }[];
const files = info!.files.map((f) => f.path);

test('the tarball has the entry points, declarations, kernels, CLI, page, README and LICENSE', () => {
  for (const f of ['package.json', 'README.md', 'LICENSE', 'bin/backprop.js', 'cjs/require.cjs', 'dist/cjs/backprop.cjs',
    'dist/src/node.js', 'dist/src/node.d.ts', 'dist/src/index.js', 'dist/src/index.d.ts',
    'dist/src/kernels/wasm/worker.js', 'dist/src/vendor/csv-parse-browser.js', 'dist/src/kernels/wasm/gemm.wasm', 'dist/src/kernels/wasm/gemm-relaxed-shared.wasm',
    'dist/web/index.html', 'docs/packaging.md']) {
    assert.ok(files.includes(f), `${f} is in the tarball`);
  }
  assert.match(readFileSync(path.join(ROOT, 'LICENSE'), 'utf8'), /^MIT License\n\nCopyright \(c\) backprop authors\n/);
});

test('the tarball has no tests, benchmarks, TypeScript sources or repository files', () => {
  // (examples/notes/ is shipped: the notes' worked examples, model files and CSV rows that docs/course.md's commands read)
  const stray = files.filter((f) => /^(src|test|bench|web|\.ci)\//.test(f) || (f.startsWith('examples/') && !f.startsWith('examples/notes/')) || f.startsWith('dist/test/') || f.startsWith('dist/bench/')
    || (f.endsWith('.ts') && !f.endsWith('.d.ts')) || f === 'tsconfig.json' || f === 'package-lock.json');
  assert.deepEqual(stray, []);
});

test('no source map in the tarball points to a source that is not in it', () => {
  const maps = files.filter((f) => f.endsWith('.map'));
  assert.deepEqual(maps.filter((f) => f.startsWith('dist/src/')), [], 'the library ships without source maps');
  for (const map of maps) {
    const { sources, sourcesContent } = JSON.parse(readFileSync(path.join(ROOT, map), 'utf8')) as { sources: string[]; sourcesContent?: (string | null)[] };
    sources.forEach((source, i) => {
      const shipped = files.includes(path.posix.join(path.posix.dirname(map), source));
      assert.ok(shipped || typeof sourcesContent?.[i] === 'string', `${map}: ${source} is neither shipped nor inlined`);
    });
  }
  for (const f of files.filter((f) => f.endsWith('.js'))) {
    const match = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(path.join(ROOT, f), 'utf8'));
    if (match && !match[1]!.startsWith('data:')) assert.ok(files.includes(path.posix.join(path.posix.dirname(f), match[1]!)), `${f} names a missing map`);
  }
});

/** The specifiers that `file` imports (static, and import('...') with a literal unless `staticOnly`), without comments' text. */
function importsOf(file: string, staticOnly = false): string[] {
  const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
  return [...code.matchAll(/(?:^|[;}\s])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm)]
    .filter((m) => !staticOnly || m[3] === undefined)
    .map((m) => (m[1] ?? m[2] ?? m[3])!);
}

// Rollup prints "(!) Circular dependencies" for every cycle of static imports in a bundle's input,
// and a cycle can leave a class undefined where a module runs first (a bundler's order).
test('the shipped modules import one another without cycles', () => {
  const cycles: string[] = [];
  const done = new Set<string>(), open: string[] = [];
  const visit = (file: string) => {
    if (open.includes(file)) {
      cycles.push(open.slice(open.indexOf(file)).concat(file).map((f) => path.relative(ROOT, f)).join(' -> '));
      return;
    }
    if (done.has(file)) return;
    open.push(file);
    for (const spec of importsOf(file, true)) if (spec.startsWith('.')) visit(path.resolve(path.dirname(file), spec));
    open.pop();
    done.add(file);
  };
  for (const f of files.filter((f) => f.startsWith('dist/src/') && f.endsWith('.js'))) visit(path.join(ROOT, f));
  assert.ok(done.size > 100, `${done.size} modules followed`);
  assert.deepEqual(cycles, []);
});

test('the browser entry and the kernel worker import only relative files (a static copy loads without a bundler or an import map)', () => {
  for (const entry of ['dist/src/index.js', 'dist/src/kernels/wasm/worker.js']) {
    const seen = new Set<string>();
    const bare: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      assert.ok(files.includes(path.relative(ROOT, file).split(path.sep).join('/')), `${path.relative(ROOT, file)} is in the tarball`);
      for (const spec of importsOf(file)) {
        if (spec.startsWith('.')) visit(path.resolve(path.dirname(file), spec));
        else bare.push(`${path.relative(ROOT, file)} imports '${spec}'`);
      }
    };
    visit(path.join(ROOT, entry));
    assert.deepEqual(bare, [], entry);
    assert.ok(seen.size > (entry.endsWith('index.js') ? 30 : 2), `${entry}: ${seen.size} files followed`);
  }
});

// Parcel 2 (by default) and other resolvers that do not read "exports" find `backprop` through the
// "browser" field in a browser build, and `backprop/browser` and `backprop/node` through folders
// with a package.json each: the files the exports map gives.
test('without "exports", a resolver finds the browser entry, backprop/browser and backprop/node through "browser" and the subpath folders', () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { browser: string; exports: Record<string, Record<string, string>> };
  const shipped = (p: string) => files.includes(path.posix.normalize(p));
  assert.equal(pkg.browser, pkg.exports['./browser']!.default);
  assert.ok(shipped(pkg.browser), pkg.browser);
  for (const sub of ['browser', 'node']) {
    assert.ok(shipped(`${sub}/package.json`), `${sub}/package.json is shipped`);
    const folder = JSON.parse(readFileSync(path.join(ROOT, sub, 'package.json'), 'utf8')) as { main: string; types: string };
    assert.equal(path.posix.join(sub, folder.main), path.posix.normalize(pkg.exports[`./${sub}`]!.default!), `${sub}/package.json's main`);
    assert.equal(path.posix.join(sub, folder.types), path.posix.normalize(pkg.exports[`./${sub}`]!.types!), `${sub}/package.json's types`);
    assert.ok(shipped(path.posix.join(sub, folder.main)) && shipped(path.posix.join(sub, folder.types)), `${sub}: its files are shipped`);
  }
});
