// Several target columns of a training CSV (a multi-output regression, as scikit-learn's
// MLPRegressor().fit(X, Y) with Y of m x k, e.g. load_linnerud's Weight, Waist and Pulse): which columns
// the target option names, and the running statistics that check each is a column of numbers.
// Several targets are a regression: multi-label classification is not supported. Pure (no Node module).

import { DataError, OptionError } from '../errors.js';
import { findColumn, shorten, type CsvTable } from './csv-scan.js';
import type { CsvRow } from './csv-row.js';
import type { CsvSchema, CsvTask } from './csv.js';
import { jsonValueText } from '../util/json.js';

/** What the target option may be: one column (a name, a 1-based position, 'last'), or several as a list. */
export type TargetSpec = string | number | readonly (string | number)[];

/**
 * The columns the target names: a list names each of its entries; a string that is no column's name
 * but whose comma-separated parts each are ('Weight,Waist,Pulse', as the command line gives it)
 * names those. A list of one is that one column. `one` reads a single entry (columnIndex).
 */
export function targetColumns(table: CsvTable, spec: TargetSpec, one: (spec: string | number) => number): number[] {
  const list = typeof spec === 'string' && spec.includes(',') && findColumn(table, spec) === undefined ? spec.split(',').map((c) => c.trim()) : spec;
  if (!Array.isArray(list)) return [one(list as string | number)];
  const entries = list as readonly (string | number)[];
  if (entries.length === 0) throw new OptionError('options.target is an empty list; name the target column, or several for a multi-output regression');
  const empty = entries.findIndex((e) => typeof e === 'string' && e.trim() === '');
  if (empty >= 0) throw new OptionError(`options.target has an empty name at entry ${empty + 1} of ${entries.length} (${jsonValueText(spec)}); name each target column`);
  const columns = entries.map(one);
  const twice = columns.findIndex((c, i) => columns.indexOf(c) !== i);
  if (twice >= 0) {
    const first = columns.indexOf(columns[twice]!);
    const as = String(entries[first]) === String(entries[twice]) ? '' : ` (as ${jsonValueText(entries[first])} and ${jsonValueText(entries[twice])})`;
    throw new OptionError(`options.target names column '${table.columns[columns[twice]!]}' twice${as}; give each target once`);
  }
  return columns;
}

/** The target columns of a schema, in the order of the outputs: its targets, or its one target. */
export const schemaTargets = (s: CsvSchema): string[] => s.targets ?? [s.target];

/** Several targets are a regression: a classification of several columns (multi-label) is refused, naming them. */
export function checkSeveralTargetsTask(table: CsvTable, columns: readonly number[], task: CsvTask): void {
  if (columns.length < 2 || task !== 'classification') return;
  const names = columns.map((c) => `'${table.columns[c]}'`).join(', ');
  throw new OptionError(`${table.source}: several targets (${names}) are a multi-output regression; a classification of several target columns (multi-label) is not supported: give { task: 'regression' }, or one target column to classify`);
}

/** Running statistics of one of several targets: every cell a number, and its range (a constant column). */
export interface TargetStats {
  column: number;
  count: number;
  firstText?: string;
  min: number;
  max: number;
}

export const newTargetStats = (column: number): TargetStats => ({ column, count: 0, min: Infinity, max: -Infinity });

export function addTargetCell(s: TargetStats, row: CsvRow): void {
  const v = row.number(s.column);
  if (Number.isNaN(v) && row.missing(s.column)) return;
  s.count++;
  if (Number.isNaN(v)) {
    if (s.firstText === undefined) s.firstText = shorten(row.text(s.column), 40);
    return;
  }
  if (v < s.min) s.min = v;
  if (v > s.max) s.max = v;
}

/**
 * Each of several targets is a column of numbers (a text cell: refused, naming the column; multi-label
 * classification is not supported); a column with one value in every row is said (its R² is undefined:
 * scored as scikit-learn's r2_score scores it, 1 for a perfect prediction, else 0).
 */
export function checkTargetStats(table: CsvTable, stats: readonly TargetStats[], warn: (message: string) => void, numberHint: (text: string) => string): void {
  for (const s of stats) {
    if (s.firstText === undefined) continue;
    throw new DataError(`${table.source}: target column '${table.columns[s.column]}' holds text ('${s.firstText}'${numberHint(s.firstText).replace(/^ \(/, ': ').replace(/\)$/, '')}); several targets are a multi-output regression and each must be numbers (multi-label classification is not supported)`);
  }
  const constant = stats.filter((s) => s.count > 1 && s.min === s.max);
  if (constant.length === 0) return;
  const shown = constant.map((s) => `'${table.columns[s.column]}' (always ${s.min})`).join(', ');
  warn(`${table.source}: target ${constant.length === 1 ? 'column' : 'columns'} ${shown} ${constant.length === 1 ? 'has' : 'have'} the same value in every row: its R² is undefined (scored as scikit-learn's r2_score does: 1 for a perfect prediction, else 0)`);
}
