// The command line as a process, thirty-fourth sweep: predict, evaluate and export ended on Ctrl-C or
// kill with no word (exit 130/143), and a write under way could be left behind; train said "before
// training began" of a Ctrl-C that came once training had begun, and a Ctrl-C during epoch 1 stopped
// it after epoch 2; tune's trials said none of training's warnings; the command line gave loadDataset
// every option's default, so that it could not tell the options a user typed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, linkSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { backprop, fileWriter, ROOT, tempDir, usageError } from '../helpers/cli.js';
import { interruptedMessage } from '../../src/cli/commands/train.js';
import { durationText } from '../../src/cli/progress.js';

const dir = tempDir('backprop-hostile34-');
const write = fileWriter(dir);
const BIN = path.join(ROOT, 'bin/backprop.js');

/** A CSV of two features and a 0/1 label, `rows` rows. */
function pointsCsv(name: string, rows: number, label = true): string {
  const lines = [label ? 'a,b,y' : 'a,b'];
  for (let i = 0; i < rows; i++) {
    const a = ((i * 7919) % 1000) / 1000, b = ((i * 104729) % 1000) / 1000;
    lines.push(label ? `${a},${b},${a + b > 1 ? 1 : 0}` : `${a},${b}`);
  }
  return write(name, lines.join('\n') + '\n');
}

/** Start backprop; collect its output. */
function start(args: string[]): { child: ChildProcess; out: () => string; err: () => string; done: Promise<number | null> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, FORCE_COLOR: '0' } });
  let stdout = '', stderr = '';
  child.stdout!.on('data', (b: Buffer) => { stdout += b.toString(); });
  child.stderr!.on('data', (b: Buffer) => { stderr += b.toString(); });
  const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, out: () => stdout, err: () => stderr, done };
}

/** Resolve when `ready()` holds (checked every few milliseconds), or after `ms`. */
async function when(ready: () => boolean, ms: number): Promise<boolean> {
  for (const t0 = Date.now(); Date.now() - t0 < ms;) {
    if (ready()) return true;
    await new Promise((r) => setTimeout(r, 2));
  }
  return false;
}

const model = path.join(dir, 'm.json');
const temporaries = () => readdirSync(dir).filter((f) => f.includes('.backprop-tmp-'));

test('setup: a model', () => {
  assert.equal(backprop(['train', '--data', pointsCsv('small.csv', 40), '--epochs', '2', '--save', model]).code, 0);
});

test('predict killed while it writes --out says so in one line, what was or was not written, exit 143, and leaves no temporary file (it ended without a word)', async () => {
  const data = pointsCsv('many.csv', 400_000, false);
  const out = path.join(dir, 'preds.csv');
  writeFileSync(out, 'prediction,p_0,p_1\n0,0.5,0.5\n'); // an earlier run's predictions
  const before = readFileSync(out, 'utf8');
  const run = start(['predict', '--model', model, '--data', data, '--proba', '--out', out]);
  // SIGTERM as soon as the temporary file beside preds.csv appears: the write is under way
  const caught = await when(() => temporaries().length > 0, 60_000);
  run.child.kill('SIGTERM');
  const code = await run.done;
  if (!caught) return; // (the run ended before its write could be seen: nothing to check)
  assert.equal(code, 143, run.err());
  const m = /^backprop: predict interrupted \(SIGTERM\); (not written: --out .*preds\.csv \(left as it was\)|written: .*preds\.csv)\n$/.exec(run.err());
  assert.ok(m, JSON.stringify(run.err()));
  // what it says is what happened: the file as it was, or the whole new file
  if (m[1]!.startsWith('not written')) assert.equal(readFileSync(out, 'utf8'), before);
  else assert.equal(readFileSync(out, 'utf8').trim().split('\n').length, 400_001);
  assert.deepEqual(temporaries(), []);
});

test('evaluate and export stopped by Ctrl-C or kill say which command stopped and that nothing was written, exit 130 / 143', async () => {
  const data = pointsCsv('labelled.csv', 300_000);
  for (const [args, signal, code, text] of [
    [['evaluate', '--model', model, '--data', data], 'SIGINT', 130, 'evaluate interrupted \\(Ctrl-C\\); no file was written'],
    // (a file that was not there is not said to be 'as it was')
    [['predict', '--model', model, '--data', data, '--out', path.join(dir, 'never.csv')], 'SIGINT', 130, 'predict interrupted \\(Ctrl-C\\); not written: --out .*never\\.csv'],
  ] as const) {
    const run = start([...args]);
    await new Promise((r) => setTimeout(r, 900)); // (the modules load; the data is being read)
    run.child.kill(signal);
    const exit = await run.done;
    if (exit === 0) continue; // (it finished first: nothing to check)
    if (args[0] === 'predict') assert.ok(!existsSync(path.join(dir, 'never.csv')));
    assert.equal(exit, code, run.err());
    // (before the command line's modules have loaded, the line says the process was starting)
    assert.match(run.err(), new RegExp(`^backprop: (${text}|interrupted \\(${signal === 'SIGINT' ? 'Ctrl-C' : signal}\\) while starting; no file was written)\\n$`));
  }
});

test("train's message for a stop once training began says so ('before training began' was said of a Ctrl-C during epoch 1)", () => {
  const o = { data: 'x.csv', save: 'm.json' } as Parameters<typeof interruptedMessage>[0];
  assert.equal(interruptedMessage(o, 0, 3, 'SIGINT'), 'interrupted (Ctrl-C) before epoch 1 of 3 ended; no file was written');
  assert.equal(interruptedMessage(o, -1, 3, 'SIGTERM'), 'interrupted (SIGTERM) before training began; no file was written');
  assert.equal(interruptedMessage(o, 2, 3, 'SIGINT'), 'interrupted (Ctrl-C) after epoch 2 of 3; no file was written');
});

test('Ctrl-C during epoch 1 of train stops it after epoch 1 (it ran epoch 2 first)', async () => {
  const data = pointsCsv('epochs.csv', 60_000);
  const run = start(['--backend', 'js', 'train', '--data', data, '--batch-size', '2', '--epochs', '4', '--print-every', '1']);
  assert.ok(await when(() => /updates per epoch/.test(run.out()), 60_000), run.err());
  run.child.kill('SIGINT');
  assert.equal(await run.done, 130, run.err());
  if (/epoch 1\/4/.test(run.out()) && /^backprop: interrupted \(Ctrl-C\) after epoch 1 of 4/.test(run.err())) return;
  // (a machine so slow that the signal came after epoch 1 ended stops after epoch 2, and says so)
  assert.match(run.err(), /^backprop: interrupted \(Ctrl-C\) (after epoch 1 of 4|before epoch 1 of 4 ended); no model was saved \(no --save\)\n$/);
});

test("tune says each of training's warnings once, naming the trials' configuration when not every trial gave it (the trials' warnings were dropped)", () => {
  const r = backprop(['tune', '--data', 'xor', '--samples', '40', '--layers', '1024,1024|4', '--l2', '5|10', '--epochs', '1', '--trials', '4',
    '--sampler', 'grid', '--workers', '2', '--study', path.join(dir, 'warn.jsonl')], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const warnings = r.stderr.split('\n').filter((l) => l.startsWith('backprop: warning:'));
  const oversized = warnings.filter((w) => /network has .* parameters/.test(w));
  assert.equal(oversized.length, 1, r.stderr);
  assert.match(oversized[0]!, /^backprop: warning: in 2 of 4 trials \(the first: trial #\d, (l2 \d+, )?layers 1024,1024(, l2 \d+)?\): a 2-1024-1024-1 network has/);
  assert.equal(new Set(warnings).size, warnings.length, r.stderr);
});

test('the command line gives loadDataset only the options typed: a built-in set, an HDF5 or IDX name draws no warning of CSV defaults', () => {
  const r = backprop(['train', '--data', 'xor', '--epochs', '1'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /not used by|loadDataset/);
  // a typed option of another kind of data: said once, by its flag
  const typed = backprop(['train', '--data', 'xor', '--epochs', '1', '--target', 'y', '--image-size', '8x8'], { cwd: dir });
  assert.equal(typed.code, 0, typed.stderr);
  assert.deepEqual(typed.stderr.split('\n').filter((l) => /warning/.test(l)), ['backprop: warning: --target, --image-size ignored: xor is read as a built-in set']);
});

test('with --json, an error is also one JSON object on standard output, { error, exitCode } (it was empty: JSON.parse failed)', () => {
  for (const [args, code, message] of [
    [['train', '--data', 'nope.csv', '--json'], 2, /^file not found: nope\.csv/],
    [['train', '--json'], 2, /^required option '--data <file>' not specified$/],
    [['evaluate', '--model', 'nope.json', '--data', 'xor', '--json'], 2, /^model file not found: nope\.json/],
    [['train', '--data', 'xor', '--lr', '1e6', '--epochs', '50', '--json'], 1, /^training diverged/],
  ] as const) {
    const r = backprop([...args], { cwd: dir });
    assert.equal(r.code, code, r.stderr);
    const parsed = JSON.parse(r.stdout) as { error: string; exitCode: number };
    assert.equal(parsed.exitCode, code);
    assert.match(parsed.error, message);
    assert.match(r.stderr, /^backprop: error: /); // (the line on standard error as before)
  }
  // without --json, nothing on standard output
  assert.equal(backprop(['train', '--data', 'nope.csv'], { cwd: dir }).stdout, '');
});

test('the lines that say what was written show a name with a newline escaped, on one line (it was split in two)', () => {
  const odd = 'new\nline.json';
  const r = backprop(['train', '--data', 'xor', '--epochs', '1', '--save', odd], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^model saved to "new\\nline\.json"$/m);
  const p = backprop(['predict', '--model', path.join(dir, odd), '--data', 'xor', '--out', 'new\nline.csv'], { cwd: dir });
  assert.equal(p.code, 0, p.stderr);
  assert.equal(p.stderr, '500 predictions written to "new\\nline.csv"\n');
  const e = backprop(['evaluate', '--model', odd, '--data', 'xor'], { cwd: dir });
  assert.match(e.stdout, /^"new\\nline\.json" on xor \(500 examples\)$/m);
});

test("a path beginning with a '~' the shell did not expand (--save=~/m.json) is refused saying so (it was 'the folder ./~ does not exist')", () => {
  usageError(backprop(['train', '--data', 'xor', '--epochs', '1', '--save=~/m34.json'], { cwd: dir }),
    /^backprop: error: --save ~\/m34\.json: '~' was not expanded to your home folder \(a shell expands it only at the start of a word and unquoted: --save ~\/name, not --save=~\/name\); write the path in full, e.g. .*m34\.json$/);
  usageError(backprop(['train', '--data=~/points.csv'], { cwd: dir }), /^backprop: error: --data ~\/points\.csv: '~' was not expanded/);
  assert.ok(!existsSync(path.join(dir, '~')));
});

test('a long run\'s ETA is said in minutes and hours (ETA 1642 s, ETA 93817 s)', () => {
  assert.equal(durationText(42.4), '42 s');
  assert.equal(durationText(1642), '27 min');
  assert.equal(durationText(93817), '26 h 04 min');
});

test('an output with other names (hard links) is said to be replaced under this name only (the other name kept the old model, silently)', () => {
  const saved = path.join(dir, 'current.json'), other = path.join(dir, 'best.json');
  assert.equal(backprop(['train', '--data', 'xor', '--epochs', '1', '--save', saved]).code, 0);
  linkSync(saved, other);
  const r = backprop(['train', '--data', 'xor', '--epochs', '2', '--save', saved]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^backprop: warning: --save .*current\.json has 1 other name \(hard links\): it is replaced by a new file, and that name keeps the old content$/m);
});
