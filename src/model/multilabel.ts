// Multi-label targets, the rules written once: Y is k x m with 0 or 1 in every cell (label i present in
// example j or not), as scikit-learn's MLPClassifier takes a label-indicator Y of m x k and Keras k
// sigmoid units with binary_crossentropy. Used by the CSV and HDF5 readers, trainModel's data check,
// Model.evaluate and evaluate. Pure (no Node module).

import type { Matrix } from '../tensor/matrix.js';

/** The names of k labels when none are known: y1, y2, ... (as the outputs of a multi-output regression). */
export const defaultLabelNames = (k: number): string[] => Array.from({ length: k }, (_, i) => `y${i + 1}`);

/** A multi-label set's label names: its classes, else y1, y2, ... */
export const labelNames = (d: { Y: Matrix; classes?: string[] }): string[] => d.classes ?? defaultLabelNames(d.Y.rows);

/** Where Y (k x m) holds a value other than 0 or 1, as "label 2 (b) of example 7 is 0.5", or undefined. */
export function indicatorProblem(Y: Matrix, names?: readonly string[]): string | undefined {
  const bad = Y.data.findIndex((v) => v !== 0 && v !== 1);
  if (bad < 0) return undefined;
  const i = Math.floor(bad / Y.cols), j = bad % Y.cols, name = names?.[i];
  return `label ${i + 1}${name !== undefined ? ` (${name})` : ''} of example ${j + 1} is ${String(Y.data[bad])}; a multi-label target holds 0 (absent) or 1 (present) per label`;
}

/**
 * The labels of Y (k x m) that are present in every example, or in none: the network can only learn
 * to answer always the same for them (scikit-learn's MultiLabelBinarizer and OneVsRestClassifier
 * warn of a label never seen; precision, recall and F1 of such a label are 0 by its rule).
 */
export function constantLabels(Y: Matrix, names: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < Y.rows; i++) {
    let ones = 0;
    for (let j = 0; j < Y.cols; j++) ones += Y.data[i * Y.cols + j]!;
    if (Y.cols > 1 && (ones === 0 || ones === Y.cols)) out.push(`'${names[i] ?? `y${i + 1}`}' (${ones === 0 ? 'never present' : 'present in every example'})`);
  }
  return out;
}

/** The warning for constantLabels, or undefined when there is none. */
export function constantLabelsWarning(Y: Matrix, names: readonly string[], where: string): string | undefined {
  const c = constantLabels(Y, names);
  if (c.length === 0) return undefined;
  return `${where}: label${c.length === 1 ? '' : 's'} ${c.join(', ')} ${c.length === 1 ? 'has' : 'have'} one value in every example: the network learns to answer it always the same, and its precision, recall and F1 are 0 or undefined (scored 0, as scikit-learn)`;
}
