// The `backprop train` command line that trains a study's best configuration as `tune --save` does:
// the data and fixed training flags the user typed to tune, each searched flag at the best's value
// (as the user wrote that choice), tune's own options left out.

import type { Command } from 'commander';
import type { Schedule } from '../optim/schedules.js';
import type { Params, ParamValue } from '../tune/space.js';
import { canonical, formatValue } from '../tune/space.js';
import { parseOne, SEARCH_FLAGS } from './search-flags.js';

/** tune's options that train has not (or, as --validation-split, uses for another thing: early stopping). */
const TUNE_ONLY = new Set(['space', 'trials', 'sampler', 'pruner', 'cv', 'objective', 'workers', 'timeout', 'study', 'storage', 'studyName',
  'heartbeat', 'retries', 'reconnect', 'report', 'save', 'plot', 'results', 'json', 'validationSplit']);

/** A word for a POSIX shell: as it is when plain, else in single quotes. */
export const shellWord = (s: string) => (/^[\w.,:/=+@%-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);

/** TrainSpec field -> the search flag's key (learningRate -> lr). */
const KEY_OF_FIELD = new Map(Object.entries(SEARCH_FLAGS).map(([key, f]) => [f.field, key]));

/** The flag that searches a field, e.g. --lr for learningRate (the field itself when none does). */
export const flagOfField = (field: string) => SEARCH_FLAGS[KEY_OF_FIELD.get(field) ?? '']?.flag ?? (field === 'cv' ? '--cv' : field === 'bestSeeds' ? '--best-seeds' : field);

/** A learning-rate schedule as --lr-decay takes it (parseDecay's inverse); a constant rate is no flag. */
function decayText(s: Schedule): string | undefined {
  if (s.type === 'exponential') return `exp:${s.rate}`;
  if (s.type === 'step') return `step:${s.dropRate}:${s.every}`;
  if (s.type === 'inverseTime') return `inv:${s.decayRate}${s.every === undefined ? '' : `:${s.every}`}`;
  return undefined;
}

/**
 * A best value as its flag takes it: the text of the choice the user typed that gives it, else the
 * value written out (a schedule from a --space file as exp:0.9, not 'exponential:0.9'); undefined: no flag.
 */
function valueText(key: string, value: ParamValue, typed: unknown): string | undefined {
  if (typeof typed === 'string' && typed.includes('|')) {
    const part = typed.split('|').map((p) => p.trim()).find((p) => canonical(parseOne(key, p)) === canonical(value));
    if (part !== undefined) return part;
  }
  if (typeof value === 'number') return String(value); // every digit: the model train makes is the one --save saved
  if (key === 'lrDecay' && value !== null && typeof value === 'object' && !Array.isArray(value)) return decayText(value as Schedule);
  return formatValue(value);
}

/** `backprop train ...` for the best parameters of a study run by this tune command. */
export function bestTrainCommand(cmd: Command, o: Record<string, unknown>, best: Params): string {
  const words = ['backprop', 'train'];
  // a flag train has not is tune's own, whether or not TUNE_ONLY lists it (--best-seeds was passed on to train)
  const train = cmd.parent?.commands.find((c) => c.name() === 'train');
  const trainTakes = (long: string) => !train || train.options.some((t) => t.long === long);
  for (const option of cmd.options) {
    const key = option.attributeName(), value = o[key];
    if (TUNE_ONLY.has(key) || cmd.getOptionValueSource(key) !== 'cli' || !option.long || !trainTakes(option.long)) continue;
    if (SEARCH_FLAGS[key] && best[SEARCH_FLAGS[key].field] !== undefined) continue; // below, at the best's value
    if (typeof value === 'boolean') {
      if (option.negate === !value) words.push(option.long); // --header or --no-header, once
    } else if (value !== undefined) words.push(option.long, shellWord(String(value)));
  }
  for (const [field, value] of Object.entries(best)) {
    const key = KEY_OF_FIELD.get(field);
    const text = key && valueText(key, value, o[key]);
    if (text !== undefined) words.push(SEARCH_FLAGS[key!]!.flag, shellWord(text));
  }
  return words.join(' ');
}
