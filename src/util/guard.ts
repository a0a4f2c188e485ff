// The library's exported functions check the kind of each argument on entry, in one place: given
// undefined, a string for a Matrix or a plain array for a Network, they failed deep inside with a
// TypeError ("Cannot read properties of undefined (reading 'length')"); now an OptionError names the
// function, the argument and what it must be. Internal calls go to the functions themselves.

import { OptionError } from '../errors.js';
import { Matrix } from '../tensor/matrix.js';
import { Network } from '../nn/network.js';
import { kindOf, kindOfFor, pathKindOf } from './kind-of.js';
import { unknownKeyProblem } from './known-keys.js';
import { DATASET_FIELDS } from '../data/synthetic.js';

const isList = (v: unknown) => Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
const isPlain = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Each kind an argument may be: how it is checked, and how a message says it. */
const KINDS = {
  matrix: [(v: unknown) => v instanceof Matrix, 'a Matrix'],
  network: [(v: unknown) => v instanceof Network, 'a Network'],
  labels: [(v: unknown) => v instanceof Matrix || isList(v), 'labels: a Matrix, an array or a typed array of numbers'],
  numbers: [isList, 'an array or a typed array of numbers'],
  // the metrics read labels as a list: a Matrix (fit's Y) said 'true labels (undefined) ... differ in length'
  classIndices: [isList, 'an array or a typed array of class indices (for a Matrix Y or one-hot columns: labelsOf(Y))'],
  values: [isList, 'an array or a typed array of numbers (for a Matrix Y: Y.data, with outputs = Y.rows)'],
  array: [Array.isArray, 'an array'],
  object: [isPlain, 'an object'],
  dataset: [(v: unknown) => isPlain(v) && (v as { X?: unknown }).X instanceof Matrix, 'a Dataset ({ X, Y, task, ... }, e.g. from loadDataset(...).dataset or synthetic(...))'],
  string: [(v: unknown) => typeof v === 'string', 'a string'],
  // a file or folder to read or write: '' was 'file not found: ' (nothing after the colon), or made no folder at all
  path: [(v: unknown) => typeof v === 'string' && v !== '', 'a file name (a non-empty string)'],
  number: [(v: unknown) => typeof v === 'number', 'a number'],
  function: [(v: unknown) => typeof v === 'function', 'a function'],
  text: [(v: unknown) => typeof v === 'string' || v instanceof Uint8Array, 'a string or bytes (a Uint8Array or Buffer)'],
  history: [(v: unknown) => isPlain(v) && Array.isArray((v as { epoch?: unknown }).epoch) && Array.isArray((v as { cost?: unknown }).cost), "a training History ({ epoch, cost, ... }, from fit or trainModel's history)"],
  study: [(v: unknown) => isPlain(v) && isPlain((v as { summary?: unknown }).summary) && Array.isArray((v as { trials?: unknown }).trials), 'a StudyResult (from tune)'],
  files: [(v: unknown) => Array.isArray(v) && Array.from(v).every((f) => isPlain(f) && typeof f.file === 'string' && (typeof f.content === 'string' || f.content instanceof Uint8Array)), 'an array of { file, content } (content a string or bytes)'],
} as const;

export type ArgKind = keyof typeof KINDS;

/** The first argument of the wrong kind, as a message; `params` are 'name: kind' or 'name?: kind' (optional: undefined allowed). */
function argumentProblem(fn: string, params: readonly string[], args: readonly unknown[]): string | undefined {
  for (const [i, param] of params.entries()) {
    const [, name, optional, kind] = /^(\w+)(\??): (\w+)$/.exec(param)!;
    const v = args[i];
    if (v === undefined && optional) continue;
    const [ok, what] = KINDS[kind as ArgKind];
    if (!ok(v)) return `${fn}: ${name} must be ${what}, got ${kind === 'path' ? pathKindOf(v) : kind === 'network' ? kindOfFor(v, 'Network') : kindOf(v)}`;
    // a Dataset built by hand with a misspelt field ({ clases }) was read without it
    const unknown = kind === 'dataset' ? unknownKeyProblem(v as object, DATASET_FIELDS, `${fn}: ${name}`, 'field') : undefined;
    if (unknown) return unknown;
  }
  return undefined;
}

/**
 * `f` with its arguments checked by kind first: a wrong one is an OptionError (an async function's
 * a rejected promise). The same function type, so the exported declaration is unchanged.
 */
// biome-ignore lint/suspicious/noExplicitAny: any function's parameters
export function guarded<F extends (...args: any[]) => unknown>(fn: string, params: readonly string[], f: F): F {
  for (const p of params) if (!/^\w+\??: (\w+)$/.test(p) || !(p.split(': ')[1]! in KINDS)) throw new Error(`guarded ${fn}: bad parameter spec '${p}'`);
  const async = f.constructor.name === 'AsyncFunction';
  const wrapped = function (this: unknown, ...args: unknown[]) {
    const problem = argumentProblem(fn, params, args);
    if (problem) {
      if (async) return Promise.reject(new OptionError(problem));
      throw new OptionError(problem);
    }
    return f.apply(this, args);
  };
  Object.defineProperty(wrapped, 'name', { value: f.name });
  return wrapped as unknown as F;
}
