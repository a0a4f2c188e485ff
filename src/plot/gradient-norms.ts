// ||dW[l]|| per layer per epoch, on a log scale: vanishing gradients (saturated sigmoid/tanh layers)
// show as lines far below the others, exploding ones as lines shooting up.

import type { ChartSpec } from './spec.js';
import type { History } from '../train/fit.js';
import { epochLineChart } from './line-chart.js';

export function gradientNormsSpec(history: History, title = 'Gradient norms per layer'): ChartSpec {
  const values: { epoch: number; norm: number; layer: string }[] = [];
  history.gradientNorms.forEach((norms, i) => {
    norms.forEach((norm, l) => { if (norm > 0) values.push({ epoch: history.epoch[i]!, norm, layer: `dW[${l + 1}]` }); });
  });
  return epochLineChart(title, values, { field: 'norm', title: '||dW[l]|| (Frobenius, mean over the epoch)', log: true }, { field: 'layer' });
}
