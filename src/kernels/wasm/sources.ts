// The public types of the WebAssembly backend's options, written without the DOM's and
// WebAssembly's global types, so that a Node-only consumer (lib ES2022, types node) can check
// backprop's declarations; browser values (Worker, WebAssembly.Module) fit them structurally.

/** A compiled WebAssembly.Module (typed as an object so the declarations need no WebAssembly lib). */
export type CompiledWasm = object;

/** Where the kernel module comes from: its bytes, a compiled WebAssembly.Module, or a URL / path to the .wasm file. */
export type WasmSource = ArrayBuffer | ArrayBufferView | CompiledWasm | URL | string;

/** What the pool needs of a browser Web Worker (a DOM `Worker` fits). */
export interface KernelWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the DOM's handlers take its own event types
  onmessage: ((event: any) => unknown) | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  onerror: ((event: any) => unknown) | null;
}

/** What the pool needs of a Node `worker_threads` Worker (one started by StartWorker in a Node bundle). */
export interface NodeKernelWorker {
  postMessage(message: unknown): void;
  terminate(): unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Node's listeners take an Error or a message
  once(event: 'message' | 'error', listener: (value: any) => void): unknown;
  unref?(): void;
}

/**
 * Starts one pool worker (src/kernels/wasm/worker.ts): a Web Worker in a browser, a `worker_threads`
 * Worker in Node (e.g. in a bundle for Node); see BackendOptions.startWorker.
 */
export type StartWorker = () => KernelWorker | NodeKernelWorker;
