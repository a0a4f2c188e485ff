// docs/guide.md, docs/interop.md and docs/tuning.md as a contract: their code blocks are read from
// the pages at test time and run as a user would run them (snippets as .mjs files importing this
// build, typechecked under strict; `backprop ...` lines as commands in a folder of their own), with
// fewer epochs and trials where the numbers are not what the block is about. A block that cannot run
// here says why in a `<!-- not run: ... -->` comment above it. Also: no page links to a missing file
// or heading.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { ROOT, SHARED_DATA, hasSharedData, sharedMissing, backprop, tempDir } from '../helpers/cli.js';
import { brokenLinks, codeBlocks, readDoc, shellCommands, shellWords, type CodeBlock } from '../helpers/markdown.js';

const ENTRY = path.join(ROOT, 'dist/src/node.js');

/** The blocks as one ES module importing 'backprop' from this build (`typed`: by path, for tsc). */
function moduleOf(blocks: CodeBlock[], edits: [RegExp, string][], typed = false): string {
  let code = blocks.map((b) => b.code).join('\n');
  for (const [re, s] of edits) code = code.replace(re, s);
  return code.replace(/from 'backprop'/g, `from '${typed ? ENTRY : pathToFileURL(ENTRY).href}'`);
}

/** Run a module in `dir`; its output. */
function runModule(dir: string, name: string, code: string): string {
  writeFileSync(path.join(dir, name), code);
  const r = spawnSync(process.execPath, [name], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, `${name}:\n${r.stderr}`);
  return r.stdout;
}

/** TypeScript's errors for these .mts files, as a user's strict nodenext project compiles them. */
function typeErrors(files: Record<string, string>): string[] {
  const dir = tempDir();
  const names = Object.entries(files).map(([name, code]) => { writeFileSync(path.join(dir, name), code); return path.join(dir, name); });
  const program = ts.createProgram(names, {
    strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: ['node'], typeRoots: [path.join(ROOT, 'node_modules/@types')],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? path.basename(d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

/** Run the `backprop ...` lines of a shell block in `dir`, each edited by `edit`; every one must succeed. */
function runCommands(block: CodeBlock, dir: string, edit: (args: string[]) => string[] = (a) => a): void {
  for (const command of shellCommands(block)) {
    assert.ok(command.startsWith('backprop '), `line ${block.line}: '${command}' is not a backprop command`);
    const args = edit(shellWords(command).slice(1));
    const r = backprop(args, { cwd: dir });
    assert.equal(r.code, 0, `line ${block.line}: backprop ${args.join(' ')}\n${r.stderr}`);
  }
}

/** Each page's blocks are of kinds this test runs or another test checks; a new kind needs a decision. */
function checkKinds(file: string, kinds: string[]): CodeBlock[] {
  const blocks = codeBlocks(file);
  for (const b of blocks) assert.ok(b.notRun !== undefined || kinds.includes(b.lang), `${file}:${b.line}: a \`\`\`${b.lang} block, which nothing runs: run it here or mark it <!-- not run: why -->`);
  return blocks;
}

function linkSharedData(dir: string, names: string[]): void {
  for (const n of names) symlinkSync(path.join(SHARED_DATA, n), path.join(dir, n));
}

test('docs/guide.md: the snippets, in order in one .mjs file beside the cat files, run (2 epochs each) and typecheck under strict', { skip: !hasSharedData && sharedMissing }, () => {
  const blocks = checkKinds('docs/guide.md', ['ts', 'text', '']).filter((b) => b.lang === 'ts' && !b.notRun);
  assert.ok(blocks.length >= 5, `${blocks.length} ts blocks`);
  const dir = tempDir();
  linkSharedData(dir, ['train_catvnoncat.h5']);
  const fewer: [RegExp, string][] = [[/epochs: \d+/g, 'epochs: 2']];
  const out = runModule(dir, 'guide.mjs', moduleOf(blocks, fewer));
  // (as the quoted output prints them, 67.50%: the snippet printed 0.675 until session 36)
  assert.equal(out.match(/hidden units: accuracy \d+\.\d\d%/g)?.length, 7, out);
  assert.match(out, /^2 0\.\d+$/m, 'the callback prints epoch and cost');
  assert.deepEqual(typeErrors({ 'guide.mts': moduleOf(blocks, fewer, true) }), []);
});

test('docs/guide.md: the Network and fit calls of parts 1 to 5 are those of examples/course-path.ts, whose output the guide quotes', () => {
  const squash = (s: string) => s.replace(/\/\/.*$/gm, '').replace(/\s+/g, '').replace(/,([}\]])/g, '$1');
  const program = squash(readFileSync(path.join(ROOT, 'examples/course-path.ts'), 'utf8'));
  const calls = codeBlocks('docs/guide.md').filter((b) => b.lang === 'ts' && /^\d\./.test(b.section))
    .flatMap((b) => squash(b.code).split(';')).flatMap((s) => /(newNetwork\(.*|fit\(.*)$/.exec(s)?.[1] ?? []);
  assert.ok(calls.length >= 6, calls.join('\n'));
  for (const call of calls) assert.ok(program.includes(call), `the guide calls ${call}, which examples/course-path.ts does not`);
});

test('docs/interop.md: the commands and programs run in order, in a folder holding a 2-feature, 3-class model.json', (t) => {
  const blocks = checkKinds('docs/interop.md', ['sh', 'js']).filter((b) => !b.notRun);
  const dir = tempDir();
  const setup = backprop(['train', '--data', 'spiral3', '--epochs', '20', '--save', 'model.json'], { cwd: dir });
  assert.equal(setup.code, 0, setup.stderr);
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  const resolvable = (p: string) => { try { createRequire(path.join(ROOT, 'package.json')).resolve(p); return true; } catch { return false; } };
  let ran = 0;
  for (const [i, b] of blocks.entries()) {
    if (b.lang === 'sh') runCommands(b, dir);
    else {
      const pkg = /from '([^']+)'/.exec(b.code)![1]!;
      if (!resolvable(pkg)) { t.diagnostic(`line ${b.line} not run: ${pkg} is not installed (a devDependency)`); continue; }
      const out = runModule(dir, `block${i}.mjs`, b.code);
      if (pkg === 'onnxruntime-node') assert.match(out, /^\[ 2, 3 \]/, 'output.dims is [2, n_out]');
    }
    ran++;
  }
  assert.ok(ran >= 4, `${ran} blocks ran`);
  assert.deepEqual(JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8')).classes, ['cat', 'dog', 'fox'], 'the last import names the classes');
});

test('import --classes names the classes of a model exported by backprop (its metadata\'s data classes were kept and the import refused), from ONNX and TF.js', () => {
  const dir = tempDir();
  const run = (...args: string[]) => { const r = backprop(args, { cwd: dir }); assert.equal(r.code, 0, `${args.join(' ')}\n${r.stderr}`); return r.stdout; };
  run('train', '--data', 'flower', '--epochs', '5', '--save', 'm.json');
  run('export', '--model', 'm.json', '--out', 'm.onnx');
  run('export', '--model', 'm.json', '--format', 'tfjs', '--out', 'web/');
  for (const source of ['m.onnx', 'web/']) {
    run('import', source, '--out', 'named.json', '--classes', 'red,blue');
    const doc = JSON.parse(readFileSync(path.join(dir, 'named.json'), 'utf8'));
    assert.deepEqual([doc.classes, doc.preprocessing.data.classes], [['red', 'blue'], ['red', 'blue']], source);
    assert.match(run('evaluate', '--model', 'named.json', '--data', 'flower'), /accuracy/);
  }
});

test('docs/tuning.md: the commands, the space file, the --json shape and the program run as shown (fewer trials and epochs)', { skip: !hasSharedData && sharedMissing }, () => {
  const blocks = checkKinds('docs/tuning.md', ['sh', 'json', 'ts', 'sql']).filter((b) => !b.notRun);
  const dir = tempDir();
  linkSharedData(dir, ['digits.csv.gz']);
  const small = (args: string[]) => args.map((a, i) => (args[i - 1] === '--trials' ? '4' : args[i - 1] === '--epochs' ? '3' : a));
  const [command, space, shape, schema, program] = [blocks.filter((b) => b.lang === 'sh'), ...['json', 'json', 'sql', 'ts'].map((_, k) => blocks.filter((b) => b.lang !== 'sh')[k]!)];
  assert.deepEqual([command.length, space?.lang, shape?.lang, schema?.lang, program?.lang], [1, 'json', 'json', 'sql', 'ts'], 'the blocks this test knows, in order');
  runCommands(command[0]!, dir, small);
  for (const f of ['best.json', 'study.svg', 'digits.study.jsonl']) assert.ok(existsSync(path.join(dir, f)), `the command wrote ${f}`);

  writeFileSync(path.join(dir, 'space.json'), space!.code);
  const r = backprop(['tune', '--data', 'digits.csv.gz', '--no-header', '--standardize', '--optimizer', 'adam', '--epochs', '2', '--space', 'space.json', '--trials', '2', '--study', 's.jsonl', '--objective', 'accuracy', '--json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const study = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(study.trials[0].params).sort(), ['batchSize', 'l2', 'layers', 'learningRate']);
  const keysOf = (v: unknown): string[] => (v && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => [k, ...keysOf(x)]) : []);
  const printed = new Set(keysOf(study));
  for (const [, key] of shape!.code.matchAll(/"(\w+)":/g)) assert.ok(printed.has(key!), `the page's --json shows "${key}", which --json does not print`);

  const schemaText = readFileSync(path.join(ROOT, 'src/tune/storage/postgres-schema.ts'), 'utf8');
  for (const [name] of schema!.code.matchAll(/backprop_\w+/g)) assert.ok(schemaText.includes(name), `the schema outline names ${name}, which SCHEMA_SQL does not`);

  const fewer: [RegExp, string][] = [[/trials: \d+/, 'trials: 3'], [/epochs: \d+/, 'epochs: 3']];
  assert.match(runModule(dir, 'tune.mjs', moduleOf([program!], fewer)), /number: \d+/);
  assert.ok(existsSync(path.join(dir, 'best.json')) && existsSync(path.join(dir, 'digits-mlp.study.jsonl')));
  assert.deepEqual(typeErrors({ 'tune.mts': moduleOf([program!], fewer, true) }), []);
});

test('README.md and docs/*.md link to files and headings that exist', () => {
  const pages = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  assert.ok(pages.length >= 8);
  const broken = pages.flatMap((p) => brokenLinks(p).map((b) => `${p}: ${b}`));
  assert.deepEqual(broken, []);
  assert.ok(readDoc('docs/tuning.md').includes('](#a-study-on-several-machines-postgresql)'), 'the anchors are checked on a page that has one');
});
