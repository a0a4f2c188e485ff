// Reading the user's CSV off the main thread: in a module worker (csv-worker.ts), or, where no worker
// can start (a page opened from file://, a Content-Security-Policy without worker-src), on the main
// thread after the "Reading …" state has painted. A newer read makes the older ones' results stale:
// the caller compares the id it got with the last one.

import type { CsvJob, CsvJobResult } from './csv-data.js';
import { notLoadedText } from './load-failure.js';

/** The worker, null once it could not start (the reads then run on the main thread), undefined before the first read. */
let worker: Worker | null | undefined;
const waiting = new Map<number, { job: CsvJob; resolve: (r: CsvJobResult) => void }>();
let lastId = 0;
/** Where the last read ran ('worker' or 'main thread'): the tests read it in data-csv-reader on the page's root. */
const ranIn = (where: string) => { document.documentElement.dataset.csvReader = where; };

/** On the main thread, after a frame has painted the page's "Reading …" state. */
function onMainThread(job: CsvJob, resolve: (r: CsvJobResult) => void): void {
  ranIn('main thread');
  // (the parser is loaded for it then: the page's own script does not carry it)
  // (a parser that cannot be loaded, offline: said, not 'Reading …' for good)
  const notLoaded = (): CsvJobResult => ({ id: job.id, ok: false, message: notLoadedText('the CSV reader') });
  requestAnimationFrame(() => setTimeout(() => { void import('./csv-data.js').then(({ readCsvJob }) => readCsvJob(job), notLoaded).then(resolve); }, 0));
}

/** The worker could not start or failed: its reads go to the main thread, and so do the next ones. */
function workerFailed(): void {
  worker?.terminate();
  worker = null;
  const jobs = [...waiting.values()];
  waiting.clear();
  for (const { job, resolve } of jobs) onMainThread(job, resolve);
}

function startWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./csv-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    worker = null; // (no Worker, or a policy that throws at once)
    return null;
  }
  worker.onmessage = (e: MessageEvent<CsvJobResult>) => {
    const w = waiting.get(e.data.id);
    if (!w) return;
    waiting.delete(e.data.id);
    w.resolve(e.data);
  };
  // a script that did not load (file://, a CSP, a 404) or a worker that crashed
  worker.onerror = (e) => { e.preventDefault(); workerFailed(); };
  worker.onmessageerror = () => workerFailed();
  return worker;
}

/** Read `file` for `problem`; the result's id is the read's: results of reads older than the last one are for the caller to drop. */
export function readCsv(file: Blob, name: string, problem: CsvJob['problem']): { id: number; result: Promise<CsvJobResult> } {
  const job: CsvJob = { id: ++lastId, file, name, problem };
  const result = new Promise<CsvJobResult>((resolve) => {
    const w = typeof Worker === 'undefined' ? null : startWorker();
    if (!w) { onMainThread(job, resolve); return; }
    ranIn('worker');
    waiting.set(job.id, { job, resolve });
    w.postMessage(job);
  });
  return { id: job.id, result };
}

/** The id of the last read asked for. */
export const lastCsvRead = () => lastId;
