// Feature preprocessing as plain JSON, fitted on the training set only and applied unchanged to
// test and predict data. standardize: x -> (x - mean) / std per feature (row of X), with the
// population std (as scikit-learn's StandardScaler) and std 0 replaced by 1.
// (Scaling image pixels by 1/255 is done by the loaders.)

import { DataError, ModelFileError, OptionError } from '../errors.js';
import { Matrix } from '../tensor/matrix.js';

export type PreprocessingMethod = 'none' | 'standardize';
export const PREPROCESSING_METHODS: readonly PreprocessingMethod[] = ['none', 'standardize'];

export type Preprocessing =
  | { method: 'none' }
  | { method: 'standardize'; mean: number[]; std: number[] };

/** Learn the preprocessing from training X (n_x x m, one example per column). */
export function fitPreprocessing(X: Matrix, method: PreprocessingMethod = 'standardize'): Preprocessing {
  if (method === 'none') return { method: 'none' };
  if (method !== 'standardize') throw new OptionError(`preprocessing must be one of ${PREPROCESSING_METHODS.join(', ')}, got '${method}'`);
  const { rows: n, cols: m, data } = X;
  if (m === 0) throw new DataError('cannot fit standardization on a dataset without examples');
  const mean: number[] = [], std: number[] = [];
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < m; j++) sum += data[i * m + j]!;
    const mu = sum / m;
    let squares = 0;
    for (let j = 0; j < m; j++) squares += (data[i * m + j]! - mu) ** 2;
    const sd = Math.sqrt(squares / m);
    mean.push(mu);
    std.push(sd > 0 && Number.isFinite(sd) ? sd : 1);
  }
  return { method: 'standardize', mean, std };
}

/** Apply a fitted preprocessing to X: in place when inPlace, else to a copy. Returns the result. */
export function applyPreprocessing(p: Preprocessing, X: Matrix, options: { inPlace?: boolean } = {}): Matrix {
  const out = options.inPlace ? X : X.clone();
  if (p.method === 'none') return out;
  const { rows: n, cols: m, data } = out;
  if (p.mean.length !== n) {
    throw new DataError(`the data has ${n} features but the standardization was fitted on ${p.mean.length}`);
  }
  for (let i = 0; i < n; i++) {
    const mu = p.mean[i]!, inv = 1 / p.std[i]!;
    for (let j = 0; j < m; j++) data[i * m + j] = (data[i * m + j]! - mu) * inv;
  }
  return out;
}

/** Fit on training X and apply to it in one go: returns the transformed copy and the description. */
export function standardize(X: Matrix): { X: Matrix; preprocessing: Preprocessing } {
  const preprocessing = fitPreprocessing(X, 'standardize');
  return { X: applyPreprocessing(preprocessing, X), preprocessing };
}

/** Check a preprocessing description read from a model file. */
export function parsePreprocessing(json: unknown): Preprocessing {
  const p = json as Partial<{ method: string; mean: unknown; std: unknown }> | null;
  if (!p || typeof p !== 'object' || !PREPROCESSING_METHODS.includes(p.method as PreprocessingMethod)) {
    throw new ModelFileError(`preprocessing.method must be one of ${PREPROCESSING_METHODS.join(', ')}`);
  }
  if (p.method === 'none') return { method: 'none' };
  const numbers = (v: unknown, field: string) => {
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      throw new ModelFileError(`preprocessing.${field} must be an array of finite numbers`);
    }
    return v as number[];
  };
  const mean = numbers(p.mean, 'mean'), std = numbers(p.std, 'std');
  if (mean.length !== std.length) throw new ModelFileError(`preprocessing.mean has ${mean.length} values but preprocessing.std has ${std.length}`);
  if (std.some((s) => s <= 0)) throw new ModelFileError('preprocessing.std values must be > 0');
  return { method: 'standardize', mean, std };
}
