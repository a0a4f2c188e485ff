// Running an exported model in onnxruntime, as the interop tests compare it with backprop.
import assert from 'node:assert/strict';
import * as ort from 'onnxruntime-node';

/** onnxruntime's output for `rows` (m x n, one example per row) through the model's 'input' and 'output'; checks the output is m x k. */
export async function runOnnx(bytes: Uint8Array, rows: Float32Array, n: number, k?: number): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const out = await session.run({ input: new ort.Tensor('float32', rows, [rows.length / n, n]) });
    if (k !== undefined) assert.deepEqual(out.output!.dims, [rows.length / n, k]);
    return out.output!.data as Float32Array;
  } finally {
    await session.release();
  }
}
