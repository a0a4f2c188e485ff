// Asynchronous successive halving (ASHA, Li et al. 2020), as Optuna's SuccessiveHalvingPruner:
// rungs at minEpochs * eta^k epochs (by default three rungs up to a full trial: its epochs / eta^2,
// epochs / eta, and the end); a trial reaching a rung goes on only when its objective is in
// the best 1/eta of the values every trial reported at that rung so far (the first trials of a
// rung, before there are eta of them, go on only when they are the best yet).

import type { Direction, Trial } from '../trial.js';
import type { Pruner } from './pruner.js';
import { givenText } from '../../util/bounds.js';
import { OptionError } from '../../errors.js';

export interface AshaOptions {
  /**
   * Epochs before the first rung. Default: maxEpochs / eta^2 rounded down (at least 1), so a full
   * trial meets about three rungs; 1 when maxEpochs is not given. A first rung after a single epoch
   * judges trials before their learning rates have told (on digits, 27 epochs: the best found was
   * off by 0.0075 in validation loss with 1 and 0.0011 with 3, over 5 seeds; docs/tuning.md).
   */
  minEpochs?: number;
  /** Reduction factor: keep the top 1/eta of each rung (default 3). */
  eta?: number;
  /** The epochs of a full trial (tune() passes the study's), for the default minEpochs. */
  maxEpochs?: number;
}

/** Asynchronous successive halving (Optuna's SuccessiveHalvingPruner): at each rung a trial goes on only when its objective is in the best 1/eta so far. */
export class AshaPruner implements Pruner {
  readonly name = 'asha';
  readonly minEpochs: number;
  readonly eta: number;
  constructor(options: AshaOptions = {}) {
    this.eta = options.eta ?? 3;
    const max = options.maxEpochs;
    this.minEpochs = options.minEpochs ?? (max !== undefined && max >= 1 ? Math.max(1, Math.floor(max / this.eta ** 2)) : 1);
    if (!(Number.isInteger(this.minEpochs) && this.minEpochs >= 1)) throw new OptionError(`ASHA minEpochs must be a whole number >= 1, got ${givenText(this.minEpochs)}`);
    if (!(typeof this.eta === 'number' && this.eta > 1 && Number.isFinite(this.eta))) throw new OptionError(`ASHA eta must be > 1, got ${givenText(this.eta)}`);
  }

  /** The rung an epoch count closes, or -1 when it is not a rung. */
  rungOf(epoch: number): number {
    for (let k = 0, r = this.minEpochs; r <= epoch; k++, r *= this.eta) if (r === epoch) return k;
    return -1;
  }

  decidesAt(epoch: number): boolean {
    return this.rungOf(epoch) >= 0;
  }

  shouldPrune(trial: Trial, epoch: number, trials: Trial[], direction: Direction = 'minimize'): boolean {
    if (this.rungOf(epoch) < 0) return false;
    const value = trial.intermediate[epoch - 1];
    if (value === undefined) return false;
    if (!Number.isFinite(value)) return true;
    const sign = direction === 'minimize' ? 1 : -1; // (compare costs: lower is better)
    const rung = trials.map((t) => t.intermediate[epoch - 1]).filter((v): v is number => v !== undefined && Number.isFinite(v)).map((v) => sign * v);
    if (!rung.includes(sign * value)) rung.push(sign * value);
    rung.sort((a, b) => a - b);
    const promotable = Math.max(0, Math.floor(rung.length / this.eta) - 1);
    return sign * value > rung[promotable]!;
  }
}
