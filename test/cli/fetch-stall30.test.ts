// A mirror that stops sending: `datasets fetch` (and fetchDataset) gave up only after undici's own 300 s
// of silence. Now --timeout / { timeout } seconds without a byte end it with one line: no answer at all
// (exit 1), or a body cut off, whose part is kept so that the next run resumes it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import { ROOT, tempDir } from '../helpers/cli.js';
import { fetchDataset } from '../../src/data/fetch.js';

/** A server on loopback that answers nothing ('silent') or sends the headers and 1000 bytes, then nothing ('stall'). */
async function stallingServer(kind: 'silent' | 'stall'): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    if (kind === 'stall') { res.writeHead(200, { 'Content-Length': 1_000_000 }); res.write(Buffer.alloc(1000, 7)); }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/backprop.js'), ...args], { cwd: ROOT });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

test('a mirror that never answers: datasets fetch --timeout 0.5 ends in one line, exit 1', async () => {
  const s = await stallingServer('silent');
  try {
    const r = await run(['datasets', 'fetch', 'mnist', '--dir', tempDir(), '--base-url', s.url, '--timeout', '0.5']);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr.trim().split('\n').at(-1), `backprop: error: cannot download ${s.url}train-images-idx3-ubyte.gz: no answer in 0.5 s`);
  } finally { await s.close(); }
});

test('a mirror that stops half-way: the library says the download was cut off and keeps the part to resume', async () => {
  const s = await stallingServer('stall');
  const dir = tempDir();
  try {
    await assert.rejects(fetchDataset('mnist', { dir, baseUrl: s.url, timeout: 0.5 }), { name: 'NetworkError', message: `download of ${s.url}train-images-idx3-ubyte.gz was cut off (no data for 0.5 s); run the command again to resume` });
    const part = path.join(dir, 'mnist', 'train-images-idx3-ubyte.gz.part');
    assert.ok(existsSync(part) && statSync(part).size === 1000, 'the 1000 bytes received are kept');
  } finally { await s.close(); }
});

test('--timeout must be a number of seconds in (0, 3600]; the library says the same of { timeout }', async () => {
  for (const bad of ['0', '-1', 'soon', '7200']) {
    const r = await run(['datasets', 'fetch', 'mnist', '--dir', tempDir(), '--timeout', bad]);
    assert.equal(r.code, 2, `${bad}: ${r.stderr}`);
    assert.match(r.stderr, /^backprop: error: --timeout must be (a positive number|a number|<= 3600), got/, bad);
  }
  await assert.rejects(fetchDataset('mnist', { dir: tempDir(), timeout: 0 }), { name: 'OptionError', message: /^timeout must be a number of seconds in \(0, 3600\]/ });
});
