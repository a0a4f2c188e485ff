// Parsing and checking option values; every error names the option and what was expected.

import { accessSync, constants, existsSync, lstatSync, statSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { OptionError, OutputError } from '../errors.js';
import { notOneOf } from '../util/known-keys.js';
import { showPath } from '../io/path-text.js';
import { kindOfEntry, noFolderText, resolveWriteTarget, sameFile } from '../io/write-file.js';
import { checkModelFileTarget } from '../io/model-file.js';
import { claimOutput } from '../io/output-claim.js';
import type { Command, Option } from 'commander';
import { printWarning } from './errors.js';

/**
 * No option or argument typed as an empty (or blank) string: an unset shell variable (--data "$F")
 * would otherwise be read as the current folder, a file named '', or, for --host, every address.
 */
export function refuseEmptyValues(cmd: Command): void {
  for (const option of cmd.options) {
    const key = option.attributeName();
    const value: unknown = cmd.getOptionValue(key);
    if (cmd.getOptionValueSource(key) === 'cli' && typeof value === 'string' && value.trim() === '') {
      throw new OptionError(`${option.long ?? option.flags}: the value is empty; expected ${option.flags}`);
    }
  }
  cmd.registeredArguments.forEach((arg, i) => {
    const value: unknown = cmd.args[i];
    if (typeof value === 'string' && value.trim() === '') throw new OptionError(`the argument <${arg.name()}> is empty; expected ${cmd.name()} <${arg.name()}>`);
  });
}

/**
 * An option typed twice: with two values the last one wins, as in most commands, and a warning says
 * which (a pasted `--epochs 5` after an `--epochs 500` was used silently); a switch and its negation
 * (--header --no-header) contradict each other and are refused.
 */
export function checkRepeated(cmd: Command, args: readonly string[]): void {
  const end = args.indexOf('--');
  const typed = end < 0 ? args : args.slice(0, end);
  for (const option of cmd.options) {
    const long = option.long;
    if (!long) continue;
    const takesValue = option.required || option.optional;
    const values = typed.flatMap((a, i) => (a === long ? [takesValue ? typed[i + 1] ?? '' : ''] : a.startsWith(`${long}=`) ? [a.slice(long.length + 1)] : []));
    const opposite = cmd.options.find((o) => o !== option && o.attributeName() === option.attributeName() && o.negate !== option.negate);
    if (option.negate && opposite?.long && values.length > 0 && typed.includes(opposite.long)) {
      throw new OptionError(`${opposite.long} and ${long} contradict each other: give one of them`);
    }
    warnRepeated(long, values);
  }
}

/**
 * An option whose value, typed after it, looks like an option ('--out --proba', '--study --json'): the
 * value was left out, and the next option was taken in its place (a file named '--proba' was written,
 * and --proba never applied; a study journal named '--json'). Refused, naming both; a value that
 * really begins with '--' is typed joined to its option (--out=--x).
 */
export function refuseOptionsAsValues(cmd: Command, args: readonly string[]): void {
  const problem = optionAsValue(cmd, args);
  if (problem) throw new OptionError(problem);
}

/** What refuseOptionsAsValues says of the first such option, else undefined. */
export function optionAsValue(cmd: Command, args: readonly string[]): string | undefined {
  const end = args.indexOf('--');
  const typed = end < 0 ? args : args.slice(0, end);
  for (const option of cmd.options) {
    const long = option.long;
    if (!long || !option.required) continue; // (an optional value is never taken from the next option)
    const i = typed.findIndex((a, k) => (a === long || a === option.short) && /^--[A-Za-z]/.test(typed[k + 1] ?? ''));
    if (i < 0) continue;
    const value = typed[i + 1]!;
    const known = optionNames(cmd).has(value.replace(/=.*$/, ''));
    return `${long} needs a value, got '${value}', ${known ? `the option ${value.replace(/=.*$/, '')}` : 'which looks like an option'}: give ${long} its value before the next option (a value that begins with '--' is written ${long}=${value})`;
  }
  return undefined;
}

/**
 * What to say when options were typed after '--', which ends the options: everything after it is an
 * argument ('train --data x -- --epochs 3' said "train takes no arguments ... got '--epochs', '3'",
 * 'predict --model m.json -- --data d.csv' that 'd.csv' was given without an option name, and
 * 'import -- x.onnx --out y.json' the same of x.onnx); undefined when no option name follows '--'.
 */
export function optionsAfterEnd(cmd: Command, args: readonly string[]): string | undefined {
  const end = args.indexOf('--');
  if (end < 0) return undefined;
  const names = optionNames(cmd);
  const after = args.slice(end + 1).filter((a) => names.has(a.replace(/=.*$/, '')));
  if (after.length === 0) return undefined;
  const listed = after.map((a) => `'${a}'`).join(', ');
  return `'--' ends the options: ${listed} after it ${after.length === 1 ? 'is' : 'are'} read as ${after.length === 1 ? 'an argument' : 'arguments'}, not as ${after.length === 1 ? 'an option' : 'options'}; put the options before '--', or leave '--' out`;
}

/**
 * What to say of a switch (an option without a value) typed with a value or as its opposite:
 * '--no-standardize' and '--standardize=false' were answered "Did you mean --standardize?", which
 * turns on what was meant off, and export's '--preprocessing' "Did you mean --no-preprocessing?".
 * Undefined for any other flag.
 */
export function switchMisuse(flag: string, options: readonly Option[]): string | undefined {
  const name = flag.replace(/=.*$/, '');
  const find = (long: string) => options.find((o) => o.long === long && !o.required && !o.optional);
  const own = find(name);
  if (own) {
    if (name === flag) return undefined;
    const pair = options.find((o) => o !== own && o.long && o.attributeName() === own.attributeName());
    return `${name} takes no value: ${pair ? `give ${name} or ${pair.long}` : `give ${name} alone, or leave it out`}`;
  }
  const negated = /^--no-(.+)$/.exec(name);
  if (negated && find(`--${negated[1]}`)?.negate === false) return `--${negated[1]} is off unless it is given: leave it out`;
  if (!negated && find(`--no-${name.slice(2)}`)?.negate) return `${name} is on unless --no-${name.slice(2)} is given: leave it out`;
  return undefined;
}

/** The long and short names of the command's options and its parents' (with --no- forms and --help). */
function optionNames(cmd: Command): Set<string> {
  const names = new Set(['-h', '--help']);
  for (let c: Command | null = cmd; c; c = c.parent) {
    for (const o of c.options) for (const f of [o.long, o.short, o.negate ? undefined : o.long?.replace(/^--/, '--no-')]) if (f) names.add(f);
  }
  return names;
}

/** The options (and arguments) that name a file the command reads. */
const INPUT_FILE_OPTIONS = ['--data', '--test', '--model', '--resume', '--space', '--labels'];
const INPUT_FILE_ARGUMENTS = ['file'];

/**
 * '-' as an input file: by the convention of command-line tools, standard input, which backprop does
 * not read (a data file is read in several passes). It was looked for as a file named '-' ("file not
 * found: ./-", "nor a built-in dataset"); now refused by name, saying what to do instead.
 */
export function refuseStdinInputs(cmd: Command): void {
  const why = "'-' (standard input) is not read: backprop reads its inputs from files; save it to a file and give that file's name (./- for a file named '-')";
  for (const option of cmd.options) {
    if (option.long && INPUT_FILE_OPTIONS.includes(option.long) && cmd.getOptionValue(option.attributeName()) === STDOUT) throw new OptionError(`${option.long} -: ${why}`);
  }
  cmd.registeredArguments.forEach((arg, i) => {
    if (INPUT_FILE_ARGUMENTS.includes(arg.name()) && cmd.args[i] === STDOUT) throw new OptionError(`the argument <${arg.name()}> -: ${why}`);
  });
}

/** The options that name a file or folder the command writes. */
const OUTPUT_FILE_OPTIONS = ['--out', '--save', '--plot', '--plot-boundary', '--plot-grad-norms', '--study'];

/**
 * A path that begins with '~' the shell left as it was (--save=~/m.json, or quoted): it named a folder
 * '~' in the current folder ("the folder ./~ does not exist", "file not found: ~/data.csv"). Refused,
 * saying why and the path meant, unless a file or folder of that name is there.
 */
export function refuseUnexpandedTilde(cmd: Command): void {
  for (const option of cmd.options) {
    if (!option.long || ![...INPUT_FILE_OPTIONS, ...OUTPUT_FILE_OPTIONS].includes(option.long)) continue;
    const value: unknown = cmd.getOptionValue(option.attributeName());
    // ~user/ too ('--out=~root/x.csv' was "the folder ./~root does not exist")
    const tilde = typeof value === 'string' ? /^~([A-Za-z_][\w.-]*)?(?=[/\\]|$)/.exec(value) : null;
    if (typeof value !== 'string' || !tilde || existsSync(tilde[0])) continue;
    if (tilde[1] !== undefined) throw new OptionError(`${option.long} ${showPath(value)}: '${tilde[0]}' was not expanded to the home folder of ${tilde[1]} (a shell expands it only at the start of a word and unquoted: ${option.long} ${tilde[0]}/name, not ${option.long}=${tilde[0]}/name); write the path in full`);
    const meant = path.join(homedir(), value.slice(2));
    throw new OptionError(`${option.long} ${showPath(value)}: '~' was not expanded to your home folder (a shell expands it only at the start of a word and unquoted: ${option.long} ~/name, not ${option.long}=~/name); write the path in full, e.g. ${showPath(meant)}`);
  }
}

/** An option given several different values: the last is used, and the warning says so. */
export function warnRepeated(flag: string, values: readonly string[]): void {
  const distinct = [...new Set(values)];
  if (distinct.length > 1) printWarning(`${flag} given ${values.length} times (${distinct.map((v) => `'${v}'`).join(', ')}): the last, '${values[values.length - 1]}', is used`);
}

/** An option that has an effect only with (or without) others: `applies` says whether it has one in this run. */
export interface OptionRule { key: string; applies: boolean; why: string }

/** The warning for each option typed on the command line that has no effect in this run (it was dropped, silently). */
export function withoutEffect(cmd: Command, rules: OptionRule[]): string[] {
  return rules.filter((rule) => !rule.applies && cmd.getOptionValueSource(rule.key) === 'cli').map((rule) => {
    const option = cmd.options.find((o) => o.attributeName() === rule.key);
    return `${option?.long ?? rule.key} ignored: ${rule.why}`;
  });
}

export function parseIntOption(value: string | undefined, name: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  // decimal digits, or a whole number in exponent notation ('1e6'): Number() alone would also take '0x10';
  // zero with a minus sign is zero ('-0' said "must be a whole number >= 0, got '-0'"), as in the number options
  const v = Number(value) + 0;
  if (value === undefined || !/^\s*(\+|-(?=0+(\.0+)?(e\+?\d+)?\s*$))?(\d+|\d+(\.\d+)?e\+?\d+)\s*$/i.test(value) || !Number.isInteger(v) || v < min) {
    throw new OptionError(`${name} must be a whole number >= ${min}, got '${value}'`);
  }
  if (v > max) throw new OptionError(`${name} must be <= ${max}, got '${value}'`);
  return v;
}

/** A decimal number as a user writes one ('0.5', '-2', '.5', '1e-3'): Number() alone would also take '0x10', '0b1' and ''. */
export const DECIMAL_NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;

/**
 * Why a decimal number as written has no value a double can hold, else undefined: '1e400' is
 * Infinity, and '1e-400' is 0 (--l2 1e-400 trained without any penalty, --test-split 1e-400 held
 * out nothing, without a word).
 */
export function decimalRangeProblem(value: string, v: number): string | undefined {
  if (!Number.isFinite(v)) return 'is beyond the largest number there is (about 1.8e308)';
  if (v === 0 && /[1-9]/.test(value.split(/e/i)[0]!)) return 'is too small to tell from 0 (below about 5e-324); write 0 if 0 is meant';
  return undefined;
}

export function parseNumberOption(value: string | undefined, name: string, opts: { positive?: boolean; min?: number; max?: number } = {}): number {
  const v = Number(value);
  if (value === undefined || !DECIMAL_NUMBER.test(value)) throw new OptionError(`${name} must be a number, got '${value}'`);
  const range = decimalRangeProblem(value, v);
  if (range) throw new OptionError(`${name} '${value.trim()}' ${range}`);
  if (opts.positive && !(v > 0)) throw new OptionError(`${name} must be a positive number, got '${value}'`);
  if (opts.min !== undefined && v < opts.min) throw new OptionError(`${name} must be >= ${opts.min}, got '${value}'`);
  if (opts.max !== undefined && v > opts.max) throw new OptionError(`${name} must be <= ${opts.max}, got '${value}'`);
  return v;
}

export function parseChoice<T extends string>(value: string | undefined, name: string, choices: readonly T[]): T {
  if (value === undefined || !choices.includes(value as T)) throw new OptionError(notOneOf(name, value, choices));
  return value as T;
}

/** '-' as an output file: standard output, by the convention of command-line tools. */
export const STDOUT = '-';

/**
 * Refuse '-' for an output that cannot go to standard output (`what` it writes, and why not): a
 * file named '-' was made (`export --format tfjs --out -` a folder, `tune --study -` a journal).
 */
export function refuseStdout(file: string | undefined, name: string, what: string): void {
  if (file === STDOUT) throw new OptionError(`${name} -: '-' (standard output) cannot take ${what}; give a file name (./- for a file named '-')`);
  if (isStandardOutput(file)) throw new OptionError(`${name} ${file}: standard output cannot take ${what}; give a file name`);
}

/** The names of standard output as a file (Linux, macOS): /dev/stdout, /dev/fd/1, /proc/self/fd/1. */
const STDOUT_FILES = ['/dev/stdout', '/dev/fd/1', '/proc/self/fd/1'];

/**
 * Whether an output is standard output: '-', or its name as a file. `--out /dev/stdout` was written
 * as a file: a pipe was refused as "a symbolic link to a file that does not exist", and a file the
 * shell redirected to was replaced by a rename, under the shell's feet. It is written as '-' is.
 */
export function isStandardOutput(file: string | undefined): boolean {
  return file === STDOUT || (file !== undefined && STDOUT_FILES.includes(path.posix.normalize(file)));
}

/**
 * Check before a long run that an output can be written: its folder exists and is writable; it is
 * a regular file, a symbolic link to one, or nothing yet (never a device, pipe, socket or folder;
 * with folder: true a folder, whose `files` are checked the same way); and neither it nor the
 * files written in it is one of the command's inputs, whatever path spells them (device + inode);
 * with model: true, an existing file that is no backprop model file is not replaced; '-' (standard
 * output) is refused, saying `what` the output is (a command that writes there handles '-' itself).
 * The outputs are then claimed for this run (io/output-claim.ts), unless `shared`.
 */
export function checkOutputPath(file: string | undefined, name: string, o: { inputs?: (string | undefined)[]; folder?: boolean; files?: string[]; model?: boolean; replace?: (file: string) => void; what?: string; shared?: boolean } = {}): void {
  if (file === undefined) return;
  refuseStdout(file, name, o.what ?? (o.folder ? 'a folder of files' : 'this file'));
  if (file.trim() === '') throw new OptionError(`${name}: give a file name, got ''`);
  const shown = showPath(file);
  const dir = path.dirname(path.resolve(file));
  if (!isFolder(dir)) throw new OptionError(`${name} ${shown}: ${noFolderText(dir)}`);
  const entry = lstatOrUndefined(file);
  const outputs = o.folder ? (o.files ?? []).map((f) => path.join(file, f)) : [file];
  if (o.folder) {
    if (entry && !isFolder(file)) throw new OptionError(`${name} ${shown}: is ${kindOfEntry(entry)}, not a folder`);
  } else if (entry && isFolder(file)) {
    throw new OptionError(`${name} ${shown}: is a folder, not a file`);
  }
  for (const out of o.folder && !entry ? [] : outputs) {
    try {
      resolveWriteTarget(out);
    } catch (e) {
      throw e instanceof OutputError ? new OptionError(`${name}: ${e.message}`) : e;
    }
  }
  try {
    accessSync(dir, constants.W_OK);
  } catch (e) {
    // only a refusal says so; a check that could not be made (Deno without --allow-sys cannot read the
    // user id it needs) is left to the write itself, which names its own cause
    if (['EACCES', 'EPERM', 'EROFS'].includes((e as { code?: string }).code ?? '')) {
      throw new OptionError(`${name} ${shown}: no permission to write in the folder ${showPath(dir)}`);
    }
  }
  for (const input of o.inputs ?? []) {
    const hit = input === undefined ? undefined : outputs.find((out) => sameFile(input, out));
    if (hit !== undefined) {
      const which = hit === file ? '' : ` (it would write ${showPath(hit)})`;
      throw new OptionError(`${name} ${shown}: that is an input of this command${which}; writing there would destroy it`);
    }
  }
  // model: true, a model file: never over a file of another kind (a package.json); `replace`: the
  // library's rule of what an output of its kind may replace (checkOnnxTarget, ...)
  const replace = o.replace ?? (o.model ? checkModelFileTarget : undefined);
  if (replace) {
    try {
      replace(file);
    } catch (e) {
      throw e instanceof OutputError ? new OptionError(`${name}: ${e.message}`) : e;
    }
  }
  warnHardLinks(name, outputs);
  // held until the command ends: a second run writing one of these files is refused now, not after its work
  // (shared: a file other runs write too, under a lock of its own, e.g. a study journal that several tunes append to)
  for (const out of o.folder && !entry || o.shared ? [] : outputs) {
    try {
      claimOutput(resolveWriteTarget(out), out);
    } catch (e) {
      throw e instanceof OutputError ? new OptionError(`${name}: ${e.message}`) : e;
    }
  }
}

/**
 * Two outputs of one command that name one file, whatever path spells it: the one written last replaced
 * the other, silently (`tune --save best.json --results best.json` said the model was saved, and left the
 * trials' table there). Refused, naming both options; `what` says what each writes ("chart", "output").
 */
export function refuseSharedOutputs(outputs: readonly (readonly [flag: string, file: string | undefined])[], what = 'output'): void {
  const given = outputs.filter((o): o is readonly [string, string] => o[1] !== undefined && !isStandardOutput(o[1]));
  given.forEach(([flag, file], i) => {
    const before = given.slice(0, i).find(([, other]) => path.resolve(other) === path.resolve(file) || sameFile(other, file));
    if (before) throw new OptionError(`${flag} ${showPath(file)}: ${before[0]} writes that file too; give each ${what} its own file`);
  });
}

/**
 * An output with other names (hard links): the atomic write puts a new file under this name, and the
 * other names keep the old content (a model saved over 'current.json', linked from 'best.json', left
 * best.json as it was without a word; cp writes through the link, and was what was expected).
 */
function warnHardLinks(name: string, outputs: readonly string[]): void {
  for (const out of outputs) {
    const links = statOrUndefined(out)?.nlink ?? 1;
    if (links > 1 && statOrUndefined(out)!.isFile()) printWarning(`${name} ${showPath(out)} has ${links - 1} other name${links > 2 ? 's' : ''} (hard links): it is replaced by a new file, and ${links > 2 ? 'they keep' : 'that name keeps'} the old content`);
  }
}

function statOrUndefined(p: string): Stats | undefined {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function lstatOrUndefined(p: string): Stats | undefined {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}
