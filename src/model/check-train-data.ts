// trainModel's data, checked on entry: a Dataset built by hand (not by loadDataset) with the wrong
// number of labels, no task, feature names that do not match its rows, or a schema that is not one
// the loaders returned failed deep inside (a TypeError, a NaN read past the end of Y, a model saved
// that loadModel then refused). Each mistake is a DataError or OptionError naming the field.

import { DataError, ModelFileError, OptionError } from '../errors.js';
import { Matrix } from '../tensor/matrix.js';
import { checkFinite } from '../tensor/finite.js';
import { kindOf } from '../util/kind-of.js';
import { givenText } from '../util/bounds.js';
import { repeatedName } from '../util/names.js';
import { checkPreprocessing } from './preprocessing.js';
import { classNamesProblem, TASKS } from './task.js';
import { indicatorProblem } from './multilabel.js';
import { DATASET_FIELDS, loadResultProblem, type Dataset } from '../data/synthetic.js';
import { checkKnownKeys } from '../util/known-keys.js';
import type { TrainData } from './spec.js';
import { classNames, SPEC_KEYS } from './resolve-spec.js';
import { examplesMismatch } from '../nn/example-layout.js';

/** The fields of trainModel's data. */
const TRAIN_DATA_FIELDS = ['train', 'schema', 'test', 'validation', 'source'] as const satisfies readonly (keyof TrainData)[];

/**
 * Every set of `data` (train, test, validation) and its schema, before anything is split or trained; `fn`
 * is named in the messages. Returns the data with what a hand-built Dataset may leave out: its name (the
 * messages said "undefined: ...") and a multiclass set's class names, '0' to 'k-1' from its Y (the
 * network had 2 outputs, whatever the labels; a test or validation set takes the training set's).
 */
export function checkTrainData(data: TrainData, fn = 'trainModel'): TrainData {
  const whole = wholeDataProblem(data, fn);
  if (whole) throw new OptionError(whole);
  checkKnownKeys(data, TRAIN_DATA_FIELDS, `${fn}: data`, (m) => new OptionError(m), 'field');
  checkDataset(data.train, `${fn}: data.train`);
  if (data.test !== undefined) checkDataset(data.test, `${fn}: data.test`);
  if (data.validation !== undefined) checkDataset(data.validation, `${fn}: data.validation`);
  if (data.schema !== undefined) checkSchema(data.schema, data.train.X.rows);
  for (const k of ['train', 'test', 'validation'] as const) if (data[k] !== undefined) checkMissingCellRows(data[k], data.schema, `${fn}: data.${k}`);
  const train = completed(data.train, 'data.train');
  const others = (['test', 'validation'] as const).filter((k) => data[k] !== undefined);
  return { ...data, train, ...Object.fromEntries(others.map((k) => [k, completed(data[k]!, `data.${k}`, train.classes, `${fn}: data.${k}`)])) };
}

/**
 * loadDataset's result, or a Dataset, given as the data itself ("data.train ... got undefined", and
 * tune's "got an object", did not say what to give): what to give instead, else undefined. tune's data
 * is { train, validation? } (no schema: its trials' models are not saved).
 */
export function wholeDataProblem(data: unknown, fn: string): string | undefined {
  if (data === null || typeof data !== 'object' || (data as { train?: unknown }).train !== undefined) return undefined;
  const given = data as Record<string, unknown>, tune = fn === 'tune';
  // trainModel(data, spec), the order of brain.js's train(data, options) and scikit-learn's fit(X, y) with options first: "data: unknown field 'layers'"
  const options = tune ? [] : SPEC_KEYS.filter((k) => given[k] !== undefined);
  if (options.length > 0) return `${fn}(spec, data) takes the training options first and the data second: its second argument holds options (${options.slice(0, 3).join(', ')})`;
  const shape = tune ? 'tune: options.data must be { train, validation? }' : `${fn}: data must be { train, schema?, test?, validation? }`;
  if (given.dataset !== undefined) return `${shape}, got loadDataset's result: give { train: result.dataset${tune ? '' : ', schema: result.schema'} }`;
  if (given.X !== undefined) return `${shape}, got a Dataset: give { train: dataset }`;
  return undefined;
}

/** trainModel(data) alone, the data where the options go: said with the refusal of the missing second argument (wholeDataProblem says the other order). */
export function dataFirst(spec: unknown): string {
  const looksLikeData = spec !== null && typeof spec === 'object' && ['train', 'dataset', 'X'].some((k) => k in spec);
  return looksLikeData ? ' (the first argument holds the data: trainModel(spec, data) takes the training options first, e.g. { layers: [16], epochs: 100 })' : '';
}

/**
 * A Dataset with a name, and a multiclass one with its class names (its own, the training set's, or
 * '0' to 'k-1' from Y's one-hot rows or largest index); a class index past the training set's classes is refused.
 */
function completed(d: Dataset, name: string, trainClasses?: string[], at?: string): Dataset {
  const named = typeof d.name === 'string' ? d : { ...d, name };
  if (d.task !== 'multiclass' || d.classes !== undefined) return named;
  if (!trainClasses) return { ...named, classes: classNames(d) };
  const k = trainClasses.length, top = d.unlabeled ? -1 : d.Y.rows > 1 ? d.Y.rows - 1 : Array.from(d.Y.data).reduce((a, v) => Math.max(a, v), 0);
  if (top >= k) throw new DataError(`${at}: Y holds the class index ${top}, but the training data has ${k} classes (indices 0 to ${k - 1})`);
  return { ...named, classes: trainClasses };
}

/** One Dataset: X and Y matrices with one example per column each, a task, one unique name per feature (when named). */
function checkDataset(d: Dataset | undefined, at: string): asserts d is Dataset {
  if (d === null || typeof d !== 'object') throw new OptionError(`${at} must be a Dataset { name, X, Y, task, featureNames, classes? } (as loadDataset returns it), got ${kindOf(d)}`);
  const result = loadResultProblem(d, at);
  if (result) throw new OptionError(result);
  checkKnownKeys(d, DATASET_FIELDS, at, (m) => new OptionError(m), 'field');
  for (const key of ['X', 'Y'] as const) {
    if (!(d[key] instanceof Matrix)) throw new OptionError(`${at} must be a Dataset (as loadDataset returns it): its ${key} must be a Matrix (${key === 'X' ? 'n_x x m' : 'outputs x m'}, one example per column), got ${kindOf(d[key])}`);
  }
  if (!(TASKS as readonly unknown[]).includes(d.task)) throw new DataError(`${at}.task must be one of ${TASKS.join(', ')}, got ${givenText(d.task)}`);
  if (d.Y.cols !== d.X.cols) {
    // feature names as many as X's rows say X's layout is right (X 2 x 400 beside 2 labels is short of labels, not transposed)
    const said = examplesMismatch(d.X, d.Y, { xChecked: Array.isArray(d.featureNames) && d.featureNames.length === d.X.rows });
    throw new DataError(`${at}: ${said}${said.includes(';') ? '' : '; give one label per example'}`);
  }
  // (before the labels are read as classes: an infinite class index made an array of that length; a predict file's Y is NaN)
  if (!d.unlabeled) checkFinite(d.Y, `${at}.Y`);
  // a regression's Y of k rows is k targets (a multi-output regression: k linear outputs)
  const classes: unknown = d.classes;
  if (d.task !== 'regression' && classes !== undefined && (!Array.isArray(classes) || classes.some((c) => typeof c !== 'string'))) {
    throw new DataError(`${at}.classes must be an array of class names (strings), got ${kindOf(classes)}`);
  }
  if (d.task === 'regression' && classes !== undefined) {
    throw new DataError(`${at}.classes names classes, but the task is regression (Y holds values, and a regression model has no classes): leave classes out, or give the task 'binary' or 'multiclass' with Y of class indices`);
  }
  if (d.task !== 'regression' && classes !== undefined) checkClassNames(d, classes as string[], at);
  if (d.task === 'multilabel') checkLabels(d, at);
  if (!d.unlabeled) checkClassLabels(d, at);
  checkNames(d, at);
  checkMissingCells(d, at);
}

/**
 * Dataset.missingCells (loadDataset's, or built by hand): flat indices f * m + j of X's cells, each a
 * whole number inside X and given once. Others were passed by: one past X (or negative, or 2.5) was
 * skipped without a word, so the cell kept the whole file's mean (the leak the field is there to undo).
 */
function checkMissingCells(d: Dataset, at: string): void {
  const cells: unknown = d.missingCells;
  if (cells === undefined) return;
  const size = d.X.rows * d.X.cols;
  if (!(cells instanceof Uint32Array) && !(Array.isArray(cells) && cells.every((c) => typeof c === 'number'))) {
    throw new DataError(`${at}.missingCells must be a Uint32Array of X's cells (flat indices f * m + j, as loadDataset gives them), got ${kindOf(cells)}`);
  }
  const seen = new Set<number>();
  for (const c of cells as ArrayLike<number> & Iterable<number>) {
    if (!(Number.isInteger(c) && c >= 0 && c < size)) throw new DataError(`${at}.missingCells holds ${givenText(c)}, not a cell of X (a whole number 0 to ${size - 1}: f * m + j for feature f of example j, X is ${d.X.shapeString})`);
    if (seen.has(c)) throw new DataError(`${at}.missingCells holds the cell ${c} twice (feature ${Math.floor(c / d.X.cols) + 1} of example ${(c % d.X.cols) + 1}); give each cell once`);
    seen.add(c);
  }
}

/**
 * The cells of missingCells are filled with number features' means: a cell of a one-hot feature's rows
 * was left NaN (it has no mean), and training failed on X without naming the field.
 */
function checkMissingCellRows(d: Dataset, schema: TrainData['schema'], at: string): void {
  if (!d.missingCells || schema?.format !== 'csv') return;
  const numberRows = new Set<number>();
  let f = 0;
  for (const feature of schema.features) {
    if (feature.type === 'number') numberRows.add(f);
    f += feature.type === 'number' ? 1 : feature.categories.length;
  }
  for (const c of d.missingCells) {
    const row = Math.floor(c / d.X.cols);
    if (!numberRows.has(row)) throw new DataError(`${at}.missingCells holds the cell ${c} (feature ${row + 1} of example ${(c % d.X.cols) + 1}), which is not a number feature's ('${d.featureNames?.[row] ?? row + 1}'); only number features' empty cells are filled with a mean`);
  }
}

/** One unique name per feature, when the Dataset names them. */
function checkNames(d: Dataset, at: string): void {
  const names: unknown = d.featureNames;
  if (names === undefined) return; // (the model's inputs then have no names)
  if (!Array.isArray(names) || names.some((n) => typeof n !== 'string')) throw new DataError(`${at}.featureNames must be an array of ${d.X.rows} strings (one per row of X), got ${kindOf(names)}`);
  if (names.length !== d.X.rows) throw new DataError(`${at}.featureNames names ${names.length} feature${names.length === 1 ? '' : 's'}, but X has ${d.X.rows} rows (one per feature)`);
  const twice = repeatedName(names);
  if (twice !== undefined) {
    const first = names.indexOf(twice);
    throw new DataError(`${at}.featureNames names '${twice}' twice (features ${first + 1} and ${names.indexOf(twice, first + 1) + 1}); each feature needs its own name`);
  }
}

/**
 * A classification's class names fit its labels: names as a model file needs them (each its own, none
 * empty, no two that print alike), two for a binary target, and one per class of Y. ['a', 'a'] or
 * three names for a binary target were reported as a "ModelFileError" once the network was built,
 * and a label past the names as a ShapeError of oneHot, neither naming data.train.classes.
 */
function checkClassNames(d: Dataset, classes: readonly string[], at: string): void {
  const problem = classNamesProblem(classes);
  if (problem) throw new DataError(`${at}.classes ${problem}`);
  const k = classes.length;
  if (d.task === 'multilabel' && k !== d.Y.rows) throw new DataError(`${at}.classes names ${k} labels, but Y has ${d.Y.rows} rows (one per label)`);
  if (d.task === 'binary' && k !== 2) throw new DataError(`${at}.classes names ${k} class${k === 1 ? '' : 'es'}, but a binary target has 2 (labels 0 and 1)`);
  if (d.task !== 'multiclass') return;
  if (d.Y.rows > 1 && d.Y.rows !== k) throw new DataError(`${at}.classes names ${k} classes, but Y is one-hot with ${d.Y.rows} rows (one per class)`);
  if (d.Y.rows > 1) return;
  let top = -Infinity;
  for (const v of d.Y.data) if (v > top) top = v;
  if (top >= k) throw new DataError(`${at}.classes names ${k} classes (indices 0 to ${k - 1}), but Y holds the class index ${top}`);
}

/**
 * A classification's Y as its task reads it: binary, one row of 0 or 1; multiclass, one row of class
 * indices 0, 1, 2... or one-hot columns (one 1 per example). Y of another shape or values failed after
 * the split on a ShapeError of the output layer, or trained on 2.5 as a label (binary), or as a class 0.5.
 */
function checkClassLabels(d: Dataset, at: string): void {
  const { Y } = d, m = Y.cols;
  if (d.task === 'binary') {
    if (Y.rows !== 1) throw new DataError(`${at}: a binary Y is 1 x m (0 or 1 per example), but Y is ${Y.shapeString}${Y.rows === 2 ? '; for one-hot columns of two classes give the task \'multiclass\'' : Y.rows > 2 ? '; one-hot columns are the task \'multiclass\', several 0/1 labels per example \'multilabel\'' : ''}`);
    const j = Y.data.findIndex((v) => v !== 0 && v !== 1);
    if (j >= 0) throw new DataError(`${at}.Y: example ${j + 1} is ${Y.data[j]}; a binary target is 0 or 1 (give the task 'multiclass' for class indices 0, 1, 2..., 'regression' for values)`);
  }
  if (d.task !== 'multiclass') return;
  if (Y.rows === 1) {
    const j = Y.data.findIndex((v) => !(Number.isInteger(v) && v >= 0));
    if (j >= 0) throw new DataError(`${at}.Y: example ${j + 1} is ${Y.data[j]}, not a class index (a whole number 0, 1, 2...); give the task 'regression' for values`);
    return;
  }
  for (let j = 0; j < m; j++) {
    let ones = 0;
    for (let i = 0; i < Y.rows; i++) {
      const v = Y.data[i * m + j]!;
      if (v !== 0 && v !== 1) throw new DataError(`${at}.Y: row ${i + 1} of example ${j + 1} is ${v}; a multiclass Y of ${Y.rows} rows is one-hot (one 1 per example, the rest 0), or give it as 1 x m class indices`);
      ones += v;
    }
    if (ones !== 1) throw new DataError(`${at}.Y: example ${j + 1} has ${ones} ones in its ${Y.rows} rows; a multiclass Y of ${Y.rows} rows is one-hot (one 1 per example): several labels per example are the task 'multilabel'`);
  }
}

/** A multi-label Y: two labels or more (one is a binary target), each 0 or 1 (unlabeled rows, a predict file's, aside). */
function checkLabels(d: Dataset, at: string): void {
  if (d.Y.rows < 2) throw new DataError(`${at}: a multilabel Y has one row per label, 2 or more, but Y is ${d.Y.shapeString}; one 0/1 label is the task binary`);
  const problem = d.unlabeled ? undefined : indicatorProblem(d.Y, d.classes);
  if (problem) throw new DataError(`${at}.Y: ${problem}`);
}

/** The schema is one the loaders returned (loadDataset's `schema`), checked as a model file's would be. */
function checkSchema(schema: unknown, inputSize: number): void {
  try {
    checkPreprocessing({ data: schema }, inputSize, 'trainModel: data.schema');
  } catch (e) {
    if (!(e instanceof ModelFileError)) throw e;
    const message = e.message.replaceAll('field "preprocessing.data": ', '').replaceAll('field "preprocessing.data" ', 'it ').replaceAll('field "preprocessing.data.', 'field "');
    throw new OptionError(`${message}; pass the schema that loadDataset returned with the training data`);
  }
}
