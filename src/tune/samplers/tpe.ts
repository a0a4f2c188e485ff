// The tree-structured Parzen estimator (Bergstra et al. 2011), as Optuna's default TPESampler:
// the first `startup` trials are random; then the finished trials (complete, then pruned: see
// rankTrials) are split into the best gamma(n) ("below") and the rest ("above"), each dimension gets a Parzen
// density l(x) from the below group and g(x) from the above group (on the unit scale of the
// range, log if log), and of `candidates` draws from l the one with the highest l(x)/g(x) is taken.

import { Random } from '../../tensor/random.js';
import { fromUnit, toUnit, type ChoiceDimension, type Dimension, type ParamValue, type Params, type RangeDimension } from '../space.js';
import { canonical } from '../space.js';
import { rankTrials, type Trial } from '../trial.js';
import { drawDimension } from './random.js';
import { trialSeed, type Sampler, type SamplerContext } from './sampler.js';

export interface TpeOptions {
  /** Random trials before the model is used (Optuna: 10). */
  startup?: number;
  /** Draws from l(x) compared by l(x)/g(x) (Optuna: 24). */
  candidates?: number;
}

/** Optuna's default gamma: the best 10%, at most 25. */
const gamma = (n: number) => Math.min(Math.ceil(0.1 * n), 25);

/** The tree-structured Parzen estimator (Bergstra et al. 2011), as Optuna's default TPESampler: random first trials, then the draw of l(x) with the highest l(x)/g(x). */
export class TpeSampler implements Sampler {
  readonly name = 'tpe';
  private readonly startup: number;
  private readonly candidates: number;
  constructor(private readonly seed = 0, options: TpeOptions = {}) {
    this.startup = options.startup ?? 10;
    this.candidates = options.candidates ?? 24;
  }

  sample({ space, trials, direction, number }: SamplerContext): Params {
    const rng = new Random(trialSeed(this.seed, number));
    const ranked = rankTrials(trials, direction);
    const params: Params = {};
    if (ranked.length < this.startup) {
      for (const name of Object.keys(space).sort()) params[name] = drawDimension(space[name]!, rng);
      return params;
    }
    const nBelow = gamma(ranked.length);
    const below = ranked.slice(0, nBelow), above = ranked.slice(nBelow);
    for (const name of Object.keys(space).sort()) {
      params[name] = this.sampleDimension(space[name]!, name, below, above, rng);
    }
    return params;
  }

  private sampleDimension(d: Dimension, name: string, below: Trial[], above: Trial[], rng: Random): ParamValue {
    const values = (ts: Trial[]) => ts.map((t) => t.params[name]).filter((v) => v !== undefined) as ParamValue[];
    if (d.dimension === 'choice') return this.sampleChoice(d, values(below), values(above), rng);
    const units = (vs: ParamValue[]) => vs.filter((v): v is number => typeof v === 'number').map((v) => toUnit(d, v));
    return this.sampleRange(d, units(values(below)), units(values(above)), rng);
  }

  private sampleChoice(d: ChoiceDimension, below: ParamValue[], above: ParamValue[], rng: Random): ParamValue {
    const keys = d.choices.map(canonical);
    // counts plus a prior weight of 1 per choice
    const weights = (vs: ParamValue[]) => {
      const w = keys.map(() => 1);
      for (const v of vs) { const i = keys.indexOf(canonical(v)); if (i >= 0) w[i]!++; }
      const total = w.reduce((s, x) => s + x, 0);
      return w.map((x) => x / total);
    };
    const l = weights(below), g = weights(above);
    let best = -1, bestScore = -Infinity;
    for (let c = 0; c < this.candidates; c++) {
      let u = rng.random(), i = 0;
      while (i < l.length - 1 && u >= l[i]!) { u -= l[i]!; i++; }
      const score = Math.log(l[i]!) - Math.log(g[i]!);
      if (score > bestScore) { bestScore = score; best = i; }
    }
    return d.choices[best]!;
  }

  private sampleRange(d: RangeDimension, below: number[], above: number[], rng: Random): number {
    const l = parzen(below), g = parzen(above);
    let best = 0.5, bestScore = -Infinity;
    for (let c = 0; c < this.candidates; c++) {
      const x = l.draw(rng);
      const score = l.logDensity(x) - g.logDensity(x);
      if (score > bestScore) { bestScore = score; best = x; }
    }
    return fromUnit(d, best);
  }
}

/** A mixture of normals truncated to [0, 1]: one per observation plus a wide prior at 0.5 (Optuna's). */
interface Parzen { draw(rng: Random): number; logDensity(x: number): number }

function parzen(observations: number[]): Parzen {
  const mus = [...observations, 0.5].sort((a, b) => a - b);
  const n = mus.length;
  const minSigma = 1 / Math.min(100, 1 + n); // Optuna's "magic clip"
  const sigmas = mus.map((mu, i) => {
    if (n === 1) return 1;
    const left = i === 0 ? 0 : mus[i - 1]!, right = i === n - 1 ? 1 : mus[i + 1]!;
    return Math.min(1, Math.max(minSigma, mu - left, right - mu));
  });
  const prior = mus.indexOf(0.5);
  sigmas[prior] = 1;
  const mass = mus.map((mu, i) => normalCdf((1 - mu) / sigmas[i]!) - normalCdf((0 - mu) / sigmas[i]!));
  return {
    draw(rng) {
      const i = rng.int(n);
      for (let tries = 0; tries < 100; tries++) {
        const x = mus[i]! + sigmas[i]! * rng.randn();
        if (x >= 0 && x <= 1) return x;
      }
      return Math.min(1, Math.max(0, mus[i]!));
    },
    logDensity(x) {
      let p = 0;
      for (let i = 0; i < n; i++) {
        const z = (x - mus[i]!) / sigmas[i]!;
        p += Math.exp(-0.5 * z * z) / (sigmas[i]! * Math.sqrt(2 * Math.PI) * mass[i]!);
      }
      return Math.log(p / n + 1e-300);
    },
  };
}

/** The standard normal CDF, from erf (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2, t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return 0.5 * (1 + (z < 0 ? -erf : erf));
}
