// The sampler interface: given the space, the trials so far and the new trial's number, propose
// its parameters. A new sampler is one new file implementing this.

import type { Params, SearchSpace } from '../space.js';
import type { Direction, Trial } from '../trial.js';

export interface SamplerContext {
  space: SearchSpace;
  /** Every trial of the study so far (all processes), in number order. */
  trials: Trial[];
  direction: Direction;
  /** The number of the trial to propose parameters for. */
  number: number;
}

export interface Sampler {
  readonly name: string;
  sample(context: SamplerContext): Params;
  /** The most trials this sampler can propose (the grid's size), if limited. */
  size?(space: SearchSpace): number;
}

/** A seed per (study seed, trial number): each trial's draws do not depend on which worker or process asks first. */
export function trialSeed(seed: number, number: number): number {
  return ((seed >>> 0) * 1000003 + number * 7919 + 17) % 4294967296;
}
