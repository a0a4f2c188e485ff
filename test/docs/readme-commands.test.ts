// The README's command lines hang together: every model file a command reads was saved by an
// earlier command of the README.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/cli.js';

test('every --model file of a README command is saved by an earlier README command', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const commands = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.replace(/\\\n\s*/g, ' ').split('\n')).filter((l) => l.startsWith('npx backprop'));
  assert.ok(commands.length > 5);
  const saved = new Set<string>();
  for (const c of commands) {
    for (const m of c.matchAll(/--model (\S+)/g)) assert.ok(saved.has(m[1]!), `'${c}' reads ${m[1]}, which no earlier README command saves`);
    for (const m of c.matchAll(/--save (\S+)/g)) saved.add(m[1]!);
  }
});
