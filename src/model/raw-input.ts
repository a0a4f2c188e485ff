// The user's raw inputs, in the forms a library user has them, turned into features X (n_x x m,
// one example per column) before scaling: a Matrix (already numbers), rows of numbers or CSV cells
// (one example per row), a CSV table with column names, or CSV text. A model trained on a CSV file
// reads cells through its CSV schema (one-hot categories, fill values for empty cells); other
// models read plain numbers.

import { playgroundFeatureMatrix } from '../data/playground-features.js';
import { Matrix, type DType } from '../tensor/matrix.js';
import { DataError } from '../errors.js';
import { checkFinite } from '../tensor/finite.js';
import { kindOf } from '../util/kind-of.js';
import { nearNameText, repeatedName } from '../util/names.js';
import { encodeRows, labelKey, parseModelCsv, type CsvSchema, type DecimalMark } from '../data/csv.js';
import { schemaTargets } from '../data/csv-targets.js';
import { NO_TARGET_COLUMN, numberHint } from '../data/csv-encode.js';
import { isMissing, numberValue } from '../data/csv-row.js';
import type { DataSchema } from '../data/schema.js';
import type { Task } from './task.js';
import { indicatorProblem } from './multilabel.js';

export type RawCell = string | number | null | undefined;
/** One example per row. */
export type RawRows = readonly (readonly RawCell[])[];
/** Rows whose cells are named by `columns` (the header of a CSV file). */
export interface CsvTable {
  columns: readonly string[];
  rows: RawRows;
}
/** A Matrix (n_x x m, numbers), rows, a CSV table, or CSV text. */
export type RawInput = Matrix | RawRows | CsvTable | string;

/** What of a model the reading of raw inputs needs. */
export interface RawContext {
  data?: DataSchema;
  inputSize: number;
  task: Task;
  classes?: readonly string[];
  /** The names of the raw features, when the model knows them. */
  features?: readonly string[];
  /** The output units: a regression of several has that many target columns. */
  outputs?: number;
  /** The number type of the network: CSV cells are read into it (a float64 model's as written). */
  dtype?: DType;
  /** Told of what is read but worth a word (numbers float32 cannot hold, columns not used...). */
  warn?: (message: string) => void;
  /** Whether CSV text's first line is a header (default: as the model's training file was; detected for a model without a CSV schema). */
  header?: boolean;
}

const isTable = (raw: RawInput): raw is CsvTable => typeof raw === 'object' && !Array.isArray(raw) && !(raw instanceof Matrix);
const cellText = (c: RawCell) => (c === null || c === undefined ? '' : String(c));

/**
 * Labels are read where the input has the target column; for evaluate (wantTarget) one that cannot be
 * read is an error naming its row (they were all left out, and evaluate asked for labels it was given).
 */
const labelsWanted = (wantTarget: boolean) => (wantTarget ? 'ifPresent' as const : false);

/** Features X, and the labels Y when the input holds the model's target column (CSV text or table). */
export function encodeRaw(raw: RawInput, model: RawContext, wantTarget = false): { X: Matrix; Y?: Matrix } {
  checkRawInput(raw);
  // a playground model's raw input is points (x1, x2): read as those two inputs, then its features computed (x1², sin x2, ...)
  if (model.data?.format === 'playground' && !(raw instanceof Matrix)) {
    const points = encodeRaw(raw, { ...model, data: undefined, inputSize: 2, features: model.data.inputs }, wantTarget);
    return { ...points, X: playgroundFeatureMatrix(model.data, points.X) };
  }
  if (raw instanceof Matrix) {
    // as rows, a table or CSV text of no examples are refused (a ShapeError from inside the network said it of "X")
    if (raw.cols === 0) throw new DataError(`the input has no examples (a Matrix of ${raw.rows} x 0: one example per column)`);
    checkFinite(raw, 'the input Matrix'); // a NaN feature would otherwise give class 0 (NaN > 0.5 is false) or a NaN value, silently
    return { X: raw };
  }
  const csv = model.data?.format === 'csv' ? model.data : undefined;
  if (typeof raw === 'string') {
    // named as the CLI names its file ("1 columns, but the model takes 2 features" for '', with no word of the text)
    if (raw.replace(/^\uFEFF/, '').trim() === '') throw new DataError('the CSV text is empty: no header line and no data rows');
    const schema = csv ?? plainSchemaOf(raw, model);
    // this text's header line, when said, over the training file's (true skips a line 1 of names for a model trained without one)
    const header = csv && model.header !== undefined ? { header: model.header } : {};
    const { dataset } = parseModelCsv(raw, { schema, requireTarget: labelsWanted(wantTarget), warn: model.warn, dtype: model.dtype, ...header }, 'the CSV text');
    return { X: dataset.X, ...(!dataset.unlabeled && wantTarget ? { Y: dataset.Y } : {}) };
  }
  if (csv) {
    const table = isTable(raw) ? raw : { columns: positionalColumns(csv, raw), rows: raw };
    // a hole is an empty cell, as undefined is; a cell's spaces at either end are dropped, as the CSV reader drops a field's (' 1.5 ' was not a number);
    // a number is a number whatever the decimal mark its CSV file writes (1.5 given to a model of 1,5)
    const text = csv.decimal === ',' ? (c: RawCell) => (typeof c === 'number' ? String(c).replace('.', ',') : cellText(c).trim()) : (c: RawCell) => cellText(c).trim();
    const rows = Array.from(table.rows, (r) => Array.from(r, text));
    const { dataset } = encodeRows([...table.columns], rows, csv, { requireTarget: labelsWanted(wantTarget), source: 'the input', missingOption: false, warn: model.warn, dtype: model.dtype });
    return { X: dataset.X, ...(!dataset.unlabeled && wantTarget ? { Y: dataset.Y } : {}) };
  }
  return { X: numberRows(isTable(raw) ? inFeatureOrder(raw, model) : raw, model.features) };
}

/**
 * A table's cells in the order of the model's features, found by name (the columns of a table were
 * read by position: x2, x1 swapped the inputs, and columns named 'foo', 'bar' were taken, silently).
 * Columns it does not use are left out; a model that does not know its features' names takes them in its order.
 */
function inFeatureOrder(table: CsvTable, model: RawContext): RawRows {
  const names = model.features;
  if (names?.length !== model.inputSize) {
    if (table.columns.length !== model.inputSize) throw new DataError(`input table: ${table.columns.length} columns, but the model takes ${model.inputSize} features (in its own order: it has no names for them)`);
    return table.rows;
  }
  const at = names.map((n) => table.columns.indexOf(n));
  const missing = at.findIndex((i) => i < 0);
  if (missing >= 0) throw new DataError(`input table: no column '${names[missing]}'; the model's features are ${names.join(', ')} (columns given: ${table.columns.join(', ')})`);
  return table.rows.map((row) => at.map((i) => row[i]));
}

/** A plain object of named values ({ x1: 1, x2: 2 }), as JSON rows often are. */
const isRecord = (v: unknown) => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

const cells = (n: number) => `${n} cell${n === 1 ? '' : 's'}`;

const RAW_KINDS = 'a Matrix (n_x x m), rows (an array of arrays of cells), a { columns, rows } table, or CSV text';

/** Raw input of none of the accepted kinds is refused saying so (it used to fail on a TypeError, or on "rows have 0 cells"). */
function checkRawInput(raw: unknown): void {
  if (raw instanceof Matrix || typeof raw === 'string') return;
  if (Array.isArray(raw)) {
    const k = raw.findIndex((row) => !Array.isArray(row));
    if (k >= 0) throw new DataError(`input rows: row ${k + 1} is ${kindOf(raw[k])}, not an array of cells; give ${RAW_KINDS} (e.g. [[1, 2], [3, 4]])${isRecord(raw[k]) ? ', or rows of named values as { columns: [names], rows: [[values]] }' : ''}`);
    const n = (raw[0] as unknown[] | undefined)?.length ?? 0, short = raw.findIndex((row: unknown[]) => row.length !== n);
    if (short >= 0) throw new DataError(`input rows: row ${short + 1} has ${cells(raw[short].length)}, row 1 has ${n}; every example needs the same cells`);
    checkCellKinds(raw, 'input rows');
    return;
  }
  if (raw !== null && typeof raw === 'object' && !ArrayBuffer.isView(raw) && !(raw instanceof Map) && !(raw instanceof Set)) {
    const t = raw as { columns?: unknown; rows?: unknown; X?: unknown };
    // a Dataset (loadDataset's, or { X, Y }): "needs the arrays columns and rows" did not say what to give of it
    if (t.X instanceof Matrix) throw new DataError(`the input is a Dataset ({ X, Y, ... }); give its X (model.predict(dataset.X)), or score it with model.evaluate(dataset.X, dataset.Y)`);
    // (a Matrix of another copy of backprop, or one that lost its class, was told only of columns and rows)
    if (!Array.isArray(t.columns) || !Array.isArray(t.rows)) throw new DataError(`input table: needs the arrays columns and rows, got ${kindOf(raw)}; give ${RAW_KINDS}`);
    checkTableColumns(t.columns);
    const k = t.rows.findIndex((row) => !Array.isArray(row));
    if (k >= 0) throw new DataError(`input table: row ${k + 1} is ${kindOf(t.rows[k])}, not an array of cells`);
    // a cell past the columns was dropped, and a row short of them failed on a TypeError
    const n = t.columns.length, bad = t.rows.findIndex((row: unknown[]) => row.length !== n);
    if (bad >= 0) throw new DataError(`input table: row ${bad + 1} has ${cells(t.rows[bad].length)}, but there are ${n} columns (${t.columns.join(', ')})`);
    checkCellKinds(t.rows, 'input table');
    return;
  }
  throw new DataError(`the input is ${kindOf(raw)}; give ${RAW_KINDS}`);
}

/**
 * Every cell is a number, a string (a boolean: its text, a one-hot category 'true'), or null/undefined
 * (empty): a BigInt, a Symbol or an object failed inside on "cell.trim is not a function".
 */
function checkCellKinds(rows: readonly unknown[][], where: string): void {
  for (let j = 0; j < rows.length; j++) {
    const row = rows[j]!;
    for (let i = 0; i < row.length; i++) {
      const c = row[i];
      if (c === null || c === undefined || typeof c === 'number' || typeof c === 'string' || typeof c === 'boolean') continue;
      const hint = typeof c === 'bigint' ? `${String(c)}n, a BigInt: give a number` : `${kindOf(c)}: a cell is a number, a string, or null for an empty cell`;
      throw new DataError(`${where}: row ${j + 1}, cell ${i + 1} is ${hint}`);
    }
  }
}

/** A table's columns: names (strings), each once (of two columns 'x1', the last one was read and the first dropped). */
function checkTableColumns(columns: unknown[]): void {
  const k = columns.findIndex((c) => typeof c !== 'string');
  if (k >= 0) throw new DataError(`input table: column ${k + 1} is named by ${kindOf(columns[k])}; columns must be an array of names (strings)`);
  const twice = repeatedName(columns as string[]);
  if (twice !== undefined) {
    const first = columns.indexOf(twice);
    throw new DataError(`input table: the column '${twice}' is named twice (columns ${first + 1} and ${columns.indexOf(twice, first + 1) + 1})`);
  }
}

/** The columns of a CSV schema that rows without names hold: all of them, or all but the target. */
function positionalColumns(schema: CsvSchema, rows: RawRows): string[] {
  const n = rows[0]?.length ?? 0, targets = schemaTargets(schema);
  if (n === schema.columns.length) return schema.columns;
  // (a model of several targets took rows without its one 'target', the first of them, only)
  if (n === schema.columns.length - targets.length) return schema.columns.filter((c) => !targets.includes(c));
  const without = targets.length === 1 ? 'the target' : `its ${targets.length} targets (${targets.join(', ')})`;
  throw new DataError(`the input rows have ${n} cells, but the model reads rows of the training file's ${schema.columns.length} columns (${schema.columns.join(', ')}), or ${schema.columns.length - targets.length} without ${without}`);
}

/**
 * Rows of numbers (one example per row) as X, n_x x m. A model without a CSV schema has no missing-value
 * policy (no fill values): a missing cell (null, undefined, '', NaN, a hole) is refused as missing, naming
 * its row and feature, as a CSV model trained with { missing: 'error' } refuses it; a string is read as a
 * CSV cell is ('1.5' is 1.5); a boolean is no number (it said "'true' is not a finite number").
 */
function numberRows(rows: RawRows, names?: readonly string[]): Matrix {
  const m = rows.length, n = rows[0]?.length ?? 0;
  if (m === 0) throw new DataError('the input has no examples (no rows)');
  const X = new Matrix(n, m, undefined, 'float64');
  // by index: forEach skips a hole ([[1, , 3]]), whose place kept the 0 of a new Matrix: a prediction from a value never given
  for (let j = 0; j < m; j++) {
    const row = rows[j]!;
    if (row.length !== n) throw new DataError(`input row ${j + 1} has ${row.length} values, row 1 has ${n}`);
    for (let i = 0; i < n; i++) {
      const cell = row[i];
      const v = typeof cell === 'number' ? cell : typeof cell === 'string' ? numberValue(cell.trim()) : NaN;
      if (!Number.isFinite(v)) throw new DataError(`input row ${j + 1}, feature ${i + 1}${names?.length === n ? ` (${names[i]})` : ''}: ${numberCellProblem(cell)}`);
      X.data[i * m + j] = v;
    }
  }
  return X;
}

const NO_POLICY = 'the model has no missing-value policy (it was trained without a CSV schema, so it has no fill values and does not impute)';

/**
 * What is wrong with a cell that is not a finite number, for a model that reads numbers only: a string is
 * read as a CSV file's field is (spaces at either end dropped, decimal digits only: '0x10' was 16), and
 * the CSV reader's missing values ('', 'NA', '?', 'NaN'...) are missing here too.
 */
function numberCellProblem(cell: unknown): string {
  const text = typeof cell === 'string' ? cell.trim() : undefined;
  const missing = cell === null || cell === undefined || (text !== undefined && isMissing(text)) || (typeof cell === 'number' && Number.isNaN(cell));
  if (missing) {
    const given = text === '' ? 'an empty string' : text !== undefined ? `'${text}'` : String(cell);
    return `the value is missing (${given}); ${NO_POLICY}: give a number, or leave the row out`;
  }
  if (typeof cell === 'boolean') return `${cell} is a boolean, not a number; give 1 or 0`;
  if (typeof cell === 'number') return `${cell} is not a finite number`;
  return `'${cellText(cell as RawCell)}' is not a number${numberHint(cellText(cell as RawCell), `but ${NO_POLICY}: give a number`)}`;
}

/** The schema of CSV text for a model that has none, its refusals named as the CSV text's. */
function plainSchemaOf(text: string, model: RawContext): CsvSchema {
  try {
    return plainCsvSchema(firstLine(text), model.inputSize, { task: model.task, classes: model.classes, features: model.features, targets: model.task === 'regression' || model.task === 'multilabel' ? model.outputs : 1, ...(model.header === undefined ? {} : { header: model.header }) });
  } catch (e) {
    throw e instanceof DataError ? new DataError(`the CSV text: ${e.message}`) : e;
  }
}

function firstLine(text: string): string {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
}

/**
 * For a model without a CSV schema (built-in set, hand-written, imported): every column is a
 * number feature, plus the label as the last column when there is one more column than inputs
 * (a regression of k outputs: its k targets, the last k columns). A first line with any cell that is not a number is a header.
 */
export function plainCsvSchema(headerLine: string, inputSize: number, options: { header?: boolean; decimal?: DecimalMark; task?: Task; classes?: readonly string[]; features?: readonly string[]; targets?: number } = {}): CsvSchema {
  // (with decimal commas, ',' is no field separator: 1,5;2,25)
  const comma = options.decimal === ',';
  const cells = headerLine.split(comma ? /[;\t|]/ : /[,;\t|]/).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  const header = options.header ?? cells.some((c) => c !== '' && !Number.isFinite(Number(comma ? c.replace(',', '.') : c)));
  const columns = header ? cells.map((c, i) => c || String(i + 1)) : cells.map((_, i) => String(i + 1));
  const k = options.targets ?? 1;
  if (columns.length !== inputSize && columns.length !== inputSize + k) {
    const labels = k === 1 ? 'the label last' : `the ${k} targets last`;
    throw new DataError(`${columns.length} columns, but the model takes ${inputSize} features (give ${inputSize} columns, or ${inputSize + k} with ${labels})`);
  }
  const names = columns.slice(0, inputSize);
  // a header names the features: when the model knows its features' names, they must be the same, in order
  const known = options.features;
  if (header && known?.length === inputSize && names.some((n, i) => n !== known[i])) {
    throw new DataError(`the header names the features ${names.join(', ')}, but the model's features are ${known.join(', ')} (in that order): rename the columns, or give { header: false } if the first line is data`);
  }
  const target = columns.length > inputSize ? columns[inputSize]! : NO_TARGET_COLUMN;
  const task = options.task ?? 'regression';
  const targets = k > 1 && columns.length > inputSize ? { targets: columns.slice(inputSize) } : {};
  return {
    format: 'csv', header, columns: columns.length > inputSize ? columns : [...columns, target], target, ...targets,
    task, ...(task !== 'regression' ? { classes: [...(options.classes ?? ['0', '1'])] } : {}),
    features: names.map((column) => ({ column, type: 'number' as const, mean: 0 })), featureNames: names, missing: 'error', ...(comma ? { decimal: ',' as const } : {}),
  };
}

/** Several targets given per example ([[w, x, p], ...]) as Y, k x m; every example the same k values, each a finite number. */
function targetRows(labels: readonly (readonly number[])[], what = 'a regression target'): Matrix {
  const m = labels.length, k = Array.isArray(labels[0]) ? labels[0].length : 0;
  const Y = new Matrix(Math.max(k, 1), m, undefined, 'float64');
  labels.forEach((row, j) => {
    if (!Array.isArray(row) || row.length !== k) throw new DataError(`label ${j + 1}: ${Array.isArray(row) ? `${row.length} values` : `'${String(row)}'`}, but label 1 has ${k} targets; give each example its ${k} target values`);
    row.forEach((v, i) => {
      const regression = what === 'a regression target', where = regression ? `label ${j + 1}, target ${i + 1}` : `example ${j + 1}, label ${i + 1}`;
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new DataError(`${where}: ${typeof v === 'string' ? `'${v}'` : String(v)} is not a${regression ? ' finite' : ''} number (${what})`);
      Y.data[i * m + j] = v;
    });
  });
  return Y;
}

/** A multi-label model's labels: a list of k 0/1 per example, as predict returns them, as Y (k x m). */
function labelRows(labels: readonly unknown[], classes?: readonly string[]): Matrix {
  const k = classes?.length ?? 0, bad = labels.findIndex((v) => !Array.isArray(v) || (k > 0 && v.length !== k));
  if (bad >= 0) {
    const v = labels[bad];
    throw new DataError(`label ${bad + 1}: ${Array.isArray(v) ? `${v.length} values` : `'${String(v)}'`}, but a multi-label model of ${k} labels${k ? ` (${classes!.join(', ')})` : ''} is scored on a list of ${k} values 0 or 1 per example, as predict returns them`);
  }
  const Y = targetRows(labels as readonly (readonly number[])[], 'a label: the number 0 or 1');
  const problem = indicatorProblem(Y, classes);
  if (problem) throw new DataError(problem);
  return Y;
}

/** Labels as a 1 x m matrix of class indices (by class name; numbers compare as numbers) or target values (k x m for several targets, a list per example). */
export function labelIndices(given: readonly (string | number)[] | readonly (readonly number[])[], task: Task, classes?: readonly string[]): Matrix {
  // a hole ([1, , 0]) is undefined, as a missing label: forEach skipped it, and its example was scored against class 0 or the value 0
  const labels = Array.from(given as ArrayLike<unknown>, (v) => (Array.isArray(v) ? Array.from(v as unknown[]) : v)) as typeof given;
  const missing = labels.findIndex((v) => v === undefined || v === null || v === '' || (typeof v === 'number' && Number.isNaN(v)));
  if (missing >= 0) throw new DataError(`label ${missing + 1} is missing (${labels[missing] === '' ? 'an empty string' : String(labels[missing])}); give one label per example`);
  // several targets: one list of values per example, as predict returns them
  if (task === 'regression' && labels.some((v) => Array.isArray(v))) return targetRows(labels as readonly (readonly number[])[]);
  if (task === 'multilabel') return labelRows(labels, classes);
  const Y = new Matrix(1, labels.length, undefined, 'float64');
  if (task === 'regression') {
    labels.forEach((v, j) => {
      // a number, or the text of one (Number(true) was 1, Number([5]) 5, Number(' ') 0)
      const x = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      if (!Number.isFinite(x)) throw new DataError(`label ${j + 1}: ${typeof v === 'string' ? `'${v}'` : typeof v === 'number' ? v : kindOf(v)} is not a number (a regression target)`);
      Y.data[j] = x;
    });
    return Y;
  }
  const names = classes ?? ['0', '1'];
  const index = new Map(names.map((c, k) => [labelKey(c), k]));
  labels.forEach((v, j) => {
    const k = index.get(labelKey(String(v)));
    if (k === undefined) {
      const near = nearNameText(String(v), names);
      throw new DataError(`label ${j + 1}: '${v}' is not one of the model's classes (${names.join(', ')})${near ? `; ${near}` : ''}`);
    }
    Y.data[j] = k;
  });
  return Y;
}
