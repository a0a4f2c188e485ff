// Regression metrics over all outputs and examples.

import { OptionError } from '../errors.js';
import { givenText } from '../util/bounds.js';

export interface RegressionReport {
  /** mean of (y_hat - y)^2 */
  mse: number;
  /**
   * sqrt of each output's MSE, in the target's units, averaged over outputs (scikit-learn's
   * root_mean_squared_error, whose multioutput='uniform_average' averages the outputs' RMSEs): sqrt(mse) for one output
   */
  rmse: number;
  /** mean of |y_hat - y| */
  mae: number;
  /**
   * 1 - SS_res / SS_tot, averaged over outputs (as scikit-learn's r2_score); an output whose true values
   * are all one value (SS_tot = 0) scores as r2_score scores it: 1 for a perfect prediction, else 0
   */
  r2: number;
  /** Several outputs: each output's metrics, in output order (scikit-learn's multioutput='raw_values'); the fields above are their uniform average. */
  perOutput?: {
    mse: number[]; rmse: number[]; mae: number[]; r2: number[];
    /** The outputs whose true values are all one value: their R² is r2_score's rule (1 or 0), not a fraction of a variance. */
    constant?: boolean[];
  };
}

/** yTrue and yPred are outputs x m, row-major (one row per output). */
export function regressionReport(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, outputs = 1): RegressionReport {
  if (yTrue.length !== yPred.length) throw new OptionError(`true values (${yTrue.length}) and predictions (${yPred.length}) differ in length`);
  const n = yTrue.length;
  // no values gave { mse: NaN, mae: NaN, r2: 1 }: a perfect fit of nothing
  if (n === 0) throw new OptionError('no values: the metrics need at least one true value and its prediction');
  if (!Number.isInteger(outputs) || outputs < 1 || n % outputs !== 0) throw new OptionError(`outputs must be a whole number >= 1 that divides the ${n} values, got ${String(outputs)}`);
  // a NaN among the values made every metric NaN, silently
  for (const [name, v] of [['true values', yTrue], ['predictions', yPred]] as const) {
    for (let k = 0; k < n; k++) if (!Number.isFinite(v[k])) throw new OptionError(`${name}[${k}] is ${givenText(v[k])}: the metrics need finite numbers`);
  }
  const m = n / outputs;
  let se = 0, ae = 0, r2 = 0, rmse = 0;
  const each = { mse: [] as number[], rmse: [] as number[], mae: [] as number[], r2: [] as number[], constant: [] as boolean[] };
  for (let o = 0; o < outputs; o++) {
    let mean = 0;
    for (let j = 0; j < m; j++) mean += yTrue[o * m + j]!;
    mean /= m;
    let ssRes = 0, ssTot = 0, aeo = 0;
    for (let j = 0; j < m; j++) {
      const t = yTrue[o * m + j]!, p = yPred[o * m + j]!;
      ssRes += (p - t) * (p - t);
      ssTot += (t - mean) * (t - mean);
      aeo += Math.abs(p - t);
    }
    ae += aeo;
    se += ssRes;
    rmse += Math.sqrt(ssRes / m);
    const r2o = ssTot === 0 ? (ssRes === 0 ? 1 : 0) : 1 - ssRes / ssTot;
    r2 += r2o;
    if (outputs > 1) {
      each.mse.push(ssRes / m); each.rmse.push(Math.sqrt(ssRes / m)); each.mae.push(aeo / m); each.r2.push(r2o); each.constant.push(ssTot === 0);
    }
  }
  // with several outputs sqrt(mse) is not scikit-learn's RMSE: 1.71 where it says 1.39 for errors (0.5, 0, 0.5) and (2, 2, 3)
  return { mse: se / n, rmse: rmse / outputs, mae: ae / n, r2: r2 / outputs, ...(outputs > 1 ? { perOutput: each } : {}) };
}
