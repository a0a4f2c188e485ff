// Data sets sent to worker threads once, without copies: their values go into SharedArrayBuffers
// that every worker reads (trials only read their data).

import { Matrix, type DType } from '../tensor/matrix.js';
import type { Dataset } from '../data/synthetic.js';

interface SharedMatrix { rows: number; cols: number; dtype: DType; buffer: SharedArrayBuffer }
export interface SharedDataset extends Omit<Dataset, 'X' | 'Y'> { X: SharedMatrix; Y: SharedMatrix }

function shareMatrix(M: Matrix): SharedMatrix {
  const dtype: DType = M.data instanceof Float64Array ? 'float64' : 'float32';
  const Type = dtype === 'float64' ? Float64Array : Float32Array;
  if (M.data.buffer instanceof SharedArrayBuffer && M.data.byteOffset === 0 && M.data.length * Type.BYTES_PER_ELEMENT === M.data.buffer.byteLength) {
    return { rows: M.rows, cols: M.cols, dtype, buffer: M.data.buffer };
  }
  const buffer = new SharedArrayBuffer(M.data.length * Type.BYTES_PER_ELEMENT);
  (dtype === 'float64' ? new Float64Array(buffer) : new Float32Array(buffer)).set(M.data);
  return { rows: M.rows, cols: M.cols, dtype, buffer };
}

function matrixOf(s: SharedMatrix): Matrix {
  const data = s.dtype === 'float64' ? new Float64Array(s.buffer) : new Float32Array(s.buffer);
  return new Matrix(s.rows, s.cols, data, s.dtype);
}

export function shareDataset(d: Dataset): SharedDataset {
  return { ...d, X: shareMatrix(d.X), Y: shareMatrix(d.Y) };
}

export function datasetOf(s: SharedDataset): Dataset {
  return { ...s, X: matrixOf(s.X), Y: matrixOf(s.Y) };
}
