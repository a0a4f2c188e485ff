// Built-in datasets generated in code, seeded, with a noise level. Each gives X (2 x m, one
// example per column) and Y (1 x m: class index 0/1/.. or a real value for regression).
//   flower:         the course's planar "flower" (load_planar_dataset, reproduced exactly for seed 1)
//   circle, xor, gaussians, spiral: TensorFlow Playground's classification sets (labels 0/1)
//   spiral3:        a k-class spiral for softmax (k = 3 by default)
//   linear:         a separable 2-class set: label 1 above the line x2 = 0.5 x1 (plus noise)
//   circles, moons: scikit-learn's make_circles and make_moons, draw for draw (the course's
//                   initialisation and optimisation data at their defaults)
//   plane, multiGaussian: TensorFlow Playground's regression sets

import { Matrix } from '../tensor/matrix.js';
import { Random } from '../tensor/random.js';
import { checkKnownKeys } from '../util/known-keys.js';
import { givenText, seedProblem, wholeNumberProblem } from '../util/bounds.js';
import { OptionError } from '../errors.js';

export interface Dataset {
  name: string;
  X: Matrix;
  Y: Matrix;
  /** multilabel: Y is k x m of 0/1, one row per label (classes then name the labels). */
  task: 'binary' | 'multiclass' | 'multilabel' | 'regression';
  /** Class names in index order (classification); the labels' names, one per row of Y (multilabel). */
  classes?: string[];
  featureNames: string[];
  /** True when the file had no labels (a predict file); Y is then NaN. */
  unlabeled?: boolean;
  /** Image folders: the file of each example (column of X), relative to the folder, in order. */
  files?: string[];
  /**
   * CSV read with { missing: 'mean' } and no deferMissing: the cells of X (flat indices f * m + j) that
   * were empty and hold the mean of the file's rows. trainModel fills them again with the means of its
   * training rows after its split, so the test rows' values do not leak into the model.
   */
  missingCells?: Uint32Array;
}

/** Every field a Dataset may have: a Dataset built by hand with another ({ clases }, { featurenames }) is refused, not read without it. */
export const DATASET_FIELDS = ['name', 'X', 'Y', 'task', 'classes', 'featureNames', 'unlabeled', 'files', 'missingCells'] as const satisfies readonly (keyof Dataset)[];

/**
 * When `v`, given as the Dataset at `at` ('trainModel: data.train'), is loadDataset's whole result
 * ({ dataset, schema, ... }): what to give of it (it was told "unknown field 'dataset'"); else undefined.
 */
export function loadResultProblem(v: unknown, at: string): string | undefined {
  if (v === null || typeof v !== 'object' || !('dataset' in v) || 'X' in v) return undefined;
  // tune's data has no schema (its trials' models are never saved): "give its schema as data.schema" named a field tune refuses
  const schema = at.startsWith('tune') ? '' : ', and its schema as data.schema, so the model reads its files as this one was read';
  return `${at} is loadDataset's result, not its Dataset: give its dataset (${at.replace(/^.*: data\./, '')}: result.dataset)${schema}`;
}

export interface SyntheticOptions {
  /** Number of examples (default 400 for flower, 300 for circles and moons, 500 otherwise). */
  samples?: number;
  /** Noise level (default 0.1; flower 0.2, the course's spread; circles 0.05 and moons 0.2, the std of make_circles' and make_moons' Gaussian noise). */
  noise?: number;
  seed?: number;
  /** Classes for spiral3 (default 3). */
  classes?: number;
}

type Generator = (n: number, noise: number, rng: Random, opts: SyntheticOptions) => { points: [number, number][]; labels: number[]; task: Dataset['task']; classes?: string[] };

const uniform = (rng: Random, a: number, b: number) => a + (b - a) * rng.random();

/** numpy's linspace: start + i * step, with the last value exactly stop. */
function linspace(start: number, stop: number, n: number): number[] {
  const step = (stop - start) / (n - 1);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? stop : i * step + start));
}

/**
 * scikit-learn's make_circles and make_moons, draw for draw as numpy's legacy generator: class 0's
 * floor(m / 2) points of curve(t, 0) and class 1's others of curve(t, 1), t from ts(n), in the order of a
 * shuffled index (RandomState.shuffle), then X += normal(scale=noise, size=(m, 2)), row by row.
 */
function twoCurves(m: number, ts: (n: number) => number[], curve: (t: number, label: number) => [number, number], noise: number, rng: Random): ReturnType<Generator> {
  const n0 = Math.floor(m / 2);
  const points = [...ts(n0).map((t) => curve(t, 0)), ...ts(m - n0).map((t) => curve(t, 1))];
  const order = rng.numpyPermutation(points.length);
  const shuffled = Array.from(order, (i): [number, number] => [...points[i]!]);
  for (const p of shuffled) { p[0] += noise * rng.randn(); p[1] += noise * rng.randn(); }
  return { points: shuffled, labels: Array.from(order, (i) => (i < n0 ? 0 : 1)), task: 'binary' };
}

const generators: Record<string, { description: string; defaultSamples: number; defaultNoise?: number; generate: Generator }> = {
  flower: {
    description: "the course's planar flower: 2 classes in petals (load_planar_dataset)",
    defaultSamples: 400,
    defaultNoise: 0.2,
    generate(m, noise, rng) {
      // for j in 0, 1: t = linspace(3.12 j, 3.12 (j+1), N) + randn(N) * 0.2; r = 4 sin(4t) + randn(N) * 0.2
      const N = Math.floor(m / 2);
      const points: [number, number][] = [], labels: number[] = [];
      for (let j = 0; j < 2; j++) {
        const base = linspace(j * 3.12, (j + 1) * 3.12, N);
        const t = base.map((v) => v + rng.randn() * noise);
        const r = t.map((v) => 4 * Math.sin(4 * v) + rng.randn() * noise);
        for (let i = 0; i < N; i++) { points.push([r[i]! * Math.sin(t[i]!), r[i]! * Math.cos(t[i]!)]); labels.push(j); }
      }
      return { points, labels, task: 'binary' };
    },
  },
  circle: {
    description: 'a disc of class 1 inside a ring of class 0',
    defaultSamples: 500,
    generate(m, noise, rng) {
      const radius = 5;
      const points: [number, number][] = [], labels: number[] = [];
      const add = (rMin: number, rMax: number) => {
        const r = uniform(rng, rMin, rMax), angle = uniform(rng, 0, 2 * Math.PI);
        const x = r * Math.sin(angle), y = r * Math.cos(angle);
        const nx = uniform(rng, -radius, radius) * noise, ny = uniform(rng, -radius, radius) * noise;
        points.push([x + nx, y + ny]);
        labels.push(Math.hypot(x + nx, y + ny) < radius * 0.5 ? 1 : 0);
      };
      for (let i = 0; i < Math.floor(m / 2); i++) add(0, radius * 0.5);
      for (let i = Math.floor(m / 2); i < m; i++) add(radius * 0.7, radius);
      return { points, labels, task: 'binary' };
    },
  },
  xor: {
    description: 'class 1 in the quadrants where x1 x2 > 0',
    defaultSamples: 500,
    generate(m, noise, rng) {
      const pad = 0.3;
      const points: [number, number][] = [], labels: number[] = [];
      for (let i = 0; i < m; i++) {
        let x = uniform(rng, -5, 5); x += x > 0 ? pad : -pad;
        let y = uniform(rng, -5, 5); y += y > 0 ? pad : -pad;
        const nx = uniform(rng, -5, 5) * noise, ny = uniform(rng, -5, 5) * noise;
        points.push([x + nx, y + ny]);
        labels.push((x + nx) * (y + ny) >= 0 ? 1 : 0);
      }
      return { points, labels, task: 'binary' };
    },
  },
  gaussians: {
    description: 'two Gaussian blobs around (2, 2) (class 1) and (-2, -2) (class 0)',
    defaultSamples: 500,
    generate(m, noise, rng) {
      const sd = Math.sqrt(0.5 + 3.5 * noise); // variance from 0.5 (noise 0) to 4 (noise 1)
      const points: [number, number][] = [], labels: number[] = [];
      for (let i = 0; i < m; i++) {
        const label = i < m / 2 ? 1 : 0;
        const c = label ? 2 : -2;
        points.push([c + rng.randn() * sd, c + rng.randn() * sd]);
        labels.push(label);
      }
      return { points, labels, task: 'binary' };
    },
  },
  spiral: {
    description: 'two interleaved spirals',
    defaultSamples: 500,
    generate(m, noise, rng) {
      const n = Math.floor(m / 2);
      const points: [number, number][] = [], labels: number[] = [];
      for (const [deltaT, label] of [[0, 1], [Math.PI, 0]] as const) {
        for (let i = 0; i < n; i++) {
          const r = (i / n) * 5;
          const t = (1.75 * i / n) * 2 * Math.PI + deltaT;
          points.push([r * Math.sin(t) + uniform(rng, -1, 1) * noise, r * Math.cos(t) + uniform(rng, -1, 1) * noise]);
          labels.push(label);
        }
      }
      return { points, labels, task: 'binary' };
    },
  },
  spiral3: {
    description: 'a k-class spiral (3 arms by default) for softmax',
    defaultSamples: 600,
    generate(m, noise, rng, opts) {
      const k = opts.classes ?? 3;
      const n = Math.floor(m / k);
      const points: [number, number][] = [], labels: number[] = [];
      for (let c = 0; c < k; c++) {
        for (let i = 0; i < n; i++) {
          const r = n === 1 ? 1 : i / (n - 1);
          const t = (c * 4) + (4 * i) / Math.max(1, n - 1) + rng.randn() * noise * 2;
          points.push([r * Math.sin(t), r * Math.cos(t)]);
          labels.push(c);
        }
      }
      return { points, labels, task: 'multiclass', classes: Array.from({ length: k }, (_, c) => String(c)) };
    },
  },
  linear: {
    description: 'two linearly separable classes on either side of the line x2 = 0.5 x1',
    defaultSamples: 500,
    generate(m, noise, rng) {
      const points: [number, number][] = [], labels: number[] = [];
      for (let i = 0; i < m; i++) {
        const x = uniform(rng, -5, 5), y = uniform(rng, -5, 5);
        const margin = y - 0.5 * x;
        if (Math.abs(margin) < 0.5) { i--; continue; } // keep a gap so the classes are separable
        points.push([x + rng.randn() * noise, y + rng.randn() * noise]);
        labels.push(margin > 0 ? 1 : 0);
      }
      return { points, labels, task: 'binary' };
    },
  },
  circles: {
    description: "scikit-learn's make_circles: at the defaults the course's initialisation data (its test set: seed 2, 100 examples)",
    defaultSamples: 300,
    defaultNoise: 0.05,
    generate(m, noise, rng) {
      // outer circle (cos t, sin t), class 0; inner 0.8 (cos t, sin t), class 1; t = linspace(0, 2π, n, endpoint=False)
      const ts = (n: number) => Array.from({ length: n }, (_, i) => i * ((2 * Math.PI) / n));
      return twoCurves(m, ts, (t, label) => { const r = label === 0 ? 1 : 0.8; return [Math.cos(t) * r, Math.sin(t) * r]; }, noise, rng);
    },
  },
  moons: {
    description: "scikit-learn's make_moons: with seed 3 the course's optimisation data",
    defaultSamples: 300,
    defaultNoise: 0.2,
    generate(m, noise, rng) {
      // upper moon (cos t, sin t), class 0; lower (1 - cos t, 0.5 - sin t), class 1; t = linspace(0, π, n)
      const ts = (n: number) => linspace(0, Math.PI, n);
      return twoCurves(m, ts, (t, label) => (label === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 1 - Math.sin(t) - 0.5]), noise, rng);
    },
  },
  plane: {
    description: 'regression: y = (x1 + x2) / 12 on [-6, 6]^2, inputs with noise',
    defaultSamples: 500,
    generate(m, noise, rng) {
      const points: [number, number][] = [], labels: number[] = [];
      for (let i = 0; i < m; i++) {
        const x = uniform(rng, -6, 6), y = uniform(rng, -6, 6);
        points.push([x + uniform(rng, -6, 6) * noise, y + uniform(rng, -6, 6) * noise]);
        labels.push((x + y) / 12);
      }
      return { points, labels, task: 'regression' };
    },
  },
  multiGaussian: {
    description: 'regression: a landscape of signed Gaussian bumps',
    defaultSamples: 500,
    generate(m, noise, rng) {
      const bumps: [number, number, number][] = [
        [-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1], [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1],
      ];
      const f = (x: number, y: number) => {
        let best = 0;
        for (const [cx, cy, sign] of bumps) {
          const v = sign * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / 2);
          if (Math.abs(v) > Math.abs(best)) best = v;
        }
        return best;
      };
      const points: [number, number][] = [], labels: number[] = [];
      for (let i = 0; i < m; i++) {
        const x = uniform(rng, -6, 6), y = uniform(rng, -6, 6);
        points.push([x + uniform(rng, -6, 6) * noise, y + uniform(rng, -6, 6) * noise]);
        labels.push(f(x, y));
      }
      return { points, labels, task: 'regression' };
    },
  },
};

export const SYNTHETIC_NAMES = Object.keys(generators);

/** The built-in data sets of `synthetic`: name, one-line description and default number of examples. */
export function describeSynthetic(): { name: string; description: string; defaultSamples: number }[] {
  return Object.entries(generators).map(([name, g]) => ({ name, description: g.description, defaultSamples: g.defaultSamples }));
}

/** Most examples of a built-in set (they are teaching sets of 2-D points). */
export const MAX_SAMPLES = 10_000_000;
/** Most classes of spiral3 (arms of a spiral); at most one per example. */
const MAX_SYNTHETIC_CLASSES = 1000;

/** Generate a built-in dataset. For `flower` with seed 1 and noise 0.2 this is the course's data, value for value. */
export function synthetic(name: string, options: SyntheticOptions = {}): Dataset {
  if (options === null || typeof options !== 'object') throw new OptionError(`synthetic: options must be an object such as { samples: 400 }, got ${String(options)}`);
  checkKnownKeys(options, ['samples', 'noise', 'seed', 'classes'] satisfies (keyof SyntheticOptions)[], 'synthetic', (m) => new OptionError(m));
  const g = generators[name];
  if (!g) throw new OptionError(`unknown built-in dataset '${name}'; expected one of ${SYNTHETIC_NAMES.join(', ')}`);
  const m = options.samples ?? g.defaultSamples;
  // beyond these the points (and, for spiral3, the one-hot Y) would not fit in memory: one line, not a crash
  const problem = wholeNumberProblem(m, 'samples', 2, MAX_SAMPLES) ?? wholeNumberProblem(options.classes, 'classes', 2, Math.min(MAX_SYNTHETIC_CLASSES, m)) ?? seedProblem(options.seed, 'synthetic: seed');
  if (problem) throw new OptionError(problem);
  const noise = options.noise ?? g.defaultNoise ?? 0.1;
  // a number, not one spelt in a string ('0.5' passed by coercion); a BigInt 9n said 'got 9'
  if (!(typeof noise === 'number' && noise >= 0 && noise <= 5)) throw new OptionError(`noise must be a number in [0, 5], got ${givenText(noise)}`, 'noise');
  const { points, labels, task, classes } = g.generate(m, noise, new Random(options.seed ?? 1), options);
  const n = points.length;
  const X = new Matrix(2, n, undefined, 'float64');
  const Y = new Matrix(1, n, undefined, 'float64');
  points.forEach(([a, b], j) => { X.data[j] = a; X.data[n + j] = b; Y.data[j] = labels[j]!; });
  return {
    name, X, Y, task,
    classes: task === 'regression' ? undefined : classes ?? ['0', '1'],
    featureNames: ['x1', 'x2'],
  };
}
