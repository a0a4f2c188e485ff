// Weight initialisation. Biases always start at zero; weights are drawn from a seeded
// normal distribution (numpy-compatible, see tensor/random.ts) and scaled:
//   normal: randn * 0.01                      (the course's default for small nets)
//   lecun:  randn / sqrt(n[l-1])              (the course's deep-network notebooks)
//   xavier: randn * sqrt(2 / (n[l-1] + n[l])) (Glorot & Bengio, 2010)
//   he:     randn * sqrt(2 / n[l-1])          (He et al., 2015; for ReLU layers)
//   zeros:  all zero (fine for logistic regression; breaks symmetry for nothing in a hidden layer)

import { Matrix } from '../tensor/matrix.js';
import type { Random } from '../tensor/random.js';
import type { ActivationName } from './activations.js';
import { OptionError } from '../errors.js';

export type InitName = 'zeros' | 'normal' | 'lecun' | 'xavier' | 'he';
export const INIT_NAMES: readonly InitName[] = ['zeros', 'normal', 'lecun', 'xavier', 'he'];

/** The scale each scheme multiplies a standard normal draw by, for W of shape nOut x nIn. */
export function initScale(init: InitName, nIn: number, nOut: number): number {
  switch (init) {
    case 'zeros': return 0;
    case 'normal': return 0.01;
    case 'lecun': return 1 / Math.sqrt(nIn);
    case 'xavier': return Math.sqrt(2 / (nIn + nOut));
    case 'he': return Math.sqrt(2 / nIn);
    default:
      throw new OptionError(`unknown initialisation '${String(init)}'; expected one of ${INIT_NAMES.join(', ')}`);
  }
}

/** Each scheme's draw, in the course's notation (the help and the docs say these). */
export const INIT_FORMULAS: Readonly<Record<InitName, string>> = {
  zeros: '0',
  normal: 'randn * 0.01',
  lecun: 'randn * sqrt(1/n[l-1]), the course\'s Xavier for tanh',
  xavier: 'randn * sqrt(2/(n[l-1]+n[l])), Glorot\'s',
  he: 'randn * sqrt(2/n[l-1])',
};

/** What defaultInit chooses, in words. */
export const DEFAULT_INIT_TEXT = 'he for relu, leakyRelu and elu layers, lecun for selu, xavier otherwise';

/** The usual choice for a layer with this activation (DEFAULT_INIT_TEXT): He for the ReLU family, LeCun for SELU, Xavier otherwise. */
export function defaultInit(activation: ActivationName): InitName {
  if (activation === 'relu' || activation === 'leakyRelu' || activation === 'elu') return 'he';
  if (activation === 'selu') return 'lecun';
  return 'xavier';
}

/** Fill W (n[l] x n[l-1]) in row-major order, one draw per element, as numpy's randn(n, n_prev) does. */
export function initializeWeights(W: Matrix, init: InitName, rng: Random): void {
  const s = initScale(init, W.cols, W.rows);
  const d = W.data;
  if (s === 0) { d.fill(0); return; }
  for (let k = 0; k < d.length; k++) d[k] = rng.randn() * s;
}
