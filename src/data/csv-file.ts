// CSV files (Node): reading the bytes within the input size limit (plain or gzip'd, see files.ts),
// decoding them as text (csv-bytes.ts: UTF-8, strictly; UTF-16 when a byte-order mark says so; Latin-1
// when asked; a binary file refused by name), then csv.ts makes the dataset.

import { basename } from 'node:path';
import { parse as nodeParse } from 'csv-parse/sync';
import { Parser } from 'csv-parse';
import { OptionError } from '../errors.js';
import { showPath } from '../io/path-text.js';
export * from './csv.js';
import { checkCsvReadOptions, parseCsvSteps, type CsvApplyOptions, type CsvOptions, type CsvParser, type CsvResult } from './csv.js';
import type { CsvPieceParser } from './csv-scan.js';
import { finishSteps, finishStepsAsync, type Steps } from './read-steps.js';
import { DEFAULT_MAX_CSV_BYTES, maxInputBytes, readBytes } from './files.js';
import { CSV_ENCODINGS, csvTextFromBytes, encodingLike, encodingRead, type CsvEncoding } from './csv-bytes.js';
export { CSV_ENCODINGS, csvTextFromBytes, firstInvalidUtf8, type CsvEncoding } from './csv-bytes.js';

export interface CsvFileOptions {
  /**
   * The text encoding (default 'auto': UTF-8, or UTF-16 after a byte-order mark; with a schema, the
   * training file's when it was not UTF-8, unless the file is valid UTF-8 or has a byte-order mark).
   * 'latin1' is read as Windows-1252, its superset, as browsers do.
   */
  encoding?: CsvEncoding;
}

/**
 * Read a CSV file (plain or gzip'd): learn a schema, or apply one given as options.schema. The
 * schema learned records the encoding when it was not UTF-8; a file read with it is read in that
 * encoding when none is given, unless the file says it is another (encodingLike).
 */
export function readCsv(path: string, options: (CsvOptions | CsvApplyOptions) & CsvFileOptions = {}): CsvResult {
  return finishSteps(readCsvSteps(path, options));
}

/**
 * readCsv for an async caller (loadDataset): the same reading, giving the event loop a turn every few
 * hundredths of a second, so that a Ctrl-C or a SIGTERM is answered while a large file is read; `signal`
 * stops the read at such a turn (the promise rejects with its reason).
 */
export function readCsvAsync(path: string, options: (CsvOptions | CsvApplyOptions) & CsvFileOptions = {}, signal?: AbortSignal): Promise<CsvResult> {
  return finishStepsAsync(readCsvSteps(path, options), signal);
}

function* readCsvSteps(path: string, options: (CsvOptions | CsvApplyOptions) & CsvFileOptions): Steps<CsvResult> {
  checkCsvFileOptions(options);
  const bytes = readBytes(path, maxInputBytes(DEFAULT_MAX_CSV_BYTES));
  yield;
  const schema = 'schema' in options ? options.schema : undefined;
  const encoding = options.encoding ?? (schema?.encoding ? encodingLike(bytes, schema.encoding) : 'auto');
  const text = csvTextFromBytes(bytes, showPath(path), encoding);
  yield;
  const name = options.name ?? basename(path).replace(/(\.gz)?$/i, '').replace(/\.[^.]*$/, '');
  const { encoding: _, ...csvOptions } = options;
  const result = yield* parseCsvSteps(nodeParser, text, { ...csvOptions, name }, showPath(path));
  const read = schema ? undefined : encodingRead(bytes, encoding);
  return read ? { ...result, schema: { ...result.schema, encoding: read } } : result;
}

/** Node's csv-parse: its faster synchronous build, and its transform API fed a piece of text at a time (a pass pauses between pieces). */
const nodeParser: CsvParser = Object.assign((text: string, options: Record<string, unknown>) => nodeParse(text, options), {
  pieces: (options: Record<string, unknown>): CsvPieceParser => {
    const api = (new Parser(options) as unknown as { api: { parse(buf: Buffer | undefined, end: boolean, push: (r: unknown) => void, close: () => void): unknown } }).api;
    const records: unknown[] = [];
    return {
      parse: (piece, end) => {
        const e = api.parse(piece === undefined ? undefined : Buffer.from(piece, 'utf8'), end, (r) => records.push(r), () => {});
        if (e === undefined && records.length > 0) return new Error(`internal: csv-parse kept ${records.length} records`);
        return e;
      },
    };
  },
});

/** The options of reading a CSV file, checked before it is looked at: a bad one was said after reading the whole file. */
export function checkCsvFileOptions(options: (CsvOptions | CsvApplyOptions) & CsvFileOptions): void {
  checkCsvReadOptions(options, 'readCsv', ['encoding']);
  checkEncoding(options.encoding);
}

function checkEncoding(encoding: CsvEncoding = 'auto'): void {
  if (!CSV_ENCODINGS.includes(encoding)) throw new OptionError(`options.encoding must be one of ${CSV_ENCODINGS.join(', ')}, got '${String(encoding)}'`);
}

/**
 * The text of a CSV file. A binary file (one with NUL bytes, e.g. an image or an HDF5 file given by
 * mistake) is refused by name; so is text that is not valid in the encoding.
 */
export function readCsvText(path: string, encoding: CsvEncoding = 'auto'): string {
  checkEncoding(encoding);
  return csvTextFromBytes(readBytes(path, maxInputBytes(DEFAULT_MAX_CSV_BYTES)), showPath(path), encoding);
}
