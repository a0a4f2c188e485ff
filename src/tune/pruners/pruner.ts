// The pruner interface: after each epoch of a trial, given its validation cost and what the other
// trials of the study reported, say whether to stop it. A new pruner is one new file.

import type { Direction, Trial } from '../trial.js';

export interface Pruner {
  readonly name: string;
  /**
   * Stop `trial` after `epoch` (1-based)? Its intermediate values (the objective after each epoch)
   * include this epoch's; `trials` is every trial of the study, this one included.
   */
  shouldPrune(trial: Trial, epoch: number, trials: Trial[], direction: Direction): boolean;
  /**
   * Can shouldPrune stop a trial after this epoch? The study reads every trial (from a database,
   * perhaps) only then; the other epochs' reports are written in the background. Absent: every epoch.
   */
  decidesAt?(epoch: number): boolean;
}

/** Never stops a trial. */
export const noPruner: Pruner = { name: 'none', shouldPrune: () => false, decidesAt: () => false };

/** The epochs (1..epochs) after which `pruner` may stop a trial; undefined when it may after any. */
export function decidingEpochs(pruner: Pruner, epochs: number): number[] | undefined {
  const decides = pruner.decidesAt?.bind(pruner);
  return decides && Array.from({ length: epochs }, (_, i) => i + 1).filter((e) => decides(e));
}
