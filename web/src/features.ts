// The input features of the playground: each is a function of the raw point (x1, x2).
// The model file names them (features: ["x1", "x2", "x1^2"]) so other programs can rebuild X.

import { Matrix, type Preprocessing } from '../../src/index.js';

export const FEATURE_NAMES = ['x1', 'x2', 'x1^2', 'x2^2', 'x1*x2', 'sin(x1)', 'sin(x2)'] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** Each feature: its display label and its value at (x1, x2). */
export const FEATURES: Record<FeatureName, { label: string; f: (x1: number, x2: number) => number }> = {
  'x1': { label: 'x₁', f: (a) => a },
  'x2': { label: 'x₂', f: (_a, b) => b },
  'x1^2': { label: 'x₁²', f: (a) => a * a },
  'x2^2': { label: 'x₂²', f: (_a, b) => b * b },
  'x1*x2': { label: 'x₁·x₂', f: (a, b) => a * b },
  'sin(x1)': { label: 'sin(x₁)', f: (a) => Math.sin(a) },
  'sin(x2)': { label: 'sin(x₂)', f: (_a, b) => Math.sin(b) },
};

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
