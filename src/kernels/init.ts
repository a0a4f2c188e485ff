// Choosing the kernel backend at start-up: 'auto' takes the fastest one that loads here
// (WebAssembly SIMD on worker threads in Node and in cross-origin isolated pages, else
// single-threaded WebAssembly), and anything that fails to load leaves the library on the
// plain 'js' kernels, with one console line saying why (once per process).

import { registerBackend, setBackend, getBackend, listBackends } from './registry.js';
import { nodeBuiltin } from './node-builtin.js';
import type { WasmSource, StartWorker } from './wasm/sources.js';
import { checkKnownKeys } from '../util/known-keys.js';
import { OptionError, PermissionError } from '../errors.js';
import { givenText, wholeNumberProblem } from '../util/bounds.js';

export type BackendChoice = 'auto' | 'js' | 'wasm' | 'wasm-threads';

export interface BackendOptions {
  /** Threads for 'wasm-threads' / 'auto' (default: the number of cores; 1 = no workers). */
  threads?: number;
  /**
   * Where gemm.wasm is (default: gemm-relaxed.wasm, else gemm.wasm, next to the module); in a
   * browser bundle pass their URLs or bytes. A list: the first that loads.
   */
  wasm?: WasmSource | WasmSource[];
  /** Where gemm-shared.wasm is, for threads (default: gemm-relaxed-shared.wasm, else gemm-shared.wasm). */
  wasmShared?: WasmSource | WasmSource[];
  /**
   * In a bundle: how to start the pool's worker script (src/kernels/wasm/worker.ts). In a browser, e.g.
   * `() => new Worker(new URL('backprop/wasm/worker.js', import.meta.url), { type: 'module' })`; in a
   * bundle for Node, a `worker_threads` Worker the same way (webpack bundles its script then).
   * Default: worker.js next to the module.
   */
  startWorker?: StartWorker;
}

const isNode = typeof process !== 'undefined' && !!process.versions?.node;

/** 'started', 'unavailable' (no SharedArrayBuffer: not tried), or why they did not start where they could. */
async function tryThreads(options: BackendOptions): Promise<'started' | 'unavailable' | { error: unknown }> {
  if (typeof SharedArrayBuffer === 'undefined' || !(isNode || (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated)) return 'unavailable';
  try {
    const { loadThreadedKernels } = await import('./wasm/threads.js');
    registerBackend(await loadThreadedKernels(options.threads, options.wasmShared, options.startWorker));
    setBackend('wasm-threads');
    return 'started';
  } catch (error) {
    return { error };
  }
}

/**
 * Why the worker threads did not start where they could (Node, or a cross-origin isolated page), said once
 * per process when one thread of WebAssembly runs instead (else the JS fallback's line says why). It was
 * silent: Next.js 16 (Turbopack) copies the kernel worker's script into its server assets unbundled, where
 * Node cannot run it, so training ran on one thread with no word but Node's own "To load an ES module, ...".
 */
let warnedThreads = false;
function warnThreadsFallback(e: unknown): void {
  if (warnedThreads) return;
  warnedThreads = true;
  const why = e instanceof Error ? e.message : String(e);
  // the permission model's refusal names its flag: a bundle is not the cause there
  const advice = e instanceof PermissionError ? '' : '; in a bundle, keep backprop out of it (Next.js: serverExternalPackages: [\'backprop\']) or give initBackend a startWorker (backprop\'s docs/packaging.md)';
  console.warn(`backprop: the kernel worker threads did not start (${why}), so training runs on one thread${advice}`);
}

/**
 * What to do when the kernels did not load, fitted to why: an engine with WebAssembly turned off (`node --jitless`,
 * a browser's setting) or a page's policy refusing to compile it is not helped by moving files, which is
 * what the line said whatever the cause.
 */
function fallbackAdvice(why: string): string {
  if (typeof WebAssembly === 'undefined') return 'this JavaScript engine has WebAssembly turned off (node --jitless does that): run it without that setting for the faster kernels';
  if (/Content.Security.Policy|unsafe-eval/i.test(why)) return "the page's Content-Security-Policy must allow 'wasm-unsafe-eval' in script-src for the faster kernels";
  return "in a bundle, put the .wasm files beside it, give initBackend their URLs, or give it the kernels inside a module: initBackend('auto', await embeddedKernels()), from backprop/wasm/embedded.js (backprop's docs/packaging.md)";
}

/** Why the WebAssembly kernels did not load, said once per process (a console line) when training falls back to JS. */
let warned = false;
function warnFallback(e: unknown): void {
  if (warned) return;
  warned = true;
  const why = e instanceof Error ? e.message : String(e);
  console.warn(`backprop: the WebAssembly kernels did not load (${why}), so training runs on the plain JavaScript kernels, several times slower; ${fallbackAdvice(why)}`);
}

async function tryWasm(options: BackendOptions): Promise<boolean> {
  try {
    const { loadWasmKernels } = await import('./wasm/index.js');
    registerBackend(await loadWasmKernels(options.wasm));
    setBackend('wasm');
    return true;
  } catch (e) {
    warnFallback(e);
    return false;
  }
}

/**
 * Load and select a backend; resolves to the name of the backend now in use.
 * 'wasm-threads' falls back to 'wasm', and 'wasm' to 'js', when they cannot load.
 */
const CHOICES: readonly BackendChoice[] = ['auto', 'js', 'wasm', 'wasm-threads'];
/** The most threads initBackend takes (a pool starts at most 64 workers; more is a slip, e.g. 1e9). */
const MOST_THREADS = 1024;

/**
 * The choice and the options, before anything loads: initBackend({ threads: 2 }) (the options in the
 * choice's place) and 'cuda' ran 'auto' silently; threads -1 or 1.5 became 1, '2' and 1e9 were used
 * as they came (the pool capped them), all without a word.
 */
function checkBackendArguments(choice: unknown, options: BackendOptions): void {
  if (!CHOICES.includes(choice as BackendChoice)) {
    const hint = choice !== null && typeof choice === 'object' ? `; the options come second: initBackend('auto', ${jsonText(choice)})` : '';
    throw new OptionError(`initBackend: the backend must be one of ${CHOICES.join(', ')}, got ${givenText(choice)}${hint}`);
  }
  if (options === null || typeof options !== 'object') throw new OptionError(`initBackend: options must be an object such as { threads: 2 }, got ${givenText(options)}`);
  checkKnownKeys(options, BACKEND_KEYS, 'initBackend', (m) => new OptionError(m));
  const wrong = wholeNumberProblem(options.threads, 'initBackend: options.threads', 1, MOST_THREADS);
  if (wrong) throw new OptionError(wrong);
}

const jsonText = (v: unknown) => { try { return JSON.stringify(v); } catch { return '{ ... }'; } };

const BACKEND_KEYS = ['threads', 'wasm', 'wasmShared', 'startWorker'] as const satisfies readonly (keyof BackendOptions)[];

/** The options of the last initBackend: where the single-thread kernels are, for stopBackendThreads. */
let lastOptions: BackendOptions = {};

/**
 * Load the kernels: 'auto' (the default) the fastest that loads (WebAssembly SIMD on worker threads, then
 * on one thread, then plain JavaScript); the name of the backend in use. `options` gives the kernel files' URLs or a `startWorker` for bundled apps.
 */
export async function initBackend(choice: BackendChoice = 'auto', options: BackendOptions = {}): Promise<string> {
  checkBackendArguments(choice, options);
  lastOptions = options;
  if (choice === 'js') {
    setBackend('js');
  } else if (choice === 'wasm') {
    await tryWasm(options);
  } else {
    const threads = options.threads ?? (isNode ? (await nodeBuiltin<typeof import('node:os')>('node:os')).availableParallelism() : (globalThis.navigator?.hardwareConcurrency ?? 1));
    const started = threads > 1 ? await tryThreads({ ...options, threads }) : 'unavailable';
    // a thread failure is said only when one thread runs: a missing kernel file is the JS fallback's line
    if (started !== 'started' && (await tryWasm(options)) && started !== 'unavailable') warnThreadsFallback(started.error);
  }
  return getBackend().name;
}

/** The fastest backend that loads here: initBackend('auto'). */
export function useFastestBackend(options: BackendOptions = {}): Promise<string> {
  return initBackend('auto', options);
}

/**
 * Stop the worker threads of 'wasm-threads', switching back to 'wasm' first (loaded here, from the
 * last initBackend's options, when only the threads were: it fell to the plain 'js' kernels, several
 * times slower, without a word), or to 'js' when it cannot load.
 */
export async function stopBackendThreads(): Promise<void> {
  if (getBackend().name === 'wasm-threads') {
    if (listBackends().includes('wasm')) setBackend('wasm');
    else if (!(await tryWasm(lastOptions))) setBackend('js');
  }
  await (await import('./wasm/threads.js')).stopThreads();
}
