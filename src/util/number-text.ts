// How the library writes a number in its reports (the backward pass, `backprop inspect`, the tuning
// table) and the playground in its forward pass: one rule, so the same weight reads the same in each.
// Pure: it runs in a browser. (It checks its argument itself, not through util/guard.ts: the page's
// first script imports it, and the guard's chunk carried the CSV parser into that script.)

import { OptionError } from '../errors.js';
import { kindOf } from './kind-of.js';

/**
 * A number's text with at least two exponent digits, as Python's '%g' and '%e' and NumPy write them:
 * 9.53674e-07 and 1.2e+03, where JavaScript writes 9.53674e-7 and 1.2e+3. The one rule of the reports
 * (the CLI's text, the page) for a number in exponent form; --json numbers are JSON's own.
 */
export function pythonExponent(text: string): string {
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** v.toExponential(digits) with Python's exponent: 2.418e-04. */
export function exponentText(v: number, digits: number): string {
  return pythonExponent(v.toExponential(digits));
}

/** String(v) with Python's exponent where it has one: 1e-07 (String gives 1e-7), 0.001 as it is. */
export function numberText(v: number): string {
  return pythonExponent(String(v));
}

/**
 * A float32 value as the shortest decimal that reads back as the same float32, as NumPy prints a
 * float32 (23.571354, where String gives the float64 expansion 23.571353912353516); a value that is
 * not a float32 (the float64 complement 1 - p of one) is rounded to one first.
 */
export function float32Text(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const f = Math.fround(v);
  for (let digits = 1; digits < 9; digits++) {
    const shorter = Number(f.toPrecision(digits));
    if (Math.fround(shorter) === f) return String(shorter);
  }
  return String(Number(f.toPrecision(9))); // 9 significant digits always read back (IEEE 754)
}

/**
 * 3 significant digits, in exponent form from 1e4 and below 1e-3 (but 0): 0.0123, 1.23e-04, 4.56e+05;
 * how the training's diagnoses (oscillation, plateau) write a cost.
 */
export function briefNumber(x: number): string {
  return Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-3) ? exponentText(x, 2) : String(Number(x.toPrecision(3)));
}

/**
 * A cost or loss in the CLI's lines: 6 decimals, as the course prints its costs (0.693048), in exponent
 * form below 1e-4 (but 0): 3.200e-07. (toFixed(6) wrote a converged run's 3e-7 as 0.000000, a perfect fit.)
 */
export function costText(v: number): string {
  return v !== 0 && Math.abs(v) < 1e-4 ? exponentText(v, 3) : v.toFixed(6);
}

/**
 * 4 decimals, in exponent form from 1e4 and below 1e-3 (but 0): 0.1263, 2.418e-04, 5.634e+300. (The
 * page's forward pass wrote a weight of 3e-5 as 0.0000 beside the backward tab's 3.000e-05, and one of
 * 1e300 with all its 17 digits.)
 */
export function formatNumber(v: number): string {
  if (typeof v !== 'number') throw new OptionError(`formatNumber: v must be a number, got ${kindOf(v)}`);
  return Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? exponentText(v, 3) : v.toFixed(4);
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
 * took the larger: 1/1024 = 0.0009765625 gave 0.000976563 where Python prints 0.000976562), in exponent
 * form where Python's is (below 1e-4, where toPrecision wrote 0.0000500000 for Python's 5.00000e-05, or
 * from 10^digits) with an exponent of two digits or more (9.53674e-07, where toPrecision wrote 9.53674e-7).
 * Trailing zeros are kept, as toPrecision keeps them (Python's '%#.6g').
 */
export function toPrecisionHalfEven(v: number, digits: number): string {
  const s = precisionHalfEven(v, digits);
  const rounded = Number(s);
  const small = !s.includes('e') && rounded !== 0 && Math.abs(rounded) < 1e-4;
  return pythonExponent(small ? rounded.toExponential(digits - 1) : s);
}

function precisionHalfEven(v: number, digits: number): string {
  const s = v.toPrecision(digits);
  if (!Number.isFinite(v) || v === 0 || digits > 15) return s;
  const [mantissa, exponent] = v.toExponential(Math.min(100, digits + 29)).split('e') as [string, string];
  const figures = mantissa.replace(/[-.]/g, '');
  if (!/^50*$/.test(figures.slice(digits)) || Number(figures[digits - 1]) % 2 !== 0) return s;
  // halfway with an even last digit kept: the figures cut there (a decimal of 15 digits or fewer reads back as itself)
  return Number(`${v < 0 ? '-' : ''}${figures.slice(0, digits)}e${Number(exponent) - digits + 1}`).toPrecision(digits);
}
