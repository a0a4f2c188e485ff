// What a finished study says beyond its best trial, the questions a user reading a leaderboard asks:
// what was searched, how far the best stands above a typical trial of that space, whether the best
// sits at an edge of a dimension (the optimum may lie beyond it: widen the space), and which trials
// are as good as the best within the validation's noise (the order among them is chance).

import { resolveSpec } from '../model/resolve-spec.js';
import type { TrainSpec } from '../model/spec.js';
import { formatNumber } from '../util/number-text.js';
import { foldSummary } from './objective.js';
import { formatValue, toUnit, type Dimension, type ParamValue } from './space.js';
import { rankTrials, type Trial } from './trial.js';
import type { StudyResult } from './tune.js';
import type { SeedSpread } from './seeds.js';
import { OptionError } from '../errors.js';
import { kindOf } from '../util/kind-of.js';
import { Matrix } from '../tensor/matrix.js';

/** A StudyResult as tune resolved it (with its trials, summary, space and data), or an OptionError naming the function. */
export function checkStudy(r: StudyResult, fn: string): void {
  const ok = r !== null && typeof r === 'object' && Array.isArray(r.trials) && typeof r.summary === 'object' && r.summary !== null && typeof r.space === 'object' && r.space !== null;
  if (!ok) throw new OptionError(`${fn}: study must be a StudyResult (from tune), got ${kindOf(r)}`);
  if (!(r.trainAndValidation?.X instanceof Matrix)) throw new OptionError(`${fn}: study.trainAndValidation must be the Dataset the trials were tuned on (the StudyResult tune resolved to), got ${kindOf(r.trainAndValidation)}`);
}

export interface EdgeFinding {
  /** The spec field (learningRate). */
  name: string;
  value: ParamValue;
  side: 'low' | 'high';
  /** The values searched, as the space says them: '0.0001..0.1 (log)' or '16|32|64'. */
  searched: string;
}

export interface StudyFindings {
  /** Each dimension as searched: 'learningRate 0.0001..0.1 (log)', 'layers 16|32,16'. */
  searched: string[];
  /** The median objective of the complete trials: the best's margin over a typical configuration of the space. */
  median?: number;
  /** The dimensions whose best value is at an end of what was searched, where training accepts values beyond it. */
  edges: EdgeFinding[];
  /**
   * One standard error of the best's objective: over its cross-validation folds (std / √k), or for an
   * accuracy, of a proportion of the validation examples (at least one example's worth, 1/n); none
   * for a loss or a regression metric on one validation split.
   */
  noise?: { value: number; basis: string };
  /** The complete trials within noise of the best, the best first (only the best when noise is unknown). */
  withinNoise: number[];
}

/** The outer part of a range (on its own scale, log or linear) whose values count as at its edge. */
export const EDGE_FRACTION = 0.1;

/** A dimension as a user wrote it: 16|32,16, or 0.0001..0.1 (log). */
export function dimensionText(d: Dimension): string {
  if (d.dimension === 'choice') return d.choices.map(formatValue).join('|');
  return `${formatValue(d.low)}..${formatValue(d.high)}${d.log ? ' (log)' : ''}`;
}

/** A value past the given end of a dimension (a tenth or ten times a log range's end, a range's width past a linear one), or undefined. */
function beyond(d: Dimension, side: 'low' | 'high'): number | undefined {
  if (d.dimension === 'choice') {
    const xs = d.choices as number[];
    const end = side === 'low' ? Math.min(...xs) : Math.max(...xs);
    return side === 'low' ? (end > 0 ? end / 2 : end - 1) : end > 0 ? end * 2 : end + 1;
  }
  const v = d.log ? (side === 'low' ? d.low / 10 : d.high * 10) : side === 'low' ? d.low - (d.high - d.low) : d.high + (d.high - d.low);
  return d.dimension === 'int' ? Math.round(v) : v;
}

/** Which end of the dimension the value is at: the outer tenth of a range, the smallest or largest of three or more numbers. */
function sideOf(d: Dimension, v: ParamValue): 'low' | 'high' | undefined {
  if (typeof v !== 'number') return undefined;
  if (d.dimension !== 'choice') {
    const u = toUnit(d, v);
    return u <= EDGE_FRACTION ? 'low' : u >= 1 - EDGE_FRACTION ? 'high' : undefined;
  }
  // a choice of numbers is ordered; of two, every value is an end
  if (d.choices.length < 3 || !d.choices.every((c) => typeof c === 'number')) return undefined;
  const xs = d.choices as number[];
  return v === Math.min(...xs) ? 'low' : v === Math.max(...xs) ? 'high' : undefined;
}

/**
 * The best's values at an edge of their dimension where every trial as good as the best (within
 * noise) is at that edge too (trials as good across the dimension say nothing of beyond it), and
 * training would take a value past it (a keep probability of 1 has nothing above).
 */
function edgesOf(r: StudyResult, best: Trial, asGood: Trial[]): EdgeFinding[] {
  const out: EdgeFinding[] = [];
  for (const [name, d] of Object.entries(r.space)) {
    const value = best.params[name];
    const side = value === undefined ? undefined : sideOf(d, value);
    if (!side || !asGood.every((t) => t.params[name] !== undefined && sideOf(d, t.params[name]!) === side)) continue;
    const past = beyond(d, side);
    if (past === undefined || !accepted(r, best, name, past)) continue;
    out.push({ name, value: value!, side, searched: dimensionText(d) });
  }
  return out;
}

/** Does training accept the best's configuration with this field's value replaced? */
function accepted(r: StudyResult, best: Trial, name: string, value: number): boolean {
  try {
    resolveSpec({ ...r.fixed, ...best.params, [name]: value } as TrainSpec, r.trainAndValidation, 'tune');
    return true;
  } catch {
    return false;
  }
}

/** One standard error of the best's objective, when the study can tell it. */
function noiseOf(r: StudyResult, best: Trial): StudyFindings['noise'] {
  const folds = best.foldValues;
  if (folds && folds.length > 1) return { value: foldSummary(folds).std / Math.sqrt(folds.length), basis: `the standard error of its mean over ${folds.length} folds` };
  const n = r.validationExamples, found: NonNullable<StudyFindings['noise']>[] = [];
  if ((r.objective === 'accuracy' || r.objective === 'balanced-accuracy') && n && best.value !== undefined) {
    // a proportion p of n examples: sqrt(p (1 - p) / n), and never below one example's worth
    const p = Math.min(1, Math.max(0, best.value));
    found.push({ value: Math.max(Math.sqrt((p * (1 - p)) / n), 1 / n), basis: `one standard error of a proportion of ${n} validation examples` });
  }
  const s = seedsOf(r);
  if (s) found.push({ value: s.std, basis: `the standard deviation of its ${r.objective} over ${s.values.length} training seeds` });
  // either alone understates the noise: the larger one
  return found.sort((a, b) => b.value - a.value)[0];
}

/** The seed spread of the study's best trial (tune's bestSeeds, when it measured this best at two seeds or more). */
export function seedsOf(r: StudyResult): SeedSpread | undefined {
  const s = r.bestSeeds, best = r.summary.best;
  return s && best && s.trial === best.number && s.values[0] === best.value && s.values.length > 1 ? s : undefined;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** What the study says beyond its best trial (see StudyFindings); undefined when no trial completed. */
export function studyFindings(r: StudyResult): StudyFindings | undefined {
  checkStudy(r, 'studyFindings');
  const best = r.summary.best;
  if (!best || best.value === undefined) return undefined;
  const complete = rankTrials(r.trials, r.direction).filter((t) => t.state === 'complete');
  const noise = noiseOf(r, best);
  const asGood = noise ? complete.filter((t) => Math.abs(t.value! - best.value!) <= noise.value) : [best];
  const withinNoise = [best.number, ...asGood.filter((t) => t !== best).map((t) => t.number)];
  return {
    searched: Object.entries(r.space).map(([name, d]) => `${name} ${dimensionText(d)}`),
    ...(complete.length > 1 ? { median: median(complete.map((t) => t.value!)) } : {}),
    edges: edgesOf(r, best, asGood), ...(noise ? { noise } : {}), withinNoise,
  };
}

/** The findings as lines of text; `named` says a field as the reader writes it (the command line: --lr for learningRate). */
export function findingLines(r: StudyResult, f: StudyFindings, named: (field: string) => string = (x) => x): string[] {
  checkStudy(r, 'findingLines');
  if (f === null || typeof f !== 'object' || !Array.isArray(f.edges) || !Array.isArray(f.withinNoise)) throw new OptionError(`findingLines: findings must be what studyFindings(study) returned, got ${kindOf(f)}`);
  if (typeof named !== 'function') throw new OptionError(`findingLines: named must be a function of a field's name, got ${kindOf(named)}`);
  if (!r.summary.best) return [];
  const lines = [`searched: ${Object.entries(r.space).map(([name, d]) => `${named(name)} ${dimensionText(d)}`).join(', ')}`];
  const best = r.summary.best!, n = r.summary.complete;
  if (f.median !== undefined) lines.push(`the best ${r.objective} ${formatNumber(best.value!)} against ${formatNumber(f.median)} for the median of the ${n} complete trials`);
  const s = seedsOf(r);
  if (s) {
    const each = s.values.map((v, k) => `${formatNumber(v)} at seed ${s.seeds[k]}`).join(', ');
    lines.push(`seeds: the best's ${r.objective} ${formatNumber(s.mean)} ± ${formatNumber(s.std)} over ${s.values.length} training seeds (${each}${s.failed ? `; ${s.failed} more diverged` : ''})`);
  }
  for (const e of f.edges) {
    const where = e.side === 'low' ? 'lowest' : 'highest';
    lines.push(`at an edge: the best ${named(e.name)} ${formatValue(e.value)} is among the ${where} values searched (${e.searched}): a better one may lie ${e.side === 'low' ? 'below' : 'above'} it; widen ${named(e.name)}`);
  }
  if (f.noise) {
    const others = f.withinNoise.filter((t) => t !== best.number);
    lines.push(others.length === 0
      ? `noise: no other trial is within ${formatNumber(f.noise.value)} of the best (${f.noise.basis})`
      : `noise: ${others.length} other trial${others.length === 1 ? ' is' : 's are'} within ${formatNumber(f.noise.value)} of the best (${f.noise.basis}): #${others.slice(0, 8).join(', #')}${others.length > 8 ? ', ...' : ''}; their order is chance`);
  } else lines.push(`noise: not measured for ${r.objective} on one validation split (the best was not trained at other seeds: a study run, not a report, with ${named('bestSeeds')} N of 2 or more does); ${named('cv')} K (cross-validation folds) gives each trial a spread`);
  return lines;
}
