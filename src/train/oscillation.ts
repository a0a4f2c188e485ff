import { checkKnownKeys } from '../util/known-keys.js';
import { givenText } from '../util/bounds.js';
import { OptionError } from '../errors.js';
import { briefNumber } from '../util/number-text.js';
// A loss that bounces instead of going down: the sign of a learning rate that is too large but
// not so large that the cost runs away (fit's DivergenceError). A classifier's cross-entropy is
// bounded by clipping, so at a learning rate of 10 on a small problem it can swing between, say,
// 0.7 and 6.3 for ever, and neither NaN nor divergence is ever reached.
//
// The rule, in words a learner follows: in the last `window` epochs the loss never went below the
// lowest value it had reached before them, it jumped back up to its first value (or above), and it
// swung widely: its highest and lowest values in the window are apart by at least `swing` (25%) of
// that earlier lowest value. The jump back to the start is what tells this from the noise of
// mini-batches around a loss that has come down (0.02 to 0.15 after starting at 0.69), and the
// swing from a loss that is stuck where it started (a learning rate too small, not too large).
//
// A run can also fall back without going all the way to its start: a deep network at a learning rate
// that suited its first epochs came down from 0.76 to 0.003 and then, thousands of epochs on, stayed
// between 0.3 and 0.6 (its accuracy from 100% to 70%), and nothing was said, since it never went back
// up to 0.76. So the window's losses all staying more than halfway back from the best to the first
// value, after the run had at least halved its loss, is a fall back too, swing or not.

export interface OscillationOptions {
  /** Epochs looked back (default 20). */
  window?: number;
  /** The least swing (highest minus lowest loss in the window), as a fraction of the lowest loss before the window (default 0.25). */
  swing?: number;
}

export interface Oscillation {
  /** Epochs looked back. */
  window: number;
  /** Losses in the series (the last one's 0-based index + 1). */
  length: number;
  /** The first loss of the series (of the fresh network, when the series starts there). */
  first: number;
  /** The lowest loss before the window, which no loss in the window went below. */
  best: number;
  /** The lowest and the highest loss of the last `window` losses. */
  low: number;
  high: number;
  /** 'bounce': back up to its first value, swinging; 'fall back': the whole window more than halfway back from the best to the first value. */
  kind: 'bounce' | 'fall back';
  /** One sentence: what the loss did (without advice, which depends on the caller). */
  message: string;
}

const fmt = briefNumber;

const DETECTOSCILLATION_KEYS = ['window', 'swing'] as const satisfies readonly (keyof OscillationOptions)[];

/**
 * Whether a series of per-epoch losses oscillates at its end instead of decreasing: the
 * Oscillation, or undefined. Start the series with the loss of the fresh network (or use
 * history.cost of fit, whose first entry is the first epoch's). Losses that are not finite make it
 * undefined: that is divergence, which fit reports itself.
 *
 *     const history = fit(net, X, Y, { epochs: 200, learningRate: 10 });
 *     const o = detectOscillation(history.cost);
 *     if (o) console.warn(`${o.message} Try a smaller learning rate.`);
 */
export function detectOscillation(losses: ArrayLike<number>, options: OscillationOptions = {}): Oscillation | undefined {
  checkKnownKeys(options, DETECTOSCILLATION_KEYS, 'detectOscillation', (m) => new OptionError(m));
  const window = options.window ?? 20;
  if (!Number.isInteger(window) || window < 2) throw new OptionError(`detectOscillation: window must be a whole number >= 2, got ${givenText(window)}`);
  const swing = options.swing ?? 0.25;
  if (!(typeof swing === 'number' && swing >= 0) || !Number.isFinite(swing)) throw new OptionError(`detectOscillation: swing must be a number >= 0, got ${givenText(swing)}`);
  const n = losses.length;
  if (n < window + 1) return undefined;
  const first = losses[0]!;
  let best = Infinity;
  for (let i = 0; i < n - window; i++) {
    const v = losses[i]!;
    if (!Number.isFinite(v)) return undefined;
    if (v < best) best = v;
  }
  let low = Infinity, high = -Infinity;
  for (let i = n - window; i < n; i++) {
    const v = losses[i]!;
    if (!Number.isFinite(v)) return undefined;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  if (low < best) return undefined; // a new lowest loss in the window: progress
  // lost most of the progress made: every loss of the window more than halfway back from the best to the start (after the loss had at least halved)
  const fellBack = best <= first / 2 && low > (best + first) / 2;
  if (fellBack) {
    return {
      window, length: n, first, best, low, high, kind: 'fall back',
      message: `The loss is not going down: in the last ${window} epochs it stayed between ${fmt(low)} and ${fmt(high)}, more than halfway back from its best ${fmt(best)} to where it started (${fmt(first)}): the training lost most of what it had learned.`,
    };
  }
  if (high < first) return undefined; // it stays below where it started: noise around progress made
  if (high - low < swing * Math.abs(best)) return undefined; // flat: stuck, not swinging
  return {
    window, length: n, first, best, low, high, kind: 'bounce',
    message: `The loss is not going down: in the last ${window} epochs it stayed above its best ${fmt(best)}, swung between ${fmt(low)} and ${fmt(high)}, and went back up to where it started (${fmt(first)}).`,
  };
}
