// docs/guide.md is regenerated from examples/course-path.ts: this runs the program as the guide says
// and checks that every output line quoted in the guide is what the program prints today, in the
// guide's section, and that the program prints its sections in the guide's order (1, 2, 3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, SHARED_DATA, hasSharedData, sharedMissing } from '../helpers/cli.js';

/** The guide's sections: number -> the lines of its ```text blocks. */
function quoted(): Map<number, string[]> {
  const doc = readFileSync(path.join(ROOT, 'docs/guide.md'), 'utf8');
  const sections = new Map<number, string[]>();
  for (const part of doc.split(/^## /m).slice(1)) {
    const n = Number(/^(\d+)\./.exec(part)?.[1]);
    if (!n) continue;
    const lines = [...part.matchAll(/```text\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split('\n').filter((l) => l.trim() !== ''));
    sections.set(n, lines);
  }
  return sections;
}

/** The program's output cut at its section headers ("1. ...", "2. ..."). */
function sectionsOf(stdout: string): { n: number; lines: string[] }[] {
  return stdout.split(/^(?=\d\. )/m).slice(1).map((s) => ({ n: Number(s[0]), lines: s.split('\n') }));
}

test('docs/guide.md: the numbers it prints are what examples/course-path.ts prints, sections in order', { skip: !hasSharedData && sharedMissing }, () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/examples/course-path.js'), SHARED_DATA], { encoding: 'utf8', timeout: 3_600_000 });
  assert.equal(r.status, 0, r.stderr);
  const printed = sectionsOf(r.stdout);
  assert.deepEqual(printed.map((s) => s.n), [1, 2, 3], 'the program prints parts 1, 2, 3 in this order');
  const doc = quoted();
  assert.deepEqual([...doc.keys()], [1, 2, 3], 'the guide has parts 1, 2, 3 in this order');
  for (const { n, lines } of printed) {
    const want = doc.get(n)!;
    assert.ok(want.length >= 5, `part ${n} quotes ${want.length} lines`);
    for (const line of want) assert.ok(lines.includes(line), `part ${n}: the guide quotes\n${line}\nbut the program printed\n${lines.join('\n')}`);
  }
});
