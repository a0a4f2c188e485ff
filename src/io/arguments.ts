// The arguments of the library's file functions (saveModel and loadModel, the ONNX and TF.js ones),
// checked on entry: a call without a file name or without a Model is an OptionError naming the
// function and what it got, never a TypeError from inside ('p.startsWith is not a function').

import { Model } from '../model/model.js';
import { OptionError } from '../errors.js';
import { kindOf } from '../util/kind-of.js';

/** `file` is a non-empty string. */
export function checkFileArgument(fn: string, file: unknown, name = 'file'): asserts file is string {
  if (typeof file !== 'string' || file === '') throw new OptionError(`${fn}: ${name} must be a file name (a non-empty string), got ${kindOf(file)}`);
}

/** `model` is a Model (from trainModel, loadModel or Model.fromJson). */
export function checkModelArgument(fn: string, model: unknown): asserts model is Model {
  if (!(model instanceof Model)) throw new OptionError(`${fn}: model must be a Model (from trainModel, loadModel or Model.fromJson), got ${kindOf(model)}`);
}
