// Which kernel backend the library uses. The plain TypeScript one is always there;
// faster backends register themselves and can be chosen by name.

import type { Kernels } from './kernels.js';
import { jsKernels } from './js/index.js';
import { OptionError } from '../errors.js';
import { kindOf } from '../util/kind-of.js';

const backends = new Map<string, Kernels>([['js', jsKernels]]);
let active: Kernels = jsKernels;

/** Make a set of kernels available under its `name` (for `setBackend`). */
export function registerBackend(kernels: Kernels): void {
  if (kernels === null || typeof kernels !== 'object' || typeof kernels.name !== 'string' || kernels.name === '') {
    throw new OptionError(`registerBackend: give a backend's kernels, an object with a name and its functions, got ${kindOf(kernels)}`);
  }
  backends.set(kernels.name, kernels);
}

/** Run the matrix products on the registered kernels of that name ('js', or 'wasm' / 'wasm-threads' once `initBackend` has loaded them). */
export function setBackend(name: string): void {
  const k = backends.get(name);
  if (!k) {
    throw new OptionError(`unknown kernel backend '${String(name)}'; available: ${[...backends.keys()].join(', ')}`);
  }
  active = k;
}

/** The kernels the matrix products run on now. */
export function getBackend(): Kernels {
  return active;
}

/** The names of the registered kernels. */
export function listBackends(): string[] {
  return [...backends.keys()];
}
