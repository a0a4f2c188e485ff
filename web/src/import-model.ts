// What importing a model file does to the page's settings: its features, layers, activation and
// regularization, and the data it fits (the set it was trained on, when the playground made it).

import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { Model, modelDocument as libraryModelDocument, modelFromJson, modelToJson, type ModelJson } from '../../src/index.js';
import { FEATURE_NAMES, isFeatureName } from './features.js';
import { CLASSIFICATION_SETS, REGRESSION_SETS, HIDDEN_ACTIVATIONS, LEARNING_RATES, MAX_LAYERS, MAX_UNITS, OPTIMIZERS, type Settings } from './settings.js';
import type { PlayData } from './data.js';
import { MAX_PAGE_CLASSES } from './csv-notes.js';

export interface Imported {
  json: ModelJson;
  settings: Settings;
  /** What the page changed or kept, for the message. */
  notes: string[];
  describe: string;
}

const setTask = (name: string) => (REGRESSION_SETS as readonly string[]).includes(name) ? 'regression'
  : name === 'spiral3' ? 'multiclass' : (CLASSIFICATION_SETS as readonly string[]).includes(name) ? 'binary' : undefined;

/** The page's settings for a model file (doc, read as JSON); throws a one-line reason it does not fit the page. */
export function importedSettings(doc: unknown, file: string, current: Settings, data: Pick<PlayData, 'task' | 'classes'>): Imported {
  const saved = modelFromJson(doc, file);
  // the page feeds the network x1, x2 as they are: a standardized model's (the command line's --standardize) was drawn and trained unstandardized
  const model = saved.withRawInputs(), { net, meta } = model;
  const scaled = saved.meta.preprocessing?.standardize !== undefined || saved.meta.preprocessing?.scale !== undefined;
  const pre = meta.preprocessing?.data;
  const named = meta.features ?? (pre?.format === 'playground' ? pre.features : undefined) ?? (net.inputSize === 2 ? ['x1', 'x2'] : undefined);
  if (!named) throw new Error(`it has ${net.inputSize} inputs without feature names; the page imports models of 2 inputs (x1, x2), or with "features" among ${FEATURE_NAMES.join(', ')}`);
  if (!named.every(isFeatureName) || named.length !== net.inputSize) {
    throw new Error(`its input features ${JSON.stringify(named ?? null)} are not ${net.inputSize} of the page's features (${FEATURE_NAMES.join(', ')})`);
  }
  const out = net.layers[net.layers.length - 1]!;
  // the page draws two classes from one sigmoid unit, ŷ = P(class 1): a softmax pair's first unit, P(class 0), was drawn and judged as ŷ (every verdict inverted)
  if (out.activation.name === 'softmax' && out.units === 2) throw new Error('its output is 2 softmax units for two classes; the page trains two classes with one sigmoid unit (ŷ = P(class 1)): import a model with a sigmoid output');
  // a sigmoid regression output is trained with cross-entropy on targets in [0, 1]; the page's regression targets are not (its first step failed in the worker)
  if (meta.task === 'regression' && out.activation.name !== 'linear') throw new Error(`its regression output is ${out.activation.name}; the page's regression targets are real values (the plane's go from -1 to 1): import a model with a linear output`);
  const hidden = net.layers.slice(0, -1);
  // (by its counts: a model of 50 hidden layers was written out layer by layer, a message of 600 characters)
  if (hidden.length > MAX_LAYERS || hidden.some((l) => l.units > MAX_UNITS)) {
    throw new Error(`the page shows up to ${MAX_LAYERS} hidden layers of up to ${MAX_UNITS} units; this model has ${hidden.length === 1 ? '1 hidden layer of' : `${hidden.length} hidden layers of up to`} ${Math.max(...hidden.map((l) => l.units))} units`);
  }
  const settings: Settings = { ...current, features: FEATURE_NAMES.filter((n) => named.includes(n)), hidden: hidden.map((l) => l.units) };
  if (settings.features.join() !== named.join()) throw new Error(`its features ${named.join(', ')} are not in the page's order (${FEATURE_NAMES.join(', ')})`);
  const notes = dataFor(meta, net.outputSize, settings, data);
  if (scaled) notes.push("its inputs' standardization is folded into the first layer's weights and biases (the page trains on the inputs as they are; its predictions are the model's)");
  // the regularization it was trained with goes on (the page offers one kind at a time)
  const { l1, l2 } = model.regularization;
  settings.regularization = l1 > 0 ? 'l1' : l2 > 0 ? 'l2' : 'none';
  settings.regRate = l1 > 0 ? l1 : l2 > 0 ? l2 : settings.regRate;
  if (l1 > 0 && l2 > 0) notes.push(`it was trained with L1 ${l1} and L2 ${l2}; the page keeps both while its rate is unchanged`);
  const acts = new Set(hidden.map((l) => l.activation.name));
  const first = hidden[0]?.activation.name;
  if (first && HIDDEN_ACTIVATIONS.includes(first)) settings.activation = first;
  if (acts.size > 1) notes.push(`its hidden layers use ${[...acts].join(', ')}; the page trains them as they are`);
  notes.push(...hyperparametersFor(meta.training ?? {}, settings));
  return { json: modelToJson(model), settings, notes, describe: net.describe() };
}

/**
 * The learning rate, optimizer and mini-batch size the file records, restored where the page offers them,
 * and what the page cannot carry on: its epochs and cost curve, the optimizer's running averages (the
 * import started at epoch 0 with the page's own rate and optimizer, without a word).
 */
function hyperparametersFor(trained: NonNullable<ReturnType<typeof modelFromJson>['meta']['training']>, settings: Settings): string[] {
  const restored: string[] = [], kept: string[] = [];
  const { learningRate: lr, optimizer: opt, batchSize: batch, epochs } = trained;
  const why = (v: unknown) => (v === undefined ? 'the file records none' : `it was trained with ${typeof v === 'number' ? v : JSON.stringify(v)}, not one of the page's`);
  if (typeof lr === 'number' && LEARNING_RATES.includes(lr)) { settings.learningRate = lr; restored.push(`learning rate ${lr}`); }
  else kept.push(`learning rate: ${why(lr)}, so the page uses its ${settings.learningRate}`);
  if (typeof opt === 'string' && (OPTIMIZERS as readonly string[]).includes(opt)) { settings.optimizer = opt as Settings['optimizer']; restored.push(`optimizer ${opt}`); }
  else kept.push(`optimizer: ${why(opt)}, so the page uses its ${settings.optimizer}`);
  if (Number.isInteger(batch) && batch! >= 1 && batch! <= 1000) { settings.batchSize = batch!; restored.push(`mini-batch ${batch}`); }
  const notes = [...(restored.length ? [`${restored.join(', ')} as it was trained`] : []), ...kept];
  // the page's epochs and cost curve are its own: a model file carries neither its curve nor the optimizer's running averages
  const averages = settings.optimizer === 'gd' ? '' : `, and ${settings.optimizer}'s running averages start at zero`;
  notes.push(`${typeof epochs === 'number' && epochs > 0 ? `it was trained ${epochs} epochs; ` : ''}the page counts from epoch 0 with a new cost curve${averages}`);
  return notes;
}

/** Point the settings at data that fits the model's output layer (task and number of classes). */
function dataFor(meta: ReturnType<typeof modelFromJson>['meta'], outputs: number, settings: Settings, data: Pick<PlayData, 'task' | 'classes'>): string[] {
  // the page's regression data has one target per point (a model of 2 outputs was taken, and its first step failed in the worker on "oneHot: label -0.2996 ... is not a class index")
  if (meta.task === 'regression' && outputs !== 1) throw new Error(`it has ${outputs} regression outputs; the page's regression data has one target per point (y)`);
  // (a model of 3 labels was switched to the 3 classes of 'spiral3' and trained on them as labels, silently)
  if (meta.task === 'multilabel') throw new Error(`it is a multi-label model (${outputs} sigmoid outputs, one per label); the page's data has one class per point`);
  const k = meta.classes?.length ?? (meta.task === 'multiclass' ? outputs : 2);
  const fits = meta.task === data.task && (meta.task !== 'multiclass' || data.classes?.length === k);
  const trained = (meta.training ?? {}) as { dataset?: unknown; noise?: unknown; trainRatio?: unknown; dataSeed?: unknown };
  if (typeof trained.dataset === 'string' && setTask(trained.dataset) === meta.task && (meta.task !== 'multiclass' || k === 3)) {
    // a model exported by the playground: back to the data it was trained on
    settings.problem = meta.task === 'regression' ? 'regression' : 'classification';
    settings.dataset = trained.dataset;
    if (typeof trained.noise === 'number') settings.noise = Math.max(0, Math.min(50, Math.round(trained.noise * 100)));
    if (typeof trained.trainRatio === 'number') settings.trainRatio = Math.max(10, Math.min(90, Math.round(trained.trainRatio * 100)));
    if (Number.isInteger(trained.dataSeed)) settings.dataSeed = trained.dataSeed as number;
    return [`data: '${trained.dataset}' as when it was trained`];
  }
  if (fits) return [];
  const next = meta.task === 'binary' ? 'circle' : meta.task === 'regression' ? 'plane' : k === 3 ? 'spiral3' : undefined;
  if (!next) {
    throw new Error(k > MAX_PAGE_CLASSES ? `it classifies ${k} classes; the page shows up to ${MAX_PAGE_CLASSES}`
      : `it classifies ${k} classes; load a CSV with ${k} classes first`);
  }
  settings.problem = meta.task === 'regression' ? 'regression' : 'classification';
  settings.dataset = next;
  return [`switched the data to '${next}' to match its ${meta.task} output`];
}

/** The class names of a model or of the page's data, '0' to 'k-1' when it names none (the built-in sets). */
const classNamesOf = (classes: readonly string[] | undefined, task: string, outputs: number) =>
  classes ? [...classes] : Array.from({ length: task === 'multiclass' ? outputs : 2 }, (_, k) => String(k));

/**
 * An imported classifier matched to the page's data by its classes' names: the model file names its classes
 * (a CSV's labels, in the command line's order), the data its own, and output unit j is drawn and trained
 * as the data's class j. The same names in another order: its outputs reordered by the library's
 * withClassOrder (a model of (b, a) was drawn with each class's colour on the other, silently). Other names:
 * kept by position, and the note says which is taken for which.
 */
export function matchClasses(json: ModelJson, data: Pick<PlayData, 'task' | 'classes'>): { json: ModelJson; note?: string } {
  if (json.task === 'regression' || json.task !== data.task) return { json };
  const outputs = json.layers[json.layers.length - 1]!.units;
  const own = classNamesOf(json.classes, json.task, outputs), theirs = classNamesOf(data.classes, data.task, data.classes?.length ?? outputs);
  if (own.length !== theirs.length || own.join('\u0000') === theirs.join('\u0000')) return { json };
  const list = (names: readonly string[]) => names.map((n) => `'${n}'`).join(', ');
  if ([...own].sort().join('\u0000') === [...theirs].sort().join('\u0000')) {
    try {
      return { json: Model.fromJson(json).withClassOrder(theirs).toJson(), note: `its classes matched to the data's by name (the file's order ${list(own)}; the data's ${list(theirs)})` };
    } catch (e) {
      // (a model that reads an index file's labels: its class order is its labels' meaning)
      return { json, note: `its classes ${list(own)} are the data's ${list(theirs)} in another order, and ${(e as Error).message.replace(/^withClassOrder: /, '')}: the page takes them by position` };
    }
  }
  const pairs = own.map((n, k) => `'${n}' as '${theirs[k]}'`).join(', ');
  return { json, note: `its classes (${list(own)}) are not the data's (${list(theirs)}): the page takes them by position, ${pairs}` };
}

/** Line and column (1-based) of a character offset in text. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

/** A one-line reason a model file is not JSON, with the line and column of the first error (jsonc-parser finds it; V8's message may not say). */
export function jsonProblem(text: string, e: SyntaxError): string {
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return `it is not JSON (${e.message})`;
  const what = printParseErrorCode(first.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const end = first.offset >= text.trimEnd().length;
  return `it is not JSON at ${lineColumn(text, first.offset)}: ${what}${end ? ' (the file ends before the JSON is complete)' : ''}`;
}

/**
 * A model file's JSON document, by the library's reader (the one rule of loadModel and Model.fromJson:
 * a Keras .h5 named as one, UTF-16 after a byte-order mark, an ONNX model's binary data); a JSON syntax
 * error says its line and column by jsonProblem. Its errors begin with the file's name.
 */
export function modelDocument(bytes: Uint8Array, file: string): unknown {
  return libraryModelDocument(bytes, file, jsonProblem);
}
