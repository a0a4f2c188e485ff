// CSV text -> Dataset. Reading a training file learns an encoding (the "schema": feature columns,
// one-hot categories, classes, means for missing cells, task) that is plain JSON, and applying that
// schema to a test or predict file lines its columns up exactly as in training.
// Pure (no Node module): it runs in a browser too. Reading files (size limits, gzip, encodings) is csv-file.ts.

import { parse as browserParse } from 'csv-parse/browser/esm/sync';
import { DataError, ModelFileError, OptionError } from '../errors.js';
import { Matrix } from '../tensor/matrix.js';
import type { Dataset } from './synthetic.js';

export type CsvTask = 'auto' | 'classification' | 'regression';
export type MissingPolicy = 'error' | 'drop' | 'mean';

export interface CsvOptions {
  /** The first line names the columns (default true); without it columns are named "1", "2", ... */
  header?: boolean;
  /** Target column: a name, a 1-based position, or 'last' (default). */
  target?: string | number;
  /** Feature columns (names or 1-based positions); default every column but the target. */
  features?: (string | number)[];
  /** 'auto' (default): text labels or few distinct whole numbers -> classification, else regression. */
  task?: CsvTask;
  /** Text columns to one-hot encode, or 'auto' for every text column. */
  oneHot?: (string | number)[] | 'auto';
  /** What to do with empty cells: 'error' (default), 'drop' the row, or fill with the column 'mean'. */
  missing?: MissingPolicy;
  /**
   * With missing: 'mean', leave the empty cells NaN, so that the caller can fill them with means of
   * its training rows only, after a train/test split (fillMissingMeans). Default false: the means
   * of all rows of this file, which is the training set when the test set is another file.
   */
  deferMissing?: boolean;
  /** The field separator: ',', ';', '\t', '|', or 'auto' (default: the one the first line uses most). */
  delimiter?: string;
  /** Dataset name (default: the file name without extensions). */
  name?: string;
  /** Most classes a classification target may have (default MAX_CLASSES). */
  maxClasses?: number;
  /** Told of what is read but worth a word (labels that differ only in case, ...). */
  warn?: (message: string) => void;
}

/** Read another file with the encoding learned on the training file. */
export interface CsvApplyOptions {
  schema: CsvSchema;
  /** The target column must be present (default true); false for predict files. */
  requireTarget?: boolean;
  name?: string;
  /** Leave empty cells NaN (see CsvOptions.deferMissing). */
  deferMissing?: boolean;
  /**
   * A one-hot category never seen in training: 'error' (default; the message names the line, the
   * column and the value) or 'ignore' (encode it as all zeros; one warning counts them), as
   * scikit-learn's OneHotEncoder(handle_unknown=...).
   */
  handleUnknown?: 'error' | 'ignore';
  warn?: (message: string) => void;
}

export type CsvFeature =
  | { column: string; type: 'number'; /** fill value for missing cells (training mean) */ mean: number }
  | { column: string; type: 'oneHot'; categories: string[] };

/** The encoding learned on a training file: plain JSON. */
export interface CsvSchema {
  format: 'csv';
  header: boolean;
  /** Every column of the training file, in order. */
  columns: string[];
  target: string;
  task: Dataset['task'];
  classes?: string[];
  features: CsvFeature[];
  /** The network's input names, in order (one-hot columns expand to "column=category"). */
  featureNames: string[];
  missing: MissingPolicy;
  /** The field separator of the training file (',' when absent). */
  delimiter?: string;
}

export interface CsvResult {
  dataset: Dataset;
  schema: CsvSchema;
  /** Line numbers of rows skipped by missing: 'drop'. */
  droppedLines: number[];
  /** With handleUnknown: 'ignore': how many cells held a category unseen in training. */
  unknownCategories?: number;
}

/** Most classes a target is read as by default: beyond, it is a quantity or an identifier (one output unit per value). */
export const MAX_CLASSES = 1000;

/** Largest X a file may make: 2^28 float32 values are 1 GB. */
const MAX_VALUES = 2 ** 28;

/** Cells read as missing values. */
export const MISSING_VALUES: readonly string[] = ['', '?', 'NA', 'N/A', 'NaN', 'nan'];
const isMissing = (cell: string) => MISSING_VALUES.includes(cell);
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const isNumber = (cell: string) => NUMBER.test(cell);
/** Class labels compare as numbers when they are numbers ("1.0" is class "1"). */
export const labelKey = (cell: string) => (isNumber(cell) ? String(Number(cell)) : cell);

/** Parse CSV text into a dataset: learn a schema, or apply one given as options.schema; source names the text in error messages. */
export function parseCsv(text: string, options: CsvOptions | CsvApplyOptions = {}, source = 'CSV text'): CsvResult {
  return parseCsvWith(browserParse as unknown as CsvParser, text, options, source);
}

/**
 * The first record of CSV text (its header line, when it has one) and the field separator
 * `delimiter: 'auto'` would choose: what a caller needs to pick the target and feature columns
 * before parseCsv. `source` names the text in error messages.
 */
export function csvHeader(text: string, options: { delimiter?: string } = {}, source = 'CSV text'): { cells: string[]; delimiter: string } {
  const start = text.replace(/^\uFEFF/, '').replace(/^(?:[ \t]*\r?\n)+/, ''); // blank lines before the first record
  const delimiter = chooseDelimiter(start, options.delimiter ?? 'auto');
  let records: string[][];
  try {
    records = browserParse(start, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, to_line: 1 }) as string[][];
  } catch (e) {
    throw new DataError(`${source}: not a readable CSV file: ${shorten((e as Error).message)}`);
  }
  const cells = records[0];
  if (!cells) throw new DataError(`${source}: the file is empty`);
  return { cells, delimiter };
}

/** csv-parse's synchronous parse (its browser build here; csv-file.ts passes the faster Node build). */
export type CsvParser = (text: string, options: Record<string, unknown>) => unknown;

/** parseCsv with a given csv-parse build. */
export function parseCsvWith(parse: CsvParser, text: string, options: CsvOptions | CsvApplyOptions = {}, source = 'CSV text'): CsvResult {
  const warn = options.warn ?? (() => {});
  if ('schema' in options && options.schema) {
    validateSchema(options.schema);
    const table = parseTable(parse, text, options.schema.header, source, options.schema.delimiter ?? ',');
    const unknown = options.handleUnknown ?? 'error';
    if (unknown !== 'error' && unknown !== 'ignore') throw new OptionError(`--handle-unknown must be error or ignore, got '${String(unknown)}'`);
    return encode(table, options.schema, { requireTarget: options.requireTarget ?? true, name: options.name ?? 'data', deferMissing: options.deferMissing === true, handleUnknown: unknown, warn });
  }
  const learn = options as CsvOptions;
  const delimiter = chooseDelimiter(text, learn.delimiter ?? 'auto');
  const table = parseTable(parse, text, learn.header ?? true, source, delimiter);
  const schema = { ...learnSchema(table, learn, warn), ...(delimiter !== ',' ? { delimiter } : {}) };
  return encode(table, schema, { requireTarget: true, name: options.name ?? 'data', deferMissing: learn.deferMissing === true, handleUnknown: 'error', warn });
}

interface Table {
  source: string;
  delimiter: string;
  columns: string[];
  rows: string[][];
  /** 1-based line number of each row (counting the header line). */
  lines: number[];
  /** Column name -> index (a Map: a file may have 200,000 columns). */
  index: Map<string, number>;
}

const DELIMITERS = [',', ';', '\t', '|'];

/** The separator asked for, or with 'auto' the one the first line uses most (',' on a tie or none). */
function chooseDelimiter(text: string, asked: string): string {
  if (asked !== 'auto') {
    const d = asked === 'tab' || asked === '\\t' ? '\t' : asked;
    if (!DELIMITERS.includes(d)) throw new OptionError(`--delimiter must be one of , ; tab | or auto, got '${asked}'`);
    return d;
  }
  const first = (text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '').replace(/"[^"]*"/g, '');
  let best = ',', bestCount = 0;
  for (const d of DELIMITERS) {
    const count = first.split(d).length - 1;
    if (count > bestCount) { best = d; bestCount = count; }
  }
  return best;
}

function parseTable(parse: CsvParser, text: string, header: boolean, source: string, delimiter = ','): Table {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter, bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (e) {
    throw new DataError(`${source}: not a readable CSV file: ${shorten((e as Error).message)}`);
  }
  if (records.length === 0) throw new DataError(`${source}: the file is empty`);
  const first = records[0]!.record;
  const columns = header ? first.map((c, i) => c || String(i + 1)) : first.map((_, i) => String(i + 1));
  if (header) {
    records.shift();
    if (records.length === 0) throw new DataError(`${source}: only a header line, no data rows`);
    const seen = new Set<string>();
    for (const c of columns) {
      if (seen.has(c)) throw new DataError(`${source}, line 1: the column name '${c}' appears twice in the header`);
      seen.add(c);
    }
  }
  const rows: string[][] = [], lines: number[] = [];
  const expected = header ? 'as the header line' : `as line ${records[0]!.info.lines}`;
  for (const { record, info } of records) {
    if (record.length !== columns.length) {
      const where = record.length < columns.length
        ? `column '${columns[record.length]}' and after are missing`
        : `extra field after column '${columns[columns.length - 1]}'`;
      throw new DataError(`${source}, line ${info.lines}: ${record.length} fields, expected ${columns.length} ${expected} (${where})`);
    }
    rows.push(record);
    lines.push(info.lines);
  }
  return { source, delimiter, columns, rows, lines, index: new Map(columns.map((c, i) => [c, i])) };
}

/** A message cut to one short line (csv-parse quotes whole fields in its messages). */
export const shorten = (msg: string, max = 160) => {
  const line = msg.replace(/\s+/g, ' ');
  return line.length > max ? line.slice(0, max) + '...' : line;
};

/** A column given by name, 1-based position or 'last' -> its index. */
function columnIndex(table: Table, spec: string | number, what: string): number {
  const { columns, source } = table;
  if (spec === 'last') return columns.length - 1;
  const byName = table.index.get(String(spec));
  if (byName !== undefined) return byName;
  const position = Number(spec);
  if (Number.isInteger(position) && position >= 1 && position <= columns.length) return position - 1;
  const range = /^[+-]?\d+$/.test(String(spec)) ? ` (positions are 1 to ${columns.length})` : '';
  const one = columns.length === 1 ? ` (only one column: is the field separator not '${table.delimiter === '\t' ? 'tab' : table.delimiter}'? see --delimiter)` : '';
  throw new DataError(`${source}: no ${what} column '${spec}'${range}${one}; the columns are: ${columns.join(', ')}`);
}

function learnSchema(table: Table, options: CsvOptions, warn: (message: string) => void): CsvSchema {
  const { columns, rows, source } = table;
  const missing = options.missing ?? 'error';
  if (!['error', 'drop', 'mean'].includes(missing)) throw new OptionError(`--missing must be error, drop or mean, got '${missing}'`);
  const taskOption = options.task ?? 'auto';
  if (!['auto', 'classification', 'regression'].includes(taskOption)) {
    throw new OptionError(`--task must be auto, classification or regression, got '${taskOption}'`);
  }
  const t = columnIndex(table, options.target ?? 'last', 'target');
  const featureIdx = options.features
    ? options.features.map((f) => columnIndex(table, f, 'feature'))
    : columns.map((_, i) => i).filter((i) => i !== t);
  const featureSet = new Set(featureIdx);
  if (featureSet.has(t)) throw new OptionError(`column '${columns[t]}' is the target; it cannot also be a feature (--features)`);
  if (featureIdx.length === 0) {
    const one = columns.length === 1 ? ` (the file reads as a single column: is the field separator not '${table.delimiter === '\t' ? 'tab' : table.delimiter}'? see --delimiter)` : '';
    throw new DataError(`${source}: no feature columns left besides the target '${columns[t]}'${one}`);
  }
  const oneHotIdx = new Set(options.oneHot === 'auto' || options.oneHot === undefined ? [] : options.oneHot.map((c) => columnIndex(table, c, '--one-hot')));
  for (const i of oneHotIdx) {
    if (!featureSet.has(i)) throw new OptionError(`--one-hot column '${columns[i]}' is not one of the features`);
  }

  // Rows that count for learning: with missing: 'drop', those without an empty cell in a used column.
  const used = [...featureIdx, t];
  for (const i of used) {
    if (rows.every((r) => isMissing(r[i]!))) {
      const trailing = i === columns.length - 1 && /^\d+$/.test(columns[i]!) ? ` (does every line end with '${table.delimiter}'?)` : '';
      const fix = i === t ? 'choose the label column with --target' : 'leave it out with --features';
      throw new DataError(`${source}: column '${columns[i]}' is empty in every row${trailing}; ${fix}`);
    }
  }
  const kept = missing === 'drop' ? rows.filter((r) => !used.some((i) => isMissing(r[i]!))) : rows;
  if (kept.length === 0) throw new DataError(`${source}: every row has an empty cell, nothing is left after --missing drop`);

  const features: CsvFeature[] = featureIdx.map((i) => {
    const column = columns[i]!;
    // one pass: the cells present, the first text cell and how many there are, the sum of the numbers
    const cells: string[] = [];
    let texts = 0, firstText = '', sum = 0;
    for (const r of kept) {
      const c = r[i]!;
      if (isMissing(c)) continue;
      cells.push(c);
      if (isNumber(c)) sum += Number(c);
      else if (texts++ === 0) firstText = c;
    }
    if (oneHotIdx.has(i) || (options.oneHot === 'auto' && texts * 2 > cells.length)) {
      const categories = [...new Set(cells)].sort(compareStrings);
      warnNearDuplicates(categories, `${source}: one-hot column '${column}'`, warn);
      // a name or id column: one input per row, nothing a network can learn from (and rows x rows floats)
      if (!oneHotIdx.has(i) && categories.length > 100 && categories.length * 2 > cells.length) {
        throw new DataError(`${source}: text column '${column}' has ${categories.length} different values in ${cells.length} rows (an identifier?); leave it out with --features, or one-hot encode it by name with --one-hot ${column}`);
      }
      return { column, type: 'oneHot', categories };
    }
    if (texts * 2 > cells.length) {
      throw new DataError(`${source}: column '${column}' holds text (e.g. '${firstText}'); one-hot encode it with --one-hot ${column} (or --one-hot auto), or leave it out with --features`);
    }
    const numbers = cells.length - texts;
    const mean = numbers ? sum / numbers : 0;
    return { column, type: 'number', mean };
  });

  const classes = learnClasses(kept.map((r) => r[t]!).filter((c) => !isMissing(c)), `${source}: target column '${columns[t]}'`, taskOption, options, warn);
  const featureNames = features.flatMap((f) => (f.type === 'number' ? [f.column] : f.categories.map((c) => `${f.column}=${c}`)));
  return {
    format: 'csv', header: options.header ?? true, columns, target: columns[t]!,
    task: classes ? (classes.length === 2 ? 'binary' : 'multiclass') : 'regression',
    classes, features, featureNames, missing,
  };
}

/** The classes of a classification target (sorted; numbers as numbers), or undefined for regression. */
function learnClasses(labels: string[], where: string, taskOption: CsvTask, options: CsvOptions, warn: (message: string) => void): string[] | undefined {
  const numeric = labels.every(isNumber);
  const distinct = [...new Set(labels.map(labelKey))];
  let classification = taskOption === 'classification' || !numeric;
  if (taskOption === 'auto' && numeric) {
    classification = labels.every((c) => Number.isInteger(Number(c))) && distinct.length <= 20 && distinct.length * 2 <= labels.length;
  }
  if (taskOption === 'regression' && !numeric) {
    const bad = labels.find((c) => !isNumber(c));
    throw new DataError(`${where} holds text ('${bad}'); it cannot be a regression target (use --task classification)`);
  }
  let classes: string[] | undefined;
  if (classification) {
    classes = distinct.sort(numeric ? (a, b) => Number(a) - Number(b) : compareStrings);
    const maxClasses = options.maxClasses ?? MAX_CLASSES;
    if (classes.length > maxClasses) {
      const why = numeric ? ' (a quantity read as classes? use --task regression)' : ' (an identifier or free text? choose the label column with --target)';
      throw new DataError(`${where} has ${classes.length} different values, more than the ${maxClasses} classes allowed${why}; raise the limit with --max-classes`);
    }
    warnNearDuplicates(classes, `${where}`, warn);
    if (classes.length < 2) {
      throw new DataError(`${where} has a single value '${classes[0]}'; a classifier needs at least two classes`);
    }
    // many distinct fractional values, or about one row per value: a measurement, not classes
    const integers = labels.every((c) => Number.isInteger(Number(c)));
    if (numeric && classes.length > 20 && (!integers || classes.length * 2 > labels.length)) {
      throw new DataError(`${where} has ${classes.length} different values in ${labels.length} rows, too many to be classes; use --task regression`);
    }
  }
  return classes;
}

/**
 * Fill the cells left NaN by deferMissing: each number feature's mean over the training rows of
 * `train` (its rows of X, n_x x m), stored in the schema (so evaluate and predict fill the same)
 * and written into `train` and every matrix of `others` (test, validation).
 */
export function fillMissingMeans(schema: CsvSchema, train: Matrix, others: (Matrix | undefined)[] = []): void {
  let f = 0; // row of X
  for (const feature of schema.features) {
    if (feature.type === 'oneHot') { f += feature.categories.length; continue; }
    const row = (M: Matrix) => M.data.subarray(f * M.cols, (f + 1) * M.cols);
    let sum = 0, n = 0;
    for (const v of row(train)) if (!Number.isNaN(v)) { sum += v; n++; }
    feature.mean = n > 0 ? sum / n : 0; // (empty in every training row: 0, as learnSchema does for a column empty everywhere)
    for (const M of [train, ...others]) {
      if (!M) continue;
      const r = row(M);
      for (let j = 0; j < r.length; j++) if (Number.isNaN(r[j]!)) r[j] = feature.mean;
    }
    f++;
  }
}

const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Say (once) when values differ only in letter case or Unicode form ('Cat' and 'cat', 'é' composed
 * and decomposed): they stay different classes or categories, as in pandas and scikit-learn, but a
 * user may not have meant them to.
 */
function warnNearDuplicates(values: string[], where: string, warn: (message: string) => void): void {
  const groups = new Map<string, string[]>();
  for (const v of values) {
    const key = v.normalize('NFKC').toLowerCase();
    const g = groups.get(key);
    if (g) g.push(v); else groups.set(key, [v]);
  }
  const clashes = [...groups.values()].filter((g) => g.length > 1);
  if (clashes.length === 0) return;
  const shown = clashes.slice(0, 3).map((g) => g.map((v) => JSON.stringify(v)).join(' and ')).join('; ');
  const more = clashes.length > 3 ? ` and ${clashes.length - 3} more` : '';
  warn(`${where}: values that differ only in letter case or Unicode form are kept apart: ${shown}${more}`);
}

/** Where the schema's columns are in this table (target -1 when absent). */
function locateColumns(table: Table, schema: CsvSchema, requireTarget: boolean): { featureIdx: number[]; t: number } {
  const { columns, source, index } = table;
  if (schema.header) {
    const find = (c: string) => {
      const i = index.get(c);
      if (i === undefined) throw new DataError(`${source}: no column '${c}' (it was used in training); the columns are: ${shorten(columns.join(', '), 400)}`);
      return i;
    };
    const featureIdx = schema.features.map((f) => find(f.column));
    const t = index.get(schema.target) ?? -1;
    if (t < 0 && requireTarget) throw new DataError(`${source}: no target column '${schema.target}'; the columns are: ${columns.join(', ')}`);
    return { featureIdx, t };
  }
  // Without a header, columns are positions; a predict file may leave out the target column.
  const trained = new Map(schema.columns.map((c, i) => [c, i]));
  const trainT = trained.get(schema.target) ?? -1;
  const position = (c: string) => trained.get(c) ?? -1;
  if (columns.length === schema.columns.length) return { featureIdx: schema.features.map((f) => position(f.column)), t: trainT };
  if (columns.length === schema.columns.length - 1 && !requireTarget) {
    return { featureIdx: schema.features.map((f) => position(f.column) - (position(f.column) > trainT ? 1 : 0)), t: -1 };
  }
  throw new DataError(`${source}: ${columns.length} columns per row, but the training file had ${schema.columns.length}${requireTarget ? '' : ` (or ${schema.columns.length - 1} without the target)`}`);
}

interface EncodeOptions {
  requireTarget: boolean;
  name: string;
  deferMissing: boolean;
  handleUnknown: 'error' | 'ignore';
  warn: (message: string) => void;
}

function encode(table: Table, schema: CsvSchema, options: EncodeOptions): CsvResult {
  const { requireTarget, name, deferMissing } = options;
  const { rows, lines, source, columns } = table;
  const { featureIdx, t } = locateColumns(table, schema, requireTarget);
  const used = t >= 0 ? [...featureIdx, t] : featureIdx;
  const keep: number[] = [], droppedLines: number[] = [];
  rows.forEach((r, k) => {
    if (schema.missing === 'drop' && used.some((i) => isMissing(r[i]!))) droppedLines.push(lines[k]!);
    else keep.push(k);
  });
  if (keep.length === 0) throw new DataError(`${source}: every row has an empty cell, nothing is left after --missing drop`);

  const m = keep.length, nx = schema.featureNames.length;
  if (nx * m > MAX_VALUES) {
    const widest = schema.features.reduce((a, f) => (f.type === 'oneHot' && f.categories.length > (a?.categories.length ?? 0) ? f : a), undefined as Extract<CsvFeature, { type: 'oneHot' }> | undefined);
    const why = widest ? `; one-hot column '${widest.column}' alone makes ${widest.categories.length} features` : '';
    throw new DataError(`${source}: ${nx} features x ${m} rows is more than the ${MAX_VALUES} values that fit in memory${why}`);
  }
  const X = new Matrix(nx, m); // float32, one example per column
  const Y = new Matrix(1, m, undefined, 'float64');
  const classIndex = new Map((schema.classes ?? []).map((c, i) => [c, i]));
  // category -> position, per one-hot feature (a Map: a column may have thousands of categories)
  const categoryIndex = schema.features.map((f) => (f.type === 'oneHot' ? new Map(f.categories.map((c, i) => [c, i])) : undefined));
  let unknown = 0;
  const where = (k: number, i: number) => `${source}, line ${lines[k]}, column '${columns[i]}'`;
  const number = (k: number, i: number) => {
    const cell = rows[k]![i]!;
    if (!isNumber(cell)) throw new DataError(`${where(k, i)}: '${shorten(cell, 40)}' is not a number`);
    const v = Number(cell);
    // float32 holds up to 3.4e38: beyond, a value becomes Infinity in X
    const limit = i === t ? Number.MAX_VALUE : 3.4e38;
    if (!(Math.abs(v) <= limit)) throw new DataError(`${where(k, i)}: '${cell}' is too large (at most ${limit === 3.4e38 ? '3.4e38' : '1.8e308'} in magnitude)`);
    return v;
  };

  keep.forEach((k, j) => {
    const row = rows[k]!;
    let f = 0; // row of X being filled
    schema.features.forEach((feature, n) => {
      const i = featureIdx[n]!;
      const cell = row[i]!;
      if (isMissing(cell) && schema.missing === 'error') {
        throw new DataError(`${where(k, i)}: empty cell; use --missing drop or --missing mean to handle missing values`);
      }
      if (feature.type === 'number') {
        X.data[f * m + j] = isMissing(cell) ? (deferMissing ? NaN : feature.mean) : number(k, i);
        f++;
      } else {
        const c = categoryIndex[n]!.get(cell); // a missing cell (with --missing mean): all zeros
        if (c !== undefined) X.data[(f + c) * m + j] = 1;
        else if (!isMissing(cell) && options.handleUnknown === 'error') {
          const known = shorten(feature.categories.map((v) => `'${v}'`).join(', '), 200);
          throw new DataError(`${where(k, i)}: category '${shorten(cell, 40)}' was not in the training data (known: ${known}); encode unknown categories as all zeros with --handle-unknown ignore`);
        } else if (!isMissing(cell)) unknown++;
        f += feature.categories.length;
      }
    });
    if (t < 0) {
      Y.data[j] = NaN;
      return;
    }
    const cell = row[t]!;
    if (isMissing(cell)) throw new DataError(`${where(k, t)}: the target is empty; use --missing drop to skip such rows`);
    if (schema.classes) {
      const c = classIndex.get(labelKey(cell));
      if (c === undefined) throw new DataError(`${where(k, t)}: class '${cell}' was not in the training data (classes: ${schema.classes.join(', ')})`);
      Y.data[j] = c;
    } else {
      Y.data[j] = number(k, t);
    }
  });

  if (unknown > 0) options.warn(`${source}: ${unknown} cell${unknown === 1 ? '' : 's'} held a category not seen in training, encoded as all zeros (--handle-unknown ignore)`);
  const dataset: Dataset = {
    name, X, Y, task: schema.task, featureNames: [...schema.featureNames],
    ...(schema.classes ? { classes: [...schema.classes] } : {}),
    ...(t < 0 ? { unlabeled: true } : {}),
  };
  return { dataset, schema, droppedLines, ...(unknown > 0 ? { unknownCategories: unknown } : {}) };
}

/**
 * Encode rows of cells (one example per row, named by `columns`) with a learned schema: CSV data
 * that is already in memory (a library user's rows, the page). `source` names them in errors.
 */
export function encodeRows(columns: string[], rows: string[][], schema: CsvSchema, options: Partial<EncodeOptions> & { source?: string } = {}): CsvResult {
  validateSchema(schema);
  const source = options.source ?? 'the rows';
  if (rows.length === 0) throw new DataError(`${source}: no rows`);
  const table: Table = { source, delimiter: ',', columns, rows, lines: rows.map((_, k) => k + 1), index: new Map(columns.map((c, i) => [c, i])) };
  return encode(table, { ...schema, header: true }, {
    requireTarget: options.requireTarget ?? true, name: options.name ?? 'data', deferMissing: options.deferMissing === true,
    handleUnknown: options.handleUnknown ?? 'error', warn: options.warn ?? (() => {}),
  });
}

/** Check a schema read back from JSON, so a damaged one fails with a clear message. */
function validateSchema(s: CsvSchema): void {
  const ok = s && s.format === 'csv' && Array.isArray(s.columns) && typeof s.target === 'string' && Array.isArray(s.features) &&
    Array.isArray(s.featureNames) && ['binary', 'multiclass', 'regression'].includes(s.task) && ['error', 'drop', 'mean'].includes(s.missing);
  if (!ok) throw new ModelFileError('field "preprocessing.data": the CSV schema is malformed (expected format "csv" with columns, target, features, featureNames, task, missing)');
  // each feature is one number column or one-hot categories; together they make the featureNames
  const width = (f: CsvFeature) => (f?.type === 'number' && typeof f.mean === 'number' ? 1
    : f?.type === 'oneHot' && Array.isArray(f.categories) ? f.categories.length : NaN);
  const bad = s.features.findIndex((f) => typeof f?.column !== 'string' || !(width(f) >= 0));
  if (bad >= 0) throw new ModelFileError(`field "preprocessing.data": feature ${bad + 1} must be {column, type: "number", mean} or {column, type: "oneHot", categories}`);
  const total = s.features.reduce((n, f) => n + width(f), 0);
  if (total !== s.featureNames.length) throw new ModelFileError(`field "preprocessing.data": the features give ${total} inputs but featureNames has ${s.featureNames.length}`);
  if (s.task !== 'regression' && !(Array.isArray(s.classes) && s.classes.length >= 2)) throw new ModelFileError('field "preprocessing.data": a classification schema needs "classes"');
}
