// Random search: every dimension drawn independently (uniform over the choices, uniform in x or
// log x for ranges), seeded per trial number, so a seeded study is reproducible.

import { Random } from '../../tensor/random.js';
import { fromUnit, type Dimension, type ParamValue, type Params } from '../space.js';
import { trialSeed, type Sampler, type SamplerContext } from './sampler.js';

/** One draw of a dimension. */
export function drawDimension(d: Dimension, rng: Random): ParamValue {
  return d.dimension === 'choice' ? d.choices[rng.int(d.choices.length)]! : fromUnit(d, rng.random());
}

/** Every dimension drawn independently (uniform, or uniform in log x), seeded per trial number. */
export class RandomSampler implements Sampler {
  readonly name = 'random';
  constructor(private readonly seed = 0) {}

  sample({ space, number }: SamplerContext): Params {
    const rng = new Random(trialSeed(this.seed, number));
    const params: Params = {};
    for (const name of Object.keys(space).sort()) params[name] = drawDimension(space[name]!, rng);
    return params;
  }
}
