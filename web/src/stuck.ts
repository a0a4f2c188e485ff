// The likely causes of a loss that has not moved from its start (the library's detectPlateau),
// each one something the page can check on the network as it is: a small learning rate, ReLU units
// that output 0 for every training point (dead), sigmoid or tanh units saturated for every point,
// a deep stack of sigmoids, and a regularization rate that holds the weights at 0.

import { unitActivity, type Matrix, type Network } from '../../src/index.js';
import type { Settings } from './settings.js';

/** Learning rates up to this one are named as probably too small. */
export const SMALL_LEARNING_RATE = 0.003;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Units of a kind across the hidden layers, as "1 of 2 hidden ReLU units (layer 2: 1 of 1)". */
function countText(per: { l: number; units: number; n: number }[], kind: string): string {
  const n = per.reduce((s, p) => s + p.n, 0), of = per.reduce((s, p) => s + p.units, 0);
  const layers = per.filter((p) => p.n > 0).map((p) => `layer ${p.l}: ${p.n} of ${p.units}`).join(', ');
  return `${n} of ${plural(of, `hidden ${kind} unit`)} (${layers})`;
}

export interface StuckCauses {
  /** One sentence per likely cause, in the order a learner would check them. */
  causes: string[];
  /** Each cause in a few words ("1 of 2 ReLU units dead"), for the one line the page shows. */
  short: string[];
  /** Dead ReLU units and all ReLU units of the hidden layers (for the page's data attributes and tests). */
  dead: number;
  relu: number;
}

/** The likely causes of a stuck loss on the training examples X (one column each). */
export function stuckCauses(net: Network, X: Matrix, settings: Pick<Settings, 'learningRate' | 'regularization' | 'regRate'>): StuckCauses {
  const causes: string[] = [], short: string[] = [];
  const lr = settings.learningRate;
  if (lr <= SMALL_LEARNING_RATE) {
    causes.push(`The learning rate ${lr} is small: each step moves the weights very little. Try 0.03 or more.`);
    short.push(`learning rate ${lr} too small`);
  }
  const layers = unitActivity(net, X);
  const relu = layers.filter((u) => u.activation === 'relu');
  const dead = relu.reduce((s, u) => s + u.dead, 0), reluUnits = relu.reduce((s, u) => s + u.units, 0);
  if (dead > 0) {
    causes.push(`Dead units: ${countText(relu.map((u) => ({ l: u.l, units: u.units, n: u.dead })), 'ReLU')} output 0 for every training point, so no gradient flows through them. Try another weight seed, more units, a smaller learning rate, or leaky ReLU.`);
    short.push(`${dead} of ${reluUnits} ReLU units dead`);
  }
  const flat = layers.filter((u) => u.activation === 'sigmoid' || u.activation === 'tanh');
  const saturated = flat.reduce((s, u) => s + u.saturated, 0);
  if (saturated > 0) {
    causes.push(`Saturated units: ${countText(flat.map((u) => ({ l: u.l, units: u.units, n: u.saturated })), flat[0]!.activation)} sit at a flat end of g for every training point (g′(z) under 1% of its largest), so almost no gradient flows through them. Try another weight seed or ReLU.`);
    short.push(`${saturated} of ${flat.reduce((s, u) => s + u.units, 0)} ${flat[0]!.activation} units saturated`);
  }
  const sigmoids = layers.filter((u) => u.activation === 'sigmoid').length;
  if (sigmoids >= 3) {
    causes.push(`${plural(sigmoids, 'hidden sigmoid layer')}: σ′(z) is at most 1/4, so the gradient shrinks at least 4 times through each on its way back (it vanishes). Try fewer layers, tanh or ReLU.`);
    short.push(`vanishing gradient (${sigmoids} sigmoids)`);
  }
  if (settings.regularization !== 'none' && settings.regRate >= 0.3) {
    causes.push(`The ${settings.regularization.toUpperCase()} regularization rate ${settings.regRate} is large: it may hold the weights near 0. Try a smaller one.`);
    short.push(`${settings.regularization.toUpperCase()} rate ${settings.regRate} too large`);
  }
  if (causes.length === 0) {
    causes.push(`None of the page's checks found a cause (learning rate ${lr}, no dead ReLU or saturated units): try a larger learning rate, another weight seed, or more units.`);
    short.push('no cause found by the checks');
  }
  return { causes, short, dead, relu: reluUnits };
}
