// Every setting of the page, with defaults, and its round trip through the URL query string
// (so a link reproduces the run: same data seed, same weight seed, same hyperparameters).

import type { ActivationName, OptimizerName } from '../../src/index.js';
import { FEATURE_NAMES, isFeatureName, type FeatureName } from './features.js';

export type Problem = 'classification' | 'regression';
export type RegularizationKind = 'none' | 'l1' | 'l2';

export const CLASSIFICATION_SETS = ['circle', 'xor', 'gaussians', 'spiral', 'flower', 'spiral3'] as const;
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

/** Settings from a query string; anything missing or invalid keeps its default. */
export function settingsFromQuery(query: string): Settings {
  const p = new URLSearchParams(query);
  const s: Settings = { ...DEFAULTS, features: [...DEFAULTS.features], hidden: [...DEFAULTS.hidden] };
  const problem = p.get('problem');
  if (problem === 'classification' || problem === 'regression') s.problem = problem;
  const sets: readonly string[] = s.problem === 'classification' ? CLASSIFICATION_SETS : REGRESSION_SETS;
  const data = p.get('data');
  s.dataset = data && sets.includes(data) ? data : sets[0]!;
  s.noise = int(p.get('noise'), 0, 50) ?? s.noise;
  s.trainRatio = int(p.get('ratio'), 10, 90) ?? s.trainRatio;
  s.batchSize = int(p.get('batch'), 1, 1000) ?? s.batchSize;
  s.dataSeed = int(p.get('dseed'), 0, 2 ** 31) ?? s.dataSeed;
  const f = p.get('f');
  if (f !== null) {
    const names = f.split(',').filter(isFeatureName);
    if (names.length > 0) s.features = FEATURE_NAMES.filter((n) => names.includes(n));
  }
  const layers = p.get('layers');
  if (layers !== null) {
    const units = layers === '' ? [] : layers.split(',').map((u) => int(u, 1, MAX_UNITS));
    if (units.length <= MAX_LAYERS && units.every((u) => u !== undefined)) s.hidden = units as number[];
  }
  const act = p.get('act') as ActivationName;
  if (HIDDEN_ACTIVATIONS.includes(act)) s.activation = act;
  const lr = Number(p.get('lr'));
  if (LEARNING_RATES.includes(lr)) s.learningRate = lr;
  const opt = p.get('opt') as OptimizerName;
  if (OPTIMIZERS.includes(opt)) s.optimizer = opt;
  const reg = p.get('reg');
  if (reg === 'none' || reg === 'l1' || reg === 'l2') s.regularization = reg;
  const rate = Number(p.get('rate'));
  if (p.get('rate') !== null && REG_RATES.includes(rate)) s.regRate = rate;
  s.seed = int(p.get('seed'), 0, 2 ** 31) ?? s.seed;
  s.showTest = p.get('test') === '1';
  s.discretize = p.get('disc') === '1';
  const speed = Number(p.get('speed'));
  if (SPEEDS.includes(speed)) s.speed = speed;
  return s;
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
