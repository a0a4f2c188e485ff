// `backprop playground`: serve the built playground page (dist/web, made by `npm run build:web`)
// with a small static file server on 127.0.0.1, print its URL and open a browser.

import http from 'node:http';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { OptionError } from '../../errors.js';
import { releaseWarnings } from '../errors.js';
import { onStopSignal } from '../interrupt.js';
import { parseIntOption } from '../options.js';

/** dist/web, next to dist/src where this file is compiled to (dist/src/cli/commands/). */
export const WEB_ROOT = fileURLToPath(new URL('../../../web/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

export interface StaticServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serve the files under `root` (GET and HEAD only, no directory listings, nothing outside root). */
export async function serveStatic(options: { root?: string; port?: number; host?: string } = {}): Promise<StaticServer> {
  const root = path.resolve(options.root ?? WEB_ROOT);
  const host = options.host ?? '127.0.0.1';
  try {
    await fs.access(path.join(root, 'index.html'));
  } catch {
    throw new OptionError(`the playground is not built (no ${path.join(root, 'index.html')}); run \`npm run build:web\` first`);
  }
  const server = http.createServer((req, res) => {
    void handle(root, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(listenError(e, host, options.port)));
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/`,
    port,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

async function handle(root: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  let rel: string;
  try {
    rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  } catch {
    res.writeHead(400).end('bad request');
    return;
  }
  if (rel.endsWith('/')) rel += 'index.html';
  const file = path.resolve(root, '.' + rel);
  if (file !== root && !file.startsWith(root + path.sep)) {
    res.writeHead(403).end('forbidden');
    return;
  }
  try {
    const body = await fs.readFile(file);
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': body.length,
      // hashed assets never change; the page itself is always revalidated
      'cache-control': rel.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
      // cross-origin isolation: SharedArrayBuffer, so the threaded WebAssembly kernels run in the page
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${rel}\n`);
  }
}

function openBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => console.log('(could not open a browser; open the URL above yourself)'));
    child.unref();
  } catch {
    console.log('(could not open a browser; open the URL above yourself)');
  }
}

/** Why the server could not listen, as a usage error naming --host or --port (a bad host name was a system message, exit 1). */
function listenError(e: NodeJS.ErrnoException, host: string, port: number | undefined): Error {
  switch (e.code) {
    case 'EADDRINUSE': return new OptionError(`--port ${port}: that port is in use; choose another or use --port 0 for any free port`);
    case 'EACCES': return new OptionError(`--port ${port}: no permission to listen on it (ports below 1024 need root); choose another or use --port 0`);
    case 'ENOTFOUND': case 'EAI_AGAIN': case 'EAI_FAIL': case 'EAI_NONAME':
      return new OptionError(`--host ${host}: no such host name (${e.code}); give an address of this machine, e.g. 127.0.0.1`);
    case 'EADDRNOTAVAIL': return new OptionError(`--host ${host}: not an address of this machine; give one of its addresses, e.g. 127.0.0.1 or 0.0.0.0`);
    default: return e;
  }
}

export function register(program: Command): void {
  program
    .command('playground')
    .description('serve the playground web page (train networks in your browser; in a clone of the repository, build it first with `npm run build:web`)')
    .option('--port <n>', 'port to listen on (0 = any free port)', '8080')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--no-open', 'do not open a browser')
    .action(async (opts) => {
      const port = parseIntOption(opts.port, '--port', 0);
      if (port > 65535) throw new OptionError(`--port must be <= 65535, got '${opts.port}'`);
      const server = await serveStatic({ port, host: opts.host });
      console.log(`backprop playground: serving ${WEB_ROOT} at ${server.url}`);
      console.log('press Ctrl+C to stop');
      releaseWarnings(); // the server runs until stopped
      if (opts.open) openBrowser(server.url);
      await new Promise<void>((resolve) => {
        // (the command line's stop rule: a second signal ends the process at once)
        onStopSignal(() => { void server.close().then(resolve); });
      });
    });
}
