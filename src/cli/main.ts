// The `backprop` command line: one file per command in cli/commands/.

import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.js';
import { commanderErrorText, printWarning, reportError } from './errors.js';
import { runDemo } from './commands/demo.js';
import { initBackend, type BackendChoice } from '../kernels/init.js';
import { OptionError } from '../errors.js';
import { checkRepeated, parseIntOption, refuseEmptyValues } from './options.js';

const BACKENDS: BackendChoice[] = ['auto', 'js', 'wasm', 'wasm-threads'];

/** The package's version, from its package.json (three folders up from dist/src/cli/). */
function packageVersion(): string {
  try {
    return String(JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')).version);
  } catch {
    return 'unknown';
  }
}

/** Take the global --backend NAME / --backend=NAME (and --threads N) out of the arguments. */
function takeGlobal(args: string[], name: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name) {
      value = args[i + 1];
      if (value === undefined || value.startsWith('--')) throw new OptionError(`${name} needs a value, e.g. ${name} ${name === '--backend' ? 'js' : '2'}`);
      args.splice(i, 2); i--;
    }
    else if (args[i]!.startsWith(name + '=')) { value = args[i]!.slice(name.length + 1); args.splice(i, 1); i--; }
  }
  return value;
}

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const args = argv.filter((a) => a !== '--debug');
  let backend: string, threadsArg: string | undefined;
  try {
    backend = takeGlobal(args, '--backend') ?? process.env.BACKPROP_BACKEND ?? 'auto';
    threadsArg = takeGlobal(args, '--threads');
  } catch (e) {
    return reportError(e, debug);
  }
  const program = new Command();
  program
    .name('backprop')
    .description('Dense neural networks from first principles: train, evaluate and inspect them.\nRun with no command to train a small network on a built-in dataset.')
    .option('--debug', 'show stack traces of errors')
    .option('--backend <name>', `kernels: ${BACKENDS.join(', ')} (auto: WebAssembly SIMD on every core when it loads, else plain JS)`, 'auto')
    .option('--threads <n>', 'worker threads for wasm-threads (default: the number of cores)')
    .version(packageVersion(), '-V, --version', 'print the version of backprop')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(commanderErrorText(s)) })
    .showSuggestionAfterError(true)
    .hook('preAction', (_, command) => {
      refuseEmptyValues(command);
      checkRepeated(command, args);
    });
  registerCommands(program);
  try {
    if (!BACKENDS.includes(backend as BackendChoice)) throw new OptionError(`--backend must be one of ${BACKENDS.join(', ')}, got '${backend}'`);
    let threads: number | undefined;
    if (threadsArg !== undefined) {
      threads = parseIntOption(threadsArg, '--threads', 1); // decimal only: Number() took '0x4' and ' '
    }
    const wanted = backend as BackendChoice;
    const got = await initBackend(wanted, { threads });
    if (wanted !== 'auto' && got !== wanted) printWarning(`backend ${wanted} is not available here; using ${got}`);
    else if (threads !== undefined && got !== 'wasm-threads') printWarning(`--threads ignored: the ${got} backend runs on one thread (wasm-threads uses --threads)`);
    if (args.length === 0) {
      await runDemo({});
      return 0;
    }
    await program.parseAsync(args, { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version exit 0; usage mistakes were already printed by commander
      return e.exitCode === 0 ? 0 : 2;
    }
    return reportError(e, debug);
  }
}
