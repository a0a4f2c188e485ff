// The benchmark workloads, shared by our runner and the TF.js runner, and the one-line JSON figures.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Matrix } from '../src/tensor/matrix.js';
import { Random } from '../src/tensor/random.js';
import { Network } from '../src/nn/network.js';

export const quick = process.argv.includes('--quick');

/**
 * W1: MLP 784-128(relu)-64(relu)-10(softmax), CCE, SGD lr 0.01, mini-batch 64, one epoch of 10,000
 * (3,000 in --quick) after a warm-up: the same epoch, from the same weights, timed `reps` times (each
 * a call of our `fit`), and the figure is the median (a 2-core machine's speed drifts from second to
 * second). Batches are taken in order, without shuffling, in every system.
 */
export const W1 = { sizes: [784, 128, 64, 10], examples: quick ? 3_000 : 10_000, warmup: quick ? 500 : 1_000, reps: quick ? 1 : 5, batch: 64, lr: 0.01 };

/**
 * A full garbage collection before a timed run, not timed (when node runs with --expose-gc, as
 * `npm run bench` does). The engine collects in background threads too: garbage left by the run
 * before (the JavaScript backend's round makes a lot) was collected during the next system's timed
 * round, on a core that round was using. Two threads are hit the most: W1's rounds on two threads
 * after a JavaScript round took 71-89 ms with 7-15 ms of the engine's background work, against
 * 59-66 ms with a collection first. A run's own garbage, made while it is timed, is still its cost.
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** The median of `reps` timings of fn, in seconds; `reset` (not timed) runs before each, then a collection. */
export function medianSeconds(reps: number, fn: () => void, reset: () => void = () => {}): number {
  const times: number[] = [];
  for (let r = 0; r < reps; r++) {
    reset();
    collectGarbage();
    const t0 = performance.now();
    fn();
    times.push((performance.now() - t0) / 1000);
  }
  return times.sort((a, b) => a - b)[times.length >> 1]!;
}
/**
 * Examples (W1) or iterations (W2) run on a throwaway network before the measured run, in the
 * JavaScript engines (ours, TF.js): their WebAssembly starts in a baseline compiler and is
 * recompiled by the optimizing one while it runs (V8's tiering), so the measured run starts warm.
 * W1's is the whole set, once: the engine's memory then has room for it. (With 3,000 examples, the
 * first timed round of our WebAssembly backends grew the memory to the whole set's copy and touched
 * its pages for the first time: 0.15-0.18 s an epoch against 0.10-0.11 on one thread, 0.12-0.14
 * against 0.07-0.08 on two, in every run of the bench, and it was one of the five rounds whose
 * median is the figure.) The measured network's own sequence (warm-up, then the timed run) is the
 * same in every system.
 */
export const ENGINE_WARMUP = { W1: W1.examples, W2: quick ? 2 : 10 };
/** W2: the course's deep net 12288-20-7-5-1 (relu, sigmoid out), BCE, m = 209, full-batch GD. */
export const W2 = { sizes: [12288, 20, 7, 5, 1], examples: 209, iterations: quick ? 6 : 100, warmup: quick ? 1 : 2, lr: 0.0075 };
/** W3: matrix products M x K x N (C = A·B): 1024 cubed and the forward products of W1. */
/** Seconds of timing per product in W3. */
export const W3_SECONDS = quick ? 0.25 : 2;
export const W3_SHAPES: [number, number, number][] = [[1024, 1024, 1024], [128, 784, 64], [64, 128, 64], [10, 64, 64]];

/** A figure; `loss`: the cost on the whole training set after the timed run (W1, W2), to check that every system did the same work. */
export interface Figure { system: string; workload: string; figure: number; unit: string; loss?: number }

export function report(f: Figure): Figure {
  console.log(JSON.stringify({ ...f, figure: Number(f.figure.toPrecision(4)) }));
  return f;
}

/** What every system trains in W1 or W2: the same data and the same initial weights (our Network, seed 1). */
export interface Start { X: Matrix; labels: Float32Array; net: Network }

export function start(workload: 'W1' | 'W2'): Start {
  const w = workload === 'W1' ? W1 : W2;
  const classes = workload === 'W1' ? 10 : 2;
  const { X, labels } = dataset(w.sizes[0]!, w.examples, classes, workload === 'W1' ? 1 : 2);
  return { X, labels, net: initialNet(workload) };
}

/** The network every system starts W1 or W2 from (our Network, seed 1): the same weights each call. */
export function initialNet(workload: 'W1' | 'W2'): Network {
  const w = workload === 'W1' ? W1 : W2;
  const hidden = w.sizes.slice(1, -1).map((units) => ({ units, activation: 'relu' as const }));
  const out = { units: w.sizes.at(-1)!, activation: workload === 'W1' ? 'softmax' as const : 'sigmoid' as const };
  return new Network({ inputSize: w.sizes[0]!, seed: 1, layers: [...hidden, out] });
}

/**
 * Write W1's and W2's starts to `dir` for the peers in other processes (bench/peers.py): raw
 * little-endian float32, NAME-X.f32 (n_x x m, one example per column), NAME-labels.f32, NAME-W1.f32,
 * NAME-b1.f32, ... (W[l] n[l] x n[l-1] row-major), and start.json with the sizes.
 */
export function writeStarts(dir: string): void {
  const meta: Record<string, { sizes: number[]; examples: number }> = {};
  for (const name of ['W1', 'W2'] as const) {
    const { X, labels, net } = start(name);
    const put = (file: string, a: Float32Array) => writeFileSync(path.join(dir, `${name}-${file}.f32`), new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    put('X', X.data as Float32Array);
    put('labels', labels);
    net.layers.forEach((layer, i) => { put(`W${i + 1}`, layer.W.data as Float32Array); put(`b${i + 1}`, layer.b.data as Float32Array); });
    meta[name] = { sizes: net.layerSizes, examples: X.cols };
  }
  writeFileSync(path.join(dir, 'start.json'), JSON.stringify(meta));
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
  collectGarbage();
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
