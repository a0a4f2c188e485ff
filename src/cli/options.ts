// Parsing and checking option values; every error names the option and what was expected.

import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { OptionError } from '../errors.js';

export function parseIntOption(value: string | undefined, name: string, min = 0): number {
  const v = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isInteger(v) || v < min) {
    throw new OptionError(`${name} must be a whole number >= ${min}, got '${value}'`);
  }
  return v;
}

export function parseNumberOption(value: string | undefined, name: string, opts: { positive?: boolean; min?: number; max?: number } = {}): number {
  const v = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isFinite(v)) throw new OptionError(`${name} must be a number, got '${value}'`);
  if (opts.positive && !(v > 0)) throw new OptionError(`${name} must be a positive number, got '${value}'`);
  if (opts.min !== undefined && v < opts.min) throw new OptionError(`${name} must be >= ${opts.min}, got '${value}'`);
  if (opts.max !== undefined && v > opts.max) throw new OptionError(`${name} must be <= ${opts.max}, got '${value}'`);
  return v;
}

export function parseChoice<T extends string>(value: string | undefined, name: string, choices: readonly T[]): T {
  if (value === undefined || !choices.includes(value as T)) throw new OptionError(`${name} must be one of ${choices.join(', ')}, got '${value}'`);
  return value as T;
}

/** Check before a long run that an output file can be written: its folder exists and it is not a folder. */
export function checkOutputPath(file: string | undefined, name: string): void {
  if (file === undefined) return;
  const dir = path.dirname(path.resolve(file));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new OptionError(`${name} ${file}: the folder ${dir} does not exist`);
  if (existsSync(file) && statSync(file).isDirectory()) throw new OptionError(`${name} ${file}: is a folder, not a file`);
}
