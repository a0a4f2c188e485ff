// Metrics as text tables for people and as JSON for programs.

import type { Evaluation } from '../train/predict.js';
export { metricsJson } from '../metrics/summary.js';

const pct = (v: number) => (Number.isNaN(v) ? '   - ' : `${(100 * v).toFixed(2)}%`);

export function formatMetrics(e: Evaluation, classes?: string[], o: { brief?: boolean } = {}): string {
  if (e.regression) {
    const r = e.regression;
    return `loss ${e.cost.toFixed(6)}  MSE ${r.mse.toPrecision(6)}  RMSE ${r.rmse.toPrecision(6)}  MAE ${r.mae.toPrecision(6)}  R² ${r.r2.toFixed(4)}`;
  }
  const c = e.classification!;
  // what accuracy alone hides on unbalanced classes: the commonest-class baseline and balanced accuracy
  const head = `accuracy ${pct(c.accuracy)} (commonest class alone: ${pct(c.majorityBaseline)}; balanced accuracy ${pct(c.balancedAccuracy)})  loss ${e.cost.toFixed(6)}`;
  if (o.brief) return head;
  const names = classes ?? c.confusionMatrix.map((_, i) => String(i));
  const w = Math.max(8, ...names.map((n) => n.length + 1));
  const lines = [head, '', 'per class:', `${'class'.padEnd(w)} ${'accuracy'.padStart(9)} ${'precision'.padStart(9)} ${'recall'.padStart(9)} ${'F1'.padStart(9)}`];
  names.forEach((n, i) => {
    lines.push(`${n.padEnd(w)} ${pct(c.perClassAccuracy[i]!).padStart(9)} ${c.precision[i]!.toFixed(4).padStart(9)} ${c.recall[i]!.toFixed(4).padStart(9)} ${c.f1[i]!.toFixed(4).padStart(9)}`);
  });
  lines.push('', 'confusion matrix (rows: true class, columns: predicted):');
  const cw = Math.max(6, ...c.confusionMatrix.flat().map((v) => String(v).length + 1), ...names.map((n) => n.length + 1));
  lines.push(''.padEnd(w) + names.map((n) => n.padStart(cw)).join(''));
  c.confusionMatrix.forEach((row, i) => lines.push(names[i]!.padEnd(w) + row.map((v) => String(v).padStart(cw)).join('')));
  return lines.join('\n');
}
