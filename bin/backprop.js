#!/usr/bin/env node
// Entry point of the `backprop` command (compiled sources live in dist/).
import { main } from '../dist/src/cli/main.js';

// a closed pipe (e.g. `backprop train --save m.json | head`) is not an error: the rest of the output is
// dropped and the command finishes its work (exiting at once lost the model that --save was to write)
process.stdout.on('error', (e) => {
  if (e.code !== 'EPIPE') throw e;
  process.stdout.write = () => true;
});

main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
