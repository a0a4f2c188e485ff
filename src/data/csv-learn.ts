// Learning the encoding of a training CSV file (the schema) from running statistics over its rows,
// so that no row needs to stay in memory: per feature column the count of present cells and of
// texts, the first text, the sum of the numbers (for the mean) and, for one-hot columns, the distinct
// categories; for the target, whether every label is a number and a whole number, and its distinct
// labels. Distinct values are kept only where they may be needed (a column that holds text, a
// classification target); when a column turns out to need them after all, one more pass collects
// them. Pure (no Node module): it runs in a browser.

import { DataError, OptionError } from '../errors.js';
import { NEAR_DUPLICATE_TEXT, nearDuplicateNames, nearNameText, repeatedName, spacedDuplicatePair, spacedDuplicateText, visibleName } from '../util/names.js';
import type { CsvFeature, CsvOptions, CsvSchema, CsvTask } from './csv.js';
import { cellShown, findColumn, shorten, singleColumn, type CsvTable, type RowVisitor } from './csv-scan.js';
import { decimalCode, isMissingMark, isNumber, labelKeyOf, MISSING_VALUES, type CsvRow } from './csv-row.js';
import { isMoment, leftoverKind, notNumberKind, numberHint } from './csv-encode.js';
import type { Steps } from './read-steps.js';
import { wholeNumberProblem } from '../util/bounds.js';
import { jsonValueText } from '../util/json.js';
import { addTargetCell, newTargetStats, severalTargetsTask, targetColumns } from './csv-targets.js';
import { answerOf } from './answers.js';

/** Most classes a target is read as by default: beyond, it is a quantity or an identifier (one output unit per value). */
export const MAX_CLASSES = 1000;
/** Largest maxClasses: one output unit per class, and a one-hot Y of classes x examples. */
export const MAX_CLASSES_LIMIT = 100_000;

/** Most distinct values counted exactly in one column: beyond, a message says "more than" (and memory stays bounded). */
export const MAX_DISTINCT = 2 ** 20;

/** Distinct values of one column, counted up to MAX_DISTINCT; `complete` is false when some were not collected. */
interface Distinct {
  values: Set<string>;
  /** A column named one-hot: every value is a category, collected from the start. */
  named?: boolean;
  complete: boolean;
  overflow: boolean;
}

const newDistinct = (complete: boolean): Distinct => ({ values: new Set(), complete, overflow: false });
function addDistinct(d: Distinct, value: string): void {
  if (d.overflow) return;
  d.values.add(value);
  if (d.values.size > MAX_DISTINCT) d.overflow = true;
}
const distinctCount = (d: Distinct) => (d.overflow ? `more than ${MAX_DISTINCT}` : String(d.values.size));

/** Running statistics of one feature column over the rows that count for learning. */
interface FeatureStats {
  column: number;
  cells: number;
  texts: number;
  /** Texts that are missing-value marks of other tools (isMissingMark: 'None', 'null', '-'): no text among numbers. */
  marks: number;
  /** Texts that are numbers written with the other decimal mark ('1,5' in a file read with '.'). */
  otherMark: number;
  /** The first text, or once there is one, the first that is no mark (the one to quote as the column's text). */
  firstText: string;
  sum: number;
  /** The sum of the numbers times 2^-SUM_SCALE: the mean where `sum` overflows (float64 reads up to 1.8e308; 1e308 + 1e308 is Infinity). */
  scaledSum: number;
  /** The smallest and largest number (a constant column has min === max). */
  min: number;
  max: number;
  /** Every number so far is a whole number (with min, max and sum: a column of the numbers min..max, each once, is a row index). */
  integers: boolean;
  /** Its distinct cells: from the start for a named one-hot column, else from its first text on. */
  distinct?: Distinct;
  /** A column without a name (a row index?): its numbers so far (up to MAX_DISTINCT), and whether one came twice. */
  seen?: Set<number>;
  repeats?: boolean;
}

/** Running statistics of the target over the rows that count for learning. */
interface LabelStats {
  count: number;
  numeric: boolean;
  integers: boolean;
  firstText: string;
  /** Texts, and those of them that are missing-value marks (isMissingMark), with the first mark and its line. */
  texts: number;
  marks: number;
  /** Texts that are numbers written with the other decimal mark. */
  otherMark: number;
  firstMark?: { text: string; line: number };
  distinct?: Distinct;
}

/** What learning needs once the columns are known: the columns in use and the statistics so far. */
export interface Learning {
  visit: RowVisitor;
  /** The schema, in steps (a pass more when a column had more distinct values than the first pass kept). */
  finish(warn: (message: string) => void): Steps<CsvSchema>;
  /** Rows kept (all of them, but with missing: 'drop' those without an empty cell in a used column). */
  kept: number;
  /** After finish, with task 'auto' and a target of numbers: what was chosen, why, and the option that chooses otherwise. */
  taskChoice?: string;
  droppedLines: number[];
}

/**
 * A column given by name, 1-based position or 'last' -> its index. A name wins over a position; when
 * the number is both a column's name and another column's position (a header '3,a,y' and target 3),
 * `warn` says which was taken: the other was chosen silently.
 */
export function columnIndex(table: CsvTable, spec: string | number, what: string, warn?: (message: string) => void): number {
  const { columns, source } = table;
  if (spec === 'last') return columns.length - 1;
  // a position is a whole number, or its decimal digits: Number() also read '0x1', '1e0' and ' 1' as column 1 (a target chosen silently)
  const position = typeof spec === 'number' ? spec : /^\d+$/.test(spec) ? Number(spec) : Number.NaN;
  const byName = findColumn(table, String(spec));
  if (byName !== undefined) {
    if (warn && Number.isInteger(position) && position >= 1 && position <= columns.length && position - 1 !== byName) {
      warn(`${source}: ${what} ${spec} is read as the column named '${spec}' (column ${byName + 1}), not as column ${position} ('${columns[position - 1]}'); to use column ${position}, give its name`);
    }
    return byName;
  }
  if (Number.isInteger(position) && position >= 1 && position <= columns.length) return position - 1;
  const range = /^[+-]?\d+$/.test(String(spec)) ? ` (positions are 1 to ${columns.length})` : '';
  // ('label' for 'Label', 'y ' for 'y': the list of every column left the user to spot it)
  const near = nearNameText(String(spec), columns);
  throw new DataError(`${source}: no ${what} column '${spec}'${range}${near ? ` (${near})` : ''}${singleColumn(table, ' ')}; the columns are: ${shorten(columns.join(', '), 400)}`);
}

/**
 * The options of reading a training file, by type and bounds, before its text is parsed: a string
 * as features ('a') failed inside ('options.features.map is not a function'), header: 'yes' was
 * taken as true, maxClasses: 0 said no target fits 0 classes.
 */
export function checkCsvOptions(options: CsvOptions): void {
  const names = (v: unknown) => Array.isArray(v) && Array.from(v).every((x) => typeof x === 'string' || (typeof x === 'number' && Number.isInteger(x)));
  if (options.features !== undefined && !names(options.features)) throw new OptionError(`options.features must be an array of column names or 1-based positions, got ${jsonValueText(options.features)}`);
  if (options.exclude !== undefined && !names(options.exclude)) throw new OptionError(`options.exclude must be an array of column names or 1-based positions, got ${jsonValueText(options.exclude)}`);
  if (options.features !== undefined && options.exclude !== undefined) throw new OptionError('options.features and options.exclude: give one (features lists the columns to use, exclude the columns to leave out)');
  if (options.oneHot !== undefined && options.oneHot !== 'auto' && !names(options.oneHot)) throw new OptionError(`options.oneHot must be 'auto' or an array of column names or 1-based positions, got ${jsonValueText(options.oneHot)}`);
  if (options.header !== undefined && typeof options.header !== 'boolean' && options.header !== 'auto') throw new OptionError(`options.header must be true, false or 'auto', got ${jsonValueText(options.header)}`);
  if (options.target !== undefined && typeof options.target !== 'string' && !Number.isInteger(options.target) && !names(options.target)) {
    throw new OptionError(`options.target must be a column name, a 1-based position or 'last', or a list of them (several targets: a multi-output regression), got ${jsonValueText(options.target)}`);
  }
  const limit = wholeNumberProblem(options.maxClasses, 'options.maxClasses', 2, MAX_CLASSES_LIMIT);
  if (limit) throw new OptionError(limit);
  const missing = options.missing ?? 'error';
  if (!['error', 'drop', 'mean'].includes(missing)) throw new OptionError(`options.missing must be error, drop or mean, got '${missing}'`);
  const taskOption = options.task ?? 'auto';
  if (!['auto', 'classification', 'regression'].includes(taskOption)) {
    throw new OptionError(`options.task must be auto, classification or regression, got '${taskOption}'`);
  }
}

/** Check the options against the columns and start the statistics: called once the header is read. */
export function startLearning(table: CsvTable, options: CsvOptions): Learning {
  const { columns, source } = table;
  checkCsvOptions(options);
  const missing = options.missing ?? 'error';
  const ts = targetColumns(table, options.target ?? 'last', (spec) => columnIndex(table, spec, 'target', options.warn));
  // several targets: their task is decided from all of them at the end (severalTargetsTask); the first is read as numbers meanwhile
  const taskOption = ts.length > 1 ? 'regression' : options.task ?? 'auto';
  const t = ts[0]!;
  const excluded = new Set(options.exclude?.map((c) => columnIndex(table, c, 'options.exclude', options.warn)));
  const featureIdx = options.features
    ? options.features.map((f) => columnIndex(table, f, 'feature', options.warn))
    : columns.map((_, i) => i).filter((i) => !ts.includes(i) && !excluded.has(i));
  const featureSet = new Set(featureIdx);
  // one rule for a name given twice (repeatedName): the columns' names are distinct (the header is checked), a position names one too
  const twice = repeatedName(featureIdx.map((c) => columns[c]!));
  if (twice !== undefined) {
    const first = featureIdx.findIndex((c) => columns[c] === twice);
    const k = featureIdx.findIndex((c, i) => i > first && columns[c] === twice);
    const as = options.features![k] === twice ? '' : ` (as '${options.features![k]}')`;
    throw new OptionError(`options.features names column '${twice}' twice${as}; give each feature once`);
  }
  const both = ts.find((c) => featureSet.has(c));
  if (both !== undefined) throw new OptionError(`column '${columns[both]}' is ${ts.length > 1 ? 'a' : 'the'} target; it cannot also be a feature (options.features)`);
  if (featureIdx.length === 0) {
    throw new DataError(`${source}: no feature columns left besides the target${ts.length > 1 ? 's' : ''} ${ts.map((c) => `'${columns[c]}'`).join(', ')}${singleColumn(table, ' ', 'the file reads as a single column')}`);
  }
  const oneHotIdx = new Set(options.oneHot === 'auto' || options.oneHot === undefined ? [] : options.oneHot.map((c) => columnIndex(table, c, 'options.oneHot', options.warn)));
  for (const i of oneHotIdx) {
    if (!featureSet.has(i)) throw new OptionError(`options.oneHot column '${columns[i]}' is not one of the features`);
  }
  const features: FeatureStats[] = featureIdx.map((column) => ({
    column, cells: 0, texts: 0, marks: 0, otherMark: 0, firstText: '', sum: 0, scaledSum: 0, min: Infinity, max: -Infinity, integers: true, ...(oneHotIdx.has(column) ? { distinct: { ...newDistinct(true), named: true } } : {}),
    ...(table.unnamed.includes(column) && !options.features ? { seen: new Set<number>(), repeats: false } : {}),
  }));
  const label: LabelStats = { count: 0, numeric: true, integers: true, firstText: '', texts: 0, marks: 0, otherMark: 0, ...(taskOption !== 'regression' ? { distinct: newDistinct(true) } : {}) };
  const targets = ts.length > 1 ? ts.map(newTargetStats) : [];
  const used = [...featureIdx, ...ts];
  const present = new Uint8Array(columns.length); // a used column has a cell in some row (a dropped one too)
  const other = decimalCode(table.decimal === ',' ? '.' : ','); // the decimal mark the file is not read with
  const learning: Learning = {
    kept: 0, droppedLines: [],
    visit: (row, line) => {
      if (missing === 'drop') {
        let complete = true;
        for (const i of used) {
          if (row.missing(i)) complete = false;
          else present[i] = 1;
        }
        if (!complete) {
          learning.droppedLines.push(line);
          return;
        }
      }
      learning.kept++;
      for (const f of features) addFeatureCell(f, row, other);
      addLabel(label, row, t, taskOption, line, other);
      for (const s of targets) addTargetCell(s, row);
    },
    *finish(warn) {
      // every row was kept unless dropped: a column's present cells are those counted
      for (const f of features) if (f.cells > 0) present[f.column] = 1;
      if (label.count > 0) present[t] = 1;
      for (const s of targets) if (s.count > 0) present[s.column] = 1;
      for (const i of used) if (!present[i]) throw emptyColumn(table, i, ts.includes(i) ? i : t);
      if (learning.kept === 0) throw new DataError(`${source}: every row has an empty cell, nothing is left after { missing: 'drop' }`);
      const kept = leaveOutRowIndex(table, features, warn);
      yield* collectMissingDistinct(table, kept, label, t, missing === 'drop' ? used : []);
      const several = targets.length > 0 ? severalTargetsTask(table, targets, options.task ?? 'auto', { warn, numberHint: (text) => numberHint(text, undefined, table.decimal), choice: (text) => { learning.taskChoice = text; } }) : undefined;
      if (targets.length === 0) refuseMarkedLabels(table, label, t);
      const schema = makeSchema(table, { ...options, task: taskOption }, kept, label, t, oneHotIdx, warn);
      const names = ts.map((c) => columns[c]!);
      // a multilabel's classes are its labels, one per output unit (as a multiclass' classes)
      if (several) return { ...schema, targets: names, ...(several === 'multilabel' ? { task: several, classes: names } : {}) };
      if ((options.task ?? 'auto') === 'auto' && label.numeric) learning.taskChoice = taskChoiceText(label, `${source}: target column '${columns[t]}'`, schema.classes);
      return schema;
    },
  };
  return learning;
}

/**
 * A row counter: whole numbers from 0 up, none twice (0..n-1 as pandas' to_csv writes its index, or
 * the index of rows left after a split or a filter, in any order). Numbers past MAX_DISTINCT are not
 * kept: then every whole number of the range once (the sum of min..max).
 */
function isRowCounter(f: FeatureStats): boolean {
  if (f.texts > 0 || f.cells < 2 || !f.integers || f.min < 0 || f.repeats !== false) return false;
  return f.seen!.size === f.cells || (f.max - f.min + 1 === f.cells && f.sum === ((f.min + f.max) * f.cells) / 2);
}

/**
 * A feature column without a name in the header (empty, or pandas' 'Unnamed: 0') that holds a row
 * counter is the index pandas' to_csv writes: a network learns the row order from it, and on a file
 * sorted by class the answer itself (a model that fits the file and nothing else). It is left out, as
 * pandas' read_csv(index_col=0) and scikit-learn users read such a file, and said so with the way to
 * keep it (name the features). Features named by the caller are not looked at. The features kept.
 */
function leaveOutRowIndex(table: CsvTable, features: FeatureStats[], warn: (message: string) => void): FeatureStats[] {
  const index = features.filter(isRowCounter);
  if (index.length === 0) return features;
  const kept = features.filter((f) => !index.includes(f));
  const named = (c: number) => (/^Unnamed: \d+$/.test(table.columns[c]!) ? `'${table.columns[c]}': pandas' name for a column that had none; ` : '');
  const shown = index.map((f) => `column ${f.column + 1} (${named(f.column)}${f.min} to ${f.max})`).join(', ');
  const one = index.length === 1;
  if (kept.length === 0) {
    throw new DataError(`${table.source}: ${shown} ${one ? 'has' : 'have'} no name in the header line and ${one ? 'holds' : 'hold'} a row counter, the index pandas' to_csv writes, and no other feature is left: a network learns nothing from a row index; to train on it anyway, list it among options.features`);
  }
  warn(`${table.source}: ${shown} ${one ? 'has' : 'have'} no name in the header line and ${one ? 'holds' : 'hold'} a row counter (whole numbers, none negative, none twice): the index pandas' to_csv writes, left out of the features (as read_csv(index_col=0) reads it); to use ${one ? 'it' : 'them'} as ${one ? 'a feature' : 'features'}, list the features with options.features`);
  return kept;
}


/** `other`: the code of the decimal mark the file is not read with. */
function addFeatureCell(f: FeatureStats, row: CsvRow, other: number): void {
  const v = row.number(f.column); // (no missing value reads as a number)
  if (Number.isNaN(v) && row.missing(f.column)) return;
  f.cells++;
  if (!Number.isNaN(v)) {
    f.sum += v;
    f.scaledSum += v * 2 ** -SUM_SCALE; // (exact: a power of 2)
    if (v < f.min) f.min = v;
    if (v > f.max) f.max = v;
    if (!Number.isInteger(v)) f.integers = false;
    if (f.seen && !f.repeats) {
      if (f.seen.has(v)) f.repeats = true;
      else if (f.seen.size < MAX_DISTINCT) f.seen.add(v);
    }
  } else {
    const mark = isMissingMark(row.text(f.column));
    if (mark) f.marks++;
    else if (isNumber(row.text(f.column), other)) f.otherMark++;
    // quoted in messages (shortened: a cell of a long text was quoted whole, 95 kB on one line); a mark only until a text that is none
    if (f.texts === 0 || (!mark && f.marks === f.texts)) f.firstText = cellShown(row.text(f.column));
    // a column that may be one-hot (or, without oneHot, is named in the error with its count of
    // values): collect its categories from here (complete if no number came before)
    if (f.texts++ === 0 && !f.distinct) f.distinct = newDistinct(f.cells === 1);
  }
  addCategory(f, row);
}

/** Collects the cell as a category of a column that may be one-hot. */
function addCategory(f: FeatureStats, row: CsvRow): void {
  const d = f.distinct;
  if (!d?.complete) return; // (an incomplete set is collected again if the column turns out one-hot)
  addDistinct(d, row.text(f.column));
  // mostly numbers so far: likely not one-hot after all; stop collecting (another pass if it is)
  if (!d.overflow && d.values.size > 1000 && f.texts * 2 <= f.cells && !d.named) {
    d.complete = false;
    d.values.clear();
  }
}

function addLabel(label: LabelStats, row: CsvRow, t: number, taskOption: CsvTask, line: number, other: number): void {
  const v = row.number(t);
  if (Number.isNaN(v) && row.missing(t)) return;
  label.count++;
  if (Number.isNaN(v)) {
    label.texts++;
    if (isMissingMark(row.text(t))) {
      label.marks++;
      label.firstMark ??= { text: shorten(row.text(t), 40), line };
    } else if (isNumber(row.text(t), other)) label.otherMark++;
  }
  if (Number.isNaN(v) && label.numeric) {
    label.numeric = false;
    label.firstText = cellShown(row.text(t));
  }
  if (label.integers && !Number.isInteger(v)) label.integers = false;
  const d = label.distinct;
  if (!d) return;
  if (d.complete || !label.numeric) addDistinct(d, labelKeyOf(row, t));
  // numbers with more than 20 values are a regression target unless told: stop collecting (a text label later needs another pass)
  if (taskOption === 'auto' && label.numeric && d.complete && d.values.size > 20) {
    d.complete = false;
    d.values.clear();
  }
}

/**
 * A target of numbers whose only texts are missing-value marks of other tools ('null', 'None', '-'):
 * the mark is a missing label written another way. It was a class of its own (0, 1 and 'null': three
 * classes), or made a regression target a classification, silently.
 */
function refuseMarkedLabels(table: CsvTable, label: LabelStats, t: number): void {
  const mark = label.firstMark;
  if (!mark || label.marks < label.texts || label.texts === label.count) return;
  const marks = MISSING_VALUES.filter((v) => v !== '').map((v) => `'${v}'`).join(', ');
  throw new DataError(`${table.source}, line ${mark.line}, column '${table.columns[t]}': the target is '${mark.text}' among numbers (a missing-value mark? the cells read as missing are empty ones and ${marks}: write one of those, then use { missing: 'drop' } to skip such rows)`);
}

function emptyColumn(table: CsvTable, i: number, t: number): DataError {
  const { columns, source, delimiter } = table;
  const trailing = i === columns.length - 1 && /^\d+$/.test(columns[i]!) ? ` (does every line end with '${delimiter}'?)` : '';
  const fix = i === t ? 'choose the label column with options.target' : 'leave it out with options.features';
  return new DataError(`${source}: column '${columns[i]}' is empty in every row${trailing}; ${fix}`);
}

/** One more pass for the distinct values that the first pass could not keep but the schema needs. */
function* collectMissingDistinct(table: CsvTable, features: FeatureStats[], label: LabelStats, t: number, dropIf: number[]): Steps<void> {
  const again = features.filter((f) => f.distinct && !f.distinct.complete && isText(f));
  const labelAgain = label.distinct && !label.distinct.complete && !label.numeric;
  if (again.length === 0 && !labelAgain) return;
  for (const f of again) f.distinct = newDistinct(true);
  if (labelAgain) label.distinct = newDistinct(true);
  yield* table.steps((row) => {
    if (dropIf.some((i) => row.missing(i))) return;
    for (const f of again) if (!row.missing(f.column)) addDistinct(f.distinct!, row.text(f.column));
    if (labelAgain && !row.missing(t)) addDistinct(label.distinct!, labelKeyOf(row, t));
  });
}

/** 2^SUM_SCALE times 2^28 numbers (MAX_VALUES) of at most 1.8e308 each stays below float64's limit. */
const SUM_SCALE = 40;

/**
 * The mean of a column's `numbers` numbers: sum / n, or, where the sum overflowed (a column of
 * 1e308 read in float64 had the mean -Infinity, "applyStandardize: mean[0] must be a finite number"),
 * the sum of the scaled numbers / n, scaled back.
 */
const meanOf = (f: FeatureStats, numbers: number) => (Number.isFinite(f.sum) ? f.sum / numbers : (f.scaledSum / numbers) * 2 ** SUM_SCALE);

/** A column of text (one-hot, or refused): more texts than numbers, missing-value marks among numbers not counted as either. */
const isText = (f: FeatureStats) => (f.texts - f.marks) * 2 > f.cells - f.marks;

/** A name or id column: about one value per row, nothing a network can learn from (and rows x rows floats one-hot). */
const isIdentifier = (f: FeatureStats) => !!f.distinct && (f.distinct.overflow || (f.distinct.values.size > 100 && f.distinct.values.size * 2 > f.cells));

/** The most column names a refusal lists (more are the first few and their count). */
const LISTED = 8;

/** The error for text in columns that are not one-hot: every such column named, categories to one-hot, identifiers to leave out. */
function textColumns(table: CsvTable, stats: FeatureStats[], oneHotIdx: Set<number>): DataError {
  const { columns, source } = table;
  const texts = stats.filter((f) => !oneHotIdx.has(f.column) && isText(f));
  const quote = (fs: FeatureStats[]) => fs.map((f) => `'${columns[f.column]}'`);
  // (300 text columns made a line of 3,800 characters: past LISTED names, the first few and the count)
  const list = (names: string[]) => (names.length > LISTED ? `${names.slice(0, 4).join(', ')}, ... (${names.length} in all)`
    : names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]!);
  const ids = texts.filter(isIdentifier), categories = texts.filter((f) => !isIdentifier(f));
  const count = (f: FeatureStats) => `${distinctCount(f.distinct!)} different values in ${f.cells} rows`;
  const [first] = texts;
  // a column of dates, times or '1_000' was told to be one-hot encoded, no more: say what they are
  const kind = notNumberKind(first!.firstText);
  const head = texts.length === 1 ? `column ${quote(texts)[0]} holds text (e.g. '${first!.firstText}'${kind ? `, ${kind}` : ''})`
    : `columns ${list(quote(texts))} hold text (e.g. '${first!.firstText}' in ${quote(texts)[0]}${kind ? `, ${kind}` : ''})`;
  const fixes: string[] = [];
  if (categories.length > 0) {
    const oneHot = quote(categories).join(', ');
    const byName = categories.length <= LISTED ? `{ oneHot: [${oneHot}] }${ids.length ? '' : " (or { oneHot: 'auto' })"}` : `{ oneHot: 'auto' }`;
    fixes.push(`one-hot encode ${categories.length > 1 ? 'them' : 'it'} with ${byName}${ids.length ? '' : `, or leave ${categories.length > 1 ? 'them' : 'it'} out with options.features`}`);
  }
  // the columns to keep, where the list is short enough to type
  const keep = stats.filter((f) => !ids.includes(f));
  const features = keep.length > 0 && keep.length <= 20 ? `{ features: [${quote(keep).join(', ')}] }` : 'options.features';
  if (ids.length === 1) fixes.push(`${texts.length > 1 ? `leave out ${quote(ids)[0]} (${count(ids[0]!)}: an identifier?)` : `${count(ids[0]!)} (an identifier?); leave it out`} with ${features}`);
  else if (ids.length > 1) fixes.push(`leave out ${list(quote(ids))} (about one value per row: identifiers?) with ${features}`);
  const sep = texts.length === 1 && ids.length === 1 ? ' with ' : '; ';
  return new DataError(`${source}: ${head}${sep}${fixes.join('; ')}`);
}

/** The schema from the statistics, with the errors and warnings of what they show. */
function makeSchema(table: CsvTable, options: CsvOptions, stats: FeatureStats[], label: LabelStats, t: number, oneHotIdx: Set<number>, warn: (message: string) => void): CsvSchema {
  const { columns, source } = table;
  const features: CsvFeature[] = stats.map((f) => {
    const column = columns[f.column]!;
    if (!oneHotIdx.has(f.column) && isText(f)) refuseFormattedNumbers(table, `column '${column}'`, f.firstText, `one-hot encode them by name if they are categories ({ oneHot: ['${column}'] })`, f.otherMark === f.texts - f.marks);
    if (oneHotIdx.has(f.column) || (options.oneHot === 'auto' && isText(f))) {
      const d = f.distinct!;
      if (!oneHotIdx.has(f.column) && isIdentifier(f)) {
        throw new DataError(`${source}: text column '${column}' has ${distinctCount(d)} different values in ${f.cells} rows (an identifier?); leave it out with options.features, or one-hot encode it by name with { oneHot: ['${column}'] }`);
      }
      if (d.overflow) throw new DataError(`${source}: one-hot column '${column}' has more than ${MAX_DISTINCT} different values, more features than fit in memory`);
      const categories = [...d.values].sort(compareStrings);
      warnNearDuplicates(categories, `${source}: one-hot column '${column}'`, warn);
      return { column, type: 'oneHot', categories };
    }
    if (isText(f)) throw textColumns(table, stats, oneHotIdx);
    const numbers = f.cells - f.texts;
    return { column, type: 'number', mean: numbers ? meanOf(f, numbers) : 0 };
  });
  warnUnnamedFeatures(table, stats, options, warn);
  warnRowIndexFeatures(table, stats, options, warn);
  warnConstantFeatures(table, stats, features, warn);
  if (!label.numeric && options.task !== 'classification') refuseFormattedNumbers(table, `target column '${columns[t]}'`, label.firstText, "give { task: 'classification' } if they are class names", label.otherMark === label.texts - label.marks);
  const classes = learnClasses(label, `${source}: target column '${columns[t]}'`, options.task ?? 'auto', options, warn);
  const featureNames = features.flatMap((f) => (f.type === 'number' ? [f.column] : f.categories.map((c) => `${f.column}=${c}`)));
  return {
    format: 'csv', header: options.header !== false, columns, target: columns[t]!,
    task: classes ? (classes.length === 2 ? 'binary' : 'multiclass') : 'regression',
    classes, features, featureNames, missing: options.missing ?? 'error',
  };
}

/**
 * A feature with one value in every row (a number column, or a one-hot column of one category)
 * gives the network nothing to learn from: standardization makes it 0 and its weights only follow
 * the penalty. Said once, naming the columns; not an error (a sample of a file may hold one value).
 */
function warnConstantFeatures(table: CsvTable, stats: FeatureStats[], features: CsvFeature[], warn: (message: string) => void): void {
  const constant = features.filter((f, i) => {
    const st = stats[i]!;
    if (st.cells < 2) return false; // a single row: every column is constant, nothing to say of one
    return f.type === 'oneHot' ? f.categories.length === 1 : st.texts === 0 && st.min === st.max;
  });
  if (constant.length === 0) return;
  const value = (f: CsvFeature) => (f.type === 'oneHot' ? `'${f.categories[0]}'` : String(stats[features.indexOf(f)]!.min));
  const shown = constant.slice(0, 5).map((f) => `'${f.column}' (always ${value(f)})`).join(', ') + (constant.length > 5 ? `, and ${constant.length - 5} more` : '');
  const one = constant.length === 1;
  warn(`${table.source}: ${one ? 'feature' : `${constant.length} features`} ${shown} ${one ? 'has' : 'have'} the same value in every row: nothing to learn from ${one ? 'it' : 'them'}; leave ${one ? 'it' : 'them'} out with options.exclude`);
}

/**
 * A feature taken by default from a column without a name in the header: most often the row index
 * that pandas' to_csv writes, which a network learns the row order from (a model that fits the file
 * and nothing else). Said once; naming the features (--features) decides it.
 */
function warnUnnamedFeatures(table: CsvTable, stats: FeatureStats[], options: CsvOptions, warn: (message: string) => void): void {
  if (options.features !== undefined) return;
  const unnamed = stats.filter((f) => table.unnamed.includes(f.column)).map((f) => f.column + 1);
  if (unnamed.length === 0) return;
  // 'Unnamed: 0': the name pandas gives a column without one, as the header line says
  const named = (c: number) => (/^Unnamed: \d+$/.test(table.columns[c - 1]!) ? ` ('${table.columns[c - 1]}': pandas' name for a column that had none)` : '');
  const which = unnamed.length === 1 ? `column ${unnamed[0]}${named(unnamed[0]!)} has` : `columns ${unnamed.map((c) => `${c}${named(c)}`).join(', ')} have`;
  warn(`${table.source}: ${which} no name in the header line (a row index, as pandas' to_csv writes?) and ${unnamed.length === 1 ? 'is' : 'are'} used as ${unnamed.length === 1 ? 'a feature' : 'features'}; leave ${unnamed.length === 1 ? 'it' : 'them'} out with options.exclude (or choose the features with options.features)`);
}

/**
 * A feature taken by default, named as an identifier (id, PassengerId, index, row), that holds the whole
 * numbers from its smallest to its largest, each once (0, 1, 2, ... or shuffled; a sum check, no set of
 * values): a row index written by pandas under a name
 * ('Unnamed: 0' once read and saved again), or an identifier such as Titanic's PassengerId. A network
 * learns the rows from it, nothing that holds for new ones: said once (it was used without a word).
 */
function warnRowIndexFeatures(table: CsvTable, stats: FeatureStats[], options: CsvOptions, warn: (message: string) => void): void {
  if (options.features !== undefined) return;
  const isIndex = (f: FeatureStats) => f.texts === 0 && f.cells >= 20 && f.integers && f.max - f.min + 1 === f.cells && f.sum === ((f.min + f.max) * f.cells) / 2;
  // named so too (id, Id, ID, PassengerId, customer_id, index, row): a measurement may count 1, 2, 3, ... by chance
  const idName = (c: string) => /(^|[^a-z])(id|idx|index|row|key|no|nr)$|^id([^a-z]|$)/i.test(c) || /[a-z](Id|ID)$/.test(c);
  const indexes = stats.filter((f) => !table.unnamed.includes(f.column) && idName(table.columns[f.column]!) && isIndex(f));
  if (indexes.length === 0) return;
  const shown = indexes.slice(0, 3).map((f) => `'${table.columns[f.column]}' (${f.min} to ${f.max})`).join(', ') + (indexes.length > 3 ? `, and ${indexes.length - 3} more` : '');
  const one = indexes.length === 1;
  warn(`${table.source}: ${one ? 'column' : 'columns'} ${shown} ${one ? 'holds' : 'hold'} every whole number of ${one ? 'its' : 'their'} range once, one per row (a row index or an identifier?), and ${one ? 'is' : 'are'} used as ${one ? 'a feature' : 'features'}: a network learns the rows from ${one ? 'it' : 'them'}, nothing that holds for new ones; leave ${one ? 'it' : 'them'} out with options.exclude`);
}

/**
 * Numbers written as a spreadsheet shows them are text to a CSV reader: a decimal comma ('1,5' in a
 * file separated by ';' or tabs, as a European Excel saves it, or "1,5" quoted in a file separated by
 * commas) in a file read with decimal points, or the other way round; a currency or percent sign
 * ('$4.10', '12%'), digits in groups of thousands ("7,551"), a negative in parentheses ('(3.5)', as accounting
 * writes it) or hexadecimal ('0x1F'; these two were a target's classes, one-hot categories, silently). A feature of them was one-hot encoded
 * (under { oneHot: 'auto' }) or refused with advice that does not help, a target of prices learned
 * as one class per price, silently. `fix` says how to keep the text when it is meant (categories,
 * class names); `everyOther`: every text of the column is a number written with the other decimal
 * mark, so the `decimal` option reads them.
 */
function refuseFormattedNumbers(table: CsvTable, what: string, text: string | undefined, fix: string, everyOther: boolean): void {
  if (text === undefined) return;
  const t = text.trim();
  if (table.decimal === ',') {
    // '1.234' with a decimal comma is thousands (numberHint says so); '1.5' a decimal point
    if (/^[+-]?\d*\.\d+([eE][+-]?\d+)?$/.test(t) && !/^[+-]?\d{1,3}(\.\d{3})+$/.test(t)) {
      const option = everyOther ? "read the file with decimal points ({ decimal: '.' }, the default), or " : '';
      throw new DataError(`${table.source}: ${what} holds numbers written with a decimal point (e.g. '${t}'), which are read as text: the file is read with decimal commas ({ decimal: ',' }); ${option}write them as '${t.replace('.', ',')}'`);
    }
  } else {
    const decimalComma = /^[+-]?\d{1,3}(\.\d{3})*,\d+$|^[+-]?\d+,\d+$/.test(t);
    // in a file separated by commas such a cell was quoted ("0,5"); '1,500' there is thousands
    if (decimalComma && !(table.delimiter === ',' && /^[+-]?\d{1,3}(,\d{3})+$/.test(t))) {
      const option = everyOther ? "read the file with { decimal: ',' } (as pandas' read_csv(decimal=',')), or " : '';
      throw new DataError(`${table.source}: ${what} holds numbers written with a decimal comma (e.g. '${t}'), which are read as text; ${option}save the file with decimal points ('${t.replace(/\./g, '').replace(',', '.')}')`);
    }
  }
  const hint = numberHint(text.replace(/\\t/g, '\t'), undefined, table.decimal); // (cellShown wrote its tabs as '\\t')
  // (and numbers in characters that only look like a number's: a typographic minus, curly quotes, full-width digits)
  if (!/thousands|currency|typographic|full-width|invisible|parentheses|hexadecimal|separated two ways|separator of another kind/.test(hint)) return;
  const how = /hexadecimal/.test(hint) ? 'in hexadecimal' : /separated two ways|separator of another kind/.test(hint) ? 'with a separator in one field' : 'as a spreadsheet shows them';
  throw new DataError(`${table.source}: ${what} holds numbers written ${how} (e.g. '${t}'${hint.replace(/^ \(/, ': ').replace(/\)$/, '')}), which are read as text; save them as plain numbers, or ${fix}`);
}

/** The classes of a classification target (sorted; numbers as numbers), or undefined for regression. */
function learnClasses(label: LabelStats, where: string, taskOption: CsvTask, options: CsvOptions, warn: (message: string) => void): string[] | undefined {
  const { numeric, integers, count } = label;
  const d = label.distinct;
  let classification = taskOption === 'classification' || !numeric;
  if (taskOption === 'auto' && numeric) {
    // one value in every row (always so in a file of one row): neither classes nor a quantity can be learned from it
    if (d?.complete && d.values.size === 1) {
      const rows = count === 1 ? 'its only row' : `all ${count} rows`;
      throw new DataError(`${where} has the single value '${shorten([...d.values][0]!, 40)}' in ${rows}: there is nothing to learn (a classifier needs at least two classes; a regression target that never changes is fit by a constant); give more rows, or { task: 'regression' } to fit the constant`);
    }
    classification = d !== undefined && d.complete && integers && d.values.size <= 20 && (d.values.size * 2 <= count || isZeroOne(d));
    // a few whole numbers, each in a row or two (0..4 in 8 rows): classes or a quantity cannot be told apart; it became regression, silently
    if (!classification && d?.complete && integers && d.values.size <= 20) {
      throw new DataError(`${where} holds ${d.values.size} different whole numbers (${valuesText(d)}) in ${count} rows: too few rows per value to tell classes from a quantity; say which with { task: 'classification' } or { task: 'regression' }`);
    }
  }
  if (taskOption === 'regression' && !numeric) {
    throw new DataError(`${where} holds text ('${label.firstText}'); it cannot be a regression target (use { task: 'classification' })`);
  }
  if (!classification) return undefined;
  const maxClasses = options.maxClasses ?? MAX_CLASSES;
  if (d!.overflow || d!.values.size > maxClasses) {
    const why = numeric ? " (a quantity read as classes? use { task: 'regression' })" : ' (an identifier or free text? choose the label column with options.target)';
    throw new DataError(`${where} has ${distinctCount(d!)} different values, more than the ${maxClasses} classes allowed${why}; raise the limit with options.maxClasses`);
  }
  const classes = [...d!.values].sort(numeric ? (a, b) => Number(a) - Number(b) : compareStrings);
  if (!numeric) refuseLeftoverLabels(classes, where);
  if (!numeric) sayMomentClasses(classes, count, where, warn);
  refuseSpacedDuplicates(classes, where);
  warnNearDuplicates(classes, `${where}`, warn);
  if (!warnSameAnswers(classes, where, warn)) warnMixedLabels(classes, where, warn);
  if (classes.length < 2) {
    throw new DataError(`${where} has a single value '${shorten(classes[0]!, 40)}'; a classifier needs at least two classes`);
  }
  // many distinct fractional values, or about one row per value: a measurement, not classes
  if (numeric && classes.length > 20 && (!integers || classes.length * 2 > count)) {
    throw new DataError(`${where} has ${classes.length} different values in ${count} rows, too many to be classes; use { task: 'regression' }`);
  }
  // text of about one row per value ('17.0 kg', names, free text): one class per row, nothing to learn a class from
  if (!numeric && taskOption === 'auto' && classes.length > 20 && classes.length * 2 > count) {
    throw new DataError(`${where} has ${classes.length} different values in ${count} rows (e.g. '${label.firstText}'), about one row per class: too many to be classes (a quantity with a unit, an identifier or free text?); choose the label column with options.target, or give { task: 'classification' } to learn them as classes`);
  }
  return classes;
}

/**
 * A target whose labels are, nearly all, what a program left in place of values: spreadsheet formulas
 * ('=B2'), '####', JSON lists. Each became a class ('=B0', '=B1', ...), with no word of why.
 */
function refuseLeftoverLabels(classes: readonly string[], where: string): void {
  const kinds = classes.map(leftoverKind), first = kinds.findIndex((k) => k !== undefined);
  if (first < 0 || kinds.filter((k) => k !== undefined).length < classes.length * 0.9) return;
  throw new DataError(`${where} holds no labels but e.g. '${shorten(classes[first]!, 40)}', ${kinds[first]}`);
}

/** Most classes a target of dates or times is read as without a word. */
const MOMENT_CLASSES = 20;

/**
 * A target of dates or times ('2024-01-05', 'Jan 2024', '13:45') read as classes: hundreds of classes,
 * one per day, without a word (a date column taken for the label). Refused when every row has its own
 * (a class of one row each: nothing to learn), else warned of, past MOMENT_CLASSES classes.
 */
function sayMomentClasses(classes: readonly string[], rows: number, where: string, warn: (message: string) => void): void {
  if (classes.length <= MOMENT_CLASSES) return;
  const sample = classes.filter((_, i) => i % Math.ceil(classes.length / 100) === 0);
  if (sample.filter(isMoment).length < sample.length * 0.9) return;
  const eg = `e.g. '${shorten(sample.find(isMoment)!, 40)}'`;
  const fix = 'choose the label column with options.target; a date is a feature once converted to numbers (such as days since a first date)';
  if (classes.length === rows) throw new DataError(`${where} holds dates or times (${eg}), a different one in each of its ${rows} rows: as classes, each would be a class of one row; ${fix}`);
  warn(`${where} holds dates or times (${eg}): read as ${classes.length} classes, one per date or time in ${rows} rows; if it is not the label, ${fix}`);
}

/**
 * Classes that are numbers but for a few words (0, 1 and one 'cat') are most often a typo or a
 * missing-value mark in a numeric label: it became a class of its own (a third softmax output), without a word.
 */
function warnMixedLabels(classes: readonly string[], where: string, warn: (message: string) => void): void {
  const words = classes.filter((c) => c.trim() === '' || !Number.isFinite(Number(c)));
  const numbers = classes.length - words.length;
  if (numbers < 2 || words.length === 0 || words.length >= numbers) return;
  const shown = words.slice(0, 3).map((w) => `'${w}'`).join(', ') + (words.length > 3 ? ', ...' : '');
  warn(`${where} holds numbers and ${words.length === 1 ? 'a word' : 'words'} (${shown}): read as ${classes.length} classes, ${shown} among them; if ${words.length === 1 ? 'it is' : 'they are'} a typo or a missing-value mark, fix or remove those rows`);
}

/**
 * Classes that give the same yes/no answer written two ways ('1' and 'yes', 'true' and '1', 'Y' and
 * '1', '0' and 'no'), as files joined from two sources write them: each became a class of its own (a
 * binary label read as 3 or 4 classes), without a word. Said once, naming the pairs. Whether it said so.
 */
function warnSameAnswers(classes: readonly string[], where: string, warn: (message: string) => void): boolean {
  const byAnswer = new Map<string, string[]>();
  for (const c of classes) {
    const answer = answerOf(c);
    if (answer !== undefined) byAnswer.set(answer, [...(byAnswer.get(answer) ?? []), c]);
  }
  // (spellings apart only in case, 'Yes' and 'yes', are said by warnNearDuplicates)
  const twoWays = [...byAnswer.values()].filter((same) => new Set(same.map((c) => c.trim().toLowerCase())).size > 1);
  if (twoWays.length === 0) return false;
  const shown = twoWays.map((same) => same.map((c) => `'${c}'`).join(' and ')).join(', ');
  warn(`${where} writes the same answer two ways: ${shown} (read as ${classes.length} different classes); write each answer one way in the file (e.g. 1 and 0, or yes and no) if they mean the same`);
  return true;
}

export const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A target of the values 0 and 1 only: a label by convention, however few its rows. */
const isZeroOne = (d: Distinct) => d.values.size === 2 && [...d.values].every((v) => Number(v) === 0 || Number(v) === 1);

/** The values of a small set of numbers, in order: '0, 1, 2, 3, 4', or '1 to 20' when more than 6. */
function valuesText(d: Distinct): string {
  const v = [...d.values].map(Number).sort((a, b) => a - b);
  return v.length <= 6 ? v.join(', ') : `${v[0]} to ${v.at(-1)}`;
}

/** What task 'auto' chose for a target of numbers, and the option that chooses the other. */
function taskChoiceText(label: LabelStats, where: string, classes: string[] | undefined): string {
  const d = label.distinct;
  if (classes) {
    return `${where} holds ${classes.length} different whole numbers (${valuesText(d!)}), read as ${classes.length} classes ({ task: 'auto' }); { task: 'regression' } reads them as quantities`;
  }
  const many = d?.complete ? `${d.values.size} different` : 'more than 20 different';
  const what = label.integers ? `${many} whole numbers` : 'numbers with fractions';
  return `${where} holds ${what}, read as a quantity, a regression ({ task: 'auto' })${label.integers ? "; { task: 'classification' } reads them as classes" : ''}`;
}

/**
 * Class labels the same but for spaces at either end or invisible characters ('cat' and a quoted
 * 'cat ') are refused, as a model's classes are (classNamesProblem): they were two classes that print
 * alike, and the model saved from them could not be loaded. (Case and Unicode form: a warning.)
 */
export function refuseSpacedDuplicates(classes: readonly string[], where: string): void {
  const pair = spacedDuplicatePair(classes);
  if (pair) throw new DataError(`${where} has the labels ${visibleName(pair[0])} and ${visibleName(pair[1])}, ${spacedDuplicateText(pair)}: they would be two classes that print alike; write them the same`);
}

/**
 * Say (once) when values differ only in letter case, Unicode form, spaces at either end or invisible
 * characters ('Cat' and 'cat', 'é' composed and decomposed, 'cat' and 'cat '): they stay different classes or categories, as in pandas and scikit-learn, but a
 * user may not have meant them to.
 */
export function warnNearDuplicates(values: string[], where: string, warn: (message: string) => void): void {
  const clashes = nearDuplicateNames(values);
  if (clashes.length === 0) return;
  const shown = clashes.slice(0, 3).map((g) => g.map(visibleName).join(' and ')).join('; ');
  const more = clashes.length > 3 ? ` and ${clashes.length - 3} more` : '';
  warn(`${where}: values that ${NEAR_DUPLICATE_TEXT} are kept apart: ${shown}${more}`);
}
