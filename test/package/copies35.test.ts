// Two copies of backprop in one program, from the packed tarball: the app's own and another version nested
// in a dependency's node_modules (npm installs both when their ranges differ), and, in one process, the ES
// module imported and the CommonJS bundle required (a loader that cannot require ES modules, as Jest's).
// Each copy has its own Matrix, Network and Model, so an object of the one fails the other's checks.
// Before, the message said "saveModel: model must be a Model ..., got a Model" (and "its X must be a Matrix
// ..., got a Matrix"), and Model.fromNetwork took the other copy's network, whose predict then failed with
// "X must be a Matrix of shape n_x x m"; now each says the object is from another copy and what to do.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { consumerProjectForFile, npm, type Project, writeIn } from './project.js';

let project: Project;
consumerProjectForFile((made) => { project = made; });

const ANOTHER = 'from another copy of backprop in this program \\(`npm ls backprop` lists the installed ones\\): '
  + "one copy's objects cannot be given to another; install one version, or pass a model as JSON \\(Model\\.fromJson\\(JSON\\.stringify\\(model\\)\\)\\)";

/** Run an ES module `file` of the app with node `flags`; its stdout as JSON (one object per call, keyed by case). */
function runJson(file: string, flags: string[] = []): Record<string, string> {
  const run = spawnSync(process.execPath, [...flags, file], { cwd: project.dir, encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as Record<string, string>;
}

// each case: what a call of the app's copy says when given the other copy's object ('ok' when it works)
const CASES = `
const out = {};
const said = async (name, f) => { try { await f(); out[name] = 'ok'; } catch (e) { out[name] = e.name + ': ' + e.message; } };
const d = b.synthetic('flower', { samples: 100, seed: 1 });
const { model } = await b.trainModel({ layers: [4], epochs: 3, seed: 1 }, { train: d });
const net = model.network;
await said('saveModel', () => a.saveModel('other.json', model));
await said('fit', () => a.fit(net, a.synthetic('flower').X, a.synthetic('flower').Y, { epochs: 1 }));
await said('trainModel', () => a.trainModel({ layers: [4], epochs: 1 }, { train: d }));
await said('trainTestSplit', () => a.trainTestSplit(d, { testFraction: 0.2 }));
await said('fromNetwork', () => a.Model.fromNetwork(net));
await said('forward', () => new a.Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }] }).forward(d.X));
await said('predict', () => a.Model.fromNetwork(new a.Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }] })).predict(d.X));
await said('json', () => { if (a.Model.fromJson(JSON.stringify(model)).predict([[0.5, 1]])[0] !== model.predict([[0.5, 1]])[0]) throw new Error('differs'); });
console.log(JSON.stringify(out));
`;

function assertSaid(out: Record<string, string>): void {
  const kinds: Record<string, RegExp> = {
    saveModel: new RegExp(`^OptionError: saveModel: model must be a Model \\(from trainModel, loadModel or Model\\.fromJson\\), got a Model ${ANOTHER}$`),
    fit: new RegExp(`^OptionError: fit: net must be a Network \\(new Network\\(\\{ inputSize, layers \\}\\)\\), got a Network ${ANOTHER}$`),
    trainModel: new RegExp(`^OptionError: trainModel: data\\.train must be a Dataset .*: its X must be a Matrix \\(n_x x m, one example per column\\), got a Matrix ${ANOTHER}$`),
    trainTestSplit: new RegExp(`^OptionError: trainTestSplit: data must be a Dataset .*, got an object whose X is a Matrix ${ANOTHER}; call trainTestSplit`),
    fromNetwork: new RegExp(`^OptionError: Model\\.fromNetwork: network must be a Network .*, got a Network ${ANOTHER}$`),
    forward: new RegExp(`^ShapeError: X must be a Matrix of shape n_x x m \\(one example per column\\), got a Matrix ${ANOTHER}$`),
    predict: new RegExp(`^DataError: input table: needs the arrays columns and rows, got a Matrix ${ANOTHER}; give a Matrix`),
    json: /^ok$/,
  };
  for (const [name, expected] of Object.entries(kinds)) assert.match(out[name] ?? 'not run', expected, name);
}

test('two versions installed (one nested in a dependency): an object of the other copy is refused in one line that says so; a model passes as JSON', () => {
  // the same tarball as version 9.9.9, the dependency's own (npm nests it: the app's range is the tarball's 0.1.0)
  const other = path.join(path.dirname(project.dir), 'other');
  mkdirSync(other);
  spawnSync('tar', ['xzf', project.tarball, '-C', other], { encoding: 'utf8' });
  const manifest = path.join(other, 'package', 'package.json');
  writeFileSync(manifest, JSON.stringify({ ...JSON.parse(readFileSync(manifest, 'utf8')), version: '9.9.9' }));
  const [packed] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', other], path.join(other, 'package'))) as { filename: string }[];
  writeIn(project.dir, 'mylib/package.json', JSON.stringify({ name: 'mylib', version: '1.0.0', type: 'module', main: 'index.js', dependencies: { backprop: `file:${path.join(other, packed!.filename)}` } }));
  writeIn(project.dir, 'mylib/index.js', "export * as backprop from 'backprop';\n");
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--omit=dev', './mylib'], project.dir);
  const versions = npm(['ls', '--all', '--parseable', '--long', 'backprop'], project.dir);
  assert.match(versions, /backprop@0\.1\.0/);
  assert.match(versions, /mylib[\\/]node_modules[\\/]backprop:backprop@9\.9\.9/);
  writeIn(project.dir, 'copies/nested.mjs', `import * as a from 'backprop';\nimport { backprop as b } from 'mylib';\nif (a.Matrix === b.Matrix) throw new Error('one copy');\n${CASES}`);
  assertSaid(runJson('copies/nested.mjs'));
});

test('the ES module imported and the CommonJS bundle required in one process (require(esm) off): the same line', () => {
  writeIn(project.dir, 'copies/dual.mjs', `import * as a from 'backprop';\nimport { createRequire } from 'node:module';
const b = createRequire(import.meta.url)('backprop');\nif (a.Matrix === b.Matrix) throw new Error('one copy');\n${CASES}`);
  assertSaid(runJson('copies/dual.mjs', ['--no-experimental-require-module']));
});

// esbuild renamed a class that names itself in its body (var Matrix = class _Matrix): in the bundle,
// Matrix.name was '_Matrix' and messages said 'got a _Model (its network is model.network)'.
test("the CommonJS bundle's functions and classes have the ES module's names, which its messages show", () => {
  writeIn(project.dir, 'copies/names.mjs', `import * as esm from 'backprop';\nimport { createRequire } from 'node:module';
const cjs = createRequire(import.meta.url)('backprop');
if (esm.Matrix === cjs.Matrix) throw new Error('one copy');
const renamed = Object.keys(esm).filter((k) => typeof esm[k] === 'function' && esm[k].name !== cjs[k].name).map((k) => k + ' is ' + cjs[k].name);
const net = new cjs.Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }] });
let said = '';
try { cjs.fit(cjs.Model.fromNetwork(net), cjs.synthetic('flower').X, cjs.synthetic('flower').Y); } catch (e) { said = e.message; }
console.log(JSON.stringify({ functions: String(Object.keys(esm).filter((k) => typeof esm[k] === 'function').length), renamed: renamed.join(', '), said }));\n`);
  const out = runJson('copies/names.mjs', ['--no-experimental-require-module']);
  assert.ok(Number(out.functions) > 100, `${out.functions} functions compared`);
  assert.equal(out.renamed, '');
  assert.equal(out.said, 'fit: net must be a Network (new Network({ inputSize, layers })), got a Model (its network is model.network)');
});

// A Matrix sent to or from a Web Worker or a worker thread (postMessage), or structuredClone'd, keeps its
// fields and loses its class: fit said "X must be a Matrix ..., got an object", Model.predict "input table:
// needs the arrays columns and rows"; both now say what it is and how to make it a Matrix again.
test('a Matrix that lost its class (structuredClone, as postMessage sends it) is named as such, with the way back', () => {
  writeIn(project.dir, 'copies/cloned.mjs', `import * as a from 'backprop';
const out = {};
const said = async (name, f) => { try { await f(); out[name] = 'ok'; } catch (e) { out[name] = e.name + ': ' + e.message; } };
const X = structuredClone(a.synthetic('flower', { samples: 10, seed: 1 }).X);
const net = new a.Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }] });
await said('fit', () => a.fit(net, X, [1, 0, 1, 0, 1, 0, 1, 0, 1, 0], { epochs: 1 }));
await said('predict', () => a.Model.fromNetwork(net).predict(X));
await said('back', () => a.Model.fromNetwork(net).predict(new a.Matrix(X.rows, X.cols, X.data)));
console.log(JSON.stringify(out));\n`);
  const out = runJson('copies/cloned.mjs');
  const shaped = 'an object shaped like a Matrix \\(\\{ rows, cols, data \\}: one that lost its class, e\\.g\\. sent by postMessage or structuredClone; new Matrix\\(rows, cols, data\\) makes it one again\\)';
  assert.match(out.fit!, new RegExp(`^(Shape|Option)Error: (fit: )?X must be a Matrix.*, got ${shaped}$`));
  assert.match(out.predict!, new RegExp(`^DataError: input table: needs the arrays columns and rows, got ${shaped}; give a Matrix`));
  assert.equal(out.back, 'ok');
});
