// The kernel speed check panel: runs speed-worker.ts on demand and fills the table.

import { workerFailedText } from './load-failure.js';
import type { SpeedRequest, SpeedResult } from './protocol.js';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

function note(text: string, error = false): void {
  const el = $('speedNote');
  el.textContent = text;
  el.classList.toggle('error', error);
}

function fillTable({ rows, size }: SpeedResult): void {
  const js = rows.find((r) => r.backend === 'js')?.gflops ?? NaN;
  const body = $('speedTable').querySelector('tbody')!;
  body.textContent = '';
  for (const r of rows) {
    const tr = body.insertRow();
    tr.dataset.backend = r.backend;
    const name = r.threads && r.threads > 1 ? `${r.backend} (${r.threads} threads)` : r.backend;
    const ok = Number.isFinite(r.gflops);
    for (const text of [name, ok ? r.gflops.toFixed(2) : '—', ok ? `${(r.gflops / js).toFixed(1)}x` : '—', ok ? r.maxDiff.toExponential(1) : (r.note ?? '')]) {
      tr.insertCell().textContent = text;
    }
  }
  $('speedTable').hidden = false;
  note(`${size} x ${size} x ${size} float32 product, best of 5 runs (js: 1 run).`);
}

export function measureSpeed(): void {
  const button = $<HTMLButtonElement>('measureSpeed');
  button.disabled = true;
  note('Measuring…');
  const w = new Worker(new URL('./speed-worker.ts', import.meta.url), { type: 'module' });
  const done = () => { w.terminate(); button.disabled = false; };
  w.onerror = (e) => { note(workerFailedText('The speed check', e), true); done(); };
  w.onmessage = (e: MessageEvent<SpeedResult>) => {
    done();
    if (e.data.error) note(`The speed check failed: ${e.data.error}`, true);
    else fillTable(e.data);
  };
  w.postMessage({ size: 384 } satisfies SpeedRequest);
}
