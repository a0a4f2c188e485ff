// The CSV worker: reads the user's file (its bytes as text, then the points) off the page's main
// thread, where a 20,000-row file took about 300 ms and the page froze. The page falls back to
// reading on its main thread when this worker cannot start (a page from file://, a CSP without workers).

import { readCsvJob, type CsvJob } from './csv-data.js';

self.onmessage = async (e: MessageEvent<CsvJob>) => {
  const result = await readCsvJob(e.data);
  // the points' arrays are moved, not copied
  const moved = result.ok ? [result.read.points.x1.buffer, result.read.points.x2.buffer, result.read.points.y.buffer] : [];
  (self as unknown as Worker).postMessage(result, moved as ArrayBuffer[]);
};
