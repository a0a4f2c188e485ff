// The one preprocessing object a model carries: how raw inputs become the network's X.
//   data         how a raw file or row becomes numbers: the CSV schema (columns, one-hot
//                categories, missing policy and fill values), the image size, ...
//   scale        x := x * scale (an imported ONNX Mul or TF.js Rescaling)
//   standardize  x := (x - mean) / std per network input, fitted on the training rows only, with
//                the population std (as scikit-learn's StandardScaler) and std 0 read as 1
//   target       a regression target z-scored while training, (y - mean) / std; the scaling is
//                folded into the linear output layer afterwards, so predictions are in the
//                target's own units (kept to resume training on the same scale)
// Plain JSON: it is the model file's "preprocessing" field as it is.

import { DataError, ModelFileError, OptionError } from '../errors.js';
import { Matrix, ShapeError } from '../tensor/matrix.js';
import { kindOf } from '../util/kind-of.js';
import { isObject, isFiniteNumbers, jsonValueText } from '../util/json.js';
import type { DataSchema } from '../data/schema.js';
import { validateSchema, type CsvSchema } from '../data/csv.js';
import { givenText } from '../util/bounds.js';
import { wideMean, wideStd, wideUnscore, wideZScore } from '../util/wide-mean.js';

export interface Standardize {
  mean: number[];
  std: number[];
}

/** A regression target's z-scoring: numbers for one target (as model files have always written it), one per output for several. */
export type TargetScale = { mean: number; std: number } | { mean: number[]; std: number[] };

export interface Preprocessing {
  data?: DataSchema;
  scale?: number;
  standardize?: Standardize;
  target?: TargetScale;
}

/** Learn x' = (x - mean) / std per feature (row of X, n_x x m) from the training rows. */
export function fitStandardize(X: Matrix): Standardize {
  const { rows: n, cols: m, data } = X;
  if (m === 0) throw new DataError('cannot fit standardization on a dataset without examples');
  const mean: number[] = [], std: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = data.subarray(i * m, (i + 1) * m);
    const mu = wideMean(row); // (1/m) sum(x), without overflow near float64's limit
    const sd = wideStd(row, mu); // sqrt((1/m) sum((x - mu)^2))
    mean.push(mu);
    std.push(sd > 0 && Number.isFinite(sd) ? sd : 1);
  }
  return { mean, std };
}

/**
 * A standardization given to applyStandardize: { mean, std } with one finite mean and one std > 0
 * per feature. A std of 0 (written by hand, or from another tool) made every value NaN, silently.
 */
function checkStandardize(s: Standardize, n: number): void {
  const isNumbers = (v: unknown) => Array.isArray(v) || ArrayBuffer.isView(v);
  if (typeof s !== 'object' || s === null || !isNumbers(s.mean) || !isNumbers(s.std)) {
    throw new OptionError(`applyStandardize: s must be { mean, std } with one number per feature (from fitStandardize), got ${kindOf(s)}`);
  }
  if (s.mean.length !== n) throw new DataError(`the data has ${n} features but the standardization was fitted on ${s.mean.length}`);
  if (s.std.length !== n) throw new DataError(`the data has ${n} features but the standardization has ${s.std.length} std values`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(s.mean[i])) throw new DataError(`applyStandardize: mean[${i}] must be a finite number, got ${givenText(s.mean[i])}`);
    if (!(s.std[i]! > 0 && Number.isFinite(s.std[i]))) throw new DataError(`applyStandardize: std[${i}] must be a finite number > 0 (x is divided by it), got ${givenText(s.std[i])}`);
  }
}

/** x' = (x - mean) / std per row of X, into `out` (a copy of X by default). */
export function applyStandardize(s: Standardize, X: Matrix, out?: Matrix): Matrix {
  if (!(X instanceof Matrix)) throw new ShapeError(`applyStandardize: X must be a Matrix (n_x x m, one example per column), got ${kindOf(X)}`);
  const { rows: n, cols: m } = X;
  checkStandardize(s, n);
  if (out === undefined) out = X.clone();
  else if (!(out instanceof Matrix) || out.rows !== n || out.cols !== m) throw new ShapeError(`applyStandardize: out must be a ${n} x ${m} Matrix like X, got ${out instanceof Matrix ? `${out.rows} x ${out.cols}` : kindOf(out)}`);
  for (let i = 0; i < n; i++) {
    const mu = s.mean[i]!, sd = s.std[i]!, inv = 1 / sd;
    // x' = (x - mean) / std (halved where x - mean overflows float64)
    for (let j = i * m; j < (i + 1) * m; j++) out.data[j] = wideZScore(X.data[j]!, mu, sd, (X.data[j]! - mu) * inv);
  }
  return out;
}

/** The network's input from raw features: x' = (x * scale - mean) / std (a copy; X itself when there is nothing to do). */
export function networkInput(p: Preprocessing | undefined, X: Matrix): Matrix {
  const scale = p?.scale ?? 1;
  if (!p || (!p.standardize && scale === 1)) return X;
  const scaled = scale === 1 ? X : X.map((v) => v * scale);
  return p.standardize ? applyStandardize(p.standardize, scaled, scaled === X ? X.clone() : scaled) : scaled;
}

/** Mean and population std of each row of a k x m target (std 0 read as 1), as standardization fits them: numbers for one target. */
export function fitTargetScale(Y: Matrix): TargetScale {
  const s = fitStandardize(Y);
  return Y.rows === 1 ? { mean: s.mean[0]!, std: s.std[0]! } : s;
}

/** A target scaling as one mean and std per output. */
export function targetScales(t: TargetScale): { mean: number[]; std: number[] } {
  return typeof t.mean === 'number' ? { mean: [t.mean], std: [t.std as number] } : { mean: t.mean, std: t.std as number[] };
}

/** Y (k x m) z-scored by its scaling, (y - mean) / std per row (direction 1), or back, y std + mean (-1): a copy. */
export function scaleTargets(Y: Matrix, t: TargetScale, direction: 1 | -1): Matrix {
  const { mean, std } = targetScales(t);
  if (mean.length !== Y.rows) throw new DataError(`the target scaling has ${mean.length} outputs but Y has ${Y.rows} rows`);
  const out = Y.clone(), m = Y.cols;
  for (let i = 0; i < Y.rows; i++) {
    const mu = mean[i]!, sd = std[i]!;
    // y' = (y - mean) / std (halved where y - mean overflows float64), or back, y = y' std + mean
    for (let j = i * m; j < (i + 1) * m; j++) out.data[j] = direction === 1 ? wideZScore(Y.data[j]!, mu, sd, (Y.data[j]! - mu) / sd) : wideUnscore(Y.data[j]!, mu, sd, Y.data[j]! * sd + mu);
  }
  return out;
}

/** The fields of a model file's "preprocessing". */
const PREPROCESSING_STEPS = ['data', 'scale', 'standardize', 'target'];

/** The ways a data file can have been read (the "format" of preprocessing.data). */
const DATA_FORMATS = ['csv', 'images', 'idx', 'hdf5', 'synthetic', 'playground'];

/**
 * Check a "preprocessing" field read from a model file against the network's inputSize, so a
 * damaged field fails on loading instead of giving NaN predictions. Reads today's form and the
 * older {"method": "standardize", "mean", "std"} one. `fail` names the file.
 */
export function parsePreprocessing(json: unknown, inputSize: number, fail: (msg: string) => never): Preprocessing {
  if (!isObject(json)) return fail('field "preprocessing" must be an object');
  if (json.method === 'none') return {};
  if (json.method === 'standardize') return { standardize: parseStandardize(json, 'preprocessing', inputSize, fail) };
  // the playground's first files kept its feature list at the top
  if (json.type === 'playground-features') return { data: { ...json, format: 'playground' } as unknown as DataSchema };
  const unknown = Object.keys(json).find((k) => !PREPROCESSING_STEPS.includes(k));
  if (unknown !== undefined) fail(`field "preprocessing.${unknown}" is not a step this backprop knows (${PREPROCESSING_STEPS.join(', ')}); its predictions would be wrong without it`);
  const out: Preprocessing = {};
  if (json.standardize !== undefined) out.standardize = parseStandardize(json.standardize, 'preprocessing.standardize', inputSize, fail);
  if (json.scale !== undefined) {
    if (!(typeof json.scale === 'number' && Number.isFinite(json.scale) && json.scale !== 0)) fail(`field "preprocessing.scale" must be a finite non-zero number, got ${jsonValueText(json.scale)}`);
    out.scale = json.scale as number;
  }
  if (json.target !== undefined) out.target = parseTargetScale(json.target, fail);
  if (json.data !== undefined) {
    if (!(isObject(json.data) && DATA_FORMATS.includes(json.data.format as string))) fail(`field "preprocessing.data" must be an object whose "format" is one of ${DATA_FORMATS.join(', ')}`);
    out.data = json.data as unknown as DataSchema;
    if (out.data.format === 'images') checkImageSchema(json.data, inputSize, fail);
    // a CSV schema is checked when the model is read (inspect showed a damaged one; predict said so only when reading data)
    if (out.data.format === 'csv') {
      try {
        validateSchema(out.data as CsvSchema);
      } catch (e) {
        if (e instanceof ModelFileError) fail(e.message);
        throw e;
      }
    }
  }
  return out;
}

/**
 * "preprocessing.target": a finite "mean" and a "std" > 0 (one target), or two lists of them, one entry
 * per output (several); checked against the output layer by the Model.
 */
function parseTargetScale(t: unknown, fail: (msg: string) => never): TargetScale {
  if (isObject(t) && Array.isArray(t.mean) && Array.isArray(t.std)) {
    const { mean, std } = t as { mean: unknown[]; std: unknown[] };
    if (mean.length < 2 || std.length !== mean.length || !isFiniteNumbers(mean) || !isFiniteNumbers(std) || std.some((s) => !((s as number) > 0))) {
      fail('field "preprocessing.target" of several targets must hold "mean" and "std" lists of one finite number per output (each std > 0)');
    }
    return { mean: [...mean] as number[], std: [...std] as number[] };
  }
  if (!isObject(t) || !isFiniteNumbers([t.mean, t.std]) || !((t.std as number) > 0)) fail('field "preprocessing.target" must hold a finite "mean" and a "std" > 0');
  return { mean: (t as { mean: number }).mean, std: (t as { std: number }).std };
}

/** An image folder's schema: whole sizes > 0, 1 or 3 channels (absent: 3), as many values per image as the network has inputs. */
function checkImageSchema(data: Record<string, unknown>, inputSize: number, fail: (msg: string) => never): void {
  const { width, height, channels = 3 } = data;
  if (!(Number.isInteger(width) && (width as number) > 0 && Number.isInteger(height) && (height as number) > 0)) {
    fail(`field "preprocessing.data" of an image folder must give "width" and "height", whole numbers > 0, got ${jsonValueText(width)} and ${jsonValueText(height)}`);
  }
  if (channels !== 1 && channels !== 3) fail(`field "preprocessing.data.channels" must be 1 (grey) or 3 (RGB), got ${jsonValueText(channels)}`);
  const values = (width as number) * (height as number) * (channels as number);
  if (values !== inputSize) fail(`field "preprocessing.data" reads ${width} x ${height} x ${channels} = ${values} values per image, but the network takes ${inputSize} inputs`);
}

function parseStandardize(v: unknown, field: string, inputSize: number, fail: (msg: string) => never): Standardize {
  if (!isObject(v) || !isFiniteNumbers(v.mean, inputSize) || !isFiniteNumbers(v.std, inputSize)) {
    return fail(`field "${field}" must hold "mean" and "std", ${inputSize} finite numbers each (one per input)`);
  }
  const bad = v.std.findIndex((s) => !(s > 0));
  if (bad >= 0) fail(`field "${field}.std" has a ${v.std[bad] === 0 ? 'zero' : 'negative value'} at entry ${bad + 1}; a standard deviation must be > 0 (x is divided by it)`);
  return { mean: v.mean, std: v.std };
}

/** The same preprocessing, as a ModelFileError-throwing check (for callers without a file name). */
export function checkPreprocessing(json: unknown, inputSize: number, source = 'model'): Preprocessing {
  return parsePreprocessing(json, inputSize, (msg) => { throw new ModelFileError(`${source}: ${msg}`); });
}

/** A copy of the preprocessing (its arrays too), so a model never shares state with its caller. */
export function clonePreprocessing(p: Preprocessing): Preprocessing {
  return JSON.parse(JSON.stringify(p)) as Preprocessing;
}
