// docs/guide.md is regenerated from examples/course-path.ts: this runs the program as the guide says
// and checks that every output line quoted in the guide is what the program prints today, in the
// guide's section, and that the program prints its sections in the guide's order (1, 2, 3, 4, 5).
// Parts 1, 2, 4 and 5 are float64 and must match to the printed digit. Part 3 is float32: on the kernels
// the guide names (its `kernels:` line) it must match too; on other kernels, whose float32 sums run
// in another order, its numbers may differ by up to 0.01 (the cost is chaotic around iteration 800).
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

/** The same words, and numbers within tol (percentages within 100·tol points). */
function close(got: string, want: string, tol: number): boolean {
  const mask = (s: string) => s.replace(/-?\d+(\.\d+)?/g, '#');
  if (mask(got) !== mask(want)) return false;
  const a = got.match(/-?\d+(\.\d+)?/g) ?? [], b = want.match(/-?\d+(\.\d+)?/g) ?? [];
  return a.every((x, i) => Math.abs(Number(x) - Number(b[i])) <= (got.includes('%') ? 100 * tol : tol) || x === b[i]);
}

test('docs/guide.md: the numbers it prints are what examples/course-path.ts prints, sections in order', { skip: !hasSharedData && sharedMissing }, () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/examples/course-path.js'), SHARED_DATA], { encoding: 'utf8', timeout: 3_600_000 });
  assert.equal(r.status, 0, r.stderr);
  const printed = sectionsOf(r.stdout);
  assert.deepEqual(printed.map((s) => s.n), [1, 2, 3, 4, 5], 'the program prints parts 1, 2, 3, 4, 5 in this order');
  const doc = quoted();
  assert.deepEqual([...doc.keys()], [1, 2, 3, 4, 5], 'the guide has parts 1, 2, 3, 4, 5 in this order');
  const sameKernels = /^kernels: .+$/m.exec(r.stdout)?.[0] === /^kernels: .+$/m.exec(readFileSync(path.join(ROOT, 'docs/guide.md'), 'utf8'))?.[0];
  for (const { n, lines } of printed) {
    const want = doc.get(n)!;
    assert.ok(want.length >= 5, `part ${n} quotes ${want.length} lines`);
    for (const line of want) {
      const found = lines.includes(line) || (n === 3 && !sameKernels && lines.some((l) => close(l, line, 0.01)));
      assert.ok(found, `part ${n}: the guide quotes\n${line}\nbut the program printed\n${lines.join('\n')}`);
    }
  }
});
