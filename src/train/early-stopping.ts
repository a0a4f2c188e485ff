// One rule for the earlyStopping option of fit and of trainModel's spec: an object with a whole
// patience, and no key that is not a setting. `true`, `{}` or `{ patince: 5 }` trained every epoch
// and never stopped (patience was undefined), and fit's `monitor: 'loss'` watched the training cost,
// silently. Pure: it runs in a browser.

import { jsonValueText } from '../util/json.js';
import { unknownKey } from '../util/known-keys.js';
import { givenText, wholeNumberProblem } from '../util/bounds.js';

/** What is wrong with `es` as an earlyStopping option whose keys are `keys`, said from 'earlyStopping', or undefined (undefined and false: no early stopping). */
export function earlyStoppingProblem(es: unknown, keys: readonly string[]): string | undefined {
  if (es === undefined || es === false) return undefined;
  const example = '{ patience: 10 }';
  if (es === null || typeof es !== 'object' || Array.isArray(es)) return `earlyStopping must be an object such as ${example} (epochs without improvement before stopping), got ${jsonValueText(es)}`;
  const unknown = unknownKey(es, keys);
  if (unknown) return `earlyStopping: unknown option '${unknown.key}'${unknown.near ? ` (did you mean '${unknown.near}'?)` : ''}; the options are ${keys.join(', ')}`;
  const { patience, minDelta, monitor } = es as { patience?: unknown; minDelta?: unknown; monitor?: unknown };
  if (patience === undefined) return `earlyStopping.patience is missing: give the epochs without improvement before stopping, e.g. ${example}`;
  const whole = wholeNumberProblem(patience, 'earlyStopping.patience', 1, Number.MAX_SAFE_INTEGER);
  if (whole) return whole;
  if (minDelta !== undefined && !(typeof minDelta === 'number' && minDelta >= 0 && Number.isFinite(minDelta))) return `earlyStopping.minDelta must be a number >= 0, got ${givenText(minDelta)}`;
  if (monitor !== undefined && monitor !== 'valCost' && monitor !== 'cost') return `earlyStopping.monitor must be 'valCost' or 'cost', got ${jsonValueText(monitor)}`;
  return undefined;
}
