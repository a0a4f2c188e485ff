// The subset of onnx.proto (github.com/onnx/onnx, onnx/onnx.proto, proto2, package onnx) that a
// chain of dense layers needs, as a protobufjs reflection descriptor. Field names and numbers are
// exactly those of the official file; messages and fields we never use are left out (unknown
// fields of files made by other tools are skipped when decoding).

import { requireDependency } from '../util/require-dependency.js';
import { PermissionError } from '../errors.js';
import type * as Protobuf from 'protobufjs';

const descriptor = {
  nested: {
    onnx: {
      nested: {
        AttributeProto: {
          fields: {
            name: { type: 'string', id: 1 },
            ref_attr_name: { type: 'string', id: 21 },
            doc_string: { type: 'string', id: 13 },
            type: { type: 'AttributeType', id: 20 },
            f: { type: 'float', id: 2 },
            i: { type: 'int64', id: 3 },
            s: { type: 'bytes', id: 4 },
            t: { type: 'TensorProto', id: 5 },
            g: { type: 'GraphProto', id: 6 },
            floats: { rule: 'repeated', type: 'float', id: 7 },
            ints: { rule: 'repeated', type: 'int64', id: 8 },
            strings: { rule: 'repeated', type: 'bytes', id: 9 },
            tensors: { rule: 'repeated', type: 'TensorProto', id: 10 },
            graphs: { rule: 'repeated', type: 'GraphProto', id: 11 },
          },
          nested: {
            AttributeType: {
              values: {
                UNDEFINED: 0, FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, GRAPH: 5, SPARSE_TENSOR: 11,
                FLOATS: 6, INTS: 7, STRINGS: 8, TENSORS: 9, GRAPHS: 10, SPARSE_TENSORS: 12,
              },
            },
          },
        },
        ValueInfoProto: {
          fields: {
            name: { type: 'string', id: 1 },
            type: { type: 'TypeProto', id: 2 },
            doc_string: { type: 'string', id: 3 },
          },
        },
        NodeProto: {
          fields: {
            input: { rule: 'repeated', type: 'string', id: 1 },
            output: { rule: 'repeated', type: 'string', id: 2 },
            name: { type: 'string', id: 3 },
            op_type: { type: 'string', id: 4 },
            domain: { type: 'string', id: 7 },
            attribute: { rule: 'repeated', type: 'AttributeProto', id: 5 },
            doc_string: { type: 'string', id: 6 },
          },
        },
        ModelProto: {
          fields: {
            ir_version: { type: 'int64', id: 1 },
            opset_import: { rule: 'repeated', type: 'OperatorSetIdProto', id: 8 },
            producer_name: { type: 'string', id: 2 },
            producer_version: { type: 'string', id: 3 },
            domain: { type: 'string', id: 4 },
            model_version: { type: 'int64', id: 5 },
            doc_string: { type: 'string', id: 6 },
            graph: { type: 'GraphProto', id: 7 },
            metadata_props: { rule: 'repeated', type: 'StringStringEntryProto', id: 14 },
          },
        },
        StringStringEntryProto: {
          fields: {
            key: { type: 'string', id: 1 },
            value: { type: 'string', id: 2 },
          },
        },
        GraphProto: {
          fields: {
            node: { rule: 'repeated', type: 'NodeProto', id: 1 },
            name: { type: 'string', id: 2 },
            initializer: { rule: 'repeated', type: 'TensorProto', id: 5 },
            doc_string: { type: 'string', id: 10 },
            input: { rule: 'repeated', type: 'ValueInfoProto', id: 11 },
            output: { rule: 'repeated', type: 'ValueInfoProto', id: 12 },
            value_info: { rule: 'repeated', type: 'ValueInfoProto', id: 13 },
          },
        },
        TensorProto: {
          fields: {
            dims: { rule: 'repeated', type: 'int64', id: 1 },
            data_type: { type: 'int32', id: 2 },
            float_data: { rule: 'repeated', type: 'float', id: 4, options: { packed: true } },
            int32_data: { rule: 'repeated', type: 'int32', id: 5, options: { packed: true } },
            string_data: { rule: 'repeated', type: 'bytes', id: 6 },
            int64_data: { rule: 'repeated', type: 'int64', id: 7, options: { packed: true } },
            name: { type: 'string', id: 8 },
            doc_string: { type: 'string', id: 12 },
            raw_data: { type: 'bytes', id: 9 },
            external_data: { rule: 'repeated', type: 'StringStringEntryProto', id: 13 },
            data_location: { type: 'int32', id: 14 },
            double_data: { rule: 'repeated', type: 'double', id: 10, options: { packed: true } },
            uint64_data: { rule: 'repeated', type: 'uint64', id: 11, options: { packed: true } },
          },
          nested: {
            DataType: {
              values: {
                UNDEFINED: 0, FLOAT: 1, UINT8: 2, INT8: 3, UINT16: 4, INT16: 5, INT32: 6, INT64: 7,
                STRING: 8, BOOL: 9, FLOAT16: 10, DOUBLE: 11, UINT32: 12, UINT64: 13, COMPLEX64: 14,
                COMPLEX128: 15, BFLOAT16: 16,
              },
            },
          },
        },
        TensorShapeProto: {
          fields: {
            dim: { rule: 'repeated', type: 'Dimension', id: 1 },
          },
          nested: {
            Dimension: {
              oneofs: { value: { oneof: ['dim_value', 'dim_param'] } },
              fields: {
                dim_value: { type: 'int64', id: 1 },
                dim_param: { type: 'string', id: 2 },
                denotation: { type: 'string', id: 3 },
              },
            },
          },
        },
        TypeProto: {
          oneofs: { value: { oneof: ['tensor_type'] } },
          fields: {
            tensor_type: { type: 'Tensor', id: 1 },
            denotation: { type: 'string', id: 6 },
          },
          nested: {
            Tensor: {
              fields: {
                elem_type: { type: 'int32', id: 1 },
                shape: { type: 'TensorShapeProto', id: 2 },
              },
            },
          },
        },
        OperatorSetIdProto: {
          fields: {
            domain: { type: 'string', id: 1 },
            version: { type: 'int64', id: 2 },
          },
        },
      },
    },
  },
};

/** TensorProto.DataType values used here. */
export const DATA_TYPE = { FLOAT: 1, INT64: 7, DOUBLE: 11 } as const;
/** AttributeProto.AttributeType values used here. */
export const ATTRIBUTE_TYPE = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, INTS: 7 } as const;

let modelProto: Protobuf.Type | undefined;

/**
 * onnx.ModelProto, built from the descriptor on first use. protobufjs (CommonJS) is required here,
 * synchronously, so that importing backprop does not load it and the ONNX functions stay synchronous.
 */
export function onnxModelProto(): Protobuf.Type {
  if (!modelProto) {
    const protobuf = requireDependency<typeof Protobuf>('protobufjs', 'reading and writing ONNX');
    modelProto = protobuf.Root.fromJSON(descriptor).lookupType('onnx.ModelProto');
  }
  return modelProto;
}

// Plain-object shapes of the messages (snake_case field names as in onnx.proto).

export interface OnnxTensor {
  name?: string;
  dims?: number[];
  data_type?: number;
  float_data?: number[];
  double_data?: number[];
  int64_data?: number[];
  raw_data?: Uint8Array;
  data_location?: number;
}

export interface OnnxAttribute {
  name: string;
  type?: number;
  f?: number;
  i?: number;
  s?: Uint8Array;
  t?: OnnxTensor;
  floats?: number[];
  ints?: number[];
}

export interface OnnxNode {
  input?: string[];
  output?: string[];
  name?: string;
  op_type?: string;
  domain?: string;
  attribute?: OnnxAttribute[];
}

export interface OnnxValueInfo {
  name: string;
  type?: { tensor_type?: { elem_type?: number; shape?: { dim?: { dim_value?: number; dim_param?: string }[] } } };
}

export interface OnnxGraph {
  name?: string;
  node?: OnnxNode[];
  initializer?: OnnxTensor[];
  input?: OnnxValueInfo[];
  output?: OnnxValueInfo[];
}

export interface OnnxModel {
  ir_version?: number;
  opset_import?: { domain?: string; version?: number }[];
  producer_name?: string;
  producer_version?: string;
  doc_string?: string;
  graph?: OnnxGraph;
  metadata_props?: { key?: string; value?: string }[];
}

/**
 * `use` of onnx.ModelProto. protobufjs compiles each message's encoder and decoder from strings (new
 * Function) on first use: where a process disallows that (node --disallow-code-generation-from-strings,
 * a page whose Content-Security-Policy lacks 'unsafe-eval'), every ONNX call threw a bare "EvalError: Code
 * generation from strings disallowed for this context"; now a PermissionError says what needs it.
 */
function withModelProto<T>(use: (type: Protobuf.Type) => T): T {
  const type = onnxModelProto();
  try {
    return use(type);
  } catch (e) {
    if (!(e instanceof EvalError || (e as Error | null)?.name === 'EvalError')) throw e;
    throw new PermissionError(`reading and writing ONNX needs protobufjs, which compiles its encoders from strings (new Function), and this process disallows that (${(e as Error).message}: `
      + "node's --disallow-code-generation-from-strings, or a Content-Security-Policy without 'unsafe-eval')");
  }
}

/** Serialize a model given as a plain object. */
export function encodeOnnx(model: OnnxModel): Uint8Array {
  return withModelProto((type) => type.encode(type.fromObject(model)).finish());
}

/** Parse ModelProto bytes into a plain object (int64 as numbers, bytes as Uint8Array). */
export function decodeOnnx(bytes: Uint8Array): OnnxModel {
  return withModelProto((type) => type.toObject(type.decode(bytes), { longs: Number, enums: Number, arrays: false }) as OnnxModel);
}
