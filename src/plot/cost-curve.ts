// The cost curve: training (and validation) cost per epoch.

import type { ChartSpec } from './spec.js';
import type { History } from '../train/fit.js';
import { epochLineChart } from './line-chart.js';

export function costCurveSpec(history: History, title = 'Cost per epoch'): ChartSpec {
  const values: { epoch: number; cost: number; set: string }[] = [];
  history.epoch.forEach((e, i) => {
    values.push({ epoch: e, cost: history.cost[i]!, set: 'train' });
    if (history.valCost[i] !== undefined) values.push({ epoch: e, cost: history.valCost[i]!, set: 'validation' });
  });
  return epochLineChart(title, values, { field: 'cost', title: 'cost J' }, { field: 'set', colors: ['#1f77b4', '#ff7f0e'] });
}
