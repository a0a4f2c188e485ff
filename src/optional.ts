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
 * What to throw when the dynamic import of an optional package failed with `e`: a
 * MissingDependencyError "<purpose> needs <packages>: npm install <packages>" when a package is not
 * installed, else `e` itself. The callers write each `await import('package')` directly inside a
 * try block: esbuild and webpack then leave a package that is not installed to run time (webpack
 * warns) instead of failing the build of an app that bundles backprop for Node.
 */
export function missingDependency(e: unknown, packages: string[], purpose: string): unknown {
  if (!isNotFound(e)) return e;
  const list = packages.join(' ');
  return new MissingDependencyError(`${purpose} needs the optional package${packages.length > 1 ? 's' : ''} ${list}: npm install ${list}`, packages);
}
