// A loss that does not move from where it started: the network is not learning at all. Typical
// causes are a learning rate too small for the problem, ReLU units that output 0 for every example
// (dead: their gradient is 0, so they never come back), sigmoid or tanh units saturated at their
// flat ends, and a deep stack of sigmoids whose gradients vanish on the way back. detectOscillation
// tells a loss that swings (a learning rate too large); this tells one that stays flat.
//
// The rule, in words a learner follows: for at least `window` epochs, no loss in the series moved
// further from the first loss than `tolerance` (1%) of it. One epoch that moved further is
// progress, and the series is not stuck (even if later losses come back near the start: that is
// detectOscillation's case).

import type { Network } from '../nn/network.js';
import type { Matrix } from '../tensor/matrix.js';
import { checkKnownKeys } from '../util/known-keys.js';
import { givenText } from '../util/bounds.js';
import { OptionError } from '../errors.js';
import { briefNumber } from '../util/number-text.js';

export interface PlateauOptions {
  /** Epochs the loss must have stayed at its start (default 50). */
  window?: number;
  /** The largest change from the first loss that still counts as not moving, as a fraction of it (default 0.01). */
  tolerance?: number;
}

export interface Plateau {
  /** Epochs the loss has stayed at its start (the series' length - 1). */
  epochs: number;
  /** The first loss of the series (of the fresh network, when the series starts there). */
  first: number;
  /** The lowest and the highest loss of the series. */
  low: number;
  high: number;
  /** The largest change from the first loss, as a fraction of it. */
  change: number;
  /** One sentence: what the loss did (without advice, which depends on the caller). */
  message: string;
}

const fmt = briefNumber;
const pct = (x: number) => (x < 0.001 ? `${Number((100 * x).toPrecision(2))}%` : `${Number((100 * x).toFixed(1))}%`);

const DETECTPLATEAU_KEYS = ['window', 'tolerance'] as const satisfies readonly (keyof PlateauOptions)[];

/**
 * Whether a series of per-epoch losses has stayed at its first value: the Plateau, or undefined.
 * Start the series with the loss of the fresh network (or the loss when a setting last changed);
 * it needs `window` more losses after that one. Losses that are not finite make it undefined (that
 * is divergence, which fit reports itself), and so does a first loss of 0 (nothing left to learn).
 *
 *     const history = fit(net, X, Y, { epochs: 100, learningRate: 1e-5 });
 *     const p = detectPlateau(history.cost);
 *     if (p) console.warn(`${p.message} Try a larger learning rate.`);
 */
export function detectPlateau(losses: ArrayLike<number>, options: PlateauOptions = {}): Plateau | undefined {
  checkKnownKeys(options, DETECTPLATEAU_KEYS, 'detectPlateau', (m) => new OptionError(m));
  const window = options.window ?? 50;
  if (!Number.isInteger(window) || window < 1) throw new OptionError(`detectPlateau: window must be a whole number >= 1, got ${givenText(window)}`);
  const tolerance = options.tolerance ?? 0.01;
  if (!(typeof tolerance === 'number' && tolerance >= 0) || !Number.isFinite(tolerance)) throw new OptionError(`detectPlateau: tolerance must be a number >= 0, got ${givenText(tolerance)}`);
  const n = losses.length;
  if (n < window + 1) return undefined;
  const first = losses[0]!;
  if (!Number.isFinite(first) || first === 0) return undefined;
  let low = first, high = first;
  for (let i = 1; i < n; i++) {
    const v = losses[i]!;
    if (!Number.isFinite(v)) return undefined;
    if (Math.abs(v - first) > tolerance * Math.abs(first)) return undefined; // it moved: not stuck
    if (v < low) low = v;
    if (v > high) high = v;
  }
  const change = Math.max(first - low, high - first) / Math.abs(first);
  return {
    epochs: n - 1, first, low, high, change,
    message: `The loss has not moved from where it started: in ${n - 1} epochs it stayed between ${fmt(low)} and ${fmt(high)}, within ${pct(change)} of ${fmt(first)}.`,
  };
}

/** The hidden units of one layer that cannot learn on the given examples. */
export interface LayerUnits {
  /** The layer's index l (1-based, as W[l]). */
  l: number;
  activation: string;
  units: number;
  /** ReLU units whose output is 0 for every example: their gradient is 0, so no update reaches them. */
  dead: number;
  /** Sigmoid or tanh units at a flat end for every example (g'(z) below 1% of its largest value). */
  saturated: number;
}

/** g'(z) of a sigmoid or tanh output a, as a fraction of its largest value (1/4 for sigmoid, 1 for tanh). */
const slope: Record<string, (a: number) => number> = { sigmoid: (a) => 4 * a * (1 - a), tanh: (a) => 1 - a * a };

/**
 * Every hidden layer's count of units that cannot learn on the examples X (one column each): dead
 * ReLU units (output 0 for every example) and saturated sigmoid or tanh units (slope below
 * `flat`, default 1% of its largest, for every example). Runs one forward pass of X.
 *
 *     for (const u of unitActivity(net, X)) if (u.dead) console.log(`layer ${u.l}: ${u.dead} of ${u.units} ReLU units are dead`);
 */
export function unitActivity(net: Network, X: Matrix, flat = 0.01): LayerUnits[] {
  net.forward(X);
  const { A } = net.cache;
  const m = X.cols;
  return net.layers.slice(0, -1).map((layer, k) => {
    const Al = A[k + 1]!;
    const name = layer.activation.name;
    const g = slope[name];
    let dead = 0, saturated = 0;
    for (let u = 0; u < Al.rows; u++) {
      let allZero = name === 'relu', allFlat = g !== undefined;
      for (let j = 0; j < m && (allZero || allFlat); j++) {
        const a = Al.data[u * m + j]!;
        if (a !== 0) allZero = false;
        if (g && g(a) >= flat) allFlat = false;
      }
      if (allZero) dead++;
      if (allFlat) saturated++;
    }
    return { l: k + 1, activation: name, units: layer.units, dead, saturated };
  });
}
