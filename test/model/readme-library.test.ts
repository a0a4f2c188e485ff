// The README's library example, run as written (the import of 'backprop' pointed at this build),
// on the real ilpd.csv; its predictions on raw rows must equal `backprop predict` on the same
// saved model and the same rows as a CSV file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { ROOT, SHARED_DATA, hasSharedData, sharedMissing, backprop, tempDir } from '../helpers/cli.js';

/** The first ```ts block after the "## The library" heading. */
function readmeExample(): string {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## The library'));
  const m = /```ts\n([\s\S]*?)```/.exec(section);
  assert.ok(m, 'README.md has a ts block in "## The library"');
  return m[1]!;
}

test('the README library example trains on ilpd.csv, saves, loads and predicts raw rows as `backprop predict` does', { skip: hasSharedData ? false : sharedMissing }, () => {
  const dir = tempDir();
  symlinkSync(path.join(SHARED_DATA, 'ilpd.csv'), path.join(dir, 'ilpd.csv'));
  const entry = pathToFileURL(path.join(ROOT, 'dist/src/node.js')).href;
  const code = readmeExample().replace(/from 'backprop'/g, `from '${entry}'`);
  assert.ok(code.includes('trainModel') && code.includes('predict('), 'the example trains and predicts');
  // the example is TypeScript: compiled as a user's project would (strict), then run
  const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, strict: true } }).outputText;
  writeFileSync(path.join(dir, 'example.mjs'), js);
  const run = spawnSync(process.execPath, ['example.mjs'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  assert.equal(run.status, 0, run.stderr);
  const accuracy = Number(/test accuracy ([\d.]+)/.exec(run.stdout)?.[1]);
  assert.ok(accuracy > 0.6 && accuracy <= 1, `test accuracy ${accuracy}`);
  const printed = /\[([^\]]*)\]\s*$/.exec(run.stdout)?.[1]?.split(',').map((s) => s.trim().replace(/'/g, ''));
  assert.equal(printed?.length, 2, run.stdout);

  // the same two rows as a headerless CSV file (without the label column), through the CLI
  const rows = /predict\(\[(\[.*\])\]\)/.exec(code)![1]!;
  const cells = JSON.parse(`[${rows.replace(/'/g, '"')}]`) as (string | number)[][];
  writeFileSync(path.join(dir, 'rows.csv'), cells.map((r) => r.join(',')).join('\n') + '\n');
  const cli = backprop(['predict', '--model', 'liver.json', '--data', 'rows.csv'], { cwd: dir });
  assert.equal(cli.code, 0, cli.stderr);
  assert.deepEqual(cli.stdout.trim().split('\n').slice(1), printed);
});

test('the README\'s library examples run as JavaScript too: it says to put them in a .mjs file, where `test!.classification!` was a SyntaxError', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.slice(readme.indexOf('## The library')).matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  assert.ok(blocks.length >= 2, 'the data-file example and the building blocks');
  const dir = tempDir();
  blocks.forEach((code, i) => {
    const file = path.join(dir, `example${i}.mjs`);
    writeFileSync(file, code);
    const check = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
    assert.equal(check.status, 0, `README block ${i + 1} as a .mjs file: ${check.stderr}`);
  });
  // the building blocks, run as written (a .mjs file importing this build): the course's numbers it states
  const entry = pathToFileURL(path.join(ROOT, 'dist/src/node.js')).href;
  const code = blocks[1]!.replace(/from 'backprop'/g, `from '${entry}'`);
  writeFileSync(path.join(dir, 'blocks.mjs'), code);
  const run = spawnSync(process.execPath, ['blocks.mjs'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^0\.288083\d*\n0\.905\n$/);
});
