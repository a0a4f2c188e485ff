// Reading the files a user names as input (data, labels, models, weights), safely and within bounds:
// - a path is checked before it is opened: a missing file, a dangling link, a link loop, a parent that
//   is a file, no permission, a folder, a device, a FIFO or a socket each get a one-line message
//   (a FIFO is never opened: opening it for reading would wait for a writer);
// - a file is read up to a size limit (and a gzip'd one decompressed up to it), which names itself
//   and the environment variable that raises it: BACKPROP_MAX_INPUT_BYTES;
// - "examples as rows" are copied into "examples as columns".

import { closeSync, constants as fsConstants, existsSync, fstatSync, lstatSync, openSync, readlinkSync, readSync, statSync, type Stats } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { DataError, OptionError } from '../errors.js';
import { allocate, type DType, type FloatArray } from '../tensor/matrix.js';
import { showPath } from '../io/path-text.js';
import { envVar } from '../util/env.js';
import { formatBytes } from '../util/bytes-text.js';

/** The environment variable that sets the largest input file (or decompressed content) read. */
export const MAX_INPUT_ENV = 'BACKPROP_MAX_INPUT_BYTES';
/** Default limit for binary inputs (IDX, images, weights): 1 GiB. */
export const DEFAULT_MAX_INPUT_BYTES = 2 ** 30;
/** Default limit for CSV text, held whole as a string while it is read (with X and Y: about 2.5 times its size). */
export const DEFAULT_MAX_CSV_BYTES = 2 ** 28;

const UNITS: Record<string, number> = { '': 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 };

/** The limit in bytes: BACKPROP_MAX_INPUT_BYTES when set (e.g. 4G, 500M, 123456), else `fallback`. */
export function maxInputBytes(fallback = DEFAULT_MAX_INPUT_BYTES): number {
  const raw = envVar(MAX_INPUT_ENV);
  if (raw === undefined || raw.trim() === '') return fallback;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(?:i?B)?\s*$/i.exec(raw);
  const bytes = m ? Math.floor(Number(m[1]) * UNITS[m[2]!.toUpperCase()]!) : NaN;
  if (!(bytes >= 1)) throw new OptionError(`the environment variable ${MAX_INPUT_ENV} must be a size such as 2G, 500M or 1000000, got '${raw}'`);
  return bytes;
}

export { formatBytes } from '../util/bytes-text.js';

const raiseHint = (max: number) => `the limit is ${formatBytes(max)}; raise it with the environment variable ${MAX_INPUT_ENV} (e.g. ${MAX_INPUT_ENV}=${Math.max(2, Math.ceil((2 * max) / 2 ** 30))}G)`;

/** Why a path cannot be used, from the error of stat/open, in words. */
export function describeReadError(path: string, e: unknown): string {
  const p = showPath(path);
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ENOENT': {
      const link = lstatOrUndefined(path);
      if (link?.isSymbolicLink()) return `${p}: a symbolic link to ${showPath(readlinkSync(path))}, which does not exist`;
      return `file not found: ${p}`;
    }
    case 'ENOTDIR': return `${p}: a part of the path is a file, not a folder`;
    case 'ELOOP': return `${p}: too many levels of symbolic links (a link loop?)`;
    case 'EACCES': case 'EPERM': return `${p}: no permission to read it (or to enter a folder on its path)`;
    case 'ENAMETOOLONG': return `${p}: the name is too long`;
    case 'EISDIR': return `${p}: is a folder, not a file`;
    default: return `${p}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
  }
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** What a non-regular entry is, and why it is refused as input. */
function specialFileReason(s: Stats): string | undefined {
  if (s.isCharacterDevice()) return 'is a character device (like /dev/zero), not a data file';
  if (s.isBlockDevice()) return 'is a block device, not a data file';
  if (s.isFIFO()) return 'is a named pipe (FIFO), not a data file; save the stream to a file first';
  if (s.isSocket()) return 'is a socket, not a data file';
  return undefined;
}

/**
 * Check an input path without opening it: it must exist and be a regular file (kind 'file'), a
 * folder ('folder') or either ('any'). Returns its stat (links followed). Throws DataError.
 */
export function checkInput(path: string, kind: 'file' | 'folder' | 'any' = 'file'): Stats {
  let s: Stats;
  try {
    s = statSync(path);
  } catch (e) {
    throw new DataError(describeReadError(path, e));
  }
  const special = specialFileReason(s);
  if (special) throw new DataError(`${showPath(path)}: ${special}`);
  if (kind === 'file' && s.isDirectory()) throw new DataError(`${showPath(path)}: is a folder, not a file`);
  if (kind === 'folder' && !s.isDirectory()) throw new DataError(`${showPath(path)}: is a file, not a folder`);
  return s;
}

/** Throw "file not found: PATH" (or what else is wrong with it) unless path is a file or folder to read. */
export function assertExists(path: string): void {
  checkInput(path, 'any');
}

export function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** The bytes of a regular file, at most maxBytes of them (more is an error that names the limit). */
export function readFileBounded(path: string, maxBytes = maxInputBytes()): Uint8Array {
  const before = checkInput(path, 'file');
  if (before.size > maxBytes) throw new DataError(`${showPath(path)}: the file is ${formatBytes(before.size)}, more than input files may be (${raiseHint(maxBytes)})`);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new DataError(describeReadError(path, e));
  }
  try {
    // between stat and open the path may have been swapped for something else: check what was opened
    const s = fstatSync(fd);
    if (!s.isFile()) throw new DataError(`${showPath(path)}: ${specialFileReason(s) ?? 'is not a regular file'}`);
    const chunks: Buffer[] = [];
    let total = 0, want = s.size > 0 ? s.size : 1 << 16;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(want, maxBytes + 1 - total));
      let got = 0, n = 1;
      while (got < buf.length && n > 0) {
        n = readSync(fd, buf, got, buf.length - got, null);
        got += n;
      }
      chunks.push(got === buf.length ? buf : buf.subarray(0, got));
      total += got;
      if (total > maxBytes) throw new DataError(`${showPath(path)}: the file is more than input files may be (${raiseHint(maxBytes)})`);
      if (n === 0 || got < buf.length) break;
      want = 1 << 20; // a file that grows, or reports no size (procfs): go on in 1 MiB steps
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } catch (e) {
    throw e instanceof DataError ? e : new DataError(describeReadError(path, e));
  } finally {
    closeSync(fd);
  }
}

/**
 * The first bytes of a regular file (at most n; fewer when it is shorter), to tell what it is.
 * Anything else is a DataError that says what it is: opened without blocking, so a named pipe
 * is refused instead of waiting for a writer forever (`backprop import FIFO` hung).
 */
export function readHead(path: string, n = 4096): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  } catch (e) {
    throw new DataError(describeReadError(path, e));
  }
  try {
    const s = fstatSync(fd);
    if (!s.isFile()) throw new DataError(`${showPath(path)}: ${specialFileReason(s) ?? (s.isDirectory() ? 'is a folder, not a file' : 'is not a regular file')}`);
    const buf = new Uint8Array(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0));
  } catch (e) {
    throw e instanceof DataError ? e : new DataError(describeReadError(path, e));
  } finally {
    closeSync(fd);
  }
}

/** The bytes of a file, gunzipped when it starts with the gzip magic bytes 1f 8b; both within the limit. */
export function readBytes(path: string, maxBytes = maxInputBytes()): Uint8Array {
  let bytes = readFileBounded(path, maxBytes);
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      // maxOutputLength stops inflating once the content passes the limit: a gzip bomb costs no more memory than that
      bytes = gunzipSync(bytes, { maxOutputLength: maxBytes });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
        throw new DataError(`${showPath(path)}: decompresses to more than input data may be (${raiseHint(maxBytes)})`);
      }
      // in our words (zlib's "invalid code lengths set" says nothing a user can act on): cut short, or damaged
      const cut = (e as NodeJS.ErrnoException).code === 'Z_BUF_ERROR' || /unexpected end/i.test((e as Error).message);
      throw new DataError(`${showPath(path)}: not a valid gzip file: ${cut ? `it is cut short (it ends after ${bytes.length} bytes, inside the compressed data: an interrupted download or copy?)` : 'its compressed data is damaged (download or copy it again)'}`);
    }
  } else if (/\.gz$/i.test(path)) {
    throw new DataError(`${showPath(path)}: named .gz but not gzip-compressed (it does not start with the gzip bytes 1f 8b)`);
  }
  return bytes;
}

/**
 * Copy m examples stored one after another (example j at raw[j * n .. j * n + n - 1]) into an
 * n x m array (float32 unless dtype says float64) with one example per column, multiplying by scale. This is numpy's
 * X.reshape(m, -1).T * scale. Four examples at a time: four runs of raw read in order, and four
 * neighbouring floats written in each row of the output.
 */
export function rowsToColumns(raw: ArrayLike<number>, m: number, n: number, scale = 1, offset = 0, dtype: DType = 'float32'): FloatArray {
  const out = allocate(dtype, n * m);
  let j = 0;
  for (; j + 4 <= m; j += 4) {
    const s0 = offset + j * n, s1 = s0 + n, s2 = s1 + n, s3 = s2 + n;
    for (let i = 0, o = j; i < n; i++, o += m) {
      out[o] = raw[s0 + i]! * scale;
      out[o + 1] = raw[s1 + i]! * scale;
      out[o + 2] = raw[s2 + i]! * scale;
      out[o + 3] = raw[s3 + i]! * scale;
    }
  }
  for (; j < m; j++) for (let i = 0; i < n; i++) out[i * m + j] = raw[offset + j * n + i]! * scale;
  return out;
}
