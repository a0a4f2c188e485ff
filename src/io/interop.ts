// What the ONNX and TF.js converters share: the preprocessing they can express as graph
// operations, the backprop metadata they carry along, and how an imported chain of dense layers
// becomes a backprop model (task and classes inferred from the output layer).

import { MODEL_FORMAT, MODEL_VERSION, type LayerJson, type ModelJson } from './model-json.js';
import { modelFromJson, type Model } from '../model/model.js';
import type { Preprocessing } from '../model/preprocessing.js';
import { classNamesProblem, inferTask, TASKS, TASKS_TEXT, type Task } from '../model/task.js';
import { isObject, jsonValueText } from '../util/json.js';
import { checkKnownKeys } from '../util/known-keys.js';
import { kindOf } from '../util/kind-of.js';
import type { ActivationName } from '../nn/activations.js';
import { ModelFileError, OptionError } from '../errors.js';

/**
 * The affine preprocessing of a model file, x' = (x * scale - mean) / std per input feature
 * ("scale" first, as the data readers multiply raw values by it, then "standardize").
 */
export interface LinearPreprocessing {
  scale: number;
  mean?: number[];
  std?: number[];
}

/**
 * The model's preprocessing as scale/mean/std, or undefined when there is none. Its "data" entry
 * (how a file becomes features: CSV columns, image size) happens before the network input, and
 * "target" is already folded into the output layer: both are only carried along.
 */
export function linearPreprocessing(p: Preprocessing | undefined): LinearPreprocessing | undefined {
  if (!p || (p.scale === undefined && !p.standardize)) return undefined;
  return { scale: p.scale ?? 1, ...(p.standardize ? { mean: p.standardize.mean, std: p.standardize.std } : {}) };
}

/** The model file's "preprocessing" field for scale/mean/std. */
export function preprocessingJson(p: LinearPreprocessing): Preprocessing {
  return {
    ...(p.scale !== 1 ? { scale: p.scale } : {}),
    ...(p.mean && p.std ? { standardize: { mean: p.mean, std: p.std } } : {}),
  };
}

/** What an exported file carries along for a later import (task, class names, feature names, preprocessing). */
export function exportMetadata(model: Model, withPreprocessing: boolean): Record<string, unknown> {
  const net = model.network, meta = model.meta;
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    ...(meta.task ? { task: meta.task } : {}),
    ...(meta.classes ? { classes: meta.classes } : {}),
    ...(meta.features ? { features: meta.features } : {}),
    ...(withPreprocessing && meta.preprocessing ? { preprocessing: meta.preprocessing } : {}),
    describe: net.describe(),
  };
}

/** One imported dense layer: W is n[l] x n[l-1] as in the course. */
export interface ImportedLayer {
  W: number[][];
  b: number[];
  activation: ActivationName;
  alpha?: number;
  /** Where it came from, for error messages ("node 'gemm_1'", "layer 'dense_2'"). */
  origin: string;
}

export interface ImportOptions {
  /** Class names, overriding those found in the file. */
  classes?: string[];
}

/**
 * The options of loadOnnx, onnxToModel, loadTfjs and tfjsToModel, checked before any file is read:
 * class names that are not distinct (['a', 'a']) would name two outputs alike.
 */
export function checkImportOptions(fn: string, options: unknown): asserts options is ImportOptions {
  if (!isObject(options)) throw new OptionError(`${fn}: options must be an object, got ${kindOf(options)}`);
  checkKnownKeys(options, ['classes'], fn, (m) => new OptionError(m));
  const { classes } = options;
  if (classes === undefined) return;
  if (!Array.isArray(classes) || classes.length < 2) throw new OptionError(`classes must name 2 or more classes, got ${jsonValueText(classes)}`, 'classes');
  const bad = classes.findIndex((c) => typeof c !== 'string');
  if (bad >= 0) throw new OptionError(`classes must be names (strings), got ${jsonValueText(classes[bad])} (class ${bad} of ${jsonValueText(classes)})`, 'classes');
  const problem = classNamesProblem(classes);
  if (problem) throw new OptionError(`classes ${problem}; give each class its own name`, 'classes');
}

/**
 * The options of networkToOnnx, saveOnnx, networkToTfjs and saveTfjs, checked before anything is
 * written: a typo ({ preprocesing: false }) was ignored, silently, and the preprocessing exported;
 * { preprocessing: 'no' } was taken as true (any value but undefined and false was).
 */
export function checkExportOptions(fn: string, options: unknown): asserts options is { preprocessing?: boolean } {
  if (!isObject(options)) throw new OptionError(`${fn}: options must be an object, got ${kindOf(options)}`);
  checkKnownKeys(options, ['preprocessing'], fn, (m) => new OptionError(m));
  const { preprocessing } = options;
  if (preprocessing !== undefined && typeof preprocessing !== 'boolean') {
    throw new OptionError(`${fn}: options.preprocessing must be true or false (write the model's preprocessing as operations or not), got ${jsonValueText(preprocessing)}`);
  }
}

const METADATA_KEYS = ['format', 'version', 'task', 'classes', 'features', 'preprocessing', 'describe'];

/**
 * The backprop metadata of an imported file (ONNX metadata_props 'backprop', TF.js
 * userDefinedMetadata.backprop), checked: it is backprop's own, so a value that is not what backprop
 * writes is refused naming the key and what was expected (it was ignored: a task of 'binry' or
 * classes of 5 became the inferred ones, preprocessing of "none" was dropped, silently). The metadata
 * is optional: a file without it imports with the task and classes inferred from the output layer.
 */
export function checkSavedMetadata(saved: unknown, source: string, where: string): Record<string, unknown> {
  const fail = (msg: string): never => {
    throw new ModelFileError(`${source}: the backprop metadata (${where}) ${msg}; fix it, or remove the entry to import the layers alone`);
  };
  if (!isObject(saved)) return fail(`must be a JSON object, got ${jsonValueText(saved)}`);
  const unknown = Object.keys(saved).find((k) => !METADATA_KEYS.includes(k));
  if (unknown !== undefined) fail(`has the unknown key ${JSON.stringify(unknown)}; expected ${METADATA_KEYS.join(', ')}`);
  const { format, version, task, classes, features, preprocessing, describe } = saved;
  if (format !== undefined && format !== MODEL_FORMAT) fail(`key "format" must be ${JSON.stringify(MODEL_FORMAT)}, got ${jsonValueText(format)}`);
  if (version !== undefined && !(Number.isInteger(version) && (version as number) >= 1 && (version as number) <= MODEL_VERSION)) {
    fail(`key "version" must be a whole number from 1 to ${MODEL_VERSION} (the versions this backprop reads), got ${jsonValueText(version)}`);
  }
  if (task !== undefined && !TASKS.includes(task as Task)) fail(`key "task" must be ${TASKS_TEXT}, got ${jsonValueText(task)}`);
  const names = (v: unknown) => Array.isArray(v) && Array.from(v).every((c) => typeof c === 'string');
  if (classes !== undefined && !names(classes)) fail(`key "classes" must be an array of class names (strings), got ${jsonValueText(classes)}`);
  if (features !== undefined && !names(features)) fail(`key "features" must be an array of feature names (strings), got ${jsonValueText(features)}`);
  if (preprocessing !== undefined && !isObject(preprocessing)) fail(`key "preprocessing" must be an object (a model file's "preprocessing"), got ${jsonValueText(preprocessing)}`);
  if (describe !== undefined && typeof describe !== 'string') fail(`key "describe" must be a string, got ${jsonValueText(describe)}`);
  return saved;
}

/** Build and check the backprop model for imported layers; `saved` is backprop metadata found in the file (checked by checkSavedMetadata). */
export function importedModel(
  layers: ImportedLayer[],
  preprocessing: LinearPreprocessing | undefined,
  saved: Record<string, unknown> | undefined,
  options: ImportOptions,
  source: string,
): Model {
  if (layers.length === 0) throw new ModelFileError(`${source}: no dense layer found`);
  const inputSize = layers[0]!.W[0]!.length;
  const layerJson: LayerJson[] = layers.map((l) => ({
    units: l.W.length,
    activation: l.activation,
    ...(l.alpha !== undefined ? { alpha: l.alpha } : {}),
    W: l.W,
    b: l.b,
  }));
  const last = layerJson[layerJson.length - 1]!;
  const savedTask = saved?.task;
  // (without metadata, several sigmoid units are a multi-label model, as Keras builds one: its loss is unknown)
  const task: Task = TASKS.includes(savedTask as Task) ? savedTask as Task : inferTask(last);
  let classes: string[] | undefined = Array.isArray(saved?.classes) ? (saved.classes as unknown[]).map(String) : undefined;
  if (task === 'multiclass' && !classes) classes = Array.from({ length: last.units }, (_, k) => String(k));
  if (options.classes) {
    if (task === 'regression') throw new OptionError(`classes: the imported model is a regression model (its output layer is ${last.units} ${last.activation} unit${last.units > 1 ? 's' : ''})`, 'classes');
    const k = last.units === 1 ? 2 : last.units;
    if (options.classes.length !== k) throw new OptionError(`classes: ${options.classes.length} names given but the output layer gives ${k} classes`, 'classes');
    classes = options.classes;
  }
  if (task === 'regression') classes = undefined;
  const features = Array.isArray(saved?.features) ? (saved.features as unknown[]).map(String) : undefined;
  const prep = renamedClasses(importedPreprocessing(preprocessing, saved?.preprocessing, inputSize), options.classes);
  const json: ModelJson = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    inputSize,
    task,
    ...(classes ? { classes } : {}),
    layers: layerJson,
    dtype: 'float32',
    ...(features ? { features } : {}),
    ...(prep && Object.keys(prep).length > 0 ? { preprocessing: prep } : {}),
    training: { importedFrom: source },
  };
  return modelFromJson(json, source);
}

/**
 * `classes` (--classes) rename the classes of the carried data schema too, index for index: the file's
 * own names there and the new ones on the model contradicted each other, and every import of a
 * backprop export with --classes was refused ('preprocessing.data.classes (0, 1) are not the model's
 * classes'). The data's labels are then read under the new names.
 */
function renamedClasses(prep: Preprocessing | undefined, classes: string[] | undefined): Preprocessing | undefined {
  const data = prep?.data;
  if (!classes || !prep || !data || !('classes' in data) || !Array.isArray(data.classes)) return prep;
  return { ...prep, data: { ...data, classes } } as Preprocessing;
}

/**
 * The preprocessing of an imported model. The graph's operations are what onnxruntime and TF.js
 * compute, so they decide: the metadata's exact (float64) scale/mean/std are taken only when they give
 * the graph's per-feature map x * a + c to float32 rounding. A Mul or Rescaling put in front of an
 * exported graph (or one taken out) was dropped for the metadata's, and every prediction differed from
 * onnxruntime's, silently. The metadata's "data" and "target" entries are carried along either way.
 */
function importedPreprocessing(graph: LinearPreprocessing | undefined, saved: unknown, n: number): Preprocessing | undefined {
  if (!isObject(saved)) return graph ? preprocessingJson(graph) : undefined;
  const savedPrep = saved as Preprocessing;
  if (sameAffineMap(graph, linearPreprocessing(savedPrep), n)) return savedPrep;
  const { scale: _scale, standardize: _standardize, ...carried } = savedPrep;
  return { ...carried, ...(graph ? preprocessingJson(graph) : {}) };
}

/** Whether two preprocessings give the same x * a + c per feature (a = scale / std, c = -mean / std) to float32 rounding. */
function sameAffineMap(p: LinearPreprocessing | undefined, q: LinearPreprocessing | undefined, n: number): boolean {
  const close = (x: number, y: number) => Math.abs(x - y) <= 1e-5 * Math.max(Math.abs(x), Math.abs(y)) || Math.max(Math.abs(x), Math.abs(y)) < 1e-30;
  const map = (p: LinearPreprocessing | undefined, k: number): [number, number] => {
    const scale = p?.scale ?? 1, std = p?.std?.[k] ?? 1, mean = p?.mean?.[k] ?? 0;
    return [scale / std, -mean / std];
  };
  for (let k = 0; k < n; k++) {
    const [a1, c1] = map(p, k), [a2, c2] = map(q, k);
    if (!close(a1, a2) || !close(c1, c2)) return false;
  }
  return true;
}

/** Check that each layer takes the previous layer's units as inputs. */
export function checkChain(layers: ImportedLayer[], inputSize: number | undefined, source: string): void {
  let nPrev = inputSize ?? layers[0]?.W[0]?.length;
  for (const l of layers) {
    const nIn = l.W[0]?.length ?? 0;
    if (nPrev !== undefined && nIn !== nPrev) throw new ModelFileError(`${source}: ${l.origin} takes ${nIn} inputs but receives ${nPrev}`);
    nPrev = l.W.length;
  }
}

/** Row-major values (rows x cols) as W rows. */
export function toRows(values: ArrayLike<number>, rows: number, cols: number, transpose = false): number[][] {
  const W: number[][] = [];
  if (!transpose) {
    for (let i = 0; i < rows; i++) W.push(Array.from({ length: cols }, (_, j) => values[i * cols + j]!));
  } else {
    // values is cols x rows: W[i][j] = values[j][i]
    for (let i = 0; i < rows; i++) W.push(Array.from({ length: cols }, (_, j) => values[j * rows + i]!));
  }
  return W;
}

/** Numbers as little-endian float32 bytes. */
export function float32Bytes(values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let k = 0; k < values.length; k++) view.setFloat32(4 * k, values[k]!, true);
  return bytes;
}

/** Little-endian float32 bytes as numbers. */
export function readFloat32(bytes: Uint8Array, offset: number, count: number): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, count * 4);
  const out = new Float32Array(count);
  for (let k = 0; k < count; k++) out[k] = view.getFloat32(4 * k, true);
  return out;
}
