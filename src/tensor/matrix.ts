// A 2-D matrix on a typed array, stored row-major: element (i, j) is data[i * cols + j].
// In the course notation X is n_x x m (one example per column), W[l] is n[l] x n[l-1].

import { DataError, OptionError, ShapeError } from '../errors.js';
import { kindOf } from '../util/kind-of.js';
import { COPY_MARK, thisCopy } from '../util/copy-mark.js';
import { jsonValueText } from '../util/json.js';
import { exponentText } from '../util/number-text.js';

export type DType = 'float32' | 'float64';
export type FloatArray = Float32Array | Float64Array;

export { ShapeError };

/** An option naming a number type: undefined (the caller's default), 'float32' or 'float64'; else an OptionError naming it. */
export function checkDTypeOption(dtype: unknown, what: string): void {
  if (dtype !== undefined && dtype !== 'float32' && dtype !== 'float64') throw new OptionError(`${what} must be float32 or float64, got ${jsonValueText(dtype)}`);
}

export function allocate(dtype: DType, length: number): FloatArray {
  return dtype === 'float64' ? new Float64Array(length) : new Float32Array(length);
}

export function dtypeOf(data: FloatArray): DType {
  return data instanceof Float64Array ? 'float64' : 'float32';
}

/** The values of a rows x cols matrix; one too large to allocate is a ShapeError naming its size (not "Invalid typed array length"). */
function allocateMatrix(dtype: DType, rows: number, cols: number): FloatArray {
  try {
    return allocate(dtype, rows * cols);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw new ShapeError(`a ${rows} x ${cols} matrix (${exponentText(rows * cols, 2)} ${dtype} values) is too large to allocate`);
  }
}

/** values[k], which must be a number (NaN included: a missing value); a string or anything else is a DataError naming it. */
function numberAt(values: ArrayLike<unknown>, k: number, fn: string, name: string): number {
  const v = values[k];
  if (typeof v !== 'number') throw new DataError(`${fn}: ${name}[${k}] is ${kindOf(v)}${typeof v === 'string' ? ` ('${v.slice(0, 40)}')` : ''}, not a number`);
  return v;
}

/** A dense rows x cols matrix, row-major, in float32 or float64: the course's W[l] (n[l] x n[l-1]), X (n_x x m, one example per column), Z[l], A[l]. */
export class Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: FloatArray;

  constructor(rows: number, cols: number, data?: FloatArray, dtype: DType = 'float32') {
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
      // a string '2' was shown as 2: 'needs whole dimensions, got 2 x 3'
      const shown = (v: unknown) => (typeof v === 'number' ? String(v) : jsonValueText(v));
      throw new ShapeError(`a matrix needs whole non-negative dimensions, got ${shown(rows)} x ${shown(cols)}`);
    }
    if (dtype !== 'float32' && dtype !== 'float64') throw new ShapeError(`dtype must be 'float32' or 'float64', got ${JSON.stringify(dtype)}`);
    if (data !== undefined && !(data instanceof Float32Array || data instanceof Float64Array)) {
      // a plain array worked in forward but failed deep inside fit (src.subarray is not a function)
      const what = Array.isArray(data) ? 'an Array' : kindOf(data);
      throw new ShapeError(`data must be a Float32Array or Float64Array, got ${what}; use Matrix.from(rows) or Float32Array.from(values)`);
    }
    this.rows = rows;
    this.cols = cols;
    if (data) {
      if (data.length !== rows * cols) {
        throw new ShapeError(`data of length ${data.length} does not fill a ${rows} x ${cols} matrix (${rows * cols} values)`);
      }
      this.data = data;
    } else {
      this.data = allocateMatrix(dtype, rows, cols);
    }
  }

  get dtype(): DType {
    return dtypeOf(this.data);
  }

  /** Which copy of backprop made this matrix (util/copy-mark.ts): another copy's is refused by name. */
  get [COPY_MARK](): object {
    return thisCopy();
  }

  get shape(): [number, number] {
    return [this.rows, this.cols];
  }

  get size(): number {
    return this.rows * this.cols;
  }

  /** "3 x 4", for messages. */
  get shapeString(): string {
    return `${this.rows} x ${this.cols}`;
  }

  get(i: number, j: number): number {
    return this.data[i * this.cols + j]!;
  }

  set(i: number, j: number, value: number): void {
    this.data[i * this.cols + j] = value;
  }

  static zeros(rows: number, cols: number, dtype: DType = 'float32'): Matrix {
    return new Matrix(rows, cols, undefined, dtype);
  }

  static filled(rows: number, cols: number, value: number, dtype: DType = 'float32'): Matrix {
    const m = new Matrix(rows, cols, undefined, dtype);
    m.data.fill(value);
    return m;
  }

  /** From nested arrays, one inner array per row: Matrix.from([[1, 2], [3, 4]]). */
  static from(rows: ArrayLike<ArrayLike<number>>, dtype: DType = 'float32'): Matrix {
    // a row that is no list (null, or the hole of [, [1, 2]]) failed on "Cannot read properties of undefined"
    const listAt = (i: number) => {
      const row: unknown = rows[i];
      if (row === null || typeof row !== 'object' || typeof (row as { length?: unknown }).length !== 'number') throw new ShapeError(`Matrix.from: rows[${i}] is ${kindOf(row)}, not an array of numbers`);
      return row as ArrayLike<number>;
    };
    if (rows === null || typeof rows !== 'object' || typeof rows.length !== 'number') throw new ShapeError(`Matrix.from: rows must be an array of arrays of numbers, got ${kindOf(rows)}`);
    const r = rows.length;
    const c = r === 0 ? 0 : listAt(0).length;
    const m = new Matrix(r, c, undefined, dtype);
    for (let i = 0; i < r; i++) {
      const row = listAt(i);
      if (row.length !== c) {
        throw new ShapeError(`row ${i} has ${row.length} values but row 0 has ${c}`);
      }
      for (let j = 0; j < c; j++) m.data[i * c + j] = numberAt(row, j, 'Matrix.from', `rows[${i}]`);
    }
    return m;
  }

  /** A column vector (n x 1). */
  static column(values: ArrayLike<number>, dtype: DType = 'float32'): Matrix {
    const m = new Matrix(values.length, 1, undefined, dtype);
    for (let i = 0; i < values.length; i++) m.data[i] = numberAt(values, i, 'Matrix.column', 'values');
    return m;
  }

  /** A row vector (1 x n). */
  static row(values: ArrayLike<number>, dtype: DType = 'float32'): Matrix {
    const m = new Matrix(1, values.length, undefined, dtype);
    for (let i = 0; i < values.length; i++) m.data[i] = numberAt(values, i, 'Matrix.row', 'values');
    return m;
  }

  /** Nested arrays, one per row. */
  toArray(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) {
      out.push(Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols)));
    }
    return out;
  }

  /** One column as a plain array. */
  column(j: number): number[] {
    const out = new Array<number>(this.rows);
    for (let i = 0; i < this.rows; i++) out[i] = this.data[i * this.cols + j]!;
    return out;
  }

  clone(): Matrix {
    return new Matrix(this.rows, this.cols, this.data.slice());
  }

  /** A copy with another element type. */
  astype(dtype: DType): Matrix {
    if (dtype === this.dtype) return this.clone();
    const m = new Matrix(this.rows, this.cols, undefined, dtype);
    m.data.set(this.data);
    return m;
  }

  /** Copy another matrix of the same shape into this one. */
  copyFrom(other: Matrix): this {
    assertSameShape(this, other, 'copyFrom');
    this.data.set(other.data);
    return this;
  }

  transpose(): Matrix {
    const t = new Matrix(this.cols, this.rows, undefined, this.dtype);
    const { rows, cols, data } = this;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) t.data[j * rows + i] = data[i * cols + j]!;
    }
    return t;
  }

  /** Columns start..end-1 (examples start..end-1 when one example is one column), as a copy (into `out` when given). */
  sliceColumns(start: number, end: number, out?: Matrix): Matrix {
    const n = end - start;
    const m = out ?? new Matrix(this.rows, n, undefined, this.dtype);
    if (m.rows !== this.rows || m.cols !== n) throw new ShapeError(`sliceColumns: out is ${m.shapeString}, columns ${start}..${end} of ${this.shapeString} need ${this.rows} x ${n}`);
    for (let i = 0; i < this.rows; i++) {
      m.data.set(this.data.subarray(i * this.cols + start, i * this.cols + end), i * n);
    }
    return m;
  }

  /** Write `src`'s columns into this matrix's columns from `start` on (sliceColumns the other way). */
  setColumns(start: number, src: Matrix): this {
    const n = src.cols;
    if (src.rows !== this.rows || start < 0 || start + n > this.cols) throw new ShapeError(`setColumns: ${src.shapeString} does not fit at column ${start} of ${this.shapeString}`);
    for (let i = 0; i < this.rows; i++) {
      this.data.set(src.data.subarray(i * n, (i + 1) * n), i * this.cols + start);
    }
    return this;
  }

  /**
   * The columns named by `indices`, in that order (a mini-batch of examples), written into `out` when
   * given. Four rows are read at a time: each row is in a different part of memory, and reading four
   * at once lets their cache misses overlap (about 2.5x faster on sets larger than the caches).
   */
  gatherColumns(indices: ArrayLike<number>, out?: Matrix): Matrix {
    const n = indices.length;
    const m = out ?? new Matrix(this.rows, n, undefined, this.dtype);
    if (m.rows !== this.rows || m.cols !== n) {
      throw new ShapeError(`gatherColumns: output is ${m.shapeString}, expected ${this.rows} x ${n}`);
    }
    const src = this.data, dst = m.data, cols = this.cols;
    let i = 0;
    for (; i + 4 <= this.rows; i += 4) {
      const s = i * cols, o = i * n;
      for (let j = 0; j < n; j++) {
        const c = s + indices[j]!;
        dst[o + j] = src[c]!;
        dst[o + n + j] = src[c + cols]!;
        dst[o + 2 * n + j] = src[c + 2 * cols]!;
        dst[o + 3 * n + j] = src[c + 3 * cols]!;
      }
    }
    for (; i < this.rows; i++) {
      const s = i * cols, o = i * n;
      for (let j = 0; j < n; j++) dst[o + j] = src[s + indices[j]!]!;
    }
    return m;
  }

  /** Elementwise map into a new matrix. */
  map(f: (x: number, index: number) => number): Matrix {
    const m = new Matrix(this.rows, this.cols, undefined, this.dtype);
    const d = this.data;
    for (let k = 0; k < d.length; k++) m.data[k] = f(d[k]!, k);
    return m;
  }

  /** Frobenius norm: sqrt(sum of squares). */
  norm(): number {
    let s = 0;
    const d = this.data;
    for (let k = 0; k < d.length; k++) s += d[k]! * d[k]!;
    return Math.sqrt(s);
  }

  /** Readable text, rounded, for printing in a notebook or a terminal. */
  toString(digits = 4): string {
    const lines = this.toArray().map((row) => '[' + row.map((v) => v.toFixed(digits)).join(', ') + ']');
    return `Matrix ${this.shapeString} [\n  ${lines.join(',\n  ')}\n]`;
  }
}

export function assertSameShape(a: Matrix, b: Matrix, op: string): void {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new ShapeError(`${op}: shapes ${a.shapeString} and ${b.shapeString} differ`);
  }
}

export function assertShape(m: Matrix, rows: number, cols: number, what: string): void {
  if (m.rows !== rows || m.cols !== cols) {
    throw new ShapeError(`${what} is ${m.shapeString}, expected ${rows} x ${cols}`);
  }
}
