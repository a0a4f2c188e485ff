// Encoding CSV rows with a learned schema, one row at a time, straight into the preallocated X
// (n_x x m, float32 unless options.dtype says float64, one example per column: the cell of row j, feature i goes to X.data[i * m + j])
// and Y: the rows themselves are never held. The rows to keep are counted first (a pass of their
// own, or the learning pass). Pure (no Node module): it runs in a browser.

import { DataError } from '../errors.js';
import { Matrix, type DType } from '../tensor/matrix.js';
import type { CsvFeature, CsvResult, CsvSchema } from './csv.js';
import { schemaTargets } from './csv-targets.js';
import { cellShown, findColumn, looksNumeric, shorten, singleColumn, type CsvTable, type RowVisitor } from './csv-scan.js';
import { decimalCode, isMissingMark, isSpreadsheetError, labelKeyOf, MISSING_VALUES, numberValue, type CsvRow, type DecimalMark } from './csv-row.js';
import type { Dataset } from './synthetic.js';
import { roundedAsRead, roundedAsReadText, roundedIntegersText, roundsInFloat32, underflowText, zeroReadText } from './float32-range.js';
import { INVISIBLE, nearNameText } from '../util/names.js';
import { groupedNumbers } from './csv-grouped.js';
import { sameAnswerText } from './answers.js';
import { finishSteps, type Steps } from './read-steps.js';

/** Largest X a file may make: 2^28 float32 values are 1 GB. */
export const MAX_VALUES = 2 ** 28;
/** float32's largest magnitude (about 3.4028e38), as a bound on what a cell may hold. */
const FLOAT32_MAX = 3.4e38;

export interface EncodeOptions {
  /** The target column must be there (true), may be left out (false: predict), or may be left out but must be readable where it is ('ifPresent': evaluate). */
  requireTarget: boolean | 'ifPresent';
  name: string;
  deferMissing: boolean;
  handleUnknown: 'error' | 'ignore';
  warn: (message: string) => void;
  /** The number type of X (default float32); float64 keeps each number as the file writes it, for a float64 network. */
  dtype?: DType;
  /**
   * Whether the caller takes a { missing } policy for this file (loadDataset, parseCsv: true, the
   * default); a Model's predict and evaluate do not (the model's own policy applies, as a fitted
   * scikit-learn Pipeline's imputer does), so their error does not advise it.
   */
  missingOption?: boolean;
}

/** Where the schema's columns are in this table (target -1 when absent), and the rows kept so far. */
export interface EncodePlan {
  featureIdx: number[];
  /** The target columns, one per output (empty when the file has none: a predict file). */
  ts: number[];
  kept: number;
  droppedLines: number[];
  /** Count a row: kept, or dropped by missing: 'drop'. */
  count: RowVisitor;
}

/** Where the schema's columns are in this table (target -1 when absent). */
export function planEncoding(table: CsvTable, schema: CsvSchema, requireTarget: boolean | 'ifPresent'): EncodePlan {
  const { featureIdx, ts } = locateColumns(table, schema, requireTarget === true);
  const used = [...featureIdx, ...ts];
  const drop = dropsRows(schema, requireTarget);
  const plan: EncodePlan = {
    featureIdx, ts, kept: 0, droppedLines: [],
    count: (row, line) => {
      if (drop && used.some((i) => row.missing(i))) plan.droppedLines.push(line);
      else plan.kept++;
    },
  };
  return plan;
}

/**
 * Whether rows with an empty cell are left out: with { missing: 'drop' }, but never from a file read
 * without its labels (a predict file): its examples are one per row, and a dropped row moved every
 * later prediction up a line, silently (an empty label cell dropped a row whose label is not needed).
 */
function dropsRows(schema: CsvSchema, requireTarget: boolean | 'ifPresent'): boolean {
  return schema.missing === 'drop' && requireTarget !== false;
}

/**
 * The target of a schema made for a model that knows no CSV columns (plainCsvSchema) from a file
 * without a label column: no file has a column of this name.
 */
export const NO_TARGET_COLUMN = '\u0000no target';

function locateColumns(table: CsvTable, schema: CsvSchema, requireTarget: boolean): { featureIdx: number[]; ts: number[] } {
  const { columns, source } = table;
  if (requireTarget && schema.target === NO_TARGET_COLUMN) {
    const n = schema.features.length;
    throw new DataError(`${source}: ${columns.length} columns, the model's ${n} features and no label; labelled data has ${n + 1} columns, the label last`);
  }
  if (schema.header) {
    // line 1 names none of the model's columns, and has as many as the training file (or as its features): a row of data
    const asData = !schema.columns.some((c) => findColumn(table, c) !== undefined) && (columns.length === schema.columns.length || columns.length === schema.features.length);
    const find = (c: string) => {
      const i = findColumn(table, c);
      if (i === undefined && (looksNumeric(columns) || asData)) {
        // ('A,B,Y' for a model of a, b, y: told to add the header it has, in other letters)
        const lower = new Set(columns.map((k) => k.trim().toLowerCase()));
        const used = schema.features.map((f) => f.column);
        if (!looksNumeric(columns) && used.every((k) => lower.has(k.trim().toLowerCase()))) {
          throw new DataError(`${source}: line 1 names the model's columns in other capitals or spaces (${shorten(columns.join(', '), 80)} for ${shorten(schema.columns.join(', '), 80)}); names are read exactly: write them as in the training file`);
        }
        throw new DataError(`${source}: line 1 holds ${looksNumeric(columns) ? 'numbers' : 'no name of the model\'s columns'} (${shorten(columns.join(', '), 80)}), not the header line the model was trained with (${shorten(schema.columns.join(', '), 200)}); add that header as line 1, or say the file has none ({ header: false }) to read its columns by position`);
      }
      const near = i === undefined ? nearNameText(c, columns) : '';
      if (i === undefined) throw new DataError(`${source}: no column '${c}' (it was used in training${near ? `; ${near}` : ''})${singleColumn(table, ' ', 'the file reads as a single column')}; the columns are: ${shorten(columns.join(', '), 400)}`);
      return i;
    };
    const featureIdx = schema.features.map((f) => find(f.column));
    const targets = schemaTargets(schema);
    const ts = targets.map((c) => findColumn(table, c) ?? -1);
    const absent = ts.indexOf(-1);
    const near = absent >= 0 ? nearNameText(targets[absent]!, columns) : '';
    if (absent >= 0 && requireTarget) throw new DataError(`${source}: no target column '${targets[absent]}'${near ? ` (${near})` : ''}; the columns are: ${shorten(columns.join(', '), 400)}`);
    // several targets: all of them, or none (a file without its labels)
    return { featureIdx, ts: absent >= 0 ? [] : ts };
  }
  // Without a header, columns are positions; a predict file may leave out the target columns.
  const trained = new Map(schema.columns.map((c, i) => [c, i]));
  const trainTs = schemaTargets(schema).map((c) => trained.get(c) ?? -1);
  const position = (c: string) => trained.get(c) ?? -1;
  if (columns.length === schema.columns.length) return { featureIdx: schema.features.map((f) => position(f.column)), ts: trainTs };
  const k = trainTs.length, without = schema.columns.length - k;
  if (columns.length === without && !requireTarget) {
    return { featureIdx: schema.features.map((f) => position(f.column) - trainTs.filter((t) => position(f.column) > t).length), ts: [] };
  }
  const hint = singleColumn(table, ' ', 'the file reads as a single column');
  throw new DataError(`${source}: ${columns.length} columns per row, but the training file had ${schema.columns.length}${requireTarget ? '' : ` (or ${without} without the target${k > 1 ? 's' : ''})`}${hint}`);
}

/** The dataset: one more pass over the table, filling X and Y row by row. */
export function encode(table: CsvTable, schema: CsvSchema, plan: EncodePlan, options: EncodeOptions): CsvResult {
  return finishSteps(encodeSteps(table, schema, plan, options));
}

/** encode in steps, pausing every piece of the text (read-steps.ts). */
export function* encodeSteps(table: CsvTable, schema: CsvSchema, plan: EncodePlan, options: EncodeOptions): Steps<CsvResult> {
  const { source } = table;
  const { featureIdx, ts, droppedLines } = plan;
  if (plan.kept === 0) throw new DataError(`${source}: every row has an empty cell, nothing is left after { missing: 'drop' }`);
  const m = plan.kept, nx = schema.featureNames.length;
  if (nx * m > MAX_VALUES) {
    const widest = schema.features.reduce((a, f) => (f.type === 'oneHot' && f.categories.length > (a?.categories.length ?? 0) ? f : a), undefined as Extract<CsvFeature, { type: 'oneHot' }> | undefined);
    const why = widest ? `; one-hot column '${widest.column}' alone makes ${widest.categories.length} features` : '';
    throw new DataError(`${source}: ${nx} features x ${m} rows is more than the ${MAX_VALUES} values that fit in memory${why}`);
  }
  const X = new Matrix(nx, m, undefined, options.dtype ?? 'float32'); // one example per column
  const Y = new Matrix(schemaTargets(schema).length, m, undefined, 'float64'); // one row per target
  if (schema.header) warnUnknownColumns(table, schema, options.warn);
  const encoder = rowEncoder(table, schema, featureIdx, ts, X, Y, options);
  const used = [...featureIdx, ...ts];
  const drop = dropsRows(schema, options.requireTarget);
  let j = 0;
  yield* table.steps((row, line) => {
    if (drop && used.some((i) => row.missing(i))) return;
    encoder.encode(row, line, j++);
  });
  if (j !== m) throw new Error(`internal: counted ${m} rows to keep, encoded ${j}`);
  for (const said of encoder.underflow(source)) options.warn(said);
  const empties = encoder.emptyRows(source);
  if (empties) options.warn(empties);
  const grouped = encoder.grouped((n) => schema.features[n]!.column);
  if (grouped) options.warn(grouped);
  const unknown = encoder.unknown();
  if (unknown > 0) options.warn(`${source}: ${unknown} cell${unknown === 1 ? '' : 's'} held a category not seen in training, encoded as all zeros ({ handleUnknown: 'ignore' })`);
  const dropped = encoder.labelsDropped();
  if (dropped) {
    const targets = schemaTargets(schema);
    options.warn(`${dropped}: the labels are not needed here, so the target ${targets.length > 1 ? 'columns' : 'column'} ${targets.map((c) => `'${c}'`).join(', ')} ${targets.length > 1 ? 'are' : 'is'} left out`);
    Y.data.fill(NaN);
  }
  const dataset: Dataset = {
    name: options.name, X, Y, task: schema.task, featureNames: [...schema.featureNames],
    ...(schema.classes ? { classes: [...schema.classes] } : {}),
    ...(ts.length === 0 || dropped ? { unlabeled: true } : {}),
    ...(encoder.filled().length > 0 ? { missingCells: Uint32Array.from(encoder.filled()) } : {}),
  };
  return { dataset, schema, droppedLines, ...(unknown > 0 ? { unknownCategories: unknown } : {}) };
}

/**
 * Columns of a file read with a learned schema that the training data did not have, named in one
 * warning: they are ignored (a column added to the file, or the target under another name, was read
 * past without a word). Columns the training data had but the model does not use are expected.
 */
function warnUnknownColumns(table: CsvTable, schema: CsvSchema, warn: (message: string) => void): void {
  const known = new Set(schema.columns.map((c) => findColumn(table, c)));
  const extra = table.columns.filter((_, i) => !known.has(i));
  if (extra.length === 0) return;
  const names = shorten(extra.map((c) => `'${c}'`).join(', '), 200);
  const absent = schemaTargets(schema).filter((c) => findColumn(table, c) === undefined);
  const target = absent.length > 0 ? `; the model's target${absent.length > 1 ? 's are' : ' is'} ${absent.map((c) => `'${c}'`).join(', ')}` : '';
  warn(`${table.source}: ${extra.length === 1 ? 'column' : `${extra.length} columns`} ${names} ${extra.length === 1 ? 'was' : 'were'} not in the training data and ${extra.length === 1 ? 'is' : 'are'} ignored (the model reads ${shorten(schema.features.map((f) => f.column).join(', '), 200)}${target})`);
}

/**
 * Why a cell that looks like a number is not read as one, in a few words ("" when none fits): the
 * ways spreadsheets and locales write numbers that a CSV reader does not take.
 */
export function numberHint(text: string, then = "then choose { missing: 'drop' } or { missing: 'mean' }", decimal: DecimalMark = '.'): string {
  const t = text.trim();
  if (decimal === '.' && /^[+-]?\d*,\d+$/.test(t) && !/^[+-]?\d{1,3},\d{3}$/.test(t)) return ` (a decimal comma? read the file with { decimal: ',' }, or write ${t.replace(',', '.')})`;
  if (decimal === ',' && /^[+-]?\d*\.\d+$/.test(t) && !/^[+-]?\d{1,3}\.\d{3}$/.test(t)) return ` (a decimal point, in a file read with decimal commas ({ decimal: ',' })? write ${t.replace('.', ',')})`;
  if (/^[+-]?\d{1,3}([ ,'\u2019\u00a0\u202f]\d{3})+([.,]\d+)?$/.test(t) || /^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) return ' (digits in groups of thousands? write the number without separators)';
  // ('$1,200' and '1.200,50 €' too: the sign with digits in groups)
  if (/^[+-]?[$€£¥]\s*\d[\d.,'\u00a0\u202f ]*$|^[+-]?\d[\d.,'\u00a0\u202f ]*\s*[$€£¥%]$/.test(t)) return ' (a currency or percent sign? write the number alone)';
  if (/^[+-]?0x[0-9a-f]+$/i.test(t)) return ' (hexadecimal? write it in decimal)';
  // '1\t2' in a ',' file: lines whose fields are separated two ways (a tab-separated export with commas added)
  const inner = /[\t;|]/.exec(t)?.[0];
  // '1;' in a ',' file: every line ended with a ';' too (a label '0;' was a class of its own, silently)
  const bare = inner && t.replace(/^[\t;|]|[\t;|]$/g, '');
  if (bare && bare !== t && !Number.isNaN(numberValue(bare.trim(), decimalCode(decimal)))) return ` (a number with ${inner === '\t' ? 'a tab' : `'${inner}'`} beside it: do the lines end with a separator of another kind? remove it)`;
  if (inner && t.split(inner).every((p) => !Number.isNaN(numberValue(p.trim(), decimalCode(decimal))))) return ` (numbers separated by ${inner === '\t' ? 'a tab' : `'${inner}'`} inside one field: are the fields separated two ways? use one separator in the whole file)`;
  const typed = typographicNumber(t, decimal);
  if (typed) return ` (${typed.what}? write ${typed.plain})`;
  const kind = notNumberKind(t);
  if (kind) return ` (${kind})`;
  if (/^\(\s*[$€£¥]?\s*\d[\d,]*(\.\d+)?\s*\)$/.test(t)) return ` (a negative number in parentheses, as accounting writes it? write -${t.replace(/[()$€£¥,\s]/g, '')})`;
  // pandas reads these as missing (and '-', '.', 'missing' are common marks): here they were 'not a number', without a way out
  if (isSpreadsheetError(t)) return ` (a spreadsheet's error value: the cell's formula gave no number; fix it, or leave the cell empty, ${then})`;
  if (isMissingMark(t)) {
    return ` (a missing-value mark? the cells read as missing are empty ones and ${MISSING_VALUES.filter((v) => v !== '').map((v) => `'${v}'`).join(', ')}: write one of those, ${then})`;
  }
  return '';
}

/** A month by its name or its abbreviation ('Jan', 'Sept.', 'January'). */
const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';

/**
 * Values that are no number but look near one (a date, a time, a yes/no, digits grouped by '_', a
 * fraction): what each is and what to write instead. They were "'2024-01-05' is not a number", no more.
 */
/** `when`: a moment (a date, a month, a time); `leftover`: what a program left in a cell in place of a value (no label either). */
const NOT_NUMBERS: readonly { test: RegExp; what: string; todo: string; when?: true; leftover?: true }[] = [
  { test: /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}( \d{1,2}:\d{2}(:\d{2})?)?$/i, what: 'a date', todo: 'convert it to numbers, such as a count of days since a first date or columns of year, month and day', when: true },
  // ('5 Jan 2024', '05-Jan-24', 'Jan 5, 2024': a month by its name)
  { test: new RegExp(`^\\d{1,2}[ -]${MONTH}[ -]\\d{2,4}$|^${MONTH} \\d{1,2},? \\d{4}$`, 'i'), what: 'a date', todo: 'convert it to numbers, such as a count of days since a first date or columns of year, month and day', when: true },
  // a month or a quarter without its day ('2024-01', '01/2024', 'Jan 2024', '2024Q1'): '2024/01' was called a fraction, the others nothing
  {
    test: new RegExp(`^\\d{4}[-/](0?[1-9]|1[0-2])$|^(0?[1-9]|1[0-2])[-/]\\d{4}$|^${MONTH}[ /'-]?\\d{2}(\\d{2})?$|^\\d{4}[ /-]${MONTH}$|^\\d{4}[ -]?q[1-4]$|^q[1-4][ /-]?\\d{4}$`, 'i'),
    what: 'a month or a quarter, without a day', todo: 'convert it to numbers, such as a count of months since a first month, or columns of year and month', when: true,
  },
  { test: /^\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(\s*[ap]\.?m\.?)?$/i, what: 'a time of day or a duration', todo: 'convert it to a number, such as minutes or seconds since midnight', when: true },
  { test: /^(true|false|yes|no)$/i, what: 'a yes/no value', todo: 'write 1 and 0' },
  { test: /^[+-]?\d+(_\d+)+(\.\d+)?$/, what: "digits grouped by '_', as code writes them", todo: 'remove the underscores' },
  { test: /^[+-]?\d+\s*\/\s*\d+$/, what: 'a fraction', todo: 'write it as a decimal number (1/2 as 0.5)' },
  // what spreadsheets and other programs leave in a cell in place of a number: they were "'=A1+B1' is not a number", no more
  { test: /^=[\w(+-]/, what: "a spreadsheet formula saved as its text, not its value", todo: "save its values instead, e.g. with Excel's Paste Special > Values before saving", leftover: true },
  { test: /^#{3,}$/, what: 'the marks a spreadsheet shows for a number too wide for its column, copied as shown', todo: 'save the sheet as CSV rather than copying its cells as they look', leftover: true },
  { test: /^'[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i, what: 'a number after an apostrophe, as a spreadsheet marks a number kept as text', todo: 'remove the apostrophe' },
  { test: /^\[[\d\s.,eE+-]*\]$|^\{.*:.*\}$/s, what: 'a list or an object in one cell, as JSON writes it', todo: 'give each number a column of its own', leftover: true },
  { test: /^[+-]?\u221e$/, what: 'an infinite value', todo: 'a network cannot learn from it; replace it or leave the row out' },
];

/** What a cell that is no number but looks near one is, and what to write instead ("a date: convert it ..."), or undefined. */
export function notNumberKind(text: string): string | undefined {
  const t = text.trim(), kind = NOT_NUMBERS.find((k) => k.test.test(t));
  return kind && `${kind.what}: ${kind.todo}`;
}

/** What a cell is and what to write instead when a program left it in place of a value (a formula, '####', a JSON list), else undefined. */
export function leftoverKind(text: string): string | undefined {
  const kind = NOT_NUMBERS.find((k) => k.leftover && k.test.test(text.trim()));
  return kind && `${kind.what}: ${kind.todo}`;
}

/** Whether a cell is a date, a month or a time of day (NOT_NUMBERS' kinds of a moment). */
export const isMoment = (text: string): boolean => NOT_NUMBERS.some((k) => k.when && k.test.test(text.trim()));

/** Dashes a word processor or a locale writes for a minus sign (U+2212 in Swedish and Norwegian spreadsheets' text exports). */
const MINUS_SIGNS = /^[\u2212\u2012\u2013\u2014\ufe63\uff0d]/;
/** Quotes a word processor puts around text ("smart quotes"): csv-parse's quote is '"' alone. */
const TYPOGRAPHIC_QUOTES = /^[\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u00ab\u00bb](.*)[\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u00ab\u00bb]$/;

/**
 * A number written with characters that look like a number's but are others: a typographic minus
 * ('\u22120.5'), curly quotes around it ('\u201c0.5\u201d'), full-width digits ('\uff11\uff12', as Japanese and
 * Chinese input methods type them). What it is and the number as a CSV reader takes it, or undefined.
 * They were "column 'x1' holds text; one-hot encode it", or "'\uff11\uff12' is not a number" without a why.
 */
function typographicNumber(t: string, decimal: DecimalMark): { what: string; plain: string } | undefined {
  const isPlain = (v: string) => !Number.isNaN(numberValue(v, decimalCode(decimal)));
  if (MINUS_SIGNS.test(t) && isPlain(t.replace(MINUS_SIGNS, '-'))) return { what: `a typographic minus sign (U+${t.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`, plain: t.replace(MINUS_SIGNS, '-') };
  const quoted = TYPOGRAPHIC_QUOTES.exec(t);
  if (quoted && isPlain(quoted[1]!.trim())) return { what: 'typographic quotes around it, as a word processor writes them', plain: `${quoted[1]!.trim()}, or "${quoted[1]!.trim()}" in plain quotes` };
  const ascii = t.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (ascii !== t && isPlain(ascii)) return { what: 'full-width characters, as an East Asian input method types them', plain: ascii };
  // a zero-width space, a byte-order mark or a direction mark pasted with the number (U+200B before '1' looked like '1')
  const visible = t.replace(INVISIBLE, '');
  if (visible !== t && isPlain(visible)) return { what: `an invisible character (U+${t.match(INVISIBLE)![0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}), as pasting from a web page or a word processor leaves it`, plain: visible };
  return undefined;
}

/**
 * What follows once a feature's missing-value mark of another tool is written as one of MISSING_VALUES,
 * by the policy in use and the caller: predict never drops a row, and a Model's predict and
 * evaluate take no { missing } (the advice was "choose { missing: 'drop' } or { missing: 'mean' }" everywhere).
 */
function markThen(policy: CsvSchema['missing'], options: EncodeOptions): string {
  const predicting = options.requireTarget === false;
  if (policy === 'mean') return "then { missing: 'mean' } fills them with the training means";
  if (policy === 'drop' && !predicting) return "then { missing: 'drop' } leaves their rows out";
  if (options.missingOption === false) return `but the model was trained with { missing: '${policy}' }, so it does not fill empty cells: fill the cell${predicting ? ' or leave the row out' : ''}, or train with { missing: 'mean' }`;
  if (predicting) return "then use { missing: 'mean' } (the training mean), or fill the cell or leave the row out of the file (a prediction is made for every row)";
  return "then choose { missing: 'drop' } or { missing: 'mean' }";
}

/**
 * What to do about an empty feature cell read with policy 'error' or 'drop'. Where the caller takes no
 * { missing } (a Model's predict and evaluate), the way is the model's: they advised { missing: 'mean' },
 * which those methods do not take. A file read without its labels (predict) never drops a row, so
 * { missing: 'drop' } is not advised there.
 */
function missingAdvice(policy: 'error' | 'drop', options: EncodeOptions): string {
  const predicting = options.requireTarget === false;
  if (options.missingOption === false) {
    return `the model was trained with { missing: '${policy}' }, so it does not fill empty cells; fill the cell${predicting ? ' or leave the row out' : ''}, or train with { missing: 'mean' } (the model then fills them with its training means)`;
  }
  // (a row reaches here with 'drop' only where no row is dropped: a file read without its labels)
  if (policy === 'drop') return "a prediction is made for every row, so the row cannot be dropped ({ missing: 'drop' }); fill the cell, leave the row out of the file, or use { missing: 'mean' } (the training mean)";
  if (predicting) return "fill the cell, leave the row out of the file, or use { missing: 'mean' } (the training mean)";
  return "use { missing: 'drop' } or { missing: 'mean' } to handle missing values";
}

/**
 * A row of separators only (',,'): a spreadsheet saves the empty rows of a formatted range below its
 * data so. It was "column 'x1': empty cell; use { missing: 'drop' }", which read as one cell to fill.
 */
const isEmptyRow = (row: CsvRow) => {
  for (let k = 0; k < row.length; k++) if (row.text(k) !== '') return false;
  return true;
};
const EMPTY_ROW = 'every cell is empty (a row of separators only, as a spreadsheet saves the empty rows below its data?)';
/** Delete them; where rows may be dropped and the caller takes { missing }, or leave them out so. */
const emptyRowAdvice = (options: EncodeOptions) => (options.requireTarget === false ? 'delete such rows (a prediction is made for every row)'
  : options.missingOption === false ? 'delete such rows' : "delete such rows, or leave them out with { missing: 'drop' }");

/**
 * Rows of separators only filled with the training means ({ missing: 'mean' }) where no label is
 * read (predict): each was predicted from the means alone, silently. Counted (a row once), said once.
 */
function emptyRowCounter() {
  let last = 0;
  const lines: number[] = [];
  return {
    note: (row: CsvRow, line: number): void => {
      if (line === last) return;
      last = line;
      if (isEmptyRow(row)) lines.push(line);
    },
    said: (source: string): string | undefined => {
      if (lines.length === 0) return undefined;
      const which = lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.slice(0, 5).join(', ')}${lines.length > 5 ? `, ... (${lines.length} in all)` : ''}`;
      return `${source}: ${lines.length === 1 ? 'a row' : `${lines.length} rows`} (${which}) ${lines.length === 1 ? 'has' : 'have'} every cell empty (a row of separators only, as a spreadsheet saves the empty rows below its data?) and ${lines.length === 1 ? 'was' : 'were'} filled with the training means ({ missing: 'mean' }), ${lines.length === 1 ? 'a' : 'each a'} prediction of nothing; delete such rows`;
    },
  };
}

/**
 * Field i of a row as a number, or the error that says why it is not one (`where` names the cell).
 * `zero` is told of a 0 (a target's '1e-400' was 0 as read: a float of no number noted, as X's are).
 */
function numberReader(schema: CsvSchema, ts: number[], options: EncodeOptions, where: (line: number, i: number) => string, decimal: DecimalMark, zero: (row: CsvRow, line: number, i: number) => void, featureLimit: number) {
  return (row: CsvRow, line: number, i: number): number => {
    const v = row.number(i);
    if (Number.isNaN(v)) {
      // inf, -Infinity (as numpy and pandas write them): an infinite value, not a typing slip
      const then = ts.includes(i) ? undefined : markThen(schema.missing, options);
      const infinite = /^\s*[+-]?inf(inity)?\s*$/i.test(row.text(i)) ? ': an infinite value, which a network cannot learn from; replace it or leave the row out' : ` is not a number${numberHint(row.text(i), then, decimal)}`;
      // a header line over a file whose columns are read by position (the model's training file had none)
      const header = line === 1 && !schema.header && numberHint(row.text(i)) === '' ? '; if line 1 names the columns, say so ({ header: true })' : '';
      throw new DataError(`${where(line, i)}: '${cellShown(row.text(i))}'${infinite}${header}`);
    }
    // X's float holds up to featureLimit (3.4e38 in float32): beyond, a value becomes Infinity in X
    const limit = ts.includes(i) ? Number.MAX_VALUE : featureLimit;
    if (!(Math.abs(v) <= limit)) throw new DataError(`${where(line, i)}: '${cellShown(row.text(i))}' is too large (at most ${limit === FLOAT32_MAX ? '3.4e38' : '1.8e308'} in magnitude${limit === FLOAT32_MAX && Math.abs(v) <= Number.MAX_VALUE ? "; float64 holds it: { dtype: 'float64' }" : ''})`);
    if (v === 0) zero(row, line, i);
    return v;
  };
}

/**
 * What a missing feature cell does: noted (a row of them) under { missing: 'mean' }, else the error
 * that says which cell and what to do.
 */
function missingFeatureCell(schema: CsvSchema, options: EncodeOptions, source: string, where: (line: number, i: number) => string, emptyRows: ReturnType<typeof emptyRowCounter>) {
  return (row: CsvRow, line: number, i: number) => {
    if (schema.missing === 'mean') return emptyRows.note(row, line);
    // 'NaN', 'NA', '?' are read as missing too: say which, rather than "empty cell"
    const text = row.text(i).trim();
    const what = text === '' ? 'empty cell' : `'${text}' marks a missing value`;
    if (isEmptyRow(row)) throw new DataError(`${source}, line ${line}: ${EMPTY_ROW}; ${emptyRowAdvice(options)}`);
    throw new DataError(`${where(line, i)}: ${what}; ${missingAdvice(schema.missing, options)}`);
  };
}

/** Writes one row into column j of X and Y; counts the unknown categories it met. */
function rowEncoder(table: CsvTable, schema: CsvSchema, featureIdx: number[], ts: number[], X: Matrix, Y: Matrix, options: EncodeOptions) {
  const { source, columns } = table, m = X.cols;
  const classIndex = new Map((schema.classes ?? []).map((c, i) => [c, i]));
  // category -> position, per one-hot feature (a Map: a column may have thousands of categories)
  const categoryIndex = schema.features.map((f) => (f.type === 'oneHot' ? new Map(f.categories.map((c, i) => [c, i])) : undefined));
  let unknown = 0;
  const filled: number[] = []; // cells of X filled with a mean at once (not deferred): Dataset.missingCells
  const where = (line: number, i: number) => `${source}, line ${line}, column '${columns[i]}'`;
  const underflow = underflowCounter(where);
  const grouped = groupedNumbers(table, schema.features.length); // '1.234' in a ';' file: 1234?
  // the largest magnitude X holds: float32's 3.4e38, or float64's 1.8e308 (--float64 refused 1e39 as above float32's)
  const featureLimit = X.data instanceof Float32Array ? FLOAT32_MAX : Number.MAX_VALUE;
  const number = numberReader(schema, ts, options, where, table.decimal, (row, line, i) => underflow.note(row, line, i, 0, 0), featureLimit);
  const emptyRows = emptyRowCounter();
  const missingCell = missingFeatureCell(schema, options, source, where, emptyRows);
  const encodeRow = (row: CsvRow, line: number, j: number) => {
    let f = 0; // row of X being filled
    for (let n = 0; n < schema.features.length; n++) {
      const feature = schema.features[n]!;
      const i = featureIdx[n]!;
      if (feature.type === 'number') {
        const v = row.number(i); // (no missing value reads as a number)
        if (Math.abs(v) <= featureLimit) {
          X.data[f * m + j] = v;
          const stored = X.data[f * m + j]!; // (a fraction changes in float32 too: only 0 and beyond 2^24 are noted)
          if (stored === 0 || (Math.abs(stored) >= 16777216 && (stored !== v || Math.abs(v) > 2 ** 53))) underflow.note(row, line, i, v, stored);
          if (grouped.on && !Number.isInteger(v)) grouped.note(n, v, row.text(i));
        } else if (row.missing(i)) {
          missingCell(row, line, i);
          if (options.deferMissing) X.data[f * m + j] = NaN;
          else { X.data[f * m + j] = feature.mean; filled.push(f * m + j); }
        } else X.data[f * m + j] = number(row, line, i); // (throws)
        f++;
        continue;
      }
      const missing = row.missing(i);
      if (missing) missingCell(row, line, i);
      const cell = row.text(i);
      const c = categoryIndex[n]!.get(cell); // a missing cell (with --missing mean): all zeros
      if (c !== undefined) X.data[(f + c) * m + j] = 1;
      else if (!missing && options.handleUnknown === 'error') {
        const known = shorten(feature.categories.map((v) => `'${v}'`).join(', '), 200);
        const near = nearNameText(cell, feature.categories);
        throw new DataError(`${where(line, i)}: category '${shorten(cell, 40)}' was not in the training data (known: ${known})${near ? `; ${near}` : ''}; encode unknown categories as all zeros with { handleUnknown: 'ignore' }`);
      } else if (!missing) unknown++;
      f += feature.categories.length;
    }
    if (ts.length === 0) for (let r = 0; r < Y.rows; r++) Y.data[r * m + j] = NaN;
    for (let r = 0; r < ts.length; r++) Y.data[r * m + j] = labels.read(row, line, ts[r]!);
  };

  const target = (row: CsvRow, line: number, t: number) => {
    if (row.missing(t)) {
      const text = row.text(t).trim();
      if (isEmptyRow(row)) throw new DataError(`${source}, line ${line}: ${EMPTY_ROW}; ${emptyRowAdvice(options)}`);
      throw new DataError(`${where(line, t)}: the target is ${text === '' ? 'empty' : `'${text}', a missing value`}; use { missing: 'drop' } to skip such rows`);
    }
    if (schema.task === 'multilabel') {
      // (a test file's label column of a 2 or a 'yes' was read as 2, or refused as a class not seen)
      const v = number(row, line, t);
      if (v !== 0 && v !== 1) throw new DataError(`${where(line, t)}: '${cellShown(row.text(t))}' is not a label value; each column of a multi-label target holds 0 or 1 (the label absent or present)`);
      return v;
    }
    if (!schema.classes) return number(row, line, t);
    // a label is its number when it is one: '1e-400' (0 as read) was class '0', silently; noted as X's are
    if (row.number(t) === 0) underflow.note(row, line, t, 0, 0);
    const c = classIndex.get(labelKeyOf(row, t));
    if (c === undefined) {
      const near = nearNameText(row.text(t), schema.classes) || sameAnswerText(row.text(t), schema.classes);
      throw new DataError(`${where(line, t)}: class '${cellShown(row.text(t))}' was not in the training data (classes: ${shorten(schema.classes.join(', '), 200)})${near ? `; ${near}` : ''}`);
    }
    return c;
  };
  const labels = labelReader(target, options.requireTarget !== false);
  return { encode: encodeRow, unknown: () => unknown, labelsDropped: labels.dropped, underflow: underflow.said, grouped: grouped.said, filled: () => filled, emptyRows: emptyRows.said };
}

/**
 * Numbers X or Y does not hold, noted with the value stored (`stored`): read as 0 but not written as a
 * zero (below 1.4e-45 in magnitude, float32's least: 1e-50 became 0; below 4.9e-324, float64's: '1e-400'
 * was 0 already as read, a column of them a column of zeros), said once per column; whole numbers above
 * 2^24 rounded to others (an identifier 16777217 became 16777216), said once per column. Each
 * counted, the first one kept. Only a 0 stored has its text looked at (no cost on other cells).
 */
function underflowCounter(where: (line: number, i: number) => string) {
  const zeros = new Map<number, { count: number; first: string; float64: boolean }>(); // by column
  const rounded = new Map<number, { count: number; first: string; asRead: boolean }>(); // by column (asRead: float64 rounded some too)
  return {
    note: (row: CsvRow, line: number, i: number, v: number, stored: number) => {
      if (stored === 0) {
        if (v === 0 && !row.zeroUnderflow(i)) return; // '0', '-0.0', '0e5': a zero
        const seen = zeros.get(i);
        if (seen) { seen.count++; seen.float64 ||= v === 0; }
        else zeros.set(i, { count: 1, first: `'${cellShown(row.text(i))}' at ${where(line, i).replace(/^.*?, line/, 'line')}`, float64: v === 0 });
      } else if ((stored !== v && roundsInFloat32(v)) || roundedAsRead(row.text(i), v)) { // (float64 X keeps what float32 rounds: 1e39 was 'rounded in float32' there)
        const seen = rounded.get(i), asRead = roundedAsRead(row.text(i), v);
        if (seen) { seen.count++; seen.asRead ||= asRead; }
        else rounded.set(i, { count: 1, first: `'${cellShown(row.text(i))}' at line ${line} read as ${BigInt(stored)}`, asRead });
      }
    },
    said: (source: string): string[] => [
      ...[...zeros.values()].map((z) => (z.float64 ? zeroReadText : underflowText)(source, z.count, z.first)),
      ...[...rounded].map(([i, r]) => (r.asRead ? roundedAsReadText : roundedIntegersText)(where(0, i).replace(/, line 0/, ''), r.count, r.first)),
    ],
  };
}

/**
 * The labels of the rows, read by `target`. Where they are not needed (a predict file), one that
 * cannot be read leaves them all out (NaN) instead of refusing the file, and `dropped` says why (a
 * column the model does not use stopped predict: "class '5' was not in the training data").
 */
function labelReader(target: (row: CsvRow, line: number, t: number) => number, required: boolean) {
  let why: string | undefined;
  const read = (row: CsvRow, line: number, t: number): number => {
    if (required) return target(row, line, t);
    if (why !== undefined) return NaN;
    try {
      return target(row, line, t);
    } catch (e) {
      if (!(e instanceof DataError)) throw e;
      why = e.message;
      return NaN;
    }
  };
  return { read, dropped: () => why };
}
