// The API reference: every function and class the package exports (src/node.ts, which re-exports
// src/index.ts) has a doc comment where it is declared, which is what an editor shows on hover and
// TypeDoc prints; a function exported through util/guard.ts's `guarded` is declared by its
// `export const`, so the comment belongs there. And `npm run docs` builds without a warning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { ROOT, tempDir } from '../helpers/cli.js';

/** `name (file)` of each exported function or class of the entry without a /** comment. */
function undocumented(entry: string): string[] {
  const program = ts.createProgram([path.join(ROOT, entry)], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(path.join(ROOT, entry))!)!;
  const missing: string[] = [];
  for (const exported of checker.getExportsOfModule(module)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declaration = symbol.valueDeclaration;
    if (!declaration) continue; // a type
    const isFunction = ts.isFunctionDeclaration(declaration) || ts.isClassDeclaration(declaration)
      || (ts.isVariableDeclaration(declaration) && checker.getTypeOfSymbolAtLocation(symbol, declaration).getCallSignatures().length > 0);
    if (!isFunction) continue;
    if (symbol.getDocumentationComment(checker).length === 0) missing.push(`${exported.name} (${path.relative(ROOT, declaration.getSourceFile().fileName)})`);
  }
  return missing.sort();
}

test('every function and class the package exports has a doc comment', () => {
  const missing = undocumented('src/node.ts');
  assert.deepEqual(missing, [], `${missing.length} without a /** ... */ comment`);
});

test('npm run docs (TypeDoc, warnings as errors) builds the API reference', () => {
  const script = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.docs!;
  const [tool, ...args] = script.split(/\s+/);
  assert.equal(tool, 'typedoc');
  assert.ok(args.includes('--treatWarningsAsErrors'), script);
  const out = args.indexOf('--out');
  assert.ok(out >= 0, script);
  args[out + 1] = tempDir(); // not into this checkout's dist/docs
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typedoc/bin/typedoc'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  assert.equal(r.status, 0, `${script}:\n${r.stdout}${r.stderr}`);
});
