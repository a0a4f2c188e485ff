// The points the page trains on: a built-in set from the library or the user's CSV,
// split into training and test examples with a seeded shuffle.

import { synthetic, Random, type Task } from '../../src/index.js';

export interface Points {
  x1: Float64Array;
  x2: Float64Array;
  /** Class index (classification) or target value (regression). */
  y: Float64Array;
  task: Task;
  classes?: string[];
}

export interface PlayData extends Points {
  trainIdx: Int32Array;
  testIdx: Int32Array;
  /** The plot shows [-domain, domain] on both axes. */
  domain: number;
  /** max |y| (regression colour scale). */
  yScale: number;
}

export const SAMPLES = 500;

export function syntheticPoints(name: string, noisePercent: number, seed: number): Points {
  const d = synthetic(name, { samples: SAMPLES, noise: noisePercent / 100, seed });
  const m = d.X.cols;
  return {
    x1: Float64Array.from(d.X.data.subarray(0, m)),
    x2: Float64Array.from(d.X.data.subarray(m, 2 * m)),
    y: Float64Array.from(d.Y.data),
    task: d.task,
    classes: d.classes,
  };
}

/** Shuffle the indices with the data seed and cut them at trainRatio percent. */
export function splitPoints(points: Points, trainRatio: number, seed: number): PlayData {
  const m = points.x1.length;
  const order = new Int32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  new Random(seed + 7919).shuffle(order);
  const nTrain = Math.max(1, Math.min(m - 1, Math.round((m * trainRatio) / 100)));
  let maxAbs = 0, yScale = 0;
  for (let i = 0; i < m; i++) {
    maxAbs = Math.max(maxAbs, Math.abs(points.x1[i]!), Math.abs(points.x2[i]!));
    yScale = Math.max(yScale, Math.abs(points.y[i]!));
  }
  return {
    ...points,
    trainIdx: order.slice(0, nTrain),
    testIdx: order.slice(nTrain),
    domain: niceCeil(maxAbs * 1.05),
    yScale: yScale || 1,
  };
}

/** The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 (times a power of ten) that is >= v. */
function niceCeil(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const s of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (s * p >= v * 0.9999) return s * p;
  return 10 * p;
}

export interface CsvResult {
  points?: Points;
  /** What went wrong with rows that were skipped, or why nothing could be loaded. */
  messages: string[];
  rowsRead: number;
}

const LABEL_NAMES = ['label', 'y', 'class', 'target'];
const MAX_CLASSES = 8;

/**
 * A CSV of 2-D points with a label column: "x1,x2,label" (header optional; comma, semicolon or tab).
 * With a header, the label column is the one named label/y/class/target, else the last one.
 * Bad rows are skipped and reported by line number.
 */
export function parseCsv(text: string, problem: 'classification' | 'regression'): CsvResult {
  const lines = text.split(/\r?\n/);
  const messages: string[] = [];
  const first = lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  if (first < 0) return { messages: ['the file is empty'], rowsRead: 0 };
  const delim = [',', ';', '\t'].map((d) => [d, lines[first]!.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  const split = (l: string) => l.split(delim).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  const head = split(lines[first]!);
  const hasHeader = head.slice(0, 2).some((c) => c === '' || !Number.isFinite(Number(c)));
  const ncol = head.length;
  if (ncol < 3) return { messages: [`line ${first + 1}: expected at least 3 columns (x1, x2, label), got ${ncol}`], rowsRead: 0 };
  let labelCol = ncol - 1;
  if (hasHeader) {
    const named = head.findIndex((h) => LABEL_NAMES.includes(h.toLowerCase()));
    if (named >= 0) labelCol = named;
  }
  const xCols = [...Array(ncol).keys()].filter((c) => c !== labelCol).slice(0, 2) as [number, number];
  const x1: number[] = [], x2: number[] = [], raw: string[] = [];
  let bad = 0, rowsRead = 0;
  const badRow = (msg: string) => { bad++; if (messages.length < 5) messages.push(msg); };
  for (let i = hasHeader ? first + 1 : first; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    rowsRead++;
    const cells = split(line);
    if (cells.length !== ncol) { badRow(`line ${i + 1}: expected ${ncol} columns, got ${cells.length}`); continue; }
    const a = Number(cells[xCols[0]]), b = Number(cells[xCols[1]]);
    const label = cells[labelCol]!;
    if (cells[xCols[0]] === '' || !Number.isFinite(a)) { badRow(`line ${i + 1}: x1 '${cells[xCols[0]]}' is not a number`); continue; }
    if (cells[xCols[1]] === '' || !Number.isFinite(b)) { badRow(`line ${i + 1}: x2 '${cells[xCols[1]]}' is not a number`); continue; }
    if (label === '') { badRow(`line ${i + 1}: the label is empty`); continue; }
    if (problem === 'regression' && !Number.isFinite(Number(label))) { badRow(`line ${i + 1}: the target '${label}' is not a number (regression)`); continue; }
    x1.push(a); x2.push(b); raw.push(label);
  }
  if (bad > messages.length) messages.push(`... and ${bad - messages.length} more bad rows`);
  if (bad > 0) messages.unshift(`${bad} bad row${bad > 1 ? 's' : ''} skipped:`);
  const m = x1.length;
  if (m < 4) return { messages: [`only ${m} usable rows; at least 4 are needed`, ...messages], rowsRead };
  let y: Float64Array, classes: string[] | undefined, task: Points['task'];
  if (problem === 'regression') {
    y = Float64Array.from(raw, Number);
    task = 'regression';
  } else {
    const distinct = [...new Set(raw)];
    const numeric = distinct.every((c) => Number.isFinite(Number(c)));
    classes = distinct.sort(numeric ? (p, q) => Number(p) - Number(q) : undefined);
    if (classes.length < 2) return { messages: [`the label column has only one class ('${classes[0]}'); classification needs at least 2`, ...messages], rowsRead };
    if (classes.length > MAX_CLASSES) return { messages: [`the label column has ${classes.length} different values; the page classifies up to ${MAX_CLASSES} classes (for real-valued targets choose the regression problem type)`, ...messages], rowsRead };
    const index = new Map(classes.map((c, k) => [c, k]));
    y = Float64Array.from(raw, (c) => index.get(c)!);
    task = classes.length === 2 ? 'binary' : 'multiclass';
  }
  return { points: { x1: Float64Array.from(x1), x2: Float64Array.from(x2), y, task, classes }, messages, rowsRead };
}
