// `node dist/bench/tune.js [--only speed|workers|asha|tpe|grid|peers] [--seeds N]`: the tuner's figures of
// issue 11 on ../shared/data/digits.csv.gz (and ilpd.csv). Trials run on worker threads.
//   speed:   30 TPE trials of 20 Adam epochs over layers x lr x batch size (Optuna 3.1 + sklearn MLP: 4.6 s, 0.983)
//   workers: trials per second with 1 and 2 workers
//   asha:    random search with and without ASHA, 5 seeds: best objective and epochs run
//   tpe:     TPE against random search at a fixed budget, 5 seeds, two data sets
//   grid:    a 24-point grid with 3-fold CV: the chosen point's test accuracy against the best of the grid
//   peers:   the same studies in Optuna 3.1 + scikit-learn and GridSearchCV (bench/tune_peers.py), on the
//            same split and folds, written to a temporary folder (Debian: python3-sklearn python3-optuna)

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDataset } from '../src/data/load.js';
import { trainTestSplit } from '../src/data/split.js';
import type { Dataset } from '../src/data/synthetic.js';
import { tune, type TuneOptions } from '../src/tune/tune.js';
import { choice, floatRange } from '../src/tune/space.js';
import { retrainBest } from '../src/tune/retrain.js';
import { AshaPruner } from '../src/tune/pruners/asha.js';
import { kFoldIndices } from '../src/tune/folds.js';
import { concat } from '../src/tune/tune.js';

const DATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/data');
const arg = (name: string, def: string) => { const i = process.argv.indexOf(`--${name}`); return i >= 0 ? process.argv[i + 1]! : def; };
const only = arg('only', '');
const seeds = Number(arg('seeds', '5'));
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const ashaOptions = { minEpochs: arg('min-epochs', '') ? Number(arg('min-epochs', '')) : undefined, eta: Number(arg('eta', '3')) };
const asPruner = (p: 'none' | 'asha', maxEpochs: number) => (p === 'asha' ? new AshaPruner({ ...ashaOptions, maxEpochs }) : 'none' as const);
/** Wall-clock and CPU seconds (this process and its worker threads) of fn. */
async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; wall: number; cpu: number }> {
  const c0 = process.cpuUsage(), t0 = performance.now();
  const value = await fn();
  const c = process.cpuUsage(c0);
  return { value, wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

async function digits(): Promise<{ train: Dataset; validation: Dataset; test: Dataset }> {
  const { dataset } = await loadDataset(path.join(DATA, 'digits.csv.gz'), { header: false });
  const { train: rest, test } = trainTestSplit(dataset, { testFraction: 0.25, seed: 0 });
  const { train, test: validation } = trainTestSplit(rest, { testFraction: 0.2, seed: 0 });
  return { train, validation, test };
}

const optunaStudy = { layers: choice([16], [32], [64], [32, 16], [64, 32]), learningRate: floatRange(1e-4, 1e-1, true), batchSize: choice(16, 32, 64, 128) };

async function speed(): Promise<void> {
  const d = await digits();
  console.log(`# speed: digits ${d.train.X.cols} train / ${d.validation.X.cols} validation, 30 TPE trials x 20 Adam epochs, 2 workers (ASHA ${JSON.stringify(ashaOptions)})`);
  for (const pruner of ['none', 'asha'] as const) {
    if (arg('pruner', pruner) !== pruner) continue;
    const accs: number[] = [], secs: number[] = [], cpus: number[] = [];
    for (let seed = 0; seed < 3; seed++) {
      const { value: r, wall, cpu } = await timed(() => tune({ spec: { ...optunaStudy, optimizer: 'adam', epochs: 20, standardize: true }, data: d, trials: 30, sampler: 'tpe', pruner: asPruner(pruner, 20), objective: 'accuracy', seed, workers: 2 }));
      secs.push(wall); cpus.push(cpu);
      accs.push(r.summary.best!.value!);
      console.log(`  pruner ${pruner} seed ${seed}: ${wall.toFixed(2)} s (${cpu.toFixed(2)} CPU s), best validation accuracy ${accs.at(-1)!.toFixed(4)}, epochs ${r.summary.epochsRun}/${r.summary.epochBudget}`);
    }
    console.log(`pruner ${pruner}: mean ${mean(secs).toFixed(2)} s wall, ${mean(cpus).toFixed(2)} CPU s, mean best validation accuracy ${mean(accs).toFixed(4)} (Optuna 3.1 + sklearn MLP, as stated in the issue: ${pruner === 'none' ? '4.6 s, 0.983' : '1.5 s, 0.980'})`);
  }
}

/** Trials per second with 1 and 2 workers: three rounds, alternating, 48 trials each; the median of each. */
async function workers(): Promise<void> {
  const d = await digits();
  const trials = 48;
  const rates: Record<number, number[]> = { 1: [], 2: [] };
  for (let round = 0; round < 3; round++) {
    for (const n of [1, 2]) {
      const t0 = performance.now();
      await tune({ spec: { layers: choice([32], [64]), batchSize: choice(32, 64), learningRate: floatRange(1e-3, 1e-2, true), optimizer: 'adam', epochs: 20, standardize: true }, data: d, trials, sampler: 'random', seed: round, workers: n });
      rates[n]!.push(trials / ((performance.now() - t0) / 1000));
    }
    console.log(`  round ${round + 1}: 1 worker ${rates[1]!.at(-1)!.toFixed(2)}, 2 workers ${rates[2]!.at(-1)!.toFixed(2)} trials/s`);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  console.log(`workers: median 1 worker ${median(rates[1]!).toFixed(2)}, 2 workers ${median(rates[2]!).toFixed(2)} trials/s: ${(median(rates[2]!) / median(rates[1]!)).toFixed(2)}x`);
}

async function asha(): Promise<void> {
  const d = await digits();
  const objective = arg('objective', 'loss') as 'loss' | 'accuracy';
  const spec: TuneOptions['spec'] = { ...optunaStudy, optimizer: 'adam', epochs: 27, standardize: true };
  const gaps: number[] = [], fractions: number[] = [];
  for (let seed = 0; seed < seeds; seed++) {
    const plain = await tune({ spec, data: d, trials: 30, sampler: 'random', pruner: 'none', objective, seed, workers: 2 });
    const pruned = await tune({ spec, data: d, trials: 30, sampler: 'random', pruner: asPruner('asha', spec.epochs as number), objective, seed, workers: 2 });
    gaps.push(Math.abs(pruned.summary.best!.value! - plain.summary.best!.value!));
    fractions.push(pruned.summary.epochsRun / plain.summary.epochsRun);
    console.log(`  seed ${seed}: best validation ${objective} ${plain.summary.best!.value!.toFixed(4)} without pruning, ${pruned.summary.best!.value!.toFixed(4)} with ASHA, epochs ${pruned.summary.epochsRun}/${plain.summary.epochsRun}`);
  }
  console.log(`asha (${objective}): mean gap in best validation ${objective} ${mean(gaps).toFixed(4)}, epochs used ${(100 * mean(fractions)).toFixed(1)}% of random search's`);
}

async function tpe(): Promise<void> {
  const d = await digits();
  const { dataset: ilpd } = await loadDataset(path.join(DATA, 'ilpd.csv'), { header: false, oneHot: 'auto', missing: 'drop' });
  const sets: [string, TuneOptions['data']][] = [['digits', d], ['ilpd', { train: ilpd, name: 'ilpd' }]];
  for (const [name, data] of sets) {
    const best = { tpe: [] as number[], random: [] as number[] };
    for (let seed = 0; seed < seeds; seed++) {
      for (const sampler of ['tpe', 'random'] as const) {
        const r = await tune({ spec: { ...optunaStudy, l2: floatRange(1e-5, 1e-1, true), optimizer: 'adam', epochs: 20, standardize: true }, data, trials: 30, sampler, seed, workers: 2 });
        best[sampler].push(r.summary.best!.value!);
      }
    }
    console.log(`tpe on ${name}: mean best validation loss over ${seeds} seeds, 30 trials: TPE ${mean(best.tpe).toFixed(4)}, random ${mean(best.random).toFixed(4)}`);
  }
}

async function grid(): Promise<void> {
  const d = await digits();
  const data = { train: d.train, validation: d.validation };
  const space = { layers: choice([16], [32], [64]), learningRate: choice(1e-3, 1e-2), batchSize: choice(16, 32, 64, 128) };
  const fixed = { optimizer: 'adam' as const, epochs: 20, standardize: true };
  const t0 = performance.now();
  const r = await tune({ spec: { ...space, ...fixed }, data, sampler: 'grid', cv: 3, objective: 'accuracy', seed: 0, workers: 2, trials: 24 });
  const seconds = (performance.now() - t0) / 1000;
  const scores: { key: string; test: number }[] = [];
  for (const t of r.trials) {
    const { test } = await retrainBest(r, { test: d.test }, t);
    scores.push({ key: JSON.stringify(t.params), test: test!.classification!.accuracy });
  }
  const chosen = scores.find((s) => s.key === JSON.stringify(r.summary.best!.params))!;
  const top = Math.max(...scores.map((s) => s.test));
  const cv = r.summary.best!.value!;
  console.log(`grid: ${r.trials.length} points x 3 folds in ${seconds.toFixed(2)} s, chosen by 3-fold CV ${chosen.key} (CV accuracy ${cv.toFixed(4)}): test accuracy ${chosen.test.toFixed(4)}; best test accuracy of any point ${top.toFixed(4)} (gap ${(100 * (top - chosen.test)).toFixed(2)} points); scikit-learn's GridSearchCV on the same folds: --only peers`);
}

/** A python3 that imports scikit-learn and Optuna, if any. */
function peerPython(): string | undefined {
  return [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => !!p)
    .find((p) => spawnSync(p, ['-c', 'import sklearn, optuna'], { encoding: 'utf8' }).status === 0);
}

/** Write digits' split (X n_x x m as float32, labels) and grid()'s 3 folds for bench/tune_peers.py. */
function writeDigits(dir: string, d: { train: Dataset; validation: Dataset; test: Dataset }): void {
  const meta: Record<string, number> = { features: d.train.X.rows };
  for (const [name, set] of Object.entries(d)) {
    const put = (part: string, a: Float32Array | Float64Array) => writeFileSync(path.join(dir, `${name}-${part}.f32`), Buffer.from(Float32Array.from(a).buffer));
    put('X', set.X.data);
    put('labels', Float32Array.from({ length: set.X.cols }, (_, j) => Number(set.classes![classOf(set.Y.data, set.Y.rows, set.X.cols, j)])));
    meta[name] = set.X.cols;
  }
  writeFileSync(path.join(dir, 'digits.json'), JSON.stringify(meta));
  writeFileSync(path.join(dir, 'folds.json'), JSON.stringify(kFoldIndices(concat(d.train, d.validation), 3, 0)));
}

/** The class index of example j: Y's entry (one row of class indices) or the largest of its one-hot column. */
function classOf(Y: ArrayLike<number>, rows: number, m: number, j: number): number {
  if (rows === 1) return Y[j]!;
  let best = 0;
  for (let i = 1; i < rows; i++) if (Y[i * m + j]! > Y[best * m + j]!) best = i;
  return best;
}

async function peers(): Promise<void> {
  const python = peerPython();
  if (!python) { console.log('peers: no python3 with scikit-learn and Optuna (Debian: apt-get install python3-sklearn python3-optuna); skipped'); return; }
  const dir = mkdtempSync(path.join(tmpdir(), 'backprop-tune-peers-'));
  try {
    writeDigits(dir, await digits());
    const script = fileURLToPath(new URL('../../bench/tune_peers.py', import.meta.url));
    for (const what of ['speed', 'grid']) {
      const r = spawnSync(python, [script, dir, what], { encoding: 'utf8', timeout: 1_800_000 });
      process.stdout.write(r.stdout ?? '');
      if (r.status !== 0) console.log(`peers ${what} did not finish: ${(r.stderr ?? String(r.error)).trim().split('\n').slice(-3).join(' | ')}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const all: Record<string, () => Promise<void>> = { speed, workers, asha, tpe, grid, peers };
for (const [name, fn] of Object.entries(all)) if (!only || only === name) await fn();
