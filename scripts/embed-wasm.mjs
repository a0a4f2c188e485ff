#!/usr/bin/env node
// After build:wasm: writes dist/src/kernels/wasm/embedded.js (and its .d.ts), the four kernel modules
// gzip'd and base64'd inside one ES module, for bundlers that do not follow
// `new URL('./gemm.wasm', import.meta.url)` (esbuild, Rollup): a bundle that imports it holds the kernels
// itself, so no .wasm file has to be copied beside it. Opt-in (`backprop/wasm/embedded.js`): nothing else
// imports it, so the Node install and other bundles carry it only as 90 kB of text on disk.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dir = fileURLToPath(new URL('../dist/src/kernels/wasm/', import.meta.url));
const packed = (name) => JSON.stringify(gzipSync(readFileSync(path.join(dir, name)), { level: 9 }).toString('base64'));

const js = `// Written by scripts/embed-wasm.mjs from the .wasm files beside it: the WebAssembly kernels inside a module,
// for bundlers that do not emit files named by new URL(..., import.meta.url) (esbuild, Rollup). Usage:
//   import { embeddedKernels } from 'backprop/wasm/embedded.js';
//   await initBackend('auto', await embeddedKernels());
const RELAXED = ${packed('gemm-relaxed.wasm')};
const PLAIN = ${packed('gemm.wasm')};
const RELAXED_SHARED = ${packed('gemm-relaxed-shared.wasm')};
const SHARED = ${packed('gemm-shared.wasm')};

/** The bytes of one gzip'd, base64'd kernel module (atob and DecompressionStream: Node >= 18, browsers, Bun, Deno). */
async function unpack(base64) {
  const gzipped = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const stream = new Blob([gzipped]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * The kernel modules' bytes as initBackend's options take them: \`wasm\` (single-threaded) and \`wasmShared\`
 * (worker threads), each the relaxed-SIMD build first and the plain SIMD one after it (the first that compiles).
 */
export async function embeddedKernels() {
  const [relaxed, plain, relaxedShared, shared] = await Promise.all([RELAXED, PLAIN, RELAXED_SHARED, SHARED].map(unpack));
  return { wasm: [relaxed, plain], wasmShared: [relaxedShared, shared] };
}
`;

const dts = `/** The kernel modules' bytes for initBackend: \`await initBackend('auto', await embeddedKernels())\` (no .wasm file needed beside a bundle). */
export declare function embeddedKernels(): Promise<{ wasm: Uint8Array[]; wasmShared: Uint8Array[] }>;
`;

writeFileSync(path.join(dir, 'embedded.js'), js);
writeFileSync(path.join(dir, 'embedded.d.ts'), dts);
