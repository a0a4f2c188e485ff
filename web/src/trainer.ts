// The page's training, one epoch at a time: the network built from the settings (or a model
// file), mini-batch gradient descent with the library's fit, and the losses the page shows.
// The training worker and the sweep workers both train with it, so a sweep's cell and the
// same settings trained in the page give the same losses.

import { createOptimizer, fit, accuracy, labelsOf, predictClasses, modelFromJson, detectOscillation, detectPlateau, DivergenceError, Matrix, type ModelJson, type Network, type Optimizer } from '../../src/index.js';
import { buildNetwork, regularizationOf } from './model.js';
import { featureMatrix } from './features.js';
import type { Settings } from './settings.js';
import type { PlayData } from './data.js';
import { stuckCauses } from './stuck.js';
import { formatLoss } from './format.js';

export interface Sets { X: Matrix; Y: Matrix; }

/**
 * Training stops as diverged when the training cost (with the penalty) of a whole epoch is this many
 * times the fresh network's. fit's own check (10^4 times, or NaN) never fires for a classifier whose
 * cross-entropy is bounded by clipping: at learning rate 3 or 10 the cost of the 3-class spiral went
 * from 1.1 to 114 and the page trained on, drawing a saturated boundary without a word.
 */
export const PAGE_DIVERGENCE_FACTOR = 10;

/** Epochs the oscillation warning looks back (detectOscillation's window); it goes when a window passes without one. */
export const OSCILLATION_WINDOW = 20;

/** Epochs the loss must stay within 1% of its start before the page says it is stuck (detectPlateau's window). */
export const PLATEAU_WINDOW = 50;

export interface Losses {
  /** Data loss (cross-entropy or squared error) without the regularization penalty. */
  train: number;
  test: number;
  /** The L1/L2 penalty on the training set (0 without regularization). */
  penalty: number;
}

export class Trainer {
  net!: Network;
  optimizer!: Optimizer;
  epoch = 0;
  losses: Losses = { train: NaN, test: NaN, penalty: 0 };
  readonly train: Sets;
  readonly test: Sets | undefined;
  /** The training cost (with the penalty) of the network as set up: what divergence is measured against. */
  firstCost: number | undefined;
  /**
   * The training costs (with the penalty) since the network was set up or the learning rate or
   * optimizer last changed, from the cost at that moment: what the oscillation warning looks at.
   */
  private costs: number[] = [];
  /** The warning that the loss oscillates instead of going down ('' when it does not), and the epoch it was last seen. */
  oscillation = '';
  /** The warning in one line ('' when there is none). */
  oscillationGist = '';
  private oscillationSeen = 0;
  /**
   * The costs since the last change while they have not moved from the first (detectPlateau's
   * series); undefined once one moved, until the next change.
   */
  private flat: number[] | undefined;
  /** The message that the loss is stuck at its start, with its likely causes ('' when it is not). */
  plateau = '';
  /** The plateau message in one line, with the first likely cause ('' when there is none). */
  plateauGist = '';
  /** The last divergence in one line (set with the message trainEpoch returns). */
  divergenceGist = '';
  /** Dead ReLU units and all ReLU units when the plateau message was written. */
  deadUnits: { dead: number; relu: number } | undefined;

  constructor(public settings: Settings, readonly data: PlayData, private readonly initialModel?: ModelJson) {
    const yRow = (idx: Int32Array) => {
      const Y = new Matrix(1, idx.length, undefined, 'float64'); // 1 x m: class index or target
      idx.forEach((j, c) => { Y.data[c] = data.y[j]!; });
      return Y;
    };
    this.train = { X: featureMatrix(settings.features, data.x1, data.x2, data.trainIdx), Y: yRow(data.trainIdx) };
    this.test = data.testIdx.length > 0 ? { X: featureMatrix(settings.features, data.x1, data.x2, data.testIdx), Y: yRow(data.testIdx) } : undefined;
    this.reset();
  }

  /** Back to the initial weights (of the settings' seed, or of the model file). */
  reset(): void {
    this.net = this.initialModel ? modelFromJson(this.initialModel, 'imported model').net : buildNetwork(this.settings, this.data);
    this.net.setRegularization(regularizationOf(this.settings)); // (an imported model's, changed on the page since)
    this.optimizer = createOptimizer(this.settings.optimizer);
    this.epoch = 0;
    this.measure();
    this.firstCost = this.losses.train + this.losses.penalty;
    this.watchFromHere();
  }

  /** Judge oscillation from the cost now on (a new network, learning rate or optimizer). */
  private watchFromHere(): void {
    this.costs = [this.losses.train + this.losses.penalty];
    this.oscillation = this.oscillationGist = '';
    this.flat = [...this.costs];
    this.plateau = this.plateauGist = '';
    this.deadUnits = undefined;
  }

  /** New settings that apply without a reset (learning rate, batch size, optimizer, speed). */
  update(settings: Settings): void {
    const optChanged = settings.optimizer !== this.settings.optimizer;
    const rateChanged = settings.learningRate !== this.settings.learningRate;
    const regChanged = regularizationKey(settings) !== regularizationKey(this.settings);
    this.settings = settings;
    if (optChanged) this.optimizer = createOptimizer(settings.optimizer);
    if (regChanged) {
      // the same weights under the new penalty: the cost is another from here (not a divergence)
      this.net.setRegularization(regularizationOf(settings));
      this.measure();
      this.firstCost = Math.max(this.firstCost ?? 0, this.losses.train + this.losses.penalty);
    }
    if (optChanged || rateChanged || regChanged) this.watchFromHere();
  }

  measure(): void {
    const { net, train, test } = this;
    const penalty = net.penalty(train.X.cols);
    this.losses = {
      train: net.evaluateCost(train.X, train.Y) - penalty,
      test: test ? net.evaluateCost(test.X, test.Y) - net.penalty(test.X.cols) : NaN,
      penalty,
    };
  }

  /** A weight was set by hand: it may raise the cost, which is not divergence. */
  weightEdited(): void {
    this.measure();
    this.firstCost = Math.max(this.firstCost ?? 0, this.losses.train + this.losses.penalty);
    this.watchFromHere();
  }

  accuracyOn(set: Sets | undefined): number {
    if (!set || this.data.task === 'regression') return NaN;
    return accuracy(labelsOf(set.Y), predictClasses(this.net, set.X));
  }

  /** One epoch of mini-batch training (fit for one epoch, so a run does not depend on the frame rate); an error message when it failed. */
  trainEpoch(): string | undefined {
    const { settings } = this;
    const before = this.net.snapshot();
    this.divergenceGist = '';
    try {
      fit(this.net, this.train.X, this.train.Y, {
        epochs: 1,
        batchSize: Math.min(settings.batchSize, this.train.X.cols),
        learningRate: settings.learningRate,
        optimizer: this.optimizer,
        shuffle: true,
        divergenceBaseline: this.firstCost, // the cost of the fresh network, not of this epoch's start
      });
    } catch (e) {
      // (fit runs one epoch per call here, so the epoch is counted on this side; the cause is fit's)
      if (!(e instanceof DivergenceError)) return `Training stopped: ${(e as Error).message}`;
      const cause = /\): (.*?); try /.exec(e.message)?.[1] ?? 'the cost became infinite or NaN';
      this.divergenceGist = this.divergedGist();
      return `Training diverged at epoch ${this.epoch + 1}: ${cause}. Try a smaller learning rate than ${settings.learningRate} (the last sound weights are kept).`;
    }
    this.epoch++;
    this.measure();
    const diverged = this.divergedByCost(before);
    if (!diverged) { this.watchOscillation(); this.watchPlateau(); }
    return diverged;
  }

  /**
   * After an epoch: the library's detectOscillation on the costs since the last change. The warning
   * stays until a whole window passes without an oscillation (the loss found a new low and kept
   * it), so that it does not blink on and off while the loss bounces.
   */
  private watchOscillation(): void {
    this.costs.push(this.losses.train + this.losses.penalty);
    // kept: the first (the start), the lowest before the last 4 windows (the best the run reached, which a
    // fall back is measured from: it was dropped with the old costs, so a run that came down to 0.003 and
    // went back to 0.5 thousands of epochs on was judged from its recent best), and the last 4 windows
    if (this.costs.length > 4 * OSCILLATION_WINDOW + 1) {
      const old = this.costs.splice(1, this.costs.length - 4 * OSCILLATION_WINDOW - 1);
      this.costs.splice(1, 0, Math.min(...old));
    }
    const o = detectOscillation(this.costs, { window: OSCILLATION_WINDOW });
    if (o) {
      this.oscillationSeen = this.epoch;
      this.oscillation = `${o.message} The learning rate ${this.settings.learningRate} is probably too large: try a smaller one. (Training goes on.)`;
      this.oscillationGist = `Loss ${o.kind === 'bounce' ? 'bouncing' : 'fell back'}: learning rate ${this.settings.learningRate} too large?`;
    } else if (this.epoch - this.oscillationSeen >= OSCILLATION_WINDOW) {
      this.oscillation = this.oscillationGist = '';
    }
  }

  /**
   * After an epoch: the library's detectPlateau on the costs since the last change. The message
   * (with the causes the page can check) is written once, when the loss has stayed at its start for
   * PLATEAU_WINDOW epochs, so that a screen reader reads it once; it stays until the loss moves or
   * the learning rate or optimizer changes.
   */
  private watchPlateau(): void {
    if (!this.flat) return;
    this.flat.push(this.losses.train + this.losses.penalty);
    const p = detectPlateau(this.flat, { window: 1 }); // not moved so far (any number of epochs)
    if (!p) { this.flat = undefined; this.plateau = this.plateauGist = ''; this.deadUnits = undefined; return; } // it moved
    // a long flat series is kept short: its first cost, its lowest and highest, and the last ones
    if (this.flat.length > 4 * PLATEAU_WINDOW) {
      const [first, ...rest] = this.flat;
      this.flat = [first!, Math.min(...rest), Math.max(...rest), ...rest.slice(-PLATEAU_WINDOW)];
    }
    if (this.plateau !== '' || p.epochs < PLATEAU_WINDOW) return;
    const found = stuckCauses(this.net, this.train.X, this.settings);
    this.deadUnits = { dead: found.dead, relu: found.relu };
    this.plateauGist = `Loss stuck: ${found.short[0]}`; // (the others are in the message under it)
    this.plateau = `${p.message} Likely causes:\n${found.causes.map((c) => `• ${c}`).join('\n')}\n(Training goes on.)`;
  }

  /** A divergence at the next epoch in one line: the page shows it above the cost curve, the whole message on demand. */
  private divergedGist(): string {
    return `Diverged: learning rate ${this.settings.learningRate} too large`;
  }

  /** After an epoch: when the cost rose past PAGE_DIVERGENCE_FACTOR times the fresh network's, back to the weights before it, and the message. */
  private divergedByCost(before: ReturnType<Network['snapshot']>): string | undefined {
    const cost = this.losses.train + this.losses.penalty;
    const first = this.firstCost;
    if (first === undefined || !(first > 0) || cost <= PAGE_DIVERGENCE_FACTOR * first) return undefined;
    this.net.restore(before);
    this.optimizer = createOptimizer(this.settings.optimizer); // its moments belong to the weights that ran away
    this.epoch--;
    this.measure();
    this.divergenceGist = this.divergedGist();
    return `Training diverged at epoch ${this.epoch + 1}: the cost rose from ${formatLoss(first)} to ${formatLoss(cost)}. Try a smaller learning rate than ${this.settings.learningRate} (the last sound weights are kept).`;
  }
}

/** The settings' regularization as one string (kind and rate). */
const regularizationKey = (s: Settings) => { const r = regularizationOf(s); return `${r.l1},${r.l2}`; };
