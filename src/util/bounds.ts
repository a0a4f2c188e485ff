// Whole-number options checked against their bounds by one rule (the training spec's epochs, a data
// reader's samples or maxClasses): a value outside says the option, the range and what it got.
// Pure: it runs in a browser.

import { jsonValueText } from './json.js';

/** More epochs than this is a typing slip, not a plan (the history keeps a few numbers per epoch: fit({ epochs: 1e12 }) ended Node with "invalid size error"). */
export const MAX_EPOCHS = 10_000_000;
/** The epochs of a training spec that gives none. */
export const DEFAULT_EPOCHS = 100;
/** The largest seed (seed + 1 seeds the validation split; numpy's seeds are below 2^32). */
export const MAX_SEED = 2 ** 32 - 1;

/** A seed the generator takes as given: a whole number from 0 to MAX_SEED (-1 and 1.5 were seed 1, 2^32 seed 0, silently). */
export function seedProblem(v: unknown, name = 'seed'): string | undefined {
  return wholeNumberProblem(v, name, 0, MAX_SEED);
}

/** How a value that is no number appears in "got ...": a string quoted (the string '5' is not told from 5 otherwise). */
export const givenText = (v: unknown): string => (typeof v === 'number' ? String(v) : jsonValueText(v));

/** "`name` must be a whole number from min to max, got v", or undefined when v is one (or is undefined). */
export function wholeNumberProblem(v: unknown, name: string, min: number, max: number): string | undefined {
  if (v === undefined || (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max)) return undefined;
  return `${name} must be a whole number from ${min} to ${max}, got ${typeof v === 'number' ? v : jsonValueText(v)}`;
}
