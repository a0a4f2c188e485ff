// L1 and L2 weight penalties, with the course's scaling (biases are not regularized):
//   L2: cost += (lambda / 2m) * sum ||W[l]||^2,  dW[l] += (lambda / m) * W[l]
//   L1: cost += (lambda / m) * sum |W[l]|,       dW[l] += (lambda / m) * sign(W[l])

import type { Matrix } from '../tensor/matrix.js';
import { givenText } from '../util/bounds.js';
import { OptionError } from '../errors.js';

export interface Regularization {
  l1: number;
  l2: number;
}

/** The penalty added to the cost for one weight matrix over a batch of m examples. */
export function penaltyCost(W: Matrix, reg: Regularization, m: number): number {
  if (reg.l1 === 0 && reg.l2 === 0) return 0;
  let sq = 0, abs = 0;
  const w = W.data;
  for (let k = 0; k < w.length; k++) { const v = w[k]!; sq += v * v; abs += Math.abs(v); }
  return (reg.l2 / (2 * m)) * sq + (reg.l1 / m) * abs;
}

/** dW += the penalty's gradient, in place. */
export function addPenaltyGradient(dW: Matrix, W: Matrix, reg: Regularization, m: number): void {
  if (reg.l1 === 0 && reg.l2 === 0) return;
  const l2 = reg.l2 / m, l1 = reg.l1 / m;
  const w = W.data, d = dW.data;
  for (let k = 0; k < w.length; k++) {
    const v = w[k]!;
    d[k] = d[k]! + l2 * v + l1 * Math.sign(v);
  }
}

export function checkRegularization(reg: Partial<Regularization>): Regularization {
  const l1 = reg.l1 ?? 0, l2 = reg.l2 ?? 0;
  for (const [name, v] of [['l1', l1], ['l2', l2]] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new OptionError(`${name} regularization strength must be a number >= 0, got ${givenText(v)}`);
  }
  return { l1, l2 };
}
