// The library names TrainSpec fields in its errors and warnings; the command line names its flags.
// This turns one into the other, so a CLI user reads `--test-split 0.2 ...`, never `testSplit`.

import { DataError, OptionError } from '../errors.js';

/** TrainSpec field -> flag. */
const FLAGS: Record<string, string> = {
  layers: '--layers', activation: '--activation', output: '--output', loss: '--loss', init: '--init', keepProb: '--dropout',
  optimizer: '--optimizer', learningRate: '--lr', schedule: '--lr-decay', batchSize: '--batch-size', epochs: '--epochs',
  l1: '--l1', l2: '--l2', seed: '--seed', testSplit: '--test-split', validationSplit: '--validation-split',
  earlyStopping: '--early-stopping', epsilon: '--epsilon', resume: '--resume',
};

/** camelCase fields cannot be English words: they are replaced wherever they appear. */
const CAMEL = Object.keys(FLAGS).filter((f) => /[A-Z]/.test(f));

/**
 * The message with flags for fields: the field an error is about where it starts the message
 * (with the value typed, e.g. `--layers 16000,16000:` or `--resume m.json:`), and every camelCase field.
 */
export function withFlags(message: string, field: string | undefined, typed: Record<string, string | boolean | undefined> = {}): string {
  let out = message;
  if (field && FLAGS[field] && new RegExp(`^${field}\\b`).test(out)) {
    const value = field === 'layers' || field === 'resume' ? typed[field] : undefined;
    out = out.replace(new RegExp(`^${field}(\\[\\d+\\])?`), value !== undefined ? `${FLAGS[field]} ${value}` : FLAGS[field]!);
  }
  // a warning that starts with the fields it ignores: 'layers, init ignored: ...'
  out = out.replace(/^(\w+(?:, \w+)*) ignored: /, (_, fields: string) => `${fields.split(', ').map((f) => FLAGS[f] ?? f).join(', ')} ignored: `);
  for (const f of CAMEL) out = out.replace(new RegExp(`\\b${f}\\b`, 'g'), FLAGS[f]!);
  return out.replace(/use standardize: true/g, 'add --standardize');
}

/** An error of the library, re-thrown with flags in its message (other errors unchanged). */
export function errorWithFlags(e: unknown, typed: Record<string, string | boolean | undefined>): unknown {
  if (e instanceof OptionError) return new OptionError(withFlags(e.message, e.field, typed));
  if (e instanceof DataError) return new DataError(withFlags(e.message, e.field, typed));
  return e;
}
