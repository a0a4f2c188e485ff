// Where the library says what it read but is worth a word (a number float32 cannot hold, a column it
// ignores, ...) when its caller gives no `warn` function: Node's process warnings (on stderr, as
// "(node:PID) BackpropWarning: ..."; `node --no-warnings` or { warn: () => {} } silences them), or the
// console in a browser. Pure: it runs in a browser.

import { OptionError } from '../errors.js';
import { kindOf } from './kind-of.js';

/** The default `warn` of the functions that read data: loadDataset, and a Model's predict and evaluate. */
export function defaultWarn(message: string): void {
  const p = (globalThis as { process?: { emitWarning?: (message: string, type: string) => void } }).process;
  if (typeof p?.emitWarning === 'function') p.emitWarning(message, 'BackpropWarning');
  else console.warn(`BackpropWarning: ${message}`);
}

/** A `warn` option checked: undefined or a function (`what` names the option in the message). */
export function checkWarnOption(warn: unknown, what: string): void {
  if (warn !== undefined && typeof warn !== 'function') throw new OptionError(`${what} must be a function (message) => void, got ${kindOf(warn)}`);
}
