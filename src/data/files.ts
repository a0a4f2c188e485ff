// Reading data files: existence checks, gzip, and the "examples as rows" -> "examples as columns" copy.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { DataError } from '../errors.js';

/** Throw "file not found: PATH" unless path exists. */
export function assertExists(path: string): void {
  if (!existsSync(path)) throw new DataError(`file not found: ${path}`);
}

export function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** The bytes of a file, gunzipped when it starts with the gzip magic bytes 1f 8b. */
export function readBytes(path: string): Uint8Array {
  assertExists(path);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new DataError(`${path}: cannot read the file (${(e as Error).message})`);
  }
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      throw new DataError(`${path}: not a valid gzip file (${(e as Error).message}); is it truncated?`);
    }
  } else if (/\.gz$/i.test(path)) {
    throw new DataError(`${path}: named .gz but not gzip-compressed (it does not start with the gzip bytes 1f 8b)`);
  }
  return bytes;
}

/**
 * Copy m examples stored one after another (example j at raw[j * n .. j * n + n - 1]) into an
 * n x m Float32Array with one example per column, multiplying by scale. This is numpy's
 * X.reshape(m, -1).T * scale. Done in blocks of examples so that both sides stay in cache.
 */
export function rowsToColumns(raw: ArrayLike<number>, m: number, n: number, scale = 1, offset = 0): Float32Array {
  const out = new Float32Array(n * m);
  const block = 64;
  for (let j0 = 0; j0 < m; j0 += block) {
    const j1 = Math.min(m, j0 + block);
    for (let i = 0; i < n; i++) {
      const row = i * m;
      for (let j = j0; j < j1; j++) out[row + j] = raw[offset + j * n + i]! * scale;
    }
  }
  return out;
}
