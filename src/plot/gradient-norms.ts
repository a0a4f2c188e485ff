// ||dW[l]|| per layer per epoch, on a log scale: vanishing gradients (saturated sigmoid/tanh layers)
// show as lines far below the others, exploding ones as lines shooting up.

import type { TopLevelSpec } from 'vega-lite';
import type { ChartSpec } from './spec.js';
import type { History } from '../train/fit.js';

export function gradientNormsSpec(history: History, title = 'Gradient norms per layer'): ChartSpec {
  const values: { epoch: number; norm: number; layer: string }[] = [];
  history.gradientNorms.forEach((norms, i) => {
    norms.forEach((norm, l) => { if (norm > 0) values.push({ epoch: history.epoch[i]!, norm, layer: `dW[${l + 1}]` }); });
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
      y: { field: 'norm', type: 'quantitative', title: '||dW[l]|| (Frobenius, mean over the epoch)', scale: { type: 'log' } },
      color: { field: 'layer', type: 'nominal', title: null, sort: null },
    },
  };
  return spec as unknown as ChartSpec;
}
