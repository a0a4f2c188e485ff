// Saving and loading backprop model files (Node). Saving is atomic: a temporary file is written
// beside the target, then renamed over it, so a crash never leaves a half-written model.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Network } from '../nn/network.js';
import { ModelFileError } from '../errors.js';
import { modelToJson, modelFromJson, type ModelJson, type ModelMeta } from './model-json.js';

export * from './model-json.js';

/** Write the model atomically: a temporary file beside the target, then a rename. */
export async function saveModel(file: string, net: Network, meta: Partial<ModelMeta> = {}): Promise<void> {
  const json = modelToJson(net, meta);
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
    throw e;
  }
}

export async function loadModel(file: string): Promise<{ net: Network; meta: ModelMeta; json: ModelJson }> {
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
