// Options that say how to read a data file, shared by train, evaluate and predict.

import type { Command } from 'commander';
import { detectFormat, kindOfData, unusedLoadOptions, type DataFormat, type DataSchema, type LoadOptions } from '../data/load.js';
import { parseChoice, parseIntOption, parseNumberOption } from './options.js';
import { OptionError } from '../errors.js';
import { printWarning } from './errors.js';
import { MAX_SEED } from '../model/resolve-spec.js';
import { CSV_ENCODINGS } from '../data/csv-file.js';
import { checkCsvReadOptions } from '../data/csv.js';
import { DECIMAL_MARKS, MAX_CLASSES } from '../data/csv.js';
import { MAX_CLASSES_LIMIT } from '../data/csv-learn.js';
import { MAX_RESIZE_PIXELS as MAX_PIXELS } from '../data/images.js';
import { MAX_SAMPLES } from '../data/synthetic.js';

export function dataOptions(cmd: Command): Command {
  return cmd
    .option('--target <column>', "CSV: the label column, by name, 1-based position, or 'last'", 'last')
    .option('--header', 'CSV: the first line names the columns (default: detected; a first line of numbers over columns of numbers is data)')
    .option('--no-header', 'CSV: the first line is data; columns are named 1, 2, 3, ...')
    .option('--features <columns>', 'CSV: the feature columns, comma-separated (default: all but the target)')
    .option('--exclude <columns>', "CSV: columns left out of the features, comma-separated (pandas' df.drop(columns=...)), e.g. a row index; not with --features")
    .option('--task <task>', 'CSV (and HDF5 of several targets): auto, classification, multilabel (several 0/1 targets as labels, an HDF5 one-hot Y too) or regression', 'auto')
    .option('--one-hot <columns>', "CSV: one-hot encode these text columns (comma-separated), or 'auto' for every text column")
    .option('--delimiter <char>', "CSV: the field separator: , ; tab | or auto (found from the first line)", 'auto')
    .option('--decimal <mark>', "CSV: the decimal mark of the numbers: . or , (1,5 as a German or French spreadsheet saves it, with ; between fields) (default: ., or for a model the training file's)")
    .option('--missing <policy>', 'CSV: empty cells are an error, or drop the row, or fill with the column mean (over the training rows only)', 'error')
    .option('--encoding <name>', `CSV: the text encoding: ${CSV_ENCODINGS.join(', ')} (auto: UTF-8, or UTF-16 after a byte-order mark)`, 'auto')
    .option('--handle-unknown <policy>', 'CSV: a one-hot category not seen in training is an error, or ignore: encode it as all zeros (with a warning)', 'error')
    .option('--max-classes <n>', `CSV: most classes a target may have (default ${MAX_CLASSES})`)
    .option('--x-key <name>', 'HDF5: the dataset holding the examples')
    .option('--y-key <name>', 'HDF5: the dataset holding the labels')
    .option('--labels <file>', 'MNIST IDX: the labels file (default: found beside the images file)')
    .option('--image-size <WxH>', "image folders: resize every image to this size (default: the images' own size when they all share one of at most 256x256 pixels, else 64x64)")
    .option('--channels <n>', 'image folders: 3 values per pixel (red, green, blue) or 1 (grey level) (default: 1 when every image is a grey-level file, else 3)')
    .option('--samples <n>', 'built-in sets: number of examples')
    .option('--noise <level>', 'built-in sets: noise level')
    .option('--data-seed <n>', 'built-in sets: seed of the generated data (default: --seed)');
}

export { MAX_SEED } from '../model/resolve-spec.js';

/** Each data option (commander's key), its flag, and the kind of data it applies to. */
const DATA_OPTIONS: { key: string; flag: string; format: DataFormat; also?: DataFormat; perFile?: boolean }[] = [
  ...['target', 'header', 'features', 'exclude', 'task', 'oneHot', 'delimiter', 'decimal', 'missing', 'maxClasses'].map((key) => ({
    // (--task also decides an HDF5 Y of several 0/1 labels: multi-label, or numbers)
    key, format: 'csv' as const, ...(key === 'task' ? { also: 'hdf5' as const } : {}), flag: key === 'header' ? '--no-header' : `--${key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`,
  })),
  { key: 'xKey', flag: '--x-key', format: 'hdf5' }, { key: 'yKey', flag: '--y-key', format: 'hdf5' },
  { key: 'labels', flag: '--labels', format: 'idx' }, { key: 'imageSize', flag: '--image-size', format: 'images' }, { key: 'channels', flag: '--channels', format: 'images' },
  { key: 'samples', flag: '--samples', format: 'synthetic' }, { key: 'noise', flag: '--noise', format: 'synthetic' },
  { key: 'dataSeed', flag: '--data-seed', format: 'synthetic' },
  // how this very file is read: never decided by a model's schema
  { key: 'encoding', flag: '--encoding', format: 'csv', perFile: true }, { key: 'handleUnknown', flag: '--handle-unknown', format: 'csv', perFile: true },
];

/**
 * The data options typed on the command line (not defaults) that will not be used: they are for
 * another kind of data than `format`, or `decided` (a model file's own schema decides them).
 */
export function unusedDataOptions(cmd: Command, format: DataFormat, decided: (o: { flag: string; format: DataFormat }) => boolean = () => false): string[] {
  return typedDataOptions(cmd, (o) => (o.format !== format && o.also !== format) || (!o.perFile && decided(o)));
}

/** The data options typed on the command line (not defaults) that `which` picks, by flag: with no --data, all of them go unused. */
export function typedDataOptions(cmd: Command, which: (o: (typeof DATA_OPTIONS)[number]) => boolean = () => true): string[] {
  return DATA_OPTIONS.filter((o) => cmd.getOptionValueSource(o.key) === 'cli' && which(o))
    .map((o) => (o.key === 'header' && cmd.getOptionValue('header') === true ? '--header' : o.flag)); // the one of --header, --no-header typed
}

/**
 * Forget the defaults of the data options that were not typed (commander fills in --target last,
 * --task auto, --missing error, ...: the library's own defaults, shown in --help): only what the
 * user typed is given to loadDataset, which warns of an option its file's format does not use.
 */
export function unsetUntypedDataOptions(cmd: Command): void {
  for (const { key } of DATA_OPTIONS) {
    if (cmd.getOptionValueSource(key) === 'default' && cmd.getOptionValue(key) !== undefined) cmd.setOptionValueWithSource(key, undefined, 'default');
  }
}

/**
 * The options of reading `file` that its format reads: the others were typed for another kind of
 * data, and the command line has said so by their flags (warnUnused), so loadDataset is not given them
 * to say it again in its terms.
 */
export function forFile(file: string, options: LoadOptions): LoadOptions {
  const unused = new Set<string>(unusedLoadOptions(detectFormat(file), options));
  return Object.fromEntries(Object.entries(options).filter(([k]) => !unused.has(k))) as LoadOptions;
}

/** "a CSV file", "an image folder", ...: the library's words for a format. */
export { kindOfData };

/** Say on stderr which options are ignored and why (one line). */
export function warnUnused(flags: string[], why: string): void {
  if (flags.length > 0) printWarning(`${flags.join(', ')} ignored: ${why}`);
}

const list = (s: string) => s.split(',').map((x) => x.trim()).filter((x) => x !== '');

export function readDataOptions(o: { [k: string]: string | boolean | undefined }): LoadOptions {
  const size = o.imageSize === undefined ? undefined : String(o.imageSize);
  const mm = size === undefined ? undefined : /^(\d+)x(\d+)$/i.exec(size);
  if (size !== undefined && (!mm || Number(mm[1]) < 1 || Number(mm[2]) < 1)) throw new OptionError(`--image-size must be WIDTHxHEIGHT, e.g. 64x64, got '${size}'`);
  // 3 inputs per pixel: beyond 2048 x 2048 the first layer alone would not fit in memory
  if (mm && Number(mm[1]) * Number(mm[2]) > MAX_PIXELS) throw new OptionError(`--image-size ${size} is too large: at most ${MAX_PIXELS} pixels (e.g. 2048x2048)`);
  const target = o.target === undefined ? undefined : String(o.target);
  const oneHot = o.oneHot === undefined ? undefined : o.oneHot === 'auto' ? 'auto' as const : list(String(o.oneHot));
  const given = <T>(key: string, read: (value: string) => T): T | undefined => (o[key] === undefined ? undefined : read(String(o[key])));
  const options: LoadOptions = {
    header: o.header === undefined ? undefined : o.header !== false,
    target: target !== undefined && /^\d+$/.test(target) ? Number(target) : target,
    features: o.features === undefined ? undefined : list(String(o.features)),
    ...(o.exclude !== undefined ? { exclude: list(String(o.exclude)) } : {}),
    task: given('task', (v) => parseChoice(v, '--task', ['auto', 'classification', 'multilabel', 'regression'] as const)),
    oneHot,
    missing: given('missing', (v) => parseChoice(v, '--missing', ['error', 'drop', 'mean'] as const)),
    delimiter: given('delimiter', String),
    ...(o.decimal !== undefined ? { decimal: decimalMark(String(o.decimal)) } : {}),
    xKey: o.xKey as string | undefined,
    yKey: o.yKey as string | undefined,
    labels: o.labels as string | undefined,
    ...(mm ? { width: Number(mm[1]), height: Number(mm[2]) } : {}),
    ...(o.channels !== undefined ? { channels: parseChoice(String(o.channels), '--channels', ['1', '3'] as const) === '1' ? 1 as const : 3 as const } : {}),
    samples: o.samples === undefined ? undefined : parseIntOption(String(o.samples), '--samples', 2, MAX_SAMPLES),
    noise: o.noise === undefined ? undefined : parseNumberOption(String(o.noise), '--noise', { min: 0 }),
    ...(o.dataSeed !== undefined ? { seed: parseIntOption(String(o.dataSeed), '--data-seed', 0, MAX_SEED) } : {}),
    encoding: given('encoding', (v) => parseChoice(v, '--encoding', CSV_ENCODINGS)),
    handleUnknown: given('handleUnknown', (v) => parseChoice(v, '--handle-unknown', ['error', 'ignore'] as const)),
    ...(o.maxClasses !== undefined ? { maxClasses: parseIntOption(String(o.maxClasses), '--max-classes', 2, MAX_CLASSES_LIMIT) } : {}),
    warn: printWarning,
  };
  // only the options given (not typed: the library's defaults), so that loadDataset's warning of an option
  // its file's format does not use is about a typed one
  for (const key of Object.keys(options) as (keyof LoadOptions)[]) if (options[key] === undefined) delete options[key];
  // the library's own check of reading CSV (a --delimiter xx), here before any file is read: evaluate
  // and predict read the model first, and a model's schema may make the option unused
  const { header, features, exclude, task, missing, delimiter, maxClasses } = options;
  checkCsvReadOptions({ header, target: options.target, features, exclude, task: task === 'multilabel' ? 'classification' : task, oneHot, missing, delimiter, maxClasses }, 'the data options');
  return options;
}

/** --decimal's value (parseChoice listed the choices as "., ,"). */
function decimalMark(typed: string): (typeof DECIMAL_MARKS)[number] {
  const mark = DECIMAL_MARKS.find((d) => d === typed);
  if (!mark) throw new OptionError(`--decimal must be . or , (the decimal mark of the numbers: 1.5 or 1,5), got '${typed}'`);
  return mark;
}

/**
 * How --test is read: as the training data was, with its schema (its encoding too); a built-in set is drawn afresh with the
 * next seed (the data seed + 1, as `demo` draws its test set), where the same seed drew the training
 * points again and the test metrics were the training set's.
 */
export function testReadOptions(test: string, loadOpts: LoadOptions, schema: DataSchema): LoadOptions {
  // (a CSV test file is read in the training file's encoding, which its schema records, unless it says it is another: see encodingLike)
  if (detectFormat(test) !== 'synthetic') return { ...loadOpts, ...(schema.format === 'csv' ? { encoding: undefined } : {}), schema };
  return { ...loadOpts, seed: ((loadOpts.seed ?? 1) + 1) % MAX_SEED };
}
