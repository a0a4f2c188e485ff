// ONNX export and import. Examples are ROWS in ONNX (input "input" [batch, n_x] float32), so each
// layer is Gemm(A, W, b, transB=1) = A·W^T + b with W (n[l] x n[l-1]) stored as is, followed by its
// activation op. Preprocessing becomes Mul (scale), Sub (mean) and Div (std) in front of the first
// layer, so raw inputs give the same answer as `backprop predict`.

import { foreignFileKind } from '../util/file-kind.js';
import { SELU_ALPHA, SELU_SCALE, type ActivationName } from '../nn/activations.js';
import type { Model } from '../model/model.js';
import { checkReplaceable, writeFileAtomic } from './write-file.js';
import { readFileBounded } from '../data/files.js';
import { DataError, ModelFileError, OptionError, PermissionError } from '../errors.js';
import { kindOf } from '../util/kind-of.js';
import { decodeOnnx, encodeOnnx, ATTRIBUTE_TYPE, DATA_TYPE, type OnnxAttribute, type OnnxModel, type OnnxNode, type OnnxTensor } from './onnx-proto.js';
import {
  checkChain, checkSavedMetadata, exportMetadata, float32Bytes, importedModel, linearPreprocessing, readFloat32, toRows,
  type ImportedLayer, type ImportOptions, type LinearPreprocessing, checkExportOptions, checkImportOptions,
} from './interop.js';
import { checkExportableModel, checkExportPath, checkFileArgument } from './arguments.js';

export const ONNX_IR_VERSION = 8;
export const ONNX_OPSET = 13;
/** The metadata_props key under which backprop stores task, classes, features and preprocessing. */
export const ONNX_METADATA_KEY = 'backprop';

export interface ExportOptions {
  /** Write the model's preprocessing as operations (default true). */
  preprocessing?: boolean;
}

// ---------------------------------------------------------------- export

function tensor(name: string, dims: number[], values: ArrayLike<number>): OnnxTensor {
  return { name, dims, data_type: DATA_TYPE.FLOAT, raw_data: float32Bytes(values) };
}

const floatAttr = (name: string, f: number): OnnxAttribute => ({ name, type: ATTRIBUTE_TYPE.FLOAT, f });
const intAttr = (name: string, i: number): OnnxAttribute => ({ name, type: ATTRIBUTE_TYPE.INT, i });

/** The ONNX node for an activation (Identity for linear). */
function activationNode(name: ActivationName, alpha: number | undefined, input: string, output: string, nodeName: string): OnnxNode {
  const node = (op_type: string, attribute: OnnxAttribute[] = []): OnnxNode => ({ op_type, input: [input], output: [output], name: nodeName, attribute });
  switch (name) {
    case 'sigmoid': return node('Sigmoid');
    case 'tanh': return node('Tanh');
    case 'relu': return node('Relu');
    case 'leakyRelu': return node('LeakyRelu', [floatAttr('alpha', alpha ?? 0.01)]);
    case 'elu': return node('Elu', [floatAttr('alpha', alpha ?? 1)]);
    case 'selu': return node('Selu', [floatAttr('alpha', SELU_ALPHA), floatAttr('gamma', SELU_SCALE)]);
    case 'softmax': return node('Softmax', [intAttr('axis', -1)]);
    case 'linear': return node('Identity');
  }
}

/** The network (and its standardize/scale preprocessing) as an ONNX ModelProto, serialized. */
export function networkToOnnx(model: Model, options: ExportOptions = {}): Uint8Array {
  checkExportableModel('networkToOnnx', model);
  checkExportOptions('networkToOnnx', options);
  const net = model.network;
  const withPrep = options.preprocessing ?? true;
  const prep = withPrep ? linearPreprocessing(model.preprocessing) : undefined;
  const nodes: OnnxNode[] = [];
  const initializer: OnnxTensor[] = [];
  let x = 'input';
  const step = (op_type: string, constant: OnnxTensor, output: string): void => {
    initializer.push(constant);
    nodes.push({ op_type, name: output, input: [x, constant.name!], output: [output], attribute: [] });
    x = output;
  };
  if (prep && prep.scale !== 1) step('Mul', tensor('scale', [], [prep.scale]), 'scaled');
  if (prep?.mean && prep.std) {
    step('Sub', tensor('mean', [net.inputSize], prep.mean), 'centered');
    step('Div', tensor('std', [net.inputSize], prep.std), 'standardized');
  }
  net.layers.forEach((layer, i) => {
    const l = i + 1;
    const last = l === net.depth;
    initializer.push(tensor(`W${l}`, [layer.units, layer.inputSize], layer.W.data));
    initializer.push(tensor(`b${l}`, [layer.units], layer.b.data));
    // Z[l] = A[l-1]·W[l]^T + b[l], examples as rows
    nodes.push({ op_type: 'Gemm', name: `gemm_${l}`, input: [x, `W${l}`, `b${l}`], output: [`Z${l}`], attribute: [intAttr('transB', 1)] });
    const a = layer.activation;
    nodes.push(activationNode(a.name, a.alpha, `Z${l}`, last ? 'output' : `A${l}`, `${a.name}_${l}`));
    x = last ? 'output' : `A${l}`;
  });
  const valueInfo = (name: string, n: number) => ({
    name,
    type: { tensor_type: { elem_type: DATA_TYPE.FLOAT, shape: { dim: [{ dim_param: 'batch' }, { dim_value: n }] } } },
  });
  const proto: OnnxModel = {
    ir_version: ONNX_IR_VERSION,
    opset_import: [{ domain: '', version: ONNX_OPSET }],
    producer_name: 'backprop',
    doc_string: `backprop dense network ${net.describe()}`,
    graph: {
      name: 'backprop',
      node: nodes,
      initializer,
      input: [valueInfo('input', net.inputSize)],
      output: [valueInfo('output', net.outputSize)],
    },
    metadata_props: [{ key: ONNX_METADATA_KEY, value: JSON.stringify(exportMetadata(model, withPrep)) }],
  };
  return encodeOnnx(proto);
}

/**
 * Refuse to replace a file that is not an ONNX model written by backprop (its producer_name):
 * `export --out` replaced any file, e.g. an ONNX model of another tool or a file misnamed .onnx.
 * A file that is not there or is empty passes. Throws OutputError naming the file.
 */
export function checkOnnxTarget(file: string): void {
  checkReplaceable(file, 'an ONNX model written by backprop', (_head, whole) => {
    try {
      return decodeOnnx(whole()).producer_name === 'backprop';
    } catch (e) {
      if (e instanceof PermissionError) throw e; // (protobufjs cannot run here: not a verdict on the file)
      return false;
    }
  });
}

/** Write a model as ONNX (opset 13, float32), its preprocessing as graph operations unless `preprocessing: false`, and backprop's metadata in metadata_props. */
export async function saveOnnx(file: string, model: Model, options: ExportOptions = {}): Promise<void> {
  checkFileArgument('saveOnnx', file);
  checkExportableModel('saveOnnx', model);
  checkExportOptions('saveOnnx', options);
  checkExportPath('saveOnnx', 'onnx', file, 'file');
  checkOnnxTarget(file);
  await writeFileAtomic(file, networkToOnnx(model, options));
}

// ---------------------------------------------------------------- import

interface Constant {
  dims: number[];
  values: Float32Array | Float64Array;
}

function readTensor(t: OnnxTensor, source: string): Constant {
  const dims = (t.dims ?? []).map(Number);
  const count = dims.reduce((a, b) => a * b, 1);
  const what = `${source}: tensor '${t.name ?? '?'}'`;
  if (t.data_location === 1) throw new ModelFileError(`${what} is stored in an external file, which is not supported`);
  // the declared shape against the bytes present, before anything is allocated
  if (dims.some((d) => !Number.isSafeInteger(d) || d < 0)) throw new ModelFileError(`${what} has the shape [${dims.join(', ')}]; dimensions must be whole numbers >= 0`);
  const width = t.data_type === DATA_TYPE.DOUBLE ? 8 : 4;
  const raw = t.raw_data?.length ?? 0;
  if (raw > 0 && raw !== count * width) {
    throw new ModelFileError(`${what} has ${raw} bytes of raw data, but its shape [${dims.join(', ')}] needs ${count} values of ${width} bytes (${count * width} bytes)`);
  }
  let values: Float32Array | Float64Array;
  if (t.data_type === DATA_TYPE.FLOAT) {
    values = t.raw_data && t.raw_data.length > 0 ? readFloat32(t.raw_data, 0, t.raw_data.length / 4) : Float32Array.from(t.float_data ?? []);
  } else if (t.data_type === DATA_TYPE.DOUBLE) {
    if (t.raw_data && t.raw_data.length > 0) {
      const view = new DataView(t.raw_data.buffer, t.raw_data.byteOffset, t.raw_data.length);
      values = Float64Array.from({ length: t.raw_data.length / 8 }, (_, k) => view.getFloat64(8 * k, true));
    } else {
      values = Float64Array.from(t.double_data ?? []);
    }
  } else {
    throw new ModelFileError(`${what} has data type ${t.data_type}; only float (1) and double (11) weights are supported`);
  }
  if (values.length !== count) throw new ModelFileError(`${what} has ${values.length} values for shape [${dims.join(', ')}]`);
  return { dims, values };
}

/** The shortest decimal that rounds to the same float32 (alpha 0.05 stays 0.05, not 0.0500000007). */
function shortestFloat32(v: number): number {
  for (let p = 1; p <= 9; p++) {
    const d = Number(v.toPrecision(p));
    if (Math.fround(d) === Math.fround(v)) return d;
  }
  return v;
}

const attr = (node: OnnxNode, name: string): OnnxAttribute | undefined => node.attribute?.find((a) => a.name === name);
const attrNumber = (node: OnnxNode, name: string, fallback: number): number => {
  const a = attr(node, name);
  if (!a) return fallback;
  // a value of 0 is not in the decoded object (the decoder leaves out a field at its default): a typed
  // attribute without its value is 0 (beta = 0 was read as the default 1, LeakyRelu alpha = 0 as 0.01)
  if (a.type === ATTRIBUTE_TYPE.INT) return Number(a.i ?? 0);
  if (a.type === ATTRIBUTE_TYPE.FLOAT) return shortestFloat32(Number(a.f ?? 0));
  return a.i !== undefined ? Number(a.i) : shortestFloat32(Number(a.f ?? fallback));
};

const ACTIVATION_OPS: Record<string, ActivationName> = {
  Sigmoid: 'sigmoid', Tanh: 'tanh', Relu: 'relu', LeakyRelu: 'leakyRelu', Elu: 'elu', Selu: 'selu', Softmax: 'softmax',
};

/** float32 attribute values are compared with a float32 tolerance. */
const near = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));

/**
 * Reads a chain of ONNX nodes, one at a time: preprocessing (Mul, Sub, Div) in front, then dense
 * layers (Gemm, or MatMul and an optional Add), each followed by at most one activation.
 */
class OnnxChain {
  readonly layers: ImportedLayer[] = [];
  readonly prep: LinearPreprocessing = { scale: 1 };
  /** 1 after Mul, 2 after Sub, 3 after Div: preprocessing comes in that order. */
  prepStage = 0;
  /** The last layer came from a MatMul and may take an Add. */
  private pendingBias = false;
  /** The last layer already has its activation. */
  private activated = false;
  private ins: string[] = [];
  private where = '';

  constructor(public x: string, private readonly constants: Map<string, Constant>, private readonly source: string) {}

  private fail(msg: string): never {
    throw new ModelFileError(`${this.source}: ${this.where}: ${msg}`);
  }

  /** Input k of the node, which must be a constant (initializer). */
  private constant(k: number): Constant {
    const c = this.constants.get(this.ins[k] ?? '');
    if (!c || this.ins[k] === this.x) this.fail(`input ${k + 1} must be a constant (initializer)`);
    return c;
  }

  /** The constant operand of a binary op on the chain's value. */
  private other(): Constant {
    return this.constant(this.ins[0] === this.x ? 1 : 0);
  }

  /**
   * A constant applied per unit (a bias) or per feature (preprocessing) must broadcast along the
   * examples, the rows of [batch, n]: [n], [1, n], or one value as [], [1] or [1, 1]. A Gemm C of
   * [n, 1] was read as n biases, but ONNX broadcasts it as one value per example (row), which
   * onnxruntime computes for a batch of n only; an Add of [1, 1, n] makes the output 3-D.
   */
  private checkPerColumn(c: Constant, what: string, n: string): void {
    const d = c.dims;
    if (d.length <= 1 || (d.length === 2 && d[0] === 1)) return;
    const why = d.length === 2 ? 'which ONNX broadcasts as one value per example (row), not per unit or feature' : `which has more dimensions than the [batch, ${n}] it applies to`;
    this.fail(`${what} has the shape [${d.join(', ')}], ${why}; backprop imports the shapes [${n}], [1, ${n}], or [], [1], [1, 1] for one value`);
  }

  read(node: OnnxNode): void {
    const op = node.op_type ?? '';
    this.where = `node '${node.name || node.output?.[0] || op}' (${op})`;
    if (op === 'Constant') {
      const value = attr(node, 'value');
      if (!value?.t) throw new ModelFileError(`${this.source}: ${this.where} has no tensor "value"`);
      this.constants.set(node.output?.[0] ?? '', readTensor(value.t, this.source));
      return;
    }
    this.ins = node.input ?? [];
    if (!this.ins.includes(this.x)) throw new ModelFileError(`${this.source}: ${this.where} does not take the output of the previous node ('${this.x}'); only a chain of layers can be imported`);
    if ((node.domain ?? '') !== '' && node.domain !== 'ai.onnx') throw new ModelFileError(`${this.source}: unsupported ONNX op '${op}' of domain '${node.domain}' (${this.where})`);
    const last = this.layers[this.layers.length - 1];
    if ((op === 'Mul' || op === 'Sub' || op === 'Div') && this.layers.length === 0) this.preprocessing(op);
    else if (op === 'Gemm') this.gemm(node);
    else if (op === 'MatMul') this.matMul();
    else if (op === 'Add' && this.pendingBias && last) this.addBias(last);
    else if (op === 'Identity' || op === 'Dropout') { /* no-ops at inference */ }
    else if (op in ACTIVATION_OPS && last && !this.activated) this.activation(node, op, last);
    else if (op in ACTIVATION_OPS) this.fail('an activation must follow a Gemm or MatMul(+Add) layer');
    else throw new ModelFileError(`${this.source}: unsupported ONNX op '${op}' (${this.where}); backprop imports chains of Gemm or MatMul+Add layers and ${Object.keys(ACTIVATION_OPS).join('/')} activations`);
    this.x = node.output?.[0] ?? '';
  }

  /** x' = (x * scale - mean) / std, in front of the first layer. */
  private preprocessing(op: 'Mul' | 'Sub' | 'Div'): void {
    const stage = op === 'Mul' ? 1 : op === 'Sub' ? 2 : 3;
    if (stage <= this.prepStage || (op !== 'Mul' && this.ins[0] !== this.x)) this.fail('preprocessing must be x * scale, then - mean, then / std');
    const c = this.other();
    this.checkPerColumn(c, op === 'Mul' ? 'the scale factor (Mul)' : op === 'Sub' ? 'the mean (Sub)' : 'the std (Div)', 'n');
    if (op === 'Mul') {
      if (c.values.length !== 1) this.fail('the scale factor must be a single number');
      this.prep.scale = c.values[0]!;
    } else if (op === 'Sub') {
      this.prep.mean = Array.from(c.values);
    } else {
      this.prep.std = Array.from(c.values);
    }
    this.prepStage = stage;
  }

  /** Gemm(x, B, C) = alpha x·op(B) + beta C: W[l] is op(B)^T, n[l] x n[l-1]. */
  private gemm(node: OnnxNode): void {
    if (attrNumber(node, 'transA', 0) !== 0 || this.ins[0] !== this.x) this.fail('only Gemm(input, W, b) without transA is supported');
    const B = this.constant(1);
    if (B.dims.length !== 2) this.fail(`the weight matrix must be 2-D, got [${B.dims.join(', ')}]`);
    const transB = attrNumber(node, 'transB', 0) === 1;
    const alpha = attrNumber(node, 'alpha', 1), beta = attrNumber(node, 'beta', 1);
    const [units, nIn] = transB ? [B.dims[0]!, B.dims[1]!] : [B.dims[1]!, B.dims[0]!];
    const W = toRows(B.values, units, nIn, !transB).map((row) => row.map((v) => v * alpha));
    let b = new Array<number>(units).fill(0);
    if (this.ins[2]) {
      const C = this.constant(2);
      this.checkPerColumn(C, 'the bias C', String(units));
      if (C.values.length !== units && C.values.length !== 1) this.fail(`the bias has ${C.values.length} values for ${units} units`);
      b = b.map((_, k) => beta * C.values[C.values.length === 1 ? 0 : k]!);
    }
    this.layers.push({ W, b, activation: 'linear', origin: this.where });
    this.pendingBias = false;
    this.activated = false;
  }

  /** MatMul(x, B): W[l] = B^T; its bias may follow as an Add. */
  private matMul(): void {
    if (this.ins[0] !== this.x) this.fail('only MatMul(input, W) is supported');
    const B = this.constant(1);
    if (B.dims.length !== 2) this.fail(`the weight matrix must be 2-D, got [${B.dims.join(', ')}]`);
    const [nIn, units] = B.dims as [number, number];
    this.layers.push({ W: toRows(B.values, units, nIn, true), b: new Array<number>(units).fill(0), activation: 'linear', origin: this.where });
    this.pendingBias = true;
    this.activated = false;
  }

  private addBias(last: ImportedLayer): void {
    const C = this.other();
    this.checkPerColumn(C, 'the bias', String(last.b.length));
    if (C.values.length !== last.b.length && C.values.length !== 1) this.fail(`the bias has ${C.values.length} values for ${last.b.length} units`);
    last.b = last.b.map((_, k) => C.values[C.values.length === 1 ? 0 : k]!);
    this.pendingBias = false;
  }

  private activation(node: OnnxNode, op: string, last: ImportedLayer): void {
    const name = ACTIVATION_OPS[op]!;
    last.activation = name;
    if (name === 'leakyRelu') last.alpha = attrNumber(node, 'alpha', 0.01);
    if (name === 'elu') last.alpha = attrNumber(node, 'alpha', 1);
    if (name === 'selu' && !(near(attrNumber(node, 'alpha', SELU_ALPHA), SELU_ALPHA) && near(attrNumber(node, 'gamma', SELU_SCALE), SELU_SCALE))) {
      this.fail('only Selu with the standard alpha and gamma is supported');
    }
    if (name === 'softmax') {
      const axis = attrNumber(node, 'axis', -1);
      if (axis !== -1 && axis !== 1) this.fail(`Softmax must be over the last axis (axis -1 or 1), got ${axis}`);
    }
    this.pendingBias = false;
    this.activated = true;
  }
}

/**
 * The opsets of the default domain read: from 7 (numpy broadcasting; before it Add and Mul needed a
 * "broadcast" attribute) to 25. The ops read (Gemm, MatMul, Add, Mul, Sub, Div, the activations,
 * Identity, Dropout) mean the same for 2-D inputs throughout; beyond 25 their meaning is not known.
 */
export const ONNX_OPSETS_READ = { min: 7, max: 25 } as const;

/**
 * The model's opset of the default domain ('' or 'ai.onnx') must be one whose ops backprop reads as
 * their meaning (an opset 5 or 40 model was read as if it were 13, silently); none is refused as well.
 */
function checkOpset(model: OnnxModel, source: string): void {
  const supported = `backprop imports opsets ${ONNX_OPSETS_READ.min} to ${ONNX_OPSETS_READ.max} of the default ONNX domain`;
  const own = (model.opset_import ?? []).filter((o) => (o.domain ?? '') === '' || o.domain === 'ai.onnx');
  if (own.length === 0) throw new ModelFileError(`${source}: the model names no opset of the default ONNX domain (its opset_import is ${model.opset_import?.length ? model.opset_import.map((o) => `'${o.domain}' ${Number(o.version)}`).join(', ') : 'empty'}); ${supported}`);
  for (const o of own) {
    const v = Number(o.version);
    if (!(Number.isInteger(v) && v >= ONNX_OPSETS_READ.min && v <= ONNX_OPSETS_READ.max)) {
      throw new ModelFileError(`${source}: the model uses ONNX opset ${o.version ?? 'none'}, which backprop cannot read; ${supported} (re-export it with one, e.g. opset ${ONNX_OPSET})`);
    }
  }
}

/** The metadata_props entry 'backprop', parsed and checked (undefined when there is none). */
function savedMetadata(model: OnnxModel, source: string): Record<string, unknown> | undefined {
  const entries = (model.metadata_props ?? []).filter((p) => p.key === ONNX_METADATA_KEY);
  const where = `metadata_props '${ONNX_METADATA_KEY}'`;
  if (entries.length > 1) throw new ModelFileError(`${source}: the backprop metadata (${where}) is given ${entries.length} times; keep one`);
  if (entries.length === 0) return undefined;
  let saved: unknown;
  try {
    saved = JSON.parse(entries[0]!.value ?? '');
  } catch (e) {
    throw new ModelFileError(`${source}: the backprop metadata (${where}) is not JSON (${(e as Error).message}); fix it, or remove the entry to import the layers alone`);
  }
  return checkSavedMetadata(saved, source, where);
}

/** The start of a text, as shown in a message: its first line, up to 20 characters. */
const textStart = (text: string) => {
  const line = text.split(/\r?\n/)[0]!;
  return `'${line.slice(0, 20).trimEnd()}${line.length > 20 || text.length > line.length ? '...' : ''}'`;
};

/**
 * What a file given as ONNX is when it is text, or undefined when it is not: a CSV, a model.json or
 * a README was "not an ONNX model (truncated)", which sent its user looking for a damaged download.
 * (Text is valid UTF-8 without control characters but tab, line breaks and form feed in its first 4 KiB.)
 */
function onnxTextProblem(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    // stream: a character cut at the 4 KiB boundary is not an error
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 4096), { stream: true }).replace(/^\ufeff/, '');
  } catch {
    return undefined;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what binary data holds
  if (text.trim() === '' || /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) return undefined;
  const start = textStart(text.trimStart());
  if (/^\s*[{[]/.test(text)) {
    let doc: unknown;
    try {
      doc = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      doc = undefined;
    }
    const d = (doc ?? {}) as Record<string, unknown>;
    if (d.format === 'backprop-model') return `it is a backprop model file (starts with ${start}), which is used as it is: load it with loadModel`;
    if (d.format === 'layers-model' || d.modelTopology !== undefined) return `it is a TF.js model.json (starts with ${start}): import it with loadTfjs`;
    return `it is a JSON text file (starts with ${start}); an ONNX model is a binary .onnx file`;
  }
  const first = text.split(/\r?\n/)[0]!;
  if (/[,;\t]/.test(first) && text.includes('\n')) return `it is a text file that looks like CSV data (starts with ${start}); data is read with loadDataset, an ONNX model is a binary .onnx file`;
  return `it is a text file (starts with ${start}); an ONNX model is a binary .onnx file`;
}

/** A compressed, archived or other well-known file given as ONNX (a gzip'd download was only "damaged"). */
function onnxContainerProblem(bytes: Uint8Array): string | undefined {
  const starts = (...magic: number[]) => magic.every((b, i) => bytes[i] === b);
  if (starts(0x1f, 0x8b)) return 'it is gzip-compressed (a .gz download?): decompress it first (gunzip), then load the .onnx file';
  if (starts(0x89, 0x48, 0x44, 0x46)) return 'it is an HDF5 file (a Keras .h5 model?); an ONNX model is a binary .onnx file (convert a Keras model with tf2onnx)';
  const kind = foreignFileKind(bytes);
  return kind ? `it is ${kind}` : undefined;
}

/**
 * A backprop model from ONNX bytes: a chain input -> [Mul] [Sub] [Div] -> (Gemm | MatMul [+ Add]) ->
 * [activation] -> ... -> output. Any other op is refused with its type and node name.
 */
export function onnxToModel(given: Uint8Array | ArrayBuffer, source = 'model.onnx', options: ImportOptions = {}): Model {
  // the bytes as a browser has them (await response.arrayBuffer()), as Model.fromJson takes them: they were refused
  const bytes = given instanceof ArrayBuffer ? new Uint8Array(given) : given;
  if (!(bytes instanceof Uint8Array)) {
    const hint = typeof bytes === 'string' ? ' (to read a file by its name, use loadOnnx)' : '';
    throw new OptionError(`onnxToModel: bytes must be a Uint8Array or an ArrayBuffer (the bytes of the .onnx file, e.g. from readFileSync), got ${kindOf(bytes)}${hint}`);
  }
  checkImportOptions('onnxToModel', options);
  if (bytes.length === 0) throw new ModelFileError(`${source}: the file is empty (0 bytes), not an ONNX model`);
  let model: OnnxModel;
  try {
    model = decodeOnnx(bytes);
  } catch (e) {
    if (e instanceof PermissionError) throw e;
    const text = onnxTextProblem(bytes) ?? onnxContainerProblem(bytes);
    if (text) throw new ModelFileError(`${source}: not an ONNX model: ${text}`);
    // protobufjs says 'index out of range' when a field runs past the last byte
    const cut = /index out of range/.test((e as Error).message) ? `; the file ends inside a field after ${bytes.length} bytes: is it cut short (an interrupted download or copy)?` : '';
    // other decoding failures in our words (protobufjs's 'invalid wire type 7 at offset 30' or 'The encoded data was not valid for encoding utf-8')
    throw new ModelFileError(`${source}: not an ONNX model (${cut ? 'truncated' : 'its bytes do not decode as an ONNX protobuf message: a damaged file, or not an ONNX model'})${cut}`);
  }
  const graph = model.graph;
  if (!graph || !graph.node || graph.node.length === 0) {
    const text = onnxTextProblem(bytes);
    throw new ModelFileError(`${source}: not an ONNX model${text ? `: ${text}` : ' (no graph nodes)'}`);
  }
  checkOpset(model, source);

  const constants = new Map<string, Constant>();
  for (const t of graph.initializer ?? []) constants.set(t.name ?? '', readTensor(t, source));
  const inputs = (graph.input ?? []).filter((v) => !constants.has(v.name));
  if (inputs.length !== 1) throw new ModelFileError(`${source}: the graph must have exactly one input, found ${inputs.length}`);
  if ((graph.output ?? []).length !== 1) throw new ModelFileError(`${source}: the graph must have exactly one output, found ${(graph.output ?? []).length}`);
  const dims = inputs[0]!.type?.tensor_type?.shape?.dim ?? [];
  // an input of [batch, 2, 3] was imported as one of 2 features, silently (a MatMul over it works on each of its rows)
  if (dims.length > 2) {
    const shown = dims.map((d) => (d.dim_value ? String(d.dim_value) : d.dim_param || '?')).join(', ');
    throw new ModelFileError(`${source}: the graph input '${inputs[0]!.name}' has ${dims.length} dimensions [${shown}]; only inputs of [batch, features] are imported (flatten the others into the features)`);
  }
  const declared = dims.length === 2 && dims[1]!.dim_value ? Number(dims[1]!.dim_value) : undefined;

  const chain = new OnnxChain(inputs[0]!.name, constants, source);
  for (const node of graph.node) chain.read(node);
  const { layers, prep, prepStage, x } = chain;
  if (x !== graph.output![0]!.name) throw new ModelFileError(`${source}: the chain of nodes ends at '${x}', not at the graph output '${graph.output![0]!.name}'`);
  if (layers.length === 0) throw new ModelFileError(`${source}: no Gemm or MatMul layer found`);
  checkChain(layers, declared, source);
  if (prepStage >= 2) {
    // a lone Sub or Div, or a scalar one, becomes a full standardize
    const n = layers[0]!.W[0]!.length;
    const full = (v: number[] | undefined, fill: number, name: string): number[] => {
      if (!v) return new Array<number>(n).fill(fill);
      if (v.length === 1) return new Array<number>(n).fill(v[0]!);
      if (v.length !== n) throw new ModelFileError(`${source}: the preprocessing ${name} has ${v.length} values for ${n} inputs`);
      return v;
    };
    prep.mean = full(prep.mean, 0, 'mean (Sub)');
    prep.std = full(prep.std, 1, 'std (Div)');
  }

  return importedModel(layers, prepStage > 0 ? prep : undefined, savedMetadata(model, source), options, source);
}

/** Read an ONNX file of dense layers (Gemm or MatMul + Add, with their activations) into a Model; `options.classes` names the classes. */
export async function loadOnnx(file: string, options: ImportOptions = {}): Promise<Model> {
  checkFileArgument('loadOnnx', file);
  checkImportOptions('loadOnnx', options);
  let bytes: Uint8Array;
  try {
    bytes = readFileBounded(file); // never a device or FIFO; within BACKPROP_MAX_INPUT_BYTES
  } catch (e) {
    throw e instanceof DataError ? new ModelFileError(e.message) : e;
  }
  return onnxToModel(bytes, file, options);
}
