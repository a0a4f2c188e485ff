// The points the page trains on: a built-in set from the library or the user's CSV,
// split into training and test examples with a seeded shuffle.

import { synthetic, Random, type Task } from '../../src/index.js';

export interface Points {
  x1: Float64Array;
  x2: Float64Array;
  /** Class index (classification) or target value (regression). */
  y: Float64Array;
  task: Task;
  classes?: string[];
}

export interface PlayData extends Points {
  trainIdx: Int32Array;
  testIdx: Int32Array;
  /** The plot shows [-domain, domain] on both axes. */
  domain: number;
  /** max |y| (regression colour scale). */
  yScale: number;
}

export const SAMPLES = 500;

export function syntheticPoints(name: string, noisePercent: number, seed: number): Points {
  const d = synthetic(name, { samples: SAMPLES, noise: noisePercent / 100, seed });
  const m = d.X.cols;
  return {
    x1: Float64Array.from(d.X.data.subarray(0, m)),
    x2: Float64Array.from(d.X.data.subarray(m, 2 * m)),
    y: Float64Array.from(d.Y.data),
    task: d.task,
    classes: d.classes,
  };
}

/** Shuffle the indices with the data seed and cut them at trainRatio percent. */
export function splitPoints(points: Points, trainRatio: number, seed: number): PlayData {
  const m = points.x1.length;
  const order = new Int32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  new Random(seed + 7919).shuffle(order);
  const nTrain = Math.max(1, Math.min(m - 1, Math.round((m * trainRatio) / 100)));
  let maxAbs = 0, yScale = 0;
  for (let i = 0; i < m; i++) {
    maxAbs = Math.max(maxAbs, Math.abs(points.x1[i]!), Math.abs(points.x2[i]!));
    yScale = Math.max(yScale, Math.abs(points.y[i]!));
  }
  return {
    ...points,
    trainIdx: order.slice(0, nTrain),
    testIdx: order.slice(nTrain),
    domain: niceCeil(maxAbs * 1.05),
    yScale: yScale || 1,
  };
}

/** The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 (times a power of ten) that is >= v. */
function niceCeil(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const s of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (s * p >= v * 0.9999) return s * p;
  return 10 * p;
}
