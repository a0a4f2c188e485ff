#!/usr/bin/env node
// Entry point of the `backprop` command (compiled sources live in dist/).
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

// a closed pipe (e.g. `backprop train --save m.json | head`) is not an error: the rest of the output is
// dropped and the command finishes its work (exiting at once lost the model that --save was to write);
// another failure of standard output (a full disk) is said in one line, and the command exits 1
guardStandardStreams();

main(process.argv.slice(2)).then((code) => { process.exitCode = exitCodeAfterOutput(code); });
