// Seeded train/test split of a Dataset: stratified (per class) for classification, a plain shuffle
// for regression. The same seed always gives the same split; each side keeps the original order.

import { DataError, OptionError } from '../errors.js';
import { Matrix } from '../tensor/matrix.js';
import { Random } from '../tensor/random.js';
import { DATASET_FIELDS, type Dataset } from './synthetic.js';
import { isSingleLabel } from '../model/task.js';
import { kindOf } from '../util/kind-of.js';
import { checkKnownKeys } from '../util/known-keys.js';
import { givenText, seedProblem } from '../util/bounds.js';

export interface SplitOptions {
  /** Fraction of the examples that go to the test side, in (0, 1). */
  testFraction: number;
  seed?: number; // default 1
  /** Split each class separately (default true for classification). */
  stratify?: boolean;
}

/** The examples at the given indices (columns of X and Y), as a new Dataset. */
export function takeExamples(data: Dataset, indices: ArrayLike<number>, name = data.name): Dataset {
  const m = data.X.cols;
  if (typeof indices !== 'object' || indices === null || typeof indices.length !== 'number') throw new OptionError(`takeExamples: indices must be an array of example indices 0..${m - 1}, got ${kindOf(indices)}`);
  for (let k = 0; k < indices.length; k++) {
    const j = indices[k];
    // -1 read the last feature of the row before; 5 of 2 examples read NaN, silently
    if (!Number.isInteger(j) || j! < 0 || j! >= m) throw new OptionError(`takeExamples: indices[${k}] must be an example index 0..${m - 1} (a whole number), got ${String(j)}`);
  }
  const take = (M: Matrix) => {
    const out = new Matrix(M.rows, indices.length, undefined, M.dtype);
    for (let i = 0; i < M.rows; i++) {
      for (let k = 0; k < indices.length; k++) out.data[i * indices.length + k] = M.data[i * M.cols + indices[k]!]!;
    }
    return out;
  };
  const { missingCells, ...rest } = data;
  const cells = missingCells && takeMissingCells(missingCells, m, indices);
  return { ...rest, name, X: take(data.X), Y: take(data.Y), ...(cells ? { missingCells: cells } : {}) };
}

/** Dataset.missingCells (flat f * m + j) of the examples taken: column indices[k] becomes column k. */
function takeMissingCells(cells: Uint32Array, m: number, indices: ArrayLike<number>): Uint32Array | undefined {
  const columnsOf = new Map<number, number[]>(); // old column -> its new columns (an index may repeat)
  for (let k = 0; k < indices.length; k++) {
    const list = columnsOf.get(indices[k]!);
    if (list) list.push(k); else columnsOf.set(indices[k]!, [k]);
  }
  const out: number[] = [];
  for (const c of cells) {
    const f = Math.floor(c / m);
    for (const k of columnsOf.get(c % m) ?? []) out.push(f * indices.length + k);
  }
  return out.length > 0 ? Uint32Array.from(out).sort() : undefined;
}

/** trainTestSplit(data, options): a Dataset and an options object (a call as (X, Y, 0.2) said "got undefined"). */
function checkSplitArguments(data: unknown, options: unknown): void {
  const d = data as Partial<Dataset> | null;
  if (d === null || typeof d !== 'object' || !(d.X instanceof Matrix) || !(d.Y instanceof Matrix)) {
    throw new OptionError(`trainTestSplit: data must be a Dataset ({ X, Y, task, ... }, e.g. from synthetic(...) or loadDataset(...).dataset), got ${kindOf(data)}; call trainTestSplit({ X, Y, task }, { testFraction: 0.2 })`);
  }
  checkKnownKeys(d, DATASET_FIELDS, 'trainTestSplit: data', (m) => new OptionError(m), 'field');
  if (options === null || typeof options !== 'object' || options instanceof Matrix) {
    throw new OptionError(`trainTestSplit: options must be an object such as { testFraction: 0.2, seed: 1 }, got ${kindOf(options)}`);
  }
  checkKnownKeys(options, SPLIT_KEYS, 'trainTestSplit', (m) => new OptionError(m));
}

const SPLIT_KEYS = ['testFraction', 'seed', 'stratify'] as const satisfies readonly (keyof SplitOptions)[];

/**
 * The classes that have a single example in `data` (classification), by name: a split cannot hold
 * one out (trainTestSplit keeps it on the training side), and its per-class metrics rest on it alone.
 */
export function singleExampleClasses(data: Dataset): string[] {
  if (!isSingleLabel(data.task) || data.unlabeled) return [];
  const counts = new Map<number, number>();
  for (let j = 0; j < data.Y.cols; j++) counts.set(data.Y.data[j]!, (counts.get(data.Y.data[j]!) ?? 0) + 1);
  return [...counts].filter(([, n]) => n === 1).map(([k]) => k).sort((a, b) => a - b).map((k) => data.classes?.[k] ?? String(k));
}

/** The warning for singleExampleClasses, or undefined when there are none; `held` says what the split did. */
export function singleExampleWarning(source: string, data: Dataset, held: string): string | undefined {
  const names = singleExampleClasses(data);
  if (names.length === 0) return undefined;
  const listed = `${names.slice(0, 5).map((n) => `'${n}'`).join(', ')}${names.length > 5 ? `, ... ${names.length} in all` : ''}`;
  const which = names.length === 1 ? `class ${listed} has a single example` : `classes ${listed} have a single example each`;
  return `${source}: ${which} (count 1 of ${data.Y.cols}): ${held}, and per-class accuracy on one example means nothing; collect more examples of ${names.length === 1 ? 'it' : 'them'} or drop ${names.length === 1 ? 'it' : 'them'}`;
}

/** A seeded split of a data set into train and test (stratified for classes by default), by `options.testFraction`. */
export function trainTestSplit(data: Dataset, options: SplitOptions): { train: Dataset; test: Dataset } {
  checkSplitArguments(data, options);
  const f = options.testFraction;
  // a number, not one spelt in a string: '0.5' passed the comparison and split by coercion
  if (!(typeof f === 'number' && f > 0 && f < 1)) throw new OptionError(`trainTestSplit: testFraction must be between 0 and 1 (exclusive), got ${givenText(f)}`);
  const seedWrong = seedProblem(options.seed, 'trainTestSplit: options.seed');
  if (seedWrong) throw new OptionError(seedWrong);
  const rng = new Random(options.seed ?? 1);
  const m = data.X.cols;
  // (a multi-label Y is not stratified, as scikit-learn's train_test_split does not)
  const stratify = (options.stratify ?? true) && isSingleLabel(data.task);

  // Groups of example indices split separately: one per class, or everything.
  const groups = new Map<number, number[]>();
  for (let j = 0; j < m; j++) {
    const key = stratify ? data.Y.data[j]! : 0;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(j);
  }
  const test: number[] = [], train: number[] = [];
  for (const key of [...groups.keys()].sort((a, b) => a - b)) {
    const members = groups.get(key)!;
    rng.shuffle(members);
    let nTest = Math.round(members.length * f);
    if (stratify && members.length >= 2) nTest = Math.min(Math.max(nTest, 1), members.length - 1); // each class on both sides
    // a class of one example stays on the training side: with a fraction >= 0.5 it went to the test
    // side, and the network never saw the class it was then scored on
    else if (stratify) nTest = 0;
    // (a loop, not push(...): spreading a large array overflows the call stack)
    for (let k = 0; k < members.length; k++) (k < nTest ? test : train).push(members[k]!);
  }
  if (train.length === 0 || test.length === 0) {
    throw new DataError(`splitting ${m} examples with test fraction ${f} leaves the ${train.length === 0 ? 'training' : 'test'} set empty`);
  }
  const byIndex = (a: number, b: number) => a - b;
  return {
    train: takeExamples(data, train.sort(byIndex)),
    test: takeExamples(data, test.sort(byIndex)),
  };
}
