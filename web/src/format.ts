// One way to write a loss everywhere on the page (the readouts, the cost curve's values and scale, the
// sweep's cells and notes, the divergence note): 3 decimals, in the library's exponent form (formatNumber:
// 3.200e-04, 1.235e+04) below 1e-3 and from 1e4 (toFixed writes 1e21 and above in 16 digits, wider than
// the panel); '–' for none. The cost curve wrote 4 decimals ('training cost 0.4823' beside 'Training loss
// 0.482'), the sweep 3 significant digits ('0.0482'); a converged run's 3.2e-4 was 0.000, a perfect one's.

import { formatNumber } from '../../src/index.js';

export function formatLoss(v: number): string {
  if (!Number.isFinite(v)) return '–';
  return Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? formatNumber(v) : v.toFixed(3);
}

/**
 * An epoch as the counter shows it: 6 digits at least, in groups of 3 ('000,042', '1,234,567').
 * Written by hand: toLocaleString loaded Chromium's locale data at the page's first frame, 35 ms of
 * the main thread in a task of 85 ms.
 */
export function formatEpoch(n: number): string {
  const digits = String(Math.max(0, Math.trunc(n))).padStart(6, '0');
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A class name in running text (the CSV note's list, the point readout, the forward pass): bare when
 * it is one word or number (0, cat, setosa), quoted when it holds a space or punctuation. A class
 * 'a, b' among 2 classes was listed as '(a, b, c)', which reads as 3.
 */
export function className(name: string | number): string {
  const s = String(name);
  return /^[\p{L}\p{N}_.+-]+$/u.test(s) ? s : `'${s}'`;
}

/** 2nd, 4th, 32nd: a number as an ordinal ('every 32nd epoch'). */
export function ordinal(n: number): string {
  const tens = n % 100, ones = n % 10;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ones === 1 ? 'st' : ones === 2 ? 'nd' : ones === 3 ? 'rd' : 'th';
  return `${n.toLocaleString('en')}${suffix}`;
}
