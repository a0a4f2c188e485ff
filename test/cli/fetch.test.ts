// `backprop datasets fetch mnist` against a local mirror on 127.0.0.1 (never the internet):
// checksums, resuming a cut-off download, refusing a corrupted one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { execFileSync, spawn } from 'node:child_process';
import { ROOT, tempDir, hasSharedData, sharedMissing, SHARED_DATA } from '../helpers/cli.js';

const FILES = ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'];

interface Mirror { url: string; ranges: string[]; close(): Promise<void> }

/** A mirror of the shared MNIST files; `cut` names a file whose first answer stops half-way, `corrupt` one served damaged. */
async function mirror(o: { cut?: string; corrupt?: string } = {}): Promise<Mirror> {
  const ranges: string[] = [];
  let cutDone = false;
  const server = http.createServer((req, res) => {
    const name = path.basename(req.url ?? '');
    if (!FILES.includes(name)) { res.writeHead(404).end(); return; }
    let body = readFileSync(path.join(SHARED_DATA, name));
    if (name === o.corrupt) { body = Buffer.from(body); body[body.length - 20] = body[body.length - 20]! ^ 0xff; }
    const range = req.headers.range;
    if (range) {
      ranges.push(`${name} ${range}`);
      const start = Number(/bytes=(\d+)-/.exec(range)![1]);
      res.writeHead(206, { 'Content-Length': body.length - start, 'Content-Range': `bytes ${start}-${body.length - 1}/${body.length}` });
      res.end(body.subarray(start));
      return;
    }
    res.writeHead(200, { 'Content-Length': body.length });
    if (name === o.cut && !cutDone) {
      cutDone = true;
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
      return;
    }
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, ranges, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

/** Run the CLI without blocking this process (the mirror runs in it). */
function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/backprop.js'), ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

test('fetch mnist from a mirror: checksums verified, files in place, a second run keeps them', { skip: !hasSharedData && sharedMissing }, async () => {
  const m = await mirror();
  const dir = tempDir();
  try {
    const r = await run(['datasets', 'fetch', 'mnist', '--dir', dir, '--base-url', m.url]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(readdirSync(path.join(dir, 'mnist')).sort(), [...FILES].sort());
    assert.match(r.stderr, /t10k-labels-idx1-ubyte\.gz: downloaded, checksum ok/);
    const again = await run(['datasets', 'fetch', 'mnist', '--dir', dir, '--base-url', m.url]);
    assert.equal(again.code, 0, again.stderr);
    assert.equal((again.stderr.match(/already there, checksum ok/g) ?? []).length, 4);
  } finally {
    await m.close();
  }
});

test('a cut-off download fails with one line and resumes where it stopped', { skip: !hasSharedData && sharedMissing }, async () => {
  const m = await mirror({ cut: 't10k-images-idx3-ubyte.gz' });
  const dir = tempDir();
  try {
    const first = await run(['datasets', 'fetch', 'mnist', '--dir', dir, '--base-url', m.url]);
    assert.equal(first.code, 1, first.stderr); // a network failure: a run-time failure, not bad input
    assert.match(first.stderr, /backprop: error: .*t10k-images-idx3-ubyte\.gz.*(cut off|checksum)/);
    const part = path.join(dir, 'mnist', 't10k-images-idx3-ubyte.gz.part');
    assert.ok(!existsSync(path.join(dir, 'mnist', 't10k-images-idx3-ubyte.gz')), 'no complete-looking file after a cut');
    assert.ok(existsSync(part) && statSync(part).size > 0, 'the partial download is kept for resuming');
    const second = await run(['datasets', 'fetch', 'mnist', '--dir', dir, '--base-url', m.url]);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, /resuming t10k-images-idx3-ubyte\.gz\.part at \d+ bytes/);
    assert.ok(m.ranges.some((r) => r.startsWith('t10k-images-idx3-ubyte.gz bytes=')));
    assert.ok(existsSync(path.join(dir, 'mnist', 't10k-images-idx3-ubyte.gz')));
  } finally {
    await m.close();
  }
});

test('a corrupted download is refused and nothing is installed', { skip: !hasSharedData && sharedMissing }, async () => {
  const m = await mirror({ corrupt: 'train-labels-idx1-ubyte.gz' });
  const dir = tempDir();
  try {
    const r = await run(['datasets', 'fetch', 'mnist', '--dir', dir, '--base-url', m.url]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /train-labels-idx1-ubyte\.gz: checksum mismatch/);
    const left = readdirSync(path.join(dir, 'mnist'));
    assert.ok(!left.includes('train-labels-idx1-ubyte.gz') && !left.includes('train-labels-idx1-ubyte.gz.part'), left.join(', '));
  } finally {
    await m.close();
  }
});

test('the download cache: a FIFO where a file goes is refused, not opened; a download over the size limit stops and installs nothing', { skip: !hasSharedData && sharedMissing }, async () => {
  const m = await mirror();
  const dir = tempDir();
  try {
    mkdirSync(path.join(dir, 'mnist'));
    execFileSync('mkfifo', [path.join(dir, 'mnist', 'train-images-idx3-ubyte.gz.part')]);
    const fifo = await run(['datasets', 'fetch', 'mnist', '--dir', dir, '--base-url', m.url]);
    assert.equal(fifo.code, 2, fifo.stderr);
    assert.match(fifo.stderr, /train-images-idx3-ubyte\.gz\.part: the download cache holds something that is not a regular file there \(a named pipe \(FIFO\)\)/);
    const small = tempDir();
    const big = await run(['datasets', 'fetch', 'mnist', '--dir', small, '--base-url', m.url], { BACKPROP_MAX_INPUT_BYTES: '1M' });
    assert.equal(big.code, 2, big.stderr);
    assert.match(big.stderr, /train-images-idx3-ubyte\.gz: more than the 1 MiB a download may be \(BACKPROP_MAX_INPUT_BYTES raises it\); the partial file was removed, nothing was installed/);
    // (the folder made for the download is removed with it: hostile35)
    assert.ok(!existsSync(path.join(small, 'mnist')), 'neither the file, nor a partial one, nor the folder made for them');
  } finally {
    await m.close();
  }
});
