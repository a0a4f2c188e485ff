// What the page says about a CSV file, apart from reading it: its size limit, the notes after
// "Loaded ..." and the library's messages in the page's words. Kept apart from csv-data.ts (the
// parser, loaded only when a file is read) so that the page's first script does not carry it.

import { MISSING_VALUES } from '../../src/index.js';
import type { Points } from './data.js';

export const MAX_PAGE_CLASSES = 8;
/** Largest CSV file the page reads (its text, the points and the plot stay in the tab's memory). */
export const MAX_PAGE_CSV_BYTES = 50 * 2 ** 20;

export interface CsvPoints {
  points: Points;
  /** Line numbers of the rows dropped for an empty cell (or NA, NaN, ...). */
  droppedLines: number[];
  /** The columns read as x1, x2 and the label. */
  columns: [string, string, string];
  /** Text columns passed over for x1 and x2 (a name, an id): the first two columns of numbers are read instead. */
  textColumns?: string[];
  /** Columns besides x1, x2, the label and the text columns passed over: the page plots two inputs. */
  unusedColumns?: string[];
  /** The numbers were written with decimal commas ('1,5'), and read so. */
  decimalComma?: boolean;
  /** The library's word when the values are large ("feature 'a' reaches 1e+30"): the page trains on them as they are. */
  scale?: string;
}

/** The marks of a missing value besides an empty cell, as the note names them: "?, NA, N/A, NaN or nan". */
const marks = MISSING_VALUES.filter((v) => v !== '');
const MISSING_MARKS = `${marks.slice(0, -1).join(', ')} or ${marks[marks.length - 1]}`;

/** "Dropped 2 rows with an empty, ?, NA, N/A, NaN or nan cell (lines 5, 9).", or '' when none was. */
export function droppedNote(lines: number[]): string {
  if (lines.length === 0) return '';
  const shown = lines.slice(0, 8).join(', ') + (lines.length > 8 ? `, … (${lines.length - 8} more)` : '');
  // the library reads NA, NaN and ? as missing too (MISSING_VALUES): a row of 'NaN' was said to have an empty cell
  return `Dropped ${lines.length} row${lines.length === 1 ? '' : 's'} with an empty, ${MISSING_MARKS} cell (line${lines.length === 1 ? '' : 's'} ${shown}).`;
}

/** Throws when a file is too large for the page (checked before its bytes are read). */
export function checkCsvFileSize(size: number, file: string): void {
  if (size > MAX_PAGE_CSV_BYTES) {
    throw new Error(`${file}: ${(size / 2 ** 20).toFixed(0)} MB; the page reads CSV files up to ${MAX_PAGE_CSV_BYTES / 2 ** 20} MB (the backprop command line reads larger ones)`);
  }
}

/** The library's hints name its options (options.features, { task: 'regression' }); on the page they become the page's own controls. */
const PAGE_HINTS: [RegExp, string][] = [
  [/; one-hot encode (it|them) with \{ oneHot: .*$/, '; the page needs numbers in the x1 and x2 columns'],
  [/ \(an identifier\?\); leave it out with .*$/, ' (an identifier?); the page needs numbers in the x1 and x2 columns'],
  [/; use \{ task: 'regression' \}$/, '; for real-valued targets choose the regression problem type'],
  [/\(use \{ task: 'classification' \}\)/, '(choose the classification problem type)'],
  [/; (if the file is Latin-1|give \{ encoding|save it as UTF-8, or give \{ encoding).*$/, '; save it as UTF-8 and load it again'],
  [/it looks like (an HDF5 file|an MNIST IDX images file) \(name it [^)]*\)$/, 'it looks like $1, which the page cannot read: it reads CSV files'],
  // a model file of another tool (ONNX, a TF.js model.json, a Keras .h5 or JSON): the library names its readers and
  // converters (loadOnnx, tf2onnx), which the page has not; the page says what it reads
  [/(, which load(?:Onnx|Tfjs) reads|; (?:backprop (?:reads|imports)|give the binary) .*)$/, ", which the page cannot read: import a backprop model file (.json), such as one saved with 'Export model'"],
];

/** A library option named in a message: options.target, { missing: 'drop' }, or a command-line flag. */
const OPTION = String.raw`(?:--[a-z][a-z-]*|options\.[a-zA-Z]+|\{ [a-zA-Z]+: )`;
const OPTION_CLAUSE = new RegExp(String.raw`(;|,)? [^;()]*${OPTION}[^;()]*`, 'g');
const OPTION_ASIDE = new RegExp(String.raw` \([^()]*${OPTION}[^()]*\)`, 'g');

/** A library message as the page shows it: its option hints replaced, and no other option named. */
export function pageMessage(message: string): string {
  let m = message;
  for (const [re, hint] of PAGE_HINTS) m = m.replace(re, hint);
  // any other clause that names an option of the library or the command line is left out rather than shown
  return m.replace(OPTION_ASIDE, '').replace(OPTION_CLAUSE, '');
}

/** The note after "Loaded ..." when the values are large for a network that trains on them unscaled, or ''. */
export function scaleNote(scale: string | undefined): string {
  return scale ? `Its values are large (${scale}): the page trains on them as they are, and tanh or sigmoid units saturate; rescale the columns to about -3..3 in the file.` : '';
}

/** The note after "Loaded ..." when the numbers were written with decimal commas, or ''. */
export function decimalNote(decimalComma: boolean | undefined): string {
  return decimalComma ? "Its numbers are written with decimal commas ('1,5' is 1.5) and were read so." : '';
}

/** The first four of some column names and the count of the others: 'a', 'b', 'c', 'd', … (296 more). */
const someColumns = (columns: string[]) => columns.slice(0, 4).map((c) => `'${c}'`).join(', ') + (columns.length > 4 ? `, … (${(columns.length - 4).toLocaleString('en')} more)` : '');

/** The note after "Loaded ..." when text columns were passed over for x1 and x2, or ''. */
export function textColumnsNote(columns: string[] | undefined): string {
  if (!columns?.length) return '';
  // (the first few, as droppedNote's lines: a file of 300 text columns before x1 and x2 gave a note of 2,700 characters)
  const names = someColumns(columns);
  return `Left out the text column${columns.length === 1 ? '' : 's'} ${names}: x1 and x2 are the first two columns of numbers.`;
}

/** The note after "Loaded ..." when the file has columns the page leaves out (it plots two inputs), with how to use others, or ''. */
export function unusedColumnsNote(columns: string[] | undefined): string {
  if (!columns?.length) return '';
  const one = columns.length === 1;
  return `Not used: ${one ? 'the column' : `${columns.length.toLocaleString('en')} columns`} ${someColumns(columns)}; the page plots two inputs, x1 and x2, the first two columns of numbers besides the label: to plot ${one ? 'it' : 'others'}, move ${one ? 'it' : 'them'} to the front of the file.`;
}
