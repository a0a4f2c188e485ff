// The chart of a study: the objective of each trial with the best so far, and beside it one small
// plot per parameter against the objective.

import type { TopLevelSpec } from 'vega-lite';
import type { ChartSpec } from './spec.js';
import { formatValue } from '../tune/space.js';
import type { StudyResult } from '../tune/tune.js';

export function tuneSpec(r: StudyResult, title = 'Study'): ChartSpec {
  const done = r.trials.filter((t) => t.state === 'complete' && Number.isFinite(t.value));
  let best: number | undefined;
  const history = done.map((t) => {
    best = best === undefined || (r.direction === 'minimize' ? t.value! < best : t.value! > best) ? t.value! : best;
    return { trial: t.number, value: t.value!, best };
  });
  const names = Object.keys(r.space);
  const rows = done.map((t) => ({ value: t.value!, ...Object.fromEntries(names.map((n) => [n, typeof t.params[n] === 'number' ? t.params[n] : formatValue(t.params[n]!)])) }));
  const y = { field: 'value', type: 'quantitative' as const, title: r.objective, scale: { zero: false } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    vconcat: [
      {
        width: 560, height: 220, data: { values: history },
        layer: [
          { mark: { type: 'point', filled: true }, encoding: { x: { field: 'trial', type: 'quantitative' }, y } },
          { mark: { type: 'line', interpolate: 'step-after', color: '#d62728' }, encoding: { x: { field: 'trial', type: 'quantitative' }, y: { field: 'best', type: 'quantitative', title: r.objective } } },
        ],
      },
      {
        data: { values: rows },
        hconcat: names.map((n) => {
          const d = r.space[n]!;
          const x = d.dimension === 'choice' ? { field: n, type: 'ordinal' as const } : { field: n, type: 'quantitative' as const, scale: { type: d.log ? 'log' as const : 'linear' as const } };
          return { width: 160, height: 160, mark: { type: 'point' as const, filled: true }, encoding: { x, y } };
        }),
      },
    ],
  } satisfies TopLevelSpec as unknown as ChartSpec;
}
