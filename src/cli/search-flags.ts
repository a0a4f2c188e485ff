// `backprop tune`'s search flags: a training flag given one value is fixed, several values
// (a|b|c) are a choice, lo..hi is a range (log-scaled by default for --lr, --l1 and --l2; write
// log:lo..hi or lin:lo..hi to choose). Every single value goes through train's own parser
// (parseTrainSpec), so a value means and is checked exactly as in `backprop train`.

import { DataError, OptionError } from '../errors.js';
import { readFileBounded } from '../data/files.js';
import { parseJsonBytes } from '../util/json-text.js';
import { showPath } from '../io/path-text.js';
import { parseTrainSpec, type TrainFlags } from './train-options.js';
import { decimalRangeProblem } from './options.js';
import { isDimension, type Dimension, type ParamValue } from '../tune/space.js';

interface SearchFlag { flag: string; field: string; range?: 'int' | 'float'; log?: boolean }

/** The training flags that may be search dimensions: commander's key -> the flag, the TrainSpec field, and whether it takes ranges. */
export const SEARCH_FLAGS: Record<string, SearchFlag> = {
  layers: { flag: '--layers', field: 'layers' },
  activation: { flag: '--activation', field: 'activation' },
  output: { flag: '--output', field: 'output' },
  loss: { flag: '--loss', field: 'loss' },
  init: { flag: '--init', field: 'init' },
  optimizer: { flag: '--optimizer', field: 'optimizer' },
  lrDecay: { flag: '--lr-decay', field: 'schedule' },
  lr: { flag: '--lr', field: 'learningRate', range: 'float', log: true },
  batchSize: { flag: '--batch-size', field: 'batchSize', range: 'int' },
  epochs: { flag: '--epochs', field: 'epochs', range: 'int' },
  l1: { flag: '--l1', field: 'l1', range: 'float', log: true },
  l2: { flag: '--l2', field: 'l2', range: 'float', log: true },
  dropout: { flag: '--dropout', field: 'keepProb', range: 'float' },
};

/** One value of a flag, parsed as train parses it. */
export function parseOne(key: string, text: string): ParamValue {
  return (parseTrainSpec({ [key]: text } as TrainFlags) as Record<string, unknown>)[SEARCH_FLAGS[key]!.field] as ParamValue;
}

/** Is this flag text a dimension (a list or a range) rather than one value? */
export const isSearch = (text: string) => text.includes('|') || text.includes('..');

/** A flag's text as a dimension: a|b|c, or [log:|lin:]lo..hi. */
export function parseDimension(key: string, raw: string): Dimension {
  const f = SEARCH_FLAGS[key]!, text = raw.trim();
  if (text.includes('|')) {
    const parts = text.split('|').map((p) => p.trim());
    if (parts.some((p) => p === '')) throw new OptionError(`${f.flag}: '${raw}' has an empty choice; write values separated by |, e.g. 16|32,16`);
    return { dimension: 'choice', choices: parts.map((p) => parseOne(key, p)) };
  }
  if (!f.range) throw new OptionError(`${f.flag} takes no range; list its values instead, e.g. ${f.flag} a|b`);
  const scale = /^(log|lin):/i.exec(text)?.[1]?.toLowerCase();
  const ends = text.slice(scale ? 4 : 0).split('..').map((v) => v.trim());
  // an end too large for a number ('1e400' reads as Infinity) is said so, not as no range at all
  const huge = ends.length === 2 ? ends.find((v) => /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(v) && !Number.isFinite(Number(v))) : undefined;
  if (huge !== undefined) throw new OptionError(`${f.flag}: the range '${raw}' has an end too large for a number ('${huge}'); give finite ends, lo < hi`);
  if (ends.length !== 2 || ends.some((v) => v === '' || !Number.isFinite(Number(v)))) {
    throw new OptionError(`${f.flag}: '${raw}' is neither a value, a list (a|b|c) nor a range (lo..hi) of numbers`);
  }
  const [low, high] = ends.map((v) => parseOne(key, v) as number);
  return { dimension: f.range, low: low!, high: high!, log: scale ? scale === 'log' : f.log === true };
}

/**
 * A flag typed on the command line and given in the --space file too: the file's value was searched
 * and the flag's dropped, silently (--lr 0.01 --space {"lr": "0.1|0.2"} searched 0.1 and 0.2).
 */
export function refuseGivenTwice(space: Record<string, Dimension>, file: string, typed: (key: string) => boolean): void {
  for (const [key, f] of Object.entries(SEARCH_FLAGS)) {
    if (space[f.field] && typed(key)) throw new OptionError(`${f.flag} is given on the command line and in --space ${showPath(file)}; give it in one place`);
  }
}

/** The flags split: those with one value (for parseTrainSpec) and the dimensions, by TrainSpec field. */
export function splitSearchFlags(flags: Record<string, unknown>): { single: TrainFlags; dimensions: Record<string, Dimension> } {
  const single: Record<string, unknown> = { ...flags }, dimensions: Record<string, Dimension> = {};
  for (const key of Object.keys(SEARCH_FLAGS)) {
    const v = flags[key];
    if (typeof v === 'string' && isSearch(v)) {
      dimensions[SEARCH_FLAGS[key]!.field] = parseDimension(key, v);
      delete single[key];
    }
  }
  return { single: single as TrainFlags, dimensions };
}

/**
 * A number written in the file that JSON reads as 0 or Infinity (1e-400, 1e400), refused as the same
 * flag refuses it: {"l2": [1e-400, 0.01]} searched an L2 of 0, silently.
 */
function refuseLostNumbers(text: string, file: string): void {
  for (const m of text.matchAll(/(?<![\w.])-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?(?![\w.])/gi)) {
    const problem = decimalRangeProblem(m[0], Number(m[0]));
    if (problem) throw new OptionError(`--space ${showPath(file)}: '${m[0]}' ${problem}`);
  }
}

/**
 * A --space file: a JSON object of flag names (lr, batch-size, ...) to the same text as on the
 * command line ("1e-4..1e-1", "16|32"), a list of values, or a dimension object
 * ({"dimension": "float", "low": 1e-4, "high": 0.1, "log": true}).
 */
export function readSpaceFile(file: string): Record<string, Dimension> {
  let bytes: Uint8Array;
  try {
    bytes = readFileBounded(file); // never a folder, device or FIFO; within the input limit
  } catch (e) {
    throw e instanceof DataError ? new OptionError(`--space: ${e.message}`) : e;
  }
  const json = parseJsonBytes(bytes, (msg) => { throw new OptionError(`--space ${showPath(file)}: ${msg}`); });
  refuseLostNumbers(new TextDecoder().decode(bytes), file);
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new OptionError(`--space ${file}: expected a JSON object of flags to values, lists or ranges`);
  const space: Record<string, Dimension> = {};
  const named = new Set<string>(); // the fields the file's keys gave
  for (const [name, v] of Object.entries(json as Record<string, unknown>)) {
    const camel = name.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const key = SEARCH_FLAGS[camel] ? camel : Object.keys(SEARCH_FLAGS).find((k) => SEARCH_FLAGS[k]!.field === camel);
    if (!key) throw new OptionError(`--space ${file}: '${name}' is not a flag tune can search; use ${Object.values(SEARCH_FLAGS).map((s) => s.flag.slice(2)).join(', ')}`);
    const field = SEARCH_FLAGS[key]!.field;
    // "lr" and "learningRate" (or "--lr"): the last was searched, silently
    // (the keys are not quoted: the command line's messages put flags for field names)
    if (named.has(field)) throw new OptionError(`--space ${file}: two keys name ${SEARCH_FLAGS[key]!.flag}; give it once`);
    named.add(field);
    if (Array.isArray(v) && v.length === 0) throw new OptionError(`--space ${file}: '${name}' is an empty list; give at least one value`);
    if (v === null || (typeof v === 'object' && !Array.isArray(v) && !isDimension(v))) {
      // {"optimizer": {"momentum": {"beta": "0.8..0.99"}}}: a space per value, which tune does not search
      const conditional = v !== null && Object.values(v).some((x) => typeof x === 'object' && x !== null) ? '; tune has no conditional search spaces (a parameter searched only with some values of another): every key of the file is searched in every trial (docs/tuning.md)' : '';
      throw new OptionError(`--space ${file}: '${name}' must be a value, a list, "lo..hi", "a|b" or {"dimension": "float"|"int"|"choice", ...}, got ${JSON.stringify(v).slice(0, 60)}${conditional}`);
    }
    // the text of a choice is read as the flag reads it, as in a list ("exp:0.9" for --lr-decay, "4,4" for --layers:
    // refused as "unknown learning-rate schedule 'undefined'" and "layers must be an array"); other values are the library's
    if (isDimension(v)) space[field] = v.dimension === 'choice' && Array.isArray(v.choices) ? { ...v, choices: v.choices.map((x) => (typeof x === 'string' ? parseOne(key, x) : x)) } : v;
    else if (Array.isArray(v) && v.length > 0 && !(field === 'layers' && v.every((x) => typeof x === 'number'))) {
      space[field] = { dimension: 'choice', choices: v.map((x) => parseOne(key, Array.isArray(x) ? (x.length ? x.join(',') : 'none') : String(x))) };
    } else {
      const text = Array.isArray(v) ? v.join(',') : String(v);
      space[field] = isSearch(text) ? parseDimension(key, text) : { dimension: 'choice', choices: [parseOne(key, text)] };
    }
  }
  return space;
}
