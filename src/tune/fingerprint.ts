// Fingerprints of a study's data and space, stored in the journal's first line so that a journal
// is never continued with another data set or another search space.

import { createHash } from 'node:crypto';
import type { Dataset } from '../data/synthetic.js';
import { canonical, formatValue, type SearchSpace } from './space.js';
import type { StudyHeader } from './storage/storage.js';

function hashDatasets(sets: Dataset[], extra: string): string {
  const h = createHash('sha256');
  for (const d of sets) {
    h.update(`${d.X.rows}x${d.X.cols}:${d.task}:${(d.classes ?? []).join('\u0000')}`);
    h.update(new Uint8Array(d.X.data.buffer, d.X.data.byteOffset, d.X.data.byteLength));
    h.update(new Uint8Array(d.Y.data.buffer, d.Y.data.byteOffset, d.Y.data.byteLength));
  }
  return h.update(extra).digest('hex').slice(0, 16);
}

const describeSpace = (space: SearchSpace) => Object.entries(space).map(([k, d]) =>
  d.dimension === 'choice' ? `${k} ${d.choices.map(formatValue).join('|')}` : `${k} ${d.log ? 'log:' : ''}${d.low}..${d.high}`).join(', ');

/** The header of a study of `space` (with fixed fields `fixed`) on this data, validated this way. */
export function studyHeader(o: { train: Dataset; validation?: Dataset; validationText: string; name: string; space: SearchSpace; fixed: object; objective: string; direction: 'minimize' | 'maximize' }): StudyHeader {
  return {
    data: { hash: hashDatasets(o.validation ? [o.train, o.validation] : [o.train], o.validationText), description: `${o.name}, ${o.train.X.cols} examples, ${o.validationText}` },
    space: { hash: createHash('sha256').update(canonical({ space: o.space, fixed: o.fixed })).digest('hex').slice(0, 16), description: describeSpace(o.space) },
    objective: o.objective, direction: o.direction,
  };
}
