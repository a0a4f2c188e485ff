// What a finished run's numbers say, in the course's terms: bias and variance from the training and
// held-out metrics ("train error 1%, dev error 11%: high variance"), and the learning rate from the
// shape of the cost curve (still falling at the end, or risen from its lowest). Each finding is a
// plain sentence with what to try; nothing is said when the numbers show nothing clear.

import type { Evaluation } from '../train/predict.js';
import type { MultilabelReport } from './multilabel.js';
import { checkObjectArgument } from '../util/arguments.js';
import { OptionError } from '../errors.js';
import { kindOf } from '../util/kind-of.js';
import { percentText as pct, toPrecisionHalfEven as sig } from '../util/number-text.js';
import { detectOscillation } from '../train/oscillation.js';
import type { Network } from '../nn/network.js';

export type FindingKind = 'costJumped' | 'stillFalling' | 'costRose' | 'costOscillates' | 'highBias' | 'highVariance';

export interface Finding {
  kind: FindingKind;
  /** One sentence: what the numbers show, and what to try. */
  message: string;
}

export interface RunNumbers {
  /** The training cost per epoch (History.cost), and why training ended (History.stopReason). */
  history: { cost: readonly number[]; stopReason?: string };
  /** Metrics on the training examples. */
  train: Evaluation;
  /** Metrics on examples held out from training: a test set, else a validation set. */
  heldOut?: Evaluation;
  /** What the held-out set is called in the messages (default 'test'). */
  heldOutName?: string;
  /**
   * The inputs were standardized already: high bias is not answered with "standardize the inputs". (trainModel's
   * standardize scales a regression target too: its cost is then not in the target's units, and the target's
   * variance from the metrics is not compared with it.)
   */
  standardized?: boolean;
  /**
   * The classes were weighted in training (classWeight): the network then trades accuracy for the
   * rarer classes, so high bias is judged by balanced accuracy against chance (one class in k), not
   * by accuracy against always answering the commonest class.
   */
  weighted?: boolean;
  /** The names of several regression targets (Model.targets), said in the findings instead of 'target 2'. */
  targets?: readonly string[];
  /** The trained network: high bias is then told when a hidden layer's units are all the same (they started equal). */
  network?: Network;
  /**
   * The lowest error reachable on this task when it is known (human-level or Bayes error, the course's
   * proxy), as a fraction: of examples wrong for a classification (of examples with a label wrong for
   * several labels), 1 - R² for a regression. The avoidable bias is the training error above it; 0 when
   * not given.
   */
  bayesError?: number;
}

/** A target of several, by name when it has one. */
const targetName = (targets: readonly string[] | undefined, i: number) => (targets?.[i] !== undefined ? `target '${targets[i]}'` : `target ${i + 1}`);

/** The thresholds of the findings (see diagnoseTraining). */
export const DIAGNOSIS_LIMITS = {
  /** costJumped: an epoch's cost at least this many times the first epoch's. */
  costJumped: 10,
  /** Epochs a curve needs before its end is judged. */
  minEpochs: 20,
  /** stillFalling: the mean cost of the last tenth of the epochs is at least this fraction below that of the tenth before. */
  stillFalling: 0.05,
  /**
   * stillFalling, by a smaller fraction: the last tenth fell at least this fraction of what the tenth before it
   * fell (the curve has not begun to level off), while the training error is the larger part of the held-out
   * error (the course's avoidable bias against variance): iris on the course's defaults fell 4.2% a tenth, at
   * 86.67% on its training rows and 83.33% on test, and was told nothing.
   */
  stillFallingPace: 0.5,
  /** costRose: the mean cost of the last tenth is at least this fraction above the lowest mean of an earlier tenth. */
  costRose: 0.25,
  /** ...and either change is at least this fraction of the first epoch's cost (a change that matters). */
  material: 0.005,
  /** highVariance: held-out accuracy and balanced accuracy this far below training (0.1 = 10 points), or R² this far below. */
  accuracyGap: 0.1,
  r2Gap: 0.15,
  /**
   * highVariance by the course's split of the held-out error: a gap of at least this fraction of accuracyGap
   * (or r2Gap) is high variance when it is at least the avoidable bias (the training error above the Bayes
   * error): train error 4.3% against 11% on held-out examples, a gap of 6.7 points over 4.3, was told
   * "still falling" and never variance.
   */
  relativeGap: 0.5,
  /** highBias: training accuracy closes less than this fraction of the gap from the commonest class to 100%; training R² below this. */
  gapClosed: 0.5,
  r2Floor: 0.5,
  /**
   * Multi-label, highVariance: held-out subset accuracy accuracyGap below training, and the held-out
   * Hamming loss (the fraction of labels wrong) this much above training's (the per-label errors confirm
   * it, as balanced accuracy confirms accuracy). highBias: training Hamming loss closes less than gapClosed
   * of the gap from answering each label's commoner value to 0.
   */
  hammingGap: 0.02,
} as const;


/**
 * The findings of a run, in the order: the learning rate (the curve), then bias, then variance. With
 * high variance, a training cost still falling is not reported: more epochs would fit the training
 * examples closer still.
 */
export function diagnoseTraining(run: RunNumbers): Finding[] {
  checkObjectArgument('diagnoseTraining', 'run', run, 'the numbers of a run ({ history, train, test?, ... })');
  checkObjectArgument('diagnoseTraining', 'run.history', run.history, 'a History (from fit or trainModel)');
  checkBayesError(run.bayesError);
  const variance = varianceFinding(run);
  const curve = curveFinding(run.history, biasDominates(run), answerWithoutFeatures(run)), jump = jumpFinding(run.history.cost);
  // a learning rate too large is the first thing to fix: high bias is then not answered with "a larger learning rate"
  const rateTooLarge = jump !== undefined || (curve !== undefined && curve.kind !== 'stillFalling');
  // (a cost that jumped 10 times and swings since is said once, by the jump)
  const shown = (variance && curve?.kind === 'stillFalling') || (jump && curve?.kind === 'costOscillates') ? undefined : curve;
  const twins = run.network && identicalUnits(run.network);
  const advice = twins ? identicalAdvice(twins) : biasAdvice(run.standardized ?? false, rateTooLarge);
  return [jump, shown, biasFinding(run.train, advice, run.weighted ?? false, run.targets), variance]
    .filter((f): f is Finding => f !== undefined);
}

/** A cost that jumped far above where it started, even if training recovered (divergence stops a run only at 10^4 times). */
function jumpFinding(cost: readonly number[]): Finding | undefined {
  const first = cost[0];
  if (first === undefined || !(first > 0)) return undefined;
  let top = 0;
  for (let e = 1; e < cost.length; e++) if (cost[e]! > cost[top]!) top = e;
  if (!(cost[top]! >= DIAGNOSIS_LIMITS.costJumped * first)) return undefined;
  return {
    kind: 'costJumped',
    message: `the cost jumped to ${sig(cost[top]!, 4)} at epoch ${top + 1}, ${sig(cost[top]! / first, 3)} times its ${sig(first, 4)} at epoch 1: ` +
      'the learning rate is too large for training to go steadily; a smaller one would help',
  };
}

/**
 * The cost of answering without looking at the features, in the training cost's units, when the run's
 * metrics tell it: a regression's mean of the targets' variances on the training rows (MSE = var(y)
 * when every answer is the mean: var = MSE / (1 - R²)), a classification's cross-entropy of the class
 * shares, -Σ p_k log p_k. A network learns that answer in its first steps (an output bias); the first
 * epoch's cost can be far above it: friedman1's target (mean 14, variance 24) unscaled cost 191 at epoch 1
 * and 8 by epoch 100, and its fall of 7% a tenth at the end was not said (0.5% of 191 is 0.96, the fall 0.63).
 * Undefined when the cost is not in the target's units (the target was standardized) or nothing tells it.
 */
function answerWithoutFeatures({ train, standardized }: RunNumbers): number | undefined {
  const c = train.classification, r = train.regression;
  if (train.multilabel) return undefined;
  if (c) {
    const counts = c.confusionMatrix.map((row) => row.reduce((a, b) => a + b, 0)), m = counts.reduce((a, b) => a + b, 0);
    return m > 0 ? -counts.reduce((h, n) => (n > 0 ? h + (n / m) * Math.log(n / m) : h), 0) : undefined;
  }
  if (!r || standardized) return undefined;
  // var(y) = MSE / (1 - R²) for each target (a constant target has none)
  const mse = r.perOutput?.mse ?? [r.mse], r2 = r.perOutput?.r2 ?? [r.r2], constant = r.perOutput?.constant;
  const variances = mse.map((e, i) => (constant?.[i] || !(r2[i]! < 1) ? 0 : e / (1 - r2[i]!)));
  const v = variances.reduce((a, b) => a + b, 0) / variances.length;
  return Number.isFinite(v) && v > 0 ? v : undefined;
}

/**
 * The cost curve's end, judged on means over windows of a tenth of the epochs. A change counts when
 * it is large against the cost itself, against where training started (the first epoch's cost, or the
 * cost of answering without the features when that is lower: answerWithoutFeatures), and against the
 * epoch-to-epoch noise of the last epochs (mini-batch costs jitter): 3 standard errors of a difference
 * of two window means.
 */
function curveFinding({ cost, stopReason }: RunNumbers['history'], biasFirst: boolean, trivial?: number): Finding | undefined {
  const n = cost.length;
  if (n < DIAGNOSIS_LIMITS.minEpochs || !cost.every(Number.isFinite)) return undefined;
  const w = Math.floor(n / 10);
  const sums = new Float64Array(n + 1); // sums[k]: the first k costs summed
  for (let k = 0; k < n; k++) sums[k + 1] = sums[k]! + cost[k]!;
  const windowMean = (end: number) => (sums[end]! - sums[end - w]!) / w;
  const last = windowMean(n), before = windowMean(n - w);
  let lowest = Infinity, lowestEnd = w;
  for (let end = w; end <= n - w; end++) {
    const m = windowMean(end);
    if (m < lowest) [lowest, lowestEnd] = [m, end];
  }
  const start = Math.min(Math.abs(cost[0]!), trivial ?? Infinity);
  const floor = Math.max(DIAGNOSIS_LIMITS.material * start, 3 * noiseOfWindowMeans(cost.slice(n - 2 * w), w));
  const rise = last - lowest;
  if (stopReason !== 'earlyStopping' && rise > DIAGNOSIS_LIMITS.costRose * Math.abs(lowest) && rise > floor) {
    return {
      kind: 'costRose',
      message: `the cost rose from ${sig(lowest, 4)} (epochs ${lowestEnd - w + 1}-${lowestEnd}) to ${sig(last, 4)} (the last ${w} epochs): ` +
        'the learning rate may be too large for the end of training; a smaller one, or a decay, would help',
    };
  }
  const swinging = oscillationFinding(cost);
  if (swinging) return swinging;
  const fall = before - last, fallBefore = windowMean(n - 2 * w) - before;
  // (n >= 20 epochs: three tenths exist)
  const steady = biasFirst && fall >= DIAGNOSIS_LIMITS.stillFallingPace * fallBefore;
  if (stopReason === 'epochs' && (fall > DIAGNOSIS_LIMITS.stillFalling * Math.abs(last) || steady) && fall > floor) {
    return {
      kind: 'stillFalling',
      message: `the cost was still falling when training stopped (down ${pct(fall / before)} over the last ${w} epochs` +
        `${fall > DIAGNOSIS_LIMITS.stillFalling * Math.abs(last) ? '' : `, ${sig(fall / fallBefore, 2)} times its fall in the ${w} before: not levelling off`}): ` +
        'more epochs or a larger learning rate would lower it',
    };
  }
  return undefined;
}

/**
 * The course's split of the held-out error: the avoidable bias (the training error above the Bayes
 * error) is the larger part, against the gap from training to held-out (variance), and is at least 2%
 * (1 - accuracy, or 1 - R²). Training longer helps the first; a network that already fits its training
 * rows (digits under Adam: 100% there, 96.9% on test) gets worse held-out numbers from more epochs.
 */
function biasDominates({ train, heldOut, bayesError = 0 }: RunNumbers): boolean {
  const error = (e: Evaluation | undefined) => (e?.classification ? 1 - e.classification.accuracy : e?.regression && !e.multilabel ? 1 - e.regression.r2 : undefined);
  const t = error(train), h = heldOut ? error(heldOut) : undefined;
  if (t === undefined || !(t - bayesError >= 0.02)) return false;
  return h === undefined || t - bayesError > h - t;
}

/**
 * Whether a held-out error is far enough above the training error to be high variance (the course:
 * variance = dev error - train error, avoidable bias = train error - Bayes error): a gap of `absolute`
 * or more (10 points of accuracy), or of relativeGap of it when the gap is at least the avoidable bias
 * ("train 1%, dev 11%"; "train 4.3%, dev 11%"; "train 15%, dev 30%": both bias and variance).
 */
function varianceGap(trainError: number, heldOutError: number, absolute: number, bayesError: number): boolean {
  const gap = heldOutError - trainError; // variance
  const avoidable = Math.max(0, trainError - bayesError); // avoidable bias
  return gap >= absolute - 1e-9 || (gap >= DIAGNOSIS_LIMITS.relativeGap * absolute - 1e-9 && gap >= avoidable - 1e-9);
}

/** The words beside a gap found by its relative size: the held-out error against the training error (and the Bayes error when given). */
function relativeWords(trainError: number, heldOutError: number, absolute: number, bayesError: number, unit: (v: number) => string): string {
  if (heldOutError - trainError >= absolute - 1e-9) return '';
  const against = bayesError > 0 ? `its ${unit(trainError - bayesError)} above the Bayes error ${unit(bayesError)}` : `the training error ${unit(trainError)} itself`;
  return ` (held-out error ${unit(heldOutError)} against training error ${unit(trainError)}: the gap is larger than the avoidable bias, ${against})`;
}

/** run.bayesError, when given, is a fraction in [0, 1). */
function checkBayesError(v: unknown): number {
  if (v === undefined) return 0;
  if (typeof v !== 'number' || !(v >= 0 && v < 1)) {
    throw new OptionError(`diagnoseTraining: run.bayesError must be a fraction from 0 to below 1 (the lowest error reachable, e.g. 0.01 for 1%), got ${typeof v === 'number' ? String(v) : kindOf(v)}`);
  }
  return v;
}

/**
 * A cost that swings back up to where it started instead of going down (detectOscillation's rule): the
 * learning rate is too large, though neither far enough for a jump of 10 times nor for divergence. It
 * was answered with high bias alone ("train longer or with a larger learning rate") at 20 on the flower.
 */
function oscillationFinding(cost: readonly number[]): Finding | undefined {
  const o = detectOscillation(cost);
  if (!o) return undefined;
  return {
    kind: 'costOscillates',
    message: `the cost is swinging instead of going down: in the last ${o.window} epochs it stayed above its best ${sig(o.best, 4)}, went between ${sig(o.low, 4)} and ${sig(o.high, 4)}, ` +
      `and back up to where it started (${sig(o.first, 4)}): the learning rate is too large for training to settle; a smaller one would help`,
  };
}

/**
 * The standard error of a difference of two means of w epochs' costs, from the epochs' noise: the
 * variance of successive differences is twice the noise's (a steady trend adds none), so
 * se = sqrt(var(diff) / 2) * sqrt(2 / w).
 */
function noiseOfWindowMeans(costs: readonly number[], w: number): number {
  const d = costs.slice(1).map((c, k) => c - costs[k]!);
  const mean = d.reduce((a, b) => a + b, 0) / d.length;
  const variance = d.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, d.length - 1);
  return Math.sqrt(variance / w);
}

/**
 * High bias: the training examples themselves are not learned. Classification: the training accuracy
 * closes less than half of the gap between always answering the commonest class and 100%;
 * regression: the training R² (the fraction of the target's variance explained) is below one half.
 */
function biasFinding(train: Evaluation, advice: string, weighted: boolean, targets?: readonly string[]): Finding | undefined {
  const c = train.classification, r = train.regression;
  if (train.multilabel) return multilabelBias(train.multilabel, advice);
  // with weighted classes: balanced accuracy against chance (1 / k, k the classes that have examples)
  const judged = c && (weighted
    ? { what: 'balanced accuracy', value: c.balancedAccuracy, base: 1 / c.perClassAccuracy.filter((a) => !Number.isNaN(a)).length, baseName: 'chance' }
    : { what: 'accuracy', value: c.accuracy, base: c.majorityBaseline, baseName: 'always answering the commonest class' });
  if (judged && judged.base < 1) {
    const closed = (judged.value - judged.base) / (1 - judged.base);
    if (closed < DIAGNOSIS_LIMITS.gapClosed) {
      return {
        kind: 'highBias',
        message: `training ${judged.what} ${pct(judged.value)} closes ${closed > 0 ? `only ${Math.floor(100 * closed + 1e-9)}%` : 'none'} of the gap between ` +
          `${judged.baseName} (${pct(judged.base)}) and 100%: ${advice}${weighted ? '' : favouredClassAdvice(c)}`,
      };
    }
  }
  if (r?.perOutput) {
    // several targets, each judged: their average hid a target not learned (0.95, 0.9 and 0.1 average 0.65)
    // (a target of one value has no variance to explain: its R² of 0 or 1 is r2_score's rule, not a finding)
    const low = r.perOutput.r2.flatMap((v, i) => (v < DIAGNOSIS_LIMITS.r2Floor && !r.perOutput!.constant?.[i] ? [i] : []));
    if (low.length === 0) return undefined;
    const which = low.map((i) => `${targetName(targets, i)} R² ${r.perOutput!.r2[i]!.toFixed(4)}`).join(', ');
    return { kind: 'highBias', message: `training ${which} (of ${r.perOutput.r2.length} targets; their average ${r.r2.toFixed(4)}): the network explains less than half of ${low.length === 1 ? 'that target\'s' : 'those targets\''} variance on its own training examples: ${advice}` };
  }
  if (r && r.r2 < DIAGNOSIS_LIMITS.r2Floor) {
    return { kind: 'highBias', message: `training R² ${r.r2.toFixed(4)}: the network explains less than half of the target's variance on its own training examples: ${advice}` };
  }
  return undefined;
}

/**
 * High variance: the training examples are fitted much better than held-out ones (varianceGap: 10
 * points, or 5 and at least the avoidable bias), in accuracy and in balanced accuracy (which a different
 * mix of classes in the held-out set does not move); in R² and in squared error (R² also falls when the
 * held-out targets merely vary less: errors no larger).
 */
function varianceFinding({ train, heldOut, heldOutName = 'test', targets, bayesError = 0 }: RunNumbers): Finding | undefined {
  if (!heldOut) return undefined;
  const advice = 'high variance, the network fits its training examples much better than new ones; L2 or dropout regularization, early stopping, a smaller network or more data may help';
  if (train.multilabel && heldOut.multilabel) return multilabelVariance(train.multilabel, heldOut.multilabel, heldOutName, advice, bayesError);
  const c = train.classification, hc = heldOut.classification;
  // the gap must show in balanced accuracy too: a held-out set with another mix of classes moves the
  // accuracy of a network that answers the same class everywhere (the cats: 65.55% on training, 34% on test)
  const wide = (a: number, b: number) => varianceGap(1 - a, 1 - b, DIAGNOSIS_LIMITS.accuracyGap, bayesError);
  if (c && hc && wide(c.accuracy, hc.accuracy) && wide(c.balancedAccuracy, hc.balancedAccuracy)) {
    const gap = (100 * (c.accuracy - hc.accuracy)).toFixed(1);
    const why = relativeWords(1 - c.accuracy, 1 - hc.accuracy, DIAGNOSIS_LIMITS.accuracyGap, bayesError, pct);
    return { kind: 'highVariance', message: `${heldOutName} accuracy ${pct(hc.accuracy)} is ${gap} points below training accuracy ${pct(c.accuracy)}${why}: ${advice}` };
  }
  const r = train.regression, hr = heldOut.regression;
  const r2Wide = (t: number, h: number) => varianceGap(1 - t, 1 - h, DIAGNOSIS_LIMITS.r2Gap, bayesError);
  const each = r?.perOutput && hr?.perOutput;
  if (each) {
    // several targets: the gap of each (one target overfitted hid in the average of the others)
    const t = r.perOutput!.r2, h = hr.perOutput!.r2;
    const constant = (i: number) => r.perOutput!.constant?.[i] || hr.perOutput!.constant?.[i];
    const larger = (i: number) => hr.perOutput!.mse[i]! > r.perOutput!.mse[i]!;
    const wide = t.flatMap((v, i) => (r2Wide(v, h[i]!) && larger(i) && !constant(i) ? [i] : []));
    if (wide.length === 0) return undefined;
    const which = wide.map((i) => `${targetName(targets, i)} R² ${h[i]!.toFixed(4)} is ${(t[i]! - h[i]!).toFixed(4)} below its training R² ${t[i]!.toFixed(4)}`).join('; ');
    return { kind: 'highVariance', message: `${heldOutName}: ${which} (of ${t.length} targets): ${advice}` };
  }
  // (course: variance is dev error minus train error; a lower R² with no larger error is a held-out set
  // whose targets vary less, as diabetes' test rows: R² -0.41 against -0.21, MSE 5735 against 7714)
  if (r && hr && r2Wide(r.r2, hr.r2) && hr.mse > r.mse) {
    const why = relativeWords(1 - r.r2, 1 - hr.r2, DIAGNOSIS_LIMITS.r2Gap, bayesError, (v) => `${v.toFixed(4)} (1 - R²)`);
    return { kind: 'highVariance', message: `${heldOutName} R² ${hr.r2.toFixed(4)} is ${(r.r2 - hr.r2).toFixed(4)} below training R² ${r.r2.toFixed(4)}${why}: ${advice}` };
  }
  return undefined;
}

/**
 * Unweighted classes of unequal size, where the training errors fall on the rarer ones: accuracy
 * accuracyGap above balanced accuracy (each class counting alike), as on ILPD (71% one class: accuracy
 * 75%, balanced accuracy 62%). Longer training or a larger network learns the commonest class better
 * still; weighing the classes (scikit-learn's class_weight='balanced') is what moves the others.
 */
function favouredClassAdvice(c: NonNullable<Evaluation['classification']>): string {
  if (c.accuracy - c.balancedAccuracy < DIAGNOSIS_LIMITS.accuracyGap - 1e-9) return '';
  return `; the classes are of unequal size and the errors fall on the rarer ones (balanced accuracy ${pct(c.balancedAccuracy)}, each class counting alike): ` +
    `weighing the classes (classWeight 'balanced') trades some accuracy for them`;
}

/**
 * The first hidden layer of several units that are all the same unit: equal rows of W[l] and equal
 * b[l]. Units that start equal (init 'zeros') get equal gradients and stay equal, so the layer is one
 * unit wide whatever its size: high bias was answered "use a larger network" on the course's
 * zero-initialised network (2-10-5-1, cost 0.693147 for ever).
 */
function identicalUnits(net: Network): { l: number; units: number } | undefined {
  for (let l = 1; l < net.depth; l++) {
    const { W, b } = net.layers[l - 1]!, n = W.rows, c = W.cols;
    if (n < 2) continue;
    let same = true;
    for (let i = 1; same && i < n; i++) {
      same = b.data[i] === b.data[0];
      for (let j = 0; same && j < c; j++) same = W.data[i * c + j] === W.data[j];
    }
    if (same) return { l, units: n };
  }
  return undefined;
}

/** What to try for high bias when a hidden layer's units are all the same. */
const identicalAdvice = ({ l, units }: { l: number; units: number }) =>
  `high bias: the ${units} units of hidden layer ${l} are all the same (equal weights: they started equal, as init 'zeros' starts them, and gradient descent keeps them equal), ` +
  `so the layer works as one unit; neither more units nor longer training can help: start from random weights (init 'he', 'xavier' or 'normal')`;

/** What to try for high bias; after a finding that the learning rate is too large, a smaller one first (not "a larger learning rate"). */
const biasAdvice = (standardized: boolean, rateTooLarge: boolean) => rateTooLarge
  ? `high bias, unless the features say little about the target; first a smaller learning rate (the cost did not settle), then train longer, ${standardized ? '' : 'standardize the inputs, '}or use a larger network`
  : `high bias, unless the features say little about the target; train longer or with a larger learning rate, ${standardized ? '' : 'standardize the inputs, '}or use a larger network`;

/**
 * High bias of a multi-label run: the training Hamming loss closes less than half of the gap between
 * always answering each label's commoner value and no label wrong (as accuracy against the commonest class).
 */
function multilabelBias(r: MultilabelReport, advice: string): Finding | undefined {
  const base = r.majorityHammingLoss;
  if (!(base > 0)) return undefined;
  const closed = (base - r.hammingLoss) / base;
  if (closed >= DIAGNOSIS_LIMITS.gapClosed) return undefined;
  return {
    kind: 'highBias',
    message: `training Hamming loss ${r.hammingLoss.toFixed(4)} (the fraction of labels predicted wrong) closes ${closed > 0 ? `only ${Math.floor(100 * closed + 1e-9)}%` : 'none'} of the gap between ` +
      `always answering each label's commoner value (${base.toFixed(4)}) and 0: ${advice}`,
  };
}

/** High variance of a multi-label run: held-out subset accuracy far below training (varianceGap), and its Hamming loss above (see DIAGNOSIS_LIMITS.hammingGap). */
function multilabelVariance(t: MultilabelReport, h: MultilabelReport, heldOutName: string, advice: string, bayesError: number): Finding | undefined {
  const subsetGap = t.subsetAccuracy - h.subsetAccuracy, hammingGap = h.hammingLoss - t.hammingLoss;
  if (!varianceGap(1 - t.subsetAccuracy, 1 - h.subsetAccuracy, DIAGNOSIS_LIMITS.accuracyGap, bayesError) || hammingGap < DIAGNOSIS_LIMITS.hammingGap - 1e-9) return undefined;
  const why = relativeWords(1 - t.subsetAccuracy, 1 - h.subsetAccuracy, DIAGNOSIS_LIMITS.accuracyGap, bayesError, pct);
  return {
    kind: 'highVariance',
    message: `${heldOutName} subset accuracy ${pct(h.subsetAccuracy)} (every label of an example right) is ${(100 * subsetGap).toFixed(1)} points below training ${pct(t.subsetAccuracy)}${why}, ` +
      `and its Hamming loss ${h.hammingLoss.toFixed(4)} is above training's ${t.hammingLoss.toFixed(4)}: ${advice}`,
  };
}
