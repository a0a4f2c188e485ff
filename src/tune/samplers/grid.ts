// Grid search: every combination of the choices once, in a seeded shuffled order (so a study
// stopped early has still seen a spread of the grid); trial n takes point n of that order.

import { Random } from '../../tensor/random.js';
import { canonical, gridOf, type Params, type SearchSpace } from '../space.js';
import type { Sampler, SamplerContext } from './sampler.js';

/** Every combination of the space's choices once, in an order shuffled by the seed (small linear integer ranges are enumerated; other ranges are refused). */
export class GridSampler implements Sampler {
  readonly name = 'grid';
  private cache?: { space: SearchSpace; order: Params[] };
  constructor(private readonly seed = 0) {}

  private order(space: SearchSpace): Params[] {
    if (this.cache?.space !== space) {
      const points = gridOf(space);
      const perm = new Random(this.seed).permutation(points.length);
      this.cache = { space, order: Array.from(perm, (i) => points[i]!) };
    }
    return this.cache.order;
  }

  size(space: SearchSpace): number {
    return this.order(space).length;
  }

  sample({ space, number, trials }: SamplerContext): Params {
    const order = this.order(space);
    // the first point no trial has taken (normally point `number`; a retried trial reuses its own point)
    const taken = new Set(trials.filter((t) => !t.retry).map((t) => canonical(t.params)));
    for (let k = 0; k < order.length; k++) {
      const p = order[(number + k) % order.length]!;
      if (!taken.has(canonical(p))) return p;
    }
    return order[number % order.length]!;
  }
}
