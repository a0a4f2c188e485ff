// Walking the rows of CSV text without keeping them: csv-parse's `on_record` sees each record and
// drops it (returns null), so a pass over the text holds one record at a time, never an array of
// all the cells (tens of bytes per cell as JS strings). The first pass also checks the structure
// (header, ragged rows); later passes over the same text (schema statistics, encoding) can trust it.
// The rows are CsvRow (csv-row.ts). Pure (no Node module): it runs in a browser.

import { DataError, OptionError } from '../errors.js';
import { ArrayRow, decimalCode, TextRow, type CsvRow, type DecimalMark } from './csv-row.js';
import { visibleName } from '../util/names.js';
import { oneLine } from '../util/one-line.js';
import { finishSteps, type Steps } from './read-steps.js';

/**
 * csv-parse's synchronous parse (its browser build, or the faster Node build that csv-file.ts passes),
 * and, when it has one, its parse piece by piece (`pieces`, Node's): a pass then pauses between pieces.
 */
export type CsvParser = ((text: string, options: Record<string, unknown>) => unknown) & { pieces?: (options: Record<string, unknown>) => CsvPieceParser };

/** csv-parse fed a piece of text at a time (its transform API): an error is returned (one thrown by on_record too), not thrown. */
export interface CsvPieceParser {
  parse(piece: string | undefined, end: boolean): unknown;
}

/** Characters of text read between two pauses of a pass: split by line (fast), and by csv-parse, 10 to 20 times slower. */
const SPLIT_PIECE = 1 << 20, PARSE_PIECE = 1 << 16;

/** Called with each data row (the header excluded) and its 1-based line number; the row is reused after the call. */
export type RowVisitor = (row: CsvRow, line: number) => void;

/** The columns of a CSV text, and a way to walk its rows again. */
export interface CsvTable {
  source: string;
  /** The field separator of the text it was read from; empty for rows given in memory. */
  delimiter: string;
  /** The decimal mark its numbers are read with. */
  decimal: DecimalMark;
  columns: string[];
  /** Column name -> index (a Map: a file may have 200,000 columns). */
  index: Map<string, number>;
  /** How many data rows there are. */
  rows: number;
  /** Columns whose header cell is empty (named by position): e.g. the index column pandas' to_csv writes. */
  unnamed: number[];
  /** Visit every data row, in order; an error thrown by `visit` stops the pass and is thrown as is. */
  forEach(visit: RowVisitor): void;
  /** forEach in steps, pausing every piece of the text (read-steps.ts). */
  steps(visit: RowVisitor): Steps<void>;
}

/** A message cut to one short line (csv-parse quotes whole fields in its messages). */
export const shorten = (msg: string, max = 160) => {
  const line = msg.replace(/\s+/g, ' ');
  return line.length > max ? line.slice(0, max) + '...' : line;
};

/**
 * A cell as messages quote it: shortened, on one line (a line break a space), a tab written '\\t' and
 * other control characters as oneLine writes them ('\\u001a': a tab inside a field is a separator used two ways; a DOS
 * end-of-file mark, Ctrl-Z, showed as nothing): shown, not a space.
 */
export const cellShown = (text: string) => shorten(oneLine(text.replace(/\t/g, '\\t').replace(/[\r\n\u2028\u2029]+/g, ' ')), 40);

/** Whether text is control characters alone, each of which oneLine writes as '\\u00xx' (no tab, no line end). */
const onlyControl = (text: string) => text !== '' && [...text].every((c) => oneLine(c).startsWith('\\u'));

const isOurs = (e: unknown) => e instanceof DataError || e instanceof OptionError;

/** Whitespace that csv-parse's trim removes (or a BOM) other than spaces and line ends: the text takes csv-parse's path. */
const ODD_SPACE = /[\t\v\f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;
/** The same when tab is the delimiter (a tab then only separates fields). */
const ODD_SPACE_TSV = /[\v\f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

const count = (text: string, what: string) => {
  let n = 0;
  for (let at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length)) n++;
  return n;
};


/**
 * A hint when a table read from text reads as one column: its field separator is likely another (see
 * options.delimiter). Rows given in memory (a { columns, rows } table) have no separator: the hint was
 * given for them too.
 */
export const singleColumn = (table: CsvTable, before: string, what = 'only one column') => {
  const name = table.columns[0]!;
  if (table.columns.length !== 1 || table.delimiter === '') return '';
  // numbers (or names) between spaces, as numpy.savetxt and UCI's .data files write them: no delimiter option reads that,
  // and "see options.delimiter" sent the user to a list without it
  if (/^[^,;\t|]*\S +\S/.test(name)) {
    return `${before}(${what}: its fields are separated by spaces, as numpy.savetxt and UCI's .data files write them, which is not read; replace each run of spaces with ',', e.g. sed -E 's/^ +//; s/ +$//; s/ +/,/g')`;
  }
  // (not for a header of one name without a separator in it: a file of one column)
  return /^\d+$/.test(name) || /[,;\t| ]/.test(name) ? `${before}(${what}: is the field separator not '${table.delimiter === '\t' ? 'tab' : table.delimiter}'? see options.delimiter)` : '';
};

/**
 * Whether the text can be split at line ends and delimiters with the same records as csv-parse
 * (which reads a character at a time, 10 to 20 times slower): no quote, no whitespace but spaces
 * (and tabs when they are the delimiter), and lines that all end in \n or all in \r\n.
 */
export function splittable(text: string, delimiter: string): boolean {
  if (text.includes('"')) return false;
  if ((delimiter === '\t' ? ODD_SPACE_TSV : ODD_SPACE).test(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)) return false;
  const cr = count(text, '\r');
  return cr === 0 || (cr === count(text, '\r\n') && cr === count(text, '\n'));
}

/** What csv-parse makes of splittable text (trimmed fields, blank lines skipped, 1-based line numbers), reading each line's fields in place. */
export function splitPass(text: string, delimiter: string, onRecord: RowVisitor, decimal: DecimalMark = '.'): void {
  finishSteps(splitSteps(text, delimiter, onRecord, decimal));
}

/** splitPass in steps, pausing every SPLIT_PIECE characters. */
function* splitSteps(text: string, delimiter: string, onRecord: RowVisitor, decimal: DecimalMark): Steps<void> {
  const row = new TextRow(text, decimalCode(decimal));
  const d = delimiter.charCodeAt(0);
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0, line = 0, pause = pos + SPLIT_PIECE;
  while (pos < text.length) {
    if (pos >= pause) {
      yield;
      pause = pos + SPLIT_PIECE;
    }
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    line++;
    row.read(pos, end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end, d);
    pos = end + 1;
    if (!row.blank) onRecord(row, line);
  }
}

/**
 * Where a quoted field that is never closed opens: its 1-based line and 0-based field, and the line
 * where the text ends. csv-parse says only the line where the text ends ("the parsing is finished with
 * an opening quote at line 6"), which may be thousands of lines after the quote a user must find.
 * The same reading as csv-parse's (trim: spaces and tabs before a quote; "" inside quotes is a quote).
 */
export function unclosedQuote(text: string, delimiter: string): { line: number; field: number; end: number } | undefined {
  let line = 1, field = 0, atStart = true, quoted = false, openLine = 0, openField = 0;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i]!;
    const lineEnd = c === '\n' || (c === '\r' && text[i + 1] !== '\n');
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else quoted = false;
      } else if (lineEnd) line++;
      continue;
    }
    if (lineEnd) {
      line++;
      field = 0;
      atStart = true;
    } else if (c === delimiter) {
      field++;
      atStart = true;
    } else if (atStart && c === '"') {
      quoted = true;
      openLine = line;
      openField = field;
      atStart = false;
    } else if (c !== '\r' && !(atStart && (c === ' ' || c === '\t'))) atStart = false;
  }
  const last = text[text.length - 1];
  return quoted ? { line: openLine, field: openField, end: last === '\n' || last === '\r' ? line - 1 : line } : undefined;
}

/**
 * Editor line numbers for csv-parse's records. csv-parse counts a line at every CR and every LF, so a
 * CRLF inside a quoted field counted as two lines, and its record context names the line where a record
 * ends: a row whose quoted field holds a line break was named by its last line, and every row after a
 * quoted CRLF one line too far down. `startOf(l)` walks the text once, record by record, as csv-parse
 * reads it (a line end outside quotes ends a record; a quote opens a field only at its start, after
 * spaces or tabs), and gives the line where the record that csv-parse ended at its line `l` starts.
 * Asked with csv-parse's lines in increasing order, the walk over the whole file is linear.
 */
export class RecordLines {
  private at: number;
  private line = 1; // the editor's line at `at`
  private counted = 1; // csv-parse's count at `at`
  constructor(private readonly text: string, private readonly delimiter: string) {
    this.at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  /** The 1-based line where the record that csv-parse saw end at its line `counted` starts. */
  startOf(counted: number): number {
    for (;;) {
      const start = this.line;
      const end = this.record();
      if (end >= counted || this.at >= this.text.length) return start;
    }
  }

  /** The editor's line of csv-parse's line `counted` (for its errors, which name the line it is reading). */
  lineOf(counted: number): number {
    while (this.counted < counted && this.at < this.text.length) this.record(counted);
    return this.line - Math.max(0, this.counted - counted);
  }

  /** Read one record (or up to csv-parse's line `stop`); csv-parse's line where it ends. */
  private record(stop = Infinity): number {
    if (stop === Infinity) {
      const end = this.plainRecord();
      if (end !== undefined) return end;
    }
    const { text, delimiter } = this;
    let quoted = false, atStart = true;
    while (this.at < text.length) {
      const c = text[this.at]!;
      if (c === '\r' || c === '\n') {
        const crlf = c === '\r' && text[this.at + 1] === '\n';
        this.at += crlf ? 2 : 1;
        this.line++;
        const end = this.counted;
        this.counted += quoted && crlf ? 2 : 1;
        if (!quoted) return end;
        if (this.counted >= stop) return end;
        continue;
      }
      this.at++;
      if (quoted) {
        if (c === '"' && text[this.at] === '"') this.at++;
        else if (c === '"') quoted = false;
      } else if (c === delimiter) atStart = true;
      else if (atStart && c === '"') {
        quoted = true;
        atStart = false;
      } else if (!(atStart && (c === ' ' || c === '\t'))) atStart = false;
    }
    return this.counted;
  }

  private nextQuote = -1; // the next '"' at or after `at` (Infinity: none left), found again once passed
  private nextCr = -1;

  /**
   * A record with no quote and no CR before its LF (most rows of most files) ends at that LF: found
   * by the engine's indexOf instead of a walk character by character (which cost about a tenth of
   * reading a 36 MB file). undefined when the record needs the walk.
   */
  private plainRecord(): number | undefined {
    const { text } = this;
    if (this.nextQuote < this.at) this.nextQuote = after(text.indexOf('"', this.at));
    if (this.nextCr < this.at) this.nextCr = after(text.indexOf('\r', this.at));
    const lf = text.indexOf('\n', this.at);
    if (lf < 0 || this.nextQuote < lf || this.nextCr < lf) return undefined;
    const end = this.counted;
    this.at = lf + 1;
    this.line++;
    this.counted++;
    return end;
  }
}

/** indexOf's answer, with "none" as Infinity. */
const after = (i: number): number => (i < 0 ? Infinity : i);

/**
 * csv-parse's errors about quotes, said with the line and column a user must look at and what was
 * expected; other errors are kept in its words, cut to a line. `columns`: the header's names, when known.
 */
export function csvParseError(e: unknown, text: string, delimiter: string, source: string, columns?: readonly string[]): DataError {
  const err = e as Error & { code?: string; lines?: number; column?: unknown; field?: { toString(): string } };
  const name = (field: number, line: number) =>
    columns && line > 1 && columns[field] !== undefined ? `column '${columns[field]}'` : `field ${field + 1}`;
  const field = typeof err.column === 'number' ? err.column : undefined;
  const line = typeof err.lines === 'number' ? new RecordLines(text, delimiter).lineOf(err.lines) : undefined;
  const quoting = 'a quote that is part of a value is written twice, "", in a field put in quotes';
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
    const open = unclosedQuote(text, delimiter);
    if (open) {
      return new DataError(`${source}, line ${open.line}, ${name(open.field, open.line)}: a quote opens this field and is never closed (the file ends inside it, at line ${open.end}); add the closing quote (${quoting})`);
    }
  } else if ((err.code === 'CSV_INVALID_CLOSING_QUOTE' || err.code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE') && field !== undefined && line !== undefined) {
    return new DataError(`${source}, line ${line}, ${name(field, line)}: text after the closing quote of a quoted field, where a field separator or the end of the line was expected (${quoting})`);
  } else if (err.code === 'INVALID_OPENING_QUOTE' && field !== undefined && line !== undefined) {
    const before = err.field ? `after '${shorten(err.field.toString(), 40)}' ` : '';
    return new DataError(`${source}, line ${line}, ${name(field, line)}: a quote ${before}inside a field that does not start with one (${quoting})`);
  }
  return new DataError(`${source}: not a readable CSV file: ${shorten(err.message)}`);
}

/**
 * Any line ending ends a record, whatever the first line ends with: csv-parse takes the first
 * line's ending for the whole file, so a CRLF header over LF rows (a Windows header, rows added by
 * a Unix tool) read as one row of every field ("line 5: 9 fields, expected 3").
 */
export const LINE_ENDS = ['\r\n', '\n', '\r'];

/**
 * One pass over the text, in steps: `onRecord` gets every record (header included); nothing is retained.
 * `columns`: the header's names once read, for errors.
 */
function* parseSteps(parse: CsvParser, text: string, delimiter: string, source: string, fast: boolean, onRecord: RowVisitor, columns: () => readonly string[] | undefined = () => undefined, decimal: DecimalMark = '.'): Steps<void> {
  if (fast) {
    yield* splitSteps(text, delimiter, onRecord, decimal);
    return;
  }
  const row = new ArrayRow(decimalCode(decimal));
  const lines = new RecordLines(text, delimiter);
  const options = {
    delimiter, bom: true, record_delimiter: LINE_ENDS, relax_column_count: true, skip_empty_lines: true, trim: true,
    on_record: (record: string[], context: { lines: number }) => {
      row.cells = record;
      onRecord(row, lines.startOf(context.lines));
      return null; // dropped: the parse keeps no record
    },
  };
  const failed = (e: unknown) => (isOurs(e) ? e : csvParseError(e, text, delimiter, source, columns()));
  if (!parse.pieces || text.length <= PARSE_PIECE) {
    try {
      const kept = parse(text, options) as unknown[];
      if (kept.length !== 0) throw new Error(`internal: csv-parse kept ${kept.length} records`);
    } catch (e) {
      throw failed(e);
    }
    return;
  }
  const parser = parse.pieces(options);
  for (let at = 0; at < text.length;) {
    let end = Math.min(text.length, at + PARSE_PIECE);
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end++; // (a character of two UTF-16 units stays whole)
    const e = parser.parse(text.slice(at, end), false);
    if (e !== undefined) throw failed(e);
    at = end;
    yield;
  }
  const e = parser.parse(undefined, true);
  if (e !== undefined) throw failed(e);
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;

/**
 * The columns' names: the header's cells, or their 1-based positions. A header cell left empty is named
 * by its position too, unless another cell has that name (pandas' index before its columns 0, 1, 2, ...):
 * then as pandas names it, 'Unnamed: i' (i from 0).
 */
function columnNames(row: CsvRow, header: boolean): string[] {
  const cells = Array.from({ length: row.length }, (_, i) => (header ? row.text(i) : ''));
  const named = new Set(cells.filter((c) => c !== ''));
  return cells.map((c, i) => c || (named.has(String(i + 1)) ? `Unnamed: ${i}` : String(i + 1)));
}

/**
 * Read the structure of CSV text in one pass (the header, the field count of every row) and give
 * every data row to the visitor that `start` makes once the columns are known. Errors come in the
 * order of reading the whole table first: an unreadable file, an empty one, a header only, a
 * repeated column name or a ragged row (the first), and only then an error thrown by `start`.
 */
export function openCsv(parse: CsvParser, text: string, header: boolean, source: string, delimiter: string, start: (table: CsvTable) => RowVisitor, decimal: DecimalMark = '.'): CsvTable {
  return finishSteps(openCsvSteps(parse, text, header, source, delimiter, start, decimal));
}

/** openCsv in steps, pausing every piece of the text. */
export function* openCsvSteps(parse: CsvParser, text: string, header: boolean, source: string, delimiter: string, start: (table: CsvTable) => RowVisitor, decimal: DecimalMark = '.'): Steps<CsvTable> {
  let table: CsvTable | undefined, visit: RowVisitor | undefined;
  let structural: DataError | undefined, late: unknown, expected = '';
  let records = 0, commentLine = 0;
  let names: string[] | undefined; // the header's cells, to find it again in the rows (repeatsHeader)
  const fast = splittable(text, delimiter);
  yield* parseSteps(parse, text, delimiter, source, fast, (row, line) => {
    if (records++ === 0) {
      if (row.text(0).startsWith('#')) commentLine = line;
      const columns = columnNames(row, header);
      // (pandas names a column without a name 'Unnamed: 0' when it reads one: the index of a file saved twice)
      const unnamed = header ? columns.flatMap((_, i) => (row.text(i) === '' || /^Unnamed: \d+$/.test(row.text(i)) ? [i] : [])) : [];
      const steps = (v: RowVisitor) => walk(parse, text, header, fast, table!, v);
      table = { source, delimiter, decimal, columns, index: new Map(), rows: 0, unnamed, forEach: (v) => finishSteps(steps(v)), steps };
      for (const [i, c] of columns.entries()) {
        if (header && table.index.has(c) && !structural) structural = new DataError(`${source}, line ${line}: the column name '${c}' appears twice in the header${looksNumeric(columns) ? ` (line ${line} holds only numbers: is it a line of data, the file without a header line? then say so, { header: false })` : ''}`);
        table.index.set(c, i);
      }
      if (header && !structural) structural = sameTextTwice(table, line);
      expected = header ? 'as the header line' : `as line ${line}`;
      if (header && !looksNumeric(columns)) names = Array.from({ length: row.length }, (_, i) => row.text(i).toLowerCase());
      if (header) return;
    }
    const t = table!;
    t.rows++;
    if (structural) return;
    if (row.length !== t.columns.length) {
      structural = raggedError(t, row.length, line, expected, row.text(0).startsWith('#') ? line : commentLine, row.length === 1 ? row.text(0) : '');
      return;
    }
    if (names && repeatsHeader(row, names)) {
      structural = new DataError(`${source}, line ${line} repeats the header line (${shorten(Array.from({ length: row.length }, (_, i) => row.text(i)).join(t.delimiter), 80)}): files joined one after another, each with its header? remove the header lines after line 1`);
      return;
    }
    if (late !== undefined) return;
    if (!visit) {
      try {
        visit = start(t);
      } catch (e) {
        late = e;
        return;
      }
    }
    visit(row, line);
  }, () => (header ? table?.columns : undefined), decimal);
  if (!table) throw new DataError(`${source}: the file is empty`);
  if (table.rows === 0) {
    // a file of one example has one line: read as a header when the reader looked for one
    // (a header of names rarely holds a number: '1,red' is an example more often than a header)
    const numbers = table.columns.filter((c) => c.trim() !== '' && Number.isFinite(Number(c))).length;
    const which = numbers === table.columns.length ? 'is all numbers' : 'holds a number';
    throw new DataError(`${source}: only a header line, no data rows${numbers > 0 ? ` (its one line ${which}: if it is an example, read the file without a header, { header: false })` : ''}`);
  }
  if (structural) throw structural;
  if (late !== undefined) throw late;
  return table;
}

/**
 * A data row whose every cell is the header's (a header of names, not of numbers), in any capitals: the
 * header of a file joined after another (cat a.csv b.csv, or exports appended to one file; 'A,B,Y' after
 * 'a,b,y' from another tool). Its names were read as data: "'x1' is not a number", or, in text columns, a
 * class 'y' and a category 'color' that no example has, silently. `names`: the header's, in lower case.
 * The first cell is compared first (most rows stop there: a cell of another length is not lowered).
 */
function repeatsHeader(row: CsvRow, names: readonly string[]): boolean {
  const first = row.text(0);
  if (first.length !== names[0]!.length || first.toLowerCase() !== names[0]) return false;
  for (let i = 1; i < names.length; i++) if (row.text(i).toLowerCase() !== names[i]) return false;
  return true;
}

/**
 * `comment`: the number of a line that starts with '#' (a comment, which no CSV reader here skips), or 0.
 * `only`: the line's text when it is one field (a line of a control character alone, a DOS end-of-file
 * mark Ctrl-Z, was "1 field, expected 3" naming nothing visible).
 */
function raggedError(table: CsvTable, fields: number, line: number, expected: string, comment: number, only = ''): DataError {
  const { columns, source } = table;
  const where = fields < columns.length
    ? `column '${columns[fields]}' and after are missing`
    : `extra field after column '${columns[columns.length - 1]}'`;
  // every row one field longer than the header from the first on: R's write.table writes row names so
  const rowNames = fields === columns.length + 1 && line === 2 && expected === 'as the header line'
    ? "; row names without a header field, as R's write.table writes them? save with row.names = FALSE, or name the first column in the header" : '';
  // (1,5,2,25 read with decimal commas and ',' between fields: which comma is which cannot be told)
  const commas = fields > columns.length && table.delimiter === ',' && table.decimal === ','
    ? "; the file is read with decimal commas ({ decimal: ',' }) and ',' between fields: such numbers must be quoted (\"1,5\"), or the fields separated by ';'" : '';
  const control = onlyControl(only)
    ? `; the line holds only the control character${only.length > 1 ? 's' : ''} '${cellShown(only)}'${only === '\x1a' ? " (Ctrl-Z, DOS's end-of-file mark: files joined one after another?)" : ''}: delete it` : '';
  const hint = comment ? `; line ${comment} starts with '#': comment lines are not skipped, remove them (grep -v '^#')` : commas || rowNames || control;
  return new DataError(`${source}, line ${line}: ${fields} field${fields === 1 ? '' : 's'}, expected ${columns.length} ${expected} (${where})${hint}`);
}

/** Another pass over text that openCsv has checked, in steps: the data rows only. */
function* walk(parse: CsvParser, text: string, header: boolean, fast: boolean, table: CsvTable, visit: RowVisitor): Steps<void> {
  let first = header;
  yield* parseSteps(parse, text, table.delimiter, table.source, fast, (row, line) => {
    if (first) first = false;
    else visit(row, line);
  }, () => (header ? table.columns : undefined), table.decimal);
}

/** Every name a number: a first line of data read as a header. */
export const looksNumeric = (names: readonly string[]) => names.length > 0 && names.every((c) => /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(c));

/**
 * The column of this name: exactly, else the one column whose name is the same text in another
 * Unicode form ('café' typed as é, or as e and a combining accent as macOS file names and some
 * editors write it): predict said "no column 'café'; the columns are: café, x2, y".
 */
export function findColumn(table: CsvTable, name: string): number | undefined {
  const exact = table.index.get(name);
  if (exact !== undefined || /^[\x20-\x7e]*$/.test(name)) return exact;
  const nfc = name.normalize('NFC');
  const hits = table.columns.flatMap((c, i) => (c.normalize('NFC') === nfc ? [i] : []));
  return hits.length === 1 ? hits[0] : undefined;
}

/**
 * Two header names that are the same text in different Unicode forms (NFC and NFD), or but for spaces
 * at either end or invisible characters (a quoted "a " beside a, kept as two columns, silently), as a DataError.
 */
function sameTextTwice(table: CsvTable, line: number): DataError | undefined {
  const seen = new Map<string, number>(), loose = new Map<string, number>();
  for (const [i, c] of table.columns.entries()) {
    const nfc = c.normalize('NFC'), before = seen.get(nfc);
    if (before !== undefined && table.columns[before] !== c) return new DataError(`${table.source}, line ${line}: columns ${before + 1} and ${i + 1} are both named '${c}' (the same text in different Unicode forms, composed and decomposed); rename one`);
    seen.set(nfc, i);
    const key = nfc.replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '').trim(), near = loose.get(key);
    if (near !== undefined && table.columns[near] !== c) {
      return new DataError(`${table.source}, line ${line}: columns ${near + 1} and ${i + 1} are named ${visibleName(table.columns[near]!)} and ${visibleName(c)}, the same but for spaces at either end or invisible characters; rename one`);
    }
    loose.set(key, i);
  }
  return undefined;
}

/** Rows already in memory as a table (line numbers count from 1, as rows of the input). */
export function memoryTable(columns: string[], rows: string[][], source: string, decimal: DecimalMark = '.'): CsvTable {
  function* steps(visit: RowVisitor): Steps<void> {
    const row = new ArrayRow(decimalCode(decimal));
    for (let k = 0; k < rows.length; k++) {
      if (k > 0 && k % MEMORY_PIECE === 0) yield;
      if (!(k in rows)) continue; // (a hole, as forEach skipped it)
      row.cells = rows[k]!;
      visit(row, k + 1);
    }
  }
  return { source, delimiter: '', decimal, columns, index: new Map(columns.map((c, i) => [c, i])), rows: rows.length, unnamed: [], forEach: (v) => finishSteps(steps(v)), steps };
}

/** Rows in memory visited between two pauses. */
const MEMORY_PIECE = 1 << 14;
