// The worker-thread trial pool, and studies run as processes: kill -9 then resume, two processes on one journal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TrialPool } from '../../src/tune/pool.js';
import { shareDataset, datasetOf } from '../../src/tune/shared-data.js';
import { Matrix } from '../../src/tensor/matrix.js';
import { tempDir } from '../helpers/cli.js';

const runner = new URL('./fixtures/quadratic-runner.js', import.meta.url);
const script = fileURLToPath(new URL('./fixtures/run-study.js', import.meta.url));

test('the pool runs tasks on its workers with the shared data, relays reports and stops a trial when told', async () => {
  const pool = new TrialPool({ size: 2, runner, shared: { offset: 10 } });
  const reports: number[] = [];
  const [a, b] = await Promise.all([
    pool.run({ params: { x: 0.3 }, epochs: 4 }, async (_epoch, value) => { reports.push(value); return true; }),
    pool.run({ params: { x: 0.9 }, epochs: 4 }, async (epoch) => epoch < 2),
  ]);
  assert.deepEqual(a, { state: 'complete', epochs: 4, value: 10 + 0.25 });
  assert.equal(reports.length, 4);
  assert.equal(b.state, 'pruned');
  assert.equal(b.epochs, 2);
  await assert.rejects(pool.run({ params: { x: 0, fail: true }, epochs: 1 }, async () => true), /always fails/);
  await pool.close();
  await assert.rejects(pool.run({ params: { x: 0 }, epochs: 1 }, async () => true), /interrupted/);
});

test('close() stops running trials at once: they reject as interrupted', async () => {
  const pool = new TrialPool({ size: 1, runner, shared: {} });
  const running = pool.run({ params: { x: 0 }, epochs: 1000, spinMs: 50 }, async () => true);
  await new Promise((r) => setTimeout(r, 200));
  await pool.close();
  await assert.rejects(running, /interrupted/);
});

test('a data set shared with workers reads back the same values', () => {
  const X = new Matrix(2, 3, Float32Array.from([1, 2, 3, 4, 5, 6]));
  const d = datasetOf(shareDataset({ name: 'n', task: 'binary', X, Y: new Matrix(1, 3, Float32Array.from([0, 1, 0])), featureNames: ['a', 'b'] }));
  assert.ok(d.X.data.buffer instanceof SharedArrayBuffer);
  assert.deepEqual(Array.from(d.X.data), [1, 2, 3, 4, 5, 6]);
});

interface Line { event: string; number: number; state?: string; retry?: boolean; params?: unknown; retryOf?: number }
const journalOf = (file: string): Line[] => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));

test('kill -9 in the middle of a study, then the same command: no finished trial lost or repeated', async () => {
  const file = path.join(tempDir(), 'study.jsonl');
  const child = spawn(process.execPath, [script, file, '8', '2', '40', '5'], { stdio: ['ignore', 'pipe', 'pipe'] });
  // wait until two trials have ended, then kill it while others run
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      let ends = 0;
      try { ends = journalOf(file).filter((l) => l.event === 'end').length; } catch { /* not yet */ }
      if (ends >= 2) { clearInterval(timer); child.kill('SIGKILL'); resolve(); }
    }, 20);
  });
  await new Promise((r) => child.on('exit', r));
  const before = journalOf(file);
  const finished = before.filter((l) => l.event === 'end').map((l) => l.number);
  const cut = before.filter((l) => l.event === 'start').map((l) => l.number).filter((n) => !finished.includes(n));
  assert.ok(finished.length >= 2 && cut.length >= 1, `finished ${finished}, running ${cut}`);

  const again = spawnSync(process.execPath, [script, file, '8', '2', '0', '5'], { encoding: 'utf8' });
  assert.equal(again.status, 0, again.stderr);
  const ranAgain = again.stdout.match(/ran (.*)/)![1]!.split(',').map(Number);
  assert.ok(finished.every((n) => !ranAgain.includes(n)), 'a finished trial was run again');
  const after = journalOf(file);
  const ends = after.filter((l) => l.event === 'end');
  for (const n of cut) {
    assert.ok(ends.some((l) => l.number === n && l.state === 'failed' && l.retry), `trial ${n} should be marked failed`);
    const retried = after.find((l) => l.event === 'start' && l.retryOf === n);
    assert.deepEqual(retried?.params, after.find((l) => l.event === 'start' && l.number === n)!.params);
  }
  assert.equal(ends.filter((l) => l.state === 'complete').length, 8);
  assert.equal(new Set(ends.map((l) => l.number)).size, ends.length, 'a trial ended twice');
});

test('two processes on one journal together run exactly the requested trials, none twice', async () => {
  const file = path.join(tempDir(), 'study.jsonl');
  const run = () => new Promise<string>((resolve, reject) => {
    const c = spawn(process.execPath, [script, file, '12', '1', '30', '2'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    c.stdout.on('data', (d) => { out += d; });
    c.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))));
  });
  const [a, b] = await Promise.all([run(), run()]);
  const ranA = a.match(/ran (.*)/)![1]!.split(',').filter(Boolean).map(Number), ranB = b.match(/ran (.*)/)![1]!.split(',').filter(Boolean).map(Number);
  assert.ok(ranA.length > 0 && ranB.length > 0, `both processes ran trials: ${ranA} / ${ranB}`);
  assert.deepEqual([...ranA, ...ranB].sort((x, y) => x - y), Array.from({ length: 12 }, (_, i) => i));
  const ends = journalOf(file).filter((l) => l.event === 'end');
  assert.equal(ends.length, 12);
  assert.ok(ends.every((l) => l.state === 'complete'));
});
