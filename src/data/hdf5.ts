// HDF5 files -> Dataset, through h5wasm (libhdf5 compiled to WebAssembly). Made for the course's
// train_catvnoncat.h5 / test_catvnoncat.h5: X (m, 64, 64, 3) uint8, Y (m,) int64, list_classes.
// Each example is flattened in stored (height, width, channel) order, exactly numpy's
// X.reshape(m, -1).T; 8- and 16-bit integer pixels are scaled by their type's largest value
// (uint8 / 255, the course's; uint16 / 65535; int8 / 127 and int16 / 32767, to [-1, 1]), as
// scikit-image's img_as_float; wider integers and floats are read as they are.

import { closeSync, openSync, readSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { DataError, OptionError } from '../errors.js';
import { missingDependency } from '../optional.js';
import { checkDTypeOption, Matrix, type DType } from '../tensor/matrix.js';
import { classNamesProblem } from '../model/task.js';
import { defaultLabelNames, indicatorProblem } from '../model/multilabel.js';
import { checkOptionShapes, type OptionKind } from '../util/known-keys.js';
import { checkInput, formatBytes, MAX_INPUT_ENV, maxInputBytes, readHead, rowsToColumns } from './files.js';
import { foreignFileKind } from '../util/file-kind.js';
import { float32RoundedIntegers, float32Underflows, roundedAsReadText, roundedIntegersText, underflowText } from './float32-range.js';
import { compareStrings, refuseSpacedDuplicates, warnNearDuplicates } from './csv-learn.js';
import type { Dataset } from './synthetic.js';
import { warnEmptyClasses } from './empty-classes.js';
import type { Dataset as H5Dataset, Group as H5Group } from 'h5wasm/node';

export interface Hdf5Options {
  /** The examples dataset (default: found: the dataset of 2+ dimensions, preferring a name with "x"). */
  xKey?: string;
  /** The labels dataset (default: found: a 1-D dataset with as many values as X has examples). */
  yKey?: string;
  /**
   * Class names (default: a string dataset such as list_classes, else the labels' own names when they
   * are strings, sorted, else "0", "1", ...). Labels that are strings are read as class names, as a CSV's are.
   */
  classes?: string[];
  /**
   * A 2-D Y of several targets: one-hot (0 or 1, one 1 per example: Keras' to_categorical) is a
   * multi-class target, read as the class indices ('auto', the default, and 'classification'); all 0 or 1
   * otherwise, a multi-label classification ('classification' refuses any other value); else a
   * multi-output regression. 'multilabel' reads 0/1 targets as labels even when one-hot (a multi-label
   * set whose examples happen to have one label each); 'regression' reads 0/1 targets as numbers.
   * `classes` then name the classes, or the labels (default 0, 1, ... for classes, y1, y2, ... for labels).
   */
  task?: 'auto' | 'classification' | 'multilabel' | 'regression';
  /** Load without labels when no labels dataset exists (Y is then NaN); default false. */
  allowUnlabeled?: boolean;
  name?: string;
  /** Told of what is read but worth a word (string labels that differ only in case, as a CSV's). */
  warn?: (message: string) => void;
  /** The number type of X: float32 (default) or float64 (for a float64 network: the file's values as they are). */
  dtype?: DType;
}

interface Entry {
  path: string;
  shape: number[];
  type: number; // HDF5 type class: 0 integer, 1 float, 3 string; an enum of integers (h5py's bool) is read as its integers: 0
  size: number; // bytes per value
  signed: boolean; // (integers)
  /** The class of values that are not numbers (compound records, references, ...), for messages. */
  holds?: string;
  /** An enum's names by value (h5py's bool: FALSE, TRUE). */
  names?: Map<number, string>;
  /** Fixed-length strings padded with spaces (HDF5's H5T_STR_SPACEPAD, Fortran's): the spaces at the end are padding. */
  spacePadded?: boolean;
}

/** A link that points nowhere (a soft link to a missing path, an external link to a file that cannot be opened), for messages. */
interface Dangling {
  path: string;
  says: string;
}

/** HDF5's type classes (H5T_class_t) as a message says them. */
const TYPE_CLASSES = ['integers', 'floats', 'times', 'strings', 'bit fields', 'opaque values', 'compound records', 'references', 'enum values', 'variable-length sequences', 'arrays'];

/**
 * A dataset as an Entry. An enum over integers (h5py's bool) was no number to choose, and X of bools
 * was said to be missing ('no dataset of 2 or more dimensions ... X (4 x 2)'): now read as its integers.
 */
function entryOf(path: string, shape: number[], m: { type: number; size: number; signed?: boolean; strpad?: number; vlen?: boolean; enum_type?: { type: number; members: Record<string, number> } }): Entry {
  if (m.type === 8 && m.enum_type?.type === 0) {
    const names = new Map(Object.entries(m.enum_type.members).map(([k, v]) => [Number(v), k]));
    return { path, shape, type: 0, size: m.size, signed: m.signed === true, names };
  }
  const holds = m.type === 0 || m.type === 1 ? undefined : TYPE_CLASSES[m.type] ?? `values of HDF5 type class ${m.type}`;
  const spacePadded = m.type === 3 && m.strpad === 2 && !m.vlen;
  return { path, shape, type: m.type, size: m.size, signed: m.signed === true, ...(holds ? { holds } : {}), ...(spacePadded ? { spacePadded } : {}) };
}

/** A dataset in a list of them: its shape, and what it holds when that is not numbers. */
function describe(e: Entry): string {
  const shape = e.shape.length === 0 ? 'a scalar' : e.shape.join(' x ');
  return `${e.path} (${shape}${e.holds ? `, ${e.holds}` : e.type === 1 && e.size === 2 ? ', float16' : ''})`;
}

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]; // "\x89HDF\r\n\x1a\n"

/** True when the file has the HDF5 signature (at 0 or after a user block of 512, 1024, ... bytes). */
export function isHdf5File(path: string): boolean {
  // a missing path, a FIFO (opening it would wait) or a device is said as such, in a DataError; a folder is no HDF5 file
  if (checkInput(path, 'any').isDirectory()) return false;
  const fd = openSync(path, 'r');
  try {
    const buf = new Uint8Array(8);
    for (let at = 0; at <= 1 << 20; at = at === 0 ? 512 : at * 2) {
      if (readSync(fd, buf, 0, 8, at) < 8) return false;
      if (SIGNATURE.every((b, i) => buf[i] === b)) return true;
    }
    return false;
  } finally {
    closeSync(fd);
  }
}

const HDF5_OPTION_KINDS = { xKey: 'string', yKey: 'string', classes: 'strings', task: 'string', allowUnlabeled: 'boolean', name: 'string', warn: 'function', dtype: 'string' } as const satisfies Record<keyof Hdf5Options, OptionKind>;

/** Read an HDF5 file of images (or any examples) and labels. */
export async function readHdf5(path: string, options: Hdf5Options = {}): Promise<Dataset> {
  checkOptionShapes('readHdf5', options, HDF5_OPTION_KINDS, (m) => new OptionError(m));
  checkDTypeOption(options.dtype, 'readHdf5: options.dtype');
  if (options.task !== undefined && !['auto', 'classification', 'multilabel', 'regression'].includes(options.task)) throw new OptionError(`readHdf5: options.task must be auto, classification, multilabel or regression, got '${options.task}'`);
  checkInput(path, 'file'); // before opening: a FIFO would block
  if (!isHdf5File(path)) {
    // a web page or a Git LFS pointer saved as the .h5 (as the course's files circulate) said only 'no HDF5 signature'
    const kind = foreignFileKind(readHead(path));
    throw new DataError(`${path}: not an HDF5 file (no HDF5 signature)${kind ? `: it is ${kind}` : ''}`);
  }
  let h5wasmModule: typeof import('h5wasm/node');
  try {
    h5wasmModule = await import('h5wasm/node');
  } catch (e) {
    throw missingDependency(e, ['h5wasm'], 'reading HDF5 files');
  }
  const { default: h5wasm } = h5wasmModule;
  const Module = await h5wasm.ready;
  Module.activate_throwing_error_handler(); // libhdf5 errors become exceptions instead of printing to stderr
  let file: InstanceType<typeof h5wasm.File> | undefined;
  try {
    try {
      file = new h5wasm.File(resolve(path), 'r');
    } catch (e) {
      throw new DataError(`${path}: cannot open the HDF5 file (${hdf5Reason(e)})`);
    }
    return readDatasets(file, path, options);
  } catch (e) {
    throw e instanceof DataError || e instanceof OptionError ? e : new DataError(`${path}: cannot read the HDF5 file (${hdf5Reason(e)})`);
  } finally {
    file?.close();
    Module.deactivate_throwing_error_handler();
  }
}

/**
 * libhdf5's reason in our words where a user can act on it: a file cut short ("truncated file: eof =
 * 100000, ..., stored_eof = 616958") says how many bytes it has and should have.
 */
function hdf5Reason(e: unknown): string {
  const reason = libhdf5Reason(e);
  const cut = /truncated file: eof = (\d+).*stored_eof = (\d+)/.exec(reason);
  return cut ? `it is cut short: it has ${cut[1]} bytes, its header says ${cut[2]}; an interrupted download or copy?` : reason;
}

/** The innermost libhdf5 message ("truncated file: ..."), else the error's first line. */
function libhdf5Reason(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const reasons = [...text.matchAll(/in \w+\(\): (.*)/g)].map((r) => r[1]!.trim());
  return reasons.pop() ?? text.split('\n')[0]!;
}

function readDatasets(file: H5Group, path: string, options: Hdf5Options): Dataset {
  const dangling: Dangling[] = [];
  const entries = listDatasets(file, '', dangling);
  // links that point nowhere were left out of the list silently: the dataset a user expected was 'not there'
  const available = (entries.map(describe).join(', ') || 'none') + (dangling.length ? `; links that point nowhere: ${dangling.map((d) => `${d.path} (${d.says})`).join(', ')}` : '');
  const byKey = (key: string, what: string) => {
    const e = entries.find((d) => d.path === key.replace(/^\//, ''));
    const link = e ? undefined : dangling.find((d) => d.path === key.replace(/^\//, ''));
    if (link) throw new DataError(`${path}: '${key}' given for ${what} is ${link.says}; the datasets are: ${available}`);
    // a group's name said there was no such dataset, beside the list of the group's own
    const isGroup = !e && (() => { try { return 'keys' in (file.get(key) ?? {}); } catch { return false; } })();
    if (!e) throw new DataError(`${path}: ${isGroup ? `'${key}' given for ${what} is a group, not a dataset` : `no dataset '${key}' for ${what}`}; the datasets are: ${available}`);
    return e;
  };

  const xEntry = options.xKey ? byKey(options.xKey, 'X') : findX(entries, options.warn);
  // a 1-D dataset as X (options.xKey naming the labels, or a vector) was said to have no labels to go with it
  if (xEntry && xEntry.shape.length === 1 && !(options.yKey && byKey(options.yKey, 'Y') === xEntry)) { // (the same dataset for both: said below)
    throw new DataError(`${path}: dataset '${xEntry.path}' given for X (options.xKey) is 1-D (${xEntry.shape[0]} values); X must be 2-D or more: one example per entry of its first dimension, its features in the others (store one feature as ${xEntry.shape[0]} x 1); the datasets are: ${available}`);
  }
  if (!xEntry) throw new DataError(`${path}: no dataset of numbers of 2 or more dimensions for X; the datasets are: ${available} (choose one with options.xKey)`);
  if (xEntry.type !== 0 && xEntry.type !== 1) throw new DataError(`${path}: dataset '${xEntry.path}' holds ${xEntry.holds}, not numbers`);
  if (xEntry.shape.length === 0) throw new DataError(`${path}: dataset '${xEntry.path}' is a single number (a scalar); X needs one example per entry of its first dimension (choose another with options.xKey)`);
  const m = xEntry.shape[0]!;
  const nx = xEntry.shape.slice(1).reduce((a, b) => a * b, 1);
  // an empty X (0 x 3, or 4 x 0) loaded as a dataset of no examples or no features
  if (m === 0 || nx === 0) throw new DataError(`${path}: dataset '${xEntry.path}' (${xEntry.shape.join(' x ')}) has no ${m === 0 ? 'examples' : 'features'}: X needs at least one of each`);

  const yEntry = options.yKey ? byKey(options.yKey, 'Y') : findY(entries, xEntry, options.warn) ?? findTargets(entries, xEntry);
  // as a CSV target cannot also be a feature: the labels as X learn nothing but to copy them (100% accuracy)
  if (yEntry === xEntry) throw new OptionError(`options.xKey and options.yKey name the same dataset '${xEntry.path}' of ${path}: the labels would be the examples' features; give X and Y different datasets`);
  const several = yEntry && targetLayout(yEntry, m);
  if (yEntry && count(yEntry) !== m && !several) {
    throw new DataError(`${path}: labels '${yEntry.path}' have ${count(yEntry)} values for the ${m} examples of '${xEntry.path}'`);
  }
  if (yEntry && options.warn) warnSquareX(xEntry, yEntry, path, options.warn);
  if (!yEntry && !options.allowUnlabeled) {
    throw new DataError(`${path}: no 1-D dataset of ${m} labels to go with '${xEntry.path}'; the datasets are: ${available} (choose one with options.yKey)${labelsLayoutHint(entries, xEntry)}`);
  }

  checkDeclaredSize(xEntry, path); checkReadable(xEntry, path);
  if (yEntry) { checkDeclaredSize(yEntry, path); checkReadable(yEntry, path, true); }
  const asRead = { count: 0, first: '' };
  const raw = readValue(file, xEntry.path, path, (k, exact) => {
    if (asRead.count++ === 0) asRead.first = `${exact} in example ${Math.floor(k / nx) + 1}, feature ${(k % nx) + 1}, read as ${BigInt(Number(exact))}`;
  });
  if (asRead.count > 0) options.warn?.(roundedAsReadText(`${path}: dataset '${xEntry.path}'`, asRead.count, asRead.first));
  const X = new Matrix(nx, m, rowsToColumns(raw, m, nx, pixelScale(xEntry), 0, options.dtype));
  // int8 -128 and int16 -32768 are -1, as in scikit-image (one step below -1 by the scale alone)
  if (pixelScale(xEntry) !== 1 && xEntry.signed) for (let i = 0; i < X.data.length; i++) if (X.data[i]! < -1) X.data[i] = -1;
  checkFiniteValues(X.data, m, path, xEntry.path, 'values beyond float32 become Infinity');
  if (X.dtype === 'float32' && raw instanceof Float64Array) warnUnderflows(raw, nx, path, xEntry.path, options.warn);
  if (X.dtype === 'float32' && pixelScale(xEntry) === 1) warnRoundedIntegers(raw, nx, path, xEntry.path, options.warn);

  let Y = new Matrix(several ? several.k : 1, m, undefined, 'float64');
  if (several) readTargets(file, path, yEntry!, several, Y);
  const read = several ? severalTask(Y, path, yEntry!, options) : yEntry ? readLabels(file, entries, path, yEntry, Y.data, options) : { task: 'binary' as const, classes: options.classes ?? ['0', '1'] };
  const { task, classes } = read;
  if ('Y' in read && read.Y instanceof Matrix) Y = read.Y;
  if (!yEntry) Y.data.fill(NaN);
  // images (m, height, width, channels): pixel_ROW_COLUMN_CHANNEL; anything else x1, x2, ...
  const [, , w = 1, c = 1] = xEntry.shape;
  const featureNames = Array.from({ length: nx }, (_, i) =>
    xEntry.shape.length === 4 ? `pixel_${Math.floor(i / (w * c))}_${Math.floor(i / c) % w}_${i % c}` : `x${i + 1}`);
  return {
    name: options.name ?? basename(path).replace(/\.(h5|hdf5)$/i, ''),
    X, Y, task, featureNames,
    ...(classes && task !== 'regression' ? { classes } : {}),
    ...(yEntry ? {} : { unlabeled: true }),
  };
}

/**
 * The task of a Y of several targets (see Hdf5Options.task): one-hot columns are a multi-class target,
 * read as class indices (Y then 1 x m); other 0/1 targets are labels (multilabel); else regression.
 */
function severalTask(Y: Matrix, path: string, e: Entry, options: Hdf5Options): { task: Dataset['task']; classes?: string[]; Y?: Matrix } {
  const problem = indicatorProblem(Y);
  if (options.task === 'regression' || (problem && (options.task ?? 'auto') === 'auto')) return { task: 'regression' };
  if (problem) throw new DataError(`${path}: Y '${e.path}' (${e.shape.join(' x ')}) read as a multi-label target ({ task: '${options.task}' }): ${problem}`);
  const indices = options.task === 'multilabel' ? undefined : oneHotIndices(Y);
  const what = indices ? 'classes' : 'labels';
  const names = options.classes ?? (indices ? Y.rows === 2 ? ['0', '1'] : Array.from({ length: Y.rows }, (_, i) => String(i)) : defaultLabelNames(Y.rows));
  if (names.length !== Y.rows) throw new OptionError(`options.classes names ${names.length} ${what}, but '${e.path}' of ${path} holds ${Y.rows} per example${indices ? ' (one-hot)' : ''}`);
  if (!indices) return { task: 'multilabel', classes: names };
  return { task: Y.rows === 2 ? 'binary' : 'multiclass', classes: names, Y: indices };
}

/** One-hot columns (one 1 per example, in a Y of 0 and 1) as the row of their class indices (numpy's y.argmax(axis=1)), or undefined. */
function oneHotIndices(Y: Matrix): Matrix | undefined {
  const m = Y.cols, out = new Matrix(1, m, undefined, 'float64');
  for (let j = 0; j < m; j++) {
    let ones = 0;
    for (let i = 0; i < Y.rows; i++) {
      if (Y.data[i * m + j] === 1) {
        ones++;
        out.data[j] = i;
      }
    }
    if (ones !== 1) return undefined;
  }
  return out;
}

/** The labels into Y (class indices, or quantities), with the task and the class names. */
function readLabels(file: H5Group, entries: Entry[], path: string, yEntry: Entry, Y: Float64Array | Float32Array, options: Hdf5Options): { task: Dataset['task']; classes?: string[] } {
  const m = Y.length;
  if (yEntry.type === 3) return readStringLabels(file, entries, path, yEntry, Y, options);
  const labels = readValue(file, yEntry.path, path);
  for (let j = 0; j < m; j++) Y[j] = labels[j]!;
  checkFiniteValues(Y, m, path, yEntry.path);
  let classes = options.classes;
  // whole numbers are class indices 0..k-1, unless they go beyond MAX_CLASSES: then they are a quantity
  let integers = Y.every((v) => Number.isInteger(v));
  if (integers && !classes && Y.some((v) => v >= MAX_CLASSES)) integers = false;
  const numbered = !classes && integers;
  if (numbered) classes = learnedClasses(file, entries, path, yEntry, Y);
  if (!classes) return { task: 'regression' };
  const bad = Y.findIndex((v) => !(Number.isInteger(v) && v >= 0 && v < classes!.length));
  if (bad >= 0) throw new DataError(`${path}: label ${Y[bad]} of example ${bad + 1} in '${yEntry.path}' is not a class index 0..${classes.length - 1}`);
  // (two classes are made of labels all 0 or all 1, as a small held-out set may hold: nothing to say of those)
  if (numbered && classes.length > 2 && options.warn) warnEmptyClasses(Y, classes, `${path}: labels '${yEntry.path}'`, options.warn);
  return { task: classes.length === 2 ? 'binary' : 'multiclass', classes };
}

/**
 * A square X (m x m) fits both layouts: it is read one example per row, but labels stored 1 x m are
 * the course's layout (one example per column), in which X would be n_x x m: read transposed, silently.
 */
function warnSquareX(x: Entry, y: Entry, path: string, warn: (message: string) => void): void {
  const m = x.shape[0]!;
  if (x.shape.length !== 2 || x.shape[1] !== m || y.shape.length !== 2 || y.shape[0] !== 1) return;
  warn(`${path}: '${x.path}' is ${m} x ${m}, read as one example per row, but its labels '${y.path}' are stored 1 x ${m}, the course's layout (one example per column): if X is stored n_x x m too, store its transpose (X.T)`);
}

/**
 * Why no labels fit X, when the file shows it: X stored one example per column (the course's n_x x m,
 * labels 1 x m), said only as 'no 1-D dataset of m labels'. (Labels one-hot encoded, m x k, are read
 * as class indices: see severalTask.)
 */
function labelsLayoutHint(entries: Entry[], x: Entry): string {
  const last = x.shape.at(-1)!;
  const numbers = entries.filter((e) => e !== x && (e.type === 0 || e.type === 1));
  const byColumn = x.shape.length === 2 && numbers.find((e) => count(e) === last && e.shape.filter((d) => d !== 1).length <= 1);
  if (byColumn) return `; '${x.path}' (${x.shape.join(' x ')}) has as many columns as '${byColumn.path}' has labels: one example per column (the course's n_x x m)? store its transpose (X.T), one example per row`;
  return '';
}

/**
 * Labels that are strings are class names, as a CSV's text labels are: the classes are the names in
 * a dataset such as list_classes (or options.classes) when there is one, else the labels' own, sorted.
 * An empty label, a single class, more than MAX_CLASSES, or 'cat' beside 'cat ' are refused; names
 * differing only in case or Unicode form are named in a warning. (They were refused: 'holds strings, not numbers'.)
 */
function readStringLabels(file: H5Group, entries: Entry[], path: string, yEntry: Entry, Y: Float64Array | Float32Array, options: Hdf5Options): { task: Dataset['task']; classes: string[] } {
  const labels = readStrings(file, yEntry.path, yEntry.spacePadded === true, false);
  const where = `${path}: dataset '${yEntry.path}'`;
  const empty = labels.findIndex((s) => s.trim() === '');
  if (empty >= 0) throw new DataError(`${where}: the label of example ${empty + 1} is empty; each example needs a class name`);
  const listEntry = options.classes ? undefined : entries.find((e) => e !== yEntry && e.type === 3 && e.shape.length === 1 && /class/i.test(e.path));
  let classes = options.classes ?? (listEntry ? readStrings(file, listEntry.path, listEntry.spacePadded === true, true) : undefined);
  if (classes) {
    const index = new Map(classes.map((c, k) => [c, k]));
    const from = options.classes ? 'the classes' : `the class names of '${listEntry!.path}'`;
    for (let j = 0; j < labels.length; j++) {
      const k = index.get(labels[j]!);
      if (k === undefined) throw new DataError(`${where}: the label ${JSON.stringify(labels[j])} of example ${j + 1} is not one of ${from} (${classes.slice(0, 10).map((c) => JSON.stringify(c)).join(', ')}${classes.length > 10 ? `, ... ${classes.length} in all` : ''})`);
      Y[j] = k;
    }
  } else {
    classes = [...new Set(labels)].sort(compareStrings);
    if (classes.length > MAX_CLASSES) throw new DataError(`${where} has ${classes.length} different labels, more than the ${MAX_CLASSES} classes allowed (an identifier or free text? choose the labels with options.yKey)`);
    refuseSpacedDuplicates(classes, where);
    if (options.warn) warnNearDuplicates(classes, where, options.warn);
    if (classes.length < 2) throw new DataError(`${where} has a single label ${JSON.stringify(classes[0])}; a classifier needs at least two classes`);
    const index = new Map(classes.map((c, k) => [c, k]));
    for (let j = 0; j < labels.length; j++) Y[j] = index.get(labels[j]!)!;
  }
  const problem = classNamesProblem(classes);
  if (problem) throw new DataError(`${where}: the class names ${problem}; each class needs a name of its own`);
  return { task: classes.length === 2 ? 'binary' : 'multiclass', classes };
}

/**
 * The class names of whole-number labels: a string dataset such as list_classes, else an enum's names
 * when its values are 0..k-1 (h5py's bool: FALSE, TRUE), else "0", "1", ... up to the largest label.
 */
function learnedClasses(file: H5Group, entries: Entry[], path: string, yEntry: Entry, labels: ArrayLike<number>): string[] {
  const classEntry = entries.find((e) => e.type === 3 && e.shape.length === 1 && /class/i.test(e.path));
  if (classEntry) {
    const classes = readStrings(file, classEntry.path, classEntry.spacePadded === true, true);
    const problem = classNamesProblem(classes);
    if (problem) throw new DataError(`${path}: dataset '${classEntry.path}' (the class names) ${problem}; each class needs a name of its own`);
    return classes;
  }
  const values = [...(yEntry.names?.keys() ?? [])].sort((a, b) => a - b);
  if (values.length > 0 && values.every((v, i) => v === i)) return values.map((v) => yEntry.names!.get(v)!);
  let k = 2;
  for (let j = 0; j < labels.length; j++) k = Math.max(k, labels[j]! + 1);
  return Array.from({ length: k }, (_, c) => String(c));
}

/**
 * The factor 8- and 16-bit integer pixels are scaled by: 1 / the type's largest value, to [0, 1]
 * unsigned, [-1, 1] signed (uint8 / 255, the course's; uint16 / 65535; int8 / 127; int16 / 32767),
 * as scikit-image's img_as_float. (int8 was divided by 255, to [-0.5, 0.5]; uint16 not at all, 0..65535.)
 */
function pixelScale(e: Entry): number {
  if (e.type !== 0 || e.size > 2 || e.names) return 1; // (an enum's values are categories, bools 0 and 1: not pixels)
  return 1 / (2 ** (8 * e.size - (e.signed ? 1 : 0)) - 1);
}

/** A dataset whose values (as stored, and as the float32 or float64 copy made of them) would pass the input limit is refused before it is read. */
function checkDeclaredSize(e: Entry, path: string): void {
  const max = maxInputBytes();
  const bytes = count(e) * Math.max(e.size, 4);
  if (bytes > max) {
    throw new DataError(`${path}: dataset '${e.path}' declares ${e.shape.join(' x ')} values (${formatBytes(bytes)}), more than input data may be: the limit is ${formatBytes(max)}; raise it with the environment variable ${MAX_INPUT_ENV}`);
  }
}

/**
 * What h5wasm cannot read is refused naming the dataset: float16 said 'cannot read the HDF5 file
 * (Float16 not supported)', and labels of strings or compound records as missing.
 */
function checkReadable(e: Entry, path: string, labels = false): void {
  if (e.type === 1 && e.size === 2) throw new DataError(`${path}: dataset '${e.path}' holds 16-bit floats (float16), which the HDF5 reader (h5wasm) does not read; store it as float32`);
  if (e.type !== 0 && e.type !== 1 && !(labels && e.type === 3)) throw new DataError(`${path}: dataset '${e.path}' holds ${e.holds}, not numbers; labels must be class names (strings), class indices 0, 1, ... (with the class names in a dataset such as list_classes) or numbers`);
}

/** Most classes that whole-number labels are read as (more would be one output unit per label value). */
const MAX_CLASSES = 1000;

/** Whole numbers of X above 2^24 that float32 rounds to others (an int32, int64 or float64 identifier), said once per feature. */
function warnRoundedIntegers(raw: ArrayLike<number>, nx: number, path: string, dataset: string, warn: ((message: string) => void) | undefined): void {
  if (!warn || raw instanceof Float32Array || raw instanceof Uint8Array || raw instanceof Int8Array || raw instanceof Uint16Array || raw instanceof Int16Array) return;
  for (const [f, { count, first }] of float32RoundedIntegers(raw, (k) => k % nx)) {
    warn(roundedIntegersText(`${path}: dataset '${dataset}', feature ${f + 1}`, count, `${raw[first]} in example ${Math.floor(first / nx) + 1} read as ${Math.fround(raw[first]!)}`));
  }
}

/** float64 values of X that float32 reads as 0, said once (raw is one example per row: index k is example k / nx). */
function warnUnderflows(raw: Float64Array, nx: number, path: string, dataset: string, warn: ((message: string) => void) | undefined): void {
  const { count, first } = float32Underflows(raw);
  if (count > 0) warn?.(underflowText(`${path}: dataset '${dataset}'`, count, `${raw[first]} in example ${Math.floor(first / nx) + 1}`));
}

/** Refuse NaN and infinite values, naming the example (values are stored example after example, columns of X here). */
function checkFiniteValues(values: ArrayLike<number>, m: number, path: string, dataset: string, note = ''): void {
  for (let k = 0; k < values.length; k++) {
    if (!Number.isFinite(values[k]!)) {
      const why = note && !Number.isNaN(values[k]!) ? ` (${note})` : '';
      throw new DataError(`${path}: dataset '${dataset}' has the value ${values[k]} in example ${(k % m) + 1}${why}`);
    }
  }
}

/**
 * The datasets under a group, recursively, as paths without the leading "/"; links that point nowhere
 * (a soft link to a path not in the file, an external link whose file cannot be opened) go to `dangling`.
 */
function listDatasets(group: H5Group, prefix: string, dangling: Dangling[]): Entry[] {
  const out: Entry[] = [];
  for (const key of group.keys()) {
    const path = prefix + key;
    let item: Record<string, unknown> | null;
    try {
      item = group.get(key) as unknown as Record<string, unknown> | null;
    } catch (e) {
      // a soft link into a group that is not there: libhdf5 says 'component not found'
      const target = (() => { try { return group.get_link(key); } catch { return null; } })();
      if (typeof target !== 'string') throw e;
      item = { target };
    }
    if (item && 'keys' in item) out.push(...listDatasets(item as unknown as H5Group, path + '/', dangling));
    else if (item && 'shape' in item && item.shape) out.push(entryOf(path, item.shape as number[], (item as unknown as H5Dataset).metadata));
    else if (item && typeof item.target === 'string') dangling.push({ path, says: `a soft link to '${item.target}', which is not in the file` });
    else if (item && typeof item.filename === 'string') dangling.push({ path, says: `an external link to '${String(item.obj_path)}' in ${item.filename}, a file that cannot be opened` });
  }
  return out;
}

const count = (e: Entry) => e.shape.reduce((a, b) => a * b, 1);
const nameOf = (e: Entry) => e.path.split('/').pop()!.toLowerCase();

/** A dataset's path names held-out examples (test, validation, dev) or training ones. */
const heldOut = (e: Entry) => /(^|[^a-z])(test|val|valid|validation|dev)([^a-z]|$)/.test(e.path.toLowerCase());
const training = (e: Entry) => /train/.test(e.path.toLowerCase());

/**
 * X when options.xKey does not name it: of the datasets of numbers of 2 or more dimensions, those
 * named x (x, X_train, train_set_x), else all; then those of training examples ('train/X' over
 * 'test/X': the held-out group came first in the file's order and was read silently), else not held
 * out; then the largest. `warn` is told the choice when others were as likely.
 */
function findX(entries: Entry[], warn?: (message: string) => void): Entry | undefined {
  const numbers = entries.filter((e) => e.shape.length >= 2 && (e.type === 0 || e.type === 1));
  const named = numbers.filter((e) => /(^|_)x($|_)/.test(nameOf(e)));
  let likely = named.length > 0 ? named : numbers;
  const trained = likely.filter(training), kept = likely.filter((e) => !heldOut(e));
  likely = trained.length > 0 ? trained : kept.length > 0 ? kept : likely;
  const x = [...likely].sort((a, b) => count(b) - count(a))[0];
  const others = (named.length > 0 ? named : numbers).filter((e) => e !== x);
  if (x && others.length > 0 && warn) warn(`X read from '${x.path}' (${x.shape.join(' x ')}), of ${others.length + 1} datasets that could hold it (also ${others.map((e) => `'${e.path}'`).join(', ')}); choose with options.xKey`);
  return x;
}

/**
 * Labels: numbers with one value per example of X, preferring a name with "y", "label" or "target",
 * then X's own counterpart and split: 'train_y' for 'train_x', 'y_train' for 'X_train', 'train/y' for
 * 'train/X' (in a file of train_x, train_y, test_x and test_y of one size, test_y came first and was
 * read beside train_x, silently); else strings named so (class names, read as a CSV's text labels).
 * `warn` is told the choice when another was as likely.
 */
function findY(entries: Entry[], x: Entry, warn?: (message: string) => void): Entry | undefined {
  const m = x.shape[0]!;
  const fits = (e: Entry) => e !== x && count(e) === m && e.shape.filter((d) => d !== 1).length <= 1;
  const named = (e: Entry) => /(^|_)y($|_)|label|target/.test(nameOf(e));
  const group = (e: Entry) => e.path.split('/').slice(0, -1).join('/');
  const counterpart = nameOf(x).replace(/(^|_)x($|_)/, '$1y$2');
  const sameSplit = (e: Entry) => heldOut(e) === heldOut(x) && training(e) === training(x);
  const score = (e: Entry) => (named(e) ? 8 : 0) + (group(e) === group(x) ? 4 : 0) + (nameOf(e) === counterpart ? 2 : 0) + (sameSplit(e) ? 1 : 0);
  const candidates = entries.filter((e) => fits(e) && (e.type === 0 || e.type === 1));
  const best = candidates.reduce<Entry | undefined>((a, e) => (a === undefined || score(e) > score(a) ? e : a), undefined);
  const tied = candidates.filter((e) => e !== best && best && score(e) === score(best));
  if (best && tied.length > 0 && warn) warn(`Y read from '${best.path}' (${best.shape.join(' x ')}), of ${tied.length + 1} datasets that could hold the labels of '${x.path}' (also ${tied.map((e) => `'${e.path}'`).join(', ')}); choose with options.yKey`);
  return best ?? entries.find((e) => fits(e) && e.type === 3 && named(e));
}

/**
 * A 2-D dataset of numbers with m entries along one side: k targets of a multi-output regression, stored
 * one example per row (m x k, as X and scikit-learn's Y) or, where m x m does not make it ambiguous, per
 * column (k x m, the course's layout). An m x 1 or 1 x m dataset is one target (findY's).
 */
function targetLayout(e: Entry, m: number): { k: number; byRow: boolean } | undefined {
  if (e.shape.length !== 2 || e.shape.includes(1) || (e.type !== 0 && e.type !== 1)) return undefined;
  const [a, b] = e.shape as [number, number];
  if (a === m) return { k: b, byRow: true };
  if (b === m) return { k: a, byRow: false };
  return undefined;
}

/** Without a 1-D labels dataset: a 2-D one named as labels (y, Y_train, targets) that holds several targets per example. */
function findTargets(entries: Entry[], x: Entry): Entry | undefined {
  const m = x.shape[0]!;
  return entries.find((e) => e !== x && /(^|_)y($|_)|label|target/.test(nameOf(e)) && targetLayout(e, m) !== undefined);
}

/** k targets into Y (k x m), from either layout, each finite. */
function readTargets(file: H5Group, path: string, e: Entry, layout: { k: number; byRow: boolean }, Y: Matrix): void {
  checkDeclaredSize(e, path);
  checkReadable(e, path);
  const values = readValue(file, e.path, path), { k, byRow } = layout, m = Y.cols;
  for (let i = 0; i < k; i++) for (let j = 0; j < m; j++) Y.data[i * m + j] = values[byRow ? j * k + i : i * m + j]!;
  checkFiniteValues(Y.data, m, path, e.path);
}

/** The filters built into libhdf5 that h5wasm has (deflate, shuffle, fletcher32, nbit, scaleoffset): not szip, LZF or plugins. */
const BUILT_IN_FILTERS = [1, 2, 3, 5, 6];

/**
 * A dataset's values; one compressed with a filter h5wasm lacks said "can't open directory
 * (/__w/libhdf5-wasm/.../lib/plugin)": now the dataset and the filter are named.
 */
function readStored(file: H5Group, path: string, filePath: string): unknown {
  const dataset = file.get(path) as H5Dataset;
  try {
    return dataset.value;
  } catch (e) {
    const missing = (dataset.filters ?? []).filter((f) => !BUILT_IN_FILTERS.includes(f.id));
    if (missing.length === 0) throw new DataError(`${filePath}: dataset '${path}' cannot be read (${hdf5Reason(e)})`);
    const names = missing.map((f) => `${f.id}${f.name ? ` ('${f.name}')` : ''}`).join(', ');
    throw new DataError(`${filePath}: dataset '${path}' is compressed with filter ${names}, which the HDF5 reader (h5wasm) does not have; re-save it with gzip compression or none`);
  }
}

/**
 * A numeric dataset as numbers (64-bit integers arrive as BigInt64Array). `rounded` is told of each
 * 64-bit integer above 2^53 that a number cannot hold (2^60 + 1 is read as 2^60: identifiers that
 * became equal, silently), with its index and exact value.
 */
function readValue(file: H5Group, path: string, filePath: string, rounded?: (k: number, exact: bigint) => void): ArrayLike<number> {
  const value = readStored(file, path, filePath);
  if (value instanceof BigInt64Array || value instanceof BigUint64Array) {
    const out = Float64Array.from(value, Number);
    if (rounded) for (let k = 0; k < out.length; k++) if (Math.abs(out[k]!) > 2 ** 53 && BigInt(out[k]!) !== value[k]) rounded(k, value[k]!);
    return out;
  }
  if (!ArrayBuffer.isView(value)) throw new DataError(`${filePath}: dataset '${path}' does not hold numbers`);
  return value as unknown as ArrayLike<number>;
}

/**
 * Strings, decoded: fixed-length ones come back NUL-padded or as bytes (the NULs are stripped, and the
 * spaces at the end of space-padded ones); `trim` trims the rest (a class list), labels keep it, as a CSV's quoted cells.
 */
function readStrings(file: H5Group, path: string, spacePadded: boolean, trim: boolean): string[] {
  const value = (file.get(path) as H5Dataset).value as unknown;
  const list = Array.isArray(value) ? value.flat() : [value];
  return list.map((s) => {
    const text = (typeof s === 'string' ? s : new TextDecoder().decode(s as Uint8Array)).replace(/\0+$/, '');
    return trim ? text.trim() : spacePadded ? text.replace(/ +$/, '') : text;
  });
}
