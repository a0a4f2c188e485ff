// A study shared through PostgreSQL (issue 16), against a real server: worker processes pulling
// trials from one study, a worker killed mid-trial, the database restarted or lost, the re-runs
// limit, bad input. The tests of this file run one after another (one of them restarts the server).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { backprop, tempDir, usageError } from '../helpers/cli.js';
import { PG_URL, pgCtl, pgCtlMissing, pgMissing, sql, uniqueStudy } from '../helpers/postgres.js';
import { PostgresStorage } from '../../src/tune/storage/postgres.js';
import { chooseNext, runStudy, type StudyRun } from '../../src/tune/study.js';
import { AshaPruner } from '../../src/tune/pruners/asha.js';
import { RandomSampler } from '../../src/tune/samplers/random.js';
import { noPruner } from '../../src/tune/pruners/pruner.js';
import { floatRange } from '../../src/tune/space.js';
import type { StudyHeader } from '../../src/tune/storage/storage.js';

const worker = fileURLToPath(new URL('./fixtures/pg-worker.js', import.meta.url));
const cli = fileURLToPath(new URL('../../../bin/backprop.js', import.meta.url));
const xor = ['tune', '--data', 'xor', '--samples', '200', '--optimizer', 'adam', '--lr', '1e-3..1e-1'];

interface Row { number: number; state: string; retry: boolean; retry_of: number | null; params: { x?: number }; message: string | null; attempt: number }
const trialsOf = (study: string) => sql<Row>('SELECT t.number, t.state, t.retry, t.retry_of, t.params, t.message, t.attempt FROM backprop_trials t JOIN backprop_studies s ON s.id = t.study_id WHERE s.name = $1 ORDER BY t.number', [study]);

/** A process with its output collected; `exited` resolves to its exit code. */
function start(file: string, args: string[]): { child: ChildProcess; out: () => string; err: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [file, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
  let out = '', err = '';
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { err += d; });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exited };
}

async function until(what: string, check: () => boolean | Promise<boolean>, seconds = 60): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const started = (out: string) => [...out.matchAll(/^started (\d+)$/gm)].map((m) => Number(m[1]));

test('bad --storage flags: one line naming the flag, exit 2', () => {
  const dir = tempDir();
  const cases: [string[], RegExp][] = [
    [['--storage', 'mysql://u@h/db', '--study-name', 's'], /--storage must be a PostgreSQL URL, postgresql:\/\/\[user@\]host/],
    [['--storage', 'postgresql://u:secret@h/db'], /--storage needs --study-name NAME/],
    [['--study-name', 's'], /--study-name names a study in a database: give --storage/],
    [['--heartbeat', '5'], /--heartbeat is for a study in a database/],
    [['--storage', 'postgresql://h/db', '--study-name', 's', '--study', 'x.jsonl'], /--study is a journal file; with --storage name the study with --study-name/],
    [['--storage', 'postgresql://h/db', '--study-name', 's', '--heartbeat', '0'], /--heartbeat must be/],
    [['--storage', 'postgresql://h/db', '--study-name', 's', '--retries', '-1'], /--retries must be/],
  ];
  for (const [extra, message] of cases) {
    const r = backprop([...xor, ...extra], { cwd: dir });
    usageError(r, message);
    assert.doesNotMatch(r.stderr, /secret/);
  }
});

test('a database that is not there: retried for --reconnect seconds, then one line, exit 1', { skip: pgMissing }, async () => {
  // a port nothing listens on (the test server's port + 1 is not ours, but is refused all the same when free)
  const r = backprop([...xor, '--trials', '2', '--storage', 'postgresql://nobody@127.0.0.1:1/db', '--study-name', 's', '--reconnect', '1'], { cwd: tempDir() });
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.match(lines.at(-1)!, /^backprop: error: postgresql:\/\/nobody@127\.0\.0\.1:1\/db: lost the study database \(.*\) and it did not come back within 1 s \(--reconnect\)/);
  assert.doesNotMatch(r.stderr, /--debug/);
  // a database that does not exist can never work: no retries, exit 2
  const url = new URL(PG_URL!);
  url.pathname = '/no_such_database';
  usageError(backprop([...xor, '--trials', '2', '--storage', url.href, '--study-name', 's'], { cwd: tempDir() }), /--storage postgresql:\/\/postgres@127\.0\.0\.1:\d+\/no_such_database: no such database/);
});

test('three worker processes (CLI) on one study run exactly the requested trials, none twice; --report from a fourth', { skip: pgMissing }, async () => {
  const study = uniqueStudy('three');
  const args = [...xor, '--epochs', '20', '--trials', '12', '--workers', '1', '--storage', PG_URL!, '--study-name', study, '--json'];
  const workers = [0, 1, 2].map(() => start(cli, args));
  const codes = await Promise.all(workers.map((w) => w.exited));
  assert.deepEqual(codes, [0, 0, 0], workers.map((w) => w.err()).join('\n'));
  const rows = await trialsOf(study);
  assert.deepEqual(rows.map((t) => t.number), Array.from({ length: 12 }, (_, i) => i));
  assert.ok(rows.every((t) => t.state === 'complete' && !t.retry), JSON.stringify(rows));

  const report = backprop([...xor, '--epochs', '20', '--storage', PG_URL!, '--study-name', study, '--report', '--json'], { cwd: tempDir() });
  assert.equal(report.code, 0, report.stderr);
  const json = JSON.parse(report.stdout);
  assert.equal(json.trials.length, 12);
  assert.equal(json.best.value, Math.min(...json.trials.map((t: { value: number }) => t.value)));
  // each worker's --json is the same study, as it stood when that worker ended
  for (const w of workers) assert.ok(JSON.parse(w.out()).trials.length >= 1);

  const other = backprop([...xor.slice(0, -1), '1e-4..1e-1', '--epochs', '20', '--storage', PG_URL!, '--study-name', study, '--report'], { cwd: tempDir() });
  usageError(other, new RegExp(`--study-name ${study}: was written for another search space or training options`));
  const missing = backprop([...xor, '--epochs', '20', '--storage', PG_URL!, '--study-name', uniqueStudy('none'), '--report'], { cwd: tempDir() });
  usageError(missing, /no such study in postgresql:\/\/postgres@127\.0\.0\.1:\d+\/backprop_test/);
});

const header: StudyHeader = { data: { hash: 'quadratic', description: 'quadratic' }, space: { hash: 'x', description: 'x 0..1' }, objective: 'loss', direction: 'minimize' };
const run: StudyRun = { space: { x: floatRange(0, 1) }, header, direction: 'minimize', trials: 3, sampler: new RandomSampler(3), pruner: noPruner, storage: undefined!, parallel: 1 };

test('a trial without heartbeat is offered again, at most --retries times, then failed for good with its last error', { skip: pgMissing }, async () => {
  const studyName = uniqueStudy('retries');
  const storage = () => new PostgresStorage({ url: PG_URL!, studyName, heartbeatTimeout: 0.5, maxRetries: 1 });
  const a = storage();
  await a.open(header);
  const first = await a.claim((trials, n) => chooseNext(run, trials, n, false));
  await a.close(); // a dead worker: no heartbeat, no end
  await new Promise((r) => setTimeout(r, 800));
  const b = storage();
  await b.open(header);
  const again = await b.claim((trials, n) => chooseNext(run, trials, n, false));
  assert.equal(again?.retryOf, first?.number);
  assert.deepEqual(again?.params, first?.params);
  await b.close();
  await new Promise((r) => setTimeout(r, 800));
  const c = storage();
  await c.open(header);
  const next = await c.claim((trials, n) => chooseNext(run, trials, n, false));
  assert.equal(next?.retryOf, undefined, 'a second re-run with --retries 1');
  await c.finish(next!.number, { state: 'complete', value: 1, epochs: 1, seconds: 0 });
  await c.close();
  const rows = await trialsOf(studyName);
  assert.equal(rows[0]!.state, 'failed');
  assert.equal(rows[0]!.retry, true);
  assert.equal(rows[1]!.state, 'failed');
  assert.equal(rows[1]!.retry, false);
  assert.match(rows[1]!.message!, /^no heartbeat for 0.5 s from its worker \(.*, pid \d+\); given up after 1 re-runs$/);
});

test("ASHA's rungs are shared: two stores (two machines) on one study prune on each other's reports", { skip: pgMissing }, async () => {
  const studyName = uniqueStudy('asha');
  const asha = new AshaPruner();
  // trial n's cost after every epoch is 1 + (n mod 4): worker A gets the good ones first, B the bad ones after
  const order: number[] = [];
  const runTrial = (storage: PostgresStorage) => runStudy({ ...run, trials: 12, pruner: asha, storage, parallel: 1 }, async (trial, report) => {
    order.push(trial.number);
    for (let e = 1; e <= 9; e++) if (!(await report(e, 1 + (trial.number % 4)))) return { state: 'pruned', epochs: e, value: 1 + (trial.number % 4) };
    return { state: 'complete', epochs: 9, value: 1 + (trial.number % 4) };
  });
  const a = new PostgresStorage({ url: PG_URL!, studyName }), b = new PostgresStorage({ url: PG_URL!, studyName });
  try {
    await Promise.all([runTrial(a), runTrial(b)]);
  } finally {
    await a.close();
    await b.close();
  }
  const rows = await trialsOf(studyName);
  assert.equal(rows.length, 12);
  assert.ok(rows.filter((t) => t.state === 'pruned').length >= 4, JSON.stringify(rows.map((t) => t.state)));
  // every trial of cost 1 (the best) goes through; the pruned ones are the costly ones
  assert.ok(rows.filter((t) => t.number % 4 === 0).every((t) => t.state === 'complete'));
});

test('kill -9 of a worker mid-trial: another runs its trial again after the heartbeat timeout; the study completes', { skip: pgMissing }, async () => {
  const study = uniqueStudy('kill');
  // 6 trials of 10 epochs x 100 ms; heartbeat timeout 1 s
  const args = [PG_URL!, study, '6', '1', '100', '10', '1'];
  const victim = start(worker, args);
  await until('the first worker to start a trial', () => started(victim.out()).length > 0);
  const survivor = start(worker, args);
  await new Promise((r) => setTimeout(r, 300));
  victim.child.kill('SIGKILL');
  await victim.exited;
  const killed = started(victim.out()).at(-1)!;
  assert.equal(await survivor.exited, 0, survivor.err());
  const rows = await trialsOf(study);
  const dead = rows.find((t) => t.number === killed)!;
  assert.equal(dead.state, 'failed');
  assert.equal(dead.retry, true);
  assert.match(dead.message!, /no heartbeat for 1 s/);
  const rerun = rows.find((t) => t.retry_of === killed);
  assert.ok(rerun, `trial ${killed} was not run again: ${JSON.stringify(rows)}`);
  assert.deepEqual(rerun.params, dead.params);
  assert.ok(started(survivor.out()).includes(rerun.number));
  const counted = rows.filter((t) => !t.retry);
  assert.equal(counted.length, 6);
  assert.ok(counted.every((t) => t.state === 'complete'), JSON.stringify(rows));
});

test('the database restarted in the middle of a study: the workers reconnect and the study completes', { skip: pgCtlMissing }, async () => {
  const study = uniqueStudy('restart');
  // 10 trials of 8 epochs x 60 ms by two worker processes; heartbeat timeout 5 s
  const args = [PG_URL!, study, '10', '1', '60', '8', '5', '60'];
  const workers = [start(worker, args), start(worker, args)];
  await until('both workers to start a trial', () => workers.every((w) => started(w.out()).length > 0));
  pgCtl('stop');
  await new Promise((r) => setTimeout(r, 1500));
  pgCtl('start');
  const codes = await Promise.all(workers.map((w) => w.exited));
  assert.deepEqual(codes, [0, 0], workers.map((w) => w.err()).join('\n'));
  assert.match(workers.map((w) => w.err()).join('\n'), /lost the study database .*retrying[\s\S]*reconnected after/);
  const rows = await trialsOf(study);
  assert.equal(rows.length, 10, JSON.stringify(rows));
  assert.ok(rows.every((t) => t.state === 'complete' && !t.retry), JSON.stringify(rows));
  const ran = workers.flatMap((w) => started(w.out())).sort((x, y) => x - y);
  assert.deepEqual(ran, Array.from({ length: 10 }, (_, i) => i));
});

test('a database lost for good: the worker gives up with one line, exit 1; the finished trials are kept and the study continues', { skip: pgCtlMissing }, async () => {
  const study = uniqueStudy('lost');
  // 1,500 epochs: about 0.8 s a trial on a fast machine, so that trials are left when the database stops (150 took 0.1 s: all five were done first)
  const args = [...xor, '--epochs', '1500', '--trials', '5', '--workers', '1', '--storage', PG_URL!, '--study-name', study];
  const w = start(cli, [...args, '--reconnect', '2']);
  let finished: number[] = [];
  await until('two finished trials', async () => {
    finished = (await trialsOf(study).catch(() => [])).filter((t) => t.state === 'complete').map((t) => t.number);
    return finished.length >= 2;
  });
  pgCtl('stop');
  let code: number | null;
  try {
    code = await w.exited;
  } finally {
    pgCtl('start');
  }
  assert.equal(code, 1, w.err());
  assert.match(w.err().trim().split('\n').at(-1)!, /^backprop: error: postgresql:\/\/postgres@127\.0\.0\.1:\d+\/backprop_test: lost the study database .* did not come back within 2 s \(--reconnect\); finished trials are kept there/);
  const kept = (await trialsOf(study)).filter((t) => t.state === 'complete').map((t) => t.number);
  assert.ok(finished.every((n) => kept.includes(n)), `finished ${finished}, kept ${kept}`);
  // the trial it was running is taken for dead after the heartbeat timeout, and run again
  await new Promise((r) => setTimeout(r, 1200));
  const again = backprop([...args, '--heartbeat', '1'], { cwd: tempDir() });
  assert.equal(again.code, 0, again.stderr);
  const rows = await trialsOf(study);
  assert.equal(rows.filter((t) => !t.retry).length, 5);
  assert.ok(rows.filter((t) => !t.retry).every((t) => t.state === 'complete'), JSON.stringify(rows));
});
