// The backprop model file as JSON: one document, readable by people and other programs
// (docs/model-format.md). W of each layer is n[l] rows of n[l-1] numbers (the course's W[l]),
// b is n[l] numbers. No file access here, so the browser can use it too (see model-file.ts).

import { Matrix, type DType } from '../tensor/matrix.js';
import { Network } from '../nn/network.js';
import { ACTIVATION_NAMES, type ActivationName } from '../nn/activations.js';
import { LOSS_NAMES, type LossName } from '../nn/losses.js';
import { ModelFileError } from '../errors.js';

export const MODEL_FORMAT = 'backprop-model';
export const MODEL_VERSION = 1;

export type Task = 'binary' | 'multiclass' | 'regression';

export interface LayerJson {
  units: number;
  activation: ActivationName;
  /** Slope of leakyRelu / alpha of elu, when not the default. */
  alpha?: number;
  /** n[l] rows of n[l-1] numbers. */
  W: number[][];
  /** n[l] numbers. */
  b: number[];
}

export interface ModelJson {
  format: typeof MODEL_FORMAT;
  version: number;
  inputSize: number;
  task: Task;
  classes?: string[];
  layers: LayerJson[];
  loss?: LossName;
  dtype?: DType;
  /** Names of the input features, in order. */
  features?: string[];
  /** How raw inputs become X (data schema, standardization, image size...): see docs/model-format.md. */
  preprocessing?: Record<string, unknown>;
  /** How the model was trained (options, final costs, date): informative only. */
  training?: Record<string, unknown>;
}

/** What a model file holds besides the network. */
export interface ModelMeta {
  task: Task;
  classes?: string[];
  features?: string[];
  preprocessing?: Record<string, unknown>;
  training?: Record<string, unknown>;
}

export function taskOf(net: Network): Task {
  const out = net.outputActivation;
  if (out === 'softmax') return 'multiclass';
  if (out === 'sigmoid' && net.outputSize === 1) return 'binary';
  return 'regression';
}

export function modelToJson(net: Network, meta: Partial<ModelMeta> = {}): ModelJson {
  const json: ModelJson = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    inputSize: net.inputSize,
    task: meta.task ?? taskOf(net),
    ...(meta.classes ? { classes: meta.classes } : {}),
    layers: net.layers.map((layer, i) => {
      // JSON has no NaN or Infinity (JSON.stringify writes null): such a file could never be read back
      const bad = [layer.W, layer.b].find((M) => M.data.some((v) => !Number.isFinite(v)));
      if (bad) throw new ModelFileError(`layer ${i + 1}: ${bad === layer.W ? 'W' : 'b'} holds NaN or infinite values; a model with them is not saved`);
      const a = layer.activation;
      return {
        units: layer.units,
        activation: a.name,
        ...((a.name === 'leakyRelu' && a.alpha !== 0.01) || (a.name === 'elu' && a.alpha !== 1) ? { alpha: a.alpha } : {}),
        W: layer.W.toArray(),
        b: Array.from(layer.b.data),
      };
    }),
    loss: net.loss.name,
    dtype: net.dtype,
    ...(meta.features ? { features: meta.features } : {}),
    ...(meta.preprocessing ? { preprocessing: meta.preprocessing } : {}),
    ...(meta.training ? { training: meta.training } : {}),
  };
  return json;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The ways a data file can have been read (the "format" of preprocessing.data). */
const DATA_FORMATS = ['csv', 'images', 'idx', 'hdf5', 'synthetic'];

/**
 * Check the parts of "preprocessing" that predict applies to the inputs (standardize, scale) and
 * the kind of data file, so a damaged field fails on loading instead of giving NaN predictions.
 */
function checkPreprocessing(pre: unknown, inputSize: number, fail: (msg: string) => never): void {
  if (!isObject(pre)) fail('field "preprocessing" must be an object');
  const p = pre as Record<string, unknown>;
  const numbers = (v: unknown) => Array.isArray(v) && v.length === inputSize && v.every((x) => typeof x === 'number' && Number.isFinite(x));
  for (const [field, st] of [['preprocessing.standardize', p.standardize], ['preprocessing', p.method === 'standardize' ? p : undefined]] as const) {
    if (st === undefined) continue;
    const s = st as Record<string, unknown>;
    if (!isObject(st) || !numbers(s.mean) || !numbers(s.std)) fail(`field "${field}" must hold "mean" and "std", ${inputSize} finite numbers each (one per input)`);
    if ((s.std as number[]).some((v) => v === 0)) fail(`field "${field}.std" has a zero (x is divided by it)`);
  }
  if (p.scale !== undefined && !(typeof p.scale === 'number' && Number.isFinite(p.scale) && p.scale !== 0)) {
    fail(`field "preprocessing.scale" must be a finite non-zero number, got ${JSON.stringify(p.scale)}`);
  }
  if (p.data !== undefined && !(isObject(p.data) && DATA_FORMATS.includes(p.data.format as string))) {
    fail(`field "preprocessing.data" must be an object whose "format" is one of ${DATA_FORMATS.join(', ')}`);
  }
}

/** Check a parsed model document field by field and build the network; errors name the layer and field. */
export function modelFromJson(doc: unknown, source = 'model'): { net: Network; meta: ModelMeta; json: ModelJson } {
  const fail = (msg: string): never => { throw new ModelFileError(`${source}: ${msg}`); };
  if (!isObject(doc)) fail('is not a JSON object');
  const d = doc as Record<string, unknown>;
  if (d.format !== MODEL_FORMAT) fail(`field "format" must be "${MODEL_FORMAT}", got ${JSON.stringify(d.format)}`);
  if (d.version !== MODEL_VERSION) fail(`field "version" must be ${MODEL_VERSION}, got ${JSON.stringify(d.version)} (this backprop reads version ${MODEL_VERSION})`);
  const inputSize = d.inputSize;
  if (!Number.isInteger(inputSize) || (inputSize as number) < 1) fail(`field "inputSize" must be a whole number >= 1, got ${JSON.stringify(inputSize)}`);
  const task = d.task;
  if (task !== 'binary' && task !== 'multiclass' && task !== 'regression') fail(`field "task" must be "binary", "multiclass" or "regression", got ${JSON.stringify(task)}`);
  let classes: string[] | undefined;
  if (d.classes !== undefined) {
    if (!Array.isArray(d.classes) || d.classes.some((c) => typeof c !== 'string' && typeof c !== 'number')) fail('field "classes" must be an array of class names');
    classes = (d.classes as unknown[]).map(String);
    const twice = classes.find((c, i) => classes!.indexOf(c) !== i);
    if (twice !== undefined) fail(`field "classes" names class ${JSON.stringify(twice)} twice`);
  }
  const dtype = d.dtype ?? 'float32';
  if (dtype !== 'float32' && dtype !== 'float64') fail(`field "dtype" must be "float32" or "float64", got ${JSON.stringify(dtype)}`);
  if (d.loss !== undefined && !LOSS_NAMES.includes(d.loss as LossName)) fail(`field "loss" must be one of ${LOSS_NAMES.join(', ')}, got ${JSON.stringify(d.loss)}`);
  if (!Array.isArray(d.layers) || d.layers.length === 0) fail('field "layers" must be a non-empty array');
  const layers = d.layers as unknown[];
  let nPrev = inputSize as number;
  layers.forEach((layer, i) => {
    const where = `layer ${i + 1}`;
    if (!isObject(layer)) fail(`${where} is not an object`);
    const L = layer as Record<string, unknown>;
    if (!Number.isInteger(L.units) || (L.units as number) < 1) fail(`${where}: field "units" must be a whole number >= 1, got ${JSON.stringify(L.units)}`);
    const units = L.units as number;
    if (!ACTIVATION_NAMES.includes(L.activation as ActivationName)) fail(`${where}: field "activation" must be one of ${ACTIVATION_NAMES.join(', ')}, got ${JSON.stringify(L.activation)}`);
    if (L.alpha !== undefined && !(typeof L.alpha === 'number' && Number.isFinite(L.alpha) && L.alpha >= 0)) fail(`${where}: field "alpha" must be a number >= 0`);
    if (!Array.isArray(L.W) || L.W.length !== units) fail(`${where}: field "W" must have ${units} rows (units), got ${Array.isArray(L.W) ? L.W.length : typeof L.W}`);
    (L.W as unknown[]).forEach((row, r) => {
      if (!Array.isArray(row) || row.length !== nPrev) fail(`${where}: field "W" row ${r + 1} must have ${nPrev} numbers (n[${i}] = ${i === 0 ? 'inputSize' : `units of layer ${i}`}), got ${Array.isArray(row) ? row.length : typeof row}`);
      (row as unknown[]).forEach((v, c) => { if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${where}: field "W" row ${r + 1} column ${c + 1} is not a finite number (${JSON.stringify(v)})`); });
    });
    if (!Array.isArray(L.b) || L.b.length !== units) fail(`${where}: field "b" must have ${units} numbers (units), got ${Array.isArray(L.b) ? L.b.length : typeof L.b}`);
    (L.b as unknown[]).forEach((v, r) => { if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${where}: field "b" entry ${r + 1} is not a finite number (${JSON.stringify(v)})`); });
    if (L.activation === 'softmax' && i < layers.length - 1) fail(`${where}: softmax is only allowed on the output layer`);
    nPrev = units;
  });
  const out = layers[layers.length - 1] as LayerJson;
  if (task === 'binary' && !((out.units === 1) || (out.units === 2 && out.activation === 'softmax'))) {
    fail(`task "binary" needs an output layer of 1 unit (sigmoid) or 2 softmax units, got ${out.units} ${out.activation} units`);
  }
  if (task === 'multiclass' && out.units < 2) fail(`task "multiclass" needs an output layer of at least 2 units, got ${out.units}`);
  if (classes && task !== 'regression') {
    const k = out.units === 1 ? 2 : out.units;
    if (classes.length !== k) fail(`field "classes" has ${classes.length} names but the output layer gives ${k} classes`);
  }
  const json = d as unknown as ModelJson;
  const net = new Network({
    inputSize: inputSize as number,
    dtype: dtype as DType,
    loss: json.loss,
    init: 'zeros',
    warn: () => {},
    layers: json.layers.map((l) => ({ units: l.units, activation: l.alpha !== undefined ? { name: l.activation, alpha: l.alpha } : l.activation })),
  });
  json.layers.forEach((l, i) => {
    net.W(i + 1).copyFrom(Matrix.from(l.W, dtype as DType));
    net.b(i + 1).copyFrom(Matrix.column(l.b, dtype as DType));
  });
  if (json.preprocessing !== undefined) checkPreprocessing(json.preprocessing, inputSize as number, fail);
  // features name the raw input columns, which may be fewer than inputSize after one-hot encoding
  if (json.features !== undefined && !Array.isArray(json.features)) fail('field "features" must be an array of names');
  return {
    net,
    json,
    meta: { task: task as Task, classes, features: json.features, preprocessing: json.preprocessing, training: json.training },
  };
}

