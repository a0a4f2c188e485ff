// The benchmark workloads, shared by our runner and the TF.js runner, and the one-line JSON figures.

import { Matrix } from '../src/tensor/matrix.js';
import { Random } from '../src/tensor/random.js';

export const quick = process.argv.includes('--quick');

/**
 * W1: MLP 784-128(relu)-64(relu)-10(softmax), CCE, SGD lr 0.01, mini-batch 64, one epoch of 10,000
 * (3,000 in --quick). Batches are taken in order, without shuffling, in every system.
 */
export const W1 = { sizes: [784, 128, 64, 10], examples: quick ? 3_000 : 10_000, warmup: quick ? 500 : 1_000, batch: 64, lr: 0.01 };
/** W2: the course's deep net 12288-20-7-5-1 (relu, sigmoid out), BCE, m = 209, full-batch GD. */
export const W2 = { sizes: [12288, 20, 7, 5, 1], examples: 209, iterations: quick ? 6 : 100, warmup: quick ? 1 : 2, lr: 0.0075 };
/** W3: matrix products M x K x N (C = A·B): 1024 cubed and the forward products of W1. */
/** Seconds of timing per product in W3. */
export const W3_SECONDS = quick ? 0.25 : 2;
export const W3_SHAPES: [number, number, number][] = [[1024, 1024, 1024], [128, 784, 64], [64, 128, 64], [10, 64, 64]];

export interface Figure { system: string; workload: string; figure: number; unit: string }

export function report(f: Figure): Figure {
  console.log(JSON.stringify({ ...f, figure: Number(f.figure.toPrecision(4)) }));
  return f;
}

/** Seeded data, n_x x m (one example per column) with class labels in 0..classes-1. */
export function dataset(nx: number, m: number, classes: number, seed: number): { X: Matrix; labels: Float32Array } {
  const rng = new Random(seed);
  const X = new Matrix(nx, m);
  const d = X.data;
  for (let i = 0; i < d.length; i++) d[i] = rng.random();
  const labels = new Float32Array(m);
  for (let j = 0; j < m; j++) labels[j] = rng.int(classes);
  return { X, labels };
}

/** Repeat fn until at least `seconds` (and `minReps`) have passed; returns seconds per call. */
export function timeIt(fn: () => void, seconds: number, minReps = 1): number {
  fn(); // warm-up
  let reps = 0;
  const t0 = performance.now();
  let t = t0;
  while (reps < minReps || t - t0 < seconds * 1000) {
    fn();
    reps++;
    t = performance.now();
  }
  return (t - t0) / 1000 / reps;
}
