// The search space of a study: which training-spec fields vary and how (a list of choices, or an
// integer or float range on a linear or log scale), checked once, with a stable fingerprint so a
// journal written for one space is not continued with another.

import { OptionError } from '../errors.js';
import { kindOf } from '../util/kind-of.js';
import { lossNamed } from '../nn/losses.js';

/** A value a choice may take: a number, a name, a flag, a list of layer sizes, a setting (e.g. a schedule), or null. */
export type ParamValue = number | string | boolean | null | number[] | { [key: string]: unknown };
export type Params = Record<string, ParamValue>;

export interface ChoiceDimension { dimension: 'choice'; choices: ParamValue[] }
export interface RangeDimension { dimension: 'int' | 'float'; low: number; high: number; log?: boolean }
export type Dimension = ChoiceDimension | RangeDimension;
export type SearchSpace = Record<string, Dimension>;

/** One of these values (e.g. choice([16], [32, 16]) for layers). */
export const choice = (...choices: ParamValue[]): ChoiceDimension => ({ dimension: 'choice', choices });
/** A float in [low, high]; log: sampled uniformly in log(x) (for learning rates, L2, ...). */
export const floatRange = (low: number, high: number, log = false): RangeDimension => ({ dimension: 'float', low, high, log });
/** A whole number in [low, high]; log: sampled uniformly in log(x). */
export const intRange = (low: number, high: number, log = false): RangeDimension => ({ dimension: 'int', low, high, log });

export function isDimension(v: unknown): v is Dimension {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && ['choice', 'int', 'float'].includes((v as { dimension?: string }).dimension as string);
}

/** Split a spec whose fields may be dimensions into its fixed part and its search space. */
export function splitSpec<T extends object>(spec: { [K in keyof T]?: T[K] | Dimension }): { fixed: Partial<T>; space: SearchSpace } {
  const fixed: Record<string, unknown> = {}, space: SearchSpace = {};
  for (const [k, v] of Object.entries(spec)) {
    if (isDimension(v)) space[k] = v;
    else if (looksLikeDimension(v)) throw new OptionError(unknownKindMessage(k, (v as { dimension: unknown }).dimension), k);
    else if (v !== undefined) {
      const inner = nestedDimension(v, k);
      if (inner) throw new OptionError(`${k}: a search dimension inside its value (${inner}) is not searched: ${CONDITIONAL}; search ${k} as a whole, e.g. ${k}: choice(value1, value2)`, k);
      fixed[k] = v;
    }
  }
  return { fixed: fixed as Partial<T>, space };
}

/** Why a dimension inside a value (a choice's, a fixed setting's) is refused. */
const CONDITIONAL = "tune has no conditional search spaces (a parameter searched only with some values of another, as Optuna's define-by-run): every dimension is a field of the spec, searched in every trial (docs/tuning.md)";

/**
 * Where a value holds a search dimension ('optimizer.beta' of { name: 'momentum', beta: floatRange(...) }),
 * or undefined: such a space was refused as "the choice momentum:[object Object] gives a value training refuses".
 */
function nestedDimension(v: unknown, path: string, depth = 0): string | undefined {
  // plain objects and arrays only: a Model or a typed array holds no dimension
  if (typeof v !== 'object' || v === null || depth > 16 || !(Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype)) return undefined;
  const entries = Array.isArray(v) ? v.map((x, i) => [`${path}[${i}]`, x] as const) : Object.entries(v).map(([k, x]) => [`${path}.${k}`, x] as const);
  for (const [at, x] of entries) {
    if (isDimension(x) || looksLikeDimension(x)) return at;
    const deeper = nestedDimension(x, at, depth + 1);
    if (deeper) return deeper;
  }
  return undefined;
}

/**
 * An object whose `dimension` is a name tune has not (e.g. { dimension: 'normal', mean, std }): it was
 * taken for a fixed value, and the study said "the search space is empty" or ran that object. (A
 * name: classWeight's { dimension: 2 } is the weight of a class named so.)
 */
const looksLikeDimension = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { dimension?: unknown }).dimension === 'string';

function unknownKindMessage(name: string, kind: unknown): string {
  const shown = typeof kind === 'string' ? `'${kind.slice(0, 40)}'` : JSON.stringify(kind) ?? String(kind);
  return `${name}: dimension ${shown} is not a kind tune searches; use 'choice' (choices), 'int' or 'float' (low, high, log): choice(...), intRange(lo, hi) or floatRange(lo, hi, log)`;
}

/** The fields each kind of dimension has: another (mean, std, step) was ignored, silently. */
const DIMENSION_FIELDS: Record<Dimension['dimension'], readonly string[]> = { choice: ['dimension', 'choices'], int: ['dimension', 'low', 'high', 'log'], float: ['dimension', 'low', 'high', 'log'] };

/** How an empty space's refusal begins (the command line says how to give one in flags). */
export const EMPTY_SPACE = 'the search space is empty';

/** Throw an OptionError naming the dimension when the space cannot be searched. */
export function checkSpace(space: SearchSpace): void {
  const names = Object.keys(space);
  if (names.length === 0) throw new OptionError(`${EMPTY_SPACE}: give at least one field of the spec a dimension, e.g. { learningRate: floatRange(1e-4, 0.1, true), layers: choice([32], [64, 32]) }`);
  for (const name of names) {
    const d = space[name]!;
    if (!isDimension(d)) throw new OptionError(unknownKindMessage(name, (d as { dimension?: unknown })?.dimension), name);
    const extra = Object.keys(d).find((k) => !DIMENSION_FIELDS[d.dimension].includes(k));
    if (extra) throw new OptionError(`${name}: a ${d.dimension} dimension has no field '${extra}'; its fields are ${DIMENSION_FIELDS[d.dimension].slice(1).join(', ')}`, name);
    if (d.dimension === 'choice') checkChoice(name, d);
    else checkRange(name, d);
  }
}

function checkChoice(name: string, d: ChoiceDimension): void {
  if (!Array.isArray(d.choices) || d.choices.length === 0) throw new OptionError(`${name}: a choice needs at least one value`, name);
  // a value twice (1e-3|0.001) is a search of fewer values than it says, with its trials run again
  const seen = new Map<string, string>(); // a value's key -> the value as given first
  // by index, an entry at a time: the hole of [[4], , [8]] (or an undefined) was a trial of the default, silently
  const missing = Array.from(d.choices).findIndex((c) => c === undefined);
  if (missing >= 0) throw new OptionError(`${name}: choice ${missing + 1} of ${d.choices.length} is undefined; give each value (null for none)`, name);
  for (const [i, c] of Array.from(d.choices).entries()) {
    const inner = nestedDimension(c, name);
    if (inner) throw new OptionError(`${name}: choice ${i + 1} holds a search dimension (${inner}): ${CONDITIONAL}; list whole values (e.g. choice({ type: 'exponential', rate: 0.9 }, { type: 'exponential', rate: 0.99 })), or run a study for each`, name);
    // a loss by its name and by its short name (mse, meanSquaredError) is one value
    const key = JSON.stringify(name === 'loss' ? lossNamed(c) ?? c : c), first = seen.get(key);
    if (first !== undefined) throw new OptionError(`${name}: the choice lists ${key} twice${first !== JSON.stringify(c) ? ` (${first} and ${JSON.stringify(c)} name the same loss)` : ''}; give each value once`, name);
    seen.set(key, JSON.stringify(c));
  }
}

/**
 * A range's low and high, each named when it is not a finite number ({ dimension: 'float', mean, std }
 * said "a range needs finite numbers, got undefined..undefined"); low must be below high: a range of
 * one value (--lr 1..1) is a fixed option, given as the value itself.
 */
function checkRange(name: string, d: RangeDimension): void {
  for (const end of ['low', 'high'] as const) {
    const v = d[end];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new OptionError(`${name}: the ${d.dimension} range's ${end} must be a finite number, got ${typeof v === 'number' ? v : kindOf(v)}`, name);
  }
  if (d.log !== undefined && typeof d.log !== 'boolean') throw new OptionError(`${name}: the ${d.dimension} range's log must be true or false, got ${kindOf(d.log)}`, name);
  if (d.low > d.high) throw new OptionError(`${name}: the range ${d.low}..${d.high} has lo > hi`, name);
  if (d.low === d.high) throw new OptionError(`${name}: the range ${d.low}..${d.high} is a single value; give lo < hi, or the value itself to keep it fixed`, name);
  if (d.log && !(d.low > 0)) throw new OptionError(`${name}: a log-scale range must stay above 0, got ${d.low}..${d.high} (use a linear range, e.g. ${name} lin:${d.low}..${d.high})`, name);
  if (d.dimension === 'int' && (!Number.isInteger(d.low) || !Number.isInteger(d.high))) throw new OptionError(`${name}: an integer range needs whole numbers, got ${d.low}..${d.high}`, name);
}

/**
 * A range's ends on its own scale (x or log x); an integer range is widened by half a step on each
 * side, so that after rounding both ends are as likely as the values inside.
 */
function scaleBounds(d: RangeDimension): [number, number] {
  const [lo, hi] = d.dimension === 'int' ? [d.low - 0.5, d.high + 0.5] : [d.low, d.high];
  return d.log ? [Math.log(lo), Math.log(hi)] : [lo, hi];
}

/** Map u in [0, 1] to a value of a range dimension (uniform in x, or in log x). */
export function fromUnit(d: RangeDimension, u: number): number {
  const [a, b] = scaleBounds(d);
  const x = a + (b - a) * u, v = d.log ? Math.exp(x) : x;
  return Math.min(d.high, Math.max(d.low, d.dimension === 'int' ? Math.round(v) : v));
}

/** The position of a range value in [0, 1] on its own scale (the inverse of fromUnit, for plots and TPE). */
export function toUnit(d: RangeDimension, v: number): number {
  const [a, b] = scaleBounds(d);
  const x = d.log ? Math.log(v) : v;
  return b === a ? 0.5 : Math.min(1, Math.max(0, (x - a) / (b - a)));
}

/** A canonical text of a value: keys sorted, so the same space always gives the same text. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v ?? null);
}

/** A short human-readable form of a parameter value: [32, 16] as 32,16. */
export function formatValue(v: ParamValue): string {
  if (Array.isArray(v)) return v.length === 0 ? 'none' : v.join(',');
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : Number(v.toPrecision(3)).toString();
  if (v && typeof v === 'object') return Object.values(v).join(':');
  return String(v);
}

/** Every combination of a space of choices, in a fixed order (the grid sampler shuffles it). */
export function gridOf(space: SearchSpace): Params[] {
  let points: Params[] = [{}];
  for (const name of Object.keys(space).sort()) {
    const d = space[name]!;
    if (d.dimension !== 'choice') {
      if (d.dimension === 'int' && !d.log && d.high - d.low < 1000) {
        const values = Array.from({ length: d.high - d.low + 1 }, (_, i) => d.low + i);
        points = points.flatMap((p) => values.map((v) => ({ ...p, [name]: v })));
        continue;
      }
      throw new OptionError(`${name}: the grid sampler needs a list of values (a|b|c) or a small linear integer range, not ${d.low}..${d.high}; use { sampler: 'random' } or { sampler: 'tpe' } for ranges`);
    }
    points = points.flatMap((p) => d.choices.map((v) => ({ ...p, [name]: v })));
  }
  return points;
}
