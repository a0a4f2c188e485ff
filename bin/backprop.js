#!/usr/bin/env node
// Entry point of the `backprop` command (compiled sources live in dist/).
import { main } from '../dist/src/cli/main.js';

main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
