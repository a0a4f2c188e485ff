// Thousands grouped with '.' in a file separated by ';': a European spreadsheet saves 1234 as
// '1.234' there, and a reader with decimal points reads one and a fifth, silently. A number column
// whose every fraction is written as groups of three digits ('1.234', '12.500', '-1.000.000') is
// said once per file, naming the columns, by whatever reads the file: training, and a model's
// predict and evaluate (which read '1.234' as 1.234 without a word: the warning was training's only).
// Pure (no Node module): it runs in a browser.

import type { CsvTable } from './csv-scan.js';

/** Digits in groups of three after a first group of one to three, joined by '.', as the whole cell. */
const GROUPED = /^[+-]?[1-9]\d{0,2}(\.\d{3})+$/;

/** Counts, per number feature, its numbers with a fraction and those of them written as groups of thousands. */
export interface GroupedNumbers {
  /** Whether the file can hold them (separated by ';', read with decimal points): when false, note is never needed. */
  readonly on: boolean;
  /** Feature n's cell `text`, read as `v` (a number that is not whole). */
  note(n: number, v: number, text: string): void;
  /** The warning, or undefined when no column is all groups; `names(n)` names feature n's column. */
  said(names: (n: number) => string): string | undefined;
}

/** The counter for a table of `features` features. */
export function groupedNumbers(table: CsvTable, features: number): GroupedNumbers {
  const on = table.delimiter === ';' && table.decimal === '.';
  const fractions = new Float64Array(on ? features : 0), grouped = new Float64Array(on ? features : 0);
  return {
    on,
    note: (n, v, text) => {
      fractions[n]!++;
      // (only three decimals and 1 or more can be: the text is looked at for those alone)
      if (Math.abs(v) >= 1 && Math.abs(Math.round(v * 1000) - v * 1000) < 1e-6 && GROUPED.test(text)) grouped[n]!++;
    },
    said: (names) => {
      const all: string[] = [];
      for (let n = 0; n < fractions.length; n++) if (fractions[n]! > 0 && grouped[n] === fractions[n]) all.push(`'${names(n)}'`);
      if (all.length === 0) return undefined;
      const listed = all.slice(0, 5).join(', ') + (all.length > 5 ? `, and ${all.length - 5} more` : '');
      return `${table.source}: in ${all.length === 1 ? 'column' : 'columns'} ${listed} every number with a '.' is written in groups of three digits (as '1.234'), read with '.' as the decimal point; in a file separated by ';', as a European spreadsheet saves it, '.' may group thousands (1.234 for 1234): if so, save the numbers without the '.' (and read decimal commas with { decimal: ',' })`;
    },
  };
}
