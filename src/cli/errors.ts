// How the command line reports failures: one line on stderr, exit code 2 for bad usage or
// bad input, 1 for a runtime failure (e.g. divergence); --debug adds the stack trace.

import { constants } from 'node:os';
import { ConnectionLostError, DataError, DivergenceError, MissingDependencyError, ModelFileError, NetworkError, OptionError, OutputError, PermissionError, ShapeError, StorageError } from '../errors.js';
import { optionsAsFlags, withFlags } from './spec-flags.js';
import { oneLine } from '../util/one-line.js';

/** The user stopped the command (Ctrl-C, kill): one line saying so and what was (not) written; exit code 128 + the signal's number (130 for Ctrl-C). */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
  constructor(message: string, readonly signal: StopSignal = 'SIGINT') {
    super(message);
  }
}

/** The signals that stop a command: Ctrl-C, kill (docker stop, a CI timeout), a closed terminal (see interrupt.ts). */
export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

/** How a message names the signal: 'Ctrl-C' or its name. */
export const signalText = (s: StopSignal) => (s === 'SIGINT' ? 'Ctrl-C' : s);

/** The exit code a shell reports for a command ended by the signal: 128 + its number. */
export const signalExitCode = (s: StopSignal) => 128 + constants.signals[s];

export function exitCodeFor(e: unknown): number {
  if (e instanceof InterruptedError) return signalExitCode(e.signal);
  if (e instanceof DivergenceError) return 1;
  // a full disk, a quota, an I/O error: the run failed, as when standard output cannot be written (streams.ts); not bad input
  if (e instanceof StorageError) return 1;
  if (e instanceof DataError || e instanceof ModelFileError || e instanceof OptionError || e instanceof OutputError || e instanceof ShapeError || e instanceof RangeError) return 2;
  return 1;
}

/**
 * With --json, standard output carries one JSON object, on failure too: { "error": the message line,
 * "exitCode" }, beside the line on standard error (a script's JSON.parse met an empty output).
 */
let jsonErrors = false;

/** --json was typed (before '--'): errors are also written to standard output as JSON. */
export function reportErrorsAsJson(args: readonly string[]): void {
  const end = args.indexOf('--');
  jsonErrors = (end < 0 ? args : args.slice(0, end)).includes('--json');
}

/** The error as the JSON object on standard output, when --json was typed. */
export function writeJsonError(message: string, exitCode: number): void {
  if (jsonErrors) process.stdout.write(JSON.stringify({ error: message, exitCode }) + '\n');
}

export function reportError(e: unknown, debug: boolean): number {
  // the library names its options (options.target, { missing: 'drop' }, testSplit); a user of the command line reads flags
  const msg = e instanceof OptionError || e instanceof DataError ? withFlags(e.message, e.field)
    : e instanceof ConnectionLostError ? withFlags(e.message, undefined) : e instanceof ModelFileError || e instanceof DivergenceError ? optionsAsFlags(e.message)
    : e instanceof Error ? e.message : String(e);
  const code = exitCodeFor(e);
  // bad input ends in its one line; a failure at run time comes after what was said before it
  if (code === 2) heldWarnings = undefined;
  else releaseWarnings();
  if (e instanceof InterruptedError) {
    process.stderr.write(`backprop: ${msg}\n`);
    writeJsonError(oneLine(msg), code);
    return code;
  }
  // our messages are one line by design: a newline in them comes from a name (a file called "a\nb"), shown escaped
  const line = oneLine(code === 2 ? msg : msg.split('\n')[0]!);
  process.stderr.write(`backprop: error: ${line}\n`);
  writeJsonError(line, code);
  if (debug && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
  // (a failed download names its URL and cause, a missing optional package the command to install it, a refused permission its flag, a full disk its file: a stack trace adds nothing)
  else if (code === 1 && !(e instanceof DivergenceError) && !(e instanceof ConnectionLostError) && !(e instanceof NetworkError)
    && !(e instanceof MissingDependencyError) && !(e instanceof PermissionError) && !(e instanceof StorageError)) process.stderr.write('(run again with --debug for details)\n');
  return code;
}

/**
 * Warnings said before a command's work starts are held, so that bad input found after them (a later
 * column, a later option) ends the run in its one error line alone, as every input error does.
 */
let heldWarnings: string[] | undefined = [];

/** Hold the warnings from here on (a command starts). */
export function holdWarnings(): void {
  heldWarnings ??= [];
}

/** Print the held warnings, and every later one as it comes: the command's work has started, or it ended. */
export function releaseWarnings(): void {
  const held = heldWarnings ?? [];
  heldWarnings = undefined;
  for (const line of held) process.stderr.write(line);
}

/** A warning on stderr, on one line (held until the work starts). */
export function printWarning(message: string): void {
  const line = `backprop: warning: ${oneLine(withFlags(message, undefined))}\n`;
  if (heldWarnings) heldWarnings.push(line);
  else process.stderr.write(line);
}

/** What commander writes to stderr, prefixed 'backprop: '; an error and its "(Did you mean train?)" made one line. */
export function commanderErrorText(s: string): string {
  if (!s.startsWith('error:')) return s;
  const line = s.trimEnd().replace(/\r?\n/g, ' ');
  writeJsonError(line.replace(/^error: /, ''), 2); // (a usage error: commander's exit code is made 2)
  return `backprop: ${line}\n`;
}
