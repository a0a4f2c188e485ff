// Saving and loading backprop model files (Node). Saving is atomic: a temporary file is written
// beside the target, then renamed over it, so a crash never leaves a half-written model.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ModelFileError, OutputError } from '../errors.js';
import type { Model } from '../model/model.js';
import { modelToJson, modelFromJson, type ModelJson } from './model-json.js';

export * from './model-json.js';

/** Write the model atomically: a temporary file beside the target, then a rename. */
export async function saveModel(file: string, model: Model): Promise<void> {
  let json: ModelJson;
  try {
    json = modelToJson(model);
  } catch (e) {
    throw e instanceof ModelFileError ? new ModelFileError(`${file}: ${e.message}`) : e;
  }
  await writeFileAtomic(file, JSON.stringify(json) + '\n');
}

export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(tmp, content);
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => {});
    throw new OutputError(`cannot write ${file}: ${writeReason(e, dir)}; ${file} was left as it was`);
  }
}

/** Why a write failed, in words (the error codes a user meets), without the temporary file's name. */
function writeReason(e: unknown, dir: string): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT': return `the folder ${dir} does not exist or does not accept files`;
    case 'EACCES': case 'EPERM': case 'EROFS': return `no permission to write in ${dir}`;
    case 'EISDIR': return 'it is a folder';
    case 'ENOSPC': case 'EDQUOT': return 'the disk is full';
    default: return code ?? (e as Error).message;
  }
}

/**
 * Create a folder and its missing parents, one level at a time. (fs.mkdir's own recursive mode
 * never returns on some special file systems, e.g. a path under /proc.)
 */
export async function makeDirectory(dir: string): Promise<void> {
  const full = path.resolve(dir);
  const stat = await fs.stat(full).catch(() => undefined);
  if (stat?.isDirectory()) return;
  if (stat) throw new OutputError(`cannot create the folder ${dir}: a file of that name exists`);
  const parent = path.dirname(full);
  if (parent !== full) await makeDirectory(parent);
  try {
    await fs.mkdir(full);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw new OutputError(`cannot create the folder ${dir}: ${writeReason(e, parent)}`);
  }
}

/** Read and check a model file (errors name the file, layer and field). */
export async function loadModel(file: string): Promise<Model> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ModelFileError(code === 'ENOENT' ? `model file not found: ${file}` : `cannot read model file ${file}: ${(e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new ModelFileError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  return modelFromJson(doc, file);
}
