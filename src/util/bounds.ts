// Whole-number options checked against their bounds by one rule (the training spec's epochs, a data
// reader's samples or maxClasses): a value outside says the option, the range and what it got.
// Pure: it runs in a browser.

import { jsonValueText } from './json.js';

/** "`name` must be a whole number from min to max, got v", or undefined when v is one (or is undefined). */
export function wholeNumberProblem(v: unknown, name: string, min: number, max: number): string | undefined {
  if (v === undefined || (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max)) return undefined;
  return `${name} must be a whole number from ${min} to ${max}, got ${typeof v === 'number' ? v : jsonValueText(v)}`;
}
