// The user's CSV file as the page's points, read by the library's parser (parseCsv): the page's
// rules on top are which columns it uses (a label column named label/y/class/target, else the
// last; the first two other columns as x1 and x2) and how many classes it shows (up to 8).

import { csvHeader, csvTextFromBytes, MISSING_VALUES, parseCsv, scaleAdvice } from '../../src/index.js';
import type { Points } from './data.js';
import type { Problem } from './settings.js';

export const LABEL_NAMES = ['label', 'y', 'class', 'target'];
export const MAX_PAGE_CLASSES = 8;
/** Largest CSV file the page reads (its text, the points and the plot stay in the tab's memory). */
export const MAX_PAGE_CSV_BYTES = 50 * 2 ** 20;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export interface CsvPoints {
  points: Points;
  /** Line numbers of the rows dropped for an empty cell (or NA, NaN, ...). */
  droppedLines: number[];
  /** The columns read as x1, x2 and the label. */
  columns: [string, string, string];
  /** The library's word when the values are large ("feature 'a' reaches 1e+30"): the page trains on them as they are. */
  scale?: string;
}

/** Read a CSV of 2-D points; bad input throws an Error whose message is one line naming the file, line and column. */
export function readCsvPoints(text: string, file: string, problem: Problem): CsvPoints {
  const { cells } = csvHeader(text, {}, file);
  // a first line of numbers is data, not a header
  const header = !cells.every((c) => NUMBER.test(c));
  const columns = header ? cells : cells.map((_, i) => String(i + 1));
  if (columns.length < 3) throw new Error(`${file}, line 1: expected at least 3 columns (x1, x2, label), got ${columns.length}`);
  const named = header ? columns.findIndex((c) => LABEL_NAMES.includes(c.toLowerCase())) : -1;
  const target = columns[named >= 0 ? named : columns.length - 1]!;
  const features = columns.filter((c) => c !== target).slice(0, 2) as [string, string];
  const { dataset, droppedLines } = parseCsv(text, {
    header, target, features, task: problem, missing: 'drop',
  }, file);
  const k = dataset.classes?.length ?? 0;
  if (k > MAX_PAGE_CLASSES) {
    throw new Error(`${file}: the label column '${target}' has ${k} different values; the page classifies up to ${MAX_PAGE_CLASSES} classes (for real-valued targets choose the regression problem type)`);
  }
  const m = dataset.X.cols;
  if (m < 4) throw new Error(`${file}: only ${m} usable rows; the page needs at least 4`);
  return {
    points: {
      x1: Float64Array.from(dataset.X.data.subarray(0, m)),
      x2: Float64Array.from(dataset.X.data.subarray(m, 2 * m)),
      y: Float64Array.from(dataset.Y.data),
      task: dataset.task,
      ...(dataset.classes ? { classes: dataset.classes } : {}),
    },
    droppedLines,
    columns: [features[0], features[1], target],
    ...(scaleAdvice(dataset) ? { scale: scaleAdvice(dataset) } : {}),
  };
}

/** A CSV to read: the user's file (a File, which a worker receives without copying its bytes) for a problem type. */
export interface CsvJob { id: number; file: Blob; name: string; problem: Problem }
/** What reading it gave: the points, or the one-line error. */
export type CsvJobResult = { id: number; ok: true; read: CsvPoints } | { id: number; ok: false; message: string };

/** Read a CSV job (in the CSV worker, or on the main thread when there is no worker): bad input gives its error's message. */
export async function readCsvJob(job: CsvJob): Promise<CsvJobResult> {
  try {
    const text = csvFileText(new Uint8Array(await job.file.arrayBuffer()), job.name);
    return { id: job.id, ok: true, read: readCsvPoints(text, job.name, job.problem) };
  } catch (e) {
    return { id: job.id, ok: false, message: String((e as Error)?.message ?? e) };
  }
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

/**
 * The text of the user's file: the library refuses a binary file by name ("it looks like a PNG
 * image") and bytes that are not UTF-8 (the browser's file.text() would turn them into U+FFFD,
 * and a class 'caf\uFFFD' would be learned silently).
 */
export function csvFileText(bytes: Uint8Array, file: string): string {
  return csvTextFromBytes(bytes, file);
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
  [/; it looks like an ONNX model, which loadOnnx reads$/, "; it looks like an ONNX model, which the page cannot read: import a backprop model file (.json), such as one saved with 'Export model'"],
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
