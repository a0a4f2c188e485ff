// trainModel's data, checked on entry: a Dataset built by hand (not by loadDataset) with the wrong
// number of labels, no task, feature names that do not match its rows, or a schema that is not one
// the loaders returned failed deep inside (a TypeError, a NaN read past the end of Y, a model saved
// that loadModel then refused). Each mistake is a DataError or OptionError naming the field.

import { DataError, ModelFileError, OptionError } from '../errors.js';
import { Matrix } from '../tensor/matrix.js';
import { kindOf } from '../util/kind-of.js';
import { givenText } from '../util/bounds.js';
import { repeatedName } from '../util/names.js';
import { checkPreprocessing } from './preprocessing.js';
import { classNamesProblem, TASKS } from './task.js';
import { indicatorProblem } from './multilabel.js';
import { DATASET_FIELDS, type Dataset } from '../data/synthetic.js';
import { checkKnownKeys } from '../util/known-keys.js';
import type { TrainData } from './spec.js';

/** The fields of trainModel's data. */
const TRAIN_DATA_FIELDS = ['train', 'schema', 'test', 'validation', 'source'] as const satisfies readonly (keyof TrainData)[];

/** Every set of `data` (train, test, validation) and its schema, before anything is split or trained; `fn` is named in the messages. */
export function checkTrainData(data: TrainData, fn = 'trainModel'): void {
  // loadDataset's result, or a Dataset, given as the data itself: "data.train ... got undefined" did not say what to give
  if (data.train === undefined) {
    const given = data as unknown as Record<string, unknown>;
    if (given.dataset !== undefined) throw new OptionError(`${fn}: data must be { train, schema?, test?, validation? }, got loadDataset's result: give { train: result.dataset, schema: result.schema }`);
    if (given.X !== undefined) throw new OptionError(`${fn}: data must be { train, schema?, test?, validation? }, got a Dataset: give { train: dataset }`);
  }
  checkKnownKeys(data, TRAIN_DATA_FIELDS, `${fn}: data`, (m) => new OptionError(m), 'field');
  checkDataset(data.train, `${fn}: data.train`);
  if (data.test !== undefined) checkDataset(data.test, `${fn}: data.test`);
  if (data.validation !== undefined) checkDataset(data.validation, `${fn}: data.validation`);
  if (data.schema !== undefined) checkSchema(data.schema, data.train.X.rows);
}

/** One Dataset: X and Y matrices with one example per column each, a task, one unique name per feature (when named). */
function checkDataset(d: Dataset | undefined, at: string): asserts d is Dataset {
  if (d === null || typeof d !== 'object') throw new OptionError(`${at} must be a Dataset { name, X, Y, task, featureNames, classes? } (as loadDataset returns it), got ${kindOf(d)}`);
  checkKnownKeys(d, DATASET_FIELDS, at, (m) => new OptionError(m), 'field');
  for (const key of ['X', 'Y'] as const) {
    if (!(d[key] instanceof Matrix)) throw new OptionError(`${at} must be a Dataset (as loadDataset returns it): its ${key} must be a Matrix (${key === 'X' ? 'n_x x m' : 'outputs x m'}, one example per column), got ${kindOf(d[key])}`);
  }
  if (!(TASKS as readonly unknown[]).includes(d.task)) throw new DataError(`${at}.task must be one of ${TASKS.join(', ')}, got ${givenText(d.task)}`);
  if (d.Y.cols !== d.X.cols) throw new DataError(`${at}: X has ${d.X.cols} examples (columns) but Y has ${d.Y.cols}; give one label per example`);
  // a regression's Y of k rows is k targets (a multi-output regression: k linear outputs)
  const classes: unknown = d.classes;
  if (d.task !== 'regression' && classes !== undefined && (!Array.isArray(classes) || classes.some((c) => typeof c !== 'string'))) {
    throw new DataError(`${at}.classes must be an array of class names (strings), got ${kindOf(classes)}`);
  }
  if (d.task !== 'regression' && classes !== undefined) checkClassNames(d, classes as string[], at);
  if (d.task === 'multilabel') checkLabels(d, at);
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
