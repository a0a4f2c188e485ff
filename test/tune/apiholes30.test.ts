// API holes, thirtieth battery (tuning). A study whose workers died: `tune --report` left their
// trials out of its table and called them 'running' in --json, although they will never finish. Now a
// running trial whose worker is gone (its process no longer runs on this machine; in a database, no
// heartbeat for the timeout) is 'stale (worker gone: ...)', in the table, the JSON and the summary;
// and the report still writes nothing (a PostgreSQL report failed such trials in the database, and
// created the schema in an empty one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { JournalStorage } from '../../src/tune/storage/journal.js';
import { PostgresStorage } from '../../src/tune/storage/postgres.js';
import { summarize } from '../../src/tune/study.js';
import { backprop, tempDir, usageError } from '../helpers/cli.js';
import { OptionError } from '../../src/errors.js';
import { synthetic } from '../../src/data/synthetic.js';
import { tune } from '../../src/tune/tune.js';
import { choice, floatRange } from '../../src/tune/space.js';
import { PG_URL, pgMissing, sql, uniqueStudy } from '../helpers/postgres.js';

const dir = tempDir('backprop-apiholes30-tune-');
const study = ['tune', '--data', 'xor', '--samples', '60', '--epochs', '1', '--lr', '1e-3|1e-2', '--trials', '2', '--workers', '1', '--test-split', '0'];
// a pid that ran and ended: no process has it now
const deadPid = spawnSync(process.execPath, ['-e', '']).pid!;

/** A journal of two finished trials, then trial 2 started by a process that is gone and trial 3 by one that runs (pid 1, init). */
function journalWithDeadWorker(name: string): string {
  const file = path.join(dir, name);
  const r = backprop([...study, '--study', file]);
  assert.equal(r.code, 0, r.stderr);
  const start = (number: number, pid: number) => JSON.stringify({ event: 'start', number, params: { learningRate: 0.01 }, pid, host: hostname(), time: new Date().toISOString() });
  appendFileSync(file, `${start(2, deadPid)}\n${start(3, 1)}\n`);
  return file;
}

test("tune --report lists a trial whose worker is gone as 'stale (worker gone)', not running, and writes nothing", () => {
  const file = journalWithDeadWorker('dead.jsonl');
  const before = readFileSync(file);
  const text = backprop([...study, '--study', file, '--report']);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, new RegExp(`^ +- +#2 +- +0 +0\\.0  stale +learningRate=0\\.01  \\(worker gone: pid ${deadPid} is not running on this machine\\)$`, 'm'));
  assert.doesNotMatch(text.stdout, /#3/); // running, alive: not a finished trial
  const json = backprop([...study, '--study', file, '--report', '--json']);
  const trials = JSON.parse(json.stdout).trials as { number: number; state: string; message?: string }[];
  assert.deepEqual(trials.slice(2).map((t) => [t.number, t.state, t.message]), [[2, 'stale', `worker gone: pid ${deadPid} is not running on this machine`], [3, 'running', undefined]]);
  // nothing written: the same bytes, no lock file, no end event for the dead worker's trial
  assert.deepEqual(readFileSync(file), before);
  assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('dead.jsonl')), ['dead.jsonl']);
});

test('the library: a journal read marks the trial stale, the summary counts it apart from the running ones', async () => {
  const file = journalWithDeadWorker('lib.jsonl');
  const storage = new JournalStorage(file, () => {}, { readOnly: true });
  const trials = await storage.trials();
  assert.equal(trials[2]!.stale, `worker gone: pid ${deadPid} is not running on this machine`);
  assert.equal(trials[2]!.state, 'running');
  assert.equal(trials[3]!.stale, undefined);
  const s = summarize(trials, 'minimize', 1);
  assert.deepEqual([s.running, s.stale, s.complete], [1, 1, 2]);
  // a worker's claim still fails it and runs it again (the stale mark changes nothing there)
  const worker = backprop([...study, '--trials', '3', '--study', file]);
  assert.equal(worker.code, 0, worker.stderr);
  const after = await new JournalStorage(file, () => {}, { readOnly: true }).trials();
  assert.equal(after[2]!.state, 'failed');
  assert.ok(after[2]!.retry);
});

test('a PostgreSQL report marks a trial without a heartbeat stale and writes nothing (it failed the trial in the database)', { skip: pgMissing }, async () => {
  const name = uniqueStudy('apiholes30');
  const url = PG_URL!;
  const r = backprop([...study, '--storage', url, '--study-name', name]);
  assert.equal(r.code, 0, r.stderr);
  // a third trial whose worker stopped sending heartbeats 10 minutes ago (on another machine: only the heartbeat tells)
  await sql(`INSERT INTO backprop_trials (study_id, number, params, state, attempt, host, pid, token, heartbeat)
    SELECT id, 2, '{"learningRate":0.01}', 'running', 0, 'elsewhere', 4242, gen_random_uuid(), now() - interval '10 minutes' FROM backprop_studies WHERE name = $1`, [name]);
  const rows = () => sql<{ number: number; state: string }>('SELECT t.number, t.state FROM backprop_trials t JOIN backprop_studies s ON s.id = t.study_id WHERE s.name = $1 ORDER BY t.number', [name]);
  const before = await rows();
  // (--heartbeat 1: the server of the tests may have started less than a minute ago, and a restarted server gives each worker one timeout)
  const json = backprop([...study, '--storage', url, '--study-name', name, '--report', '--json', '--heartbeat', '1']);
  assert.equal(json.code, 0, json.stderr);
  const t2 = (JSON.parse(json.stdout).trials as { number: number; state: string; message?: string }[])[2]!;
  assert.deepEqual([t2.state, t2.message], ['stale', 'worker gone: no heartbeat for 1 s from elsewhere, pid 4242']);
  assert.deepEqual(await rows(), before);
  assert.equal(before[2]!.state, 'running');
  // the library's read-only store refuses a study that is not there without creating anything
  await assert.rejects(new PostgresStorage({ url, studyName: `${name}-absent`, readOnly: true }).open({ data: { hash: '', description: '' }, space: { hash: '', description: '' }, objective: 'loss', direction: 'minimize' }), /no such study/);
  assert.ok(existsSync(dir));
});

// Conditional search spaces (Optuna's define-by-run: beta only when the optimizer is momentum) are not
// supported: a dimension inside a choice's value (or a fixed setting's) was refused as "the choice
// momentum:[object Object] gives a value training refuses", or not searched; and a field searched for
// one value of another (alpha for leakyRelu) was sampled and unused in the other trials, silently.
const xorData = synthetic('xor', { samples: 60, seed: 1 });

test('a search dimension inside a choice or a fixed setting is refused in one line naming it and saying conditional spaces are not supported', async () => {
  const spaces: [Record<string, unknown>, RegExp][] = [
    [{ optimizer: choice({ name: 'momentum', beta: floatRange(0.8, 0.99) }, 'adam') }, /^optimizer: choice 1 holds a search dimension \(optimizer\.beta\): tune has no conditional search spaces/],
    [{ schedule: choice('constant', { type: 'exponential', rate: floatRange(0.9, 0.99) }) }, /^schedule: choice 2 holds a search dimension \(schedule\.rate\): tune has no conditional/],
    [{ learningRate: choice(0.01, 0.1), schedule: { type: 'exponential', rate: floatRange(0.9, 0.99) } }, /^schedule: a search dimension inside its value \(schedule\.rate\) is not searched: tune has no conditional search spaces/],
  ];
  for (const [spec, pattern] of spaces) {
    await assert.rejects(tune({ spec: { epochs: 1, ...spec } as never, data: { train: xorData }, trials: 1, workers: 1 }), (e: Error) => {
      assert.ok(e instanceof OptionError, e.message);
      assert.match(e.message, pattern);
      assert.ok(!e.message.includes('\n') && !e.message.includes('[object Object]'), e.message);
      return true;
    });
  }
});

test('a field searched but ignored in some trials (alpha with a relu activation, keepProb without hidden layers) is said once before the study', async () => {
  const run = async (spec: Record<string, unknown>) => {
    const warnings: string[] = [];
    await tune({ spec: { epochs: 1, ...spec } as never, data: { train: xorData }, trials: 1, workers: 1, warn: (m) => warnings.push(m) });
    return warnings.filter((m) => / is searched, but has no effect/.test(m));
  };
  assert.deepEqual(await run({ activation: choice('relu', 'leakyRelu'), alpha: floatRange(0.01, 0.3) }), [
    'alpha is searched, but has no effect in the trials whose activation is relu (it is the slope of leakyRelu or the alpha of elu, and the hidden activation is relu): tune has no conditional search spaces, so it is sampled and recorded there unused',
  ]);
  assert.match((await run({ activation: 'tanh', alpha: choice(0.1, 0.2) }))[0]!, /^alpha is searched, but has no effect in any trial /);
  assert.match((await run({ layers: choice([], [4]), keepProb: floatRange(0.5, 0.9) }))[0]!, /^keepProb is searched, but has no effect in the trials whose layers is none /);
  assert.deepEqual(await run({ activation: choice('leakyRelu', 'elu'), alpha: floatRange(0.01, 0.3) }), []);
});

test('tune --space with a space per value of a flag says conditional spaces are not supported', () => {
  const space = path.join(dir, 'conditional.json');
  writeFileSync(space, JSON.stringify({ optimizer: { momentum: { lr: '0.01..0.1' }, adam: {} } }));
  usageError(backprop([...study.filter((a, i, all) => !(a === '--lr' || all[i - 1] === '--lr')), '--space', space]),
    /--space .*conditional\.json: 'optimizer' must be a value, .*; tune has no conditional search spaces \(a parameter searched only with some values of another\): every key of the file is searched in every trial/);
});
