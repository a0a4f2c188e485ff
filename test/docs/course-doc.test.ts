// docs/course.md, "the notes in backprop": every command followed by a ```text block is run as the
// page says (from the repository root), and every line quoted in the block is in its output; every
// section the table links to exists; the activation picture is the one the script draws today.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { backprop, ROOT } from '../helpers/cli.js';
import { renderSvg } from '../../src/plot/render.js';
import { activationsSpec } from '../../src/plot/activations.js';

const doc = readFileSync(path.join(ROOT, 'docs/course.md'), 'utf8');

/** [command, quoted lines] for each ```sh block whose last command is followed by a ```text block. */
function quotedRuns(): [string[], string[]][] {
  return [...doc.matchAll(/```sh\n([\s\S]*?)```\n\n```text\n([\s\S]*?)```/g)].map((m) => {
    const command = m[1]!.trim().split('\n').at(-1)!;
    assert.ok(command.startsWith('npx backprop '), command);
    return [command.slice('npx backprop '.length).split(/\s+/), m[2]!.split('\n').filter((l) => l.trim() !== '')];
  });
}

test('docs/course.md: each quoted output is what its command prints today', () => {
  const runs = quotedRuns();
  assert.ok(runs.length >= 7, `${runs.length} quoted runs`);
  for (const [args, lines] of runs) {
    const r = backprop(args, { cwd: ROOT });
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    // a progress line's times in brackets, '(0.6 s, ETA 2 s)', change from run to run: compared without them
    const untimed = (line: string) => line.replace(/ {2}\(\d+(\.\d+)? s(, ETA \d+ s)?\)$/, '');
    const out = r.stdout.split('\n').map(untimed);
    for (const line of lines) assert.ok(out.includes(untimed(line)), `'backprop ${args.join(' ')}' does not print:\n${line}\n--- it printed:\n${r.stdout}`);
  }
});

test('docs/course.md: every topic of the table links to a section of the page', () => {
  const anchors = new Set([...doc.matchAll(/^## (.+)$/gm)].map((m) => m[1]!.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')));
  const links = [...doc.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
  assert.ok(links.length >= 15);
  for (const a of links) assert.ok(anchors.has(a), `#${a} is not a section`);
});

test('docs/activations.svg is what examples/activation-figure draws from the library today', async () => {
  const committed = readFileSync(path.join(ROOT, 'docs/activations.svg'), 'utf8');
  assert.equal(committed, await renderSvg(activationsSpec()), 'run node dist/examples/activation-figure.js to redraw it');
  for (const g of ['sigmoid', 'tanh', 'relu', 'leakyRelu(0.1)', 'elu', 'selu', 'linear']) assert.ok(committed.includes(`>${g}<`), g);
});
