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
