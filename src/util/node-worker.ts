// A Node worker_threads Worker inherits the options of the process that starts it, --input-type among
// them, and Node refuses that option for an ES module file that starts a thread: in a program run as
// `node --input-type=module < train.mjs` or `node --input-type=module -e '...'`, every kernel worker
// and every tuning worker stopped at "--input-type can only be used with string input via --eval,
// --print, or STDIN" (training ran on one thread, and every trial of tune() failed). There the worker
// starts from a one-line script instead, which imports the same file (an import with a parent, which
// the option does not concern). Everywhere else the worker starts on the file, as before.
// Node's permission model (--permission; --experimental-permission on Node 20) refuses every worker
// unless --allow-worker is given: Node 20 said only "Access to this API has been restricted" (tune()
// rejected with that, and the kernels' line advised keeping backprop out of a bundle); that flag is named.

import { PermissionError } from '../errors.js';

/** Whether this process was started with --input-type (its workers cannot start on a file). */
export function hasInputTypeOption(): boolean {
  let argv: unknown;
  try {
    argv = typeof process === 'undefined' ? undefined : process.execArgv;
  } catch {
    return false;
  }
  return Array.isArray(argv) && argv.some((a) => a === '--input-type' || (typeof a === 'string' && a.startsWith('--input-type=')));
}

/** The source of a worker (`eval: true`) that loads the ES module at `url`. */
export function importingWorkerSource(url: URL): string {
  return `import(${JSON.stringify(url.href)});`;
}

/** What to throw for an error of `new Worker(...)` in Node: the permission model's refusal as a PermissionError naming its flag, others as they are. */
export function workerStartError(e: unknown): unknown {
  const refused = (e as { code?: unknown } | null)?.code === 'ERR_ACCESS_DENIED';
  return refused ? new PermissionError("Node's permission model refuses worker threads: run node with --allow-worker as well") : e;
}
