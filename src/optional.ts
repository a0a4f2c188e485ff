// Loading the optional peer dependencies (the chart stack, h5wasm) only when a function needs them,
// so that importing backprop costs only what the math costs. A missing one becomes a one-line
// MissingDependencyError that names what to install.

import { MissingDependencyError } from './errors.js';

/** True when `e` says the module itself could not be found (Node, Bun and Deno word it differently). */
function isNotFound(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return true;
  return e instanceof Error && /cannot find (module|package)|module not found/i.test(e.message);
}

/**
 * Run `load` (a dynamic import of `packages`); when a package is not installed, throw
 * MissingDependencyError: "<purpose> needs <packages>: npm install <packages>".
 */
export async function importOptional<T>(load: () => Promise<T>, packages: string[], purpose: string): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if (!isNotFound(e)) throw e;
    const list = packages.join(' ');
    throw new MissingDependencyError(`${purpose} needs the optional package${packages.length > 1 ? 's' : ''} ${list}: npm install ${list}`, packages);
  }
}
