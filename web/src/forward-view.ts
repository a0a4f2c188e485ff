// One example's forward pass written out in the course notation, with the numbers:
//   a[0] = x;  z[l] = W[l]·a[l-1] + b[l];  a[l] = g[l](z[l]);  ŷ = a[L]

import type { Matrix, Network } from '../../src/index.js';
import { featureMatrix, FEATURES, type FeatureName } from './features.js';
import type { PlayData } from './data.js';

const num = (v: number) => {
  const s = v.toFixed(4);
  return s === '-0.0000' ? '0.0000' : s;
};

/** A column of numbers as a bracketed block of lines. */
function column(values: ArrayLike<number>): string[] {
  const cells = Array.from(values, num);
  const w = Math.max(...cells.map((c) => c.length));
  return cells.map((c) => `[ ${c.padStart(w)} ]`);
}

/** A matrix (rows x cols, row-major) as a bracketed block. */
function matrix(M: Matrix): string[] {
  const cells = Array.from(M.data, num);
  const w = Math.max(...cells.map((c) => c.length));
  return Array.from({ length: M.rows }, (_, i) =>
    `[ ${cells.slice(i * M.cols, (i + 1) * M.cols).map((c) => c.padStart(w)).join('  ')} ]`);
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

export interface ForwardResult { text: string; output: number[]; point: [number, number]; }

export function forwardPass(net: Network, features: readonly FeatureName[], data: PlayData, set: 'train' | 'test', i: number): ForwardResult {
  const j = (set === 'train' ? data.trainIdx : data.testIdx)[i]!;
  const x1 = data.x1[j]!, x2 = data.x2[j]!, y = data.y[j]!;
  const X = featureMatrix(features, [x1], [x2]);
  net.forward(X);
  const { Z, A } = net.cache;
  const L = net.depth;
  const out: string[] = [];
  const target = data.task === 'regression' ? `target y = ${num(y)}` : `label y = ${data.classes?.[y] ?? y}`;
  out.push(`Example ${i + 1} of the ${set === 'train' ? 'training' : 'test'} set: (x₁, x₂) = (${num(x1)}, ${num(x2)}), ${target}`);
  out.push('');
  out.push(...beside([[`a[0] = x = (${features.map((f) => FEATURES[f].label).join(', ')})`], column(A[0]!.data)], ['=']));
  for (let l = 1; l <= L; l++) {
    const layer = net.layers[l - 1]!;
    const g = layer.activation.name;
    out.push('');
    out.push(`Layer ${l} (${layer.units} unit${layer.units > 1 ? 's' : ''}, ${g}${l === L ? ', output' : ''})`);
    out.push(`z[${l}] = W[${l}]·a[${l - 1}] + b[${l}]`);
    out.push(...beside([matrix(layer.W), column(A[l - 1]!.data), column(layer.b.data), column(Z[l]!.data)], ['·', '+', '=']).map((s) => '     ' + s));
    out.push(...beside([[`a[${l}] = ${g}(z[${l}])`], column(A[l]!.data)], ['=']));
  }
  const output = Array.from(A[L]!.data);
  out.push('');
  if (data.task === 'binary') {
    const cls = output[0]! > 0.5 ? 1 : 0;
    out.push(`ŷ = a[${L}] = ${num(output[0]!)}  → class ${data.classes?.[cls] ?? cls} (ŷ > 0.5 is class ${data.classes?.[1] ?? 1}): ${cls === y ? 'correct' : 'wrong'}`);
  } else if (data.task === 'multiclass') {
    const cls = output.indexOf(Math.max(...output));
    out.push(`ŷ = a[${L}] = softmax(z[${L}]) = (${output.map(num).join(', ')})  → class ${data.classes?.[cls] ?? cls} (the largest): ${cls === y ? 'correct' : 'wrong'}`);
  } else {
    out.push(`ŷ = a[${L}] = ${num(output[0]!)}  (target ${num(y)}, error ${num(output[0]! - y)})`);
  }
  return { text: out.join('\n'), output, point: [x1, x2] };
}

