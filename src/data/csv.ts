// CSV text -> Dataset. Reading a training file learns an encoding (the "schema": feature columns,
// one-hot categories, classes, means for missing cells, task) that is plain JSON, and applying that
// schema to a test or predict file lines its columns up exactly as in training.
// Pure (no Node module): it runs in a browser too. Reading files (size limits, gzip, encodings) is csv-file.ts.
// No row is kept while reading: csv-scan.ts walks the text record by record, csv-learn.ts learns the
// schema from running statistics, csv-encode.ts writes each row straight into X and Y; the memory
// used is the text plus X and Y (and the distinct categories and classes).

import { parse as browserParse } from '../vendor/csv-parse-browser.js';
import { DataError, ModelFileError, OptionError } from '../errors.js';
import { checkDTypeOption, type DType, type Matrix } from '../tensor/matrix.js';
import { encode, encodeSteps, planEncoding, type EncodeOptions, type EncodePlan } from './csv-encode.js';
import { checkCsvOptions, startLearning, type Learning } from './csv-learn.js';
import { schemaTargets, type TargetSpec } from './csv-targets.js';
import { csvParseError, LINE_ENDS, memoryTable, openCsvSteps, shorten, type CsvParser } from './csv-scan.js';
import { finishSteps, type Steps } from './read-steps.js';
import { DECIMAL_MARKS, type DecimalMark } from './csv-row.js';
import { RECORDED_ENCODINGS, type RecordedEncoding } from './csv-bytes.js';
import type { Dataset } from './synthetic.js';
import type { DataSchema } from './schema.js';
import { guessHeader } from './csv-header.js';
import { classNamesProblem } from '../model/task.js';
import { repeatedName } from '../util/names.js';
import { kindOf } from '../util/kind-of.js';
import { checkKnownKeys, unknownKey } from '../util/known-keys.js';
import { jsonValueText } from '../util/json.js';
import { wideMean } from '../util/wide-mean.js';

export type CsvTask = 'auto' | 'classification' | 'regression';
export type MissingPolicy = 'error' | 'drop' | 'mean';

export interface CsvOptions {
  /**
   * true: the first line names the columns; false: it is data, and the columns are named "1", "2",
   * ... 'auto' (the default): detected (csv-header.ts: a first line of numbers over columns of
   * numbers is data); CsvResult.headerChoice says what was decided and why, and `warn` is told when
   * the first line was read as data.
   */
  header?: boolean | 'auto';
  /**
   * Target column: a name, a 1-based position, or 'last' (default). Several (a list, or names separated
   * by commas that no column is named): a multi-output regression, Y of one row per target.
   */
  target?: TargetSpec;
  /** Feature columns (names or 1-based positions); default every column but the target. */
  features?: (string | number)[];
  /**
   * Columns left out of the features (names or 1-based positions), the others but the target being the
   * features: pandas' df.drop(columns=[...]), e.g. the row index to_csv wrote. Not with features.
   */
  exclude?: (string | number)[];
  /**
   * 'auto' (default): text labels -> classification; whole numbers, at most 20 distinct with two rows
   * or more per value (or just 0 and 1) -> classification; fractions or more values -> regression;
   * a few whole numbers with fewer rows (0..4 in 8 rows) -> an error asking for the task.
   * CsvResult.taskChoice says what was chosen for a target of numbers.
   */
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
  /**
   * The decimal mark of the numbers: '.' (default) or ',' (1,5 as a German or French spreadsheet
   * saves it, with ';' between fields), as pandas' read_csv(decimal=','). The other mark is never
   * a number: with ',', '1.5' and '1.234,5' are refused, not read as thousands. Recorded in the schema.
   */
  decimal?: DecimalMark;
  /** Dataset name (default: the file name without extensions). */
  name?: string;
  /** Most classes a classification target may have (default MAX_CLASSES). */
  maxClasses?: number;
  /** Told of what is read but worth a word (labels that differ only in case, ...). */
  warn?: (message: string) => void;
  /** The number type of X: 'float32' (default) or 'float64', each number as the file writes it (for a float64 network). */
  dtype?: DType;
}

/** Read another file with the encoding learned on the training file. */
export interface CsvApplyOptions {
  schema: CsvSchema;
  /** The target column must be present (default true); false for predict files; 'ifPresent' when a label that is there must be readable (evaluate). */
  requireTarget?: boolean | 'ifPresent';
  name?: string;
  /** Leave empty cells NaN (see CsvOptions.deferMissing). */
  deferMissing?: boolean;
  /**
   * A one-hot category never seen in training: 'error' (default; the message names the line, the
   * column and the value) or 'ignore' (encode it as all zeros; one warning counts them), as
   * scikit-learn's OneHotEncoder(handle_unknown=...).
   */
  handleUnknown?: 'error' | 'ignore';
  /**
   * What to do with this file's empty cells (default: the schema's policy, the training's): 'error',
   * 'drop' the row, or fill with the training 'mean' the schema holds. A file read without its
   * labels (requireTarget false: predict) never loses a row, whatever the policy: its examples are
   * one per row, and a dropped row moved every later prediction up a line, silently; an empty
   * feature cell there is an error unless the policy is 'mean'.
   */
  missing?: MissingPolicy;
  /** This file's field separator (default, or 'auto': the training file's, the schema's). */
  delimiter?: string;
  /** This file's decimal mark (default: the training file's, the schema's). */
  decimal?: DecimalMark;
  /**
   * Whether this file's line 1 is a header (default, or 'auto': as the training file's). When this
   * file or the training file has none, the columns are taken by position, in the training file's
   * order: all of them, or all but the target.
   */
  header?: boolean | 'auto';
  warn?: (message: string) => void;
  /** The number type of X (see CsvOptions.dtype). */
  dtype?: DType;
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
  /** The target column (the first of several). */
  target: string;
  /** Several target columns (a multi-output regression, or the labels of a multilabel classification), in the order of the outputs; absent for one. */
  targets?: string[];
  task: Dataset['task'];
  classes?: string[];
  features: CsvFeature[];
  /** The network's input names, in order (one-hot columns expand to "column=category"). */
  featureNames: string[];
  missing: MissingPolicy;
  /** The field separator of the training file (',' when absent). */
  delimiter?: string;
  /** The decimal mark of the training file's numbers ('.' when absent); files read for the model take it unless told. */
  decimal?: DecimalMark;
  /** The training file's text encoding when it was not UTF-8 (readCsv): files read for the model take it unless told or the file is UTF-8. */
  encoding?: RecordedEncoding;
}

export interface CsvResult {
  dataset: Dataset;
  schema: CsvSchema;
  /** Line numbers of rows skipped by missing: 'drop'. */
  droppedLines: number[];
  /** With handleUnknown: 'ignore': how many cells held a category unseen in training. */
  unknownCategories?: number;
  /**
   * With task 'auto' and a target of numbers: which task was chosen and why, naming the option that
   * chooses the other ("... holds 5 different whole numbers (0, 1, 2, 3, 4), read as 5 classes ...").
   */
  taskChoice?: string;
  /**
   * With header 'auto' (the default): whether line 1 was read as the header or as data, and why,
   * naming the option that says otherwise ("line 1 read as data (no header line): ...").
   */
  headerChoice?: string;
}

export { MAX_CLASSES } from './csv-learn.js';
export { shorten, type CsvParser } from './csv-scan.js';
export { MISSING_VALUES, labelKey, DECIMAL_MARKS, type DecimalMark } from './csv-row.js';

/** Parse CSV text into a dataset: learn a schema, or apply one given as options.schema; source names the text in error messages. */
export function parseCsv(text: string, options: CsvOptions | CsvApplyOptions = {}, source = 'CSV text'): CsvResult {
  return parseCsvWith(browserParse as unknown as CsvParser, text, options, source);
}

/** CSV text read for a Model's predict or evaluate with its schema: its errors do not advise options those methods do not take. */
export function parseModelCsv(text: string, options: CsvApplyOptions, source: string): CsvResult {
  return parseCsvWith(browserParse as unknown as CsvParser, text, options, source, false);
}

/**
 * The first record of CSV text (its header line, when it has one), the field separator
 * `delimiter: 'auto'` would choose, and whether `header: 'auto'` reads that record as the header
 * line: what a caller needs to pick the target and feature columns before parseCsv (a caller that
 * decided the header by its own rule took a first line with a missing value, '1,2,?', for column
 * names). `source` names the text in error messages.
 */
export function csvHeader(text: string, options: { delimiter?: string; decimal?: DecimalMark } = {}, source = 'CSV text'): { cells: string[]; delimiter: string; header: boolean } {
  if (typeof text !== 'string') throw new OptionError(`csvHeader: give the CSV text as a string, got ${kindOf(text)}`);
  const excel = excelSeparatorLine(text, source, options.delimiter);
  const start = (excel?.text ?? text).replace(/^\uFEFF/, '').replace(/^(?:[ \t]*\r?\n)+/, ''); // blank lines before the first record
  const delimiter = excel?.delimiter ?? chooseDelimiter(start, options.delimiter ?? 'auto', options.decimal);
  let records: string[][];
  try {
    records = browserParse(start, { delimiter, bom: true, record_delimiter: LINE_ENDS, relax_column_count: true, skip_empty_lines: true, trim: true, to_line: 1 }) as string[][];
  } catch (e) {
    throw csvParseError(e, start, delimiter, source);
  }
  const cells = records[0];
  if (!cells) throw new DataError(`${source}: the file is empty`);
  return { cells, delimiter, header: guessHeader(browserParse as unknown as CsvParser, start, delimiter, options.decimal).header };
}

/**
 * parseCsv with a given csv-parse build. The text is read in passes that keep no row: learning the
 * schema (running statistics) or counting the rows to keep, then encoding each row into X and Y.
 */
export function parseCsvWith(parse: CsvParser, text: string, options: CsvOptions | CsvApplyOptions = {}, source = 'CSV text', missingOption = true): CsvResult {
  return finishSteps(parseCsvSteps(parse, text, options, source, missingOption));
}

/** parseCsvWith in steps, pausing every piece of the text: an async reader gives the event loop a turn between them (read-steps.ts). */
export function* parseCsvSteps(parse: CsvParser, text: string, options: CsvOptions | CsvApplyOptions = {}, source = 'CSV text', missingOption = true): Steps<CsvResult> {
  if (typeof text !== 'string') throw new OptionError(`parseCsv: give the CSV text as a string, got ${kindOf(text)}`);
  checkCsvReadOptions(options);
  const excel = excelSeparatorLine(text, source, 'schema' in options && options.schema ? undefined : (options as CsvOptions).delimiter);
  if (excel) text = excel.text;
  text = withoutEndOfFileMark(text);
  const warn = options.warn ?? (() => {});
  if ('schema' in options && options.schema) {
    validateSchema(options.schema);
    // this file's own separator and missing-value policy, when given, over the training file's
    const schema: CsvSchema = { ...options.schema, ...(options.missing ? { missing: options.missing } : {}) };
    const asked = options.delimiter !== undefined && options.delimiter !== 'auto' ? chooseDelimiter('', options.delimiter) : fileDelimiter(text, schema);
    const unknown = options.handleUnknown ?? 'error';
    const requireTarget = options.requireTarget ?? true;
    // this file's header line, when said, over the training file's: columns by name only when both have one
    const fileHeader = options.header === undefined || options.header === 'auto' ? schema.header : options.header;
    const located: CsvSchema = { ...schema, header: schema.header && fileHeader };
    let plan: EncodePlan | undefined;
    const table = yield* openCsvSteps(parse, text, fileHeader, source, excel?.delimiter ?? asked ?? schema.delimiter ?? ',', (t) => {
      plan = planEncoding(t, located, requireTarget);
      return plan.count;
    }, options.decimal ?? schema.decimal ?? '.');
    const result = yield* encodeSteps(table, located, plan!, { requireTarget, name: options.name ?? 'data', deferMissing: options.deferMissing === true, handleUnknown: unknown, warn, dtype: options.dtype, missingOption });
    return { ...result, schema: options.schema };
  }
  const learn = options as CsvOptions;
  const delimiter = excel?.delimiter ?? chooseDelimiter(text, learn.delimiter ?? 'auto', learn.decimal);
  const decimal = learn.decimal ?? '.';
  const guess = learn.header === undefined || learn.header === 'auto' ? guessHeader(parse, text, delimiter, decimal) : undefined;
  const header = guess ? guess.header : learn.header === true;
  const headerChoice = guess && (guess.header
    ? `${source}: line 1 read as the header line (${guess.reason}); if it is data, say so ({ header: false })`
    : `${source}: no header line (${guess.reason}): columns are named 1, 2, 3, ...; if line 1 names the columns, say so ({ header: true })`);
  if (guess && (!header || guess.doubtful)) warn(headerChoice!);
  let learning: Learning | undefined;
  const table = yield* openCsvSteps(parse, text, header, source, delimiter, (t) => {
    learning = startLearning(t, { ...learn, header });
    return learning.visit;
  }, decimal);
  const schema: CsvSchema = { ...(yield* learning!.finish(warn)), ...(delimiter !== ',' ? { delimiter } : {}), ...(decimal !== '.' ? { decimal } : {}) };
  const { featureIdx, ts } = planEncoding(table, schema, true);
  const plan: EncodePlan = { featureIdx, ts, kept: learning!.kept, droppedLines: learning!.droppedLines, count: () => {} };
  const result = yield* encodeSteps(table, schema, plan, { requireTarget: true, name: options.name ?? 'data', deferMissing: learn.deferMissing === true, handleUnknown: 'error', warn, dtype: learn.dtype });
  return { ...result, ...(learning!.taskChoice === undefined ? {} : { taskChoice: learning!.taskChoice }), ...(headerChoice ? { headerChoice } : {}) };
}

const DELIMITERS = [',', ';', '\t', '|'];

const CTRL_Z = 0x1a;

/**
 * The text without a DOS end-of-file mark (Ctrl-Z, 0x1A) as its last character (line ends after it
 * aside): DOS tools and some old exports end a file so, and the mark holds no data. Python's csv reads
 * it as a row of its own; it was "line 22: 1 field, expected 3" naming nothing visible, or (with no line
 * end before it) a label '1\u001a' read as a class of its own. Taken as the end of the file, as DOS did; a
 * 0x1A anywhere else is data, and quoted visibly where a message shows it (cellShown).
 */
function withoutEndOfFileMark(text: string): string {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 0x0a || text.charCodeAt(end - 1) === 0x0d)) end--;
  return end > 0 && text.charCodeAt(end - 1) === CTRL_Z ? text.slice(0, end - 1) + text.slice(end) : text;
}

/**
 * Excel's separator line ("sep=;" first, as Excel writes for a list separator of another locale) is
 * neither a header nor data: it names the separator, as Excel reads it. It was read as a header of two
 * columns ('sep=', '') and the file failed on line 2 with "3 fields, expected 2". Now its separator is
 * the file's, and the line is blanked (its line end kept, so every line keeps its number). A separator
 * the reader does not know, or a `delimiter` option that says another, is an error naming both.
 */
function excelSeparatorLine(text: string, source: string, asked: string | undefined): { delimiter: string; text: string } | undefined {
  const m = /^(\uFEFF?)"?sep=(.?)"?[ \t]*(?=\r\n|\n|\r|$)/i.exec(text.slice(0, 16));
  if (!m) return undefined;
  const d = m[2]!, line = m[0].slice(m[1]!.length).trim();
  const named = (c: string) => (c === '\t' ? 'a tab' : `'${c}'`);
  if (!DELIMITERS.includes(d)) {
    throw new DataError(`${source}, line 1: Excel's separator line '${line}' names ${d ? named(d) : 'no character'} as the separator; backprop reads , ; tab or |: change that line`);
  }
  if (asked !== undefined && asked !== 'auto' && chooseDelimiter('', asked) !== d) {
    throw new OptionError(`${source}, line 1: Excel's separator line '${line}' names ${named(d)} as the separator, but the delimiter option says ${named(chooseDelimiter('', asked))}; drop the option (or that line)`);
  }
  return { delimiter: d, text: m[1]! + text.slice(m[0].length) };
}

const CSV_LEARN_KEYS = ['header', 'target', 'features', 'exclude', 'task', 'oneHot', 'missing', 'deferMissing', 'delimiter', 'decimal', 'name', 'maxClasses', 'warn', 'dtype'] as const satisfies readonly (keyof CsvOptions)[];
const CSV_APPLY_KEYS = ['schema', 'requireTarget', 'name', 'deferMissing', 'handleUnknown', 'missing', 'delimiter', 'decimal', 'header', 'warn', 'dtype'] as const satisfies readonly (keyof CsvApplyOptions)[];

/**
 * Every option of reading CSV that can be checked without the text (types, names of choices, the
 * delimiter): readCsv checks them before it reads a file (a bad option was said after reading 500 MB).
 */
export function checkCsvReadOptions(options: CsvOptions | CsvApplyOptions, what = 'parseCsv', fileKeys: readonly string[] = []): void {
  if (options === null || typeof options !== 'object') throw new OptionError(`${what}: options must be an object such as { target: 'y' }, got ${kindOf(options)}`);
  // { tagret: 'y' } read the last column as the target, silently
  const applying = 'schema' in options && options.schema !== undefined;
  checkKnownKeys(options, [...(applying ? CSV_APPLY_KEYS : CSV_LEARN_KEYS), ...fileKeys], what, (m) => new OptionError(m));
  checkDTypeOption(options.dtype, 'options.dtype');
  const { decimal } = options;
  if (decimal !== undefined && !DECIMAL_MARKS.includes(decimal)) throw new OptionError(`options.decimal must be '.' or ',' (the decimal mark of the numbers: 1.5 or 1,5), got ${jsonValueText(decimal)}`);
  if ('schema' in options && options.schema) {
    const unknown = options.handleUnknown ?? 'error';
    if (unknown !== 'error' && unknown !== 'ignore') throw new OptionError(`options.handleUnknown must be error or ignore, got '${String(unknown)}'`);
    const { missing, delimiter } = options;
    if (missing !== undefined && !['error', 'drop', 'mean'].includes(missing)) throw new OptionError(`options.missing must be error, drop or mean, got '${String(missing)}'`);
    if (delimiter !== undefined && delimiter !== 'auto') chooseDelimiter('', delimiter);
    const { header } = options;
    if (header !== undefined && header !== true && header !== false && header !== 'auto') throw new OptionError(`options.header must be true, false or 'auto', got ${jsonValueText(header)}`);
    return;
  }
  const learn = options as CsvOptions;
  checkCsvOptions(learn);
  if (learn.delimiter !== undefined && learn.delimiter !== 'auto') chooseDelimiter('', learn.delimiter);
}

/** Line 1 of CSV text (after a byte-order mark; any line end, CR alone too) without its quoted parts: where separators are counted. */
const firstLineUnquoted = (text: string) => (text.replace(/^\uFEFF/, '').split(/\r?\n|\r/, 1)[0] ?? '').replace(/"[^"]*"/g, '');

/**
 * The separator of a file read for a trained model, when it is not the training file's: line 1 has
 * none of the training separator and splits into the training file's columns (or all but the target)
 * on another. (A ';' file given for a ',' model read as one column: "no column 'a'".)
 */
function fileDelimiter(text: string, schema: CsvSchema): string | undefined {
  const trained = schema.delimiter ?? ',';
  const first = firstLineUnquoted(text);
  if (schema.columns.length < 2 || first.includes(trained)) return undefined;
  const fields = (d: string) => first.split(d).length;
  return DELIMITERS.find((d) => d !== trained && fields(d) >= 2 && (fields(d) === schema.columns.length || fields(d) === schema.columns.length - 1));
}

/**
 * The separator asked for, or with 'auto' the one the first line uses most (',' on a tie or none).
 * With decimal commas a ',' is a separator only where no other is used (1,5;2,25 was split at its
 * commas on a tie, a headerless file of two columns read as four).
 */
function chooseDelimiter(text: string, asked: string, decimal: DecimalMark = '.'): string {
  if (asked !== 'auto') {
    const d = asked === 'tab' || asked === '\\t' ? '\t' : asked;
    if (!DELIMITERS.includes(d)) throw new OptionError(`options.delimiter must be one of , ; tab | or auto, got '${asked}'`);
    return d;
  }
  const first = firstLineUnquoted(text);
  let best = ',', bestCount = 0;
  for (const d of DELIMITERS) {
    if (d === ',' && decimal === ',') continue;
    const count = first.split(d).length - 1;
    if (count > bestCount) { best = d; bestCount = count; }
  }
  return best;
}

/**
 * fillMissingMeans for any CSV data: the schema's means become those of the training rows whatever the
 * policy, as scikit-learn's SimpleImputer learns its statistics at fit time. A model trained with
 * { missing: 'mean' } fills empty cells at prediction with them; one trained with 'error' or 'drop'
 * does when asked (predict --missing mean, loadDataset(file, { schema, missing: 'mean' })), and kept
 * the means of every row of the training file, test rows too, although --missing says "over the
 * training rows only". (Only data read with 'mean' has cells deferMissing left NaN.)
 */
export function fillDeferredMeans(schema: DataSchema | undefined, train: Matrix, others: (Matrix | undefined)[] = []): void {
  if (schema?.format === 'csv') fillMissingMeans(schema, train, others);
}

/**
 * The cells a reader filled with the whole file's means at once (Dataset.missingCells: { missing: 'mean' }
 * without deferMissing) empty again, on a copy of X, so fillDeferredMeans fills them with the training
 * rows' means after a split: the test rows' values went into the model's means.
 */
export function emptyFilledCells(d: Dataset): Dataset {
  if (!d.missingCells) return d;
  const { missingCells, ...rest } = d;
  const X = d.X.clone();
  for (const c of missingCells) X.data[c] = NaN;
  return { ...rest, X };
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
    const mean = wideMean(row(train), true); // (a float64 column of 1e308 had the mean -Infinity, which filled its empty cells)
    feature.mean = Number.isNaN(mean) ? 0 : mean; // (empty in every training row: 0, as learnSchema does for a column empty everywhere)
    for (const M of [train, ...others]) {
      if (!M) continue;
      const r = row(M);
      for (let j = 0; j < r.length; j++) if (Number.isNaN(r[j]!)) r[j] = feature.mean;
    }
    f++;
  }
}

/**
 * Encode rows of cells (one example per row, named by `columns`) with a learned schema: CSV data
 * that is already in memory (a library user's rows, the page). `source` names them in errors.
 */
export function encodeRows(columns: string[], rows: string[][], schema: CsvSchema, options: Partial<EncodeOptions> & { source?: string } = {}): CsvResult {
  validateSchema(schema);
  const source = options.source ?? 'the rows';
  if (rows.length === 0) throw new DataError(`${source}: no rows`);
  const table = memoryTable(columns, rows, source, schema.decimal);
  const headed = { ...schema, header: true };
  const plan = planEncoding(table, headed, options.requireTarget ?? true);
  table.forEach(plan.count);
  return encode(table, headed, plan, {
    requireTarget: options.requireTarget ?? true, name: options.name ?? 'data', deferMissing: options.deferMissing === true,
    handleUnknown: options.handleUnknown ?? 'error', warn: options.warn ?? (() => {}), missingOption: options.missingOption, dtype: options.dtype,
  });
}

/** Check a schema read back from JSON, so a damaged one fails with a clear message (a ModelFileError naming the field). */
export function validateSchema(s: CsvSchema): void {
  const ok = s && s.format === 'csv' && Array.isArray(s.columns) && typeof s.target === 'string' && Array.isArray(s.features) &&
    Array.isArray(s.featureNames) && ['binary', 'multiclass', 'multilabel', 'regression'].includes(s.task) && ['error', 'drop', 'mean'].includes(s.missing);
  if (!ok) throw new ModelFileError('field "preprocessing.data": the CSV schema is malformed (expected format "csv" with columns, target, features, featureNames, task, missing)');
  // each feature is one number column or one-hot categories; together they make the featureNames
  const width = (f: CsvFeature) => (f?.type === 'number' && typeof f.mean === 'number' ? 1
    : f?.type === 'oneHot' && Array.isArray(f.categories) ? f.categories.length : NaN);
  const bad = s.features.findIndex((f) => typeof f?.column !== 'string' || !(width(f) >= 0));
  if (bad >= 0) throw new ModelFileError(`field "preprocessing.data": feature ${bad + 1} must be {column, type: "number", mean} or {column, type: "oneHot", categories}`);
  const total = s.features.reduce((n, f) => n + width(f), 0);
  if (total !== s.featureNames.length) throw new ModelFileError(`field "preprocessing.data": the features give ${total} inputs but featureNames has ${s.featureNames.length}`);
  if (s.task !== 'regression' && !(Array.isArray(s.classes) && s.classes.length >= 2)) throw new ModelFileError('field "preprocessing.data": a classification schema needs "classes"');
  validateSchemaNames(s);
  validateSchemaFields(s);
}

const SCHEMA_FIELDS = ['format', 'header', 'columns', 'target', 'targets', 'task', 'classes', 'features', 'featureNames', 'missing', 'delimiter', 'decimal', 'encoding'] as const satisfies readonly (keyof CsvSchema)[];

/**
 * The schema's other fields, as strictly as the rest of a model file: a field this version does not
 * know, a header of "yes", a delimiter 'x' or featureNames that are not what the features make (an
 * edit that read the file another way than it was trained, or named its inputs wrongly) were taken.
 */
function validateSchemaFields(s: CsvSchema): void {
  const fail = (msg: string): never => { throw new ModelFileError(`field "preprocessing.data": ${msg}`); };
  const unknown = unknownKey(s, SCHEMA_FIELDS);
  if (unknown) fail(`"${unknown.key}" is not a field of a CSV schema${unknown.near ? ` (did you mean "${unknown.near}"?)` : ''}; the fields are ${SCHEMA_FIELDS.join(', ')}`);
  if (typeof s.header !== 'boolean') fail(`"header" must be true or false, got ${jsonValueText(s.header)}`);
  if (s.delimiter !== undefined && !DELIMITERS.includes(s.delimiter)) fail(`"delimiter" must be one of , ; | or a tab, got ${jsonValueText(s.delimiter)}`);
  if (s.decimal !== undefined && !DECIMAL_MARKS.includes(s.decimal)) fail(`"decimal" must be "." or ",", got ${jsonValueText(s.decimal)}`);
  if (s.encoding !== undefined && !RECORDED_ENCODINGS.includes(s.encoding)) fail(`"encoding" must be one of ${RECORDED_ENCODINGS.join(', ')}, got ${jsonValueText(s.encoding)}`);
  const names = s.features.flatMap((f) => (f.type === 'number' ? [f.column] : f.categories.map((c) => `${f.column}=${c}`)));
  const at = names.findIndex((n, i) => n !== s.featureNames[i]);
  if (at >= 0) fail(`"featureNames" entry ${at + 1} is ${jsonValueText(s.featureNames[at])}, but the features make '${names[at]}' (${shorten(names.join(', '), 120)})`);
}

/** Several targets: two or more distinct names, the first the schema's target, and a regression. */
function validateSchemaTargets(s: CsvSchema, fail: (msg: string) => never): void {
  const t = s.targets as unknown;
  if (!Array.isArray(t) || t.length < 2 || t.some((x) => typeof x !== 'string')) fail(`"targets" must be a list of two or more column names, got ${jsonValueText(t)}`);
  const twice = repeatedName(s.targets!);
  if (twice !== undefined) fail(`"targets" names '${twice}' twice`);
  if (s.targets![0] !== s.target) fail(`"targets" must start with the "target" '${s.target}', got '${s.targets![0]}'`);
  if (s.task !== 'regression' && s.task !== 'multilabel') fail(`several "targets" are a regression or a multilabel classification, but "task" is ${jsonValueText(s.task)}`);
  if (s.task === 'multilabel' && (s.classes?.length !== s.targets!.length || s.classes.some((c, i) => c !== s.targets![i]))) fail(`the "classes" of a multilabel schema are its "targets" (${s.targets!.join(', ')}), got ${jsonValueText(s.classes)}`);
}

/**
 * The names of a schema tie each input to one column and each output to one class: a name given
 * twice (a feature's column edited to another feature's) read one column into two inputs, silently.
 */
function validateSchemaNames(s: CsvSchema): void {
  const fail = (msg: string): never => { throw new ModelFileError(`field "preprocessing.data": ${msg}`); };
  const strings = (v: unknown[]) => v.every((x) => typeof x === 'string');
  if (!strings(s.columns) || !strings(s.featureNames)) fail('"columns" and "featureNames" must be lists of names');
  const column = repeatedName(s.columns);
  if (column !== undefined) fail(`"columns" names '${column}' twice`);
  const used = repeatedName(s.features.map((f) => f.column));
  if (used !== undefined) fail(`two features read column '${used}'; each column is one feature`);
  const columns = new Set(s.columns); // a Set: includes() per feature was quadratic (200,000 columns took 100 s)
  const absent = s.features.find((f) => !columns.has(f.column));
  if (absent) fail(`feature column '${absent.column}' is not one of "columns" (${s.columns.join(', ')})`);
  for (const target of schemaTargets(s)) {
    if (!s.columns.includes(target)) fail(`the target '${target}' is not one of "columns" (${s.columns.join(', ')})`);
    if (s.features.some((f) => f.column === target)) fail(`the target '${target}' is also a feature`);
  }
  if (s.targets !== undefined) validateSchemaTargets(s, fail);
  else if (s.task === 'multilabel') fail('a multilabel schema names its label columns in "targets"');
  const input = repeatedName(s.featureNames);
  if (input !== undefined) fail(`"featureNames" names '${input}' twice`);
  for (const f of s.features) {
    const category = f.type === 'oneHot' ? repeatedName(f.categories.map(String)) : undefined;
    if (category !== undefined) fail(`the categories of column '${f.column}' name '${category}' twice`);
  }
  const classes = s.classes && classNamesProblem(s.classes);
  if (classes) fail(`"classes" ${classes}`);
}
