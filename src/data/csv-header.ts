// Is the first line of a CSV file a header? When the caller does not say, the file decides, as
// Python's csv.Sniffer.has_header does: a column whose other cells are numbers and whose first
// cell is not (a name) says "header"; a first line that is a number in every such column is data.
// Columns of text cannot tell; a file with no number column keeps the first line as a header.
// One line of numbers is a header all the same: 0, 1, 2, ... in order, the names pandas gives columns
// that had none (a DataFrame of an array, or a file read with header=None, written by to_csv).

import { decimalCode, isMissing, isNumber, type DecimalMark } from './csv-row.js';
import { LINE_ENDS, type CsvParser } from './csv-scan.js';

/** Records after the first that are looked at. */
const SAMPLE = 50;

/** The verdict on the first line, and why, for the message that says what was decided. */
export interface HeaderGuess {
  header: boolean;
  reason: string;
  /** A guess a data row could also fit (line 1 of numbers): said to the caller, either way. */
  doubtful?: boolean;
}

/** Look at the first SAMPLE + 1 records of `text` (separated by `delimiter`, fractions written with `decimal`). */
export function guessHeader(parse: CsvParser, text: string, delimiter: string, decimal: DecimalMark = '.'): HeaderGuess {
  const point = decimalCode(decimal), number = (c: string) => isNumber(c, point);
  let records: string[][];
  try {
    records = parse(text, { delimiter, bom: true, record_delimiter: LINE_ENDS, relax_column_count: true, skip_empty_lines: true, trim: true, to_line: SAMPLE + 1 }) as string[][];
  } catch {
    return { header: true, reason: 'unreadable' }; // the full read says what is wrong
  }
  const [first, ...rest] = records;
  if (!first || rest.length === 0) return { header: true, reason: 'too few lines' };
  const pandas = pandasColumnNames(first, rest);
  if (pandas) return { header: true, reason: pandas, doubtful: true };
  let numberColumns = 0;
  for (let j = 0; j < first.length; j++) {
    const cells = rest.map((r) => r[j]).filter((c): c is string => c !== undefined && !isMissing(c));
    if (cells.length === 0 || !cells.every(number)) continue;
    numberColumns++;
    const head = first[j] ?? '';
    if (!isMissing(head) && !number(head)) return { header: true, reason: `'${head}' heads a column of numbers` };
  }
  if (numberColumns === 0) return { header: true, reason: 'no column of numbers' };
  return { header: false, reason: `line 1 holds numbers in all ${numberColumns} columns of numbers` };
}

/** Fewest names 0, 1, 2, ... that make a header: a data row of 0 and 1, or of 0, 1 and 2 in a small file, is likelier. */
const PANDAS_NAMES = 4;

/**
 * Line 1 as pandas writes the default names of its columns: '0', '1', ..., 'k-1' written just so, after
 * an empty cell when the index was written too (to_csv's index=True). Said unless a later line is the
 * same (then it is a pattern of the data). Returns the reason, or undefined.
 */
function pandasColumnNames(first: readonly string[], rest: readonly string[][]): string | undefined {
  const names = first[0] !== undefined && isMissing(first[0]) ? first.slice(1) : first;
  if (names.length < PANDAS_NAMES || !names.every((cell, j) => cell === String(j))) return undefined;
  if (rest.some((r) => r.length === first.length && r.every((cell, j) => cell === first[j]))) return undefined;
  const index = names.length < first.length ? ' after the index\'s empty cell' : '';
  return `line 1 is 0, 1, ..., ${names.length - 1}${index}, the names pandas' to_csv writes for columns that had none`;
}
