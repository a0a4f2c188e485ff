// The data path shared by the commands: file -> dataset -> preprocessing -> network input,
// and the model file's "preprocessing" field that lets evaluate/predict repeat it exactly.

import { Matrix } from '../tensor/matrix.js';
import { loadDataset, type DataSchema, type LoadOptions } from '../data/load.js';
import { applyPreprocessing, type Preprocessing } from '../data/preprocess.js';
import type { Dataset } from '../data/synthetic.js';
import { DataError, ModelFileError } from '../errors.js';
import type { ModelMeta } from '../io/model-file.js';

/** The model file's "preprocessing" field, as written by `backprop train`. */
export interface ModelPreprocessing {
  /** How a raw file becomes features (CSV columns and encodings, image size, ...). */
  data?: DataSchema;
  /** x' = (x - mean) / std per input feature, fitted on the training set. */
  standardize?: { mean: number[]; std: number[] };
}

export function toModelPreprocessing(data: DataSchema | undefined, p: Preprocessing | undefined): ModelPreprocessing {
  return {
    ...(data ? { data } : {}),
    ...(p && p.method === 'standardize' ? { standardize: { mean: p.mean, std: p.std } } : {}),
  };
}

/** Apply the model's standardization (if any) to raw features, into a copy. */
export function prepareInput(X: Matrix, pre: ModelPreprocessing | undefined): Matrix {
  const s = pre?.standardize;
  if (!s) return X;
  if (!Array.isArray(s.mean) || !Array.isArray(s.std) || s.mean.length !== X.rows || s.std.length !== X.rows) {
    throw new ModelFileError(`preprocessing.standardize has ${Array.isArray(s.mean) ? s.mean.length : 'no'} means but the data has ${X.rows} features`);
  }
  return applyPreprocessing({ method: 'standardize', mean: s.mean, std: s.std }, X);
}

/** Load a file the way the model's training data was loaded. */
export async function loadLikeModel(file: string, meta: ModelMeta, requireTarget: boolean, extra: LoadOptions = {}): Promise<Dataset> {
  const pre = meta.preprocessing as ModelPreprocessing | undefined;
  const { dataset } = await loadDataset(file, { ...extra, ...(pre?.data ? { schema: pre.data } : {}), requireTarget });
  return dataset;
}

/** Check that a dataset fits a model: feature count and classes. */
export function checkFits(data: Dataset, inputSize: number, file: string): void {
  if (data.X.rows !== inputSize) {
    throw new DataError(`${file}: the data has ${data.X.rows} features per example but the model expects ${inputSize}`);
  }
}
