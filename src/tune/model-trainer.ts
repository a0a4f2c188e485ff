// The trials' Trainer: the library's trainModel on the fold's (train, validation) pair, nothing
// held out as a test set. For classification the features of each fold are standardized once
// per worker (not once per trial), so that the model of each epoch can be scored on the validation
// rows as the network sees them: the pruner then compares the objective itself after each epoch.
// A standardized regression is trained by trainModel on a z-scored target; its epochs are scored on
// the validation rows scaled the same way, the metrics then put back in the target's units.

import { trainModel } from '../model/train-model.js';
import { fitStandardize, applyStandardize, fitTargetScale, scaleTargets, type TargetScale } from '../model/preprocessing.js';
import { regressionReport } from '../metrics/regression.js';
import type { TrainSpec } from '../model/spec.js';
import type { Network } from '../nn/network.js';
import type { Dataset } from '../data/synthetic.js';
import { evaluate, type Evaluation } from '../train/predict.js';
import type { TrialData, Trainer } from './trainer.js';

/** The fold with its features z-scored by its training rows' mean and std. */
function standardized(data: TrialData): TrialData {
  const s = fitStandardize(data.train.X);
  return { train: { ...data.train, X: applyStandardize(s, data.train.X) }, validation: { ...data.validation, X: applyStandardize(s, data.validation.X) } };
}

/** The validation rows of a regression fold as trainModel's standardize scales them (features, and the target by the training rows' mean and std). */
interface ScaledRegression { X: Dataset['X']; Y: Dataset['Y']; target: TargetScale }

function scaledRegression(data: TrialData): ScaledRegression {
  const s = fitStandardize(data.train.X), target = fitTargetScale(data.train.Y);
  return { X: applyStandardize(s, data.validation.X), Y: scaleTargets(data.validation.Y, target, 1), target };
}

/**
 * A standardized regression's network of an epoch, scored on the validation rows: its outputs are in
 * the z-scored target's units while it trains (scaledTarget), so the errors are put back in the
 * target's (R² is the same on both scales). Its epochs were scored by the validation cost, a number
 * to minimize, which a pruner compared as R² (to maximize): it stopped the trials that learned fastest.
 */
function scoreRegression(net: Network, v: ScaledRegression, raw: Dataset, scaledTarget: boolean): Evaluation {
  if (!scaledTarget) return evaluate(net, v.X, raw.Y, 'regression');
  const e = evaluate(net, v.X, v.Y, 'regression'), r = e.regression!, t = v.target;
  // several targets, each on its own scale: the metrics of the predictions put back in the targets' units
  if (typeof t.std !== 'number') return { ...e, regression: regressionReport(raw.Y.data, scaleTargets(net.predictProba(v.X), t, -1).data, raw.Y.rows) };
  const s = t.std;
  return { ...e, regression: { mse: r.mse * s * s, rmse: r.rmse * s, mae: r.mae * s, r2: r.r2 } };
}

/** trainModel's advice on unstandardized inputs (large values, or far from centered under Adam): it ends so. */
const UNSCALED_ADVICE = /use standardize: true$/;

export function modelTrainer(): Trainer {
  const cache = new WeakMap<TrialData, TrialData>();
  const regressions = new WeakMap<TrialData, ScaledRegression>();
  return async (spec, data, onEpochEnd) => {
    const regression = data.train.task === 'regression';
    // (a regression target is z-scored by trainModel with standardize: its epochs are scored as scaledRegression says)
    const own = spec.standardize === true && !regression;
    if (own && !cache.has(data)) cache.set(data, standardized(data));
    if (spec.standardize === true && regression && !regressions.has(data)) regressions.set(data, scaledRegression(data));
    const { train, validation } = own ? cache.get(data)! : data;
    let net: Network | undefined, scaledTarget = false;
    const warnings: string[] = [];
    const score = (): Evaluation => spec.standardize === true && regression
      ? scoreRegression(net!, regressions.get(data)!, validation, scaledTarget)
      : evaluate(net!, validation.X, validation.Y, validation.task);
    const r = await trainModel({ ...spec, standardize: own ? false : spec.standardize, testSplit: 0 } as TrainSpec, { train, validation }, {
      onStart: (run) => { net = run.network; scaledTarget = run.scaledTarget; },
      onEpochEnd: (info) => onEpochEnd(info.epoch, info.valCost ?? NaN, net ? score : undefined),
      keepData: true, // the trial's report reads the validation set only
      // (said by the study, once each: trial-warnings.ts); on features this trainer z-scored itself, trainModel's
      // advice on unscaled inputs ('... use standardize: true') was said as 'add --standardize' to a study given it
      warn: (m) => { if (!(own && UNSCALED_ADVICE.test(m))) warnings.push(m); },
    });
    return { validation: r.validation!, epochs: r.history.epoch.length, model: r.model, warnings };
  };
}
