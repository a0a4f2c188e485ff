// The journal store: events read back, refusals, corrupt lines, the lock, and the study loop on it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { JournalStorage } from '../../src/tune/storage/journal.js';
import { MemoryStorage } from '../../src/tune/storage/memory.js';
import { withFileLock } from '../../src/tune/storage/lock.js';
import { chooseNext, runStudy, summarize, type StudyRun } from '../../src/tune/study.js';
import { RandomSampler } from '../../src/tune/samplers/random.js';
import { AshaPruner } from '../../src/tune/pruners/asha.js';
import { noPruner } from '../../src/tune/pruners/pruner.js';
import { floatRange } from '../../src/tune/space.js';
import type { StudyHeader } from '../../src/tune/storage/storage.js';
import { OptionError } from '../../src/errors.js';
import { tempDir } from '../helpers/cli.js';
import { quadraticCost } from './fixtures/quadratic-runner.js';

const header = (data = 'd1', space = 's1'): StudyHeader => ({ data: { hash: data, description: `data ${data}` }, space: { hash: space, description: `space ${space}` }, objective: 'loss', direction: 'minimize' });

function study(storage: StudyRun['storage'], trials: number, extra: Partial<StudyRun> = {}): StudyRun {
  return { space: { x: floatRange(0, 1) }, header: header(), direction: 'minimize', trials, sampler: new RandomSampler(1), pruner: noPruner, storage, parallel: 1, ...extra };
}

/** An in-process trial of the quadratic: `epochs` epochs, reporting each. */
const quadratic = (epochs: number) => async (t: { params: Record<string, unknown> }, report: (e: number, v: number) => Promise<boolean>) => {
  let v = NaN;
  for (let e = 1; e <= epochs; e++) {
    v = quadraticCost(t.params.x as number, 0.6, e);
    if (!(await report(e, v))) return { state: 'pruned' as const, epochs: e, value: v };
  }
  return { state: 'complete' as const, epochs, value: v };
};

test('a study on a journal: the trials, reports and ends are read back by a new store; running it again adds none', async () => {
  const file = path.join(tempDir(), 'study.jsonl');
  const first = await runStudy(study(new JournalStorage(file), 5), quadratic(3));
  assert.equal(first.length, 5);
  assert.ok(first.every((t) => t.state === 'complete' && t.intermediate.length === 3));
  const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines[0].event, 'study');
  assert.equal(lines.filter((l) => l.event === 'report').length, 15);
  let ran = 0;
  const again = await runStudy(study(new JournalStorage(file), 5), async (t, r) => { ran++; return quadratic(3)(t, r); });
  assert.equal(ran, 0);
  assert.deepEqual(again.map((t) => t.value), first.map((t) => t.value));
  const more = await runStudy(study(new JournalStorage(file), 7), quadratic(3));
  assert.equal(more.length, 7);
});

test('a journal of another data set, space or objective is refused, naming which, and left as it was', async () => {
  const file = path.join(tempDir(), 'study.jsonl');
  await runStudy(study(new JournalStorage(file), 2), quadratic(1));
  const before = readFileSync(file, 'utf8');
  await assert.rejects(new JournalStorage(file).open(header('d2')), (e: Error) => e instanceof OptionError && /another data set \(data d1\), not this one \(data d2\)/.test(e.message));
  await assert.rejects(new JournalStorage(file).open(header('d1', 's2')), /another search space or training options/);
  await assert.rejects(new JournalStorage(file).open({ ...header(), objective: 'accuracy', direction: 'maximize' }), /another objective/);
  // the same description, other values (a cell of the file edited): said so, not "data d1, not this one (data d1)"
  const edited = header();
  edited.data = { hash: 'd1-edited', description: 'data d1' };
  await assert.rejects(new JournalStorage(file).open(edited), (e: Error) => e instanceof OptionError && /: was written for data d1 with other values: the data changed since \(a cell edited, rows reordered\)/.test(e.message));
  const respaced = header();
  respaced.space = { hash: 's1-other', description: 'space s1' };
  await assert.rejects(new JournalStorage(file).open(respaced), /was written for other training options or search space than these, described alike \(space s1\)/);
  assert.equal(readFileSync(file, 'utf8'), before);
  const notOurs = path.join(tempDir(), 'notes.jsonl');
  writeFileSync(notOurs, 'hello\n');
  await assert.rejects(new JournalStorage(notOurs).open(header()), /not a backprop study journal/);
});

test('corrupt and truncated lines are skipped with a warning; the other trials are kept and the file stays readable', async () => {
  const file = path.join(tempDir(), 'study.jsonl');
  await runStudy(study(new JournalStorage(file), 3), quadratic(2));
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.splice(3, 0, '{"event":"report","numb');
  writeFileSync(file, lines.join('\n').replace(/\n$/, '') + '\n{"event":"end","number":2,"sta');
  const warnings: string[] = [];
  const trials = await runStudy(study(new JournalStorage(file, (m) => warnings.push(m)), 4), quadratic(2));
  assert.equal(trials.length, 4);
  assert.equal(trials.filter((t) => t.state === 'complete').length, 4);
  assert.deepEqual(warnings, [`options.storage ${file}: line 4 is corrupt or truncated; skipped`, `options.storage ${file}: line ${lines.length} is corrupt or truncated; skipped`]);
  // every line after the torn one parses
  const after = readFileSync(file, 'utf8').trim().split('\n').slice(lines.length);
  assert.ok(after.length > 0 && after.every((l) => JSON.parse(l)));
});

test('a damaged start line is one warning, naming it and the lines of its trial that follow (it was one warning per line)', async () => {
  const file = path.join(tempDir(), 'study.jsonl');
  await runStudy(study(new JournalStorage(file), 2), quadratic(2));
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const start = lines.findIndex((l) => l.includes('"start"'));
  const ofTrial = lines.map((l, i) => (i > start && /"number":0[,}]/.test(l) ? i + 1 : 0)).filter((n) => n > 0);
  lines[start] = lines[start]!.slice(0, 20);
  writeFileSync(file, lines.join('\n') + '\n');
  const warnings: string[] = [];
  await new JournalStorage(file, (m) => warnings.push(m)).trials();
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0]!, new RegExp(`^options\\.storage .*: line ${start + 1} is corrupt or truncated; lines? ${ofTrial[0]}.* not fit the trials before .*; ${ofTrial.length + 1} lines skipped$`));
});

test('a trial left running by a dead process is marked failed and run again with its parameters', async () => {
  const file = path.join(tempDir(), 'study.jsonl');
  await new JournalStorage(file).open(header());
  appendFileSync(file, JSON.stringify({ event: 'start', number: 0, params: { x: 0.25 }, pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname(), time: '' }) + '\n');
  const trials = await runStudy(study(new JournalStorage(file), 2), quadratic(1));
  assert.equal(trials[0]!.state, 'failed');
  assert.ok(trials[0]!.retry && /ended before it finished/.test(trials[0]!.message!));
  assert.deepEqual(trials[1]!.params, { x: 0.25 });
  assert.equal(trials[1]!.retryOf, 0);
  assert.equal(trials.filter((t) => t.state === 'complete').length, 2);
});

test('ASHA in the study loop prunes trials and the summary counts the epochs saved', async () => {
  const trials = await runStudy(study(new MemoryStorage(), 20, { pruner: new AshaPruner({ minEpochs: 1, eta: 3 }) }), quadratic(9));
  const s = summarize(trials, 'minimize', 9);
  assert.ok(s.pruned > 0 && s.complete > 0 && s.complete + s.pruned === 20);
  assert.ok(s.epochsRun < s.epochBudget);
  assert.equal(s.epochBudget, 180);
});

test('a trial that throws is recorded failed with its message and counts; a timeout stops new trials', async () => {
  const trials = await runStudy(study(new MemoryStorage(), 3), async () => { throw new Error('diverged at epoch 2'); });
  assert.deepEqual(trials.map((t) => [t.state, t.message]), Array(3).fill(['failed', 'diverged at epoch 2']));
  const none = await runStudy(study(new MemoryStorage(), 3, { timeout: 0 }), quadratic(1));
  assert.equal(none.length, 0);
  assert.equal(chooseNext(study(new MemoryStorage(), 1), [], 0, true), undefined);
});

test('the lock file holds the pid while held and is gone after; a stale lock of a dead pid is broken', () => {
  const dir = tempDir(), lock = path.join(dir, 'j.lock');
  const seen = withFileLock(lock, () => readFileSync(lock, 'utf8'));
  assert.equal(seen, String(process.pid));
  assert.equal(existsSync(lock), false);
  writeFileSync(lock, String(2 ** 22 + 4321));
  assert.equal(withFileLock(lock, () => 42, 2000), 42);
});

test('a file that is no journal is refused and left as it was: a model file, other JSON lines, a pretty-printed JSON (they were appended to)', async () => {
  const dir = tempDir();
  const model = path.join(dir, 'm.json');
  writeFileSync(model, JSON.stringify({ format: 'backprop-model', version: 1, inputSize: 1, task: 'regression', layers: [{ units: 1, activation: 'linear', W: [[1]], b: [0] }] }) + '\n');
  const lines = path.join(dir, 'events.jsonl');
  writeFileSync(lines, '{"a": 1}\n{"b": 2}\n');
  const pretty = path.join(dir, 'pretty.json');
  writeFileSync(pretty, '{\n  "a": 1\n}\n');
  for (const [file, why] of [[model, 'it is a backprop model file'], [lines, 'its first line is not the study header'], [pretty, 'its first line is not JSON']] as const) {
    const before = readFileSync(file, 'utf8');
    await assert.rejects(new JournalStorage(file).open(header()), (e: Error) => e instanceof OptionError && e.message.includes(`not a backprop study journal (${why})`));
    assert.equal(readFileSync(file, 'utf8'), before);
  }
  // a header torn by a crash is still the journal's: the study goes on after it
  const torn = path.join(dir, 'torn.jsonl');
  writeFileSync(torn, '{"event":"study","form\n');
  await new JournalStorage(torn).open(header());
});
