// Shared set-up of the page tests in Chromium (Debian's /usr/bin/chromium, driven by playwright-core):
// the static server, the browser and the helpers that wait for the page's state.

import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { serveStatic, WEB_ROOT, type StaticServer } from '../../src/cli/commands/playground.js';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url)); // dist/test/web -> the repository
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const skipBrowser = !existsSync(CHROMIUM) && !process.env.CI
  ? `no Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH to run the page tests`
  : false;

export interface PageSession { server: StaticServer; browser: Browser; context: BrowserContext; page: Page; errors: string[]; close(): Promise<void> }

export async function openPage(): Promise<PageSession> {
  if (!existsSync(path.join(WEB_ROOT, 'index.html'))) {
    throw new Error(`the playground is not built (${WEB_ROOT}index.html is missing): run \`npm run build:web\` before these tests`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const server = await serveStatic({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return { server, browser, context, page, errors, close: async () => { await browser.close(); await server.close(); } };
}

export const epochOf = async (p: Page) => Number(await p.getAttribute('#epoch', 'data-epoch'));

/**
 * The epoch shown once training has paused and its last frames are painted: a frame the worker sent
 * before it read the pause may still arrive after the button says Play (and be painted together with
 * the next step's, so the count would skip the step's own number). Waits until the count is unchanged
 * for half a second.
 */
export async function settledEpoch(p: Page): Promise<number> {
  await p.waitForFunction(() => document.getElementById('play')!.getAttribute('aria-label') === 'Play');
  await p.waitForFunction(() => {
    const w = window as unknown as { lastEpoch?: string; since?: number };
    const e = document.getElementById('epoch')!.dataset.epoch;
    if (e !== w.lastEpoch) { w.lastEpoch = e; w.since = performance.now(); }
    return performance.now() - w.since! >= 500;
  }, undefined, { polling: 100 });
  return epochOf(p);
}
export const lossOf = async (p: Page, id: 'trainLoss' | 'testLoss' | 'penalty') => Number(await p.getAttribute(`#${id}`, 'data-value'));

/**
 * Wait until the page has painted a frame for a fresh network (epoch 0, a finite loss) and its sweep
 * panel has loaded (a script of its own, loaded after the start: its form is empty until then).
 */
export async function waitForFreshNetwork(p: Page, timeout = 20_000): Promise<void> {
  await p.waitForFunction(() => {
    const e = document.getElementById('epoch')!;
    const l = document.getElementById('trainLoss')!;
    return e.dataset.epoch === '0' && Number.isFinite(Number(l.dataset.value)) && l.dataset.value !== '' &&
      !document.getElementById('sweepPanel')!.hasAttribute('aria-busy');
  }, undefined, { timeout });
}

/**
 * Open the weight editor of the first hidden unit and wait until it shows. A network redrawn just after a
 * change of seed (waitForFreshNetwork holds already at epoch 0 of the network before it) closes an editor
 * opened a moment before: it is opened again, up to three times.
 */
export async function openWeightEditor(p: Page): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await p.locator('.node.hidden').first().click();
    try {
      await p.locator('#editor input').first().waitFor({ state: 'visible', timeout: 3000 });
      await p.waitForTimeout(200);
      if (await p.locator('#editor input').first().isVisible()) return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
    if (attempt === 3) throw new Error('the weight editor closed again after it opened, three times');
  }
}

/** Open the sweep panel of a freshly loaded page and wait until it is ready. */
export async function openSweepPanel(p: Page): Promise<void> {
  await p.click('#sweepPanel');
  await p.waitForFunction(() => !document.getElementById('sweepPanel')!.hasAttribute('aria-busy'));
}

/** Run a sweep of `param` over `values` (and `epochs` per cell, when given) and return the sweep's status text. */
export async function sweepStatus(p: Page, param: string, values: string, epochs?: string): Promise<string> {
  await p.selectOption('#sweepX', param);
  await p.fill('#sweepXValues', values);
  if (epochs !== undefined) await p.fill('#sweepEpochs', epochs);
  await p.evaluate(() => { document.getElementById('sweepStatus')!.textContent = ''; });
  await p.click('#sweepRun');
  await p.waitForFunction(() => (document.getElementById('sweepStatus')!.textContent ?? '') !== '');
  return (await p.textContent('#sweepStatus')) ?? '';
}

/** Step n epochs with the Step button, waiting for each frame. */
export async function stepEpochs(p: Page, n: number): Promise<void> {
  const start = await epochOf(p);
  for (let i = 1; i <= n; i++) {
    await p.click('#step');
    await p.waitForFunction((e) => document.getElementById('epoch')!.dataset.epoch === String(e), start + i, { timeout: 20_000 });
  }
}

/** Pixels of a canvas as RGBA bytes, with its size. */
export function canvasPixels(p: Page, selector: string): Promise<{ w: number; h: number; data: number[] }> {
  return p.$eval(selector, (c) => {
    const canvas = c as HTMLCanvasElement;
    const img = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    return { w: img.width, h: img.height, data: Array.from(img.data) };
  });
}

/** Frames per second of the page's main thread over `ms` milliseconds. */
export function framesPerSecond(p: Page, ms = 2000): Promise<number> {
  return p.evaluate((span) => new Promise<number>((resolve) => {
    let frames = 0;
    const t0 = performance.now();
    const tick = () => {
      frames++;
      if (performance.now() - t0 < span) requestAnimationFrame(tick);
      else resolve((frames * 1000) / (performance.now() - t0));
    };
    requestAnimationFrame(tick);
  }), ms);
}

/**
 * Before the page's scripts run: hold the answers of the worker whose URL contains `name` while
 * window[hold] is true, queued in window[held] (functions that deliver them), so that a test decides
 * when they arrive.
 */
export async function holdWorkerAnswers(p: Page, name: string, hold: string, held: string): Promise<void> {
  await p.addInitScript(({ name, hold, held }) => {
    const w = window as unknown as Record<string, unknown>;
    w[hold] = false;
    w[held] = [];
    const Real = window.Worker;
    window.Worker = class extends Real {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        if (!String(url).includes(name)) return;
        let handler: ((e: MessageEvent) => void) | null = null;
        Object.defineProperty(this, 'onmessage', { get: () => handler, set: (h) => { handler = h; } });
        this.addEventListener('message', (e) => {
          const deliver = () => handler?.call(this, e);
          if (w[hold]) (w[held] as (() => void)[]).push(deliver); else deliver();
        });
      }
    };
  }, { name, hold, held });
}

/** Open `url`, train `epochs` epochs, leave for another page and come Back: until the page shows that epoch again. */
export async function backAfterEpochs(p: Page, url: string, epochs: number): Promise<void> {
  await p.goto(url);
  await waitForFreshNetwork(p);
  await stepEpochs(p, epochs);
  await p.goto('about:blank');
  await p.goBack();
  await p.waitForFunction((n) => document.getElementById('epoch')!.dataset.epoch === String(n), epochs, { timeout: 20_000 });
}

/** The roles of the page's groups, regions and landmarks. */
export const AREA_ROLES = ['group', 'region', 'banner', 'main', 'contentinfo', 'navigation', 'complementary', 'form', 'search', 'tablist', 'toolbar', 'radiogroup', 'dialog'];

/**
 * Every node of the given roles in Chromium's accessibility tree (not ignored), as `role 'name'`:
 * the names a screen reader reads, with the CSS that changes them (text-transform) applied, which
 * Playwright's ariaSnapshot (computed from the DOM) does not show.
 */
export async function namedAreas(page: Page, roles: readonly string[] = AREA_ROLES): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree') as { nodes: { ignored: boolean; role?: { value: string }; name?: { value: string } }[] };
    return nodes.filter((n) => !n.ignored && roles.includes(n.role?.value ?? '')).map((n) => `${n.role!.value} '${n.name?.value ?? ''}'`);
  } finally {
    await cdp.detach();
  }
}

/** A complete event of a Chromium trace (ph 'X'): its name, duration and thread time (µs), and its arguments. */
export interface TraceEvent { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; args?: { data?: Record<string, unknown>; beginData?: Record<string, unknown> & { stackTrace?: { functionName: string; url: string }[] } } }

/**
 * Chromium's timeline trace of what `run` makes the page do: the events of the page's main thread
 * (style, layout, paint, scripts). A Layout or UpdateLayoutTree event with a stack trace was forced by
 * a script (it read a size after a write) inside that script's task.
 */
export async function traceMainThread(browser: Browser, page: Page, run: () => Promise<void>): Promise<TraceEvent[]> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `trace-${process.pid}.json`);
  await browser.startTracing(page, { path: file, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.stack'] });
  try { await run(); } finally { await browser.stopTracing(); }
  const events = (JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: (TraceEvent & { args?: { name?: string } })[] }).traceEvents;
  rmSync(file, { force: true });
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  return events.filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`));
}

/** The layouts a script forced (its stack: the functions, innermost first), in a trace of traceMainThread. */
export const forcedLayouts = (events: readonly TraceEvent[]) => events.filter((e) => e.name === 'Layout' && e.args?.beginData?.stackTrace)
  .map((e) => ({ ms: (e.tdur ?? e.dur ?? 0) / 1000, objects: Number(e.args!.beginData!.dirtyObjects), stack: e.args!.beginData!.stackTrace!.map((f) => f.functionName) }));

/** Thread time (ms) of the main thread's style, layout and paint in a trace of traceMainThread. */
export function renderingTime(events: readonly TraceEvent[]): { style: number; layout: number; paint: number } {
  const sum = (names: string[]) => Math.round(events.filter((e) => names.includes(e.name)).reduce((a, e) => a + (e.tdur ?? e.dur ?? 0), 0) / 1000);
  return { style: sum(['UpdateLayoutTree']), layout: sum(['Layout']), paint: sum(['Paint', 'PrePaint', 'Layerize']) };
}
