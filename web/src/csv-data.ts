// The user's CSV file as the page's points, read by the library's parser (parseCsv): the page's
// rules on top are which columns it uses (a label column named label/y/class/target, else the
// last; the first two other columns as x1 and x2) and how many classes it shows (up to 8).

import { csvHeader, parseCsv } from '../../src/index.js';
import type { Points } from './data.js';
import type { Problem } from './settings.js';

export const LABEL_NAMES = ['label', 'y', 'class', 'target'];
export const MAX_PAGE_CLASSES = 8;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export interface CsvPoints {
  points: Points;
  /** Line numbers of the rows dropped for an empty cell. */
  droppedLines: number[];
  /** The columns read as x1, x2 and the label. */
  columns: [string, string, string];
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
  };
}

/** "dropped 2 rows with an empty cell (lines 5, 9)", or '' when none was. */
export function droppedNote(lines: number[]): string {
  if (lines.length === 0) return '';
  const shown = lines.slice(0, 8).join(', ') + (lines.length > 8 ? `, … (${lines.length - 8} more)` : '');
  return `Dropped ${lines.length} row${lines.length === 1 ? '' : 's'} with an empty cell (line${lines.length === 1 ? '' : 's'} ${shown}).`;
}
