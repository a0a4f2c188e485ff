// One CSV row as the passes over a file see it (csv-scan.ts): its fields as text, or as numbers and
// missing values read straight from the characters, without making a string per cell. Splittable
// text (csv-scan's fast path) gives TextRow, the fields' bounds in the file's text; csv-parse's
// records and rows already in memory give ArrayRow. Also what a number and a missing value are.
// Pure (no Node module): it runs in a browser.

/** A data row during a visit (valid only until the visitor returns: the next row reuses it). */
export interface CsvRow {
  /** How many fields. */
  readonly length: number;
  /** Field k, trimmed. */
  text(k: number): string;
  /** Field k's value when it is a number (numberIn's grammar), NaN otherwise. */
  number(k: number): number;
  /** Whether field k is one of MISSING_VALUES. */
  missing(k: number): boolean;
  /**
   * Whether field k, read as the number 0, has a digit other than 0 before its exponent: a number too
   * small or too large for a float that became 0 ('1e-400'; '0', '-0.0', '0e5' are zeros). Asked only of 0.
   */
  zeroUnderflow(k: number): boolean;
}

/** Cells read as missing values. */
export const MISSING_VALUES: readonly string[] = ['', '?', 'NA', 'N/A', 'NaN', 'nan'];
/** MISSING_VALUES by length: a cell is compared only with those of its own length. */
const MISSING_BY_LENGTH: readonly string[][] = Array.from({ length: Math.max(...MISSING_VALUES.map((v) => v.length)) + 1 }, (_, n) => MISSING_VALUES.filter((v) => v.length === n));

/** Whether text[s..e) is a missing value. */
export function missingIn(text: string, s: number, e: number): boolean {
  if (e - s >= MISSING_BY_LENGTH.length) return false;
  const same = MISSING_BY_LENGTH[e - s]!;
  for (let k = 0; k < same.length; k++) if (text.startsWith(same[k]!, s)) return true;
  return false;
}

export const isMissing = (cell: string) => missingIn(cell, 0, cell.length);

/** Whether a cell is a spreadsheet's error value (#DIV/0!, #VALUE!, #REF!, #NAME?, #NUM!, #NULL!..., Google Sheets' #ERROR!): a formula that gave no value (#N/A, which pandas reads as missing, is a mark). */
export const isSpreadsheetError = (cell: string) => /^#(div\/0!|value!|ref!|name\?|num!|null!|spill!|calc!|getting_data|error!|field!|blocked!|connect!|busy!|unknown!|external!|python!)$/i.test(cell.trim());

/**
 * Whether a cell is a mark that other tools read as a missing value (pandas reads NULL, None, n/a,
 * #N/A, <NA>, -nan, 1.#IND; '-', '.', 'missing' are common) or a spreadsheet's error value, but this
 * reader does not (it is no MISSING_VALUES): among numbers such a cell is a missing value written
 * another way, never a class nor a category.
 */
export const isMissingMark = (cell: string) => /^(null|none|nil|n\/a|#n\/a|#na|<na>|nat|missing|-+|\.[a-z]?|\u2014|\u2013|-nan|-?1\.#(ind|qnan))$/i.test(cell.trim()) || isSpreadsheetError(cell);

const DIGIT_0 = 48, PLUS = 43, MINUS = 45, POINT = 46, COMMA = 44, E_LOWER = 101, E_UPPER = 69;

/** Whether text[s..e) has a digit 1-9 before its exponent (if any): written as no zero. */
export function nonzeroDigitIn(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === E_LOWER || c === E_UPPER) return false;
    if (c > DIGIT_0 && c <= DIGIT_0 + 9) return true;
  }
  return false;
}

/** The decimal marks a CSV file may write its fractions with: '.' (the default) or ',' (as a German or French spreadsheet saves them: 1,5). */
export const DECIMAL_MARKS = ['.', ','] as const;
export type DecimalMark = (typeof DECIMAL_MARKS)[number];
/** The character code numberIn takes for a decimal mark. */
export const decimalCode = (mark: DecimalMark = '.') => (mark === ',' ? COMMA : POINT);

/** 10^k for k = 0..22, each exact in float64. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The value of text[s..e) written as a decimal number ([+-] digits [. digits] [e [+-] digits], or
 * [+-] . digits ...), NaN for anything else ('0x10', 'Infinity', '1_000', ''), a character at a time.
 * `point` is the code of the decimal mark (decimalCode(',') for 1,5); the other mark is no number
 * ('1.5' with a decimal comma, '1,5' with a decimal point: never a thousands separator read silently).
 * Without an exponent and with at most 15 significant digits and 22 decimals (most data), the digits
 * make an exact integer and one division by an exact 10^k rounds it as Number() does (Clinger's fast
 * path); other numbers go to Number().
 */
export function numberIn(text: string, s: number, e: number, point = POINT): number {
  const c0 = s < e ? text.charCodeAt(s) : 0;
  let i = c0 === PLUS || c0 === MINUS ? s + 1 : s;
  let digits = 0, significant = 0, decimals = 0, v = 0;
  for (; i < e; i++) {
    const d = text.charCodeAt(i) - DIGIT_0;
    if ((d >>> 0) > 9) break;
    v = v * 10 + d;
    digits++;
    if (v !== 0) significant++;
  }
  if (i < e && text.charCodeAt(i) === point) {
    for (i++; i < e; i++) {
      const d = text.charCodeAt(i) - DIGIT_0;
      if ((d >>> 0) > 9) break;
      v = v * 10 + d;
      digits++;
      decimals++;
      if (v !== 0) significant++;
    }
  }
  if (digits === 0) return NaN;
  if (i < e) {
    const x = text.charCodeAt(i);
    if (x !== E_LOWER && x !== E_UPPER) return NaN;
    const sign = i + 1 < e ? text.charCodeAt(i + 1) : 0;
    const first = sign === PLUS || sign === MINUS ? i + 2 : i + 1;
    for (i = first; i < e && ((text.charCodeAt(i) - DIGIT_0) >>> 0) <= 9;) i++;
    return i === first || i !== e ? NaN : Number(pointed(text.slice(s, e), point));
  }
  if (significant > 15 || decimals > 22) return Number(pointed(text.slice(s, e), point));
  const value = decimals === 0 ? v : v / POW10[decimals]!;
  return c0 === MINUS ? -value : value;
}

/** A number's text (checked by numberIn) with its decimal mark a point, as Number() reads it. */
const pointed = (text: string, point: number) => (point === POINT ? text : text.replace(',', '.'));

export const numberValue = (cell: string, point = POINT) => numberIn(cell, 0, cell.length, point);
export const isNumber = (cell: string, point = POINT) => !Number.isNaN(numberValue(cell, point));

/** Class labels compare as numbers when they are numbers ("1.0" is class "1"). */
export const labelKey = (cell: string) => {
  const v = numberValue(cell);
  return Number.isNaN(v) ? cell : String(v);
};

/** The label key of a row's field: its number as text, or the text itself. */
export function labelKeyOf(row: CsvRow, k: number): string {
  const v = row.number(k);
  return Number.isNaN(v) ? row.text(k) : String(v);
}

const SPACE = 32;

/** A row that is an array of cells (csv-parse's records, rows in memory). */
export class ArrayRow implements CsvRow {
  cells: readonly string[] = [];
  /** `point`: the code of the decimal mark (decimalCode). */
  constructor(private readonly point = POINT) {}
  get length(): number {
    return this.cells.length;
  }
  text(k: number): string {
    return this.cells[k]!;
  }
  number(k: number): number {
    // spaces inside quotes (" 1.5 ") are no part of a number, as outside them (pandas reads both): it was text
    const c = this.cells[k]!, n = c.length;
    return numberValue(n > 0 && (c.charCodeAt(0) <= SPACE || c.charCodeAt(n - 1) <= SPACE) ? c.trim() : c, this.point);
  }
  missing(k: number): boolean {
    return isMissing(this.cells[k]!);
  }
  zeroUnderflow(k: number): boolean {
    return nonzeroDigitIn(this.cells[k]!, 0, this.cells[k]!.length);
  }
}

/** A line of splittable text (no quotes; spaces the only whitespace in it): where each field starts and ends. */
export class TextRow implements CsvRow {
  length = 0;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  /** `point`: the code of the decimal mark (decimalCode). */
  constructor(private readonly source: string, private readonly point = POINT) {}

  /** Take the line source[s..e), fields separated by the character `delimiter`, each without the spaces around it. */
  read(s: number, e: number, delimiter: number): void {
    const source = this.source;
    let f = 0, a = s;
    for (let i = s; i < e; i++) {
      if (source.charCodeAt(i) === delimiter) {
        this.field(f++, a, i);
        a = i + 1;
      }
    }
    this.field(f++, a, e);
    this.length = f;
  }

  private field(f: number, s: number, e: number): void {
    if (f === this.starts.length) {
      const grow = (old: Int32Array) => { const a = new Int32Array(old.length * 2); a.set(old); return a; };
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
    }
    const source = this.source;
    while (s < e && source.charCodeAt(s) === SPACE) s++;
    while (e > s && source.charCodeAt(e - 1) === SPACE) e--;
    this.starts[f] = s;
    this.ends[f] = e;
  }

  /** A line with one empty field: blank. */
  get blank(): boolean {
    return this.length === 1 && this.starts[0] === this.ends[0];
  }
  text(k: number): string {
    return this.source.slice(this.starts[k]!, this.ends[k]!);
  }
  number(k: number): number {
    return numberIn(this.source, this.starts[k]!, this.ends[k]!, this.point);
  }
  missing(k: number): boolean {
    return missingIn(this.source, this.starts[k]!, this.ends[k]!);
  }
  zeroUnderflow(k: number): boolean {
    return nonzeroDigitIn(this.source, this.starts[k]!, this.ends[k]!);
  }
}
