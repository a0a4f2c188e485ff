// Parsing and checking option values; every error names the option and what was expected.

import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { OptionError } from '../errors.js';

export function parseIntOption(value: string | undefined, name: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  // decimal digits, or a whole number in exponent notation ('1e6'): Number() alone would also take '0x10'
  const v = Number(value);
  if (value === undefined || !/^\s*\+?(\d+|\d+(\.\d+)?e\+?\d+)\s*$/i.test(value) || !Number.isInteger(v) || v < min) {
    throw new OptionError(`${name} must be a whole number >= ${min}, got '${value}'`);
  }
  if (v > max) throw new OptionError(`${name} must be <= ${max}, got '${value}'`);
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

/**
 * Check before a long run that an output can be written: its folder exists and is writable, it is
 * not a folder (or, with folder: true, not a file), and it is none of the command's input files.
 */
export function checkOutputPath(file: string | undefined, name: string, o: { inputs?: (string | undefined)[]; folder?: boolean } = {}): void {
  if (file === undefined) return;
  if (file.trim() === '') throw new OptionError(`${name}: give a file name, got ''`);
  const dir = path.dirname(path.resolve(file));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new OptionError(`${name} ${file}: the folder ${dir} does not exist`);
  if (existsSync(file) && statSync(file).isDirectory() !== (o.folder ?? false)) {
    throw new OptionError(`${name} ${file}: is a ${o.folder ? 'file, not a folder' : 'folder, not a file'}`);
  }
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new OptionError(`${name} ${file}: no permission to write in the folder ${dir}`);
  }
  for (const input of o.inputs ?? []) {
    if (input !== undefined && path.resolve(input) === path.resolve(file)) {
      throw new OptionError(`${name} ${file}: that is an input of this command; writing there would destroy it`);
    }
  }
}
