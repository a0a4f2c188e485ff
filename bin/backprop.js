#!/usr/bin/env node
// Entry point of the `backprop` command (compiled sources live in dist/).

// Ctrl-C or kill while the modules load (a few tenths of a second, before the command line's own
// rule is installed: cli/interrupt.ts) ended the process without a word: one line, exit 128 + n
const starting = (signal, code) => () => {
  process.stderr.write(`${process.stderr.isTTY ? '\n' : ''}backprop: interrupted (${signal === 'SIGINT' ? 'Ctrl-C' : signal}) while starting; no file was written\n`);
  process.exit(code);
};
const early = [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]].map(([s, code]) => [s, starting(s, code)]);
for (const [s, h] of early) process.on(s, h);
// on a Node older than package.json's "engines", its one line (and no stack trace) before the CLI's
// modules load: they would stop at a SyntaxError of their own there
try {
  await import('../dist/src/node-version.js');
} catch (e) {
  process.stderr.write(`backprop: error: ${e.message}\n`);
  process.exit(1);
}
const { main } = await import('../dist/src/cli/main.js');
const { exitCodeAfterOutput, guardStandardStreams } = await import('../dist/src/cli/streams.js');
for (const [s, h] of early) process.removeListener(s, h); // main installs the command line's rule

// a closed pipe (e.g. `backprop train --save m.json | head`) is not an error: the rest of the output is
// dropped and the command finishes its work (exiting at once lost the model that --save was to write);
// another failure of standard output (a full disk) is said in one line, and the command exits 1
guardStandardStreams();

main(process.argv.slice(2)).then((code) => { process.exitCode = exitCodeAfterOutput(code); });
