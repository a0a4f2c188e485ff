// How the command line reports failures: one line on stderr, exit code 2 for bad usage or
// bad input, 1 for a runtime failure (e.g. divergence); --debug adds the stack trace.

import { ConnectionLostError, DataError, DivergenceError, ModelFileError, OptionError, OutputError, ShapeError } from '../errors.js';

/** The user stopped the command (Ctrl-C): one line saying so and what was (not) written; exit code 130 (128 + SIGINT). */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
}

export function exitCodeFor(e: unknown): number {
  if (e instanceof InterruptedError) return 130;
  if (e instanceof DivergenceError) return 1;
  if (e instanceof DataError || e instanceof ModelFileError || e instanceof OptionError || e instanceof OutputError || e instanceof ShapeError || e instanceof RangeError) return 2;
  return 1;
}

export function reportError(e: unknown, debug: boolean): number {
  const msg = e instanceof Error ? e.message : String(e);
  const code = exitCodeFor(e);
  if (e instanceof InterruptedError) {
    process.stderr.write(`backprop: ${msg}\n`);
    return code;
  }
  // our messages are one line by design: a newline in them comes from a name (a file called "a\nb"), shown escaped
  const line = code === 2 ? msg.replace(/\r?\n/g, '\\n') : msg.split('\n')[0];
  process.stderr.write(`backprop: error: ${line}\n`);
  if (debug && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
  else if (code === 1 && !(e instanceof DivergenceError) && !(e instanceof ConnectionLostError)) process.stderr.write('(run again with --debug for details)\n');
  return code;
}

/** What commander writes to stderr, prefixed 'backprop: '; an error and its "(Did you mean train?)" made one line. */
export function commanderErrorText(s: string): string {
  if (!s.startsWith('error:')) return s;
  return `backprop: ${s.trimEnd().replace(/\r?\n/g, ' ')}\n`;
}
