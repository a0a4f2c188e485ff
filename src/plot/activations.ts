// The activations of the notes as a picture: g(z) and its derivative g'(z) for each, side by side,
// computed by the library's own activations (the functions backprop uses, not a copy of them).

import type { TopLevelSpec } from 'vega-lite';
import type { ChartSpec } from './spec.js';
import { getActivation, type ActivationSpec } from '../nn/activations.js';

export const PLOTTED_ACTIVATIONS: readonly ActivationSpec[] = ['sigmoid', 'tanh', 'relu', { name: 'leakyRelu', alpha: 0.1 }, 'elu', 'selu', 'linear'];

const label = (a: ActivationSpec) => (typeof a === 'string' ? a : `${a.name}(${a.alpha})`);

/** g(z) and g'(z) on z in [from, to], sampled at `samples` points. */
export function activationValues(activations: readonly ActivationSpec[] = PLOTTED_ACTIVATIONS, from = -3, to = 3, samples = 121): { activation: string; z: number; value: number; curve: string }[] {
  const out: { activation: string; z: number; value: number; curve: string }[] = [];
  for (const spec of activations) {
    const g = getActivation(spec);
    for (let k = 0; k < samples; k++) {
      const z = from + ((to - from) * k) / (samples - 1);
      out.push({ activation: label(spec), z, value: g.output(z), curve: 'g(z)' });
      out.push({ activation: label(spec), z, value: g.derivative(z), curve: "g'(z)" });
    }
  }
  return out;
}

export function activationsSpec(activations: readonly ActivationSpec[] = PLOTTED_ACTIVATIONS): ChartSpec {
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: "Activations g(z) and their derivatives g'(z)",
    data: { values: activationValues(activations) },
    facet: { field: 'activation', type: 'nominal', title: null, sort: activations.map(label) },
    columns: 4,
    spec: {
      width: 170,
      height: 130,
      mark: { type: 'line', strokeWidth: 2, clip: true },
      encoding: {
        x: { field: 'z', type: 'quantitative', title: 'z' },
        y: { field: 'value', type: 'quantitative', title: null, scale: { domain: [-2, 3] } },
        color: { field: 'curve', type: 'nominal', title: null, sort: ['g(z)', "g'(z)"], scale: { range: ['#1f77b4', '#d62728'] } },
      },
    },
  };
  return spec as unknown as ChartSpec;
}
