// For 2-D inputs: the model's output over a grid as a heat map, with the data points over it.

import type { TopLevelSpec } from 'vega-lite';
import type { ChartSpec } from './spec.js';
import { Matrix } from '../tensor/matrix.js';
import type { Network } from '../nn/network.js';
import { argmaxColumns } from '../tensor/ops.js';
import { checkKnownKeys } from '../util/known-keys.js';
import { OptionError } from '../errors.js';

export interface BoundaryOptions {
  /** Grid cells per side (default 80). */
  resolution?: number;
  classes?: string[];
  /** Turns raw 2-D points into the network's inputs (e.g. standardization); default identity. */
  transform?: (X: Matrix) => Matrix;
  title?: string;
}

const BOUNDARY_KEYS = ['resolution', 'classes', 'transform', 'title'] as const satisfies readonly (keyof BoundaryOptions)[];

export function decisionBoundarySpec(net: Network, X: Matrix, labels: ArrayLike<number>, options: BoundaryOptions = {}): ChartSpec {
  checkKnownKeys(options, BOUNDARY_KEYS, 'decisionBoundarySpec', (m) => new OptionError(m));
  if (X.rows !== 2) throw new OptionError(`a decision boundary needs 2-D data, this data has ${X.rows} features`);
  const res = options.resolution ?? 80;
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let j = 0; j < X.cols; j++) {
    x0 = Math.min(x0, X.get(0, j)); x1 = Math.max(x1, X.get(0, j));
    y0 = Math.min(y0, X.get(1, j)); y1 = Math.max(y1, X.get(1, j));
  }
  const px = (x1 - x0) * 0.05 || 1, py = (y1 - y0) * 0.05 || 1;
  x0 -= px; x1 += px; y0 -= py; y1 += py;
  const dx = (x1 - x0) / res, dy = (y1 - y0) / res;
  const G = new Matrix(2, res * res, undefined, 'float64');
  for (let i = 0; i < res; i++) for (let j = 0; j < res; j++) {
    G.set(0, i * res + j, x0 + (j + 0.5) * dx);
    G.set(1, i * res + j, y0 + (i + 0.5) * dy);
  }
  const A = net.predictProba(options.transform ? options.transform(G) : G);
  const multi = A.rows > 1;
  const predicted = multi ? argmaxColumns(A) : undefined;
  const name = (c: number) => options.classes?.[c] ?? String(c);
  const cells = Array.from({ length: res * res }, (_, k) => ({
    x: G.get(0, k) - dx / 2, x2: G.get(0, k) + dx / 2, y: G.get(1, k) - dy / 2, y2: G.get(1, k) + dy / 2,
    value: multi ? name(predicted![k]!) : A.data[k]!,
  }));
  const points = Array.from({ length: X.cols }, (_, j) => ({ px: X.get(0, j), py: X.get(1, j), label: name(labels[j]!) }));
  const xs = { field: 'x', type: 'quantitative' as const, title: 'x1', scale: { domain: [x0, x1], nice: false } };
  const ys = { field: 'y', type: 'quantitative' as const, title: 'x2', scale: { domain: [y0, y1], nice: false } };
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: options.title ?? 'Decision boundary',
    width: 480,
    height: 480,
    resolve: { scale: { color: 'independent' } },
    layer: [
      {
        data: { values: cells },
        mark: { type: 'rect', opacity: multi ? 0.35 : 0.8 },
        encoding: {
          x: xs, x2: { field: 'x2' }, y: ys, y2: { field: 'y2' },
          color: multi
            ? { field: 'value', type: 'nominal', title: 'predicted', legend: null }
            : { field: 'value', type: 'quantitative', title: 'P(class 1)', scale: { scheme: 'redblue', domain: [0, 1] } },
        },
      },
      {
        data: { values: points },
        mark: { type: 'circle', size: 28, stroke: 'black', strokeWidth: 0.6, opacity: 1 },
        encoding: {
          x: { field: 'px', type: 'quantitative', scale: { domain: [x0, x1], nice: false } },
          y: { field: 'py', type: 'quantitative', scale: { domain: [y0, y1], nice: false } },
          color: { field: 'label', type: 'nominal', title: 'class', scale: multi ? undefined : { range: ['#d62728', '#1f77b4'] } },
        },
      },
    ],
  };
  return spec as unknown as ChartSpec;
}
