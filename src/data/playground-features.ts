// The playground's input features: each a function of a raw point (x1, x2). A model the page exports
// names them in its preprocessing ({ format: 'playground', inputs: ['x1', 'x2'], features: [...] }), so
// that the model reads raw points: Model.predict and the command line compute the features from x1 and x2
// (the command line refused the page's model with "options.schema must be the schema loadDataset
// returned", and Model.predict took (x1, x2) for a network of x1², x2², ... as "2 features, expects 4").

import { DataError, ModelFileError } from '../errors.js';
import { Matrix } from '../tensor/matrix.js';
import type { PlaygroundSchema } from './schema.js';

/** Each feature's value at the point (x1, x2). */
export const PLAYGROUND_FEATURES = {
  'x1': (x1: number) => x1,
  'x2': (_x1: number, x2: number) => x2,
  'x1^2': (x1: number) => x1 * x1,
  'x2^2': (_x1: number, x2: number) => x2 * x2,
  'x1*x2': (x1: number, x2: number) => x1 * x2,
  'sin(x1)': (x1: number) => Math.sin(x1),
  'sin(x2)': (_x1: number, x2: number) => Math.sin(x2),
} as const;

export type PlaygroundFeature = keyof typeof PLAYGROUND_FEATURES;
export const PLAYGROUND_FEATURE_NAMES = Object.keys(PLAYGROUND_FEATURES) as PlaygroundFeature[];

const isFeature = (name: unknown): name is PlaygroundFeature => typeof name === 'string' && Object.hasOwn(PLAYGROUND_FEATURES, name);

/** The schema's features, checked: names of the playground's features, of the raw inputs x1 and x2. */
function featuresOf(schema: PlaygroundSchema): PlaygroundFeature[] {
  const inputs = schema.inputs as unknown;
  if (!Array.isArray(inputs) || inputs.length !== 2 || inputs[0] !== 'x1' || inputs[1] !== 'x2') {
    throw new ModelFileError(`preprocessing.data: a playground model's "inputs" must be ["x1", "x2"], got ${JSON.stringify(inputs)}`);
  }
  const features = schema.features as unknown;
  const bad = Array.isArray(features) ? features.find((f) => !isFeature(f)) : features;
  if (!Array.isArray(features) || bad !== undefined) {
    throw new ModelFileError(`preprocessing.data: a playground model's "features" must name features among ${PLAYGROUND_FEATURE_NAMES.join(', ')}; got ${JSON.stringify(bad)}`);
  }
  return features as PlaygroundFeature[];
}

/** Whether the schema's features are the raw inputs themselves (x1, x2): nothing to compute. */
export const isRawPlayground = (schema: PlaygroundSchema) => featuresOf(schema).join(',') === 'x1,x2';

/**
 * X of the model's features (n_x x m) from the raw points P (2 x m: the rows x1 and x2, one point per
 * column): row i is `features[i](x1, x2)`, e.g. x1², sin(x2).
 */
export function playgroundFeatureMatrix(schema: PlaygroundSchema, P: Matrix): Matrix {
  const features = featuresOf(schema);
  if (P.rows !== 2) throw new DataError(`a playground model reads points (x1, x2): 2 values per example, got ${P.rows}`);
  const m = P.cols;
  const X = new Matrix(features.length, m, undefined, P.dtype);
  features.forEach((name, i) => {
    const f = PLAYGROUND_FEATURES[name];
    for (let j = 0; j < m; j++) X.data[i * m + j] = f(P.data[j]!, P.data[m + j]!);
  });
  return X;
}
