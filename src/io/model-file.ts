// Saving and loading backprop model files (Node). Saving is atomic (see write-file.ts): a temporary
// file is written beside the target, then renamed over it, so a crash never leaves a half-written model.

import type { Model } from '../model/model.js';
import { DataError, ModelFileError, OptionError } from '../errors.js';
import { readFileBounded } from '../data/files.js';
import { parseJsonBytes } from '../util/json-text.js';
import { showPath } from './path-text.js';
import { modelToJson, type ModelJson } from './model-json.js';
import { modelFromJson } from '../model/model.js';
import { modelDocument } from './model-document.js';
import { checkReplaceable, writeFileAtomic } from './write-file.js';
import { checkFileArgument, checkModelArgument } from './arguments.js';

export * from './model-json.js';
export { writeFileAtomic, writeFilesAtomic, makeDirectory } from './write-file.js';

/** A backprop model file's mark, near its start as saveModel writes it. */
const MODEL_MARK = /"format"\s*:\s*"backprop-model"/;

/**
 * Refuse to replace a file that is not a backprop model file (`train --save package.json` replaced
 * the project's package.json with a model, silently). A file that is not there, is empty, or is a
 * backprop model file (of any version, even damaged) may be replaced. Throws OutputError naming it.
 */
export function checkModelFileTarget(file: string): void {
  checkReplaceable(file, 'a backprop model file', (head, whole) => {
    if (MODEL_MARK.test(head)) return true;
    let doc: unknown;
    try {
      doc = parseJsonBytes(whole(), () => { throw new Error('not JSON'); });
    } catch { /* below */ }
    return doc !== null && typeof doc === 'object' && (doc as { format?: unknown }).format === 'backprop-model';
  });
}

/** Write the model atomically: a temporary file beside the target, then a rename. An existing file that is no backprop model file is not replaced. */
export async function saveModel(file: string, model: Model): Promise<void> {
  checkFileArgument('saveModel', file);
  checkModelArgument('saveModel', model);
  // a backprop model file (JSON) under another format's name: 'model.onnx' held JSON that onnxruntime refused
  if (/\.onnx$/i.test(file)) throw new OptionError(`saveModel: ${showPath(file)} is an ONNX name, but saveModel writes a backprop model file (JSON, e.g. model.json); to write ONNX use saveOnnx(file, model)`);
  checkModelFileTarget(file);
  let json: ModelJson;
  try {
    json = modelToJson(model);
  } catch (e) {
    throw e instanceof ModelFileError ? new ModelFileError(`${file}: ${e.message}`) : e;
  }
  await writeFileAtomic(file, JSON.stringify(json) + '\n');
}

/** Read and check a model file (errors name the file, layer and field). */
export async function loadModel(file: string): Promise<Model> {
  checkFileArgument('loadModel', file);
  let bytes: Uint8Array;
  try {
    // never a device or FIFO (stat first); within BACKPROP_MAX_INPUT_BYTES
    bytes = readFileBounded(file);
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    throw new ModelFileError(e.message.startsWith('file not found: ') ? `model ${e.message}` : `model file ${e.message}`);
  }
  return modelFromJson(modelDocument(bytes, showPath(file)), file);
}
