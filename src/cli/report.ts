// Metrics as text tables for people and as JSON for programs.

import type { Evaluation } from '../train/predict.js';
import { costText, percentText, toFixedHalfEven as fixed, toPrecisionHalfEven as sig } from '../util/number-text.js';
import { outputNames } from '../metrics/summary.js';
export { metricsJson } from '../metrics/summary.js';

const pct = (v: number) => (Number.isNaN(v) ? '   - ' : percentText(v));

export function formatMetrics(e: Evaluation, classes?: string[], o: { brief?: boolean; targets?: readonly string[] } = {}): string {
  if (e.regression) {
    const r = e.regression;
    const head = `${regressionLoss(e)}  RMSE ${sig(r.rmse, 6)}  MAE ${sig(r.mae, 6)}  R² ${fixed(r.r2, 4)}${r.perOutput ? ` (uniform average of ${r.perOutput.mse.length} outputs)` : ''}`;
    return r.perOutput && !o.brief ? [head, '', ...perOutputTable(r.perOutput, o.targets)].join('\n') : head;
  }
  if (e.multilabel) return multilabelText(e, o.brief === true, classes ?? o.targets);
  const c = e.classification!;
  // what accuracy alone hides on unbalanced classes: the commonest-class baseline and balanced accuracy
  const penalty = penaltyText(e);
  const head = `accuracy ${pct(c.accuracy)} (commonest class alone: ${pct(c.majorityBaseline)}; balanced accuracy ${pct(c.balancedAccuracy)})  loss ${costText(e.cost)}${penalty}`;
  if (o.brief) return head;
  const names = classes ?? c.confusionMatrix.map((_, i) => String(i));
  const w = Math.max(8, ...names.map((n) => n.length + 1));
  const lines = [head, '', 'per class:', `${'class'.padEnd(w)} ${'accuracy'.padStart(9)} ${'precision'.padStart(9)} ${'recall'.padStart(9)} ${'F1'.padStart(9)}`];
  names.forEach((n, i) => {
    lines.push(`${n.padEnd(w)} ${pct(c.perClassAccuracy[i]!).padStart(9)} ${fixed(c.precision[i]!, 4).padStart(9)} ${fixed(c.recall[i]!, 4).padStart(9)} ${fixed(c.f1[i]!, 4).padStart(9)}`);
  });
  lines.push('', 'confusion matrix (rows: true class, columns: predicted):');
  const cw = Math.max(6, ...c.confusionMatrix.flat().map((v) => String(v).length + 1), ...names.map((n) => n.length + 1));
  lines.push(''.padEnd(w) + names.map((n) => n.padStart(cw)).join(''));
  c.confusionMatrix.forEach((row, i) => lines.push(names[i]!.padEnd(w) + row.map((v) => String(v).padStart(cw)).join('')));
  return lines.join('\n');
}

/** ' = cross-entropy J0 + penalty P' after a classification's loss with L1/L2, '' without. */
const penaltyText = (e: Evaluation): string => (e.penalty ? ` = cross-entropy ${costText(e.cost - e.penalty)} + penalty ${costText(e.penalty)}` : '');

/**
 * A multi-label evaluation: the loss (the sum of the labels' binary cross-entropies), subset accuracy,
 * Hamming loss and the F1 averages on one line; with the label names (not brief), one line per label.
 */
function multilabelText(e: Evaluation, brief: boolean, names?: readonly string[]): string {
  const r = e.multilabel!, k = r.f1.length;
  const penalty = penaltyText(e);
  const head = `loss ${costText(e.cost)}${penalty}  subset accuracy ${pct(r.subsetAccuracy)}  Hamming loss ${fixed(r.hammingLoss, 4)}  F1 micro ${fixed(r.micro.f1, 4)}  macro ${fixed(r.macro.f1, 4)}  samples ${fixed(r.samples.f1, 4)} (${k} labels)`;
  if (brief) return head;
  const labels = outputNames(k, names), w = Math.max(8, ...labels.map((n) => n.length + 1));
  const lines = [head, '', 'per label:', `${'label'.padEnd(w)} ${'accuracy'.padStart(9)} ${'precision'.padStart(9)} ${'recall'.padStart(9)} ${'F1'.padStart(9)} ${'support'.padStart(8)}`];
  labels.forEach((n, i) => lines.push(`${n.padEnd(w)} ${pct(r.perLabelAccuracy[i]!).padStart(9)} ${fixed(r.precision[i]!, 4).padStart(9)} ${fixed(r.recall[i]!, 4).padStart(9)} ${fixed(r.f1[i]!, 4).padStart(9)} ${String(r.support[i]).padStart(8)}`));
  const avg = (name: string, a: { precision: number; recall: number; f1: number }) => `${name.padEnd(w)} ${''.padStart(9)} ${fixed(a.precision, 4).padStart(9)} ${fixed(a.recall, 4).padStart(9)} ${fixed(a.f1, 4).padStart(9)}`;
  lines.push(avg('micro', r.micro), avg('macro', r.macro), avg('samples', r.samples));
  return lines.join('\n');
}

/** Several outputs' metrics, one line per target (scikit-learn's multioutput='raw_values'). */
function perOutputTable(each: NonNullable<NonNullable<Evaluation['regression']>['perOutput']>, targets?: readonly string[]): string[] {
  const names = outputNames(each.mse.length, targets);
  const w = Math.max(7, ...names.map((n) => n.length + 1));
  const lines = ['per output:', `${'target'.padEnd(w)} ${'MSE'.padStart(12)} ${'RMSE'.padStart(12)} ${'MAE'.padStart(12)} ${'R²'.padStart(8)}`];
  names.forEach((n, i) => lines.push(`${n.padEnd(w)} ${sig(each.mse[i]!, 6).padStart(12)} ${sig(each.rmse[i]!, 6).padStart(12)} ${sig(each.mae[i]!, 6).padStart(12)} ${fixed(each.r2[i]!, 4).padStart(8)}`));
  return lines;
}

/**
 * A regression's loss said with what it is made of: J = (1/m) sum of (y_hat - y)^2 (no 1/2), the
 * squared errors averaged over the outputs as the MSE averages them, plus an L1/L2 penalty: "loss = MSE 20.4397" when it is the
 * MSE, "loss 20.615107 = MSE 20.3623 + penalty 0.252807" otherwise (it printed "loss 20.439665  MSE 20.4397", twice the same number unexplained).
 */
function regressionLoss(e: Evaluation): string {
  const mse = e.regression!.mse, penalty = e.penalty ?? 0;
  if (!penalty) return `loss = MSE ${sig(mse, 6)}`;
  return `loss ${costText(e.cost)} = MSE ${sig(mse, 6)} + penalty ${costText(penalty)}`;
}
