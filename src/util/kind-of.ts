// What a value is, said in a message about what it should have been: 'a Matrix', 'an array',
// 'a string', 'undefined'. Pure: it runs in a browser.

import { ANOTHER_COPY_TEXT, fromAnotherCopy } from './copy-mark.js';

/** A Matrix's fields without its class (what postMessage and structuredClone make of one). */
const looksLikeMatrix = (v: object) => {
  const m = v as { rows?: unknown; cols?: unknown; data?: unknown };
  return typeof m.rows === 'number' && typeof m.cols === 'number' && (m.data instanceof Float32Array || m.data instanceof Float64Array);
};

export function kindOf(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return 'an array';
  if (v === '') return 'an empty string';
  if (typeof v !== 'object') return `a ${typeof v}`;
  const name = (v as object).constructor?.name;
  // 'an ArrayBuffer', 'an Int32Array' (they were 'a ArrayBuffer', 'a Int32Array'); 'a Uint8Array'
  if (name && name !== 'Object') return `${/^[AEIO]/.test(name) ? 'an' : 'a'} ${name}${fromAnotherCopy(v) ? ` ${ANOTHER_COPY_TEXT}` : ''}`;
  // a Matrix of another copy of backprop was 'must be a Matrix, got a Matrix', a Dataset of its matrices 'got an object'
  const held = Object.entries(v).find(([, value]) => fromAnotherCopy(value));
  if (held) return `an object whose ${held[0]} is ${kindOf(held[1])}`;
  // a Matrix that crossed a thread (postMessage) or was structuredClone'd keeps its fields, not its class
  if (looksLikeMatrix(v)) return 'an object shaped like a Matrix ({ rows, cols, data }: one that lost its class, e.g. sent by postMessage or structuredClone; new Matrix(rows, cols, data) makes it one again)';
  return 'an object';
}

/**
 * kindOf for a value given where a file name goes, with what to give of a file: URL or a Buffer
 * (Node's fs takes both: new URL('./data.csv', import.meta.url) was told only "got a URL").
 */
export function pathKindOf(v: unknown): string {
  const kind = kindOf(v);
  if (typeof URL !== 'undefined' && v instanceof URL) return `${kind}; give its path (${v.protocol === 'file:' ? "fileURLToPath(url), from 'node:url'" : 'a local file name'})`;
  if (v instanceof Uint8Array && (v.constructor as { name?: string }).name === 'Buffer') return `${kind}; give the file name as a string (buffer.toString())`;
  return kind;
}

/** A Model (by shape: its network and toJson), without importing the class (browser-safe, no cycle). */
const looksLikeModel = (v: unknown) => typeof v === 'object' && v !== null && typeof (v as { toJson?: unknown }).toJson === 'function' && typeof (v as { network?: { forward?: unknown } }).network?.forward === 'function';
/** A Network (by shape: its layers and forward pass). */
const looksLikeNetwork = (v: unknown) => typeof v === 'object' && v !== null && Array.isArray((v as { layers?: unknown }).layers) && typeof (v as { forward?: unknown }).forward === 'function';

/**
 * kindOf for a value given where a Network or a Model goes, with the way from the one to the other:
 * evaluate(model, ...) and fit(model, ...) were told only "got a Model", trainModel's resume of a Network "got a Network".
 */
export function kindOfFor(v: unknown, wanted: 'Network' | 'Model'): string {
  const kind = kindOf(v);
  if (wanted === 'Network' && looksLikeModel(v)) return `${kind} (its network is model.network)`;
  if (wanted === 'Model' && looksLikeNetwork(v)) return `${kind} (make a Model of it: Model.fromNetwork(net, { task, classes }))`;
  return kind;
}
