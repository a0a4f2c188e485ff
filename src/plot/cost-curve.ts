// The cost curve: training cost per epoch, validation and test cost after each epoch, and with
// history.iterations the cost of single steps (SGD's and mini-batch's noise).
// x is the course's iteration (updates made before the cost) for full batch, where epoch e's cost
// is iteration e - 1 and a validation or test cost after the epoch's update is iteration e; with
// mini-batches x is the epoch, or the iteration when single steps were recorded (an epoch's mean
// cost drawn at the middle of its steps).

import type { TopLevelSpec } from 'vega-lite';
import type { ChartSpec } from './spec.js';
import type { History } from '../train/fit.js';
import { trainingChartFrame } from './line-chart.js';

export interface CostCurveExtras {
  /** The test cost after each epoch's updates (TrainResult.testCost). */
  testCost?: number[];
}

interface Point { x: number; cost: number; set: string }

const SERIES = [
  { set: 'train', color: '#1f77b4' },
  { set: 'train, epoch mean', color: '#1f77b4' },
  { set: 'validation', color: '#ff7f0e' },
  { set: 'test', color: '#2ca02c' },
  { set: 'train, one step', color: '#9ecae1' },
];

/** Steps in epoch i (1 for full batch). */
const stepsOf = (h: History, i: number) => (h.iteration[i + 1] ?? h.iterationsRun) - h.iteration[i]!;

export function costCurveSpec(history: History, title = 'Cost', extras: CostCurveExtras = {}): ChartSpec {
  const fullBatch = history.epoch.every((_, i) => stepsOf(history, i) === 1);
  const byIteration = fullBatch || history.iterations.length > 0;
  const values: Point[] = [];
  history.iterations.forEach((it) => { if (!fullBatch) values.push({ x: it.iteration, cost: it.cost, set: 'train, one step' }); });
  history.epoch.forEach((e, i) => {
    const first = history.iteration[i]!, steps = stepsOf(history, i);
    const during = byIteration ? first + (steps - 1) / 2 : e, after = byIteration ? first + steps : e;
    values.push({ x: during, cost: history.cost[i]!, set: fullBatch ? 'train' : 'train, epoch mean' });
    if (history.valCost[i] !== undefined) values.push({ x: after, cost: history.valCost[i]!, set: 'validation' });
    if (extras.testCost?.[i] !== undefined) values.push({ x: after, cost: extras.testCost[i]!, set: 'test' });
  });
  const sets = SERIES.filter((d) => values.some((v) => v.set === d.set));
  const xTitle = !byIteration ? 'epoch' : fullBatch ? 'iteration (updates before the cost; epoch - 1 for the training cost)' : 'iteration (updates before the cost)';
  const color = { field: 'set', type: 'nominal', title: null, scale: { domain: sets.map((d) => d.set), range: sets.map((d) => d.color) } } as const;
  const x = { field: 'x', type: 'quantitative', title: xTitle } as const;
  const y = { field: 'cost', type: 'quantitative', title: 'cost J', scale: { zero: false } } as const;
  const spec: TopLevelSpec = {
    ...trainingChartFrame(title, values),
    layer: [
      { transform: [{ filter: "datum.set === 'train, one step'" }], mark: { type: 'line', strokeWidth: 0.8 }, encoding: { x, y, color } },
      { transform: [{ filter: "datum.set !== 'train, one step'" }], mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y, color } },
    ],
  };
  return spec as unknown as ChartSpec;
}
