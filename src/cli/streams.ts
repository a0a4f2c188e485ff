// The command's standard output and error when they cannot be written: a reader that went away
// (`| head -1`), a full disk (`> /dev/full`, a log on a full partition), an I/O error. The command
// finishes its work either way (a model --save'd is still written); what it says changes:
// - a closed pipe (EPIPE) is no error: the rest of the output is dropped, as `head` wanted;
// - any other failure of standard output is said in one line on standard error, once, and the
//   command exits 1 (a run that failed: its output is lost); it was an uncaught exception with a
//   stack trace (`backprop datasets > /dev/full`);
// - a standard error that cannot be written is dropped: nothing more can be said, and the exit code
//   stays the command's own (a crash while reporting made every such run exit 1).

import { writeReason } from '../io/write-file.js';

/** Why standard output failed, once it has (undefined while it works, and after a closed pipe). */
let outputFailure: string | undefined;

/** The exit code once the command returned `code`: 1 for a run whose standard output was lost, else `code`. */
export function exitCodeAfterOutput(code: number): number {
  return code === 0 && outputFailure !== undefined ? 1 : code;
}

/** Whether standard output has failed or closed (its later writes are dropped). */
let stdoutSilenced = false;

/** Drop every later write to the stream (the stream is destroyed: writing more would fail again). */
function silence(stream: NodeJS.WriteStream): void {
  stream.write = (() => true) as typeof stream.write;
  if (stream === process.stdout) stdoutSilenced = true;
}

/**
 * Write `text` to standard output and wait until the system has taken it: false when it could not
 * (a full disk, a closed pipe; the failure is said once, by the handler below). `import --out - >
 * /dev/full` said "wrote the model to standard output" above the line saying it was lost.
 */
export function writeStandardOutput(text: string): Promise<boolean> {
  if (stdoutSilenced) return Promise.resolve(false);
  return new Promise((resolve) => {
    process.stdout.write(text, (e) => resolve(!e && !stdoutSilenced));
  });
}

/** Install the handlers (once, at the command's start). */
export function guardStandardStreams(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    silence(process.stdout);
    if (e.code === 'EPIPE' || outputFailure !== undefined) return;
    outputFailure = writeReason(e, '.');
    process.stderr.write(`backprop: error: cannot write to standard output: ${outputFailure}; the rest of the output is lost\n`);
    // (the failure may be reported after the command returned its code: a write fails on the next tick)
    if (!process.exitCode) process.exitCode = 1;
  });
  process.stderr.on('error', () => silence(process.stderr));
}
