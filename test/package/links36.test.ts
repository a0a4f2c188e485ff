// Round learn36: the shipped docs send a reader of the installed package only to files the tarball holds.
// docs/guide.md linked to ../examples/course-path.ts and docs/course.md's commands read examples/notes/*.json
// and *.csv, none of which `npm pack` put in the tarball: a student following the installed package's docs
// hit a dead link and "no such file". Now the worked examples' files are shipped and the guide names the
// repository's program without linking to it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { npm, ROOT } from './project.js';

const [info] = JSON.parse(npm(['pack', '--dry-run', '--ignore-scripts', '--json'], ROOT)) as { files: { path: string }[] }[];
const files = new Set(info!.files.map((f) => f.path));
const shippedDocs = [...files].filter((f) => f.endsWith('.md'));

test('every relative link of a shipped markdown file goes to a file in the tarball', () => {
  assert.ok(shippedDocs.includes('docs/guide.md') && shippedDocs.includes('docs/course.md'), shippedDocs.join(', '));
  const dead: string[] = [];
  for (const doc of shippedDocs) {
    const text = readFileSync(path.join(ROOT, doc), 'utf8');
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^([a-z]+:|#)/i.test(target!)) continue; // a URL or an anchor of the same page
      const file = path.posix.normalize(path.posix.join(path.posix.dirname(doc), target!.split('#')[0]!));
      if (!files.has(file)) dead.push(`${doc} -> ${target}`);
    }
  }
  assert.deepEqual(dead, []);
});

test('every examples/notes file that docs/course.md\'s commands read is in the tarball', () => {
  const course = readFileSync(path.join(ROOT, 'docs/course.md'), 'utf8');
  const named = new Set([...course.matchAll(/examples\/notes\/[\w.-]+\.(?:json|csv)/g)].map((m) => m[0]));
  assert.ok(named.size >= 6, [...named].join(', '));
  assert.deepEqual([...named].filter((f) => !files.has(f)), []);
});
