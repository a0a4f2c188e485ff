// The `backprop` command line: one file per command in cli/commands/.

import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.js';
import { commanderErrorText, holdWarnings, printWarning, releaseWarnings, reportError, reportErrorsAsJson } from './errors.js';
import { runDemo } from './commands/demo.js';
import { initBackend, type BackendChoice } from '../kernels/init.js';
import { OptionError } from '../errors.js';
import { checkRepeated, optionAsValue, optionsAfterEnd, parseIntOption, switchMisuse, refuseEmptyValues, refuseOptionsAsValues, refuseStdinInputs, refuseUnexpandedTilde, warnRepeated } from './options.js';
import { envVar } from '../util/env.js';
import { commandStarting, installStopRule } from './interrupt.js';
import { unsetUntypedDataOptions } from './data-options.js';

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
  const values: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name) {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('--')) throw new OptionError(`${name} needs a value, e.g. ${name} ${name === '--backend' ? 'js' : '2'}`);
      values.push(value);
      args.splice(i, 2); i--;
    }
    else if (args[i]!.startsWith(name + '=')) { values.push(args[i]!.slice(name.length + 1)); args.splice(i, 1); i--; }
  }
  warnRepeated(name, values); // as for a command's options: two different values took the last, silently
  return values[values.length - 1];
}

/** --backend, else BACKPROP_BACKEND when set (empty is unset, as for the other variables), else auto; a bad value names where it came from. */
function chosenBackend(args: string[]): string {
  const flag = takeGlobal(args, '--backend');
  const env = envVar('BACKPROP_BACKEND')?.trim() || undefined;
  const backend = flag ?? env ?? 'auto';
  if (!BACKENDS.includes(backend as BackendChoice)) {
    throw new OptionError(`${flag !== undefined ? '--backend' : 'the environment variable BACKPROP_BACKEND'} must be one of ${BACKENDS.join(', ')}, got '${backend}'`);
  }
  return backend;
}

/** Names other tools give our flags: an unknown flag among them is answered with ours (commander suggests only near spellings). */
const FLAG_SYNONYMS: Record<string, string[]> = {
  '--lr': ['--learning-rate', '--learningrate', '--eta', '--rate'],
  '--batch-size': ['--batch', '--batchsize', '--bs', '--minibatch', '--mini-batch', '--mini-batch-size'],
  '--epochs': ['--iterations', '--iters', '--num-epochs', '--n-epochs', '--n-iter', '--max-iter', '--num-iterations', '--num-iter', '--max-epochs'],
  '--layers': ['--hidden', '--hidden-layers', '--units', '--hidden-layer-sizes', '--hidden-units', '--layers-dims', '--layer-dims'],
  '--l2': ['--lambd', '--lambda', '--l2-reg', '--l2-lambda'],
  '--print-every': ['--print-cost', '--verbose-every'],
  '--data': ['--input', '--file', '--train', '--csv', '--dataset', '--image', '--img', '--picture'],
  '--target': ['--label', '--y', '--target-column', '--class'],
  '--out': ['--output', '--output-file', '-o'],
  '--save': ['--model-out', '--save-model', '--output-model'],
  '--seed': ['--random-seed', '--random-state'],
  '--dropout': ['--keep-prob'],
};

/** Names other tools give our commands (Keras' fit, a server's serve): an unknown command among them is answered with ours. */
const COMMAND_SYNONYMS: Record<string, string[]> = {
  train: ['fit', 'learn'],
  predict: ['infer', 'inference', 'classify'],
  evaluate: ['eval', 'test', 'validate', 'metrics', 'score'],
  gradcheck: ['gradient-check', 'gradientcheck', 'check-gradients', 'check'],
  playground: ['serve', 'server', 'web', 'ui', 'gui'],
  datasets: ['data', 'download', 'fetch', 'list'],
  tune: ['search', 'hyperparameters', 'optimize', 'sweep', 'hpo'],
  inspect: ['show', 'describe', 'summary', 'info'],
  export: ['convert'],
};

/** Our command meant by an unknown `name`: the same in another case (TRAIN), or another tool's name for it (fit). */
export function commandMeant(name: string, commands: readonly string[]): string | undefined {
  const spelled = name.toLowerCase().replace(/_/g, '-');
  if (commands.includes(spelled)) return spelled;
  return Object.entries(COMMAND_SYNONYMS).find(([ours, others]) => others.includes(spelled) && commands.includes(ours))?.[0];
}

/** Names that mean one of two flags, by the tool: said with both ('--alpha' alone said "unknown option"). */
const TWO_MEANINGS: Record<string, (longs: readonly string[]) => string | undefined> = {
  '--alpha': (longs) => (longs.includes('--lr') && longs.includes('--l2') ? "the course's α, the learning rate, is --lr; scikit-learn's alpha, the L2 penalty, is --l2" : undefined),
  // inspect has --backward but no --forward: the forward pass is what it prints for an example of --data
  '--forward': (longs) => (longs.includes('--backward') && longs.includes('--data') ? 'the forward pass is printed for one example of --data (--example n); --backward adds the backward pass' : undefined),
};

/** Our flag meant by `flag`: the same name in another spelling (--Batch_Size), a synonym (--learning-rate), or a unique prefix (--epo). */
export function flagMeant(flag: string, longs: readonly string[]): string | undefined {
  // one dash before a long name (-lr, -epochs: argparse's and Keras scripts' habit) was "unknown option '-lr'"
  if (/^-[A-Za-z][\w-]+/.test(flag)) return longs.includes(`-${flag.replace(/=.*$/, '')}`) ? `-${flag.replace(/=.*$/, '')}` : flagMeant(`-${flag}`, longs);
  const spelled = flag.toLowerCase().replace(/_/g, '-').replace(/=.*$/, '');
  if (spelled !== flag && longs.includes(spelled)) return spelled;
  // another tool's name for one of ours is a surer guess than a prefix (--image: --data, not --image-size)
  const synonym = Object.entries(FLAG_SYNONYMS).find(([ours, others]) => others.includes(spelled) && longs.includes(ours))?.[0];
  if (synonym) return synonym;
  const prefixed = longs.filter((l) => l.startsWith(spelled) && spelled.length >= 4);
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/**
 * A word typed as an option without its dashes ('lr=0.1', 'epochs'), written as the option it means
 * ('--lr=0.1', '--epochs'); undefined for any other word. It was said to be an argument, or a value
 * without its option ('write --data data=xor').
 */
export function bareOption(word: string | undefined, longs: readonly string[]): string | undefined {
  const m = word === undefined ? null : /^([A-Za-z][\w-]*)(=.*)?$/.exec(word);
  if (!m) return undefined;
  const meant = longs.includes(`--${m[1]}`) ? `--${m[1]}` : m[2] !== undefined ? flagMeant(`--${m[1]}`, longs) : undefined;
  return meant === undefined ? undefined : `${meant}${m[2] ?? ''}`;
}

/** The usage errors whose cause can be options typed after '--' (see optionsAfterEnd). */
const USAGE_CODES = ['commander.excessArguments', 'commander.missingMandatoryOptionValue', 'commander.unknownOption'];

/** Commander's Command, whose usage errors say what was meant: a flag by another name, an argument that wanted its option name. */
class BackpropCommand extends Command {
  override createCommand(name?: string): Command {
    return new BackpropCommand(name);
  }

  override error(message: string, errorOptions?: { code?: string; exitCode?: number }): never {
    const code = errorOptions?.code;
    const positional = this.args.filter((a) => !a.startsWith('-'));
    // options typed after '--' were taken as arguments: that is the cause to name, not the arguments left over
    const afterEnd = USAGE_CODES.includes(code ?? '') ? optionsAfterEnd(this, this.rootArgs()) : undefined;
    if (afterEnd) return super.error(`error: ${afterEnd}`, errorOptions);
    if (code === 'commander.unknownCommand') {
      const name = /unknown command '([^']*)'/.exec(message)?.[1];
      const meant = name === undefined ? undefined : commandMeant(name, this.commands.map((c) => c.name()));
      // ('fetch' is an action of datasets: 'datasets fetch NAME')
      if (meant) message = `${message.replace(/\s*\(Did you mean [^)]*\)\s*$/i, '')} (Did you mean ${meant === 'datasets' && name?.toLowerCase() === 'fetch' ? 'datasets fetch' : meant}?)`;
    }
    if (code === 'commander.unknownOption') {
      // ours before commander's nearest spelling: --hidden was "Did you mean --header?"
      const flag = /unknown option '([^']*)'/.exec(message)?.[1];
      const longs = this.options.map((o) => o.long).filter((l): l is string => l !== undefined);
      const meant = flag === undefined ? undefined : flagMeant(flag, longs);
      const both = flag === undefined ? undefined : switchMisuse(flag, this.options) ?? TWO_MEANINGS[flag.toLowerCase().replace(/=.*$/, '')]?.(longs);
      const bare = message.replace(/\s*\(Did you mean [^)]*\)\s*$/i, '');
      // a flag of another command by its exact name says more than commander's nearest spelling (gradcheck --layers: "Did you mean --labels?")
      const elsewhere = flag === undefined ? '' : this.elsewhere(flag.replace(/=.*$/, ''));
      if (both) message = `${bare} (${both})`;
      else if (meant) message = `${bare} (Did you mean ${meant}?)`;
      else if (elsewhere) message = bare + elsewhere;
    } else if (code === 'commander.missingMandatoryOptionValue' && this.unknownFlag()) {
      // commander checks the required options first: an unknown flag (--image x.png) is the cause to name
      (this as unknown as { unknownOption(flag: string): never }).unknownOption(this.unknownFlag()!);
    } else if ((code === 'commander.missingMandatoryOptionValue' || code === 'commander.excessArguments') && positional[0] === 'help' && !this.registeredArguments.length) {
      // 'train help' said "'help' was given without an option name (write --data help)"
      message = `error: ${this.name()} takes no argument 'help': for its help, type backprop ${this.name()} --help (or backprop help ${this.name()})`;
    } else if (code === 'commander.missingMandatoryOptionValue' && positional.length > 0) {
      const flag = /'(--[\w-]+)/.exec(message)?.[1], bare = this.bareOption(positional[0]);
      message += bare ? `; '${positional[0]}' is no option: an option begins with '--' (write ${bare})` : `; '${positional[0]}' was given without an option name${flag ? ` (write ${flag} ${positional[0]})` : ''}`;
    } else if (code === 'commander.excessArguments') {
      const expected = this.registeredArguments.length;
      const extra = this.args.slice(expected);
      // after a flag that takes no value (--report out.csv): say so, rather than that values follow names
      const raw = this.rootArgs();
      const before = raw[raw.indexOf(extra[0]!) - 1];
      const flag = this.options.find((o) => o.long === before && !o.required && !o.optional);
      // '--data --epochs 3': --data took '--epochs' as its value, and '3' was left over; the cause is the missing value
      const asValue = optionAsValue(this, raw);
      if (asValue) return super.error(`error: ${asValue}`, errorOptions);
      const bare = this.bareOption(extra[0]), value = bare && !bare.includes('=') && extra[1] !== undefined ? ` ${extra[1]}` : '';
      const why = bare ? `; an option begins with '--': write ${bare}${value}` : flag ? `; ${flag.long} takes no value` : "; an option's value follows its name (--name value)";
      message = `error: ${this.name()} takes ${expected === 0 ? 'no arguments' : `${expected} argument${expected === 1 ? '' : 's'}`} besides its options, got ${extra.map((a) => `'${a}'`).join(', ')}${why}`;
    }
    return super.error(message, errorOptions);
  }

  /** bareOption among this command's long options. */
  private bareOption(word: string | undefined): string | undefined {
    return bareOption(word, this.options.map((o) => o.long).filter((l): l is string => l !== undefined));
  }

  /** The arguments the whole command line was parsed from. */
  private rootArgs(): string[] {
    let root: Command = this;
    while (root.parent) root = root.parent;
    return (root as unknown as { rawArgs?: string[] }).rawArgs ?? [];
  }

  /** ' (an option of predict, evaluate; not of train)' for a flag of other commands ('' for none): it said only "unknown option". */
  private elsewhere(flag: string): string {
    let root: Command = this;
    while (root.parent) root = root.parent;
    const long = /^-[A-Za-z][\w-]+$/.test(flag) ? `-${flag}` : flag; // (-lr: --lr)
    const owners = root.commands.filter((c) => c !== this && c.options.some((o) => o.long === long)).map((c) => c.name());
    if (owners.length === 0) return '';
    // before the command ('backprop --epochs 3 train'), it was "unknown option '--epochs'" alone
    return this === root ? ` (an option of ${owners.join(', ')}: the command comes first, e.g. backprop ${owners.includes('train') ? 'train' : owners[0]} ${long} ...)` : ` (an option of ${owners.join(', ')}; not of ${this.name()})`;
  }

  /** The first argument that looks like a flag and is none of this command's or its parents' options. */
  private unknownFlag(): string | undefined {
    const known = new Set(['-h', '--help']);
    for (let c: Command | null = this; c; c = c.parent) for (const o of c.options) for (const f of [o.long, o.short, o.negate ? undefined : o.long?.replace(/^--/, '--no-')]) if (f) known.add(f);
    return this.args.find((a) => /^--?[A-Za-z]/.test(a) && !known.has(a.replace(/=.*$/, '')));
  }
}

/** Characters that look like a hyphen-minus, by name (a word processor or a chat turns -- into an en dash). */
const DASHES: Record<string, string> = {
  '\u2010': 'a hyphen (U+2010)', '\u2011': 'a non-breaking hyphen (U+2011)', '\u2012': 'a figure dash (U+2012)', '\u2013': 'an en dash (U+2013)',
  '\u2014': 'an em dash (U+2014)', '\u2015': 'a horizontal bar (U+2015)', '\u2212': 'a minus sign (U+2212)', '\uFE58': 'a small em dash (U+FE58)',
  '\uFE63': 'a small hyphen-minus (U+FE63)', '\uFF0D': 'a full-width hyphen-minus (U+FF0D)',
};

/**
 * An option written with a dash that only looks like '-' ('–lr', pasted from a document): it was taken
 * as a stray argument ("train takes no arguments besides its options, got '–lr', '0.1'") or a command
 * ("unknown command '–version'"), which did not say why. Named here, with the option as it should be.
 */
function refuseLookAlikeDashes(args: readonly string[]): void {
  for (const a of args) {
    const m = /^([-\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]+)([A-Za-z][\w-]*)/.exec(a);
    if (!m || /^-+$/.test(m[1]!)) continue;
    const odd = [...m[1]!].find((c) => c !== '-')!;
    const meant = `${m[2]!.length === 1 ? '-' : '--'}${m[2]}`;
    throw new OptionError(`'${a.length > 40 ? `${a.slice(0, 40)}…` : a}' begins with ${DASHES[odd]}, not the hyphen-minus of an option: write ${meant}`);
  }
}

/**
 * A help request for a command that is none of ours ('help trian', 'trian --help'): the whole help was
 * printed (on stderr with exit 2, or on stdout with exit 0), and the misspelling was never said. The
 * arguments to parse instead: the name alone, which commander answers with "unknown command 'trian'
 * (Did you mean train?)", exit 2.
 */
function unknownHelpTopic(program: Command, args: string[]): string[] | undefined {
  if (args[0] === 'help' && args[1] === 'help') return ['help', ...args.slice(2)]; // the help of help: the help (it was printed as an error, exit 2)
  const topic = args[0] === 'help' ? args[1] : args.some((a) => a === '--help' || a === '-h') ? args.find((a) => !a.startsWith('-')) : undefined;
  if (topic === undefined || topic === 'help' || program.commands.some((c) => c.name() === topic || c.aliases().includes(topic))) return undefined;
  return [topic];
}

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const args = argv.filter((a) => a !== '--debug');
  reportErrorsAsJson(args);
  holdWarnings();
  installStopRule(); // Ctrl-C and kill, for every command: one line, what was written, exit 128 + n
  let backend: string, threadsArg: string | undefined;
  try {
    refuseLookAlikeDashes(args);
    backend = chosenBackend(args);
    threadsArg = takeGlobal(args, '--threads');
  } catch (e) {
    return reportError(e, debug);
  }
  const program = new BackpropCommand();
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
      refuseOptionsAsValues(command, args);
      refuseEmptyValues(command);
      refuseStdinInputs(command);
      refuseUnexpandedTilde(command);
      checkRepeated(command, args);
      unsetUntypedDataOptions(command);
      commandStarting(command);
    });
  registerCommands(program);
  try {
    let threads: number | undefined;
    if (threadsArg !== undefined) {
      threads = parseIntOption(threadsArg, '--threads', 1, 1024); // decimal only: Number() took '0x4' and ' '
    }
    const wanted = backend as BackendChoice;
    const got = await initBackend(wanted, { threads });
    if (wanted !== 'auto' && got !== wanted) printWarning(`backend ${wanted} is not available here; using ${got}`);
    else if (threads !== undefined && got !== 'wasm-threads') printWarning(`--threads ignored: the ${got} backend runs on one thread (wasm-threads uses --threads)`);
    if (args.length === 0) {
      await runDemo({});
      releaseWarnings();
      return 0;
    }
    await program.parseAsync(unknownHelpTopic(program, args) ?? args, { from: 'user' });
    releaseWarnings();
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version exit 0; usage mistakes were already printed by commander
      if (e.exitCode === 0) releaseWarnings();
      return e.exitCode === 0 ? 0 : 2;
    }
    return reportError(e, debug);
  }
}
