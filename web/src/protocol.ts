// Messages between the page (main thread) and the training worker.

import type { ModelJson, NetworkOptions, OptimizerState, RandomState } from '../../src/index.js';
import type { Settings } from './settings.js';
import type { PlayData, Points } from './data.js';
import type { FeatureName } from './features.js';

/** Side of the square grids the heat maps are computed on. */
export const NODE_GRID = 24;
export const OUTPUT_GRID = 100;

export type ToWorker =
  /** New data and a fresh network (from the settings, or the given model file). */
  | { type: 'setup'; settings: Settings; data: PlayData; model?: ModelJson }
  /** Hyperparameters that apply without a reset: learning rate, batch size, optimizer, speed. */
  | { type: 'settings'; settings: Settings }
  /** Train until paused (or until epoch `until`: a sweep's cell trained again). */
  | { type: 'play'; until?: number }
  | { type: 'pause' }
  | { type: 'step' }
  | { type: 'reset' }
  /** Set W[layer][row, col] (col = -1: b[layer][row]). */
  | { type: 'setWeight'; layer: number; row: number; col: number; value: number }
  /** The user hovers a unit (undefined: no longer): the output plot shows that unit's map. */
  | { type: 'hover'; unit: UnitRef | undefined }
  /** The training the user left (Back, Forward): these weights, at this epoch, after these costs. */
  | { type: 'restore'; weights: { W: number[]; b: number[] }[]; epoch: number; trainLosses: number[]; testLosses: number[]; optimizer?: OptimizerState; shuffle?: RandomState }
  /** The colour scheme (prefers-color-scheme): the heat maps' neutral middle is dark grey in the dark theme. */
  | { type: 'theme'; dark: boolean }
  /** The page painted the last frame: the worker may send the next one. */
  | { type: 'ack' };

/** Unit `unit` (0-based) of layer `layer` (0: the inputs). */
export interface UnitRef { layer: number; unit: number }

export interface Frame {
  type: 'frame';
  /**
   * Set on the first frame after a setup or reset: the page clears its history and rebuilds its views.
   * `features` are the network's inputs: frames of the network before a change of features can still
   * arrive after the page's settings changed, so the page reads the inputs from here, not from its settings.
   * `network` is the network's shape (the frame's weights follow): the page builds its copy with the library's
   * Network alone (reading a model file takes its CSV reader too, for raw rows, and the page's first script carried it).
   */
  reset?: { network: Omit<NetworkOptions, 'warn'>; features: FeatureName[] };
  epoch: number;
  /** Costs after each epoch since the previous frame. */
  trainLosses: number[];
  testLosses: number[];
  /** Data losses (without the regularization penalty). */
  trainLoss: number;
  testLoss: number;
  /** The regularization penalty on the training set. */
  penalty: number;
  /** Fraction of correctly classified examples (NaN for regression). */
  trainAccuracy: number;
  testAccuracy: number;
  /** W[l] (row-major) and b[l], l = 1..L. */
  weights: { W: Float64Array; b: Float64Array }[];
  /** The optimizer's moving averages after this frame's epoch (not for gradient descent, which has none): kept with a run for Back and Forward. */
  optimizer?: OptimizerState;
  /**
   * Where the network's random stream is after this frame's epoch (it shuffles the mini-batches):
   * kept with a run for Back and Forward, so the restored run draws the batches it would have drawn.
   */
  shuffle: RandomState;
  /** RGBA thumbnails, NODE_GRID^2 pixels per unit, for layers 0..L. */
  nodeImages: Uint8ClampedArray[];
  /** RGBA output heat map, OUTPUT_GRID^2 pixels (of the unit `showing` while one is hovered). */
  outputImage: Uint8ClampedArray;
  showing?: UnitRef;
  /** The loss oscillates instead of going down (detectOscillation): the warning to show, '' when it does not. */
  oscillation: string;
  /** The same in one line (shown; the whole warning on demand). */
  oscillationGist: string;
  /** The loss has not moved from its start (detectPlateau), with its likely causes: the message, '' when it moved. */
  plateau: string;
  /** The same in one line, with the first likely cause. */
  plateauGist: string;
  /** Dead ReLU units and all ReLU units of the hidden layers, counted when the plateau message appeared. */
  deadUnits?: { dead: number; relu: number };
  /** The worker is still training (false once it stopped by itself, e.g. at the `until` epoch). */
  playing: boolean;
}

/** Training stopped: the message, and for a divergence its gist in one line (shown above the cost curve; the message on demand). */
export type FromWorker = Frame | { type: 'error'; message: string; gist?: string };

/** The kernel speed check (speed-worker.ts): one n x n x n float32 product per backend. */
export interface SpeedRequest { size: number }
export interface SpeedRow {
  backend: string;
  /** GFLOP/s of the best of a few runs (NaN when the backend did not load). */
  gflops: number;
  /** Largest |C - C_js| / (1 + |C_js|) against the js result. */
  maxDiff: number;
  threads?: number;
  note?: string;
}
export interface SpeedResult { type: 'speed'; size: number; rows: SpeedRow[]; error?: string }

/** One cell and seed of a sweep, for a sweep worker (sweep-worker.ts). */
export interface SweepJob {
  id: number;
  settings: Settings;
  epochs: number;
  /** The user's CSV points (the built-in sets are made in the worker from the settings). */
  csv?: Points;
}
export interface SweepResult {
  type: 'sweepResult';
  id: number;
  /** Epochs trained (fewer when training diverged: `error` says why). */
  epochs: number;
  trainLoss: number;
  testLoss: number;
  testAccuracy: number;
  error?: string;
}
