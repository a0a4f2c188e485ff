// `node dist/bench/tune-pg.js [--url postgresql://...] [--trials 12] [--workers 2] [--epochs 20]`:
// the database's share of a trial's time in a study kept in PostgreSQL (issue 16): what a trial waits
// for the store is timed (claiming it, the answer after each epoch: with ASHA the read of every trial
// at a rung, and finishing it), against the trials' own time. Reports written in the background are
// shown but are not on a trial's path. Real trials on ../shared/data/digits.csv.gz,
// sized to about a second each. The URL defaults to BACKPROP_TEST_PG (scripts/pg-test-cluster.sh).

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDataset } from '../src/data/load.js';
import { trainTestSplit } from '../src/data/split.js';
import { availableParallelism, loadavg } from 'node:os';
import type { Dataset } from '../src/data/synthetic.js';
import { TrialPool } from '../src/tune/pool.js';
import { AshaPruner } from '../src/tune/pruners/asha.js';
import { decidingEpochs, noPruner } from '../src/tune/pruners/pruner.js';
import { RandomSampler } from '../src/tune/samplers/random.js';
import { shareDataset } from '../src/tune/shared-data.js';
import { choice, floatRange } from '../src/tune/space.js';
import { openPool } from '../src/tune/storage/postgres-connection.js';
import { PostgresStorage } from '../src/tune/storage/postgres.js';
import { runStudy } from '../src/tune/study.js';
import type { TrialShared } from '../src/tune/trial-runner.js';
import type { StudyStorage } from '../src/tune/storage/storage.js';

const DATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/data');
const arg = (name: string, def: string) => { const i = process.argv.indexOf(`--${name}`); return i >= 0 ? process.argv[i + 1]! : def; };

type Timings = Record<'open' | 'claim' | 'report' | 'trials' | 'finish', number[]>;

/** The store with each call timed (milliseconds). */
function timed(inner: StudyStorage, t: Timings): StudyStorage {
  const time = async <T>(k: keyof Timings, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try { return await fn(); } finally { t[k].push(performance.now() - t0); }
  };
  return {
    pollInterval: inner.pollInterval,
    open: (h) => time('open', () => inner.open(h)),
    claim: (choose) => time('claim', () => inner.claim(choose)),
    report: (n, e, v) => time('report', () => inner.report(n, e, v)),
    finish: (n, end) => time('finish', () => inner.finish(n, end)),
    trials: () => time('trials', () => inner.trials()),
    close: () => inner.close(),
  };
}

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const mean = (xs: number[]) => (xs.length ? sum(xs) / xs.length : 0);

/** One study: every call on a trial's path timed (claim, the wait for each epoch's answer, finish). */
async function study(url: string, pruner: 'none' | 'asha', data: { train: Dataset; validation: Dataset }, o: { trials: number; workers: number; epochs: number }) {
  const t: Timings = { open: [], claim: [], report: [], trials: [], finish: [] };
  const waits: number[] = [];
  const storage = timed(new PostgresStorage({ url, studyName: `bench-${pruner}-${process.pid}-${Date.now()}` }), t);
  const shared: TrialShared = { folds: [{ train: shareDataset(data.train), validation: shareDataset(data.validation) }], objective: 'loss' };
  const pool = new TrialPool({ size: o.workers, runner: new URL('../src/tune/trial-runner.js', import.meta.url), shared });
  const fixed = { optimizer: 'adam' as const, epochs: o.epochs, standardize: true, batchSize: 16, seed: 0 };
  const header = { data: { hash: 'digits', description: 'digits' }, space: { hash: 'bench', description: 'bench' }, objective: 'loss', direction: 'minimize' as const };
  const prune = pruner === 'asha' ? new AshaPruner({ maxEpochs: o.epochs }) : noPruner;
  try {
    const trials = await runStudy({
      space: { layers: choice([64], [64, 32]), learningRate: floatRange(1e-3, 1e-2, true) }, header, direction: 'minimize', trials: o.trials,
      sampler: new RandomSampler(0), pruner: prune, storage, parallel: pool.size,
    }, (trial, report) => pool.run({ spec: { ...fixed, ...trial.params } }, async (epoch, value) => {
      const t0 = performance.now();
      try { return await report(epoch, value); } finally { waits.push(performance.now() - t0); }
    }, decidingEpochs(prune, o.epochs))); // as tune() does: a worker waits only at the pruner's rungs
    return { trials, t, waits };
  } finally {
    await pool.close();
    await storage.close();
  }
}

/** The machine's floor: one round trip to the server. */
async function roundTrip(url: string): Promise<number> {
  const pool = await openPool(url);
  try {
    await pool.query('SELECT 1');
    const t0 = performance.now();
    for (let i = 0; i < 50; i++) await pool.query('SELECT $1::int', [i]);
    return (performance.now() - t0) / 50;
  } finally {
    await pool.end();
  }
}

async function main(): Promise<void> {
  const url = arg('url', process.env.BACKPROP_TEST_PG ?? 'postgresql://');
  const o = { trials: Number(arg('trials', '12')), workers: Number(arg('workers', '2')), epochs: Number(arg('epochs', '10')) };
  const { dataset } = await loadDataset(path.join(DATA, 'digits.csv.gz'), { header: false });
  const { train, test: validation } = trainTestSplit(dataset, { testFraction: 0.2, seed: 0 });
  console.log(`# load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores; one round trip (SELECT 1): ${(await roundTrip(url)).toFixed(2)} ms`);
  for (const pruner of ['none', 'asha'] as const) {
    const { trials, t, waits } = await study(url, pruner, { train, validation }, o);
    const trialSeconds = sum(trials.map((x) => x.seconds ?? 0));
    const pathMs = sum(t.claim) + sum(waits) + sum(t.finish);
    console.log(`pruner ${pruner}: ${trials.length} trials of ${(trialSeconds / trials.length).toFixed(2)} s on average (${o.workers} workers, ${o.epochs} epochs); claim ${mean(t.claim).toFixed(2)} ms, wait for an epoch's answer ${mean(waits).toFixed(2)} ms (${waits.length}; of them ${t.trials.length} reads of every trial, ${mean(t.trials).toFixed(2)} ms), finish ${mean(t.finish).toFixed(2)} ms; reports written in the background ${mean(t.report).toFixed(2)} ms`);
    console.log(`  the database's share of the trials' time: ${(pathMs / 1000).toFixed(3)} s of ${trialSeconds.toFixed(1)} s = ${((100 * pathMs) / 1000 / trialSeconds).toFixed(2)}%, ${(pathMs / trials.length).toFixed(1)} ms per trial`);
  }
}

await main();
