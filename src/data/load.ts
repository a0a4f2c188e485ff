// One entry point for every data source, chosen by what the path is:
//   a directory -> image folder; *.h5 / *.hdf5 -> HDF5; *idx3-ubyte(.gz) -> MNIST IDX;
//   a built-in name ("flower" or "builtin:flower") -> synthetic set; anything else -> CSV.
// It returns the dataset and a JSON schema; passing that schema back loads a test or predict file
// exactly the same way (same columns, categories, classes, image size).

import { existsSync, lstatSync } from 'node:fs';
import { extname } from 'node:path';
import { DataError, OptionError } from '../errors.js';
import { jsonValueText } from '../util/json.js';
import { showPath } from '../io/path-text.js';
import { checkKnownKeys } from '../util/known-keys.js';
import { kindOf, pathKindOf } from '../util/kind-of.js';
import { checkWarnOption, defaultWarn } from '../util/warn.js';
import { checkDTypeOption } from '../tensor/matrix.js';
import type { CsvApplyOptions, CsvOptions, CsvSchema } from './csv.js';
import { checkCsvFileOptions, readCsvAsync, type readCsv, type CsvEncoding } from './csv-file.js';
import { checkInput, isDirectory, readHead } from './files.js';
import { foreignFileKind } from '../util/file-kind.js';
import { readHdf5 } from './hdf5.js';
import { readIdx } from './idx.js';
import { loadImageFolder, type ImageSchema } from './images.js';
import type { DataFormat, DataSchema } from './schema.js';
import { SYNTHETIC_NAMES, synthetic, type Dataset, type SyntheticOptions } from './synthetic.js';

const lstatExists = (p: string) => {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
};

export type { DataFormat, DataSchema } from './schema.js';

export interface LoadOptions extends Omit<CsvOptions, 'task'>, Omit<SyntheticOptions, 'classes'> {
  /**
   * How the target is read: CsvOptions.task, and 'multilabel', several 0/1 targets read as labels: an HDF5
   * Y even when one-hot (Hdf5Options.task), CSV target columns as { task: 'classification' } reads them
   * (one target column is refused: a single 0/1 label is the task binary).
   */
  task?: CsvOptions['task'] | 'multilabel';
  /** The schema returned when loading the training data: load this file the same way. */
  schema?: DataSchema;
  /** With a schema: the labels must be present (default true); false for predict files. */
  requireTarget?: boolean;
  /** IDX: the labels file (default: found beside the images file). */
  labels?: string;
  /** HDF5: the X and Y datasets (default: found automatically). */
  xKey?: string;
  yKey?: string;
  /** Image folders: the size images are resized to (default: the images' own size when they all share one, else 64 x 64). */
  width?: number;
  height?: number;
  /** Image folders: 3 values per pixel (RGB) or 1 (grey); default: 1 when every file holds grey levels only, else 3. */
  channels?: 1 | 3;
  /** Synthetic spiral3: the number of classes. */
  syntheticClasses?: number;
  /** CSV: the text encoding (default: UTF-8, or UTF-16 after a byte-order mark; with a schema, the training file's when it was not UTF-8, unless the file is valid UTF-8 or has a byte-order mark). */
  encoding?: CsvEncoding;
  /** CSV with a schema: a one-hot category unseen in training is an 'error' (default) or all zeros ('ignore'). */
  handleUnknown?: CsvApplyOptions['handleUnknown'];
  /** Stops a CSV file's read under way (checked every few hundredths of a second): loadDataset then rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface LoadResult {
  dataset: Dataset;
  schema: DataSchema;
  /** CSV with missing: 'drop': the line numbers that were skipped. */
  droppedLines?: number[];
  /** CSV with task 'auto' and a target of numbers: the task chosen and why (see CsvResult.taskChoice). */
  taskChoice?: string;
  /** CSV with header 'auto' (the default): line 1 read as the header or as data, and why (see CsvResult.headerChoice). */
  headerChoice?: string;
}

/** The format a path or name will be read as (no file access beyond existence checks). */
export function detectFormat(pathOrName: string): DataFormat {
  if (pathOrName.startsWith('builtin:')) return 'synthetic';
  if (!existsSync(pathOrName) && SYNTHETIC_NAMES.includes(pathOrName)) return 'synthetic';
  if (isDirectory(pathOrName)) return 'images';
  const lower = pathOrName.toLowerCase();
  if (['.h5', '.hdf5'].includes(extname(lower))) return 'hdf5';
  if (/idx3-ubyte(\.gz)?$/.test(lower)) return 'idx';
  return 'csv';
}

/** Every key of LoadOptions (CsvOptions, SyntheticOptions and the other formats'). */
const LOAD_OPTION_KEYS = ['header', 'target', 'features', 'exclude', 'task', 'oneHot', 'missing', 'deferMissing', 'delimiter', 'decimal', 'name', 'maxClasses', 'warn',
  'samples', 'noise', 'seed', 'schema', 'requireTarget', 'labels', 'xKey', 'yKey', 'width', 'height', 'channels', 'syntheticClasses', 'encoding', 'handleUnknown', 'dtype', 'signal',
] as const satisfies readonly (keyof LoadOptions)[];

/** The options each format reads; name, warn, dtype, schema, requireTarget and deferMissing (no empty cells to defer outside CSV) go with any. */
const FORMAT_OPTIONS: Record<DataFormat, readonly (keyof LoadOptions)[]> = {
  csv: ['header', 'target', 'features', 'exclude', 'task', 'oneHot', 'missing', 'delimiter', 'decimal', 'maxClasses', 'encoding', 'handleUnknown'],
  hdf5: ['xKey', 'yKey', 'task'],
  idx: ['labels'],
  images: ['width', 'height', 'channels'],
  synthetic: ['samples', 'noise', 'seed', 'syntheticClasses'],
};
const ANY_FORMAT: readonly (keyof LoadOptions)[] = ['name', 'warn', 'dtype', 'schema', 'requireTarget', 'deferMissing', 'signal'];

/** The options given (not undefined) that a file of `format` does not read: { header } or { target } for an IDX or HDF5 file, { width } for a CSV file. */
export function unusedLoadOptions(format: DataFormat, options: LoadOptions): (keyof LoadOptions)[] {
  return (Object.keys(options) as (keyof LoadOptions)[]).filter((k) => options[k] !== undefined && !ANY_FORMAT.includes(k) && !FORMAT_OPTIONS[format].includes(k));
}

/** "a CSV file", "an image folder", ...: a format as the messages (the library's and the command line's) name it. */
export function kindOfData(format: DataFormat): string {
  return { csv: 'a CSV file', idx: 'an MNIST IDX file', hdf5: 'an HDF5 file', images: 'an image folder', synthetic: 'a built-in set' }[format];
}

/**
 * Read a data file (CSV, MNIST IDX, HDF5, an image folder or file) or a built-in set by name into a Dataset
 * (X: n_x x m) and the schema that reads other files the same way (`options.schema`). CSV options are
 * the command line's: header, target, features, oneHot, missing, encoding...
 */
export async function loadDataset(pathOrName: string, options: LoadOptions = {}): Promise<LoadResult> {
  if (typeof pathOrName !== 'string' || pathOrName === '') throw new OptionError(`loadDataset: give a file, an image folder or a built-in set name (a non-empty string), got ${pathKindOf(pathOrName)}`);
  if (options === null || typeof options !== 'object') throw new OptionError(`loadDataset: options must be an object such as { target: 'y' }, got ${kindOf(options)}`);
  // { tagret: 'y' } read the last column as the target, silently
  checkKnownKeys(options, LOAD_OPTION_KEYS, 'loadDataset', (m) => new OptionError(m));
  checkDTypeOption(options.dtype, 'loadDataset: options.dtype');
  checkWarnOption(options.warn, 'loadDataset: options.warn');
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) throw new OptionError(`loadDataset: options.signal must be an AbortSignal (an AbortController's signal), got ${kindOf(options.signal)}`);
  options.signal?.throwIfAborted();
  // (by default Node's process warnings: a first line read as data, or a column without a name, was decided without a word)
  const warn = options.warn ?? defaultWarn;
  // { header: false } or { target: 'y' } for an IDX or HDF5 file, { width } for a CSV file: ignored without a word
  const format = detectFormat(pathOrName), unused = unusedLoadOptions(format, options);
  const named = (keys: readonly string[]) => keys.map((k) => `{ ${k} }`).join(', ');
  if (unused.length > 0) warn(`loadDataset: ${named(unused)} ${unused.length === 1 ? 'is' : 'are'} not used by ${kindOfData(format)} (${showPath(pathOrName)}), ignored; it reads ${named(FORMAT_OPTIONS[format])}`);
  const result = await load(pathOrName, { ...options, warn });
  // e.g. an IDX header or an HDF5 dataset of 0 examples
  if (result.dataset.X.cols === 0) throw new DataError(`${pathOrName}: no examples in the file`);
  return result;
}

/** loadDataset's options that readCsv takes: applying the training's schema, or learning one (the signal aside). */
function csvFileOptions(options: LoadOptions, requireTarget: boolean): NonNullable<Parameters<typeof readCsv>[1]> {
  const { schema, encoding, warn, name, deferMissing, dtype } = options;
  if (schema) {
    // this file's separator and missing-value policy, when given (undefined: the training file's)
    const { missing, delimiter, decimal, header } = options;
    return { schema: schema as CsvSchema, requireTarget, name, deferMissing, handleUnknown: options.handleUnknown, encoding, warn, missing, delimiter, decimal, header, dtype };
  }
  const { header, target, features, exclude, oneHot, missing, delimiter, decimal, maxClasses } = options;
  // (several 0/1 target columns are labels with 'classification'; a single column is refused after reading)
  const task = options.task === 'multilabel' ? 'classification' : options.task;
  return { header, target, features, ...(exclude !== undefined ? { exclude } : {}), task, oneHot, missing, deferMissing, delimiter, decimal, name, maxClasses, warn, encoding, dtype };
}

async function load(pathOrName: string, options: LoadOptions): Promise<LoadResult> {
  const format = detectFormat(pathOrName);
  const { schema } = options;
  const requireTarget = options.requireTarget ?? true;
  // '-' as the shell's standard input: it was "file not found: ./-" (nor a built-in dataset)
  if (pathOrName === '-' && !lstatExists(pathOrName)) {
    throw new DataError(`-: standard input is not read as data (data files must be regular files, as for a FIFO); save the data to a file (e.g. > data.csv) and give its path`);
  }
  if (format !== 'synthetic' && !existsSync(pathOrName) && /^[\w-]+$/.test(pathOrName) && !lstatExists(pathOrName)) {
    throw new DataError(`file not found: ${showPath(pathOrName)} (nor a built-in dataset: ${SYNTHETIC_NAMES.join(', ')})`);
  }
  // a bad option of reading CSV is said before the file is looked at or read
  if (format === 'csv') checkCsvFileOptions(csvFileOptions(options, requireTarget));
  // a missing file, a dangling link, a device, a FIFO...: said before anything is opened
  if (format !== 'synthetic') checkInput(pathOrName, format === 'images' ? 'folder' : 'file');
  if (/idx1-ubyte(\.gz)?$/i.test(pathOrName)) {
    throw new DataError(`${pathOrName}: this is an IDX labels file; give the images file (…-images-idx3-ubyte), the labels are found beside it`);
  }
  // ({}, or loadDataset's whole result) was "read as csv data, but the training data was undefined"
  const formats: readonly unknown[] = ['csv', 'idx', 'hdf5', 'images', 'synthetic'] satisfies readonly DataFormat[];
  if (schema !== undefined && (schema === null || typeof schema !== 'object' || !formats.includes(schema.format))) {
    const whole = schema !== null && typeof schema === 'object' && 'dataset' in schema && 'schema' in schema;
    throw new OptionError(`loadDataset: options.schema must be the schema loadDataset returned for the training data (result.schema, or a model's preprocessing.data), got ${whole ? "loadDataset's whole result: give its schema" : schema !== null && typeof schema === 'object' ? `an object whose format is ${jsonValueText((schema as { format?: unknown }).format)}` : kindOf(schema)}`);
  }
  if (schema && schema.format !== format) {
    // what the bytes say (a WebP picture for an images model was "read as csv data": true of its name only)
    const seen = format === 'images' || format === 'synthetic' ? undefined : foreignFileKind(readHead(pathOrName, 64));
    // (not when the bytes say what the name said: an HDF5 file named .h5 was told 'it looks like an HDF5 file (name it .h5)')
    const kind = seen && !((format === 'hdf5' && /HDF5/.test(seen)) || (format === 'idx' && /IDX/.test(seen))) ? seen : undefined;
    throw new DataError(`${pathOrName}: read as ${format} data${kind ? ` by its name, and it looks like ${kind}` : ''}, but the training data was ${schema.format}; give a file of the same kind`);
  }

  switch (format) {
    case 'synthetic': {
      const name = pathOrName.replace(/^builtin:/, '');
      if (!SYNTHETIC_NAMES.includes(name)) throw new OptionError(`unknown built-in dataset '${name}'; expected one of ${SYNTHETIC_NAMES.join(', ')}`);
      let dataset: Dataset;
      try {
        dataset = synthetic(name, { samples: options.samples, noise: options.noise, seed: options.seed, classes: options.syntheticClasses });
      } catch (e) {
        // synthetic() calls it classes; loadDataset, syntheticClasses
        throw e instanceof RangeError ? new OptionError(e.message.replace(/^classes /, 'syntheticClasses '), (e as OptionError).field) : e;
      }
      return { dataset, schema: { format: 'synthetic', name, task: dataset.task, ...(dataset.classes ? { classes: dataset.classes } : {}) } };
    }
    case 'images': {
      const s = schema as ImageSchema | undefined;
      return loadImageFolder(pathOrName, {
        // a model's folders are read as its training folder was (a schema saved before channels were recorded: RGB)
        width: s?.width ?? options.width, height: s?.height ?? options.height, channels: s ? (s.channels ?? 3) : options.channels, classes: s?.classes,
        allowUnlabeled: !requireTarget, name: options.name, warn: options.warn, dtype: options.dtype,
      });
    }
    case 'hdf5': {
      const s = schema as Extract<DataSchema, { format: 'hdf5' }> | undefined;
      // a model's files are read with its task (a multi-label model's 0/1 targets, a regression's as numbers)
      const task = s ? (s.task === 'multilabel' ? 'multilabel' : s.task === 'regression' ? 'regression' : undefined) : options.task;
      const dataset = await readHdf5(pathOrName, { xKey: options.xKey, yKey: options.yKey, classes: s?.classes, task, allowUnlabeled: !requireTarget, name: options.name, warn: options.warn, dtype: options.dtype });
      return { dataset, schema: { format: 'hdf5', task: dataset.task, ...(dataset.classes ? { classes: dataset.classes } : {}) } };
    }
    case 'idx': {
      const dataset = readIdx(pathOrName, { labels: options.labels, allowUnlabeled: !requireTarget, name: options.name, dtype: options.dtype, warn: options.warn });
      return { dataset, schema: { format: 'idx', classes: dataset.classes! } };
    }
    case 'csv': {
      const result = await readCsvAsync(pathOrName, csvFileOptions(options, requireTarget), options.signal);
      if (options.task === 'multilabel' && !schema && result.dataset.task !== 'multilabel') {
        throw new DataError(`${pathOrName}: { task: 'multilabel' } reads several target columns of 0 and 1 as labels, but the target is one column (a single 0/1 label is the task binary); name the label columns with options.target (e.g. 'a,b,c')`);
      }
      const { taskChoice, headerChoice } = result;
      return { dataset: result.dataset, schema: result.schema, droppedLines: result.droppedLines, ...(taskChoice ? { taskChoice } : {}), ...(headerChoice ? { headerChoice } : {}) };
    }
  }
}
