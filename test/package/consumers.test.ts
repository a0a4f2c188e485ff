// backprop as a dependency: the packed tarball installed into a fresh project (see project.ts)
// and used the ways consumers use it: TypeScript strict on nodenext and bundler resolution (and a
// browser project's customConditions), a Node-only type check, the README's and docs' snippets, CommonJS require(), without the optional peers,
// and a Vite build with the default configuration trained in headless Chromium on WebAssembly (with and without
// cross-origin isolation).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { consumerProjectForFile, npm, ROOT, tools, tsc, typescriptBlocks, type Project, writeIn } from './project.js';

let project: Project;
let app: string;
consumerProjectForFile((made) => { project = made; app = made.dir; });

const write = (file: string, text: string | Buffer) => writeIn(app, file, text);
const node = (args: string[]) => spawnSync(process.execPath, args, { cwd: app, encoding: 'utf8' });
const tsconfig = (compilerOptions: object, files: string[]) => JSON.stringify({
  compilerOptions: { strict: true, skipLibCheck: false, target: 'ES2022', lib: ['ES2022'], types: ['node'], ...compilerOptions }, files,
});

// Uses the Node-only functions and types of the main entry, as a Node project would.
const NODE_MAIN = `import { Network, Model, fit, synthetic, saveModel, loadModel, saveOnnx, loadOnnx, networkToOnnx, evaluate,
  type FitOptions, type OnnxExportOptions, type ChartSpec, costCurveSpec } from 'backprop';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const { X, Y } = synthetic('flower');
const net = new Network({ inputSize: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], seed: 2 });
const options: FitOptions = { epochs: 50, learningRate: 1.2 };
const history = fit(net, X, Y, options);
const spec: ChartSpec = costCurveSpec(history);
const onnx: OnnxExportOptions = { preprocessing: false };
const file = join(tmpdir(), 'consumer-' + process.pid + '.json');
const model = Model.fromNetwork(net);
await saveModel(file, model);
const back = await loadModel(file);
await saveOnnx(file + '.onnx', model, onnx);
const fromOnnx = await loadOnnx(file + '.onnx');
console.log(JSON.stringify({ cost: history.cost.at(-1), spec: typeof spec.$schema, layers: back.network.layers.length,
  onnxBytes: networkToOnnx(model).length, onnxLayers: fromOnnx.network.layers.length, accuracy: evaluate(net, X, Y).classification!.accuracy }));
`;

test('ESM TypeScript strict (nodenext), Node-only types (lib ES2022, no DOM), skipLibCheck false: compiles and runs', () => {
  write('nodenext/main.ts', NODE_MAIN);
  write('tsconfig.nodenext.json', tsconfig({ module: 'nodenext', moduleResolution: 'nodenext', outDir: 'out-nodenext', rootDir: 'nodenext' }, ['nodenext/main.ts']));
  tsc(app, 'tsconfig.nodenext.json');
  const run = node(['out-nodenext/main.js']);
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout) as { cost: number; layers: number; onnxLayers: number; onnxBytes: number };
  assert.ok(out.cost < 0.69 && out.layers === 2 && out.onnxLayers === 2 && out.onnxBytes > 0, run.stdout);
});

test('moduleResolution bundler sees the Node functions of the main entry, and backprop/node and backprop/browser', () => {
  write('bundler/main.ts', NODE_MAIN.replace(/^const file.*$[\s\S]*/m, '') + `
import { saveModel as save2, readCsv } from 'backprop/node';
import { Network as BrowserNetwork, initBackend } from 'backprop/browser';
void [saveModel, loadModel, saveOnnx, loadOnnx, save2, readCsv, BrowserNetwork, initBackend, onnx];\n`);
  write('tsconfig.bundler.json', tsconfig({ module: 'preserve', moduleResolution: 'bundler', noEmit: true }, ['bundler/main.ts']));
  tsc(app, 'tsconfig.bundler.json');
});

test('a browser project (bundler, lib DOM) with customConditions ["browser"] gets the browser entry\'s types for backprop: saveModel is an error there, Network is not', () => {
  write('browser-types/ok.ts', `import { Network, fit, initBackend } from 'backprop';\nvoid [Network, fit, initBackend];\n`);
  write('browser-types/node-only.ts', `import { Network, saveModel } from 'backprop';\nvoid [Network, saveModel];\n`);
  const config = (file: string) => JSON.stringify({ compilerOptions: { strict: true, skipLibCheck: false, target: 'ES2022', lib: ['ES2022', 'DOM'], types: [],
    module: 'preserve', moduleResolution: 'bundler', customConditions: ['browser'], noEmit: true }, files: [file] });
  write('tsconfig.browser-ok.json', config('browser-types/ok.ts'));
  tsc(app, 'tsconfig.browser-ok.json');
  write('tsconfig.browser-node-only.json', config('browser-types/node-only.ts'));
  assert.throws(() => tsc(app, 'tsconfig.browser-node-only.json'), /node-only\.ts\(1,19\): error TS2305: Module '"backprop"' has no exported member 'saveModel'/);
  // and with customConditions ["node"] a bundler project states it runs in Node: the Node entry's types
  write('tsconfig.bundler-node.json', JSON.stringify({ compilerOptions: { strict: true, skipLibCheck: false, target: 'ES2022', lib: ['ES2022'], types: ['node'],
    module: 'preserve', moduleResolution: 'bundler', customConditions: ['node'], noEmit: true }, files: ['browser-types/node-only.ts'] }));
  tsc(app, 'tsconfig.bundler-node.json');
});

test('legacy moduleResolution node10 (module commonjs) finds the types of backprop, backprop/node and backprop/browser', () => {
  write('node10/main.ts', `import { Network, saveModel } from 'backprop';
import { loadModel, readCsv } from 'backprop/node';
import { Network as BrowserNetwork, initBackend } from 'backprop/browser';
void [Network, saveModel, loadModel, readCsv, BrowserNetwork, initBackend];\n`);
  write('tsconfig.node10.json', tsconfig({ module: 'commonjs', moduleResolution: 'node10', noEmit: true }, ['node10/main.ts']));
  tsc(app, 'tsconfig.node10.json');
});

// every moduleResolution checks the declarations (skipLibCheck false): node16 with Node's types (nodenext,
// bundler and node10 above), and each without @types/node, as a browser project has (lib DOM, types []).
// Before, write-file.d.ts imported Stats from 'node:fs' (TS2307 without @types/node).
test('without @types/node (lib DOM, types []) the declarations compile in node10, node16, nodenext and bundler, and node16 with Node\'s types', () => {
  write('resolutions/main.mts', `import { Network, fit, synthetic, initBackend, type FitOptions } from 'backprop';
import * as browser from 'backprop/browser';
const options: FitOptions = { epochs: 1 };
const net = new Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }] });
const { X, Y } = synthetic('flower');
export const out = [fit(net, X, Y, options).cost.length, initBackend, browser.Network];\n`);
  write('resolutions/main.ts', readFileSync(path.join(app, 'resolutions/main.mts'), 'utf8'));
  const module: Record<string, string> = { node10: 'commonjs', node16: 'node16', nodenext: 'nodenext', bundler: 'preserve' };
  const settings = [...Object.keys(module).map((r) => ({ r, types: [] as string[], lib: ['ES2022', 'DOM'] })), { r: 'node16', types: ['node'], lib: ['ES2022'] }];
  for (const { r, types, lib } of settings) {
    const file = r === 'node16' || r === 'nodenext' ? 'resolutions/main.mts' : 'resolutions/main.ts';
    const config = `tsconfig.${r}-${types.length ? 'node' : 'dom'}.json`;
    write(config, tsconfig({ module: module[r], moduleResolution: r, noEmit: true, types, lib }, [file]));
    tsc(app, config);
  }
});

test('"module": "commonjs" (its default resolution) compiles to require() calls that run, and an ES module on node16 compiles and runs', () => {
  write('commonjs/main.ts', `import { Network, fit, synthetic, saveModel } from 'backprop';
const { X, Y } = synthetic('flower');
const net = new Network({ inputSize: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], seed: 2 });
console.log(fit(net, X, Y, { epochs: 5, learningRate: 1 }).cost.length, typeof saveModel);\n`);
  // the declarations themselves are checked (skipLibCheck false) by the tests above: here, resolution and emit
  write('tsconfig.commonjs.json', tsconfig({ module: 'commonjs', outDir: 'out-commonjs', rootDir: 'commonjs', skipLibCheck: true }, ['commonjs/main.ts']));
  tsc(app, 'tsconfig.commonjs.json');
  write('out-commonjs/package.json', JSON.stringify({ type: 'commonjs' }));
  const cjs = node(['out-commonjs/main.js']);
  assert.equal(cjs.stderr, '');
  assert.equal(cjs.stdout, '5 function\n');
  write('node16/main.mts', `import { Network, saveModel } from 'backprop';\nimport { readCsv } from 'backprop/node';\nimport { initBackend } from 'backprop/browser';
console.log(typeof Network, typeof saveModel, typeof readCsv, typeof initBackend);\n`);
  write('tsconfig.node16.json', tsconfig({ module: 'node16', moduleResolution: 'node16', outDir: 'out-node16', rootDir: 'node16', skipLibCheck: true }, ['node16/main.mts']));
  tsc(app, 'tsconfig.node16.json');
  const esm = node(['out-node16/main.mjs']);
  assert.equal(esm.stderr, '');
  assert.equal(esm.stdout, 'function function function function\n');
});

/**
 * The ```ts blocks a user pastes into a file of their own: all of the README's, and those of docs/*.md
 * that import backprop (the guide's are excerpts of a program; Vite's `?url` imports are built by the Vite test).
 */
function pastedSnippets(): { name: string; code: string }[] {
  const readme = typescriptBlocks(readFileSync(path.join(ROOT, 'README.md'), 'utf8')).map((code, i) => ({ name: `README.md #${i}`, code }));
  const docs = readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().flatMap((f) =>
    typescriptBlocks(readFileSync(path.join(ROOT, 'docs', f), 'utf8')).map((code, i) => ({ name: `docs/${f} #${i}`, code })))
    .filter(({ code }) => /from 'backprop/.test(code) && !code.includes('?url'));
  return [...readme, ...docs];
}

test("the README's and docs' TypeScript snippets compile under strict, and the self-contained ones run", () => {
  const blocks = pastedSnippets();
  assert.ok(blocks.some((b) => b.name.startsWith('README')) && blocks.some((b) => b.name.startsWith('docs/')), 'README.md and docs/ have ```ts blocks');
  const files = blocks.map(({ code }, i) => {
    write(`readme/snippet${i}.ts`, code + '\nexport {};\n');
    return `readme/snippet${i}.ts`;
  });
  write('tsconfig.readme.json', tsconfig({ module: 'nodenext', moduleResolution: 'nodenext', outDir: 'out-readme', rootDir: 'readme' }, files));
  tsc(app, 'tsconfig.readme.json');
  // the snippets that read a data file of the user's (e.g. 'ilpd.csv') are compiled only
  const selfContained = blocks.map(({ code }, i) => (/'[^']+\.(csv|h5|gz|json|jsonl)'/.test(code) ? -1 : i)).filter((i) => i >= 0);
  assert.ok(selfContained.length >= 2, 'snippets run on their own');
  for (const i of selfContained) {
    const run = node([`out-readme/snippet${i}.js`]);
    assert.equal(run.status, 0, `${blocks[i]!.name}: ${run.stderr}`);
  }
});

test('CommonJS: require() of backprop works, and a CommonJS TypeScript file (nodenext) compiles against it', () => {
  write('cjs/main.cjs', `const { Network, fit, synthetic } = require('backprop');
const { X, Y } = synthetic('flower');
const net = new Network({ inputSize: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], seed: 2 });
console.log(fit(net, X, Y, { epochs: 20, learningRate: 1.2 }).cost.length);
console.log(require('backprop') === require('backprop/node'));
`);
  const run = node(['cjs/main.cjs']);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, '20\ntrue\n');
  assert.equal(run.stderr, '', 'no warnings');
  // require(esm) turned off by its flag: the tarball's CommonJS bundle (before: an error naming the flag)
  write('cjs/which.cjs', `require('backprop');\nconsole.log(Object.keys(require.cache).filter((f) => /backprop[\\\\/]dist[\\\\/]/.test(f)).map((f) => require('node:path').basename(f)).join());\n`);
  const off = node(['--no-experimental-require-module', 'cjs/main.cjs']);
  assert.equal(off.status, 0, off.stderr);
  assert.equal(off.stdout, '20\ntrue\n');
  assert.equal(node(['--no-experimental-require-module', 'cjs/which.cjs']).stdout, 'backprop.cjs\n');
  assert.equal(node(['cjs/which.cjs']).stdout, 'node.js\n', 'the ES module where require(esm) works');
  write('cts/main.cts', `import { Network, saveModel } from 'backprop';\nconsole.log(typeof Network, typeof saveModel);\n`);
  write('tsconfig.cts.json', tsconfig({ module: 'nodenext', moduleResolution: 'nodenext', outDir: 'out-cts', rootDir: 'cts' }, ['cts/main.cts']));
  tsc(app, 'tsconfig.cts.json');
  const cts = node(['out-cts/main.cjs']);
  assert.equal(cts.status, 0, cts.stderr);
  assert.equal(cts.stdout, 'function function\n');
});

test('importing backprop loads neither the chart stack, h5wasm nor protobufjs; the optional peers (pg too), when missing, are named in one line', async () => {
  const probe = `import { createRequire } from 'node:module';
const loaded = () => Object.keys(createRequire(import.meta.url).cache).filter((f) => /node_modules[\\\\/](protobufjs|vega|h5wasm|@resvg)/.test(f)).length;
const b = await import('backprop');
const before = loaded();
b.networkToOnnx(b.Model.fromNetwork(new b.Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }] })));
const after = loaded();
const chart = await b.renderSvg({}).then(() => 'rendered', (e) => e.name + ': ' + e.message);
const hdf5 = await b.readHdf5(process.argv[2]).then(() => 'read', (e) => e.name + ': ' + e.message);
console.log(JSON.stringify({ before, after, chart, hdf5 }));
`;
  write('probe.mjs', probe);
  write('fake.h5', Buffer.from('\x89HDF\r\n\x1a\n' + '\0'.repeat(64), 'latin1'));
  const run = node(['probe.mjs', 'fake.h5']);
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout) as { before: number; after: number; chart: string; hdf5: string };
  assert.equal(out.before, 0, 'nothing optional loaded by import');
  assert.ok(out.after > 0, 'protobufjs loaded by the first ONNX call');
  assert.equal(out.chart, 'MissingDependencyError: drawing charts needs the optional packages vega vega-lite: npm install vega vega-lite');
  assert.equal(out.hdf5, 'MissingDependencyError: reading HDF5 files needs the optional package h5wasm: npm install h5wasm');
  const cli = node([path.join('node_modules', 'backprop', 'bin', 'backprop.js'), 'train', '--data', 'flower', '--epochs', '1', '--plot', 'cost.svg']);
  assert.notEqual(cli.status, 0);
  assert.match(cli.stderr, /^backprop: error: drawing charts needs the optional packages vega vega-lite: npm install vega vega-lite\n$/, 'one line');
  assert.equal(cli.stdout, '', 'said before training, not after it');
  const study = node([path.join('node_modules', 'backprop', 'bin', 'backprop.js'), 'tune', '--data', 'flower', '--epochs', '1', '--lr', '0.1|0.2',
    '--trials', '2', '--study', 'plot.study.jsonl', '--plot', 'study.png']);
  assert.notEqual(study.status, 0);
  assert.match(study.stderr, /^backprop: error: drawing charts needs the optional packages vega vega-lite: npm install vega vega-lite\n$/, 'one line');
  assert.ok(!existsSync(path.join(app, 'plot.study.jsonl')), 'said before the study ran a trial');
  // pg (tuning studies in PostgreSQL) is an optional peer too: not installed, named when needed
  assert.ok(!existsSync(path.join(app, 'node_modules', 'pg')), 'pg is not installed with backprop');
  const tune = node([path.join('node_modules', 'backprop', 'bin', 'backprop.js'), 'tune', '--data', 'flower', '--epochs', '1', '--lr', '0.1|0.2',
    '--trials', '2', '--storage', 'postgresql://127.0.0.1:1/none', '--study-name', 'consumer']);
  assert.notEqual(tune.status, 0);
  assert.match(tune.stderr, /^backprop: error: a study in PostgreSQL needs the pg package: npm install pg\n$/, 'one line');
});

// Without Chromium (a developer machine without Debian's package) the browser part is skipped; in CI it must run.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const skipBrowser = !existsSync(CHROMIUM) && !process.env.CI
  ? `no Chromium at ${CHROMIUM}: install Debian's chromium or set CHROMIUM_PATH to run the Vite app in a browser` : false;

// The app: docs/performance.md's block that hands initBackend the kernels' URLs (Vite's `?url`, root-relative
// paths: fetched in the page, not read as files), then initBackend finding the files by itself, then training.
function viteApp(): string {
  const block = typescriptBlocks(readFileSync(path.join(ROOT, 'docs', 'performance.md'), 'utf8')).find((b) => b.includes('?url'));
  if (!block?.includes('await initBackend(')) throw new Error('docs/performance.md has no block with ?url imports and initBackend');
  return block.replace('await initBackend(', 'const given = await initBackend(') + `import { Network, fit, synthetic } from 'backprop/browser';
const byItself = await initBackend('wasm');
const { X, Y } = synthetic('flower');
const net = new Network({ inputSize: 2, layers: [{ units: 8, activation: 'relu' }, { units: 1, activation: 'sigmoid' }], seed: 1, dtype: 'float32' });
const history = fit(net, X, Y, { epochs: 300, learningRate: 0.5 });
(window as unknown as { result: unknown }).result = { given, byItself, isolated: crossOriginIsolated, first: history.cost[0], last: history.cost.at(-1) };
`;
}

interface AppResult { given: string; byItself: string; isolated: boolean; first: number; last: number }

/** Debian's Chromium, headless, for the browser tests. */
async function launchChromium(): Promise<import('playwright-core').Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'] });  // a fresh profile each launch
}

/** Load the app at `url` (without the COOP/COEP headers unless `isolated`); its result, with every page error and console error or warning. */
async function runApp<T = AppResult>(browser: import('playwright-core').Browser, url: string, isolated: boolean): Promise<{ result: T; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`); });
  if (!isolated) {
    await page.route('**/*', async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers['cross-origin-opener-policy'];
      delete headers['cross-origin-embedder-policy'];
      await route.fulfill({ response, headers });
    });
  }
  // an error in the page ends the wait at once, named (not a 60 s timeout)
  const failed = new Promise<never>((_, reject) => page.on('pageerror', (e) => reject(new Error(`the page at ${url} failed: ${e.message}`))));
  failed.catch(() => undefined);
  await page.goto(url);
  const handle = await Promise.race([page.waitForFunction(() => (window as unknown as { result?: unknown }).result, undefined, { timeout: 60_000 }), failed]);
  const result = await handle.jsonValue() as T;
  await page.close();
  return { result, errors };
}

/** docs/performance.md's vite.config.js: the cross-origin isolation headers of the dev server, which `vite preview` sends too. */
function viteConfig(): string {
  const block = [...readFileSync(path.join(ROOT, 'docs', 'performance.md'), 'utf8').matchAll(/^```js\n([\s\S]*?)^```/gm)]
    .map((m) => m[1]!).find((b) => b.startsWith('// vite.config.js'));
  if (!block) throw new Error('docs/performance.md has no vite.config.js block');
  return block;
}

test('Vite with its default build configuration builds an app of backprop/browser without warnings; it trains on WebAssembly in Chromium, on threads when cross-origin isolated', { skip: skipBrowser }, async () => {
  write('index.html', '<!doctype html><title>consumer</title><link rel="icon" href="data:,"><script type="module" src="/src/main.ts"></script>\n');
  write('src/main.ts', viteApp());
  write('vite.config.js', viteConfig());
  const build = spawnSync(process.execPath, [path.join('node_modules', 'vite', 'bin', 'vite.js'), 'build'], { cwd: app, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(build.status, 0, build.stdout + build.stderr);
  const output = build.stdout + build.stderr;
  assert.doesNotMatch(output, /externalized for browser compatibility|node:|warn/i, output);

  const { preview } = await import('vite');
  const server = await preview({ root: app, logLevel: 'silent', preview: { port: 0, host: '127.0.0.1' } });
  const url = server.resolvedUrls?.local[0];
  assert.ok(url, 'vite preview listens');
  const browser = await launchChromium();
  try {
    // with the docs' headers: threads; without them the same page takes one thread, without an error
    const isolated = await runApp(browser, url, true);
    assert.deepEqual(isolated.errors, []);
    assert.deepEqual({ ...isolated.result, first: 0, last: 0 }, { given: 'wasm-threads', byItself: 'wasm', isolated: true, first: 0, last: 0 });
    assert.ok(isolated.result.last < isolated.result.first * 0.9, JSON.stringify(isolated.result));
    const plain = await runApp(browser, url, false);
    assert.deepEqual(plain.errors, []);
    assert.deepEqual(plain.result, { ...isolated.result, given: 'wasm', isolated: false });
  } finally {
    await browser.close();
    await server.close();
  }
});


// The browser entry from a static copy, no bundler: a page (as from a CDN, or node_modules served as
// files) and a module Web Worker import dist/src/index.js by a relative URL. Before, its graph had a bare
// 'csv-parse/...' import, and the page stopped at "Failed to resolve module specifier".
const STATIC_TRAIN = `import { Network, fit, synthetic, initBackend } from '../node_modules/backprop/dist/src/index.js';
export async function train() {
  const backend = await initBackend();
  const { X, Y } = synthetic('flower');
  const net = new Network({ inputSize: 2, layers: [{ units: 8, activation: 'relu' }, { units: 1, activation: 'sigmoid' }], seed: 1, dtype: 'float32' });
  const history = fit(net, X, Y, { epochs: 300, learningRate: 0.5 });
  return { backend, isolated: crossOriginIsolated, learned: history.cost.at(-1) < history.cost[0] * 0.9 };
}
`;
const STATIC_PAGE = `<!doctype html><title>static</title><link rel="icon" href="data:,">
<script type="module">
import { train } from './train.js';
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
const inWorker = new Promise((resolve) => {
  worker.onmessage = (e) => resolve(e.data);
  worker.onerror = (e) => resolve({ error: e.message || 'the worker failed to load' });
});
const inPage = await train();
window.result = { inPage, inWorker: await inWorker };
</script>
`;

/** Serve `root` as static files on loopback, with the cross-origin isolation headers; its address. */
async function staticServer(root: string, page = 'static/page.html'): Promise<{ url: string; close(): void }> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
  const server = createServer((req, res) => {
    const file = path.join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(root) || !existsSync(file)) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream',
      'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/${page}`, close: () => server.close() };
}

test('a static copy of the browser entry (no bundler): a page and a module Web Worker import it, find the kernels and train, on threads when cross-origin isolated', { skip: skipBrowser }, async () => {
  write('static/train.js', STATIC_TRAIN);
  write('static/worker.js', `import { train } from './train.js';\npostMessage(await train());\n`);
  write('static/page.html', STATIC_PAGE);
  const server = await staticServer(app);
  const browser = await launchChromium();
  try {
    const threads = { backend: 'wasm-threads', isolated: true, learned: true };
    const isolated = await runApp<object>(browser, server.url, true);
    assert.deepEqual(isolated, { result: { inPage: threads, inWorker: threads }, errors: [] });
    const one = { backend: 'wasm', isolated: false, learned: true };
    const plain = await runApp<object>(browser, server.url, false);
    assert.deepEqual(plain, { result: { inPage: one, inWorker: one }, errors: [] });
  } finally {
    await browser.close();
    server.close();
  }
});

test('require() under a module loader that cannot require ES modules (Jest\'s sandbox says require_module false), without the CommonJS bundle, names that loader, not the flag; under Yarn Plug\'n\'Play it says so', () => {
  const shim = readFileSync(path.join(app, 'node_modules', 'backprop', 'cjs', 'require.cjs'), 'utf8');
  // what Jest 30 hands a CommonJS test on Node 20: its own require, which throws for an ES module, and a copy of process
  const jestProcess = { versions: process.versions, features: { ...process.features, require_module: false }, execArgv: [], env: {} };
  // (and, as in a checkout built before dist/cjs/backprop.cjs existed, no bundle to fall back to: with it, cjs-bundle.test.ts)
  const jestRequire = (id: string) => {
    if (id.endsWith('.cjs')) throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
    throw Object.assign(new Error('Must use import to load ES Module'), { code: 'ERR_REQUIRE_ESM' });
  };
  const load = new Function('module', 'require', 'process', shim) as (m: object, r: (id: string) => never, p: object) => void;
  assert.throws(() => load({ exports: {} }, jestRequire, jestProcess),
    /^Error: backprop is an ES module, and the module loader in use cannot require\(\) it \(Node [\d.]+ itself can; Jest's only from Node 24\.9, with NODE_OPTIONS=--experimental-vm-modules\): load it with import .*or use Node >= 24\.9 with that option$/);
  // Jest 30 on Node 24.21 without vm modules: it said "Jest's cannot before Node 24.9" there too; the flag is what it lacks
  const node24 = { ...jestProcess, versions: { ...process.versions, node: '24.21.0' } };
  assert.throws(() => load({ exports: {} }, jestRequire, node24),
    /^Error: backprop is an ES module, and the module loader in use cannot require\(\) it \(Node 24\.21\.0 itself can; Jest's can with NODE_OPTIONS=--experimental-vm-modules, which this process does not have\): run with NODE_OPTIONS=--experimental-vm-modules, or load it with import \/ import\(\)$/);
  assert.throws(() => load({ exports: {} }, jestRequire, { ...node24, env: { NODE_OPTIONS: '--experimental-vm-modules' } }),
    /^Error: backprop is an ES module, and the module loader in use cannot require\(\) it \(Node 24\.21\.0 itself can\): load it with import \/ import\(\)$/);
  // the flag in NODE_OPTIONS, seen through the same sandbox: named
  assert.throws(() => load({ exports: {} }, jestRequire, { ...jestProcess, env: { NODE_OPTIONS: '--no-experimental-require-module' } }),
    /^Error: backprop is an ES module, and require\(\) of ES modules is turned off in this process \(--no-experimental-require-module/);
  // Yarn Plug'n'Play: Node's require(esm) cannot read the ES modules in Yarn's zip archives (Yarn 4.18 said ERR_MODULE_NOT_FOUND)
  const pnpRequire = () => { throw Object.assign(new Error("Cannot find module '/x/.yarn/cache/backprop.zip/node_modules/backprop/dist/src/index.js'"), { code: 'ERR_MODULE_NOT_FOUND' }); };
  assert.throws(() => load({ exports: {} }, pnpRequire, { ...process, versions: { ...process.versions, pnp: '3' } }),
    /^Error: backprop is an ES module, and under Yarn Plug'n'Play Node [\d.]+'s require\(\) cannot load ES modules from Yarn's zip archives: load it with import/);
  // the same error without Plug'n'Play is passed on as it is
  assert.throws(() => load({ exports: {} }, pnpRequire, process), (e: Error) => e.message.startsWith('Cannot find module'));
});

test('a script that trains on the worker threads and returns exits by itself (ESM, CommonJS, and with a Node startWorker), no dispose call needed', () => {
  const train = `const { X, Y } = synthetic('flower');
  const net = new Network({ inputSize: 2, layers: [{ units: 64, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], seed: 2, dtype: 'float32' });
  const history = await fitAsync(net, X, Y, { epochs: 30, learningRate: 1 });
  console.log(backend, history.cost.length);`;
  write('lifetime/train.mjs', `import { Network, fitAsync, synthetic, initBackend } from 'backprop';\nconst backend = await initBackend();\n${train}\n`);
  write('lifetime/train.cjs', `const { Network, fitAsync, synthetic, initBackend } = require('backprop');\n(async () => {\n  const backend = await initBackend();\n  ${train}\n})();\n`);
  // startWorker in Node (as a bundle for Node passes it): a worker_threads Worker on the kernel worker's script
  write('lifetime/start-worker.mjs', `import { Worker } from 'node:worker_threads';
import { Network, fitAsync, synthetic, initBackend } from 'backprop';
const backend = await initBackend('auto', { startWorker: () => new Worker(new URL(import.meta.resolve('backprop/wasm/worker.js'))) });\n${train}\n`);
  const expected = `${availableParallelism() > 1 ? 'wasm-threads' : 'wasm'} 30\n`;
  for (const script of ['lifetime/train.mjs', 'lifetime/train.cjs', 'lifetime/start-worker.mjs']) {
    const run = spawnSync(process.execPath, [script], { cwd: app, encoding: 'utf8', timeout: 30_000 });
    assert.equal(run.signal, null, `${script} did not exit within 30 s (killed): the worker pool keeps the process alive`);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, expected);
  }
});

// Workers inherit the process's options, and Node refuses --input-type for a worker started on an ES
// module file: before, such a program trained on one thread ("the kernel worker threads did not start
// (--input-type can only be used with string input via --eval, --print, or STDIN)") and every trial of tune() failed.
test('a program run as `node --input-type=module` (standard input, -e) trains on the kernel worker threads and tunes on worker threads', () => {
  const program = `import { Network, fitAsync, synthetic, initBackend, tune, choice, loadDataset } from 'backprop';
const backend = await initBackend('auto', { threads: 2 });
const { X, Y } = synthetic('flower');
const net = new Network({ inputSize: 2, layers: [{ units: 64, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], seed: 2, dtype: 'float32' });
const history = await fitAsync(net, X, Y, { epochs: 5, learningRate: 1 });
const { dataset } = await loadDataset('flower');
const study = await tune({ spec: { layers: choice([4], [8]), learningRate: 0.5, epochs: 3 }, data: { train: dataset }, trials: 2, workers: 2 });
console.log(backend, history.cost.length, study.summary.complete, study.trials.map((t) => t.message ?? '').join(''));
`;
  const runs = {
    stdin: spawnSync(process.execPath, ['--input-type=module'], { cwd: app, encoding: 'utf8', input: program, timeout: 60_000 }),
    eval: spawnSync(process.execPath, ['--input-type', 'module', '-e', program], { cwd: app, encoding: 'utf8', timeout: 60_000 }),
  };
  for (const [how, run] of Object.entries(runs)) {
    assert.equal(run.status, 0, `${how}: ${run.stderr}`);
    assert.equal(run.stderr, '', how);
    assert.equal(run.stdout, 'wasm-threads 5 2 \n', how);
  }
});

test('without its kernel file, initBackend says why in one console line (once) and trains on the JS kernels', () => {
  write('fallback.mjs', `import { initBackend } from 'backprop';
console.log(await initBackend('wasm', { wasm: 'missing.wasm' }), await initBackend('auto', { wasm: 'missing.wasm', wasmShared: 'missing.wasm' }));\n`);
  const run = node(['fallback.mjs']);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, 'js js\n');
  assert.match(run.stderr, /^backprop: the WebAssembly kernels did not load \(ENOENT: no such file or directory, open '[^']*missing\.wasm'\), so training runs on the plain JavaScript kernels, several times slower; in a bundle, put the \.wasm files beside it, give initBackend their URLs, or give it the kernels inside a module: initBackend\('auto', await embeddedKernels\(\)\), from backprop\/wasm\/embedded\.js \(backprop's docs\/packaging\.md\)\n$/);
});

test('npm install -g of the tarball: `backprop` runs from PATH (and `npx backprop` in the project), in a folder with a space and a non-ASCII letter', () => {
  const prefix = path.join(path.dirname(app), 'global prefix é');
  npm(['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', project.tarball], app);
  const env = { ...process.env, PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH}`, NO_COLOR: '1' };
  const version = spawnSync('backprop', ['--version'], { cwd: app, encoding: 'utf8', env });
  assert.equal(version.status, 0, version.stderr);
  assert.equal(version.stdout, `${JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}\n`);
  const train = spawnSync('backprop', ['train', '--data', 'flower', '--epochs', '3', '--save', 'global-model.json'], { cwd: app, encoding: 'utf8', env, timeout: 60_000 });
  assert.equal(train.status, 0, train.stderr);
  assert.ok(existsSync(path.join(app, 'global-model.json')), 'the model is saved');
  const npx = spawnSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['--no-install', 'backprop', '--version'], { cwd: app, encoding: 'utf8' });
  assert.equal(npx.status, 0, npx.stderr);
  assert.equal(npx.stdout, version.stdout);
});

// webpack 5 for the web (production mode, no loaders or plugins): the .wasm files and the kernel worker are
// emitted from the library's `new URL(..., import.meta.url)` references, and the bundle trains in Chromium.
test('webpack 5 (target web, no loaders): the bundle emits the kernels and the worker and trains in Chromium, on threads when cross-origin isolated', { skip: skipBrowser }, async (t) => {
  let webpack: string;
  try {
    webpack = path.join(tools(project, 'webpack', ['webpack@5', 'webpack-cli@6']), 'node_modules', 'webpack-cli', 'bin', 'cli.js');
  } catch (e) {
    t.skip(`webpack 5 could not be installed from the npm registry or its cache: ${(e as Error).message.split('\n')[0]}`);
    return;
  }
  write('webpack/main.js', `import { Network, fit, synthetic, initBackend } from 'backprop';
(async () => {
  const backend = await initBackend();
  const { X, Y } = synthetic('flower');
  const net = new Network({ inputSize: 2, layers: [{ units: 8, activation: 'relu' }, { units: 1, activation: 'sigmoid' }], seed: 1, dtype: 'float32' });
  const history = fit(net, X, Y, { epochs: 300, learningRate: 0.5 });
  window.result = { backend, isolated: crossOriginIsolated, learned: history.cost.at(-1) < history.cost[0] * 0.9 };
})();
`);
  write('webpack.config.cjs', `module.exports = { mode: 'production', target: 'web', entry: './webpack/main.js', output: { path: require('node:path').join(__dirname, 'out-webpack'), filename: 'main.js' } };\n`);
  const build = spawnSync(process.execPath, [webpack, '--config', 'webpack.config.cjs', '--no-color'], { cwd: app, encoding: 'utf8', timeout: 120_000 });
  assert.equal(build.status, 0, build.stdout + build.stderr);
  assert.doesNotMatch(build.stdout + build.stderr, /WARNING|ERROR/, build.stdout);
  const emitted = readdirSync(path.join(app, 'out-webpack'));
  assert.equal(emitted.filter((f) => f.endsWith('.wasm')).length, 4, emitted.join(' '));
  write('out-webpack/index.html', '<!doctype html><title>webpack</title><link rel="icon" href="data:,"><script src="main.js"></script>\n');
  const server = await staticServer(app, 'out-webpack/index.html');
  const browser = await launchChromium();
  try {
    const isolated = await runApp<object>(browser, server.url, true);
    assert.deepEqual(isolated, { result: { backend: 'wasm-threads', isolated: true, learned: true }, errors: [] });
    const plain = await runApp<object>(browser, server.url, false);
    assert.deepEqual(plain, { result: { backend: 'wasm', isolated: false, learned: true }, errors: [] });
  } finally {
    await browser.close();
    server.close();
  }
});
