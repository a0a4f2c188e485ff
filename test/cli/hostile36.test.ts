// The command line as a new user and a script run it, thirty-sixth sweep: two `train --save m.json`
// at once each trained, and the last to finish replaced the other's model, silently; a full disk
// exited 2 for a file (as for a typing mistake) and 1 for standard output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { backprop, ROOT, tempDir, usageError } from '../helpers/cli.js';
import { OutputError, StorageError } from '../../src/errors.js';
import { loadModel, saveModel } from '../../src/io/model-file.js';
import { writeFailure } from '../../src/io/write-file.js';
import { synthetic, trainModel } from '../../src/index.js';
import { exitCodeFor } from '../../src/cli/errors.js';

const dir = tempDir('backprop-hostile36-');
const BIN = path.join(ROOT, 'bin/backprop.js');

/** Resolve when `ready()` holds (checked every few milliseconds), or after `ms`. */
async function when(ready: () => boolean, ms: number): Promise<boolean> {
  for (const t0 = Date.now(); Date.now() - t0 < ms;) {
    if (ready()) return true;
    await new Promise((r) => setTimeout(r, 5));
  }
  return false;
}

/** A process that stays alive until killed, standing for another run (its pid holds a claim). */
function sleeper(): ChildProcess {
  return spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
}

test('a second run writing a file another run has claimed is refused at once, naming the file and the other run (the last rename won, silently)', async () => {
  const model = path.join(dir, 'same.json');
  const first = spawn(process.execPath, [BIN, 'train', '--data', 'xor', '--samples', '20000', '--epochs', '400', '--save', model], { cwd: dir, stdio: 'ignore' });
  const done = new Promise<number | null>((r) => first.on('close', r));
  const lock = path.join(dir, '.same.json.backprop-lock');
  assert.ok(await when(() => existsSync(lock), 60_000), 'the first run claimed its --save');
  const second = backprop(['train', '--data', 'xor', '--epochs', '1', '--save', model], { cwd: dir });
  const running = await when(() => first.exitCode === null, 0);
  if (running || second.code !== 0) {
    usageError(second, new RegExp(`^backprop: error: --save: cannot write .*same\\.json: another run \\(pid ${first.pid}(, node)?\\) claimed it at \\d\\d:\\d\\d:\\d\\d to write it; give another file name, or wait for that run to end \\(if pid ${first.pid} is no backprop run, delete .*\\.same\\.json\\.backprop-lock\\)$`));
  }
  assert.equal(await done, 0);
  assert.ok(!existsSync(lock), 'the claim is removed when its run ends');
  assert.equal((await loadModel(model)).network.describe(), '2-16(relu)-1(sigmoid)');
});

test("a claim held by a live process refuses the library's saveModel too; one whose process is gone is broken (a killed run never leaves the file stuck)", async () => {
  const model = path.join(dir, 'claimed.json');
  assert.equal(backprop(['train', '--data', 'xor', '--epochs', '1', '--save', model]).code, 0);
  const saved = await loadModel(model);
  const lock = path.join(dir, '.claimed.json.backprop-lock');
  const other = sleeper();
  await new Promise((r) => other.once('spawn', r));
  try {
    writeFileSync(lock, String(other.pid));
    await assert.rejects(saveModel(model, saved), (e: unknown) => e instanceof OutputError && /another run \(pid \d+(, node)?\) claimed it/.test(e.message));
    usageError(backprop(['train', '--data', 'xor', '--epochs', '1', '--save', model]), /^backprop: error: --save: cannot write .*claimed\.json: another run \(pid \d+(, node)?\) claimed it/);
  } catch (e) {
    other.kill();
    throw e;
  }
  other.kill();
  await new Promise((r) => other.once('close', r));
  // the holder is gone: its claim is stale, and broken
  const r = backprop(['train', '--data', 'xor', '--epochs', '1', '--save', model]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(!existsSync(lock));
  await saveModel(model, saved);
  assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('.claimed')), []);
});

test('a write the machine cannot store (a full disk, a quota, an I/O error) is a failed run, exit 1, for a file as for standard output (a file exited 2, as a typing mistake)', () => {
  for (const code of ['ENOSPC', 'EDQUOT', 'EIO', 'EFBIG']) {
    const e = writeFailure('cannot write m.json: the disk is full', Object.assign(new Error(code), { code }));
    assert.ok(e instanceof StorageError && e instanceof OutputError, code);
    assert.equal(exitCodeFor(e), 1, code);
  }
  // what the user typed (a folder without permission, a name too long) stays bad input
  for (const code of ['EACCES', 'ENAMETOOLONG', 'ENOENT']) assert.equal(exitCodeFor(writeFailure('cannot write m.json', Object.assign(new Error(code), { code }))), 2, code);
});

const asRoot = process.getuid?.() === 0 && existsSync('/bin/mount');
test('on a real full file system: --save, --out, an export and standard output each end in one line, exit 1, and leave nothing behind', { skip: !asRoot && 'needs root to mount a small tmpfs' }, (t) => {
  const full = path.join(dir, 'full');
  mkdirSync(full);
  const mounted = spawnSync('/bin/mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', full]);
  if (mounted.status !== 0) return t.skip(`cannot mount a tmpfs here: ${String(mounted.stderr).trim()}`);
  try {
    writeFileSync(path.join(dir, 'fill.sh'), `dd if=/dev/zero of=${JSON.stringify(path.join(full, 'fill'))} bs=4096 count=64 2>/dev/null; true`);
    spawnSync('/bin/sh', [path.join(dir, 'fill.sh')]);
    const model = path.join(dir, 'small.json');
    assert.equal(backprop(['train', '--data', 'xor', '--epochs', '1', '--save', model]).code, 0);
    for (const [args, pattern] of [
      [['train', '--data', 'xor', '--epochs', '1', '--layers', '64,64', '--save', path.join(full, 'm.json')], /^backprop: error: cannot write .*full\/m\.json: the disk is full; .*m\.json was left as it was$/],
      [['predict', '--model', model, '--data', 'xor', '--out', path.join(full, 'p.csv')], /^backprop: error: cannot write .*full\/p\.csv: the disk is full/],
      [['export', '--model', model, '--format', 'tfjs', '--out', path.join(full, 'tf')], /^backprop: error: cannot write .*full\/tf\/weights\.bin: the disk is full/],
    ] as const) {
      const r = backprop([...args]);
      assert.equal(r.code, 1, r.stderr);
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0]!, pattern);
    }
    const out = spawnSync('/bin/sh', ['-c', `exec ${[process.execPath, BIN, 'predict', '--model', model, '--data', 'xor'].map((w) => JSON.stringify(w)).join(' ')} > ${JSON.stringify(path.join(full, 'stdout.csv'))}`], { encoding: 'utf8' });
    assert.equal(out.status, 1, out.stderr);
    assert.equal(out.stderr, 'backprop: error: cannot write to standard output: the disk is full; the rest of the output is lost\n');
    assert.deepEqual(readdirSync(full).sort(), ['fill', 'stdout.csv']);
  } finally {
    spawnSync('/bin/umount', [full]);
  }
});

test("a resumed run says what the model file does not carry over: a decay started again at epoch 1, another learning rate or optimizer than the model's (all were silent)", async () => {
  const train = synthetic('xor', { seed: 1, samples: 60 });
  const first = await trainModel({ layers: [4], epochs: 20, learningRate: 0.1, schedule: { type: 'inverseTime', decayRate: 1 }, testSplit: 0 }, { train }, { warn: () => {} });
  const said = (spec: Parameters<typeof trainModel>[0]) => {
    const warnings: string[] = [];
    return trainModel({ ...spec, epochs: 2, testSplit: 0, resume: first.model }, { train }, { warn: (m) => warnings.push(m) }).then(() => warnings.filter((w) => w.startsWith('resume:')));
  };
  // lr_e = 0.1 / (1 + floor(e)): the last of 20 epochs ran at 0.1 / 20
  assert.deepEqual(await said({ learningRate: 0.1, schedule: { type: 'inverseTime', decayRate: 1 } }),
    ["resume: the learning-rate decay starts again at epoch 1 from learningRate 0.1 (a model file keeps no place in a schedule); the model's last run ended its 20 epochs at learning rate 0.005 (decayed from 0.1)"]);
  assert.deepEqual(await said({ optimizer: 'adam' }),
    ["resume: this run trains at learningRate 0.001; the model's last run ended its 20 epochs at learning rate 0.005 (decayed from 0.1); optimizer adam, where the model was trained with gd (adam starts from a fresh state)"]);
  // a run that goes on as the model was trained says nothing
  const plain = await trainModel({ layers: [4], epochs: 3, testSplit: 0 }, { train }, { warn: () => {} });
  const warnings: string[] = [];
  await trainModel({ epochs: 2, testSplit: 0, resume: plain.model }, { train }, { warn: (m) => warnings.push(m) });
  assert.deepEqual(warnings, []);
  // the command line names its flags
  const model = path.join(dir, 'decayed.json');
  await saveModel(model, first.model);
  const r = backprop(['train', '--data', 'xor', '--epochs', '1', '--resume', model, '--lr-decay', 'exp:0.9']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^backprop: warning: resume: the learning-rate decay starts again at epoch 1 from --lr 0\.0075 .*; the model's last run ended its 20 epochs at learning rate 0\.005 \(decayed from 0\.1\)$/m);
});

const TUNE = ['tune', '--data', 'xor', '--samples', '40', '--layers', '2|3', '--epochs', '1', '--trials', '1'];
test("tune without --study says on its first line where its journal goes (it was named only at the end, under the leaderboard)", () => {
  const work = path.join(dir, 'tune-here');
  mkdirSync(work);
  const r = backprop(TUNE, { cwd: work });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.split('\n')[0], `study: ${path.join(work, 'xor.study.jsonl')} (a new journal; --study's default: DATA.study.jsonl in the current folder; --study FILE puts it elsewhere)`);
  assert.ok(existsSync(path.join(work, 'xor.study.jsonl')));
  // a --study typed is the user's own: not said again
  const typed = backprop([...TUNE, '--study', path.join(work, 'mine.jsonl')], { cwd: work });
  assert.doesNotMatch(typed.stdout, /--study's default/);
});

test("tune in a working folder it cannot write in says so of the default journal in one line (it blamed a --study never typed)", { skip: !(process.getuid?.() === 0) && 'needs root, to run as another user' }, () => {
  const locked = path.join(dir, 'read-only');
  mkdirSync(locked, { mode: 0o555 });
  spawnSync('/bin/chmod', ['711', dir]);
  usageError(backprop(TUNE, { cwd: locked, uid: 65534 }),
    /^backprop: error: the study journal xor\.study\.jsonl: no permission to write in the folder .*read-only \(--study's default: DATA\.study\.jsonl in the current folder\); give --study FILE in a folder you can write$/);
});

test("an option typed with one dash, without its dashes, or before its command names the option meant ('-lr', 'lr=0.1', 'backprop --epochs 3 train' were said to be unknown, or arguments)", () => {
  const train = ['train', '--data', 'xor', '--epochs', '1'];
  usageError(backprop([...train, '-lr', '0.1']), /^backprop: error: unknown option '-lr' \(Did you mean --lr\?\)$/);
  usageError(backprop(['predict', '-model', 'm.json']), /^backprop: error: unknown option '-model' \(Did you mean --model\?\)$/);
  usageError(backprop([...train, 'lr=0.1']), /^backprop: error: train takes no arguments besides its options, got 'lr=0\.1'; an option begins with '--': write --lr=0\.1$/);
  usageError(backprop([...train, 'seed', '3']), /got 'seed', '3'; an option begins with '--': write --seed 3$/);
  // (it said: write --data data=xor)
  usageError(backprop(['train', 'data=xor']), /^backprop: error: required option '--data <file>' not specified; 'data=xor' is no option: an option begins with '--' \(write --data=xor\)$/);
  usageError(backprop(['--epochs', '3', 'train', '--data', 'xor']), /^backprop: error: unknown option '--epochs' \(an option of [\w, ]*train[\w, ]*: the command comes first, e.g\. backprop train --epochs \.\.\.\)$/);
  usageError(backprop(['-lr', '0.1']), /^backprop: error: unknown option '-lr' \(an option of [\w, ]*train[\w, ]*: the command comes first, e.g\. backprop train --lr \.\.\.\)$/);
  // a word that is no option is an argument, as before
  usageError(backprop([...train, 'foo=3']), /got 'foo=3'; an option's value follows its name \(--name value\)$/);
});

test("import --out - on a full standard output says only that it was lost, exit 1 (it also said it had written the model)", { skip: !existsSync('/dev/full') && 'no /dev/full' }, async () => {
  const model = path.join(dir, 'to-import.json'), onnx = path.join(dir, 'm.onnx');
  assert.equal(backprop(['train', '--data', 'xor', '--epochs', '1', '--save', model]).code, 0);
  assert.equal(backprop(['export', '--model', model, '--format', 'onnx', '--out', onnx]).code, 0);
  const r = spawnSync('/bin/sh', ['-c', `exec ${[process.execPath, BIN, 'import', onnx, '--out', '-'].map((w) => JSON.stringify(w)).join(' ')} > /dev/full`], { encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stderr, 'backprop: error: cannot write to standard output: the disk is full; the rest of the output is lost\n');
  const ok = backprop(['import', onnx, '--out', '-']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stderr, /^wrote the model to standard output: /);
});

test('a study journal is not claimed: another tune appending to it (under its own lock) is no other run in the way', async () => {
  const journal = path.join(dir, 'shared.jsonl');
  const other = sleeper();
  await new Promise((r) => other.once('spawn', r));
  try {
    writeFileSync(path.join(dir, '.shared.jsonl.backprop-lock'), String(other.pid)); // (as another tune claiming it would)
    const r = backprop([...TUNE, '--study', journal]);
    assert.equal(r.code, 0, r.stderr);
  } finally {
    other.kill();
  }
});

test("a path beginning with '~user' the shell did not expand is refused saying so (it was 'the folder ./~root does not exist')", () => {
  usageError(backprop(['predict', '--model', 'm.json', '--data', 'xor', '--out=~root/x.csv'], { cwd: dir }),
    /^backprop: error: --out ~root\/x\.csv: '~root' was not expanded to the home folder of root \(a shell expands it only at the start of a word and unquoted: --out ~root\/name, not --out=~root\/name\); write the path in full$/);
  usageError(backprop(['train', '--data=~nobody/points.csv'], { cwd: dir }), /^backprop: error: --data ~nobody\/points\.csv: '~nobody' was not expanded/);
  assert.ok(!existsSync(path.join(dir, '~root')));
});
