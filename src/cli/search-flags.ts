// `backprop tune`'s search flags: a training flag given one value is fixed, several values
// (a|b|c) are a choice, lo..hi is a range (log-scaled by default for --lr, --l1 and --l2; write
// log:lo..hi or lin:lo..hi to choose). Every single value goes through the flag's own parser.

import { readFileSync } from 'node:fs';
import { ACTIVATION_NAMES } from '../nn/activations.js';
import { INIT_NAMES } from '../nn/initializers.js';
import { OptionError } from '../errors.js';
import { parseChoice, parseIntOption, parseNumberOption } from './options.js';
import { isDimension, type Dimension, type ParamValue } from '../tune/space.js';

const OPTIMIZERS = ['gd', 'sgd', 'minibatch', 'momentum', 'rmsprop', 'adam'] as const;

function parseLayers(s: string): number[] {
  if (s.trim().toLowerCase() === 'none' || s.trim() === '') return [];
  return s.split(',').map((part) => {
    const v = Number(part.trim());
    if (!Number.isInteger(v) || v < 1) throw new OptionError(`--layers must be 'none' or whole numbers >= 1 separated by commas, e.g. 20,7,5; got '${s}'`);
    return v;
  });
}

function parseKeep(s: string): number {
  const keep = parseNumberOption(s, '--dropout', { max: 1 });
  if (!(keep > 0)) throw new OptionError(`--dropout is the probability of keeping a unit, in (0, 1], got '${s}'`);
  return keep;
}

interface SearchFlag { flag: string; key: string; parse: (s: string) => ParamValue; range?: 'int' | 'float'; log?: boolean }

/** The training flags that may be search dimensions: commander's key, the TrainSpec field, and the single-value parser. */
export const SEARCH_FLAGS: Record<string, SearchFlag> = {
  layers: { flag: '--layers', key: 'layers', parse: parseLayers },
  activation: { flag: '--activation', key: 'activation', parse: (s) => parseChoice(s, '--activation', ACTIVATION_NAMES.filter((a) => a !== 'softmax')) },
  optimizer: { flag: '--optimizer', key: 'optimizer', parse: (s) => parseChoice(s, '--optimizer', OPTIMIZERS) },
  init: { flag: '--init', key: 'init', parse: (s) => parseChoice(s, '--init', INIT_NAMES) },
  lr: { flag: '--lr', key: 'learningRate', parse: (s) => parseNumberOption(s, '--lr', { positive: true }), range: 'float', log: true },
  batchSize: { flag: '--batch-size', key: 'batchSize', parse: (s) => parseIntOption(s, '--batch-size', 1), range: 'int' },
  epochs: { flag: '--epochs', key: 'epochs', parse: (s) => parseIntOption(s, '--epochs', 1), range: 'int' },
  l1: { flag: '--l1', key: 'l1', parse: (s) => parseNumberOption(s, '--l1', { min: 0 }), range: 'float', log: true },
  l2: { flag: '--l2', key: 'l2', parse: (s) => parseNumberOption(s, '--l2', { min: 0 }), range: 'float', log: true },
  dropout: { flag: '--dropout', key: 'keepProb', parse: parseKeep, range: 'float' },
};


/** A flag's text as a fixed value or a dimension. */
export function parseSearchValue(f: SearchFlag, raw: string): ParamValue | Dimension {
  const text = raw.trim();
  if (text.includes('|')) {
    const parts = text.split('|').map((p) => p.trim());
    if (parts.some((p) => p === '')) throw new OptionError(`${f.flag}: '${raw}' has an empty choice; write values separated by |, e.g. 16|32,16`);
    return { dimension: 'choice', choices: parts.map((p) => f.parse(p)) };
  }
  if (text.includes('..')) {
    if (!f.range) throw new OptionError(`${f.flag} takes no range; list its values instead, e.g. ${f.flag} a|b`);
    const scale = /^(log|lin):/i.exec(text)?.[1]?.toLowerCase();
    const ends = text.slice(scale ? 4 : 0).split('..').map((v) => v.trim());
    if (ends.length !== 2 || ends.some((v) => v === '' || !Number.isFinite(Number(v)))) {
      throw new OptionError(`${f.flag}: '${raw}' is neither a value, a list (a|b|c) nor a range (lo..hi) of numbers`);
    }
    const [low, high] = ends.map((v) => f.parse(v) as number);
    return { dimension: f.range, low: low!, high: high!, log: scale ? scale === 'log' : f.log === true };
  }
  return f.parse(text);
}

/** The search flags typed on the command line (commander's values), as spec fields: fixed values or dimensions. */
export function searchSpecOf(opts: Record<string, unknown>, typed: (key: string) => boolean): Record<string, ParamValue | Dimension> {
  const spec: Record<string, ParamValue | Dimension> = {};
  for (const [key, f] of Object.entries(SEARCH_FLAGS)) {
    if (opts[key] !== undefined && typed(key)) spec[f.key] = parseSearchValue(f, String(opts[key]));
  }
  return spec;
}

/**
 * A --space file: a JSON object of flag names (lr, batch-size, ...) to the same text as on the
 * command line ("1e-4..1e-1", "16|32"), a list of values, or a dimension object
 * ({"dimension": "float", "low": 1e-4, "high": 0.1, "log": true}).
 */
export function readSpaceFile(file: string): Record<string, ParamValue | Dimension> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new OptionError(`--space ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not valid JSON (${(e as Error).message})`}`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new OptionError(`--space ${file}: expected a JSON object of flags to values, lists or ranges`);
  const spec: Record<string, ParamValue | Dimension> = {};
  for (const [name, v] of Object.entries(json as Record<string, unknown>)) {
    const key = name.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const f = SEARCH_FLAGS[key] ?? Object.values(SEARCH_FLAGS).find((s) => s.key === key);
    if (!f) throw new OptionError(`--space ${file}: '${name}' is not a flag tune can search; use ${Object.values(SEARCH_FLAGS).map((s) => s.flag.slice(2)).join(', ')}`);
    if (isDimension(v)) spec[f.key] = v;
    else if (Array.isArray(v) && v.length > 0 && !(f.key === 'layers' && v.every((x) => typeof x === 'number'))) spec[f.key] = { dimension: 'choice', choices: v.map((x) => f.parse(Array.isArray(x) ? (x.length ? x.join(',') : 'none') : String(x))) };
    else spec[f.key] = parseSearchValue(f, Array.isArray(v) ? v.join(',') : String(v));
  }
  return spec;
}
