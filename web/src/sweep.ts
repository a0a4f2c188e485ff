// A sweep of the page's settings: one or two settings, each with a list or a range of values,
// the grid of their combinations (or a random sample of it) times a few weight seeds. Pure: the
// definition, its round trip through the URL, and the settings of each cell.

import { choice, GridSampler } from '../../src/index.js';
import { MAX_LAYERS, MAX_UNITS, type Settings } from './settings.js';

/** What a sweep can vary: lr, batch, regRate, noise, layers (hidden layers), u1..u6 (units of one hidden layer), u (of every layer). */
export type SweepParam = 'lr' | 'batch' | 'regRate' | 'noise' | 'layers' | 'u' | `u${number}`;

export interface SweepAxis { param: SweepParam; /** As the user typed it: "0.01, 0.1, 1" or "2..8" or "0.001..1/5". */ text: string; values: number[] }

export interface SweepDef {
  axes: SweepAxis[];
  epochs: number;
  seeds: number;
  metric: 'loss' | 'accuracy';
  /** Train a random sample of this many cells (0: the whole grid). */
  sample: number;
}

export interface SweepCell { index: number; values: number[] }

export const PARAM_LABELS: Record<string, string> = {
  lr: 'Learning rate', batch: 'Batch size', regRate: 'Regularization rate', noise: 'Noise', layers: 'Hidden layers', u: 'Units (every layer)',
  ...Object.fromEntries(Array.from({ length: MAX_LAYERS }, (_, i) => [`u${i + 1}`, `Units in layer ${i + 1}`])),
};

const LIMITS: Record<string, [number, number, boolean]> = { // min, max, integer
  lr: [1e-6, 10, false], batch: [1, 1000, true], regRate: [0, 10, false], noise: [0, 50, true], layers: [0, MAX_LAYERS, true], u: [1, MAX_UNITS, true],
};
const limits = (p: string) => LIMITS[p.startsWith('u') ? 'u' : p]!;
const isParam = (p: string): p is SweepParam => Object.hasOwn(PARAM_LABELS, p); // not 'constructor' or 'toString' of every object
const geometric = (p: string) => p === 'lr' || p === 'regRate';

/** A value typed by the user, quoted and cut when long (a value of 3,000 letters was quoted whole). */
const quoted = (c: string) => `'${c.length > 24 ? `${c.slice(0, 24)}…` : c}'`;

/**
 * The cells of a list: values apart by spaces, semicolons or ', '; a comma without a space parts them
 * too ('0.01,0.1', '1,5,10'), but not where it reads as a decimal comma: ',5' was the value 5 and, for a
 * rate, '0,1' the values 0 and 1 (meant as 0.5 and 0.1, as a German or French user writes them). A list of
 * rates parted by semicolons alone ('0,03; 0,1') is read with decimal commas.
 */
function listCells(text: string, name: string | undefined, integer: boolean): string[] {
  const cells: string[] = [];
  // values parted by semicolons and never by ', ' (as a German or French user lists them): a comma in a rate is its decimal comma
  // ('0,03; 0,1' was refused as the values 0 and 03)
  const decimalCommas = !integer && text.includes(';') && !/,\s/.test(text);
  for (const token of text.split(/[\s;]+|,\s+/).filter((c) => c !== '')) {
    if (!token.includes(',')) { cells.push(token); continue; }
    if (decimalCommas && /^[+-]?\d*,\d+(?:[eE][+-]?\d+)?$/.test(token)) { cells.push(token.replace(',', '.')); continue; }
    const parts = token.split(',');
    if (parts.some((p) => p === '')) throw new Error(`${name}: ${quoted(token)} has an empty value beside a comma; for a decimal write a point (0.5), and part values with ', '`);
    if (!integer && !token.includes('.')) throw new Error(`${name}: ${quoted(token)} reads as the values ${parts.join(', ')}, or as a decimal comma; write decimals with a point (0.1), and part values with ', '`);
    cells.push(...parts);
  }
  return cells;
}

/** "0.01, 0.1, 1" (a list), "2..8" (every integer, or 5 values), "0.001..1/4" (4 values; learning and regularization rates spaced geometrically). */
export function parseValues(param: SweepParam, text: string): number[] {
  const [min, max, integer] = limits(param);
  const name = PARAM_LABELS[param];
  const range = /^\s*([\d.eE+-]+)\s*\.\.\s*([\d.eE+-]+)\s*(?:\/\s*(\d+))?\s*$/.exec(text);
  let values: number[];
  if (range) {
    const a = Number(range[1]), b = Number(range[2]);
    const n = range[3] ? Number(range[3]) : integer ? Math.abs(b - a) + 1 : 5;
    // (a range of whole numbers too long for the grid was said to be no range: '1..1000')
    if (!range[3] && Number.isFinite(n) && n > 20) throw new Error(`${name}: ${quoted(text.trim())} holds ${n} values, at most 20; give a count: ${range[1]}..${range[2]}/20`);
    if (!Number.isFinite(a) || !Number.isFinite(b) || !(n >= 1 && n <= 20)) throw new Error(`${name}: ${quoted(text.trim())} is not a range from..to or from..to/count (count 1 to 20)`);
    const log = geometric(param) && a > 0 && b > 0;
    values = Array.from({ length: n }, (_, i) => {
      const t = n === 1 ? 0 : i / (n - 1);
      return log ? a * (b / a) ** t : a + (b - a) * t;
    });
  } else {
    values = listCells(text, name, integer).map((c) => {
      const v = Number(c);
      if (c === '' || !Number.isFinite(v)) throw new Error(`${name}: ${quoted(c)} is not a number`);
      // a value typed for a setting of whole numbers is not rounded behind the user's back (batch size 1.5 trained as 2)
      if (integer && !Number.isInteger(v)) throw new Error(`${name}: ${quoted(c)} is not a whole number`);
      return v;
    });
  }
  values = [...new Set(values.map((v) => (integer ? Math.round(v) : Number(v.toPrecision(3)))))];
  if (values.length === 0) throw new Error(`${name}: no values (a list such as 0.01, 0.1 or a range such as 2..8)`);
  const bad = values.find((v) => !(v >= min && v <= max));
  if (bad !== undefined) throw new Error(`${name}: ${bad} is outside ${min} to ${max}`);
  if (values.length > 20) throw new Error(`${name}: ${values.length} values; at most 20`);
  return values;
}

/**
 * The cells of the sweep with tune()'s search space and grid sampler: every combination of the
 * axes' values, or the first `sample` points of the sampler's seeded shuffled order (a random
 * sample of the grid). Cells are numbered with the first axis varying slowest.
 */
export function sweepCells(def: SweepDef, seed: number): SweepCell[] {
  const space = Object.fromEntries(def.axes.map((a) => [a.param, choice(...a.values)]));
  const sampler = new GridSampler(seed);
  const size = sampler.size(space);
  const take = def.sample > 0 ? Math.min(def.sample, size) : size;
  const cells = Array.from({ length: take }, (_, number) => {
    const point = sampler.sample({ space, trials: [], direction: 'minimize', number });
    const values = def.axes.map((a) => point[a.param] as number);
    const index = def.axes.reduce((i, a, k) => i * a.values.length + a.values.indexOf(values[k]!), 0);
    return { index, values };
  });
  return cells.sort((a, b) => a.index - b.index);
}

/** The page's settings with the cell's values applied (and the given weight seed). */
export function cellSettings(base: Settings, def: SweepDef, values: number[], seed = base.seed): Settings {
  const s: Settings = { ...base, hidden: [...base.hidden], features: [...base.features], seed };
  def.axes.forEach((axis, i) => {
    const v = values[i]!;
    const p = axis.param;
    if (p === 'lr') s.learningRate = v;
    else if (p === 'batch') s.batchSize = v;
    else if (p === 'noise') s.noise = v;
    else if (p === 'regRate') { s.regRate = v; if (s.regularization === 'none' && v > 0) s.regularization = 'l2'; }
    else if (p === 'layers') s.hidden = Array.from({ length: v }, (_, k) => s.hidden[k] ?? s.hidden[s.hidden.length - 1] ?? 4);
    else if (p === 'u') s.hidden = s.hidden.map(() => v);
    else {
      const layer = Number(p.slice(1)) - 1;
      while (s.hidden.length <= layer) s.hidden.push(s.hidden[s.hidden.length - 1] ?? 4);
      s.hidden[layer] = v;
    }
  });
  return s;
}

/** The sweep as one URL parameter: "lr=0.01,0.1|u1=2..8|epochs=200|seeds=1|metric=loss|sample=0". */
export function sweepToQuery(def: SweepDef): string {
  return [...def.axes.map((a) => `${a.param}=${a.text.trim()}`), `epochs=${def.epochs}`, `seeds=${def.seeds}`, `metric=${def.metric}`, `sample=${def.sample}`].join('|');
}

/** The sweep of a URL parameter; throws a one-line message naming what is wrong. */
export function sweepFromQuery(text: string): SweepDef {
  const def: SweepDef = { axes: [], epochs: 100, seeds: 1, metric: 'loss', sample: 0 };
  for (const part of text.split('|')) {
    const eq = part.indexOf('=');
    if (eq < 0) throw new Error(`sweep: '${part.length > 24 ? `${part.slice(0, 24)}…` : part}' is not setting=values (as lr=0.01,0.1)`);
    const key = part.slice(0, eq), value = part.slice(eq + 1);
    if (key === 'epochs' || key === 'seeds' || key === 'sample') {
      const n = Number(value);
      const [lo, hi] = key === 'epochs' ? [1, 5000] : key === 'seeds' ? [1, 10] : [0, 400];
      if (!Number.isInteger(n) || n < lo || n > hi) throw new Error(`sweep ${key}: '${value}' is not a whole number from ${lo} to ${hi}`);
      def[key] = n;
    } else if (key === 'metric') {
      if (value !== 'loss' && value !== 'accuracy') throw new Error(`sweep metric: '${value}' is not loss or accuracy`);
      def.metric = value;
    } else if (isParam(key)) {
      def.axes.push({ param: key, text: value, values: parseValues(key, value) });
    } else throw new Error(`sweep: unknown setting '${key.slice(0, 24)}' (one of ${Object.keys(PARAM_LABELS).join(', ')}, epochs, seeds, sample, metric)`);
  }
  if (def.axes.length < 1 || def.axes.length > 2) throw new Error(`a sweep varies one or two settings, not ${def.axes.length}`);
  if (def.axes.length === 2 && def.axes[0]!.param === def.axes[1]!.param) throw new Error('the two settings of a sweep must differ');
  return def;
}

/** The cell's values as text: "learning rate 0.1, units in layer 1 8". */
export function describeCell(def: SweepDef, values: number[]): string {
  return def.axes.map((a, i) => `${PARAM_LABELS[a.param]!.toLowerCase()} ${values[i]}`).join(', ');
}
