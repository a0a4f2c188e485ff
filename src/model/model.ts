// A Model is what training produces and a user keeps: the Network, the preprocessing that turns
// the user's raw inputs into its X, and typed metadata (task, classes, feature names, the
// training record with the regularization and dropout it was trained with). predict, predictProba
// and evaluate take raw features, as scikit-learn's Pipeline and Keras' Model with a
// normalization layer do. No file access here: it runs in browsers too (files: model-file.ts).

import { modelDocument } from '../io/model-document.js';
import { Matrix } from '../tensor/matrix.js';
import { Network } from '../nn/network.js';
import type { Schedule } from '../optim/schedules.js';
import { transposedHint } from '../nn/example-layout.js';
import { foldInputScaling } from './build-network.js';
import { classPermutation, reorderOutputs } from './class-order.js';
import { DataError, ModelFileError, OptionError } from '../errors.js';
import { checkKnownKeys } from '../util/known-keys.js';
import { kindOf, kindOfFor } from '../util/kind-of.js';
import { COPY_MARK, fromAnotherCopy, thisCopy } from '../util/copy-mark.js';
import { MODEL_CLONE_GUARD } from '../util/clone-guard.js';
import { jsonValueText } from '../util/json.js';
import { evaluate as evaluateNetwork, labelsAt, predictClasses, type Evaluation } from '../train/predict.js';
import { networkInput, clonePreprocessing, checkPreprocessing, targetScales, type Preprocessing } from './preprocessing.js';
import { classNamesProblem, inferTask, outputMismatch, TASKS, type Task } from './task.js';
import { featuresProblem, modelPartsFromJson, modelToJson, type ModelJson } from '../io/model-json.js';
import { encodeRaw, labelIndices, type RawContext, type RawInput } from './raw-input.js';
import { checkObjectArgument } from '../util/arguments.js';
import { checkWarnOption, defaultWarn } from '../util/warn.js';
import { float32RoundedIntegers, float32Underflows, roundedIntegersText, underflowText } from '../data/float32-range.js';

/** How a model was trained: informative, except l1, l2 and keepProb, which resuming reuses. */
export interface TrainingRecord {
  /** The training data (a file or a built-in set). */
  data?: string;
  epochs?: number;
  optimizer?: string;
  learningRate?: number;
  /** The learning-rate decay from learningRate (TrainSpec.schedule), when there was one. */
  schedule?: Schedule;
  batchSize?: number;
  /** L1 and L2 regularization strengths. */
  l1?: number;
  l2?: number;
  /** Dropout keep probability of the hidden layers (1 = none). */
  keepProb?: number;
  seed?: number;
  finalCost?: number;
  seconds?: number;
  date?: string;
  [key: string]: unknown;
}

/** How a Model's predict, predictProba, predictClasses, evaluate, encode and input read raw input. */
export interface PredictOptions {
  /**
   * Told of what is read but worth a word, as loadDataset's `warn`: a number the model's float32 X
   * cannot hold (below 1.4e-45, or a whole number above 2^24), a column of CSV input the model does
   * not use, a label column left out. Default: Node's process warnings (the console in a browser);
   * `() => {}` silences them.
   */
  warn?: (message: string) => void;
  /**
   * CSV text only: whether its first line is a header. Default: as the model's training file was
   * (a model trained on a file with a header reads the text's columns by name); false reads the
   * columns by position, in the training file's order (the CLI's --no-header); true, for a model
   * trained without a header, skips the text's line 1 of names and reads by position (--header).
   */
  header?: boolean;
}

const PREDICT_OPTION_KEYS = ['warn', 'header'] as const satisfies readonly (keyof PredictOptions)[];

/** PredictOptions checked: the `warn` to use, and `header` when given. */
type ReadOptions = { warn: (message: string) => void; header?: boolean };

/** The options of reading raw input, checked, with the default `warn`. */
function predictOptions(options: PredictOptions | undefined, what: string): ReadOptions {
  if (options === undefined) return { warn: defaultWarn };
  if (options === null || typeof options !== 'object') throw new OptionError(`${what}: options must be an object such as { warn }, got ${kindOf(options)}`);
  checkKnownKeys(options, PREDICT_OPTION_KEYS, `${what}: options`, (m) => new OptionError(m));
  checkWarnOption(options.warn, `${what}: options.warn`);
  if (options.header !== undefined && typeof options.header !== 'boolean') throw new OptionError(`${what}: options.header must be true or false (whether CSV text's first line is a header), got ${kindOf(options.header)}`);
  return { warn: options.warn ?? defaultWarn, ...(options.header === undefined ? {} : { header: options.header }) };
}

/** What a model holds besides the network. */
export interface ModelMeta {
  task: Task;
  /** Class names in the order of the output units (classification). */
  classes?: string[];
  /** Names of the raw input features, in order. */
  features?: string[];
  preprocessing?: Preprocessing;
  training?: TrainingRecord;
}

/** Every key of ModelMeta. */
const META_KEYS = ['task', 'classes', 'features', 'preprocessing', 'training'] as const satisfies readonly (keyof ModelMeta)[];

/** A network and a meta object of known keys and a known task (new Model(net, { clases }) dropped the classes; a task 'foo' was kept). */
function checkModelArguments(network: Network, meta: ModelMeta): void {
  if (typeof network !== 'object' || network === null || !Array.isArray((network as { layers?: unknown }).layers)) {
    throw new OptionError(`Model: network must be a Network, got ${kindOf(network)}`);
  }
  if (typeof meta !== 'object' || meta === null) throw new OptionError(`Model: meta must be an object such as { task: 'binary' }, got ${kindOf(meta)}`);
  checkKnownKeys(meta, META_KEYS, 'Model meta', (m) => new OptionError(m));
  if (!TASKS.includes(meta.task)) throw new ModelFileError(`task must be one of ${TASKS.join(', ')}, got ${JSON.stringify(meta.task) ?? String(meta.task)}`);
}

/**
 * The data schema a model reads its files with must tell the task and the classes the model does:
 * classes in another order mapped each label to another output, and evaluate scored it silently.
 */
function schemaMismatch(data: Preprocessing['data'], task: Task, classes: readonly string[] | undefined): string | undefined {
  if (!data || typeof data !== 'object' || !('task' in data)) return undefined;
  if (data.task !== task) return `preprocessing.data.task is ${JSON.stringify(data.task)} but the model's task is ${JSON.stringify(task)}`;
  const read = 'classes' in data ? data.classes : undefined;
  if (task === 'regression' || !read || !classes) return undefined;
  if (read.length !== classes.length || read.some((c, k) => String(c) !== classes[k])) {
    return `preprocessing.data.classes (${read.join(', ')}) are not the model's classes (${classes.join(', ')}) in the same order: labels would be scored against other outputs`;
  }
  return undefined;
}

/**
 * A trained network with what it needs to predict from raw data: task, class names, feature names and
 * preprocessing (the model file in memory, see docs/model-format.md). `predict`, `predictProba` and
 * `evaluate` take raw rows, a table, CSV text or a Matrix of features; `Model.fromJson` / `toJson` read and write the file's document.
 */
export class Model {
  /** First, so that structuredClone(model) and postMessage refuse it saying what to post (util/clone-guard.ts). */
  protected readonly cloneGuard = MODEL_CLONE_GUARD;
  readonly network: Network;
  readonly task: Task;
  // The model's own; its getters give copies, as meta does: model.classes.sort() (for a display)
  // renamed its predictions, and a mean edited in model.preprocessing changed them, silently.
  readonly #classes?: string[];
  readonly #features?: string[];
  readonly #preprocessing: Preprocessing;
  readonly #training: TrainingRecord;

  /** Checks that the task, classes and preprocessing fit the network (ModelFileError naming the field). */
  constructor(network: Network, meta: ModelMeta) {
    checkModelArguments(network, meta);
    this.network = network;
    this.task = meta.task;
    if (meta.classes) {
      // as a model file's are read: names, or numbers kept as their names ('ab' failed inside on "classes.findIndex is not a function";
      // [0, 1] predicted the number 1, and a file of them read back '1')
      const given: unknown = meta.classes;
      if (!Array.isArray(given) || given.some((c) => c !== undefined && c !== null && typeof c !== 'string' && typeof c !== 'number')) {
        throw new ModelFileError(`classes must be an array of class names, one per output class, got ${jsonValueText(given)}`);
      }
      const problem = classNamesProblem(given);
      if (problem) throw new ModelFileError(`classes ${problem}`);
      this.#classes = given.map(String);
    }
    this.#preprocessing = clonePreprocessing(meta.preprocessing ?? {});
    if (meta.features !== undefined) {
      // checked here as loadModel checks them: a model saved with names that do not fit could not be loaded again
      const problem = featuresProblem(meta.features, network.inputSize, this.#preprocessing);
      if (problem) throw new ModelFileError(`features ${problem}`);
      this.#features = [...meta.features];
    }
    this.#training = { ...meta.training };
    const out = network.layers[network.depth - 1]!;
    const why = outputMismatch(this.task, { units: out.units, activation: out.activation.name }, network.loss.name, this.#classes);
    if (why) throw new ModelFileError(why);
    const schemaWhy = schemaMismatch(this.#preprocessing.data, this.task, this.#classes);
    if (schemaWhy) throw new ModelFileError(schemaWhy);
    const n = this.#preprocessing.standardize?.mean.length;
    if (n !== undefined && n !== network.inputSize) throw new ModelFileError(`preprocessing.standardize has ${n} values but the network has ${network.inputSize} inputs`);
    const k = this.#preprocessing.target && targetScales(this.#preprocessing.target).mean.length;
    if (k !== undefined && k !== out.units) throw new ModelFileError(`preprocessing.target scales ${k} target${k === 1 ? '' : 's'} but the output layer has ${out.units} unit${out.units === 1 ? '' : 's'}`);
    const names = this.targets;
    if (names && ((this.task !== 'regression' && this.task !== 'multilabel') || names.length !== out.units)) throw new ModelFileError(`preprocessing.data names ${names.length} targets (${names.join(', ')}) but the output layer is ${out.units} ${out.activation.name} unit${out.units === 1 ? '' : 's'}`);
  }

  /** Which copy of backprop made this model (util/copy-mark.ts): another copy's is refused by name. */
  get [COPY_MARK](): object {
    return thisCopy();
  }

  /** The class names, in the order of the outputs (classification): a copy. */
  get classes(): string[] | undefined {
    return this.#classes && [...this.#classes];
  }

  /** The feature names, one per input, when known: a copy. */
  get features(): string[] | undefined {
    return this.#features && [...this.#features];
  }

  /** How raw input becomes the network's X (CSV schema, fill values, scaling) and the target's scale: a copy. */
  get preprocessing(): Preprocessing {
    return clonePreprocessing(this.#preprocessing);
  }

  /** How the model was trained (data, epochs, optimizer, ...): a copy. */
  get training(): TrainingRecord {
    return structuredClone(this.#training);
  }

  /** The names of the targets, one per output, when the model was trained on several named columns (a multi-output regression, a multilabel's label columns). */
  get targets(): string[] | undefined {
    const data = this.#preprocessing.data;
    return data?.format === 'csv' && data.targets ? [...data.targets] : undefined;
  }

  /**
   * A model of a network built by hand: the task from its output layer unless given, the
   * preprocessing checked (the older {"method": "standardize", mean, std} form is read too), and the
   * network's L1/L2 strengths recorded in `training` unless given there, so that the model file
   * reads back a network with the same cost and gradients (modelFromJson reads training.l1 and l2).
   */
  static fromNetwork(network: Network, meta: Partial<Omit<ModelMeta, 'preprocessing'>> & { preprocessing?: unknown } = {}): Model {
    if (!isNetwork(network)) throw new OptionError(`Model.fromNetwork: network must be a Network (new Network({ inputSize, layers })), got ${kindOfFor(network, 'Network')}`);
    checkObjectArgument('Model.fromNetwork', 'meta', meta, 'an object such as { task, classes }');
    const out = network.layers[network.depth - 1]!;
    const task = meta.task ?? inferTask({ units: out.units, activation: out.activation.name }, network.loss.name);
    const preprocessing = meta.preprocessing === undefined ? undefined : checkPreprocessing(meta.preprocessing, network.inputSize);
    const { l1, l2 } = network.regularization;
    const training = { ...(l1 ? { l1 } : {}), ...(l2 ? { l2 } : {}), ...meta.training };
    return new Model(network, { ...meta, task, preprocessing, ...(Object.keys(training).length > 0 ? { training } : {}) });
  }

  /**
   * Check a model file's document field by field and build the model; errors name the source, layer
   * and field. `doc` is the parsed document, its JSON text (e.g. `await response.text()`), or its bytes
   * (`fs.readFileSync(path)`, `await response.arrayBuffer()`): UTF-8, or UTF-16 after a byte-order mark.
   */
  static fromJson(doc: unknown, source = 'model'): Model {
    // the one reader of model files' JSON (the same messages as loadModel's)
    return modelFromJson(modelDocument(doc, source), source);
  }

  /** The model file's JSON document (docs/model-format.md). */
  toJson(): ModelJson {
    return modelToJson(this);
  }

  /**
   * JSON.stringify(model) writes the model file's document, which Model.fromJson reads back (it wrote
   * the object's insides: typed arrays as {"0": ...} objects, ten times the size, that fromJson refused).
   */
  toJSON(): ModelJson {
    return modelToJson(this);
  }

  /** The network (the course's short name). */
  get net(): Network {
    return this.network;
  }

  /**
   * This model with its input scaling and standardization folded into its first layer (foldInputScaling):
   * its network takes the raw features, as a caller that feeds model.net itself needs (the playground
   * drew a standardized model's boundary where the model does not put it). The rest of its
   * preprocessing (a CSV schema, a regression target's scale) stays; predictions are the same.
   */
  withRawInputs(): Model {
    const { scale, standardize, ...rest } = this.preprocessing;
    const network = new Network({ ...this.network.toJSON(), warn: () => {} });
    if (scale !== undefined || standardize !== undefined) foldInputScaling(network, scale ?? 1, standardize);
    const { preprocessing: _folded, ...meta } = this.meta;
    return new Model(network, { ...meta, ...(Object.keys(rest).length > 0 ? { preprocessing: rest } : {}) });
  }

  /**
   * This classifier with its outputs in the order of `classes` (the same names as its own, in another
   * order): output unit j predicts classes[j], so a network fed by a caller who numbers the classes
   * that way (a data set of its own, the playground's) scores each label against its own class. A
   * model's classes matched by position instead scored a file's (b, a) against a model's (a, b).
   * Throws OptionError naming the classes on either side when they are not the same names.
   */
  withClassOrder(classes: readonly string[]): Model {
    if (this.task !== 'binary' && this.task !== 'multiclass') throw new OptionError(`withClassOrder: a ${this.task} model has no classes to reorder`);
    const own = this.#classes ?? Array.from({ length: this.task === 'binary' ? 2 : this.network.outputSize }, (_, k) => String(k));
    const from = classPermutation(own, Array.from(classes, String));
    const data = this.#preprocessing.data;
    // (a CSV schema reads labels by name: it follows the new order; an index file's labels are positions, which it would change)
    if (data && 'classes' in data && data.classes && data.format !== 'csv') throw new OptionError(`withClassOrder: the model reads ${data.format} labels as class indices; its classes cannot be reordered`);
    const network = new Network({ ...this.network.toJSON(), warn: () => {} });
    reorderOutputs(network, from);
    const meta = this.meta, order = from.map((k) => own[k]!);
    if (meta.preprocessing?.data && 'classes' in meta.preprocessing.data && meta.preprocessing.data.classes) meta.preprocessing.data.classes = order;
    return new Model(network, { ...meta, classes: order });
  }

  /**
   * Task, classes, features, preprocessing and training record, as the model file stores them: copies
   * (they were the model's own, so editing model.meta or model.toJson(), a renamed class or a mean,
   * changed what the model predicts).
   */
  get meta(): ModelMeta {
    return structuredClone({
      task: this.task,
      ...(this.#classes ? { classes: this.#classes } : {}),
      ...(this.#features ? { features: this.#features } : {}),
      ...(Object.keys(this.#preprocessing).length > 0 ? { preprocessing: this.#preprocessing } : {}),
      ...(Object.keys(this.#training).length > 0 ? { training: this.#training } : {}),
    });
  }

  private rawContext({ warn, header }: ReadOptions): RawContext {
    return { data: this.#preprocessing.data, inputSize: this.network.inputSize, task: this.task, classes: this.#classes, features: this.#features, outputs: this.network.outputSize, dtype: this.network.dtype, warn, ...(header === undefined ? {} : { header }) };
  }

  /** The L1/L2 strengths the network was trained with. */
  get regularization(): { l1: number; l2: number } {
    return { l1: this.network.regularization.l1, l2: this.network.regularization.l2 };
  }

  /** Dropout keep probability of the hidden layers during training (1 = none). */
  get keepProb(): number {
    return this.network.layers[0]!.keepProb;
  }

  /** Raw inputs -> the features before scaling (n_x x m): a CSV row's cells go through the model's CSV schema. */
  encode(raw: RawInput, options?: PredictOptions): Matrix {
    const X = encodeRaw(raw, this.rawContext(predictOptions(options, 'encode'))).X;
    if (X.rows !== this.network.inputSize) throw new DataError(`the input has ${X.rows} features per example but the model expects ${this.network.inputSize}${raw instanceof Matrix ? ` (a Matrix of features is n_x x m, one example per column)${transposedHint(X, this.network.inputSize)}` : ''}`);
    return X;
  }

  /** Raw inputs -> the network's X: encode, then x' = (x * scale - mean) / std. */
  input(raw: RawInput, options?: PredictOptions): Matrix {
    const read = predictOptions(options, 'input');
    return this.inNetworkType(networkInput(this.#preprocessing, this.encode(raw, read)), read.warn);
  }

  /**
   * X in the network's number type, every value finite: a value past float32's range (1e39, or one
   * that its scaling takes there) became Infinity, and the prediction NaN, blamed on the weights.
   */
  private inNetworkType(X: Matrix, warn: (message: string) => void): Matrix {
    const dtype = this.network.dtype;
    if (dtype === 'float32' && X.dtype === 'float64') warnFloat32(X, this.#features, warn);
    const Xd = X.dtype === dtype ? X : X.astype(dtype);
    const k = Xd.data.findIndex((v) => !Number.isFinite(v));
    if (k < 0) return Xd;
    const i = Math.floor(k / X.cols), j = k % X.cols, name = this.#features?.[i];
    const scaled = this.#preprocessing.scale !== undefined || this.#preprocessing.standardize !== undefined;
    throw new DataError(`the input of example ${j + 1}, feature ${i + 1}${name ? ` (${name})` : ''} is ${X.data[k]}${scaled ? ' after the model\'s scaling' : ''}, beyond the range of the ${dtype} numbers the model computes in (±${dtype === 'float32' ? '3.4e38' : '1.8e308'})`);
  }

  /** A[L] for raw inputs: P(class 1) per column for one sigmoid unit, class probabilities (k x m) for softmax, each label's probability (k x m) for multilabel, values for regression. */
  predictProba(raw: RawInput, options?: PredictOptions): Matrix {
    return this.network.predictProba(this.input(raw, predictOptions(options, 'predictProba')));
  }

  /** The class index of each example (classification). */
  predictClasses(raw: RawInput, options?: PredictOptions): Int32Array {
    if (this.task === 'regression') throw new DataError('predictClasses: a regression model predicts values, not classes; use predict');
    if (this.task === 'multilabel') throw new DataError('predictClasses: a multi-label model predicts several labels per example, not one class; use predict (0 or 1 per label) or predictProba (each label\'s probability)');
    return predictClasses(this.network, this.input(raw, predictOptions(options, 'predictClasses')));
  }

  /**
   * Per example: the class name (classification), the value (regression, one output) or the values
   * (several outputs); multilabel: a list of 0 or 1 per label, in the order of `classes` (the label
   * names), 1 where its probability is above 0.5, as scikit-learn's MLPClassifier.predict.
   */
  predict(raw: RawInput, options?: PredictOptions): string[] | number[] | number[][] {
    const read = predictOptions(options, 'predict');
    if (this.task === 'multilabel') {
      const L = labelsAt(this.predictProba(raw, read)), m = L.length / this.network.outputSize;
      return Array.from({ length: m }, (_, j) => Array.from({ length: this.network.outputSize }, (_, i) => L[i * m + j]!));
    }
    if (this.task !== 'regression') {
      const names = this.#classes ?? ['0', '1'];
      return Array.from(this.predictClasses(raw, read), (k) => names[k] ?? String(k));
    }
    const A = this.predictProba(raw, read);
    if (A.rows === 1) return Array.from(A.data);
    return Array.from({ length: A.cols }, (_, j) => Array.from({ length: A.rows }, (_, i) => A.data[i * A.cols + j]!));
  }

  /**
   * Cost and metrics on raw inputs. Labels: class names (or indices) / target values, one per
   * example; omitted when the raw input is a CSV table or text that holds the target column.
   */
  evaluate(raw: RawInput, labels?: readonly (string | number)[] | readonly (readonly number[])[] | Matrix, options?: PredictOptions): Evaluation {
    const read = predictOptions(options, 'evaluate'), { warn } = read;
    const encoded = encodeRaw(raw, this.rawContext(read), labels === undefined);
    let Y: Matrix;
    if (labels === undefined) {
      if (!encoded.Y) throw new DataError('evaluate: give the labels, or raw input that holds the target column');
      Y = encoded.Y;
    } else {
      // a string or an object failed inside on "labels.forEach is not a function" or a ShapeError of "1 x undefined"
      if (!(labels instanceof Matrix || Array.isArray(labels) || (ArrayBuffer.isView(labels) && !(labels instanceof DataView)))) {
        throw new OptionError(`evaluate: labels must be an array of one label per example (class names or indices, target values, or a list of values per example), or a Matrix, got ${kindOf(labels)}`);
      }
      Y = labels instanceof Matrix ? labels : labelIndices(labels, this.task, this.#classes);
    }
    if (Y.cols !== encoded.X.cols) throw new DataError(`evaluate: ${encoded.X.cols} examples but ${Y.cols} labels`);
    const k = this.network.outputSize;
    // (a ShapeError of the output layer's units: "Y is 1 x 1 but the output layer has 2 units")
    // (a labels Matrix of other rows was a ShapeError from inside: "Y is 2 x 1 but the output layer has 1 units")
    if (this.task !== 'regression' && Y.rows !== k && !(Y.rows === 1 && this.task !== 'multilabel')) {
      const wanted = this.task === 'multilabel' ? `${k} x m labels 0 or 1` : k === 1 ? '1 x m labels 0 or 1' : `1 x m class indices or ${k} x m one-hot columns`;
      throw new DataError(`evaluate: the labels Matrix is ${Y.shapeString}, but this ${this.task} model takes ${wanted} (one example per column)`);
    }
    if (this.task === 'regression' && Y.rows !== k) throw new DataError(`evaluate: the model predicts ${k} target${k === 1 ? '' : 's'}${this.targets ? ` (${this.targets.join(', ')})` : ''} per example, but the labels give ${Y.rows}; give ${k === 1 ? 'one value' : `a list of ${k} values`} per example, as predict returns them`);
    return evaluateNetwork(this.network, this.inNetworkType(networkInput(this.#preprocessing, encoded.X), warn), Y, this.task);
  }
}

/**
 * Numbers of a float64 X (rows given as numbers, a Matrix, scaled input) that the float32 network
 * cannot hold: those too small read as 0 (said once) and whole numbers above 2^24 rounded to others
 * (once per feature), as the file readers say them.
 */
function warnFloat32(X: Matrix, features: readonly string[] | undefined, warn: (message: string) => void): void {
  const m = X.cols, feature = (i: number) => `feature ${i + 1}${features?.[i] ? ` (${features[i]})` : ''}`;
  const { count, first } = float32Underflows(X.data);
  if (count > 0) warn(underflowText('the input', count, `${X.data[first]} in example ${(first % m) + 1}, ${feature(Math.floor(first / m))}`));
  for (const [i, r] of float32RoundedIntegers(X.data, (k) => Math.floor(k / m))) {
    warn(roundedIntegersText(`the input, ${feature(i)}`, r.count, `${X.data[r.first]} in example ${(r.first % m) + 1} read as ${Math.fround(X.data[r.first]!)}`));
  }
}

/** A Network, by shape (the class is imported for its type only here). */
function isNetwork(v: unknown): v is Network {
  const n = v as Network | null | undefined;
  // by shape, but not another copy's: its forward pass refused this copy's Matrix ('X must be a Matrix') at predict
  return typeof n === 'object' && n !== null && Array.isArray(n.layers) && n.layers.length > 0 && typeof n.inputSize === 'number' && typeof n.forward === 'function' && !fromAnotherCopy(n);
}

/** Check a parsed model document field by field and build the model; errors name the file, layer and field. */
export function modelFromJson(doc: unknown, source = 'model'): Model {
  const { network, meta } = modelPartsFromJson(doc, source);
  try {
    return new Model(network, meta);
  } catch (e) {
    throw e instanceof ModelFileError ? new ModelFileError(`${source}: ${e.message}`) : e;
  }
}
