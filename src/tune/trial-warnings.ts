// What training said in a study's trials (trainModel's warnings: a network far larger than the data,
// a penalty that dominates the loss, ...), said once each after the study: the trials ran on worker
// threads and their warnings were dropped, or would have been said once per trial. A warning that
// differs only in its numbers from trial to trial (the parameter count of each configuration) is one
// warning; one that not every trial gave names the configuration of the first trial that gave it.

import { formatValue, type Params } from './space.js';
import type { Trial } from './trial.js';

interface Seen { message: string; first: Trial; trials: number; same: boolean }

/** A message with its numbers masked: what makes two trials' warnings the same warning. */
const shapeOf = (message: string) => message.replace(/[-+]?\d+(\.\d+)?(e[-+]?\d+)?/gi, '#');

const paramsText = (params: Params) => Object.entries(params).map(([k, v]) => `${k} ${formatValue(v)}`).join(', ');

export class TrialWarnings {
  private readonly seen = new Map<string, Seen>();
  private trials = 0;

  /** The warnings one trial's training gave (each trial that ran is added, with or without warnings). */
  add(trial: Trial, warnings: readonly string[] = []): void {
    this.trials++;
    const shapes = new Map(warnings.map((w) => [shapeOf(w), w] as const)); // (one per trial: its folds say the same)
    for (const [shape, message] of shapes) {
      const s = this.seen.get(shape);
      if (s) { s.trials++; s.same &&= s.message === message; }
      else this.seen.set(shape, { message, first: trial, trials: 1, same: true });
    }
  }

  /** Each distinct warning once: 'in every trial: ...', or 'in 2 of 8 trials (the first: trial #3, layers 512,512): ...'. */
  report(warn: (message: string) => void): void {
    for (const s of this.seen.values()) {
      const every = s.trials === this.trials;
      const where = every && s.same ? 'in every trial' : `in ${every ? 'every trial' : `${s.trials} of ${this.trials} trials`} (${s.trials === 1 ? 'trial' : 'the first: trial'} #${s.first.number}, ${paramsText(s.first.params) || 'the fixed settings'})`;
      warn(`${where}: ${s.message}`);
    }
    this.seen.clear();
  }
}
