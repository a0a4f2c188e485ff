// The `backprop` command line: one file per command in cli/commands/.

import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.js';
import { reportError } from './errors.js';
import { runDemo } from './commands/demo.js';

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const args = argv.filter((a) => a !== '--debug');
  const program = new Command();
  program
    .name('backprop')
    .description('Dense neural networks from first principles: train, evaluate and inspect them.\nRun with no command to train a small network on a built-in dataset.')
    .option('--debug', 'show stack traces of errors')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s.startsWith('error:') ? `backprop: ${s}` : s) })
    .showSuggestionAfterError(true);
  registerCommands(program);
  try {
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
