// Every setting of the page, with defaults, and its round trip through the URL query string
// (so a link reproduces the run: same data seed, same weight seed, same hyperparameters).

import type { ActivationName, OptimizerName } from '../../src/index.js';
import { FEATURE_NAMES, isFeatureName, type FeatureName } from './features.js';

export type Problem = 'classification' | 'regression';
export type RegularizationKind = 'none' | 'l1' | 'l2';

export const CLASSIFICATION_SETS = ['circle', 'xor', 'gaussians', 'spiral', 'flower', 'spiral3', 'moons', 'circles'] as const;
export const REGRESSION_SETS = ['plane', 'multiGaussian'] as const;
export const HIDDEN_ACTIVATIONS: readonly ActivationName[] = ['sigmoid', 'tanh', 'relu', 'leakyRelu', 'elu', 'selu', 'linear'];
export const OPTIMIZERS: readonly OptimizerName[] = ['gd', 'momentum', 'rmsprop', 'adam'];
export const LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
export const REG_RATES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
export const SPEEDS = [1, 3, 10, 30];
export const MAX_LAYERS = 6;
export const MAX_UNITS = 8;

export interface Settings {
  problem: Problem;
  /** A built-in set name, or 'csv' for the user's file (which the URL cannot carry). */
  dataset: string;
  /** Noise in percent (0..50); the synthetic sets take noise / 100. */
  noise: number;
  /** Percentage of the points used for training (10..90). */
  trainRatio: number;
  batchSize: number;
  dataSeed: number;
  features: FeatureName[];
  /** Units of each hidden layer. */
  hidden: number[];
  activation: ActivationName;
  learningRate: number;
  optimizer: OptimizerName;
  regularization: RegularizationKind;
  regRate: number;
  /** Seed of the initial weights and of the mini-batch shuffling. */
  seed: number;
  showTest: boolean;
  /** Show the output thresholded (classes, or the sign of a regression output) instead of graded. */
  discretize: boolean;
  /** Epochs per animation frame. */
  speed: number;
}

export const DEFAULTS: Settings = {
  problem: 'classification',
  dataset: 'circle',
  noise: 0,
  trainRatio: 50,
  batchSize: 10,
  dataSeed: 1,
  features: ['x1', 'x2'],
  hidden: [4, 2],
  activation: 'tanh',
  learningRate: 0.03,
  optimizer: 'gd',
  regularization: 'none',
  regRate: 0,
  seed: 1,
  showTest: false,
  discretize: false,
  speed: 3,
};

const int = (v: string | null, min: number, max: number): number | undefined => {
  const n = Number(v);
  return v !== null && v !== '' && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
};

/** Largest weight or data seed: a link carries seeds from 0 to this. */
export const MAX_SEED = 2 ** 31;

/** A value of the link as the message shows it: quoted, and cut when long. */
const shown = (v: string) => `'${v.length > 24 ? `${v.slice(0, 24)}…` : v}'`;

/**
 * Settings from a query string; anything missing keeps its default, and so does anything invalid,
 * which is also named in `ignored` ("lr '-1' (one of 0.00001, …, 10)"), for the page to say so.
 */
export function settingsFromQuery(query: string, ignored: string[] = []): Settings {
  const p = new URLSearchParams(query);
  const s: Settings = { ...DEFAULTS, features: [...DEFAULTS.features], hidden: [...DEFAULTS.hidden] };
  /** The parameter's value when `read` accepts it; else (when given) it is named in `ignored` with what was expected. */
  const take = <T>(key: string, read: (v: string) => T | undefined, expected: string): T | undefined => {
    const v = p.get(key);
    if (v === null) return undefined;
    const value = read(v);
    if (value === undefined) ignored.push(`${key} ${shown(v)} (${expected})`);
    return value;
  };
  const oneOf = <T extends string | number>(values: readonly T[], asNumber = false) => (v: string): T | undefined => {
    const x = (asNumber ? (v.trim() === '' ? NaN : Number(v)) : v) as T;
    return values.includes(x) ? x : undefined;
  };
  const list = (values: readonly (string | number)[]) => `one of ${values.join(', ')}`;
  const whole = (min: number, max: number) => (v: string) => int(v, min, max);
  s.problem = take('problem', oneOf(['classification', 'regression'] as const), 'classification or regression') ?? s.problem;
  const sets: readonly string[] = s.problem === 'classification' ? CLASSIFICATION_SETS : REGRESSION_SETS;
  s.dataset = take('data', oneOf(sets), `for ${s.problem}: ${list(sets)}${p.get('data') === 'csv' ? '; a CSV file is not kept in the link, load it again' : ''}`) ?? sets[0]!;
  s.noise = take('noise', whole(0, 50), 'a whole number from 0 to 50') ?? s.noise;
  s.trainRatio = take('ratio', whole(10, 90), 'a whole number from 10 to 90') ?? s.trainRatio;
  s.batchSize = take('batch', whole(1, 1000), 'a whole number from 1 to 1000') ?? s.batchSize;
  s.dataSeed = take('dseed', whole(0, MAX_SEED), `a whole number from 0 to ${MAX_SEED}`) ?? s.dataSeed;
  s.features = take('f', (v) => {
    const names = v.split(',');
    return names.length > 0 && names.every(isFeatureName) ? FEATURE_NAMES.filter((n) => names.includes(n)) : undefined;
  }, `features among ${FEATURE_NAMES.join(', ')}`) ?? s.features;
  s.hidden = take('layers', (v) => {
    const units = v === '' ? [] : v.split(',').map((u) => int(u, 1, MAX_UNITS));
    return units.length <= MAX_LAYERS && units.every((u) => u !== undefined) ? units as number[] : undefined;
  }, `up to ${MAX_LAYERS} hidden layers of 1 to ${MAX_UNITS} units, as 4,2`) ?? s.hidden;
  s.activation = take('act', oneOf(HIDDEN_ACTIVATIONS), list(HIDDEN_ACTIVATIONS)) ?? s.activation;
  s.learningRate = take('lr', oneOf(LEARNING_RATES, true), list(LEARNING_RATES)) ?? s.learningRate;
  s.optimizer = take('opt', oneOf(OPTIMIZERS), list(OPTIMIZERS)) ?? s.optimizer;
  s.regularization = take('reg', oneOf(['none', 'l1', 'l2'] as const), 'none, l1 or l2') ?? s.regularization;
  s.regRate = take('rate', oneOf(REG_RATES, true), list(REG_RATES)) ?? s.regRate;
  s.seed = take('seed', whole(0, MAX_SEED), `a whole number from 0 to ${MAX_SEED}`) ?? s.seed;
  s.showTest = take('test', oneOf(['0', '1']), '0 or 1') === '1';
  s.discretize = take('disc', oneOf(['0', '1']), '0 or 1') === '1';
  s.speed = take('speed', oneOf(SPEEDS, true), list(SPEEDS)) ?? s.speed;
  return s;
}

/** The one-line message for the values of a link that were not used; '' when every one was. */
export function ignoredNote(ignored: readonly string[]): string {
  if (ignored.length === 0) return '';
  const shownItems = ignored.slice(0, 3).join('; ') + (ignored.length > 3 ? `; and ${ignored.length - 3} more` : '');
  return `The link has values the page cannot use, so their defaults are used: ${shownItems}.`;
}

export function settingsToQuery(s: Settings): string {
  const p = new URLSearchParams({
    problem: s.problem,
    data: s.dataset,
    noise: String(s.noise),
    ratio: String(s.trainRatio),
    batch: String(s.batchSize),
    dseed: String(s.dataSeed),
    f: s.features.join(','),
    layers: s.hidden.join(','),
    act: s.activation,
    lr: String(s.learningRate),
    opt: s.optimizer,
    reg: s.regularization,
    rate: String(s.regRate),
    seed: String(s.seed),
    test: s.showTest ? '1' : '0',
    disc: s.discretize ? '1' : '0',
    speed: String(s.speed),
  });
  return p.toString();
}
