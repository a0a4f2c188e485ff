#!/usr/bin/env node
// Entry point of the `backprop` command (compiled sources live in dist/).
import { main } from '../dist/src/cli/main.js';

// a closed pipe (e.g. `backprop predict ... | head`) is not an error
process.stdout.on('error', (e) => { if (e.code === 'EPIPE') process.exit(0); throw e; });

main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
