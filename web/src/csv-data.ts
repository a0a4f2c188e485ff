// The user's CSV file as the page's points, read by the library's parser (parseCsv): the page's
// rules on top are which columns it uses (a label column named label/y/class/target, else the
// last; the first two other columns as x1 and x2) and how many classes it shows (up to 8). The page
// loads it when a file is read (in the CSV worker, or on the main thread where no worker starts).

import { csvHeader, csvTextFromBytes, parseCsv, scaleAdvice } from '../../src/index.js';
import type { Problem } from './settings.js';
import { MAX_PAGE_CLASSES, type CsvPoints } from './csv-notes.js';

export const LABEL_NAMES = ['label', 'y', 'class', 'target'];

/**
 * Read a CSV of 2-D points; bad input throws an Error whose message is one line naming the file, line
 * and column. A file that does not read with decimal points but does with decimal commas ('1,5;2,25', as
 * a German or French spreadsheet saves it: the library reads it when told { decimal: ',' }, and the page
 * has no option for that) is read so, and said so.
 */
export function readCsvPoints(text: string, file: string, problem: Problem): CsvPoints {
  try {
    return readPoints(text, file, problem, '.');
  } catch (e) {
    // (a headerless file of decimal commas splits at its commas first: the refusal cannot always tell)
    try {
      return { ...readPoints(text, file, problem, ','), decimalComma: true };
    } catch {
      throw e; // what is wrong with the file read with decimal points
    }
  }
}

function readPoints(text: string, file: string, problem: Problem, decimal: '.' | ','): CsvPoints {
  // a first line of numbers (or missing values: '1,2,?') over columns of numbers is data, by the library's rule
  const { cells, header } = csvHeader(text, { decimal }, file);
  const columns = header ? cells : cells.map((_, i) => String(i + 1));
  if (columns.length < 3) throw new Error(`${file}, line 1: expected at least 3 columns (x1, x2, label), got ${columns.length}`);
  const named = header ? columns.findIndex((c) => LABEL_NAMES.includes(c.toLowerCase())) : -1;
  const target = columns[named >= 0 ? named : columns.length - 1]!;
  const { features, textColumns } = numberColumns(text, file, header, columns, target, problem, decimal);
  const { dataset, droppedLines } = parseCsv(text, {
    header, target, features, task: problem, missing: 'drop', decimal,
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
    ...(textColumns.length > 0 ? { textColumns } : {}),
    ...unusedColumns(columns, [...features, target, ...textColumns]),
    ...(scaleAdvice(dataset) ? { scale: scaleAdvice(dataset) } : {}),
  };
}

/**
 * The two columns read as x1 and x2: the first two besides the label, or, when one of those holds
 * text (a name, an id), the first two that hold numbers, as the library's schema tells them (text
 * columns one-hot encoded to learn it); the text columns passed over are named in the note.
 */
function numberColumns(text: string, file: string, header: boolean, columns: string[], target: string, problem: Problem, decimal: '.' | ','): { features: [string, string]; textColumns: string[] } {
  const others = columns.filter((c) => c !== target);
  const first = others.slice(0, 2) as [string, string];
  if (others.length <= 2) return { features: first, textColumns: [] };
  let kinds: { column: string; type: string }[];
  try {
    kinds = parseCsv(text, { header, target, features: others, task: problem, missing: 'drop', oneHot: 'auto', decimal }, file).schema.features;
  } catch {
    return { features: first, textColumns: [] }; // (the read with the first two says what is wrong)
  }
  const numbers = kinds.filter((k) => k.type === 'number').map((k) => k.column);
  if (numbers.length < 2 || (numbers[0] === first[0] && numbers[1] === first[1])) return { features: first, textColumns: [] };
  const features = numbers.slice(0, 2) as [string, string];
  const at = columns.indexOf(features[1]);
  return { features, textColumns: kinds.filter((k) => k.type !== 'number' && columns.indexOf(k.column) < at).map((k) => k.column) };
}

/** The columns after x1 and x2 that the page leaves out (the page plots two inputs): a file of 2,000 columns loaded with its first two, without a word. */
function unusedColumns(columns: string[], used: string[]): { unusedColumns?: string[] } {
  const unused = columns.filter((c) => !used.includes(c));
  return unused.length > 0 ? { unusedColumns: unused } : {};
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

/**
 * The text of the user's file: the library refuses a binary file by name ("it looks like a PNG
 * image") and bytes that are not UTF-8 (the browser's file.text() would turn them into U+FFFD,
 * and a class 'caf\uFFFD' would be learned silently).
 */
export function csvFileText(bytes: Uint8Array, file: string): string {
  return csvTextFromBytes(bytes, file);
}

