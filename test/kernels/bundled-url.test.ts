// webpack, bundling backprop for Node (Next.js's server build), turns new URL('./gemm.wasm', import.meta.url)
// into its RelativeURL: an object on URL.prototype holding the public path ('/_next/static/media/gemm.1a2b.wasm'),
// with no scheme. Before, the kernels fetched it, and Next.js's fetch, prerendering a page at build time,
// never answered (the build stopped after three 60 s attempts); now it is refused at once, in words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileGemm } from '../../src/kernels/wasm/index.js';

/** webpack 5's __webpack_require__.U (RelativeURL), as its runtime defines it. */
function RelativeURL(this: Record<string, unknown>, url: string): void {
  const real = new URL(url, 'x:/');
  const values: Record<string, unknown> = {};
  for (const key in real) values[key] = real[key as keyof URL];
  values.href = url;
  values.pathname = url.replace(/[?#].*/, '');
  values.origin = values.protocol = '';
  values.toString = values.toJSON = () => url;
  for (const key in values) Object.defineProperty(this, key, { enumerable: true, configurable: true, value: values[key] });
}
RelativeURL.prototype = URL.prototype;

test("a bundler's scheme-less URL of the kernel file is refused in Node at once, naming it, without a fetch (Next.js's never answered)", async () => {
  const url = new (RelativeURL as unknown as new (u: string) => URL)('/_next/static/media/gemm.c715f6de.wasm');
  assert.ok(url instanceof URL);
  const realFetch = globalThis.fetch;
  let fetched = 0;
  globalThis.fetch = (() => { fetched++; return new Promise<never>(() => undefined); }) as typeof fetch;
  try {
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('compileGemm did not settle within 5 s')), 5000).unref());
    await assert.rejects(Promise.race([compileGemm(url), timeout]),
      /^Error: cannot fetch \/_next\/static\/media\/gemm\.c715f6de\.wasm in Node: it is a bundler's public path, not a file or an absolute URL; keep backprop out of the server bundle \(Next\.js: serverExternalPackages: \['backprop'\]\)$/);
    assert.equal(fetched, 0);
  } finally {
    globalThis.fetch = realFetch;
  }
});
