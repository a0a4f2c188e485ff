// The training charts' common frame (schema, title, size, data), and a line per series against the
// epoch (gradient norms).

import type { TopLevelSpec } from 'vega-lite';
import type { ChartSpec } from './spec.js';

/** The part every training chart shares: vega-lite's schema, the title, a 560 x 320 plot, the rows. */
export function trainingChartFrame(title: string, values: readonly object[]) {
  return { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', title, width: 560, height: 320, data: { values } };
}

/** values: {epoch, [y]: number, [series]: string} rows; y is the quantity, series the line it belongs to. */
export function epochLineChart(title: string, values: Record<string, unknown>[], y: { field: string; title: string; log?: boolean }, series: { field: string; colors?: string[] }): ChartSpec {
  const spec: TopLevelSpec = {
    ...trainingChartFrame(title, values),
    mark: { type: 'line', strokeWidth: 2 },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', title: 'epoch' },
      y: { field: y.field, type: 'quantitative', title: y.title, scale: y.log ? { type: 'log' } : { zero: false } },
      color: { field: series.field, type: 'nominal', title: null, sort: null, ...(series.colors ? { scale: { range: series.colors } } : {}) },
    },
  };
  return spec as unknown as ChartSpec;
}
