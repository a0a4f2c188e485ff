#!/usr/bin/env node
// The CommonJS bundle of backprop's Node entry, dist/cjs/backprop.cjs, built by esbuild from the compiled
// ES modules in dist/src. cjs/require.cjs loads it only where require() of the ES module itself fails
// because the module loader in use cannot require an ES module (Jest's runtime before Node 24.9, Node
// before 20.19 / 22.12), so a process gets one of the two through require(), never both.
//
// Two things of the ES modules are rewritten, file by file, so the bundle behaves as they do (and esbuild
// keeps every function's and class's name, which messages show, e.g. 'got a Model'):
// - every `import.meta.url` becomes that file's own URL in dist/src, made from the bundle's __dirname:
//   the kernels find gemm*.wasm and their worker.js beside dist/src/kernels/wasm/, the tuner its worker
//   and trial runner beside dist/src/tune/ (the worker threads stay ES modules, loaded by Node itself);
// - nodeBuiltin's import(name) of a Node built-in becomes require(name): a CommonJS module run by
//   Jest's loader cannot import() at all without --experimental-vm-modules. The optional peers stay
//   import('vega') etc.: vega and h5wasm are ES modules, which Jest's require refuses before Node 24.9, so
//   there charts and .h5 files need that option either way, and with it import() works (src/optional.ts
//   says so in one line when it is refused).
// The dependencies (csv-parse, pngjs, ...) and the optional peers stay outside the bundle, loaded from
// node_modules. The build fails on any warning of esbuild's (one is any other use of import.meta,
// which would be empty in CommonJS).
import { readFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SRC = path.join(ROOT, 'dist', 'src');
const OUT = path.join(ROOT, 'dist', 'cjs', 'backprop.cjs');
const URL_OF = '__backpropFileUrl';

/** The source of `file` (a compiled module in dist/src) as the bundle needs it. */
async function rewrite(file, text) {
  let out = text;
  if (path.basename(file) === 'node-builtin.js') {
    out = out.replace(/\breturn import\(([^)]*?\b)name\);/, 'return Promise.resolve().then(() => require($1name));');
    if (out === text) throw new Error(`${path.relative(ROOT, file)}: its import(name) was not found, so the bundle cannot turn it into require(name)`);
  }
  if (!out.includes('import.meta')) return out;
  // esbuild's define replaces the expression import.meta.url only (not the words in a comment or a string)
  const { code } = await esbuild.transform(out, { loader: 'js', format: 'esm', define: { 'import.meta.url': '__importMetaUrl' } });
  const rel = path.relative(path.dirname(OUT), file).split(path.sep).join('/');
  return `const __importMetaUrl = ${URL_OF}(${JSON.stringify(rel)});\n${code}`;
}

const perFile = {
  name: 'backprop-per-file',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, async (args) => {
      if (!args.path.startsWith(SRC + path.sep)) return undefined;
      return { contents: await rewrite(args.path, await readFile(args.path, 'utf8')), loader: 'js' };
    });
  },
};

await mkdir(path.dirname(OUT), { recursive: true });
const result = await esbuild.build({
  entryPoints: [path.join(SRC, 'node.js')],
  outfile: OUT,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  // a class that names itself inside its body (new _Matrix(...)) was renamed, so its name was '_Matrix':
  // messages said 'got a _Model', and Matrix.name differed from the ES module's
  keepNames: true,
  plugins: [perFile],
  banner: {
    // strict first, as the ES modules are (esbuild's own "use strict" comes after the banner)
    js: '\'use strict\';\n// backprop\'s Node entry as one CommonJS file (scripts/bundle-cjs.mjs); cjs/require.cjs loads it where require() of the ES module fails\n'
      + `const ${URL_OF} = (rel) => require('node:url').pathToFileURL(require('node:path').join(__dirname, rel)).href;`,
  },
  logLevel: 'silent',
});
if (result.warnings.length > 0) {
  const lines = await esbuild.formatMessages(result.warnings, { kind: 'warning' });
  console.error(lines.join('\n'));
  process.exit(1);
}
