// Downloading a public dataset into a cache folder: each file is written to FILE.part (resumed
// with an HTTP Range request when a partial download is there), checked against a published MD5
// of its decompressed content, and only then renamed into place. A bad or cut-off download never
// leaves a file that looks complete.

import { createHash } from 'node:crypto';
import { createWriteStream, lstatSync, promises as fs, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { gunzipSync } from 'node:zlib';
import { DataError, NetworkError, OptionError, OutputError } from '../errors.js';
import { formatBytes, maxInputBytes, MAX_INPUT_ENV, readFileBounded } from './files.js';
import { kindOfEntry, writeIntoFolder } from '../io/write-file.js';
import { showPath } from '../io/path-text.js';
import { kindOf } from '../util/kind-of.js';
import { givenText } from '../util/bounds.js';
import { envVar } from '../util/env.js';

export interface RemoteFile {
  name: string;
  /** MD5 of the decompressed content (robust to gzip header differences between mirrors). */
  md5: string;
}

export interface RemoteDataset {
  name: string;
  description: string;
  baseUrl: string;
  files: RemoteFile[];
}

export const REMOTE_DATASETS: Record<string, RemoteDataset> = {
  mnist: {
    name: 'mnist',
    description: 'MNIST handwritten digits (LeCun, Cortes, Burges): 60,000 training and 10,000 test images, IDX format',
    baseUrl: 'https://ossci-datasets.s3.amazonaws.com/mnist/',
    files: [
      { name: 'train-images-idx3-ubyte.gz', md5: '6bbc9ace898e44ae57da46a324031adb' },
      { name: 'train-labels-idx1-ubyte.gz', md5: 'a25bea736e30d166cdddb491f175f624' },
      { name: 't10k-images-idx3-ubyte.gz', md5: '2646ac647ad5339dbf082846283269ea' },
      { name: 't10k-labels-idx1-ubyte.gz', md5: '27ae3e4e09519cfbb04c329615203637' },
    ],
  },
};

/** Where `fetchDataset` keeps its downloads: $XDG_CACHE_HOME/backprop, else ~/.cache/backprop. */
export function defaultCacheDir(): string {
  const base = envVar('XDG_CACHE_HOME') || path.join(os.homedir(), '.cache');
  return path.join(base, 'backprop');
}

/** MD5 of a cached file's content (decompressed for .gz, within the input size limit). */
function md5OfContent(file: string, name: string): string {
  const bytes = readFileBounded(file);
  const content = name.endsWith('.gz') ? gunzipSync(bytes, { maxOutputLength: maxInputBytes() }) : bytes;
  return createHash('md5').update(content).digest('hex');
}

/** A cache entry that exists must be a regular file: a FIFO would hang the download, a device would be written through. */
function checkCacheEntry(file: string): boolean {
  let st: Stats;
  try {
    st = lstatSync(file);
  } catch {
    return false;
  }
  if (!st.isFile()) throw new OutputError(`${showPath(file)}: the download cache holds something that is not a regular file there (${kindOfEntry(st)}); remove it and run the command again`);
  return true;
}

const NETWORK_CAUSES: Record<string, string> = {
  ENOTFOUND: 'no such host', EAI_AGAIN: 'the host name could not be looked up (no network or DNS?)', ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset', ETIMEDOUT: 'timed out', EHOSTUNREACH: 'host unreachable', ENETUNREACH: 'network unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'timed out connecting', UND_ERR_HEADERS_TIMEOUT: 'timed out waiting for an answer', UND_ERR_BODY_TIMEOUT: 'timed out during the download',
  UND_ERR_SOCKET: 'the connection closed',
};

/** Why fetch failed, in words and with the system's own (fetch says only 'fetch failed'; the cause is in e.cause). */
function networkCause(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (e as { code?: string }).code;
  const detail = cause?.message ?? (e as Error).message;
  const words = code !== undefined ? NETWORK_CAUSES[code] : undefined;
  return words ? `${words} (${detail})` : detail;
}

/** Most seconds a download waits for the server's answer or its next bytes (fetch's own limit is 300 s of silence). */
export const DEFAULT_FETCH_TIMEOUT = 30;

/** A timer that aborts when it is not re-armed within `seconds`: a server that stops sending, named instead of waited on. */
function stallWatch(seconds: number): { signal: AbortSignal; arm(): void; stop(): void; stalled(): boolean } {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => { clearTimeout(timer); timer = setTimeout(() => controller.abort(), seconds * 1000); };
  arm();
  return { signal: controller.signal, arm, stop: () => clearTimeout(timer), stalled: () => controller.signal.aborted };
}

async function download(url: string, part: string, log: (s: string) => void, timeout: number): Promise<void> {
  const have = checkCacheEntry(part) ? statSync(part).size : 0;
  const watch = stallWatch(timeout);
  const silence = `no data for ${timeout} s`;
  let res: Response;
  // a failed download is a run-time failure (exit 1), not bad input: it was a DataError (exit 2)
  try {
    res = await fetch(url, { headers: have > 0 ? { Range: `bytes=${have}-` } : {}, signal: watch.signal });
  } catch (e) {
    watch.stop();
    throw new NetworkError(`cannot download ${url}: ${watch.stalled() ? `no answer in ${timeout} s` : networkCause(e)}`);
  }
  try {
    await receive(res, url, part, have, log, watch.arm);
  } catch (e) {
    if (watch.stalled() && e instanceof NetworkError) throw new NetworkError(`download of ${url} was cut off (${silence}); run the command again to resume`);
    throw e;
  } finally {
    watch.stop();
  }
}

/** Write the answer's body into `part` (appended when the server resumes at `have`), calling `progress` at each chunk. */
async function receive(res: Response, url: string, part: string, have: number, log: (s: string) => void, progress: () => void): Promise<void> {
  if (!res.ok || !res.body) throw new NetworkError(`cannot download ${url}: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
  const append = have > 0 && res.status === 206;
  if (have > 0) log(append ? `  resuming ${path.basename(part)} at ${have} bytes` : `  the server does not resume; restarting ${path.basename(part)}`);
  const out = createWriteStream(part, { flags: append ? 'a' : 'w' });
  const limit = maxInputBytes();
  let total = append ? have : 0;
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      progress();
      total += chunk.length;
      if (total > limit) throw new RangeError(`more than the ${formatBytes(limit)} a download may be (${MAX_INPUT_ENV} raises it)`);
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
  } catch (e) {
    await new Promise<void>((r) => out.end(r));
    if (!(e instanceof RangeError)) throw new NetworkError(`download of ${url} was cut off (${networkCause(e)}); run the command again to resume`);
    await fs.rm(part, { force: true });
    throw new DataError(`download of ${url}: ${e.message}; the partial file was removed, nothing was installed`);
  }
  await new Promise<void>((r) => out.end(r));
}

/** A mirror to download from: an http(s) URL, checked before anything is made or downloaded (even when every file is cached). */
function checkBaseUrl(baseUrl: unknown): void {
  const shown = typeof baseUrl === 'string' ? `'${baseUrl}'` : kindOf(baseUrl);
  let url: URL | undefined;
  try {
    url = typeof baseUrl === 'string' ? new URL(baseUrl) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search !== '' || url.hash !== '') {
    throw new OptionError(`baseUrl must be an http:// or https:// URL of a folder holding the dataset's files, got ${shown}`, 'baseUrl');
  }
}

/** Fetch every file of a dataset into dir; files already there and valid are kept. Returns the folder. */
export async function fetchDataset(name: string, options: { dir?: string; baseUrl?: string; log?: (s: string) => void; timeout?: number } = {}): Promise<string> {
  const ds = REMOTE_DATASETS[name];
  if (!ds) throw new OptionError(`unknown dataset to fetch '${name}'; available: ${Object.keys(REMOTE_DATASETS).join(', ')}`);
  if (options.baseUrl !== undefined) checkBaseUrl(options.baseUrl);
  const timeout = options.timeout ?? DEFAULT_FETCH_TIMEOUT;
  if (!(typeof timeout === 'number' && timeout > 0 && timeout <= 3600)) throw new OptionError(`timeout must be a number of seconds in (0, 3600] (the longest wait for the server's next bytes), got ${givenText(timeout)}`, 'timeout');
  const log = options.log ?? (() => {});
  const dir = path.join(options.dir ?? defaultCacheDir(), ds.name);
  // a download that fails before any file is in place leaves no new empty folder behind
  await writeIntoFolder(dir, async () => {
    const base = (options.baseUrl ?? ds.baseUrl).replace(/\/?$/, '/');
    for (const f of ds.files) {
      const target = path.join(dir, f.name);
      if (checkCacheEntry(target) && md5OfContent(target, f.name) === f.md5) {
        log(`  ${f.name}: already there, checksum ok`);
        continue;
      }
      const part = target + '.part';
      await download(base + f.name, part, log, timeout);
      let sum: string;
      try {
        sum = md5OfContent(part, f.name);
      } catch {
        sum = 'unreadable (not gzip data)';
      }
      if (sum !== f.md5) {
        await fs.rm(part, { force: true });
        throw new DataError(`${f.name}: checksum mismatch (got ${sum}, expected ${f.md5}); the partial file was removed, nothing was installed`);
      }
      await fs.rename(part, target);
      log(`  ${f.name}: downloaded, checksum ok`);
    }
  });
  return dir;
}
