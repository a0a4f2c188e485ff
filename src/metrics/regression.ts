// Regression metrics over all outputs and examples.

export interface RegressionReport {
  /** mean of (y_hat - y)^2 */
  mse: number;
  /** mean of |y_hat - y| */
  mae: number;
  /** 1 - SS_res / SS_tot, averaged over outputs (as scikit-learn's r2_score) */
  r2: number;
}

/** yTrue and yPred are outputs x m, row-major (one row per output). */
export function regressionReport(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, outputs = 1): RegressionReport {
  if (yTrue.length !== yPred.length) throw new RangeError(`true values (${yTrue.length}) and predictions (${yPred.length}) differ in length`);
  const n = yTrue.length;
  const m = n / outputs;
  let se = 0, ae = 0, r2 = 0;
  for (let o = 0; o < outputs; o++) {
    let mean = 0;
    for (let j = 0; j < m; j++) mean += yTrue[o * m + j]!;
    mean /= m;
    let ssRes = 0, ssTot = 0;
    for (let j = 0; j < m; j++) {
      const t = yTrue[o * m + j]!, p = yPred[o * m + j]!;
      ssRes += (p - t) * (p - t);
      ssTot += (t - mean) * (t - mean);
      ae += Math.abs(p - t);
    }
    se += ssRes;
    r2 += ssTot === 0 ? (ssRes === 0 ? 1 : 0) : 1 - ssRes / ssTot;
  }
  return { mse: se / n, mae: ae / n, r2: r2 / outputs };
}
