// How the library writes a number in its reports (the backward pass, `backprop inspect`, the tuning
// table) and the playground in its forward pass: one rule, so the same weight reads the same in each.
// Pure: it runs in a browser. (It checks its argument itself, not through util/guard.ts: the page's
// first script imports it, and the guard's chunk carried the CSV parser into that script.)

import { OptionError } from '../errors.js';
import { kindOf } from './kind-of.js';

/**
 * 4 decimals, in exponent form from 1e4 and below 1e-3 (but 0): 0.1263, 2.418e-4, 5.634e+300. (The
 * page's forward pass wrote a weight of 3e-5 as 0.0000 beside the backward tab's 3.000e-5, and one of
 * 1e300 with all its 17 digits.)
 */
export function formatNumber(v: number): string {
  if (typeof v !== 'number') throw new OptionError(`formatNumber: v must be a number, got ${kindOf(v)}`);
  return Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toFixed(4);
}

/**
 * v with `digits` decimals, rounded as Python's format (and so scikit-learn's classification_report) rounds:
 * a value exactly halfway goes to the even last digit. toFixed takes the larger: 0.03125 gave 0.0313 where
 * scikit-learn prints 0.0312 for the same precision (a class predicted 32 times, right once).
 */
export function toFixedHalfEven(v: number, digits: number): string {
  const s = v.toFixed(digits);
  if (!Number.isFinite(v) || Math.abs(v) >= 1e21) return s;
  const more = Math.min(100, digits + 30); // a double halfway at `digits` ends a few digits after it: 30 more show it exactly
  const long = v.toFixed(more), cut = long.length - (more - digits);
  if (!/^50*$/.test(long.slice(cut))) return s;
  const down = long.slice(0, digits === 0 ? cut - 1 : cut);
  return Number(down.slice(-1)) % 2 === 0 ? down : s;
}

/** A fraction as a percentage with 2 decimals, rounded as toFixedHalfEven: 0.9856 -> '98.56%'. */
export function percentText(v: number): string {
  return `${toFixedHalfEven(100 * v, 2)}%`;
}

/**
 * v with `digits` significant digits, an exact half rounded to the even digit as Python's '%.6g' (toPrecision
 * took the larger: 1/1024 = 0.0009765625 gave 0.000976563 where Python prints 0.000976562).
 */
export function toPrecisionHalfEven(v: number, digits: number): string {
  const s = v.toPrecision(digits);
  if (!Number.isFinite(v) || v === 0 || digits > 15) return s;
  const [mantissa, exponent] = v.toExponential(Math.min(100, digits + 29)).split('e') as [string, string];
  const figures = mantissa.replace(/[-.]/g, '');
  if (!/^50*$/.test(figures.slice(digits)) || Number(figures[digits - 1]) % 2 !== 0) return s;
  // halfway with an even last digit kept: the figures cut there (a decimal of 15 digits or fewer reads back as itself)
  return Number(`${v < 0 ? '-' : ''}${figures.slice(0, digits)}e${Number(exponent) - digits + 1}`).toPrecision(digits);
}
