// A model file's document from what a caller holds: its bytes (fs.readFileSync without an encoding, a
// fetch's ArrayBuffer), its JSON text, or the document JSON.parse made of it. And the models of other
// tools given in its place (an ONNX model, a Keras .h5 or JSON, a TF.js model.json), said by what they
// are and what reads them. Pure: the browser uses it too.

import { ModelFileError, OptionError } from '../errors.js';
import { parseJsonBytes } from '../util/json-text.js';
import { isObject } from '../util/json.js';
import { kindOf } from '../util/kind-of.js';

/** The bytes of an HDF5 file, read as UTF-8 text (its first byte 0x89 becomes U+FFFD). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the HDF5 signature holds the byte 0x1a
const HDF5_TEXT = /^\uFFFD?HDF\r\n\u001a\n/;
const HDF5_BYTES = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** What an HDF5 file given as a model is, and what to do with it. */
const KERAS_H5 = 'an HDF5 file (a Keras .h5 model?); backprop reads its own model files (JSON) and imports a Keras model exported to ONNX (tf2onnx), which loadOnnx reads, or to TF.js (tensorflowjs_converter), which loadTfjs reads';

/** A file name given where the file's text was expected: 'model.json' was "not a JSON document: it begins 'model.json'". */
const FILE_NAME = /^[^{}[\]"\n]*\.(json|onnx|h5|keras)\s*$/i;

/**
 * The parsed document of a model file given as bytes (a Uint8Array or Buffer, an ArrayBuffer), as its
 * JSON text (a UTF-8 byte-order mark dropped), or as the document itself (returned as it is). Bytes
 * were taken for the document and said to miss the field "format". `source` names it in the messages;
 * `syntax` says where text that is not JSON goes wrong, when the caller says it better (parseJsonBytes).
 * A Keras .h5 file is named as one, with the way to import it (the playground said "name it .h5").
 */
export function modelDocument(input: unknown, source = 'model', syntax?: (text: string, e: SyntaxError) => string): unknown {
  if (syntax !== undefined && typeof syntax !== 'function') throw new OptionError(`modelDocument: syntax must be a function of (text, error) that returns a message, got ${kindOf(syntax)}`);
  const fail = (msg: string): never => { throw new ModelFileError(`${source}: ${msg}`); };
  let bytes: Uint8Array;
  if (typeof input === 'string') {
    if (HDF5_TEXT.test(input)) fail(`not a JSON document: it is ${KERAS_H5}`);
    if (FILE_NAME.test(input)) fail(`not a JSON document: it is the file name '${input.trim()}'; read the file with loadModel(path), or give its text or bytes`);
    bytes = new TextEncoder().encode(input);
  } else if (input instanceof Uint8Array) {
    bytes = input;
  } else if (input instanceof ArrayBuffer) {
    bytes = new Uint8Array(input);
  } else if (ArrayBuffer.isView(input)) {
    return fail(`it is ${kindOf(input)}; give the file's bytes (a Uint8Array or Buffer), its JSON text or the parsed document`);
  } else {
    return input;
  }
  if (HDF5_BYTES.every((b, i) => bytes[i] === b)) fail(`not a JSON document: it is ${KERAS_H5}`);
  return parseJsonBytes(bytes, fail, syntax);
}

/**
 * A document of another tool's model given as a backprop model file, as "a TF.js Layers model (its model.json),
 * which loadTfjs reads", or undefined: they were said to have the wrong "format", or none.
 */
export function foreignModelKind(d: Record<string, unknown>): string | undefined {
  if (d.format === 'graph-model') return 'a TensorFlow.js graph model (model.json); backprop imports TF.js Layers models (dense layers) only';
  if (d.format === 'layers-model' || d.modelTopology !== undefined) return 'a TF.js Layers model (its model.json), which loadTfjs reads';
  if (typeof d.class_name === 'string' && isObject(d.config)) return "a Keras model's JSON (model.to_json(), without its weights); backprop imports a Keras model exported to ONNX (tf2onnx), which loadOnnx reads";
  if (d.irVersion !== undefined || d.ir_version !== undefined || (isObject(d.graph) && d.opsetImport !== undefined)) return 'an ONNX model written as JSON; give the binary .onnx file, which loadOnnx reads';
  return undefined;
}
