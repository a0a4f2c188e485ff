// MNIST's IDX files -> Dataset: idx3-ubyte images (m x rows x cols, uint8) and idx1-ubyte labels,
// plain or gzip'd. Each image becomes one column of rows*cols pixels scaled to [0, 1].

import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DataError, OptionError } from '../errors.js';
import { checkOptionShapes, type OptionKind } from '../util/known-keys.js';
import { checkDTypeOption, Matrix, type DType } from '../tensor/matrix.js';
import { readBytes, rowsToColumns } from './files.js';
import { foreignFileKind } from '../util/file-kind.js';
import type { Dataset } from './synthetic.js';
import { warnEmptyClasses } from './empty-classes.js';

export interface IdxOptions {
  /** The labels file; default: found beside the images file (train-images-idx3-ubyte -> train-labels-idx1-ubyte). */
  labels?: string;
  /** Load without labels when no labels file is found (Y is then NaN); default false. */
  allowUnlabeled?: boolean;
  name?: string;
  /** The number type of X: float32 (default) or float64 (for a float64 network: byte / 255 as numpy computes it). */
  dtype?: DType;
  /** Told of labels above 9 that leave classes below them without an example (EMNIST's letters, numbered 1-26). */
  warn?: (message: string) => void;
}

const IMAGES_MAGIC = 0x00000803;
const LABELS_MAGIC = 0x00000801;
/** An IDX set's classes when its labels are digits (MNIST, Fashion-MNIST); labels above 9 (EMNIST) add '10', '11', ... up to the largest. */
export const IDX_CLASSES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** The labels files that may sit beside an images file, most likely first. */
export function labelFileCandidates(imagesPath: string): string[] {
  const dir = dirname(imagesPath);
  const base = basename(imagesPath).replace(/\.gz$/i, '');
  const stem = base.replace(/images([-.])idx3/i, 'labels$1idx1');
  if (stem === base) return [];
  return [stem + '.gz', stem].map((f) => join(dir, f));
}

/** IDX's element types, by the third byte of the magic number. */
const IDX_TYPES: Record<number, string> = { 0x08: 'unsigned byte', 0x09: 'signed byte', 0x0b: 'int16', 0x0c: 'int32', 0x0d: 'float32', 0x0e: 'float64' };
const hex2 = (b: number) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;
const typeName = (b: number) => `${hex2(b)} (${IDX_TYPES[b] ?? 'not an IDX type'})`;

/**
 * The shape in an IDX header of `dims` dimensions of unsigned bytes. A header of another element type
 * or rank was said as a magic number ("0x00000d03 expected 0x00000803"): now as the type's name and
 * the number of dimensions.
 */
function header(bytes: Uint8Array, path: string, magic: number, dims: number, what: string): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) {
    const found = bytes.length >= 4 ? `0x${view.getUint32(0).toString(16).padStart(8, '0')}` : 'a file shorter than 4 bytes';
    const kind = foreignFileKind(bytes);
    if (kind) throw new DataError(`${path}: not an IDX ${what} file: it is ${kind}`);
    throw new DataError(`${path}: not an IDX ${what} file (its magic number starts with two zero bytes, then the type and the number of dimensions: 0x${magic.toString(16).padStart(8, '0')} expected, found ${found})`);
  }
  const type = bytes[2]!, rank = bytes[3]!;
  if (type !== 0x08) {
    throw new DataError(`${path}: the IDX values are of type ${typeName(type)}, expected ${typeName(0x08)} as in MNIST's ${what} files`);
  }
  if (rank !== dims) throw new DataError(`${path}: the IDX header announces ${rank} dimension${rank === 1 ? '' : 's'}, expected ${dims} for ${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what} file`);
  if (bytes.length < 4 + 4 * dims) throw new DataError(`${path}: the file has ${bytes.length} bytes, too short for the ${dims} sizes of its IDX header`);
  const shape = Array.from({ length: dims }, (_, i) => view.getUint32(4 + 4 * i));
  // counted exactly (a damaged header of 4294967295 x 65535 x 65535 was said as 18446181123756261000 bytes)
  const expected = BigInt(4 + 4 * dims) + shape.reduce((a, b) => a * BigInt(b), 1n);
  if (BigInt(bytes.length) !== expected) {
    throw new DataError(`${path}: the header announces ${shape.join(' x ')} values (${expected} bytes) but the file has ${bytes.length} bytes`);
  }
  return shape;
}

const IDX_OPTION_KINDS = { labels: 'string', allowUnlabeled: 'boolean', name: 'string', dtype: 'string', warn: 'function' } as const satisfies Record<keyof IdxOptions, OptionKind>;

/** Read an IDX images file and its labels into a Dataset with X = (rows*cols) x m in [0, 1]. */
export function readIdx(imagesPath: string, options: IdxOptions = {}): Dataset {
  checkOptionShapes('readIdx', options, IDX_OPTION_KINDS, (m) => new OptionError(m));
  checkDTypeOption(options.dtype, 'readIdx: options.dtype');
  const bytes = readBytes(imagesPath);
  const [m, rows, cols] = header(bytes, imagesPath, IMAGES_MAGIC, 3, 'images (idx3-ubyte)') as [number, number, number];
  if (rows === 0 || cols === 0) throw new DataError(`${imagesPath}: the header announces images of ${rows} x ${cols} pixels: they have no pixels to read`);
  const nx = rows * cols;
  const X = new Matrix(nx, m, rowsToColumns(bytes, m, nx, 1 / 255, 16, options.dtype));

  let labelsPath = options.labels;
  if (!labelsPath) {
    const candidates = labelFileCandidates(imagesPath);
    labelsPath = candidates.find((p) => existsSync(p));
    if (!labelsPath && !options.allowUnlabeled) {
      const looked = candidates.length ? `looked for ${candidates.join(' and ')}` : 'the file name has no "images-idx3" part to derive it from';
      throw new DataError(`${imagesPath}: no labels file found (${looked}); give it with options.labels`);
    }
  }
  const Y = new Matrix(1, m, undefined, 'float64');
  let top = IDX_CLASSES.length - 1;
  if (labelsPath) {
    const labelBytes = readBytes(labelsPath);
    const [count] = header(labelBytes, labelsPath, LABELS_MAGIC, 1, 'labels (idx1-ubyte)') as [number];
    if (count !== m) throw new DataError(`${labelsPath}: ${count} labels for the ${m} images of ${imagesPath}`);
    for (let j = 0; j < m; j++) {
      // labels above 9 (EMNIST's letters 1-26, its balanced set 0-46) are classes of their own
      const label = labelBytes[8 + j]!;
      if (label > top) top = label;
      Y.data[j] = label;
    }
    // beyond the digits, the classes run 0 to the largest label: an index with no example is an output never trained
    if (top >= IDX_CLASSES.length && options.warn) warnEmptyClasses(Y.data, Array.from({ length: top + 1 }, (_, k) => String(k)), `${labelsPath}: labels`, options.warn);
  } else {
    Y.data.fill(NaN);
  }
  const featureNames = Array.from({ length: nx }, (_, i) => `pixel_${Math.floor(i / cols)}_${i % cols}`);
  return {
    name: options.name ?? basename(imagesPath).replace(/\.gz$/i, ''),
    X, Y, task: 'multiclass', classes: Array.from({ length: top + 1 }, (_, k) => String(k)), featureNames,
    ...(labelsPath ? {} : { unlabeled: true }),
  };
}
