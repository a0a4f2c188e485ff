// The sweep panel: the form (one or two settings with their values, epochs, seeds, metric), a pool
// of sweep workers that train the cells, and the result: a heat map (two settings) or a line with
// its spread over the seeds (one setting) of the test loss or accuracy. Each cell is a button that
// loads its settings into the page.

import { workerFailedText } from './load-failure.js';
import type { Points } from './data.js';
import { formatLoss } from './format.js';
import type { SweepJob, SweepResult } from './protocol.js';
import { cellSettings, describeCell, parseValues, PARAM_LABELS, sweepCells, sweepFromQuery, sweepToQuery, type SweepCell, type SweepDef, type SweepParam } from './sweep.js';
import { MAX_LAYERS, type Settings } from './settings.js';
import { putBack, typedText, typedWholeNumber } from './typed-number.js';

/** (for the page's link, which loads this module when the sweep is first needed) */
export { sweepToQuery } from './sweep.js';

export type SweepState = 'idle' | 'running' | 'paused' | 'done';

export interface SweepHost {
  /** The page's settings and, for a CSV, its points: what each cell starts from. */
  context(): { settings: Settings; csv?: Points };
  /** Load a cell's settings and train them for `epochs` epochs in the page. */
  load(settings: Settings, epochs: number, note: string): void;
  /** The sweep started, paused, resumed or finished; def: the sweep for the URL. */
  changed(state: SweepState, def: SweepDef | undefined): void;
}

interface CellResult { cell: SweepCell; runs: SweepResult[] }

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const SVG = 'http://www.w3.org/2000/svg';

/** The values a setting's box is filled with when the setting is chosen. */
const SUGGESTED_VALUES: Record<string, string> = {
  lr: '0.003, 0.01, 0.03, 0.1, 0.3', batch: '1, 5, 10, 30', regRate: '0, 0.001, 0.01, 0.1', noise: '0, 10, 20, 30', layers: '0..4', u: '1..8',
};

export class SweepPanel {
  state: SweepState = 'idle';
  private def: SweepDef | undefined;
  private base: Settings | undefined;
  private csv: Points | undefined;
  private results: CellResult[] = [];
  private queue: { id: number; cell: number; seed: number }[] = [];
  private workers: Worker[] = [];
  /** Workers the sweep trains on (they end with it: the message of a finished sweep still names them). */
  private workersUsed = 0;
  private busy = 0;
  private started = 0;
  private seconds = 0;

  constructor(private readonly host: SweepHost) {
    this.fillSettings(MAX_LAYERS);
    $<HTMLSelectElement>('sweepX').value = 'lr';
    this.suggest('sweepX');
    // a setting chosen gets values to start from, unless the user typed some (a second setting's box was left empty)
    for (const id of ['sweepX', 'sweepY']) {
      $(id).addEventListener('change', () => {
        const input = $<HTMLInputElement>(`${id}Values`);
        if (input.value.trim() === '' || input.value === this.suggested.get(id)) this.suggest(id);
      });
    }
    $('sweepRun').addEventListener('click', () => this.run());
    $('sweepStop').addEventListener('click', () => this.stop('Stopped.'));
  }

  /** Hidden layers of the page's network: the units of layers 1 to this can be swept. */
  private layers = -1;

  /** The settings a sweep can vary, with the units of the network's own hidden layers only (and of every layer, when it has one). */
  private fillSettings(layers: number): void {
    this.layers = layers;
    for (const id of ['sweepX', 'sweepY']) {
      const sel = $<HTMLSelectElement>(id);
      sel.textContent = '';
      if (id === 'sweepY') sel.append(new Option('none', ''));
      for (const [p, label] of Object.entries(PARAM_LABELS)) {
        const k = p === 'u' ? 1 : /^u\d+$/.test(p) ? Number(p.slice(1)) : 0;
        if (k <= layers) sel.append(new Option(label, p));
      }
    }
  }

  /**
   * The network now has `layers` hidden layers: the settings list only their units. A chosen setting
   * that went (units in layer 3 of a network cut to 2 layers) gives way to the learning rate (or to
   * none, for the second), with a note.
   */
  setLayers(layers: number): void {
    if (layers === this.layers) return;
    const chosen = ['sweepX', 'sweepY'].map((id) => $<HTMLSelectElement>(id).value);
    this.fillSettings(layers);
    const gone: string[] = [];
    ['sweepX', 'sweepY'].forEach((id, i) => {
      const sel = $<HTMLSelectElement>(id);
      sel.value = chosen[i]!;
      if (sel.value === chosen[i]) return;
      gone.push(PARAM_LABELS[chosen[i]!]!.toLowerCase());
      sel.value = id === 'sweepX' ? (chosen[1] === 'lr' ? 'batch' : 'lr') : '';
      this.suggest(id);
    });
    if (gone.length > 0) this.say(`The network has ${layers} hidden layer${layers === 1 ? '' : 's'} now: the sweep no longer varies ${gone.join(' or ')}.`);
  }

  /** The values filled in for the setting of select `id` (its box's text, until the user edits it). */
  private suggested = new Map<string, string>();

  private suggest(id: string): void {
    const param = $<HTMLSelectElement>(id).value;
    const text = param === '' ? '' : SUGGESTED_VALUES[param] ?? SUGGESTED_VALUES.u!;
    $<HTMLInputElement>(`${id}Values`).value = text;
    this.suggested.set(id, text);
  }

  /** A sweep that has begun and not finished: the Play button pauses and resumes it. */
  get active(): boolean { return this.state === 'running' || this.state === 'paused'; }

  /** Fill the form from the URL's sweep parameter (a bad one is reported, not applied). */
  restore(query: string): void {
    const text = new URLSearchParams(query).get('sweep');
    if (!text) return;
    try {
      const def = sweepFromQuery(text);
      this.fillForm(def);
      this.say(`The link holds a sweep of ${def.axes.map((a) => PARAM_LABELS[a.param]!.toLowerCase()).join(' x ')}: press Run sweep.`);
    } catch (e) {
      this.say(`The link's sweep is not usable: ${(e as Error).message}`, true);
    }
  }

  private fillForm(def: SweepDef): void {
    const [x, y] = def.axes;
    $<HTMLSelectElement>('sweepX').value = x!.param;
    $<HTMLInputElement>('sweepXValues').value = x!.text;
    $<HTMLSelectElement>('sweepY').value = y?.param ?? '';
    $<HTMLInputElement>('sweepYValues').value = y?.text ?? '';
    $<HTMLInputElement>('sweepEpochs').value = String(def.epochs);
    $<HTMLInputElement>('sweepSeeds').value = String(def.seeds);
    $<HTMLInputElement>('sweepSample').value = String(def.sample);
    $<HTMLSelectElement>('sweepMetric').value = def.metric;
  }

  /** The sweep the form describes; throws a one-line message naming the field. */
  readForm(): SweepDef {
    const axis = (sel: string, input: string) => {
      const param = $<HTMLSelectElement>(sel).value as SweepParam;
      const text = $<HTMLInputElement>(input).value;
      return { param, text, values: parseValues(param, text) };
    };
    const axes = [axis('sweepX', 'sweepXValues')];
    if ($<HTMLSelectElement>('sweepY').value) axes.push(axis('sweepY', 'sweepYValues'));
    const int = (id: string, name: string, lo: number, hi: number, last: number | undefined) => {
      const field = $<HTMLInputElement>(id);
      const typed = typedWholeNumber(field, lo, hi);
      if (!('problem' in typed)) return typed.value;
      // (what a refused comma left, '15' of '1,5', goes: the field shows the value it had, not a number it was not given)
      if (typedText(field) !== field.value) putBack(field, String(last ?? field.defaultValue));
      throw new Error(`${name} ${typed.problem}`);
    };
    const def: SweepDef = {
      axes, epochs: int('sweepEpochs', 'Epochs', 1, 5000, this.def?.epochs), seeds: int('sweepSeeds', 'Seeds', 1, 10, this.def?.seeds),
      sample: int('sweepSample', 'Random sample', 0, 400, this.def?.sample), metric: $<HTMLSelectElement>('sweepMetric').value === 'accuracy' ? 'accuracy' : 'loss',
    };
    return sweepFromQuery(sweepToQuery(def)); // the same checks as a link's sweep
  }

  run(): void {
    let def: SweepDef;
    try { def = this.readForm(); } catch (e) { this.say((e as Error).message, true); return; }
    this.stop();
    const { settings, csv } = this.host.context();
    if (def.metric === 'accuracy' && settings.problem === 'regression') def.metric = 'loss';
    this.def = def;
    this.base = settings;
    this.csv = csv;
    const cells = sweepCells(def, settings.dataSeed);
    this.results = cells.map((cell) => ({ cell, runs: [] }));
    this.queue = cells.flatMap((_, c) => Array.from({ length: def.seeds }, (_, k) => ({ id: c * def.seeds + k, cell: c, seed: settings.seed + k })));
    const n = Math.max(2, Math.min(4, navigator.hardwareConcurrency || 2));
    this.workers = Array.from({ length: Math.min(n, this.queue.length) }, () => {
      const w = new Worker(new URL('./sweep-worker.ts', import.meta.url), { type: 'module' });
      w.onmessage = (e: MessageEvent<SweepResult>) => this.received(w, e.data);
      w.onerror = (e) => { e.preventDefault(); this.stop(workerFailedText('A sweep worker', e), true); };
      return w;
    });
    this.workersUsed = this.workers.length;
    this.started = performance.now();
    this.seconds = 0;
    this.setState('running');
    this.render();
    for (const w of this.workers) this.dispatch(w);
  }

  /** Pause (no new cells start; those training finish) or resume. */
  toggle(): void {
    if (this.state === 'running') {
      this.seconds += (performance.now() - this.started) / 1000;
      this.setState('paused');
    } else if (this.state === 'paused') {
      this.started = performance.now();
      this.setState('running');
      for (const w of this.workers) this.dispatch(w);
    }
    this.status();
  }

  stop(message?: string, error = false): void {
    for (const w of this.workers) w.terminate();
    this.workers = [];
    this.busy = 0;
    this.queue = [];
    if (this.active) this.setState(this.results.length ? 'done' : 'idle');
    if (message) this.say(message, error);
  }

  private dispatch(w: Worker): void {
    const tagged = w as Worker & { busy?: boolean };
    if (this.state !== 'running' || tagged.busy) return;
    const job = this.queue.shift();
    if (!job) return;
    const cell = this.results[job.cell]!.cell;
    tagged.busy = true;
    this.busy++;
    const msg: SweepJob = { id: job.id, settings: cellSettings(this.base!, this.def!, cell.values, job.seed), epochs: this.def!.epochs, ...(this.csv ? { csv: this.csv } : {}) };
    w.postMessage(msg);
  }

  private received(w: Worker, r: SweepResult): void {
    (w as Worker & { busy?: boolean }).busy = false;
    this.busy--;
    const cell = this.results[Math.floor(r.id / this.def!.seeds)];
    cell?.runs.push(r);
    if (this.queue.length === 0 && this.busy === 0) {
      this.seconds += (performance.now() - this.started) / 1000;
      for (const x of this.workers) x.terminate();
      this.workers = [];
      this.setState('done');
    } else this.dispatch(w);
    this.renderSoon();
  }

  private renderPending = false;

  /**
   * The result drawn at the next frame, once for all the cells that finished before it: at a sweep's
   * start the short cells finish in bursts, and the table rebuilt at each one held the main thread for
   * 70-95 ms.
   */
  private renderSoon(): void {
    if (this.renderPending) return;
    this.renderPending = true;
    requestAnimationFrame(() => { this.renderPending = false; this.render(); });
  }

  private setState(state: SweepState): void {
    this.state = state;
    $('sweepPanel').dataset.state = state;
    $<HTMLButtonElement>('sweepStop').disabled = !this.active;
    this.host.changed(state, this.def);
  }

  private say(text: string, error = false): void {
    const el = $('sweepStatus');
    el.textContent = text;
    el.classList.toggle('error', error);
  }

  private status(): void {
    const done = this.results.filter((c) => c.runs.length === this.def!.seeds).length;
    const total = this.results.length;
    const seconds = this.seconds + (this.state === 'running' ? (performance.now() - this.started) / 1000 : 0);
    const $panel = $('sweepPanel');
    $panel.dataset.done = String(done);
    $panel.dataset.total = String(total);
    if (this.state === 'done') $panel.dataset.seconds = seconds.toFixed(1);
    const what = this.state === 'paused' ? 'Paused (Play resumes)' : this.state === 'done' ? 'Done' : 'Training';
    const best = this.best();
    this.say(`${what}: ${done} of ${total} cells in ${seconds.toFixed(1)} s on ${this.workersUsed} worker${this.workersUsed === 1 ? '' : 's'}${best ? `; best: ${describeCell(this.def!, best.cell.values)} (${this.metricName()} ${this.fmt(best.value)})` : ''}.`);
  }

  /** A value of the metric: a loss as the page writes losses, an accuracy in 3 digits. */
  private fmt(v: number): string { return this.def!.metric === 'accuracy' ? fmt(v) : formatLoss(v); }

  private metricName(): string { return this.def!.metric === 'accuracy' ? 'test accuracy' : 'test loss'; }

  /** A cell's value (the mean over its seeds) and spread; undefined until every seed finished. */
  private value(c: CellResult): { value: number; min: number; max: number } | undefined {
    if (c.runs.length < this.def!.seeds) return undefined;
    const vs = c.runs.map((r) => (this.def!.metric === 'accuracy' ? r.testAccuracy : r.testLoss)).map((v) => (Number.isFinite(v) ? v : NaN));
    return { value: vs.reduce((a, b) => a + b, 0) / vs.length, min: Math.min(...vs), max: Math.max(...vs) };
  }

  private best(): { cell: SweepCell; value: number } | undefined {
    let best: { cell: SweepCell; value: number } | undefined;
    const better = (a: number, b: number) => (this.def!.metric === 'accuracy' ? a > b : a < b);
    for (const c of this.results) {
      const v = this.value(c)?.value;
      if (v !== undefined && Number.isFinite(v) && (!best || better(v, best.value))) best = { cell: c.cell, value: v };
    }
    return best;
  }

  /** The result as drawn: built once per sweep (the table of its cells, the line for one setting), then updated in place. */
  private shown: { def: SweepDef; table: HTMLTableElement; cells: Map<string, HTMLButtonElement>; line?: SVGSVGElement } | undefined;

  /**
   * Draw the results. The table and the line are built at the sweep's start and their cells and
   * paths updated as results come: rebuilt at every frame, the result's new table and SVG were laid
   * out and painted again with the whole page under them (layout and paint, 40-56 ms tasks at a
   * sweep's start).
   */
  private render(): void {
    if (!this.def) return;
    this.status();
    if (this.shown?.def !== this.def) {
      const box = $('sweepResult');
      box.textContent = '';
      const cells = new Map<string, HTMLButtonElement>();
      const line = this.def.axes.length === 1 ? this.lineChart() : undefined;
      const table = this.heatMap(cells);
      if (line) box.append(line);
      box.append(table);
      this.shown = { def: this.def, table, cells, ...(line ? { line } : {}) };
    }
    const colour = this.scale();
    const best = this.best();
    for (const c of this.results) this.fillCell(this.shown.cells.get(c.cell.values.join())!, c, colour, best?.cell === c.cell);
    if (this.shown.line) this.drawLine(this.shown.line);
  }

  /** Colour of a value: light (bad) to dark blue (good), on the range of the finished cells. */
  private scale(): (v: number) => { bg: string; fg: string } {
    const vs = this.results.map((c) => this.value(c)?.value).filter((v): v is number => v !== undefined && Number.isFinite(v));
    const lo = Math.min(...vs), hi = Math.max(...vs);
    return (v) => {
      if (!Number.isFinite(v)) return { bg: '#fbe3e0', fg: '#222' };
      let t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
      if (this.def!.metric === 'loss') t = 1 - t; // low loss is good
      const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
      const rgb: [number, number, number] = [mix(255, 8), mix(247, 69), mix(214, 148)];
      return { bg: `rgb(${rgb.join(', ')})`, fg: textOn(rgb) };
    };
  }

  /** The grid of cells: columns are the first setting's values, rows the second's (largest on top). */
  private heatMap(buttons: Map<string, HTMLButtonElement>): HTMLTableElement {
    const def = this.def!;
    const [xa, ya] = def.axes;
    const rows = ya ? [...ya.values].reverse() : [undefined];
    const table = document.createElement('table');
    table.className = 'heat';
    table.createCaption().textContent = `${this.metricName()} after ${def.epochs} epochs${def.seeds > 1 ? `, mean of ${def.seeds} seeds` : ''}; click a cell to load it`;
    const byValues = new Map(this.results.map((c) => [c.cell.values.join(), c]));
    for (const yv of rows) {
      const tr = table.insertRow();
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = ya ? `${yv}` : '';
      tr.append(th);
      for (const xv of xa!.values) {
        const td = tr.insertCell();
        const values = ya ? [xv, yv!] : [xv];
        const c = byValues.get(values.join());
        if (!c) continue; // not in the random sample
        const b = this.cellButton(c, values);
        buttons.set(values.join(), b);
        td.append(b);
      }
    }
    const head = table.createTHead().insertRow();
    const corner = document.createElement('th');
    corner.textContent = ya ? `${PARAM_LABELS[ya.param]} ↓ / ${PARAM_LABELS[xa!.param]} →` : `${PARAM_LABELS[xa!.param]} →`;
    head.append(corner);
    for (const xv of xa!.values) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = String(xv);
      head.append(th);
    }
    return table;
  }

  private cellButton(c: CellResult, values: number[]): HTMLButtonElement {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'cell';
    b.dataset.values = values.join(',');
    b.addEventListener('click', () => this.load(c, values));
    return b;
  }

  /** A cell's button as its result stands: '…' (disabled) until every seed finished, then its value in its colour. */
  private fillCell(b: HTMLButtonElement, c: CellResult, colour: ReturnType<SweepPanel['scale']>, isBest: boolean): void {
    const v = this.value(c);
    const label = describeCell(this.def!, c.cell.values);
    const set = (text: string, aria: string) => {
      if (b.textContent !== text) b.textContent = text;
      if (b.getAttribute('aria-label') !== aria) b.setAttribute('aria-label', aria);
    };
    if (!v) {
      b.disabled = true;
      set('…', `${label}: not trained yet`);
      return;
    }
    b.disabled = false;
    b.dataset.value = String(v.value);
    const { bg, fg } = colour(v.value);
    b.style.background = bg;
    b.style.color = fg;
    b.classList.toggle('best', isBest);
    const spread = this.def!.seeds > 1 ? ` (seeds: ${this.fmt(v.min)} to ${this.fmt(v.max)})` : '';
    set(this.fmt(v.value), `${label}: ${this.metricName()} ${this.fmt(v.value)}${spread}${isBest ? ', the best' : ''}`);
  }

  private load(c: CellResult, values: number[]): void {
    const def = this.def!;
    if (this.active) this.stop();
    const first = c.runs.find((r) => r.id % def.seeds === 0);
    const s = cellSettings(this.base!, def, values, this.base!.seed);
    const note = `Loaded ${describeCell(def, values)} from the sweep; training to epoch ${def.epochs} (the sweep's test loss with weight seed ${s.seed}: ${formatLoss(first?.testLoss ?? NaN)}).`;
    this.host.load(s, def.epochs, note);
  }

  /** One setting: the metric against its values, the mean as a line and the spread over seeds as a band (its paths drawn by drawLine). */
  private lineChart(): SVGSVGElement {
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', `0 0 ${LINE.W} ${LINE.H}`);
    svg.setAttribute('class', 'sweep-line');
    svg.setAttribute('aria-hidden', 'true');
    const el = (name: string, cls: string) => { const e = document.createElementNS(SVG, name); e.setAttribute('class', cls); svg.append(e); return e; };
    el('path', 'band');
    el('path', 'mean');
    el('text', 'hi').setAttribute('x', '2');
    el('text', 'lo').setAttribute('x', '2');
    return svg;
  }

  /** The line's paths and its range's labels for the results so far. */
  private drawLine(svg: SVGSVGElement): void {
    const { W, H, pad } = LINE;
    const [band, mean, hiText, loText] = Array.from(svg.children);
    const pts = this.results.map((c, i) => ({ i, v: this.value(c) })).filter((p) => p.v && Number.isFinite(p.v.value));
    if (pts.length === 0) { for (const e of [band, mean]) e!.removeAttribute('d'); hiText!.textContent = loText!.textContent = ''; return; }
    const lo = Math.min(...pts.map((p) => p.v!.min)), hi = Math.max(...pts.map((p) => p.v!.max));
    const n = this.results.length;
    const x = (i: number) => pad + (n === 1 ? (W - 2 * pad) / 2 : (i * (W - 2 * pad)) / (n - 1));
    const y = (v: number) => H - pad - (hi > lo ? ((v - lo) / (hi - lo)) * (H - 2 * pad) : (H - 2 * pad) / 2);
    const edge = [...pts.map((p) => `${x(p.i)},${y(p.v!.max)}`), ...[...pts].reverse().map((p) => `${x(p.i)},${y(p.v!.min)}`)];
    band!.setAttribute('d', `M${edge.join('L')}Z`);
    mean!.setAttribute('d', `M${pts.map((p) => `${x(p.i)},${y(p.v!.value)}`).join('L')}`);
    hiText!.textContent = this.fmt(hi);
    hiText!.setAttribute('y', String(pad - 6));
    loText!.textContent = this.fmt(lo);
    loText!.setAttribute('y', String(H - 4));
  }
}

/** The line chart's box (its viewBox) and margin. */
const LINE = { W: 320, H: 120, pad: 24 };

const fmt = (v: number) => (Number.isFinite(v) ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3)) : '–');

/**
 * Black or white text, whichever contrasts more with the cell's colour: over the middle of the scale
 * one of them is at least 4.6:1 (WCAG AA). White from t > 0.55 on was 3.4-4.4:1 on the mid blues
 * ('0.400' white on #5d83ab, 3.96:1), and #222 under it as low.
 */
function textOn(rgb: readonly [number, number, number]): string {
  const f = (v: number) => { const x = v / 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; };
  const L = 0.2126 * f(rgb[0]) + 0.7152 * f(rgb[1]) + 0.0722 * f(rgb[2]);
  return (1.05 / (L + 0.05)) >= ((L + 0.05) / 0.05) ? '#fff' : '#000';
}
