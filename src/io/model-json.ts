// The backprop model file as JSON: one document, readable by people and other programs
// (docs/model-format.md). W of each layer is n[l] rows of n[l-1] numbers (the course's W[l]),
// b is n[l] numbers. No file access here, so the browser can use it too (see model-file.ts).

import type { DType } from '../tensor/matrix.js';
import { Network } from '../nn/network.js';
import type { Model, ModelMeta, TrainingRecord } from '../model/model.js';
import { parsePreprocessing, type Preprocessing } from '../model/preprocessing.js';
import { classNamesProblem, TASKS, TASKS_TEXT, type Task } from '../model/task.js';
import { isObject, isStrings, jsonValueText } from '../util/json.js';
import { ACTIVATION_NAMES, takesAlpha, type ActivationName } from '../nn/activations.js';
import { LOSS_NAMES, unknownLoss, type LossName } from '../nn/losses.js';
import { ModelFileError, OptionError } from '../errors.js';
import { notOneOf, unknownKey } from '../util/known-keys.js';
import { kindOf, kindOfFor } from '../util/kind-of.js';
import { repeatedName } from '../util/names.js';
import { shorten } from '../data/csv-scan.js';
import { checkObjectArgument } from '../util/arguments.js';
import { foreignModelKind } from './model-document.js';

export const MODEL_FORMAT = 'backprop-model';
export const MODEL_VERSION = 1;

export type { Task };

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
  preprocessing?: Preprocessing;
  /** How the model was trained (options, final costs, date); l1, l2 and keepProb are read back. */
  training?: TrainingRecord;
}

/**
 * 'layer l: W holds NaN or infinite values' when a layer's weights are not all finite, else undefined:
 * the one rule of every writer of a model (model file, ONNX, TF.js), which wrote such weights to an
 * ONNX or TF.js file that predicted NaN for every example.
 */
export function nonFiniteWeights(layer: { W: { data: ArrayLike<number> }; b: { data: ArrayLike<number> } }, i: number): string | undefined {
  const bad = [layer.W, layer.b].find((M) => Array.prototype.some.call(M.data, (v: number) => !Number.isFinite(v)));
  return bad && `layer ${i + 1}: ${bad === layer.W ? 'W' : 'b'} holds NaN or infinite values`;
}

/** The model as the JSON document of its file. */
export function modelToJson(model: Model): ModelJson {
  checkObjectArgument('modelToJson', 'model', model, 'a Model (from trainModel, loadModel or Model.fromNetwork)');
  checkObjectArgument('modelToJson', 'model.network', model.network, 'a Network (model must be a Model)');
  const net = model.network, meta = model.meta;
  const json: ModelJson = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    inputSize: net.inputSize,
    task: meta.task,
    ...(meta.classes ? { classes: meta.classes } : {}),
    layers: net.layers.map((layer, i) => {
      // JSON has no NaN or Infinity (JSON.stringify writes null): such a file could never be read back
      const bad = nonFiniteWeights(layer, i);
      if (bad) throw new ModelFileError(`${bad}; a model with them is not saved`);
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
    ...(meta.preprocessing && Object.keys(meta.preprocessing).length > 0 ? { preprocessing: meta.preprocessing } : {}),
    ...(meta.training && Object.keys(meta.training).length > 0 ? { training: meta.training } : {}),
  };
  return json;
}

/**
 * The path of the first missing entry of an array in a document built in memory ('layers[0]',
 * 'preprocessing.standardize.mean[1]'), or undefined. The checks read arrays with forEach and
 * every, which skip holes: [, layer] failed on a TypeError, and a mean of [, 0] was taken as given
 * (each prediction NaN). JSON text has no holes; a document from JSON.parse passes.
 */
function firstHole(v: unknown, path: string, depth: number): string | undefined {
  if (depth > 12 || v === null || typeof v !== 'object') return undefined;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      if (!(i in v)) return `${path}[${i}]`;
      const inner = firstHole(v[i], `${path}[${i}]`, depth + 1);
      if (inner !== undefined) return inner;
    }
    return undefined;
  }
  if (Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null) return undefined;
  for (const [k, x] of Object.entries(v)) {
    const inner = firstHole(x, path ? `${path}.${k}` : k, depth + 1);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

/**
 * Check a parsed model document field by field and build its network and metadata (modelFromJson,
 * in model.ts, makes the Model of them); errors name the file, layer and field.
 */
export function modelPartsFromJson(doc: unknown, source = 'model'): { network: Network; meta: ModelMeta } {
  const fail = (msg: string): never => { throw new ModelFileError(`${source}: ${msg}`); };
  if (!isObject(doc)) return fail(`it holds ${kindOf(doc)}, not a model (a JSON object with "format": "backprop-model")`);
  // a Model or a Network given as the document was told 'field "format" ... is missing'
  const given = kindOfFor(doc, 'Model');
  if (doc.format === undefined && typeof doc.toJson === 'function') fail(`it is ${kindOf(doc)}, not a model file's document: to copy it, Model.fromJson(model.toJson())`);
  if (doc.format === undefined && given !== kindOf(doc)) fail(`it is ${given}, not a model file's document`);
  const hole = firstHole(doc, '', 0);
  if (hole !== undefined) fail(`${hole} is missing (a sparse array, as [1, , 3]); a model document gives every entry, as its JSON text would`);
  const header = checkHeader(doc, fail);
  if (!Array.isArray(doc.layers) || doc.layers.length === 0) fail('field "layers" must be a non-empty array');
  (doc.layers as unknown[]).forEach((layer, i, all) => checkLayer(layer, i, all.length, i === 0 ? header.inputSize : (all[i - 1] as LayerJson).units, header.dtype, fail));
  const json = doc as unknown as ModelJson;
  const preprocessing = json.preprocessing === undefined ? undefined : parsePreprocessing(json.preprocessing, header.inputSize, fail);
  // features name the raw input columns, which may be fewer than inputSize after one-hot encoding
  const problem = json.features === undefined ? undefined : featuresProblem(json.features, header.inputSize, preprocessing);
  if (problem) fail(`field "features" ${problem}`);
  if (json.training !== undefined && !isObject(json.training)) fail('field "training" must be an object');
  const training = json.training ?? {};
  const regularization = { l1: training.l1, l2: training.l2 };
  for (const [k, v] of Object.entries(regularization)) {
    if (v !== undefined && !(typeof v === 'number' && v >= 0 && Number.isFinite(v))) fail(`field "training.${k}" must be a number >= 0, ${got(v)}`);
  }
  const keepProb = training.keepProb;
  if (keepProb !== undefined && !(typeof keepProb === 'number' && keepProb > 0 && keepProb <= 1)) fail(`field "training.keepProb" must be in (0, 1], ${got(keepProb)}`);
  const net = networkOf(json, header.inputSize, header.dtype, regularization, keepProb as number | undefined, fail);
  net.setWeights(json.layers);
  return { network: net, meta: { task: header.task, classes: header.classes, features: json.features, preprocessing, training } };
}

/**
 * "features" names the network's inputs: one per input, the CSV schema's featureNames when it has
 * one (a list of another length labelled inputs wrongly and matched headers against the wrong
 * names). Only the playground's inputs are derived from fewer raw columns (x1, x2 -> x1², sin x1).
 * What is wrong with them, said after the word "features" (loadModel and the Model constructor), or undefined.
 */
export function featuresProblem(features: unknown, inputSize: number, p: Preprocessing | undefined): string | undefined {
  if (!isStrings(features)) return 'must be an array of names';
  const feature = repeatedName(features);
  if (feature !== undefined) return `names '${feature}' twice`;
  const data = p?.data as { format?: string; featureNames?: unknown } | undefined;
  if (data?.format === 'playground') return undefined;
  if (data?.format === 'csv' && Array.isArray(data.featureNames)) {
    const names = data.featureNames as unknown[];
    const same = features.length === names.length && features.every((f, i) => f === names[i]);
    return same ? undefined : `(${shorten(features.join(', '), 80)}) is not the CSV schema's "featureNames" (${shorten(names.join(', '), 80)}); they name the same inputs`;
  }
  if (features.length !== inputSize) return `names ${features.length} input${features.length === 1 ? '' : 's'}, but "inputSize" is ${inputSize}: one name per input`;
  return undefined;
}

/** The network of a checked model file; what the Network refuses (a loss that does not fit the output layer) is said of the file. */
function networkOf(json: ModelJson, inputSize: number, dtype: DType, regularization: { l1: unknown; l2: unknown }, keepProb: number | undefined, fail: (msg: string) => never): Network {
  try {
    return new Network({
      inputSize, dtype, loss: json.loss, init: 'zeros', warn: () => {},
      l1: regularization.l1 as number | undefined, l2: regularization.l2 as number | undefined,
      layers: json.layers.map((l, i) => ({
        units: l.units,
        activation: l.alpha !== undefined ? { name: l.activation, alpha: l.alpha } : l.activation,
        keepProb: i < json.layers.length - 1 ? keepProb ?? 1 : 1,
      })),
    });
  } catch (e) {
    if (!(e instanceof OptionError || e instanceof RangeError)) throw e;
    return fail(e.message.replace(/^Network: loss /, 'field "loss": '));
  }
}

/** The fields of a model file and of each of its layers (docs/model-format.md). */
const MODEL_FIELDS = ['format', 'version', 'inputSize', 'task', 'classes', 'layers', 'loss', 'dtype', 'features', 'preprocessing', 'training'] as const satisfies readonly (keyof ModelJson)[];
const LAYER_FIELDS = ['units', 'activation', 'alpha', 'W', 'b'] as const satisfies readonly (keyof LayerJson)[];

/**
 * A field this version does not know is refused, naming it: a misspelt "preprocessing" or "alpha"
 * would otherwise be dropped, and the model predict differently than it did when it was saved.
 */
function checkFields(object: Record<string, unknown>, known: readonly string[], where: string, of: string, fail: (msg: string) => never): void {
  const unknown = unknownKey(object, known);
  if (!unknown) return;
  fail(`${where}field ${JSON.stringify(unknown.key)} is not a field of ${of}${unknown.near ? ` (did you mean ${JSON.stringify(unknown.near)}?)` : ''}; the fields are ${known.join(', ')}`);
}

/** What a field holds, for an error: "got 3", or that it is missing (JSON has no undefined). */
function got(v: unknown): string {
  return v === undefined ? 'but the field is missing' : `got ${jsonValueText(v)}`;
}

/** format, version, inputSize, task, classes, dtype and loss. */
function checkHeader(d: Record<string, unknown>, fail: (msg: string) => never): { inputSize: number; task: Task; classes?: string[]; dtype: DType } {
  if (d.format !== MODEL_FORMAT) {
    const foreign = foreignModelKind(d);
    fail(foreign ? `not a backprop model file: it is ${foreign}` : `field "format" must be "${MODEL_FORMAT}", ${got(d.format)}`);
  }
  // a file of a newer version: what to do about it (it read as a damaged file)
  if (Number.isInteger(d.version) && (d.version as number) > MODEL_VERSION) fail(`field "version" is ${d.version}: the file was written by a newer backprop (this one reads version ${MODEL_VERSION}); upgrade backprop to read it`);
  if (d.version !== MODEL_VERSION) fail(`field "version" must be ${MODEL_VERSION}, ${got(d.version)} (this backprop reads version ${MODEL_VERSION})`);
  checkFields(d, MODEL_FIELDS, '', 'a backprop model file', fail);
  const inputSize = d.inputSize;
  if (!Number.isInteger(inputSize) || (inputSize as number) < 1) fail(`field "inputSize" must be a whole number >= 1, ${got(inputSize)}`);
  if (!TASKS.includes(d.task as Task)) fail(`field "task" must be ${TASKS_TEXT}, ${got(d.task)}`);
  let classes: string[] | undefined;
  if (d.classes !== undefined) {
    if (!Array.isArray(d.classes) || d.classes.some((c) => typeof c !== 'string' && typeof c !== 'number')) fail('field "classes" must be an array of class names');
    classes = (d.classes as unknown[]).map(String);
    const problem = classNamesProblem(classes);
    if (problem) fail(`field "classes" ${problem}`);
  }
  const dtype = d.dtype ?? 'float32';
  if (dtype !== 'float32' && dtype !== 'float64') fail(`field "dtype" must be "float32" or "float64", ${got(dtype)}`);
  if (d.loss !== undefined && !LOSS_NAMES.includes(d.loss as LossName)) fail(unknownLoss('field "loss"', d.loss));
  return { inputSize: inputSize as number, task: d.task as Task, ...(classes ? { classes } : {}), dtype: dtype as DType };
}

/** Layer i (0-based) of `count`, taking nPrev inputs: units, activation, alpha, W (units x nPrev) and b, all finite. */
function checkLayer(layer: unknown, i: number, count: number, nPrev: number, dtype: DType, fail: (msg: string) => never): void {
  const where = `layer ${i + 1}`;
  // a float32 model holds its weights in float32: beyond 3.4e38 a weight would become Infinity, silently
  const beyond = (v: number) => dtype === 'float32' && !Number.isFinite(Math.fround(v)) ? `${v}, beyond float32, the model's "dtype" (at most 3.4e38 in magnitude)` : undefined;
  const bad = (v: unknown) => (typeof v !== 'number' || !Number.isFinite(v) ? `not a finite number (${jsonValueText(v)})` : beyond(v));
  if (!isObject(layer)) fail(`${where} is not an object`);
  const L = layer as Record<string, unknown>;
  checkFields(L, LAYER_FIELDS, `${where}: `, 'a layer', fail);
  if (!Number.isInteger(L.units) || (L.units as number) < 1) fail(`${where}: field "units" must be a whole number >= 1, ${got(L.units)}`);
  const units = L.units as number;
  if (L.activation === undefined) fail(`${where}: field "activation" must be one of ${ACTIVATION_NAMES.join(', ')}, but the field is missing`);
  if (!ACTIVATION_NAMES.includes(L.activation as ActivationName)) fail(`${where}: ${notOneOf('field "activation"', L.activation, ACTIVATION_NAMES)}`);
  if (L.alpha !== undefined && !(typeof L.alpha === 'number' && Number.isFinite(L.alpha) && L.alpha >= 0)) fail(`${where}: field "alpha" must be a number >= 0, ${got(L.alpha)}`);
  if (L.alpha !== undefined && !takesAlpha(L.activation)) fail(`${where}: field "alpha" is for leakyRelu and elu only, and the activation is ${L.activation}`);
  if (!Array.isArray(L.W) || L.W.length !== units) fail(`${where}: field "W" must have ${units} rows (units), ${Array.isArray(L.W) ? `got ${L.W.length}` : got(L.W)}`);
  (L.W as unknown[]).forEach((row, r) => {
    if (!Array.isArray(row) || row.length !== nPrev) fail(`${where}: field "W" row ${r + 1} must have ${nPrev} numbers (n[${i}] = ${i === 0 ? 'inputSize' : `units of layer ${i}`}), got ${Array.isArray(row) ? row.length : typeof row}`);
    (row as unknown[]).forEach((v, c) => { const why = bad(v); if (why) fail(`${where}: field "W" row ${r + 1} column ${c + 1} is ${why}`); });
  });
  if (!Array.isArray(L.b) || L.b.length !== units) fail(`${where}: field "b" must have ${units} numbers (units), ${Array.isArray(L.b) ? `got ${L.b.length}` : got(L.b)}`);
  (L.b as unknown[]).forEach((v, r) => { const why = bad(v); if (why) fail(`${where}: field "b" entry ${r + 1} is ${why}`); });
  if (L.activation === 'softmax' && i < count - 1) fail(`${where}: softmax is only allowed on the output layer`);
}
