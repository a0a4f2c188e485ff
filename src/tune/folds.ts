// Cross-validation folds: stratified K-fold for classification (each class dealt round-robin
// over the folds after a seeded shuffle, as scikit-learn's StratifiedKFold(shuffle=True)), plain
// shuffled K-fold for regression. Each fold's validation part is one K-th of the examples.

import { DataError, OptionError } from '../errors.js';
import { Random } from '../tensor/random.js';
import { takeExamples } from '../data/split.js';
import type { Dataset } from '../data/synthetic.js';
import { isSingleLabel } from '../model/task.js';
import { givenText, seedProblem } from '../util/bounds.js';

/** The validation example indices of each fold (each sorted; together every example once). */
export function kFoldIndices(data: Dataset, k: number, seed = 1): number[][] {
  if (!Number.isInteger(k) || k < 2) throw new OptionError(`options.cv must be a whole number >= 2, got ${givenText(k)}`);
  const seedWrong = seedProblem(seed, 'kFolds: seed');
  if (seedWrong) throw new OptionError(seedWrong);
  const m = data.X.cols;
  if (k > m) throw new DataError(`{ cv: ${k} }: the data has only ${m} examples`);
  const stratify = isSingleLabel(data.task);
  const groups = new Map<number, number[]>();
  for (let j = 0; j < m; j++) {
    const key = stratify ? data.Y.data[j]! : 0;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(j);
  }
  const rng = new Random(seed);
  const folds: number[][] = Array.from({ length: k }, () => []);
  let next = 0; // continue the round-robin across classes, so the fold sizes differ by at most one
  for (const key of [...groups.keys()].sort((a, b) => a - b)) {
    const members = groups.get(key)!;
    rng.shuffle(members);
    for (const j of members) folds[next++ % k]!.push(j);
  }
  return folds.map((f) => f.sort((a, b) => a - b));
}

export interface Fold { train: Dataset; validation: Dataset }

/** The K (train, validation) pairs of a data set. */
export function kFolds(data: Dataset, k: number, seed = 1): Fold[] {
  const folds = kFoldIndices(data, k, seed);
  return folds.map((val, i) => {
    const inVal = new Uint8Array(data.X.cols);
    for (const j of val) inVal[j] = 1;
    const train: number[] = [];
    for (let j = 0; j < data.X.cols; j++) if (!inVal[j]) train.push(j);
    return { train: takeExamples(data, train, `${data.name} (fold ${i + 1} train)`), validation: takeExamples(data, val, `${data.name} (fold ${i + 1} validation)`) };
  });
}
