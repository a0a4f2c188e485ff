// Learning-rate decay: alpha as a function of the epoch number (0-based), from alpha0.
//   step:        alpha0 * dropRate^floor(epoch / every)
//   exponential: alpha0 * rate^epoch                         (the course: 0.95^epoch * alpha0)
//   inverseTime: alpha0 / (1 + decayRate * floor(epoch / every))   (the course's "1/t" decay)

import { givenText } from '../util/bounds.js';
import { checkKnownKeys } from '../util/known-keys.js';
import { OptionError } from '../errors.js';

export type Schedule =
  | { type: 'constant' }
  | { type: 'step'; dropRate: number; every: number }
  | { type: 'exponential'; rate: number }
  | { type: 'inverseTime'; decayRate: number; every?: number };

/** The learning rate of a schedule after `epoch` epochs (0 for the first): alpha0 unchanged, stepped, exponential or inverse-time decay. */
export function learningRateAt(alpha0: number, schedule: Schedule | undefined, epoch: number): number {
  // an epoch of NaN or -1 gave a NaN or growing rate, silently
  if (!(Number.isInteger(epoch) && epoch >= 0)) throw new OptionError(`learningRateAt: epoch must be a whole number >= 0 (the epochs done; 0 for the first), got ${givenText(epoch)}`);
  if (!(typeof alpha0 === 'number' && alpha0 > 0 && Number.isFinite(alpha0))) throw new OptionError(`learningRateAt: alpha0 must be a positive number (the starting learning rate), got ${givenText(alpha0)}`);
  if (!schedule) return alpha0;
  switch (schedule.type) {
    case 'constant': return alpha0;
    case 'step': return alpha0 * Math.pow(schedule.dropRate, Math.floor(epoch / schedule.every));
    case 'exponential': return alpha0 * Math.pow(schedule.rate, epoch);
    case 'inverseTime': return alpha0 / (1 + schedule.decayRate * Math.floor(epoch / (schedule.every ?? 1)));
    default:
      throw new OptionError(`unknown learning-rate schedule '${String((schedule as { type: unknown }).type)}'; expected constant, step, exponential or inverseTime`);
  }
}

/** The keys of each schedule beside its type. */
const SCHEDULE_KEYS = { constant: [], step: ['dropRate', 'every'], exponential: ['rate'], inverseTime: ['decayRate', 'every'] } as const;

export function checkSchedule(schedule: Schedule | undefined): void {
  if (!schedule) return;
  // { schedule: 'exp' } said "unknown learning-rate schedule 'undefined'"
  if (typeof schedule !== 'object' || !Object.hasOwn(SCHEDULE_KEYS, (schedule as { type?: unknown }).type as string)) {
    const type = typeof schedule === 'object' ? `{ type: ${givenText((schedule as { type?: unknown }).type)} }` : givenText(schedule);
    throw new OptionError(`schedule must be { type: 'constant' | 'step' | 'exponential' | 'inverseTime', ... }, got ${type}`);
  }
  // a misspelt key ({ type: 'exponential', decayRate: 0.5 }) said 'rate must be a positive number, got undefined'
  const known = SCHEDULE_KEYS[schedule.type as keyof typeof SCHEDULE_KEYS];
  if (known) checkKnownKeys(schedule, ['type', ...known], `learning-rate schedule ${schedule.type}`, (m) => new OptionError(m));
  const bad = (what: string, v: unknown) => { throw new OptionError(`learning-rate schedule ${schedule.type}: ${what} must be a positive number, got ${givenText(v)}`); };
  if (schedule.type === 'step') {
    if (!(typeof schedule.dropRate === 'number' && schedule.dropRate > 0)) bad('dropRate', schedule.dropRate);
    checkDecays(schedule.type, 'dropRate', schedule.dropRate, 'dropRate^floor(epoch / every)');
    if (!(typeof schedule.every === 'number' && schedule.every >= 1)) bad('every', schedule.every);
  } else if (schedule.type === 'exponential') {
    if (!(typeof schedule.rate === 'number' && schedule.rate > 0)) bad('rate', schedule.rate);
    checkDecays(schedule.type, 'rate', schedule.rate, 'rate^epoch');
  } else if (schedule.type === 'inverseTime') {
    if (!(typeof schedule.decayRate === 'number' && schedule.decayRate >= 0)) bad('decayRate', schedule.decayRate);
    if (schedule.every !== undefined && !(typeof schedule.every === 'number' && schedule.every >= 1)) bad('every', schedule.every);
  }
  learningRateAt(1, schedule, 0);
}

/** A decay's factor is at most 1: above 1, alpha0 * factor^k would make the learning rate grow each time (and soon diverge). */
function checkDecays(type: string, name: string, factor: number, formula: string): void {
  if (factor > 1) throw new OptionError(`learning-rate schedule ${type}: ${name} must be in (0, 1] (the learning rate is alpha0 * ${formula}: above 1 it grows instead of decaying), got ${factor}`);
}

/**
 * A schedule in words from alpha0, for a report: the formula in e, the epochs done before the epoch
 * it sets (so epoch 1 runs at alpha0), and the first epoch, counted from 1, whose rate differs.
 * 'the learning rate 0.1 / (1 + 1 * floor(e / 1000)) after e epochs (0.05 from epoch 1001)'.
 */
export function scheduleText(alpha0: number, schedule: Schedule | undefined, epochs: number, num: (v: number) => string = String): string {
  let formula: string;
  switch (schedule?.type) {
    case 'step': formula = `${num(alpha0)} * ${num(schedule.dropRate)}^floor(e / ${schedule.every})`; break;
    case 'exponential': formula = `${num(alpha0)} * ${num(schedule.rate)}^e`; break;
    case 'inverseTime': formula = `${num(alpha0)} / (1 + ${num(schedule.decayRate)} * floor(e / ${schedule.every ?? 1}))`; break;
    default: return `learning rate ${num(alpha0)}`;
  }
  let first = 1;
  while (first < epochs && learningRateAt(alpha0, schedule, first) === alpha0) first++;
  const change = first < epochs ? ` (${num(learningRateAt(alpha0, schedule, first))} from epoch ${first + 1})` : ' (unchanged in these epochs)';
  return `learning rate ${formula} after e epochs${change}`;
}
