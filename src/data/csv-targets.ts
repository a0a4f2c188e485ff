// Several target columns of a training CSV: a multi-output regression (as scikit-learn's
// MLPRegressor().fit(X, Y) with Y of m x k, e.g. load_linnerud's Weight, Waist and Pulse), or the labels
// of a multi-label classification (MLPClassifier().fit(X, Y) with Y of m x k 0/1): which columns the
// target option names, the running statistics of each, and the task they make. Pure (no Node module).

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
  if (entries.length === 0) throw new OptionError('options.target is an empty list; name the target column, or several (a multi-output regression, or the labels of a multi-label classification)');
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

/** Running statistics of one of several targets: every cell a number, its range (a constant column), and whether it holds only 0 and 1 (a label). */
export interface TargetStats {
  column: number;
  count: number;
  firstText?: string;
  min: number;
  max: number;
  /** The first values other than 0 and 1, at most 3 (a column that is no label column). */
  others: number[];
}

export const newTargetStats = (column: number): TargetStats => ({ column, count: 0, min: Infinity, max: -Infinity, others: [] });

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
  if (v !== 0 && v !== 1 && s.others.length < 3 && !s.others.includes(v)) s.others.push(v);
}

/** A column of only 0 and 1 (a label: present or not). */
const isLabelColumn = (s: TargetStats): boolean => s.firstText === undefined && s.others.length === 0;

/**
 * The task of several target columns (docs/guide.md, "Several targets"): with { task: 'auto' }, columns
 * that all hold only 0 and 1 are labels, a multi-label classification (scikit-learn's MLPClassifier on
 * a 0/1 indicator Y), and any other column of numbers makes them a multi-output regression;
 * { task: 'classification' } asks for labels and refuses a column that is not 0/1, naming it and
 * what it holds; { task: 'regression' } reads 0/1 columns as numbers. Text is refused either way.
 * `choice` is told what 'auto' chose for 0/1 columns (train prints it).
 */
export function severalTargetsTask(table: CsvTable, stats: readonly TargetStats[], task: CsvTask, io: { warn: (message: string) => void; numberHint: (text: string) => string; choice: (text: string) => void }): 'multilabel' | 'regression' {
  const name = (s: TargetStats) => `'${table.columns[s.column]}'`;
  const text = stats.find((s) => s.firstText !== undefined);
  if (text) {
    const hint = io.numberHint(text.firstText!).replace(/^ \(/, ': ').replace(/\)$/, '');
    const what = task === 'regression' ? 'a multi-output regression: each must be numbers' : 'a multi-label classification (each column 0 or 1: the label absent or present) or a multi-output regression (numbers)';
    throw new DataError(`${table.source}: target column ${name(text)} holds text ('${text.firstText}'${hint}); several targets are ${what}`);
  }
  if (task === 'classification') {
    const bad = stats.find((s) => !isLabelColumn(s));
    if (bad) throw new DataError(`${table.source}: target column ${name(bad)} holds ${bad.others.map(String).join(', ')}${bad.others.length === 3 ? ', ...' : ''} besides 0 and 1; each column of a multi-label target holds 0 or 1 (the label absent or present): for one target of several classes give that column alone, or give { task: 'regression' }`);
  }
  if (task === 'regression' || !stats.every(isLabelColumn)) {
    warnConstantTargets(table, stats, io.warn);
    return 'regression';
  }
  if (task === 'auto') io.choice(`${table.source}: target columns ${stats.map(name).join(', ')} hold only 0 and 1, read as ${stats.length} labels of a multi-label classification (a sigmoid output per label; { task: 'auto' }); { task: 'regression' } reads them as numbers`);
  // a label present in every row or in none is warned of by trainModel (constantLabelsWarning), whatever the data's source
  return 'multilabel';
}

/**
 * A regression target column with one value in every row is said (its R² is undefined: scored as
 * scikit-learn's r2_score scores it, 1 for a perfect prediction, else 0).
 */
function warnConstantTargets(table: CsvTable, stats: readonly TargetStats[], warn: (message: string) => void): void {
  const constant = stats.filter((s) => s.count > 1 && s.min === s.max);
  if (constant.length === 0) return;
  const shown = constant.map((s) => `'${table.columns[s.column]}' (always ${s.min})`).join(', ');
  warn(`${table.source}: target ${constant.length === 1 ? 'column' : 'columns'} ${shown} ${constant.length === 1 ? 'has' : 'have'} the same value in every row: its R² is undefined (scored as scikit-learn's r2_score does: 1 for a perfect prediction, else 0)`);
}
