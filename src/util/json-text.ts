// The JSON text of a file a user gives (a model file, a TF.js manifest, tune's --space), from its
// bytes: UTF-8, or UTF-16 after a byte-order mark (Notepad and PowerShell write those), and a file
// that is no JSON text at all (an ONNX model, an image) said to be one, instead of a parse error that
// quotes its bytes. Pure: the browser's import uses it too.

import { OptionError } from '../errors.js';
import { checkBytesArgument } from './arguments.js';
import { kindOf } from './kind-of.js';
import { foreignFileKind } from './file-kind.js';

/** Bytes no JSON text holds anywhere: C0 controls other than tab, newline and carriage return. */
const isControlByte = (b: number) => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d;

/**
 * The document in `bytes`; `fail` gets what is wrong, without the file's name. `syntax` says where
 * text that is not JSON goes wrong, when the caller can say it better than the engine's message
 * (the playground finds the line and column with a JSON parser of its own).
 */
export function parseJsonBytes(bytes: Uint8Array, fail: (msg: string) => never, syntax?: (text: string, e: SyntaxError) => string): unknown {
  checkBytesArgument('parseJsonBytes', 'bytes', bytes);
  if (typeof fail !== 'function') throw new OptionError(`parseJsonBytes: fail must be a function that throws the error of a message, got ${kindOf(fail)}`);
  const text = jsonText(bytes, fail);
  // (said so whoever words the syntax errors: the playground's said 'not JSON at line 1, column 1: value expected')
  if (text.trim() === '') fail('the file is empty, not a JSON document');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return fail((e instanceof SyntaxError && callerWords(syntax, text, e)) || jsonSyntaxProblem(text, e as Error));
  }
  const twice = repeatedKey(text);
  if (twice) fail(`the key ${JSON.stringify(twice.key)} is given twice in one object (line ${twice.line}): JSON keeps only the last; remove one`);
  return doc;
}

/**
 * The caller's words for a syntax error, or undefined when it has none or fails on the text (the
 * playground's JSON parser overflowed its stack on 200,000 open brackets: the page said
 * "Maximum call stack size exceeded").
 */
function callerWords(syntax: ((text: string, e: SyntaxError) => string) | undefined, text: string, e: SyntaxError): string | undefined {
  try {
    return syntax?.(text, e);
  } catch {
    return undefined;
  }
}

/**
 * The first key that an object of valid JSON text holds twice, and the line of its second use: a
 * model file edited by hand with "task" twice was read with the last, silently (JSON.parse keeps it).
 */
function repeatedKey(text: string): { key: string; line: number } | undefined {
  const frames: { keys: Set<string> | undefined; expectKey: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) { // a string: a key when an object expects one
      const start = i;
      for (i++; text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
      const top = frames[frames.length - 1];
      if (top?.keys && top.expectKey) {
        const key = JSON.parse(text.slice(start, i + 1)) as string;
        if (top.keys.has(key)) return { key, line: text.slice(0, start).split('\n').length };
        top.keys.add(key);
        top.expectKey = false;
      }
    } else if (c === 0x7b) frames.push({ keys: new Set(), expectKey: true }); // {
    else if (c === 0x5b) frames.push({ keys: undefined, expectKey: false }); // [
    else if (c === 0x7d || c === 0x5d) frames.pop(); // } ]
    else if (c === 0x2c && frames[frames.length - 1]?.keys) frames[frames.length - 1]!.expectKey = true; // , in an object
  }
  return undefined;
}

/**
 * Where JSON text goes wrong, in our words: a file that ends inside the document is cut short (a
 * model file of an interrupted copy said "Expected ',' or ']' after array element in JSON at
 * position 200"); elsewhere the line and column. The engine's position is read from its message
 * ("at position N", or "(line L column C)"), when it gives one.
 */
function jsonSyntaxProblem(text: string, e: Error): string {
  const at = /at position (\d+)/.exec(e.message);
  const lc = /\(line (\d+) column (\d+)\)/.exec(e.message);
  let offset: number | undefined = at ? Number(at[1]) : undefined;
  if (offset === undefined && lc) {
    const lines = text.split('\n');
    offset = lines.slice(0, Number(lc[1]) - 1).reduce((n, l) => n + l.length + 1, 0) + Number(lc[2]) - 1;
  }
  const end = text.trimEnd().length;
  if (/Unexpected end of JSON input/i.test(e.message) || (offset !== undefined && offset >= end)) {
    return end === 0 ? 'the file is empty, not a JSON document' : `not valid JSON: the text ends before the document is complete (after ${end} characters); is it cut short (an interrupted write or copy)?`;
  }
  // text that is no JSON from its first character (a CSV file given as a model): say what it begins with, not the engine's quote of it
  const first = text.search(/\S/);
  if (first >= 0 && !/[{["\-0-9tfn]/.test(text[first]!)) {
    const line = text.slice(first).split(/\r?\n/, 1)[0]!;
    const shown = line.length > 40 ? `${line.slice(0, 40)}...` : line;
    const csv = /[,;\t]/.test(line) ? ', which looks like a line of CSV data' : '';
    return `not a JSON document: it begins '${shown}'${csv}`;
  }
  if (offset === undefined) return `not valid JSON (${e.message})`;
  const before = text.slice(0, offset).split('\n');
  return `not valid JSON at line ${before.length}, column ${before[before.length - 1]!.length + 1} (${e.message.replace(/ in JSON at position \d+.*$| \(line \d+ column \d+\)$/, '')})`;
}

function jsonText(bytes: Uint8Array, fail: (msg: string) => never): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  // a web page or a Git LFS pointer saved under a model's name, an image, an HDF5 file: said by what it is
  const kind = foreignFileKind(bytes);
  if (kind) fail(`not a JSON document: it is ${kind}`);
  const at = bytes.findIndex(isControlByte);
  if (at >= 0) {
    // an ONNX model begins with its ir_version field, tag 0x08
    // (named by the library's function: the command line and the page say what to do in their own words)
    const onnx = bytes[0] === 0x08 ? '; it looks like an ONNX model, which loadOnnx reads' : '';
    fail(`not a JSON text file: it holds binary data (the byte 0x${bytes[at]!.toString(16).padStart(2, '0')} at offset ${at})${onnx}`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes); // a UTF-8 byte-order mark is dropped
  } catch {
    return fail('not UTF-8 text (save it as UTF-8)');
  }
}
