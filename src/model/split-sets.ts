// The three sets of a run: the test set (given, or a seeded, stratified fraction of the training
// data), and with early stopping a validation set (given, or a fraction of what is left).

import { DataError } from '../errors.js';
import { trainTestSplit } from '../data/split.js';
import type { Dataset } from '../data/synthetic.js';
import type { TrainData } from './spec.js';
import type { ResolvedSpec } from './resolve-spec.js';

export interface Sets {
  train: Dataset;
  test?: Dataset;
  validation?: Dataset;
}

export function splitSets(data: TrainData, s: ResolvedSpec): Sets {
  let train = data.train;
  const source = data.source ?? train.name;
  checkTwoClasses(train, source);
  let test = data.test;
  if (test && test.X.rows !== train.X.rows) {
    throw new DataError(`test data ${test.name}: ${test.X.rows} features per example, but the training data ${source} has ${train.X.rows}`);
  }
  if (!test && s.testSplit > 0) ({ train, test } = split(train, s.testSplit, s.seed, 'testSplit', source));
  let validation = data.validation;
  if (validation && validation.X.rows !== train.X.rows) {
    throw new DataError(`validation data ${validation.name}: ${validation.X.rows} features per example, but the training data ${source} has ${train.X.rows}`);
  }
  if (!validation && s.earlyStopping && s.validationSplit > 0) {
    ({ train, test: validation } = split(train, s.validationSplit, s.seed + 1, 'validationSplit', source));
  }
  return { train, ...(test ? { test } : {}), ...(validation ? { validation } : {}) };
}

/** A classifier needs examples of at least two classes. */
function checkTwoClasses(d: Dataset, source: string): void {
  if (d.task === 'regression') return;
  const first = d.Y.data[0];
  if (d.Y.data.every((v) => v === first)) {
    throw new DataError(`${source}: every example has the same label (${d.classes?.[first!] ?? first}); a classifier needs examples of at least two classes`);
  }
}

/** trainTestSplit, with an error that names the fraction when the data is too small for it. */
function split(d: Dataset, fraction: number, seed: number, field: 'testSplit' | 'validationSplit', source: string): { train: Dataset; test: Dataset } {
  try {
    return trainTestSplit(d, { testFraction: fraction, seed });
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    const side = /training set empty/.test(e.message) ? 'training' : field === 'testSplit' ? 'test' : 'validation';
    const hint = field === 'testSplit' ? 'use testSplit 0 or give a test set' : 'use another validationSplit';
    throw new DataError(`${source}: ${field} ${fraction} of ${d.X.cols} example${d.X.cols === 1 ? '' : 's'} leaves the ${side} set empty; ${hint}`);
  }
}
