// How the commands read a data file for a saved model: the way its training data was read (its
// data schema), or, for a model without one, as plain CSV columns of its inputs.

import type { Command } from 'commander';
import { statSync } from 'node:fs';
import { gunzipSync, constants as zlibConstants } from 'node:zlib';
import type { Matrix } from '../tensor/matrix.js';
import { forFile, kindOfData, unusedDataOptions, warnUnused } from './data-options.js';
import { printWarning } from './errors.js';
import { loadDataset, detectFormat, type LoadOptions } from '../data/load.js';
import { readHead } from '../data/files.js';
import type { Dataset } from '../data/synthetic.js';
import { DataError, ModelFileError } from '../errors.js';
import type { Model } from '../model/model.js';
import { plainCsvSchema } from '../model/raw-input.js';
import { playgroundFeatureMatrix } from '../data/playground-features.js';
import type { CsvSchema } from '../data/csv.js';
import { NO_TARGET_COLUMN } from '../data/csv-encode.js';

/**
 * Load a file the way the model's training data was loaded; modelFile names the model in errors.
 * With the command, the data options typed for nothing (another kind of data, or decided by the
 * model's own schema) are reported on stderr.
 */
export async function loadLikeModel(file: string, model: Model, requireTarget: boolean, extra: LoadOptions = {}, modelFile = 'the model', cmd?: Command): Promise<Dataset> {
  const data = model.preprocessing.data;
  // a playground model reads points (x1, x2), as a model of those two inputs would, and computes its features from them
  const reading = (features: readonly string[] | undefined, inputSize: number): ReadingModel =>
    ({ preprocessing: model.preprocessing, task: model.task, classes: model.classes, network: model.network, ...(features ? { features } : {}), inputSize });
  if (data?.format === 'playground') {
    const points = await loadPlainInputs(file, reading(data.inputs, data.inputs.length), requireTarget, extra, modelFile, cmd);
    return { ...points, X: playgroundFeatureMatrix(data, points.X) };
  }
  return loadPlainInputs(file, reading(model.features, model.network.inputSize), requireTarget, extra, modelFile, cmd);
}

/** What of a model reading its data needs: the model, and the inputs its files hold (for a playground model, the points' x1 and x2). */
type ReadingModel = Pick<Model, 'preprocessing' | 'task' | 'classes' | 'network'> & { features?: readonly string[]; inputSize: number };

async function loadPlainInputs(file: string, model: ReadingModel, requireTarget: boolean, extra: LoadOptions, modelFile: string, cmd?: Command): Promise<Dataset> {
  let schema = model.preprocessing.data?.format === 'playground' ? undefined : model.preprocessing.data;
  const format = detectFormat(file);
  const plainCsv = (!schema || schema.format === 'synthetic') && format === 'csv';
  // how this very file is laid out and what to do with its empty cells, over a model's CSV schema:
  // --delimiter, --missing and --no-header were ignored, and the error then said to give them
  const fileOptions = schema?.format === 'csv' ? FILE_CSV_OPTIONS.filter((o) => cmd?.getOptionValueSource(o.key) === 'cli') : [];
  // (--encoding's default 'auto' would read a file of a model trained on a Latin-1 file as UTF-8: only a typed one is given)
  if (cmd && cmd.getOptionValueSource('encoding') !== 'cli') extra = { ...extra, encoding: undefined };
  extra = { ...extra, missing: undefined, delimiter: undefined, ...(plainCsv ? {} : { decimal: undefined }), ...(schema?.format === 'csv' ? { header: undefined } : {}), ...Object.fromEntries(fileOptions.map((o) => [o.key, extra[o.key]])) };
  if (cmd && (!schema || schema.format === 'synthetic' || schema.format === format)) { // (else: an error below)
    // a model's CSV or image schema decides every other such option; a plain CSV of inputs takes --no-header only
    const decided = (o: { flag: string }) => !fileOptions.some((f) => f.flag === o.flag) && (schema?.format === 'csv' || schema?.format === 'images' || (plainCsv && o.flag !== '--no-header' && o.flag !== '--decimal'));
    const elsewhere = unusedDataOptions(cmd, format);
    warnUnused(elsewhere, `${file} is read as ${kindOfData(format)}`);
    warnUnused(unusedDataOptions(cmd, format, decided).filter((f) => !elsewhere.includes(f)),
      plainCsv ? `the columns of a CSV file are ${modelFile}'s ${model.inputSize} inputs (and the label last)` : `${modelFile} reads ${file} the way its training data was read`);
  }
  // a model without a data schema (hand-written, imported), or trained on a built-in set, reads a
  // CSV of its inputs as plain number columns; a first line that is not all numbers is a header
  if (plainCsv && isRegularFile(file)) {
    try {
      schema = plainCsvSchema(firstLine(file), model.inputSize, { header: extra.header === false ? false : undefined, decimal: extra.decimal, task: model.task, classes: model.classes, features: model.features, targets: model.task === 'regression' || model.task === 'multilabel' ? model.network.outputSize : 1 });
    } catch (e) {
      throw e instanceof DataError ? new DataError(`${file}: ${e.message}`) : e;
    }
  }
  try {
    // a float64 model computes on the file's numbers as written, not rounded to float32 on the way
    const { dataset, droppedLines } = await loadDataset(file, { ...forFile(file, extra), dtype: extra.dtype ?? model.network.dtype, ...(schema ? { schema } : {}), requireTarget });
    if (plainCsv && schema?.format === 'csv') noteUnnamedInputs(schema, model, file, modelFile);
    noteDroppedRows(droppedLines ?? [], dataset.X.cols, file);
    return dataset;
  } catch (e) {
    // a damaged schema in the model file: say which file
    throw e instanceof ModelFileError ? new ModelFileError(`${modelFile}: ${e.message}`) : e;
  }
}

/** The options of reading CSV that describe the file itself, given over a model's CSV schema. */
const FILE_CSV_OPTIONS = [{ key: 'missing', flag: '--missing' }, { key: 'delimiter', flag: '--delimiter' }, { key: 'decimal', flag: '--decimal' }, { key: 'header', flag: '--no-header' }] as const;

/** Rows left out for an empty cell (missing 'drop', the training's or --missing): the count of examples alone hid them. */
export function noteDroppedRows(lines: number[], kept: number, file: string): void {
  if (lines.length === 0) return;
  const shown = lines.slice(0, 10).join(', ') + (lines.length > 10 ? ', ...' : '');
  printWarning(`${file}: ${lines.length} row${lines.length === 1 ? '' : 's'} with an empty cell left out (line${lines.length === 1 ? '' : 's'} ${shown}; --missing drop), ${kept} read`);
}

/**
 * A model that does not name its features (hand-written, imported) takes a CSV's columns by position:
 * with a header of as many columns as inputs, a label column among them was read as an input,
 * silently. Say which columns are read, and where the label would go.
 */
function noteUnnamedInputs(schema: CsvSchema, model: ReadingModel, file: string, modelFile: string): void {
  if (model.features || !schema.header) return;
  const n = model.inputSize, labelled = schema.target !== NO_TARGET_COLUMN;
  const k = schema.targets?.length ?? 1, targets = schema.targets?.map((t) => `'${t}'`).join(', ');
  const labels = k > 1 ? `, and ${targets} as the ${k} targets` : `, and '${schema.target}' as the label`;
  process.stderr.write(`(${modelFile} does not name its features: columns ${schema.featureNames.join(', ')} of ${file} are read as its ${n} inputs, in that order${labelled ? labels : `; a label column would be column ${n + 1}`})\n`);
}

/** True for an existing regular file (anything else is left to the loaders, which say what is wrong). */
function isRegularFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The first line of a (possibly gzip'd) text file, read from its first 64 KiB. */
function firstLine(file: string): string {
  let bytes = readHead(file, 65536); // a DataError that names the file and what is wrong with it
  // a truncated gzip stream: inflate what there is
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes, { finishFlush: zlibConstants.Z_SYNC_FLUSH, maxOutputLength: 2 ** 20 });
  return new TextDecoder().decode(bytes.subarray(0, 65536)).replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
}

/** Check that the data has as many features as the model has inputs. */
export function checkFits(X: Matrix, inputSize: number, file: string): void {
  if (X.rows !== inputSize) {
    throw new DataError(`${file}: the data has ${X.rows} features per example but the model expects ${inputSize}`);
  }
}
