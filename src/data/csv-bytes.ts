// The bytes of a CSV file as text: UTF-8, strictly (a byte that is not UTF-8 is an error naming its
// line and column), UTF-16 when a byte-order mark says so, Latin-1 when asked; a binary file (an
// image, an HDF5 or ZIP file given by mistake) is refused by name. Pure (no Node module): the
// browser reads a user's file with it too; csv-file.ts reads the bytes from disk.

import { DataError } from '../errors.js';
import { checkBytesArgument, checkStringArgument } from '../util/arguments.js';
import { foreignFileKind } from '../util/file-kind.js';

/** How the bytes of a CSV file are read as text: 'auto' (default) is UTF-8, or UTF-16 after a byte-order mark. */
export const CSV_ENCODINGS = ['auto', 'utf-8', 'latin1', 'windows-1252', 'utf-16le', 'utf-16be'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

/**
 * The text of a CSV file's bytes (`shown` names the file in error messages). A binary file (one with
 * NUL bytes, e.g. an image or an HDF5 file given by mistake) is refused by name; so is text that is
 * not valid in the encoding.
 */
export function csvTextFromBytes(bytes: Uint8Array, shown = 'CSV data', encoding: CsvEncoding = 'auto'): string {
  checkBytesArgument('csvTextFromBytes', 'bytes', bytes);
  checkStringArgument('csvTextFromBytes', 'shown', shown, 'the name shown in messages (a string)');
  const text = decodeCsvBytes(bytes, shown, encoding);
  // a JSON document (a model file given as data) read as CSV said "a quote after '{' inside a field"
  const start = /^\ufeff?\s*(\{\s*"|\[\s*[[{])/.exec(text.slice(0, 256));
  if (start) {
    const model = /"format"\s*:\s*"backprop-model"/.test(text.slice(0, 65536)) ? ', a backprop model file' : '';
    throw new DataError(`${shown}: not CSV data: it is a JSON document${model} (it begins '${start[1]!.replace(/\s+/g, '')}')`);
  }
  return text;
}

/**
 * 'UTF-32LE' or 'UTF-32BE' for text in UTF-32, by its byte-order mark or, without one, by its first
 * character's three zero bytes; else undefined. Its mark FF FE 00 00 begins with UTF-16LE's: it was read
 * as UTF-16 with a NUL after each character ("line 22: 1 field, expected 3 ... '\u0000b\u0000'").
 */
function utf32Kind(b: Uint8Array): string | undefined {
  if (b.length < 4) return undefined;
  if (b[0] !== 0 && b[1] === 0 && b[2] === 0 && b[3] === 0) return 'UTF-32LE';
  if (b[0] === 0 && b[1] === 0 && b[2] === 0 && b[3] !== 0) return 'UTF-32BE';
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return 'UTF-32LE';
  return b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff ? 'UTF-32BE' : undefined;
}

function decodeCsvBytes(bytes: Uint8Array, shown: string, encoding: CsvEncoding): string {
  const utf32 = foreignFileKind(bytes) ? undefined : utf32Kind(bytes);
  if (utf32) throw new DataError(`${shown}: not a CSV text file it can read: it is ${utf32} text (4 bytes a character), which is not read; save it as UTF-8`);
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return decodeUtf16(bytes, encoding, shown);
  if (encoding === 'auto' && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (encoding === 'auto' && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  const head = bytes.subarray(0, 8192);
  const nul = head.indexOf(0);
  // (a file that begins with an image's or an archive's signature is refused by it even without a zero byte: a truncated PNG was
  // 'line 3: 0x89 is not UTF-8'; a web page or a Git LFS pointer saved under the data's name read as a table of one column)
  const known = foreignFileKind(bytes);
  if (nul >= 0 || known) {
    // ASCII text in UTF-16 has a zero in every other byte (the odd ones little-endian, the even ones big-endian: a big-endian file was told to give 'utf-16le')
    const utf16 = head.length < 4 ? undefined : head[1] === 0 && head[3] === 0 ? 'utf-16le' : head[0] === 0 && head[2] === 0 ? 'utf-16be' : undefined;
    const what = known ? `it looks like ${known}`
      : utf16 ? `it looks like ${utf16.toUpperCase()} text without a byte-order mark; save it as UTF-8, or give { encoding: '${utf16}' }`
      : `it holds binary data (a zero byte at offset ${nul})`;
    throw new DataError(`${shown}: not a CSV text file: ${what}`);
  }
  if (encoding === 'latin1' || encoding === 'windows-1252') return new TextDecoder('windows-1252').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes); // native, in Node and in browsers
  } catch {
    const at = firstInvalidUtf8(bytes);
    const lineStart = at === 0 ? 0 : bytes.lastIndexOf(0x0a, at - 1) + 1; // (lastIndexOf(x, -1) searches from the end: a first byte was put on the last line)
    let line = 1;
    for (let k = 0; k < lineStart; k++) if (bytes[k] === 0x0a) line++;
    const column = new TextDecoder().decode(bytes.subarray(lineStart, at)).length + 1;
    throw new DataError(`${shown}, line ${line}, character ${column}: the byte 0x${bytes[at]!.toString(16).padStart(2, '0')} is not UTF-8 text; if the file is Latin-1 or Windows-1252 (e.g. saved by Excel), read it with { encoding: 'latin1' }, else save it as UTF-8`);
  }
}

/** The encodings a CSV schema records (its training file's, when it was not UTF-8). */
export const RECORDED_ENCODINGS = ['latin1', 'windows-1252', 'utf-16le', 'utf-16be'] as const;
export type RecordedEncoding = (typeof RECORDED_ENCODINGS)[number];

/** The encoding bytes decoded with `asked` were read in, when it is not UTF-8 (a UTF-16 byte-order mark under 'auto'): what a schema records. */
export function encodingRead(bytes: Uint8Array, asked: CsvEncoding): RecordedEncoding | undefined {
  if (asked === 'auto') return bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  return asked === 'utf-8' ? undefined : asked;
}

/**
 * How to read a file for a model whose training file was read in `trained`, when no encoding is
 * given: in that encoding, unless the file says it is another. A byte-order mark says so; a file that
 * is valid UTF-8 is UTF-8 (Latin-1 text with accents is almost never valid UTF-8, and ASCII reads the
 * same in both); one without the zero bytes of UTF-16 text is not UTF-16.
 */
export function encodingLike(bytes: Uint8Array, trained: RecordedEncoding): CsvEncoding {
  const bom = (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (bom) return 'auto';
  if (trained === 'utf-16le' || trained === 'utf-16be') return bytes.subarray(0, 8192).includes(0) ? trained : 'auto';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes); // native
    return 'auto';
  } catch {
    return trained;
  }
}

/**
 * A file read with --encoding utf-16le/be. CSV text in UTF-16 has a zero byte beside each ASCII
 * character (its delimiters and line ends): low byte first in UTF-16LE, second in UTF-16BE. A file
 * without them (UTF-8 read as UTF-16 made one line of CJK characters: "only a header line") or of
 * the other byte order is refused, saying so.
 */
function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', shown: string): string {
  const head = bytes.subarray(0, 8192);
  let even = 0, odd = 0;
  for (let k = 0; k < head.length; k++) if (head[k] === 0) k % 2 === 0 ? even++ : odd++;
  const bom = head[0] === 0xff && head[1] === 0xfe ? 'utf-16le' : head[0] === 0xfe && head[1] === 0xff ? 'utf-16be' : undefined;
  const looks = bom ?? (odd > even ? 'utf-16le' : even > odd ? 'utf-16be' : undefined);
  if (looks === undefined) {
    throw new DataError(`${shown}: the encoding looks wrong: read as ${encoding}, but the file is not UTF-16 text (no zero byte beside its commas and line ends); it is likely UTF-8 (leave out options.encoding) or Latin-1 ({ encoding: 'latin1' })`);
  }
  if (looks !== encoding) throw new DataError(`${shown}: the encoding looks wrong: read as ${encoding}, but the file is ${looks.toUpperCase()} text${bom ? ' (its byte-order mark says so)' : ''}; give { encoding: '${looks}' }`);
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new DataError(`${shown}: the encoding looks wrong: the file is not valid ${encoding} text (a lone surrogate or an odd number of bytes)`);
  }
}

/** The offset of the first byte that does not belong to a valid UTF-8 sequence (bytes.length if none). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let k = 0;
  while (k < bytes.length) {
    const b = bytes[k]!;
    // length of the sequence, and the range of its second byte (no overlong forms, no surrogates, <= U+10FFFF)
    const [n, lo, hi] = b < 0x80 ? [1, 0, 0] : b >= 0xc2 && b <= 0xdf ? [2, 0x80, 0xbf]
      : b === 0xe0 ? [3, 0xa0, 0xbf] : b === 0xed ? [3, 0x80, 0x9f] : b >= 0xe1 && b <= 0xef ? [3, 0x80, 0xbf]
      : b === 0xf0 ? [4, 0x90, 0xbf] : b >= 0xf1 && b <= 0xf3 ? [4, 0x80, 0xbf] : b === 0xf4 ? [4, 0x80, 0x8f] : [0, 0, 0];
    if (n === 0) return k;
    if (n > 1) {
      const second = bytes[k + 1];
      if (second === undefined || second < lo || second > hi) return k;
      for (let c = 2; c < n; c++) {
        const next = bytes[k + c];
        if (next === undefined || next < 0x80 || next > 0xbf) return k;
      }
    }
    k += n;
  }
  return k;
}
