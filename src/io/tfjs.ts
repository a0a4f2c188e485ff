// TensorFlow.js Layers format export and import: a directory with model.json (a Sequential
// topology and a weights manifest) and weights.bin (the weights as little-endian float32, one after
// another). A Dense layer computes A·kernel + bias with examples as rows, so kernel = W^T
// ([n_in, n_out]). leakyRelu is a linear Dense followed by a LeakyReLU layer; standardize/scale
// preprocessing is a Rescaling layer in front (x * (scale/std) - mean/std, per feature).

import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { ActivationName } from '../nn/activations.js';
import type { Model } from '../model/model.js';
import { checkReplaceable, writeFilesAtomic, writeIntoFolder } from './write-file.js';
import { DataError, ModelFileError, OptionError } from '../errors.js';
import { isObject } from '../util/json.js';
import { kindOf } from '../util/kind-of.js';
import { checkInput, readFileBounded } from '../data/files.js';
import { showPath } from './path-text.js';
import { parseJsonBytes } from '../util/json-text.js';
import {
  checkChain, checkSavedMetadata, exportMetadata, float32Bytes, importedModel, linearPreprocessing, readFloat32, toRows,
  type ImportedLayer, type ImportOptions, type LinearPreprocessing, checkExportOptions, checkImportOptions,
} from './interop.js';
import { checkExportableModel, checkExportPath, checkFileArgument } from './arguments.js';

export interface TfjsWeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32';
}

/** The model.json document of a TF.js Layers model. */
export interface TfjsModelJson {
  format: 'layers-model';
  generatedBy: string;
  convertedBy: null;
  modelTopology: { class_name: 'Sequential'; config: { name: string; layers: TfjsLayer[] }; keras_version: string; backend: string };
  weightsManifest: { paths: string[]; weights: TfjsWeightSpec[] }[];
  userDefinedMetadata?: Record<string, unknown>;
}

export interface TfjsLayer {
  class_name: string;
  config: Record<string, unknown>;
}

export interface ExportOptions {
  /** Write the model's preprocessing as a Rescaling layer (default true). */
  preprocessing?: boolean;
}

export const TFJS_WEIGHTS_FILE = 'weights.bin';

/** Names of our activations as TF.js Dense activations (leakyRelu has none: a LeakyReLU layer follows). */
const TFJS_ACTIVATION: Record<Exclude<ActivationName, 'leakyRelu'>, string> = {
  sigmoid: 'sigmoid', tanh: 'tanh', relu: 'relu', elu: 'elu', selu: 'selu', softmax: 'softmax', linear: 'linear',
};

// ---------------------------------------------------------------- export

/** The network as model.json + weights.bin contents. */
export function networkToTfjs(model: Model, options: ExportOptions = {}): { modelJson: TfjsModelJson; weights: Uint8Array } {
  checkExportableModel('networkToTfjs', model);
  checkExportOptions('networkToTfjs', options);
  const net = model.network;
  const withPrep = options.preprocessing ?? true;
  const prep = withPrep ? linearPreprocessing(model.preprocessing) : undefined;
  const layers: TfjsLayer[] = [];
  const specs: TfjsWeightSpec[] = [];
  const chunks: Uint8Array[] = [];
  const inputShape = { batch_input_shape: [null, net.inputSize] };
  if (prep) {
    // x' = (x * s - mean) / std = x * (s / std) + (-mean / std)
    const n = net.inputSize;
    const std = prep.std ?? new Array<number>(n).fill(1), mean = prep.mean ?? new Array<number>(n).fill(0);
    const scale = prep.mean ? std.map((s) => prep.scale / s) : prep.scale;
    const offset = prep.mean ? mean.map((m, k) => -m / std[k]!) : 0;
    layers.push({ class_name: 'Rescaling', config: { name: 'preprocessing', trainable: false, dtype: 'float32', scale, offset, ...inputShape } });
  }
  net.layers.forEach((layer, i) => {
    const l = i + 1;
    const a = layer.activation;
    if (a.name === 'elu' && a.alpha !== 1) {
      throw new OptionError(`TF.js: layer ${l} is elu with alpha ${a.alpha}, but TF.js supports elu with alpha 1 only; write it as ONNX instead`);
    }
    const name = `dense_${l}`;
    layers.push({
      class_name: 'Dense',
      config: {
        name, trainable: true, dtype: 'float32', units: layer.units,
        activation: a.name === 'leakyRelu' ? 'linear' : TFJS_ACTIVATION[a.name],
        use_bias: true,
        ...(l === 1 && !prep ? inputShape : {}),
      },
    });
    if (a.name === 'leakyRelu') layers.push({ class_name: 'LeakyReLU', config: { name: `leaky_re_lu_${l}`, trainable: true, dtype: 'float32', alpha: a.alpha } });
    // kernel = W^T, [n_in, n_out] row-major; the bias is b
    specs.push({ name: `${name}/kernel`, shape: [layer.inputSize, layer.units], dtype: 'float32' });
    chunks.push(float32Bytes(layer.W.transpose().data));
    specs.push({ name: `${name}/bias`, shape: [layer.units], dtype: 'float32' });
    chunks.push(float32Bytes(layer.b.data));
  });
  const weights = new Uint8Array(chunks.reduce((s, c) => s + c.length, 0));
  let offset = 0;
  for (const c of chunks) { weights.set(c, offset); offset += c.length; }
  const modelJson: TfjsModelJson = {
    format: 'layers-model',
    generatedBy: 'backprop',
    convertedBy: null,
    modelTopology: { class_name: 'Sequential', config: { name: 'backprop', layers }, keras_version: 'tfjs-layers (backprop export)', backend: 'tensor_flow.js' },
    weightsManifest: [{ paths: [TFJS_WEIGHTS_FILE], weights: specs }],
    userDefinedMetadata: { backprop: exportMetadata(model, withPrep) },
  };
  return { modelJson, weights };
}

/**
 * Refuse to replace files of another kind in the folder a TF.js model is written to: a model.json
 * that is not a TF.js model written by backprop (a project's own model.json, a model of another
 * tool), or a weights.bin that is not beside such a model.json. Missing or empty files pass.
 * Throws OutputError naming the file.
 */
export function checkTfjsTarget(dir: string): void {
  const jsonFile = path.join(dir, 'model.json');
  let ours = false;
  checkReplaceable(jsonFile, 'a TF.js model written by backprop', (head, whole) => {
    if (!head.includes('"backprop"')) return false;
    let doc: unknown;
    try {
      doc = parseJsonBytes(whole(), () => { throw new Error('not JSON'); });
    } catch {
      return false;
    }
    ours = isObject(doc) && doc.format === 'layers-model' && doc.generatedBy === 'backprop';
    return ours;
  });
  if (!ours) checkReplaceable(path.join(dir, TFJS_WEIGHTS_FILE), 'the weights of a TF.js model written by backprop (no model.json of ours beside it)', () => false);
}

/** Write DIR/model.json and DIR/weights.bin (the directory is created if needed). */
export async function saveTfjs(dir: string, model: Model, options: ExportOptions = {}): Promise<void> {
  checkFileArgument('saveTfjs', dir, 'dir');
  checkExportableModel('saveTfjs', model);
  checkExportOptions('saveTfjs', options);
  checkExportPath('saveTfjs', 'tfjs', dir, 'dir');
  checkTfjsTarget(dir);
  const { modelJson, weights } = networkToTfjs(model, options);
  // both or neither: a weights.bin of this model never sits beside the model.json of another
  await writeIntoFolder(dir, () => writeFilesAtomic([
    { file: path.join(dir, TFJS_WEIGHTS_FILE), content: weights },
    { file: path.join(dir, 'model.json'), content: JSON.stringify(modelJson) + '\n' },
  ]));
}

// ---------------------------------------------------------------- import

const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
/** A config value under its Python (snake_case) or TypeScript (camelCase) key. */
const field = (config: Record<string, unknown>, key: string): unknown => config[key] ?? config[camel(key)];

const ACTIVATIONS: Record<string, ActivationName> = {
  linear: 'linear', sigmoid: 'sigmoid', tanh: 'tanh', relu: 'relu', elu: 'elu', selu: 'selu', softmax: 'softmax',
};

/**
 * A backprop model from a parsed model.json and its weight files (read through `readFile`, given
 * the path in the manifest). Sequential models of Dense layers, with InputLayer, Activation,
 * LeakyReLU, ELU, ReLU and Softmax layers folded into the Dense before them, Dropout ignored and a
 * leading Rescaling layer read as preprocessing. Any other layer class is refused by name.
 */
export function tfjsToModel(doc: unknown, readFile: (file: string) => Uint8Array | ArrayBuffer, source = 'model.json', options: ImportOptions = {}): Model {
  checkImportOptions('tfjsToModel', options);
  // a readFile that is not a function failed inside with 'readFile is not a function'
  if (typeof readFile !== 'function') {
    // networkToTfjs's { modelJson, weights } given back as they are: "got a Uint8Array" did not say how to give its bytes
    const bytes = (readFile as unknown) instanceof Uint8Array || (readFile as unknown) instanceof ArrayBuffer;
    throw new OptionError(`tfjsToModel: readFile must be a function (path) => Uint8Array that reads a weight file the manifest names, got ${kindOf(readFile)}${bytes ? ` (the bytes of its one weights file, as networkToTfjs gives them: give () => weights, or (path) => readFileSync(join(folder, path)))` : ''}`);
  }
  const fail = (msg: string): never => { throw new ModelFileError(`${source}: ${msg}`); };
  const { d, layerList } = sequentialLayers(doc, fail);
  const weights = readWeights(d.weightsManifest, readFile, fail);
  const find = weightFinder(weights);

  const layers: ImportedLayer[] = [];
  let prep: LinearPreprocessing | undefined;
  let activated = false;      // the last Dense already has a non-linear activation
  const fold = (activation: ActivationName, where: string, alpha?: number) => {
    const last = layers[layers.length - 1];
    if (!last) fail(`${where} comes before any Dense layer`);
    if (activated && activation !== 'linear') fail(`${where} follows a Dense layer that already has an activation`);
    if (activation === 'linear') return;
    last!.activation = activation;
    if (alpha !== undefined) last!.alpha = alpha;
    activated = true;
  };

  for (const raw of layerList as unknown[]) {
    if (!isObject(raw)) fail('a layer is not an object');
    const layer = raw as Record<string, unknown>;
    const cls = String(field(layer, 'class_name'));
    const c = isObject(layer.config) ? layer.config : {};
    const name = String(c.name ?? cls);
    const where = `layer '${name}' (${cls})`;
    const activationOf = (value: unknown): ActivationName => {
      const a = ACTIVATIONS[String(value ?? 'linear')];
      if (!a) fail(`${where}: unsupported activation '${String(value)}' (supported: ${Object.keys(ACTIVATIONS).join(', ')})`);
      return a!;
    };
    switch (cls) {
      case 'InputLayer':
      case 'Dropout':
        break;
      case 'Rescaling': {
        if (layers.length > 0 || prep) fail(`${where}: only one Rescaling layer, in front of the first Dense layer, is supported`);
        prep = rescalingToPreprocessing(field(c, 'scale'), field(c, 'offset'), where, fail);
        break;
      }
      case 'Dense': {
        layers.push(denseLayer(name, c, where, find, fail));
        activated = false;
        fold(activationOf(c.activation), where);
        break;
      }
      case 'Activation':
        fold(activationOf(c.activation), where);
        break;
      case 'LeakyReLU':
        fold('leakyRelu', where, Number(c.alpha ?? c.negative_slope ?? 0.3));
        break;
      case 'ELU':
        fold('elu', where, Number(c.alpha ?? 1));
        break;
      case 'ReLU':
        if ((c.max_value ?? null) !== null || Number(c.negative_slope ?? 0) !== 0 || Number(c.threshold ?? 0) !== 0) fail(`${where}: only a plain ReLU (no max_value, negative_slope or threshold) is supported`);
        fold('relu', where);
        break;
      case 'Softmax':
        fold('softmax', where);
        break;
      default:
        fail(`unsupported TF.js layer class '${cls}' (${where}); backprop imports Sequential models of Dense layers with InputLayer, Activation, LeakyReLU, ELU, ReLU, Softmax, Dropout and Rescaling`);
    }
  }
  if (layers.length === 0) fail('no Dense layer found');
  checkAllUsed(weights, find, fail);
  checkChain(layers, inputSizeOf(layerList as unknown[], fail), source);
  // backprop's own metadata is checked (it was ignored when not an object, and its keys when of the wrong kind)
  const meta = isObject(d.userDefinedMetadata) && d.userDefinedMetadata.backprop !== undefined ? checkSavedMetadata(d.userDefinedMetadata.backprop, source, 'userDefinedMetadata.backprop') : undefined;
  return importedModel(layers, prep, meta, options, source);
}

/**
 * The input size the first layer that declares a shape (batch_input_shape or batch_shape) gives. Only
 * one vector per example ([null, n]) is read: with [null, 5, 2] a Dense layer applies to the last axis
 * of each of 5 rows (5 outputs per example), and it was imported as a model of 2 inputs.
 */
function inputSizeOf(layerList: unknown[], fail: (msg: string) => never): number | undefined {
  for (const raw of layerList) {
    const c = isObject(raw) && isObject(raw.config) ? raw.config : undefined;
    const shape = c && (field(c, 'batch_input_shape') ?? field(c, 'batch_shape'));
    if (!Array.isArray(shape)) continue;
    if (shape.length !== 2) fail(`the input shape is [${shape.map((n) => (n === null ? 'null' : String(n))).join(', ')}]: backprop imports models whose input is one vector per example ([null, n])`);
    return Number(shape[1]) || undefined;
  }
  return undefined;
}

/** Every weight of the manifest belongs to a layer: one left over is a topology edited apart from its weights. */
function checkAllUsed(weights: Map<string, unknown>, find: WeightFinder, fail: (msg: string) => never): void {
  const unused = [...weights.keys()].find((n) => !find.used.has(n));
  if (unused !== undefined) fail(`the weights manifest holds '${unused}', which no layer of the topology uses; the topology and the weights are not of one model`);
}

/** A layer's weight by kind; `used` is the manifest names found so far. */
type WeightFinder = ((layerName: string, kind: 'kernel' | 'bias') => { shape: number[]; values: Float32Array } | undefined) & { used: Set<string> };

/** The model.json document and its Sequential model's list of layers. */
function sequentialLayers(doc: unknown, fail: (msg: string) => never): { d: Record<string, unknown>; layerList: unknown[] } {
  if (isObject(doc) && doc.format === 'backprop-model') fail('is already a backprop model file');
  if (!isObject(doc) || !isObject(doc.modelTopology)) fail('not a TF.js Layers model (no "modelTopology")');
  const d = doc as Record<string, unknown>;
  let topology = d.modelTopology as Record<string, unknown>;
  if (isObject(topology.model_config)) topology = topology.model_config;
  const className = field(topology, 'class_name');
  if (className !== 'Sequential') fail(`unsupported TF.js model class '${String(className)}'; backprop imports Sequential models`);
  const config = topology.config;
  const layerList = Array.isArray(config) ? config : isObject(config) && Array.isArray(config.layers) ? config.layers : fail('the Sequential model has no "layers" list');
  return { d, layerList };
}

/** A layer's kernel or bias by its name in the manifest (exactly, or as the one name ending in it). */
function weightFinder(weights: Map<string, { shape: number[]; values: Float32Array }>): WeightFinder {
  const used = new Set<string>();
  const find = (layerName: string, kind: 'kernel' | 'bias') => {
    const exact = weights.has(`${layerName}/${kind}`) ? `${layerName}/${kind}` : undefined;
    const hits = exact ? [exact] : [...weights.keys()].filter((n) => n.endsWith(`/${layerName}/${kind}`));
    if (hits.length !== 1) return undefined;
    used.add(hits[0]!);
    return weights.get(hits[0]!);
  };
  return Object.assign(find, { used });
}

/** A Dense layer: W[l] = kernel^T (n[l] x n[l-1]) and its bias (zeros with use_bias false); linear until an activation is folded in. */
function denseLayer(name: string, c: Record<string, unknown>, where: string, find: WeightFinder, fail: (msg: string) => never): ImportedLayer {
  const kernel = find(name, 'kernel') ?? fail(`${where}: weight '${name}/kernel' not found in the weights manifest`);
  if (kernel.shape.length !== 2) fail(`${where}: the kernel must be 2-D, got [${kernel.shape.join(', ')}]`);
  const [nIn, units] = kernel.shape as [number, number];
  // the topology and the weights must tell one story: a units edited in one of them is a damaged file
  const declared = field(c, 'units');
  if (declared !== undefined && declared !== units) fail(`${where}: "units" is ${JSON.stringify(declared)} but its kernel has ${units} columns (shape [${kernel.shape.join(', ')}])`);
  const useBias = field(c, 'use_bias') !== false;
  const bias = find(name, 'bias');
  if (useBias && !bias) fail(`${where}: weight '${name}/bias' not found in the weights manifest`);
  // a bias the layer does not use would be dropped, silently: the file was edited in one place only
  if (!useBias && bias) fail(`${where}: "use_bias" is false, but the weights manifest holds a bias for it ('${name}/bias'); the topology and the weights disagree`);
  if (bias && bias.values.length !== units) fail(`${where}: the bias has ${bias.values.length} values for ${units} units`);
  return { W: toRows(kernel.values, units, nIn, true), b: bias ? Array.from(bias.values) : new Array<number>(units).fill(0), activation: 'linear', origin: where };
}

/**
 * The bytes readFile gives for a weight file, checked: undefined (a Map's get of a name it lacks)
 * or a string ended in "TypeError: Cannot read properties of undefined (reading 'length')". An
 * ArrayBuffer is taken as its bytes.
 */
function weightBytes(readFile: (file: string) => Uint8Array | ArrayBuffer, file: string): Uint8Array {
  const got: unknown = readFile(file);
  if (got instanceof Uint8Array) return got;
  if (got instanceof ArrayBuffer) return new Uint8Array(got);
  const hint = got instanceof Promise ? ' (readFile must not be async: read the files first, then give a function that returns their bytes)'
    : typeof got === 'string' ? ' (the file\'s bytes, not its text or name)' : '';
  throw new OptionError(`tfjsToModel: readFile(${JSON.stringify(file)}) returned ${kindOf(got)}; expected the bytes of that weight file as a Uint8Array${hint}`);
}

/** Every weight of the manifest by name: each group's files are concatenated, then cut in order. */
function readWeights(manifest: unknown, readFile: (file: string) => Uint8Array | ArrayBuffer, fail: (msg: string) => never): Map<string, { shape: number[]; values: Float32Array }> {
  const out = new Map<string, { shape: number[]; values: Float32Array }>();
  if (!Array.isArray(manifest)) fail('no "weightsManifest" list');
  for (const group of manifest as unknown[]) {
    if (!isObject(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) fail('a weightsManifest entry needs "paths" and "weights"');
    const g = group as { paths: unknown[]; weights: unknown[] };
    const parts = g.paths.map((p) => weightBytes(readFile, String(p)));
    const bytes = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
    let at = 0;
    for (const p of parts) { bytes.set(p, at); at += p.length; }
    checkGroupSize(g.weights, bytes.length, g.paths.join(', '), fail);
    let offset = 0;
    for (const w of g.weights) {
      if (!isObject(w) || typeof w.name !== 'string' || !Array.isArray(w.shape)) fail('a weight spec needs "name" and "shape"');
      const spec = w as { name: string; shape: number[]; dtype?: string; quantization?: unknown };
      if ((spec.dtype ?? 'float32') !== 'float32' || spec.quantization) fail(`weight '${spec.name}': only float32, unquantized weights are supported`);
      if (!spec.shape.every((d) => Number.isSafeInteger(Number(d)) && Number(d) >= 0)) fail(`weight '${spec.name}': the shape [${spec.shape.join(', ')}] must be whole numbers >= 0`);
      const count = spec.shape.reduce((a, b) => a * Number(b), 1);
      if (offset + 4 * count > bytes.length) fail(`weight '${spec.name}': the weight files end before its ${count} values (${bytes.length} bytes in ${g.paths.join(', ')})`);
      out.set(spec.name, { shape: spec.shape.map(Number), values: readFloat32(bytes, offset, count) });
      offset += 4 * count;
    }
    // bytes no weight spec accounts for: the manifest and the weight files are not of one model
    if (offset !== bytes.length) fail(`${g.paths.join(', ')}: ${bytes.length} bytes, but the weights of the manifest take ${offset}; the weight files do not belong to this model.json`);
  }
  return out;
}

/**
 * Weight files shorter than the manifest's shapes take: one edited shape ([3, 4] for [2, 4]) was
 * blamed on the weight read after it ("weight 'dense_2/kernel': the weight files end before its 4
 * values"). Say what the shapes take and what the files hold, listing the shapes.
 */
function checkGroupSize(weights: unknown[], held: number, files: string, fail: (msg: string) => never): void {
  const specs = weights.filter((w): w is { name: string; shape: unknown[] } => isObject(w) && typeof w.name === 'string' && Array.isArray(w.shape));
  const sizes = specs.map((w) => w.shape.reduce((a: number, d) => a * Number(d), 1));
  const need = 4 * sizes.reduce((a, b) => a + b, 0);
  if (specs.length !== weights.length || !Number.isSafeInteger(need) || need <= held) return; // (said per weight below)
  const shapes = specs.map((w) => `${w.name} [${w.shape.join(', ')}]`).join(', ');
  fail(`${files}: ${held} bytes, but the weight shapes of the manifest take ${need} (${shapes}): a shape in model.json was changed, or the weight file is cut short`);
}

/** x * scale + offset (scalars or one value per feature) as scale or standardize. */
function rescalingToPreprocessing(scale: unknown, offset: unknown, where: string, fail: (msg: string) => never): LinearPreprocessing {
  const list = (v: unknown, name: string): number[] => {
    const a = Array.isArray(v) ? v.map(Number) : [Number(v ?? (name === 'offset' ? 0 : 1))];
    if (a.some((x) => !Number.isFinite(x))) fail(`${where}: "${name}" must be a number or a list of numbers`);
    return a;
  };
  const s = list(scale, 'scale'), o = list(offset, 'offset');
  if (s.some((x) => x === 0)) fail(`${where}: "scale" has a zero entry`);
  if (s.length === 1 && o.length === 1 && o[0] === 0) return { scale: s[0]! };
  // x * s + o = (x - mean) / std with std = 1 / s, mean = -o / s (per feature, scalars broadcast)
  const n = Math.max(s.length, o.length);
  const at = (a: number[], k: number) => a[a.length === 1 ? 0 : k]!;
  if ((s.length !== 1 && s.length !== n) || (o.length !== 1 && o.length !== n)) fail(`${where}: "scale" and "offset" have different lengths`);
  return {
    scale: 1,
    std: Array.from({ length: n }, (_, k) => 1 / at(s, k)),
    mean: Array.from({ length: n }, (_, k) => -at(o, k) / at(s, k)),
  };
}

/** Read DIR/model.json (or the given model.json) and its weight files. */
export async function loadTfjs(file: string, options: ImportOptions = {}): Promise<Model> {
  checkFileArgument('loadTfjs', file);
  checkImportOptions('loadTfjs', options);
  const stat = asModelError(() => checkInput(file, 'any'));
  const jsonFile = stat.isDirectory() ? path.join(file, 'model.json') : file;
  const doc = parseJsonBytes(asModelError(() => readFileBounded(jsonFile)), (msg) => { throw new ModelFileError(`${showPath(jsonFile)}: ${msg}`); });
  const weightFiles = new Map<string, Uint8Array>();
  // the manifest names files relative to model.json; read them all up front
  for (const p of manifestPaths(doc)) {
    const f = weightFilePath(jsonFile, p);
    weightFiles.set(p, asModelError(() => readFileBounded(f), `${showPath(jsonFile)}: weights: `));
  }
  return tfjsToModel(doc, (p) => weightFiles.get(p)!, jsonFile, options);
}

/** The files an import of this TF.js model reads: model.json and the weight files its manifest names. */
export function tfjsInputFiles(file: string): string[] {
  const jsonFile = asModelError(() => checkInput(file, 'any')).isDirectory() ? path.join(file, 'model.json') : file;
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder().decode(asModelError(() => readFileBounded(jsonFile))));
  } catch {
    return [jsonFile];
  }
  return [jsonFile, ...manifestPaths(doc).map((p) => weightFilePath(jsonFile, p))];
}

/** The file names of a model.json's weights manifest, as written (relative to model.json). */
function manifestPaths(doc: unknown): string[] {
  if (!isObject(doc) || !Array.isArray(doc.weightsManifest)) return [];
  return (doc.weightsManifest as unknown[]).flatMap((g) => (isObject(g) && Array.isArray(g.paths) ? g.paths.map(String) : []));
}

/**
 * The weight file a manifest names, which must be inside the model's folder: a relative path
 * without '..' that, links resolved, stays in the folder (a manifest must not read /etc/passwd).
 */
export function weightFilePath(jsonFile: string, name: string): string {
  const fail = (why: string): never => { throw new ModelFileError(`${showPath(jsonFile)}: the weights manifest names ${JSON.stringify(name)}, ${why}; weight files must be in the folder of model.json`); };
  if (name === '' || path.isAbsolute(name) || /^[a-z][a-z0-9+.-]*:/i.test(name) || name.includes('\0')) fail('which is not a file name relative to model.json');
  if (name.split(/[\\/]/).includes('..')) fail("which goes up out of the model's folder ('..')");
  const dir = path.dirname(path.resolve(jsonFile));
  const f = path.join(dir, name);
  let real: string | undefined, realDir: string | undefined;
  try {
    real = realpathSync(f);
    realDir = realpathSync(dir);
  } catch {
    return f; // missing: readFileBounded says so
  }
  if (real !== realDir && !real.startsWith(realDir + path.sep)) fail(`which is a link to ${showPath(real)}, outside the model's folder`);
  return f;
}

/** Run a read; its DataError (what is wrong with the path) becomes a ModelFileError. */
function asModelError<T>(read: () => T, prefix = ''): T {
  try {
    return read();
  } catch (e) {
    throw e instanceof DataError ? new ModelFileError(prefix + e.message) : e;
  }
}
