// A CommonJS dependency required synchronously on first use, from this module's place. Through
// createRequire it stays out of ES module bundles (esbuild --format=esm cannot bundle a CommonJS
// package that requires Node's built-ins: "Dynamic require of "util" is not supported") and is
// loaded from node_modules by Node's own require.

import { createRequire } from 'node:module';
import { MissingDependencyError } from '../errors.js';

/** Where to require from: this module's URL, or, in a bundler's CommonJS output (import.meta.url empty there), the bundle's file. */
function requireHere(): NodeJS.Require | undefined {
  if (import.meta.url) return createRequire(import.meta.url);
  return typeof __filename === 'string' && __filename ? createRequire(__filename) : undefined;
}

/**
 * require(`name`), a dependency of backprop, for `purpose` (e.g. 'reading PNG images'); when it cannot be
 * loaded (a bundle shipped without node_modules), a MissingDependencyError in one line saying so.
 */
export function requireDependency<T>(name: string, purpose: string): T {
  let cause: string;
  try {
    const req = requireHere();
    if (req) return req(name) as T;
    cause = 'this bundle has neither import.meta.url nor __filename to find it from';
  } catch (e) {
    cause = String((e as Error)?.message ?? e).split('\n')[0]!;
  }
  throw new MissingDependencyError(`${purpose} needs the package ${name}, a dependency of backprop, which did not load (${cause}): `
    + `install backprop's dependencies beside the program (npm install), or leave backprop out of the bundle`, [name]);
}
