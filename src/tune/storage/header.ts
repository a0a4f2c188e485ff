// The check that keeps a study to one data set, space and objective: a store (journal file or
// database study) written for another is refused, naming what differs.

import { OptionError } from '../../errors.js';
import type { StudyHeader } from './storage.js';

/**
 * Refuse to continue a study with another data set, space or objective. `label` names the study as
 * the user gave it (`--study FILE`, `--study-name NAME`), `hint` what to do instead.
 */
export function checkHeader(label: string, had: StudyHeader, now: StudyHeader, hint: string): void {
  const refuse = (what: string, was: string, is: string) => {
    throw new OptionError(`${label}: was written for ${what} (${was}), not this one (${is}); ${hint}`);
  };
  if (had.data?.hash !== now.data.hash) {
    // the same file, the same count: a value changed in it (the two descriptions read alike)
    const same = had.data?.description === now.data.description;
    if (same) throw new OptionError(`${label}: was written for ${now.data.description} with other values: the data changed since (a cell edited, rows reordered); ${hint}`);
    refuse('another data set', had.data?.description ?? '?', now.data.description);
  }
  if (had.space?.hash !== now.space.hash && had.space?.description === now.space.description) {
    // the fixed options are not in the description: name those that differ ('--epochs 4' on a study of 3 said only '(--lr log:...)')
    const fixed = fixedDifferences(had.settings?.fixed, now.settings?.fixed);
    if (fixed) throw new OptionError(`${label}: was written for other fixed training options (${fixed}); ${hint}`);
    throw new OptionError(`${label}: was written for other training options or search space than these, described alike (${now.space.description}); ${hint}`);
  }
  if (had.space?.hash !== now.space.hash) refuse('another search space or training options', had.space?.description ?? '?', now.space.description);
  if (had.objective !== now.objective || had.direction !== now.direction) refuse('another objective', `${had.objective}, ${had.direction}`, `${now.objective}, ${now.direction}`);
}

const shown = (v: unknown) => (v === undefined ? 'not given' : JSON.stringify(v));

/** The fixed training options (header.settings.fixed) that differ: 'epochs 3 then, 4 now', or undefined when either header lacks them. */
function fixedDifferences(had: unknown, now: unknown): string | undefined {
  if (!had || !now || typeof had !== 'object' || typeof now !== 'object') return undefined;
  const a = had as Record<string, unknown>, b = now as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  return keys.length ? keys.map((k) => `${k} ${shown(a[k])} then, ${shown(b[k])} now`).join('; ') : undefined;
}
