// The input features of the playground: each is a function of the raw point (x1, x2).
// The model file names them (features: ["x1", "x2", "x1^2"]) so other programs can rebuild X.

import { Matrix, PLAYGROUND_FEATURE_NAMES, PLAYGROUND_FEATURES, type PlaygroundFeature, type Preprocessing } from '../../src/index.js';

export const FEATURE_NAMES: readonly PlaygroundFeature[] = PLAYGROUND_FEATURE_NAMES;
export type FeatureName = PlaygroundFeature;

const LABELS: Record<FeatureName, string> = { 'x1': 'x₁', 'x2': 'x₂', 'x1^2': 'x₁²', 'x2^2': 'x₂²', 'x1*x2': 'x₁·x₂', 'sin(x1)': 'sin(x₁)', 'sin(x2)': 'sin(x₂)' };

/** Each feature: its display label and its value at (x1, x2): the library's, which a model the page exports is read with. */
export const FEATURES = Object.fromEntries(FEATURE_NAMES.map((n) => [n, { label: LABELS[n], f: PLAYGROUND_FEATURES[n] as (x1: number, x2: number) => number }])) as
  Record<FeatureName, { label: string; f: (x1: number, x2: number) => number }>;

export const isFeatureName = (s: string): s is FeatureName => (FEATURE_NAMES as readonly string[]).includes(s);

/** X (n_x x m, one example per column) for the points (x1[j], x2[j]), j in `index` (all when omitted). */
export function featureMatrix(names: readonly FeatureName[], x1: ArrayLike<number>, x2: ArrayLike<number>, index?: ArrayLike<number>): Matrix {
  const m = index ? index.length : x1.length;
  const X = new Matrix(names.length, m, undefined, 'float64');
  names.forEach((name, i) => {
    const f = FEATURES[name].f;
    for (let c = 0; c < m; c++) {
      const j = index ? index[c]! : c;
      X.data[i * m + c] = f(x1[j]!, x2[j]!);
    }
  });
  return X;
}

/** The model file's "preprocessing": how a point (x1, x2) becomes the features. */
export function featurePreprocessing(names: readonly FeatureName[]): Preprocessing {
  return {
    data: {
      format: 'playground',
      inputs: ['x1', 'x2'],
      features: [...names],
      definitions: Object.fromEntries(names.map((n) => [n, n === 'x1*x2' ? 'x1 * x2' : n])),
    },
  };
}
