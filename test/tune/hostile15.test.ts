// Hostile input, fifteenth sweep (tuning): retrainBest of a study with no complete trial threw a
// plain Error; a dimension of an unknown kind ({ dimension: 'normal', mean, std }) was taken for a
// fixed value ("the search space is empty"); a URL as the journal (mysql://, sqlite://) was read as a
// file under a folder 'mysql:'; a range of one value (--lr 1..1) was searched; a journal of a newer
// version was read as this one's; a lock named by a live unrelated pid held every run for 60 s.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tune, checkSearch } from '../../src/tune/tune.js';
import { retrainBest } from '../../src/tune/retrain.js';
import { choice, floatRange, intRange } from '../../src/tune/space.js';
import { JournalStorage } from '../../src/tune/storage/journal.js';
import { withFileLock } from '../../src/tune/storage/lock.js';
import { journalNameProblem, type StudyHeader } from '../../src/tune/storage/storage.js';
import { synthetic } from '../../src/data/synthetic.js';
import { OptionError, OutputError } from '../../src/errors.js';
import type { StudyResult } from '../../src/tune/tune.js';
import { backprop, tempDir, usageError } from '../helpers/cli.js';

const data = synthetic('flower', { samples: 40 });
const oneLine = (type: new (...a: never[]) => Error, pattern: RegExp) => (e: unknown) => e instanceof type && pattern.test(e.message) && !e.message.includes('\n');
const named = (pattern: RegExp) => oneLine(OptionError, pattern);

test('retrainBest: a study with no complete trial, a trial without params or a study without its data is an OptionError naming what is missing', async () => {
  const failed = { summary: { best: undefined, complete: 0, pruned: 1, failed: 2, running: 0 }, trials: [], fixed: { epochs: 1 }, trainAndValidation: data } as unknown as StudyResult;
  await assert.rejects(retrainBest(failed), named(/^retrainBest: the study has no complete trial to retrain \(0 complete, 1 pruned, 2 failed\); give a study with a complete trial, or a trial as the third argument$/));
  await assert.rejects(retrainBest(failed, {}, { number: 0 } as never), named(/^retrainBest: trial must be a trial of the study, with its params, got an object whose params is undefined$/));
  const fromJson = { ...failed, trainAndValidation: undefined, summary: { ...failed.summary, best: { number: 1, params: { learningRate: 0.1 } } } } as unknown as StudyResult;
  await assert.rejects(retrainBest(fromJson), named(/^retrainBest: study\.trainAndValidation must be the Dataset the trials were tuned on/));
  await assert.rejects(retrainBest(undefined as never), named(/^retrainBest: study must be a StudyResult \(from tune\), got undefined$/));
});

test('a dimension of a kind tune has not, or with fields of another kind, is named with the field and what was expected', () => {
  const normal = { dimension: 'normal', mean: 0.1, std: -1 };
  // alone it said "the search space is empty"; beside another dimension it was trained as a fixed value
  for (const spec of [{ learningRate: normal }, { epochs: choice(1, 2), learningRate: normal }]) {
    assert.throws(() => checkSearch({ spec: spec as never }), named(/^learningRate: dimension 'normal' is not a kind tune searches; use 'choice' \(choices\), 'int' or 'float' \(low, high, log\)/));
  }
  assert.throws(() => checkSearch({ spec: { learningRate: { dimension: 'float', mean: 0.1, std: 0.01 } as never } }), named(/^learningRate: a float dimension has no field 'mean'; its fields are low, high, log$/));
  assert.throws(() => checkSearch({ spec: { learningRate: { dimension: 'float', low: 0.1 } as never } }), named(/^learningRate: the float range's high must be a finite number, got undefined$/));
  assert.throws(() => checkSearch({ spec: { epochs: { dimension: 'int', low: 1, high: 5, log: 'yes' } as never } }), named(/^epochs: the int range's log must be true or false, got a string$/));
  // a class named 'dimension' in classWeight is a fixed value, not a dimension
  assert.deepEqual(checkSearch({ spec: { epochs: choice(1, 2), classWeight: { dimension: 2, other: 1 } } }).fixed, { classWeight: { dimension: 2, other: 1 } });
});

test('a range whose low equals high is refused, in the library and on the command line, naming it', () => {
  assert.throws(() => checkSearch({ spec: { learningRate: floatRange(0.1, 0.1) } }), named(/^learningRate: the range 0\.1\.\.0\.1 is a single value; give lo < hi, or the value itself to keep it fixed$/));
  assert.throws(() => checkSearch({ spec: { epochs: intRange(3, 3) } }), named(/^epochs: the range 3\.\.3 is a single value/));
  const dir = tempDir();
  usageError(backprop(['tune', '--data', 'xor', '--lr', '1..1', '--study', 's.jsonl'], { cwd: dir }), /^backprop: error: --lr: the range 1\.\.1 is a single value; give lo < hi, or the value itself to keep it fixed$/);
  usageError(backprop(['tune', '--data', 'xor', '--batch-size', '8..8', '--study', 's.jsonl'], { cwd: dir }), /^backprop: error: --batch-size: the range 8\.\.8 is a single value/);
  usageError(backprop(['tune', '--data', 'xor', '--lr', '2..1', '--study', 's.jsonl'], { cwd: dir }), /^backprop: error: --lr: the range 2\.\.1 has lo > hi$/);
  assert.deepEqual(readdirSync(dir), []);
});

test('a URL as the journal is refused naming the stores there are; Windows-style and relative paths are still files', async () => {
  const spec = { epochs: 1, learningRate: choice(0.1, 0.2) };
  await assert.rejects(tune({ spec, data: { train: data }, trials: 1, storage: 'mysql://u:secret@h/db' }),
    named(/^options\.storage 'mysql:\/\/u:\*\*\*@h\/db': mysql:\/\/ stores are not supported; give a journal file's name, or a PostgresStorage for a postgres:\/\/ or postgresql:\/\/ URL$/));
  await assert.rejects(tune({ spec, data: { train: data }, trials: 1, storage: 'postgresql://h/db' }), named(/^options\.storage 'postgresql:\/\/h\/db' is a database URL, but a string is a journal file's name: .*new PostgresStorage\(\{ url, studyName \}\)$/));
  await assert.rejects(new JournalStorage('redis://h/0').open({} as StudyHeader), named(/^options\.storage 'redis:\/\/h\/0': redis:\/\/ stores are not supported/));
  for (const file of ['C:\\studies\\a.jsonl', 'C://studies/a.jsonl', 'studies/a.jsonl', 'a:b.jsonl', 'x.jsonl']) assert.equal(journalNameProblem(file), undefined, file);

  const dir = tempDir();
  for (const url of ['mysql://u@h/db', 'sqlite://x', 'redis://h']) {
    usageError(backprop(['tune', '--data', 'xor', '--lr', '0.1|0.2', '--study', url], { cwd: dir }), new RegExp(`^backprop: error: --study '${url.replace(/[/.]/g, '\\$&')}': \\w+:// stores are not supported; give a journal file \\(--study FILE\\) or a PostgreSQL database \\(--storage postgresql://\\.\\.\\. --study-name NAME\\)$`));
  }
  usageError(backprop(['tune', '--data', 'xor', '--lr', '0.1|0.2', '--study', 'postgres://h/db'], { cwd: dir }), /^backprop: error: --study 'postgres:\/\/h\/db' is a database URL, but --study is a journal file: for a study in PostgreSQL give --storage URL --study-name NAME$/);
  assert.deepEqual(readdirSync(dir), []);
  // a Windows-style name is a file name on POSIX (a path on Windows): the study runs in it
  const r = backprop(['tune', '--data', 'xor', '--samples', '40', '--epochs', '1', '--workers', '1', '--trials', '1', '--lr', '0.1|0.2', '--study', 'C:\\x.jsonl', '--test-split', '0'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(existsSync(path.join(dir, 'C:\\x.jsonl')) || existsSync(path.join(dir, 'x.jsonl')));
});

test('a journal of a newer version, or whose version is no whole number, is refused naming the file and the versions read; it is left as it was', async () => {
  const dir = tempDir();
  const header: StudyHeader = { data: { hash: 'd', description: 'data d' }, space: { hash: 's', description: 'space s' }, objective: 'loss', direction: 'minimize' };
  for (const [version, why] of [[99, /the study journal is version 99, written by a newer backprop; upgrade backprop to continue it \(this backprop reads version 1\)$/],
    [1.5, /the study journal has version 1\.5 \(line 1\), not a whole number from 1; give another file \(this backprop reads version 1\)$/],
    ['1', /the study journal has version "1" \(line 1\), not a whole number from 1/], [0, /the study journal has version 0 \(line 1\)/]] as const) {
    const file = path.join(dir, `v${String(version)}.jsonl`);
    writeFileSync(file, JSON.stringify({ event: 'study', format: 'backprop-study', version, created: '', ...header }) + '\n');
    const before = readFileSync(file, 'utf8');
    await assert.rejects(new JournalStorage(file).open(header), named(new RegExp(`^options\\.storage ${file.replace(/[.\\]/g, '\\$&')}: ${why.source}`)));
    assert.equal(readFileSync(file, 'utf8'), before);
  }
  // version 1 is read
  const ok = path.join(dir, 'v1.jsonl');
  writeFileSync(ok, JSON.stringify({ event: 'study', format: 'backprop-study', version: 1, created: '', ...header }) + '\n');
  assert.deepEqual(await new JournalStorage(ok).open(header), []);
});

test('a lock held by a live process past the stale time is refused at once, naming the file, the pid and how to remove it', () => {
  const lock = path.join(tempDir(), 'j.jsonl.lock');
  writeFileSync(lock, String(process.ppid)); // a live process (the test runner), not a tuner of this study
  const t0 = Date.now();
  assert.throws(() => withFileLock(lock, () => 1, 60_000, 300), oneLine(OutputError,
    new RegExp(`^${lock.replace(/[.\\]/g, '\\$&')}: the study's lock has been held for [\\d.]+ s by pid ${process.ppid}( \\(.+\\))?, still running; a study holds it for a moment only; if pid ${process.ppid}.* is not a backprop tune of this study \\(or is stopped\\), delete ${lock.replace(/[.\\]/g, '\\$&')} and run again$`)));
  assert.ok(Date.now() - t0 < 5000, `took ${Date.now() - t0} ms`);
  assert.equal(readFileSync(lock, 'utf8'), String(process.ppid)); // not broken: a live holder would write beside us
});

test('a lock whose pid was taken by a process started after the lock was made is broken at once (Linux)', { skip: !existsSync('/proc/self/stat') && 'needs /proc' }, async () => {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)'], { stdio: 'ignore' });
  try {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lock = path.join(tempDir(), 'j.jsonl.lock');
    writeFileSync(lock, String(child.pid));
    const hourAgo = new Date(Date.now() - 3600_000);
    utimesSync(lock, hourAgo, hourAgo); // made an hour before its pid's process started: a reused pid
    const t0 = Date.now();
    assert.equal(withFileLock(lock, () => 42, 5000), 42);
    assert.ok(Date.now() - t0 < 2000, `took ${Date.now() - t0} ms`);
    assert.equal(existsSync(lock), false);
  } finally {
    child.kill();
  }
});
