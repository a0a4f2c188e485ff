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
 * True when import() itself was refused, not the package: a CommonJS module run by Jest's loader without
 * --experimental-vm-modules (backprop's CommonJS bundle there, see cjs/require.cjs) cannot import() at all.
 */
function importRefused(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING');
}

/**
 * What to throw when the dynamic import of an optional package failed with `e`: a
 * MissingDependencyError "<purpose> needs <packages>: npm install <packages>" (or `notInstalled`) when a
 * package is not installed; an Error in one line when the module loader in use refuses import() (Jest's
 * CommonJS tests without --experimental-vm-modules: "npm install" would not help there); else `e` itself.
 * The callers write each `await import('package')` directly inside a try block: esbuild and webpack then
 * leave a package that is not installed to run time (webpack warns) instead of failing the build of an app
 * that bundles backprop for Node.
 */
export function missingDependency(e: unknown, packages: string[], purpose: string, notInstalled?: string): unknown {
  const list = packages.join(' ');
  const plural = packages.length > 1 ? 's' : '';
  if (importRefused(e)) {
    return new Error(`${purpose} needs the optional package${plural} ${list}, loaded with import(), which the module loader in use refuses `
      + `(${(e as { code: string }).code}: Jest's, for CommonJS tests without --experimental-vm-modules): run it with NODE_OPTIONS=--experimental-vm-modules`, { cause: e });
  }
  if (!isNotFound(e)) return e;
  return new MissingDependencyError(notInstalled ?? `${purpose} needs the optional package${plural} ${list}: npm install ${list}`, packages);
}
