// The cost curve: training (and validation) cost per epoch.

import type { TopLevelSpec } from 'vega-lite';
import type { ChartSpec } from './spec.js';
import type { History } from '../train/fit.js';

export function costCurveSpec(history: History, title = 'Cost per epoch'): ChartSpec {
  const values: { epoch: number; cost: number; set: string }[] = [];
  history.epoch.forEach((e, i) => {
    values.push({ epoch: e, cost: history.cost[i]!, set: 'train' });
    if (history.valCost[i] !== undefined) values.push({ epoch: e, cost: history.valCost[i]!, set: 'validation' });
  });
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    width: 560,
    height: 320,
    data: { values },
    mark: { type: 'line', strokeWidth: 2 },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', title: 'epoch' },
      y: { field: 'cost', type: 'quantitative', title: 'cost J', scale: { zero: false } },
      color: { field: 'set', type: 'nominal', title: null, scale: { range: ['#1f77b4', '#ff7f0e'] } },
    },
  };
  return spec as unknown as ChartSpec;
}
