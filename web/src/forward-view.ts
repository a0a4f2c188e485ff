// One example's forward pass written out in the course notation, with the numbers:
//   a[0] = x;  z[l] = W[l]·a[l-1] + b[l];  a[l] = g[l](z[l]);  ŷ = a[L]

// num: a number as the backward tab writes it (the library's rule): a weight of 3e-5 was 0.0000 here, 3.000e-5 there
import { formatNumber as num, type Matrix, type Network } from '../../src/index.js';
import { className } from './format.js';
import { featureMatrix, FEATURES, type FeatureName } from './features.js';
import type { PlayData } from './data.js';

/** A column of numbers as a bracketed block of lines. */
function column(values: ArrayLike<number>): string[] {
  const cells = Array.from(values, num);
  const w = Math.max(...cells.map((c) => c.length));
  return cells.map((c) => `[ ${c.padStart(w)} ]`);
}

/**
 * A matrix (rows x cols, row-major) as a bracketed block; `elide`: its middle columns as one '…'
 * column (the first and the last column are kept), for a screen too narrow for them all.
 */
function matrix(M: Matrix, elide = false): string[] {
  const cells = Array.from(M.data, num);
  const w = Math.max(...cells.map((c) => c.length));
  const cut = elide && M.cols > 2;
  return Array.from({ length: M.rows }, (_, i) => {
    const row = cells.slice(i * M.cols, (i + 1) * M.cols).map((c) => c.padStart(w));
    return `[ ${(cut ? [row[0]!, '…', row[row.length - 1]!] : row).join('  ')} ]`;
  });
}

/** Blocks side by side, centred vertically; `ops[i]` sits between block i and i+1 on the middle row. */
function beside(blocks: string[][], ops: string[]): string[] {
  const h = Math.max(...blocks.map((b) => b.length));
  const mid = Math.floor((h - 1) / 2);
  const lines: string[] = Array.from({ length: h }, () => '');
  blocks.forEach((b, bi) => {
    const w = Math.max(...b.map((s) => s.length));
    const top = Math.floor((h - b.length) / 2);
    for (let r = 0; r < h; r++) {
      lines[r] += (b[r - top] ?? '').padEnd(w);
      const op = ops[bi];
      if (op !== undefined) lines[r] += r === mid ? ` ${op} ` : ' '.repeat(op.length + 2);
    }
  });
  return lines.map((l) => l.trimEnd());
}

const widthOf = (lines: string[]) => Math.max(0, ...lines.map((l) => [...l].length));

/**
 * Blocks side by side as far as `width` characters allow, then on the next rows: a row that goes on
 * starts with the operator that joins it to the one before ("+ [ b ] = [ z ]"). `indent` starts
 * every line.
 */
function flow(blocks: string[][], ops: string[], width: number, indent = ''): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < blocks.length) {
    const op = start === 0 ? '' : `${ops[start - 1]!} `;
    const row = (end: number) => {
      const lines = beside(blocks.slice(start, end), ops.slice(start, end - 1));
      const mid = Math.floor((lines.length - 1) / 2);
      return lines.map((l, r) => indent + (r === mid ? op : ' '.repeat(op.length)) + l);
    };
    let end = start + 1;
    while (end < blocks.length && widthOf(row(end + 1)) <= width) end++;
    out.push(...row(end).map((l) => l.trimEnd()));
    start = end;
  }
  return out;
}

export interface ForwardResult {
  text: string; output: number[]; point: [number, number];
  /** Middle columns of some W[l] were written as '…' to fit the width (the page offers all of them). */
  elided: boolean;
}

/** The width the text is written for: `width` characters (the lines flow onto more rows, wide W[l] lose their middle columns), or `full`: every column on one row. */
export interface ForwardLayout { width?: number; full?: boolean }

export function forwardPass(net: Network, features: readonly FeatureName[], data: PlayData, set: 'train' | 'test', i: number, layout: ForwardLayout = {}): ForwardResult {
  const width = layout.full ? Infinity : layout.width ?? Infinity;
  let elided = false;
  const j = (set === 'train' ? data.trainIdx : data.testIdx)[i]!;
  const x1 = data.x1[j]!, x2 = data.x2[j]!, y = data.y[j]!;
  const X = featureMatrix(features, [x1], [x2]);
  net.forward(X);
  const { Z, A } = net.cache;
  const L = net.depth;
  const out: string[] = [];
  const target = data.task === 'regression' ? `target y = ${num(y)}` : `label y = ${className(data.classes?.[y] ?? y)}`;
  out.push(`Example ${i + 1} of the ${set === 'train' ? 'training' : 'test'} set: (x₁, x₂) = (${num(x1)}, ${num(x2)}), ${target}`);
  out.push('');
  out.push(...flow([[`a[0] = x = (${features.map((f) => FEATURES[f].label).join(', ')})`], column(A[0]!.data)], ['='], width));
  for (let l = 1; l <= L; l++) {
    const layer = net.layers[l - 1]!;
    const g = layer.activation.name;
    out.push('');
    out.push(`Layer ${l} (${layer.units} unit${layer.units > 1 ? 's' : ''}, ${g}${l === L ? ', output' : ''})`);
    out.push(`z[${l}] = W[${l}]·a[${l - 1}] + b[${l}]`);
    const indent = width < 60 ? '  ' : '     ';
    const rest = [column(A[l - 1]!.data), column(layer.b.data), column(Z[l]!.data)];
    let W = matrix(layer.W);
    if (widthOf(beside([W, ...rest], ['·', '+', '='])) + indent.length > width && layer.W.cols > 2) { W = matrix(layer.W, true); elided = true; }
    out.push(...flow([W, ...rest], ['·', '+', '='], width, indent));
    out.push(...flow([[`a[${l}] = ${g}(z[${l}])`], column(A[l]!.data)], ['='], width));
  }
  const output = Array.from(A[L]!.data);
  out.push('');
  if (data.task === 'binary') {
    const cls = output[0]! > 0.5 ? 1 : 0;
    out.push(`ŷ = a[${L}] = ${num(output[0]!)}  → class ${className(data.classes?.[cls] ?? cls)} (ŷ > 0.5 is class ${className(data.classes?.[1] ?? 1)}): ${cls === y ? 'correct' : 'wrong'}`);
  } else if (data.task === 'multiclass') {
    const cls = output.indexOf(Math.max(...output));
    out.push(`ŷ = a[${L}] = softmax(z[${L}]) = (${output.map(num).join(', ')})  → class ${className(data.classes?.[cls] ?? cls)} (the largest): ${cls === y ? 'correct' : 'wrong'}`);
  } else {
    out.push(`ŷ = a[${L}] = ${num(output[0]!)}  (target ${num(y)}, error ${num(output[0]! - y)})`);
  }
  return { text: out.join('\n'), output, point: [x1, x2], elided };
}

