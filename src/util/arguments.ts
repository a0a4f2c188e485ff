// The arguments of the library's exported functions that take an object, bytes or text, checked on
// entry: metricsJson(null), modelToJson(undefined), csvTextFromBytes('text') failed inside with a
// TypeError ("Cannot read properties of null (reading 'regression')"); now an OptionError naming
// the function, the argument and what it got. Pure: it runs in a browser.

import { OptionError } from '../errors.js';
import { kindOf } from './kind-of.js';

/** `v` is an object (not null, not an array); `what` says which ("an Evaluation (from evaluate)"). */
export function checkObjectArgument(fn: string, name: string, v: unknown, what: string): void {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new OptionError(`${fn}: ${name} must be ${what}, got ${kindOf(v)}`);
}

/** `v` is bytes (a Uint8Array, a Node Buffer among them). */
export function checkBytesArgument(fn: string, name: string, v: unknown): void {
  if (!(v instanceof Uint8Array)) throw new OptionError(`${fn}: ${name} must be bytes (a Uint8Array or Buffer), got ${kindOf(v)}${typeof v === 'string' ? ' (text is already decoded: parse it directly)' : ''}`);
}

/** `v` is a string. */
export function checkStringArgument(fn: string, name: string, v: unknown, what = 'a string'): void {
  if (typeof v !== 'string') throw new OptionError(`${fn}: ${name} must be ${what}, got ${kindOf(v)}`);
}
