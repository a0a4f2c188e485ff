// Searched fields that training ignores in some of a study's trials: tune has no conditional search
// spaces, so a field searched for one value of another (alpha for leakyRelu, keepProb for a network
// with hidden layers) is also sampled, recorded and unused in the trials of the other values. Said once
// per field before the study, by the rule trainModel warns with (warnIgnoredBySpec).

import type { Dataset } from '../data/synthetic.js';
import { warnIgnoredBySpec } from '../model/resolve-spec.js';
import type { TrainSpec } from '../model/spec.js';
import { formatValue, gridOf, type Params, type SearchSpace } from './space.js';

/** Most combinations of the choices looked at (a larger grid is sampled by its first ones). */
const MAX_COMBINATIONS = 256;

/**
 * One warning per searched field that has no effect in some trials: 'alpha is searched, but has no
 * effect in the trials whose activation is relu (alpha ignored: ...)'. Ranges are taken at their low
 * end, choices in every combination (up to MAX_COMBINATIONS).
 */
export function warnInertDimensions(space: SearchSpace, fixed: Partial<TrainSpec>, train: Dataset, warn: ((message: string) => void) | undefined): void {
  if (!warn) return;
  const choices: SearchSpace = {}, ranges: Params = {};
  for (const [name, d] of Object.entries(space)) {
    if (d.dimension === 'choice') choices[name] = d;
    else ranges[name] = d.low;
  }
  const combos = Object.keys(choices).length > 0 ? gridOf(choices).slice(0, MAX_COMBINATIONS) : [{}];
  // searched field -> the combinations where training ignores it, and why
  const inert = new Map<string, { where: Params[]; why: string }>();
  for (const combo of combos) {
    warnIgnoredBySpec({ ...fixed, ...ranges, ...combo } as TrainSpec, { train }, (m) => {
      const ignored = /^(\w+) ignored: (.*)$/.exec(m);
      if (!ignored || !space[ignored[1]!]) return;
      const entry = inert.get(ignored[1]!) ?? { where: [], why: ignored[2]! };
      entry.where.push(combo);
      inert.set(ignored[1]!, entry);
    });
  }
  for (const [field, { where, why }] of inert) {
    const trials = where.length === combos.length ? 'any trial' : `the trials whose ${whichTrials(choices, combos, where)}`;
    warn(`${field} is searched, but has no effect in ${trials} (${why}): tune has no conditional search spaces, so it is sampled and recorded there unused`);
  }
}

/** The choice values that make a field inert ('activation is relu or tanh'), or the first combination where it is. */
function whichTrials(choices: SearchSpace, combos: Params[], where: Params[]): string {
  const key = (p: Params) => JSON.stringify(p);
  const inert = new Set(where.map(key));
  for (const name of Object.keys(choices)) {
    const values = [...new Set(where.map((p) => JSON.stringify(p[name])))];
    // every trial with one of these values of `name` ignores the field, and only those
    const covers = combos.every((p) => inert.has(key(p)) === values.includes(JSON.stringify(p[name])));
    if (covers) return `${name} is ${values.map((v) => formatValue(JSON.parse(v))).join(' or ')}`;
  }
  return Object.entries(where[0]!).map(([k, v]) => `${k} is ${formatValue(v)}`).join(' and ');
}
