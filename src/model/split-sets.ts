// The three sets of a run: the test set (given, or a seeded, stratified fraction of the training
// data), and with early stopping a validation set (given, or a fraction of what is left).

import { DataError } from '../errors.js';
import { singleExampleWarning, trainTestSplit } from '../data/split.js';
import type { Dataset } from '../data/synthetic.js';
import { isSingleLabel } from './task.js';
import type { TrainData } from './spec.js';
import type { ResolvedSpec } from './resolve-spec.js';

export interface Sets {
  train: Dataset;
  test?: Dataset;
  validation?: Dataset;
}

export function splitSets(data: TrainData, s: ResolvedSpec, warn?: (message: string) => void): Sets {
  let train = data.train;
  const source = data.source ?? train.name;
  checkTwoClasses(train, source);
  let test = data.test;
  const splitting = !test && s.testSplit > 0;
  const single = warn && singleExampleWarning(source, train, splitting
    ? 'the stratified test split cannot hold it out, so it stays in the training rows and the test set has none of it'
    : 'the network learns it from that one example');
  if (single) warn!(single);
  if (test) checkSameEncoding(test, train, 'test', source);
  if (!test && s.testSplit > 0) ({ train, test } = split(train, s.testSplit, s.seed, 'testSplit', source));
  let validation = data.validation;
  if (validation) checkSameEncoding(validation, train, 'validation', source);
  if (!validation && s.earlyStopping && s.validationSplit > 0) {
    ({ train, test: validation } = split(train, s.validationSplit, s.seed + 1, 'validationSplit', source));
  }
  return { train, ...(test ? { test } : {}), ...(validation ? { validation } : {}) };
}

/**
 * A test or validation set must be encoded as the training set is: the same features in the same
 * order, the same task, the same classes behind the same indices. A file loaded on its own learns its
 * own encoding (the classes it holds, sorted; its own one-hot categories), so its class 0 may be the
 * training's class 1: its metrics were silently wrong (0.6% accuracy for a 95% network).
 */
function checkSameEncoding(d: Dataset, train: Dataset, kind: 'test' | 'validation', source: string): void {
  const head = `${kind} data ${d.name}`;
  const reload = `load it with the training data's schema: loadDataset(file, { schema }), where schema is what loading ${source} returned`;
  if (d.X.rows !== train.X.rows) throw new DataError(`${head}: ${d.X.rows} features per example, but the training data ${source} has ${train.X.rows}`);
  const f = d.featureNames, t = train.featureNames;
  const at = f?.length === t?.length ? f.findIndex((n, i) => n !== t[i]) : -1;
  if (at >= 0) throw new DataError(`${head}: feature ${at + 1} is '${f[at]}', but in the training data ${source} it is '${t[at]}'; ${reload}`);
  if (d.unlabeled) return;
  if (d.task !== train.task && !(isSingleLabel(d.task) && isSingleLabel(train.task))) {
    const kind = (t: Dataset['task']) => (t === 'regression' ? 'a regression' : t === 'multilabel' ? 'a multi-label' : 'a classification');
    throw new DataError(`${head} is ${kind(d.task)} set, but the training data ${source} is ${kind(train.task)} set; ${reload}`);
  }
  const c = d.classes, tc = train.classes;
  if (c && tc && (c.length !== tc.length || c.some((n, i) => n !== tc[i]))) {
    throw new DataError(`${head}: its classes (${listed(c)}) are not the training data's (${listed(tc)}) in the same order, so a class index would name another label; ${reload}`);
  }
}

const listed = (names: readonly string[]) => `${names.slice(0, 5).map((n) => `'${n}'`).join(', ')}${names.length > 5 ? `, ... ${names.length} in all` : ''}`;

/** A classifier needs examples of at least two classes. */
function checkTwoClasses(d: Dataset, source: string): void {
  if (!isSingleLabel(d.task)) return; // (a multi-label's constant labels: warned of by trainModel)
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
