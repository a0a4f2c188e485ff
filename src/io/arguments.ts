// The arguments of the library's file functions (saveModel and loadModel, the ONNX and TF.js ones),
// checked on entry: a call without a file name or without a Model is an OptionError naming the
// function and what it got, never a TypeError from inside ('p.startsWith is not a function').

import { Model } from '../model/model.js';
import { ModelFileError, OptionError } from '../errors.js';
import { nonFiniteWeights } from './model-json.js';
import { kindOfFor, pathKindOf } from '../util/kind-of.js';

/** `file` is a non-empty string. */
export function checkFileArgument(fn: string, file: unknown, name = 'file'): asserts file is string {
  if (typeof file !== 'string' || file === '') throw new OptionError(`${fn}: ${name} must be a file name (a non-empty string), got ${pathKindOf(file)}`);
}

/** `model` is a Model (from trainModel, loadModel or Model.fromJson). */
export function checkModelArgument(fn: string, model: unknown): asserts model is Model {
  if (!(model instanceof Model)) throw new OptionError(`${fn}: model must be a Model (from trainModel, loadModel or Model.fromJson), got ${kindOfFor(model, 'Model')}`);
}

/** A Model whose weights are all finite: an exporter wrote NaN weights to an ONNX or TF.js model, silently (saveModel refused them). */
export function checkExportableModel(fn: string, model: unknown): asserts model is Model {
  checkModelArgument(fn, model);
  for (const [i, layer] of model.network.layers.entries()) {
    const bad = nonFiniteWeights(layer, i);
    if (bad) throw new ModelFileError(`${fn}: ${bad}; a model with them is not exported (it would predict NaN)`);
  }
}

/** File names of other formats: a TF.js folder named like one of them is a mistake (export --format tfjs --out m.onnx). */
const FILE_EXTENSIONS = ['.onnx', '.json', '.bin', '.h5', '.hdf5', '.csv'];

/**
 * Why `out` does not suit a model written as `format`, or undefined: an ONNX model is a file whose
 * name ends in .onnx; a TF.js model is a folder (model.json and weights.bin), whose name is no
 * file name of another format. Without this, --format tfjs --out m.onnx made a folder m.onnx.
 */
export function exportPathProblem(format: 'onnx' | 'tfjs', out: string): string | undefined {
  const lower = out.toLowerCase().replace(/[\\/]+$/, '');
  if (format === 'onnx') {
    return lower.endsWith('.onnx') && !/[\\/]$/.test(out) ? undefined : `an ONNX model is one file whose name ends in .onnx, got '${out}'`;
  }
  const ext = FILE_EXTENSIONS.find((e) => lower.endsWith(e));
  return ext === undefined ? undefined
    : `a TF.js model is a folder (model.json and weights.bin), but '${out}' ends in ${ext}, a file name${ext === '.onnx' ? ' of an ONNX model (write ONNX with format onnx)' : ''}; give a folder name such as '${out.slice(0, out.length - ext.length)}-tfjs'`;
}

/** Throw an OptionError from `fn` when `out` does not suit `format` (exportPathProblem). */
export function checkExportPath(fn: string, format: 'onnx' | 'tfjs', out: string, name: string): void {
  const problem = exportPathProblem(format, out);
  if (problem) throw new OptionError(`${fn}: ${name}: ${problem}`);
}
