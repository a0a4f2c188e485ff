// The run-to-run noise of a study on one validation split: the best configuration trained again
// with other training seeds (other initial weights, other mini-batch orders) on the same split. A
// user comparing the best trial with the second cannot tell a real difference from the luck of one
// initialisation without it ("0.912 ± 0.008 over 3 seeds"); with cross-validation the folds' spread
// says it instead. Costs (count - 1) trainings of the best configuration after the study.

import { MAX_SEED } from '../util/bounds.js';
import type { TrialOutcome } from './study.js';
import type { TrialSpec } from './trainer.js';
import type { Trial } from './trial.js';

export interface SeedSpread {
  /** The trial measured (the study's best). */
  trial: number;
  /** The training seeds, the best trial's own first. */
  seeds: number[];
  /** The objective at each seed that completed (the best trial's own value first). */
  values: number[];
  mean: number;
  /** The sample standard deviation of values (n - 1): the spread of one run's objective. */
  std: number;
  /** Seeds whose run failed (diverged): not in values. */
  failed: number;
}

/** Default seeds the best is measured on in all (its own and 2 others): 2 more trainings of it. */
export const DEFAULT_BEST_SEEDS = 3;

/** mean and sample standard deviation: s = sqrt(sum (v - mean)^2 / (n - 1)). */
export function sampleSpread(values: readonly number[]): { mean: number; std: number } {
  const n = values.length, mean = values.reduce((s, v) => s + v, 0) / n;
  return { mean, std: n < 2 ? 0 : Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) };
}

/**
 * The best trial's configuration at `count` training seeds: its own (the study's) and the next ones,
 * each run by `train` on the study's split, side by side. Undefined when there is nothing to measure.
 */
export async function bestSeedSpread(best: Trial | undefined, fixed: TrialSpec, count: number, train: (spec: TrialSpec) => Promise<TrialOutcome>): Promise<SeedSpread | undefined> {
  if (!best || best.value === undefined || count < 2) return undefined;
  const own = typeof best.params.seed === 'number' ? best.params.seed : typeof fixed.seed === 'number' ? fixed.seed : 1;
  const others = Array.from({ length: count - 1 }, (_, k) => (own + k + 1) % (MAX_SEED + 1));
  const outcomes = await Promise.all(others.map((seed) => train({ ...fixed, ...best.params, seed })));
  const seeds = [own], values = [best.value];
  let failed = 0;
  outcomes.forEach((o, k) => {
    if (o.state === 'complete' && o.value !== undefined && Number.isFinite(o.value)) { seeds.push(others[k]!); values.push(o.value); }
    else failed++;
  });
  return { trial: best.number, seeds, values, ...sampleSpread(values), failed };
}
