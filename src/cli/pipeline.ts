// The data path shared by the commands: file -> dataset -> preprocessing -> network input,
// and the model file's "preprocessing" field that lets evaluate/predict repeat it exactly.

import type { Command } from 'commander';
import { Matrix } from '../tensor/matrix.js';
import { kindOfData, unusedDataOptions, warnUnused } from './data-options.js';
import { parse } from 'csv-parse/sync';
import { loadDataset, detectFormat, type DataSchema, type LoadOptions } from '../data/load.js';
import { readCsvText, shorten, type CsvSchema } from '../data/csv-file.js';
import { applyPreprocessing, type Preprocessing } from '../data/preprocess.js';
import type { Dataset } from '../data/synthetic.js';
import { DataError, ModelFileError } from '../errors.js';
import type { ModelMeta } from '../io/model-file.js';
import type { Network } from '../nn/network.js';

/** The model file's "preprocessing" field, as written by `backprop train`. */
export interface ModelPreprocessing {
  /** How a raw file becomes features (CSV columns and encodings, image size, ...). */
  data?: DataSchema;
  /** x' = (x - mean) / std per input feature, fitted on the training set. */
  standardize?: { mean: number[]; std: number[] };
  /** x' = x * scale before standardize (from an imported ONNX Mul or TF.js Rescaling). */
  scale?: number;
}

export function toModelPreprocessing(data: DataSchema | undefined, p: Preprocessing | undefined): ModelPreprocessing {
  return {
    ...(data ? { data } : {}),
    ...(p && p.method === 'standardize' ? { standardize: { mean: p.mean, std: p.std } } : {}),
  };
}

/** Apply the model's scale and standardization (if any) to raw features, into a copy: x' = (x * scale - mean) / std. */
export function prepareInput(X: Matrix, pre: ModelPreprocessing | undefined): Matrix {
  // {"standardize": {mean, std}} as train writes it, or the library's {"method": "standardize", mean, std}
  const p = pre as ModelPreprocessing & { method?: string; mean?: number[]; std?: number[] } | undefined;
  const s = p?.method === 'standardize' ? { mean: p.mean!, std: p.std! } : p?.standardize, scale = p?.scale ?? 1;
  if (!s && scale === 1) return X;
  const out = scale === 1 ? X : X.map((v) => v * scale);
  if (!s) return out;
  if (!Array.isArray(s.mean) || !Array.isArray(s.std) || s.mean.length !== X.rows || s.std.length !== X.rows) {
    throw new ModelFileError(`preprocessing.standardize has ${Array.isArray(s.mean) ? s.mean.length : 'no'} means but the data has ${X.rows} features`);
  }
  return applyPreprocessing({ method: 'standardize', mean: s.mean, std: s.std }, out, { inPlace: out !== X });
}

/**
 * Load a file the way the model's training data was loaded; modelFile names the model in errors.
 * With the command, the data options typed for nothing (another kind of data, or decided by the
 * model's own schema) are reported on stderr.
 */
export async function loadLikeModel(file: string, meta: ModelMeta, net: Network, requireTarget: boolean, extra: LoadOptions = {}, modelFile = 'the model', cmd?: Command): Promise<Dataset> {
  const pre = meta.preprocessing as ModelPreprocessing | undefined;
  let schema = pre?.data;
  const format = detectFormat(file);
  const plainCsv = (!schema || schema.format === 'synthetic') && format === 'csv';
  if (cmd && (!schema || schema.format === 'synthetic' || schema.format === format)) { // (else: an error below)
    // a model's CSV or image schema decides every such option; a plain CSV of inputs takes --no-header only
    const decided = (o: { flag: string }) => schema?.format === 'csv' || schema?.format === 'images' || (plainCsv && o.flag !== '--no-header');
    const elsewhere = unusedDataOptions(cmd, format);
    warnUnused(elsewhere, `${file} is read as ${kindOfData(format)}`);
    warnUnused(unusedDataOptions(cmd, format, decided).filter((f) => !elsewhere.includes(f)),
      plainCsv ? `the columns of a CSV file are ${modelFile}'s ${net.inputSize} inputs (and the label last)` : `${modelFile} reads ${file} the way its training data was read`);
  }
  // a model without a data schema (hand-written, imported), or trained on a built-in set, reads a
  // CSV of its inputs as plain number columns
  if (plainCsv) schema = plainCsvSchema(file, extra.header !== false, meta, net);
  try {
    const { dataset } = await loadDataset(file, { ...extra, ...(schema ? { schema } : {}), requireTarget });
    return dataset;
  } catch (e) {
    // a damaged schema in the model file: say which file
    throw e instanceof ModelFileError ? new ModelFileError(`${modelFile}: ${e.message}`) : e;
  }
}

/**
 * For a model without a data schema (hand-written, imported): every column is a number feature,
 * plus the target as the last column when there is one more column than the model has inputs.
 */
function plainCsvSchema(file: string, header: boolean, meta: ModelMeta, net: Network): CsvSchema {
  const inputSize = net.inputSize;
  const k = net.outputSize === 1 ? 2 : net.outputSize;
  let first: string[];
  try {
    first = (parse(readCsvText(file), { bom: true, to_line: 1, trim: true }) as string[][])[0] ?? [];
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw new DataError(`${file}: not a readable CSV file: ${shorten((e as Error).message)}`);
  }
  const columns = header ? first.map((c, i) => c || String(i + 1)) : first.map((_, i) => String(i + 1));
  if (columns.length !== inputSize && columns.length !== inputSize + 1) {
    throw new DataError(`${file}: ${columns.length} columns, but the model takes ${inputSize} features (give ${inputSize} columns, or ${inputSize + 1} with the label last)`);
  }
  const names = columns.slice(0, inputSize);
  const target = columns.length > inputSize ? columns[inputSize]! : '\u0000no target';
  return {
    format: 'csv', header, columns: columns.length > inputSize ? columns : [...columns, target], target,
    task: meta.task, classes: meta.task === 'regression' ? undefined : meta.classes ?? Array.from({ length: k }, (_, i) => String(i)),
    features: names.map((column) => ({ column, type: 'number' as const, mean: 0 })), featureNames: names, missing: 'error',
  };
}

/** Check that the data has as many features as the model has inputs. */
export function checkFits(X: Matrix, inputSize: number, file: string): void {
  if (X.rows !== inputSize) {
    throw new DataError(`${file}: the data has ${X.rows} features per example but the model expects ${inputSize}`);
  }
}
