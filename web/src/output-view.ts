// The output: the network's prediction over the plane as a heat map, with the data points on top.
// Click a point to choose it for the forward pass; or, with the keyboard, focus the plot, move
// between the points with the arrow keys and press Enter. The axes are ticked with values.

import { OUTPUT_GRID } from './protocol.js';
import { CLASS_COLORS, css, diverging, NEGATIVE, plotColours, POSITIVE, type RGB } from './colors.js';
import type { PlayData } from './data.js';
import { className } from './format.js';

export interface Selection { set: 'train' | 'test'; i: number; }

/** Ticks of an axis over [-d, d]: multiples of a step of 1, 2 or 5 times a power of ten, about 6 intervals. */
export function axisTicks(d: number): number[] {
  if (!(d > 0) || !Number.isFinite(d)) return [];
  const raw = (2 * d) / 6;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((k) => k * p).find((k) => k >= raw * 0.999)!;
  const ticks: number[] = [];
  for (let k = Math.ceil(-d / step - 1e-9); k * step <= d * (1 + 1e-9); k++) ticks.push(Number((k * step).toPrecision(12)));
  return ticks;
}

/** A tick's or a coordinate's value as shown: at most 4 significant digits, 1e4 and above in exponent form. */
const tickText = (v: number) => (v !== 0 && (Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3) ? v.toExponential(1) : String(Number(v.toPrecision(4))));

/** Where the keyboard can go from a point: the nearest point in the direction of the arrow, measured in the plot. */
const ARROWS: Record<string, [number, number]> = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };

/**
 * A data point into RGBA pixels, over what is there: a disc of radius r filled with `fill` and edged
 * with `stroke` (`edge` px wide, centred on the radius), its edges smoothed by the pixels' coverage.
 */
export function stampPoint(img: ImageData, cx: number, cy: number, r: number, edge: number, fill: RGB, stroke: RGB): void {
  const { width: w, height: h, data } = img;
  const outer = r + edge / 2, inner = r - edge / 2;
  const x0 = Math.max(0, Math.floor(cx - outer - 1)), x1 = Math.min(w - 1, Math.ceil(cx + outer + 1));
  const y0 = Math.max(0, Math.floor(cy - outer - 1)), y1 = Math.min(h - 1, Math.ceil(cy + outer + 1));
  const far = (outer + 0.5) ** 2;
  for (let y = y0; y <= y1; y++) {
    const dy2 = (y + 0.5 - cy) ** 2;
    for (let x = x0; x <= x1; x++) {
      const d2 = (x + 0.5 - cx) ** 2 + dy2;
      if (d2 >= far) continue;
      const d = Math.sqrt(d2);
      const cover = Math.min(1, outer + 0.5 - d);
      const inside = Math.min(1, Math.max(0, inner + 0.5 - d));
      const k = 4 * (y * w + x);
      const below = data[k + 3]! / 255;
      const a = cover + below * (1 - cover);
      for (let i = 0; i < 3; i++) {
        const src = fill[i]! * inside + stroke[i]! * (cover - inside);
        data[k + i] = (src + data[k + i]! * below * (1 - cover)) / a;
      }
      data[k + 3] = 255 * a;
    }
  }
}

export class OutputView {
  private heat = document.createElement('canvas');
  /** The data points, drawn once per data, size and test toggle: every frame only composes it (50,000 points of a CSV drew at 14 frames per second). */
  private points = document.createElement('canvas');
  private pointsKey = '';
  /** The drawing of the points under way (drawPoints). */
  private pointsJob = 0;
  private dataVersion = 0;
  private data: PlayData | undefined;
  private showTest = false;
  private selected: Selection | undefined;
  private hasImage = false;

  private showing = 'output';
  /** The point the keyboard is on (the arrow keys move it; Enter selects it). */
  private cursor: Selection | undefined;

  constructor(private canvas: HTMLCanvasElement, private onSelect: (s: Selection) => void, private legend?: HTMLElement,
    private axes?: { x: HTMLElement; y: HTMLElement }, private readout?: HTMLElement) {
    this.heat.width = this.heat.height = OUTPUT_GRID;
    canvas.addEventListener('click', (e) => this.click(e));
    canvas.addEventListener('keydown', (e) => this.key(e));
    // (a click focuses the plot too: only the keyboard's focus starts at a point)
    canvas.addEventListener('focus', () => { if (!this.cursor && canvas.matches(':focus-visible')) this.moveCursor(this.selected ?? { set: 'train', i: 0 }); else this.redraw(); });
    canvas.addEventListener('blur', () => this.redraw());
    // the plot's size is read here, after a layout, never in redraw: read there after the page's writes (setData at the
    // start), it forced a layout of the whole page in the middle of a script task
    new ResizeObserver(() => {
      const size = Math.round(canvas.clientWidth * devicePixelRatio);
      if (size === this.size) return;
      this.size = size;
      this.redraw();
    }).observe(canvas);
  }

  setData(data: PlayData, showTest: boolean): void {
    this.data = data;
    this.dataVersion++;
    this.showTest = showTest;
    this.hasImage = false;
    this.cursor = undefined;
    if (this.readout) this.readout.textContent = '';
    this.showLegend();
    this.showAxes();
    this.redraw();
  }

  /** The colour scheme changed: the legend and the plot in its colours (the heat map comes with the next frame). */
  themeChanged(): void {
    this.showLegend();
    this.redraw();
  }

  setShowTest(show: boolean): void {
    this.showTest = show;
    if (!show && this.cursor?.set === 'test') this.cursor = undefined;
    this.redraw();
  }

  /** Tick values under and left of the plot, at the positions of the values (as TensorFlow Playground). */
  private showAxes(): void {
    if (!this.axes || !this.data) return;
    const d = this.data.domain;
    const ticks = axisTicks(d);
    const fill = (el: HTMLElement, pos: (v: number) => string) => {
      el.textContent = '';
      for (const v of ticks) {
        const t = document.createElement('span');
        t.className = 'tick';
        t.dataset.value = String(v);
        t.textContent = tickText(v);
        t.style.setProperty('--at', pos(v));
        el.append(t);
      }
    };
    fill(this.axes.x, (v) => `${((v + d) / (2 * d)) * 100}%`);
    fill(this.axes.y, (v) => `${((d - v) / (2 * d)) * 100}%`);
    this.canvas.setAttribute('aria-label', `Output over the plane, x₁ across and x₂ up, each from ${tickText(-d)} to ${tickText(d)}, with the data points. ` +
      'Click a point, or use the arrow keys to move between the points and Enter, to see its forward pass.');
  }
  select(s: Selection | undefined): void { this.selected = s; this.redraw(); }

  /** The heat map: of the output, or of the unit "layer,unit" the user hovers (named in data-showing). */
  setImage(rgba: Uint8ClampedArray, showing = 'output'): void {
    this.canvas.dataset.showing = showing;
    if (showing !== this.showing) { this.showing = showing; this.showLegend(); }
    this.heat.getContext('2d')!.putImageData(new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, OUTPUT_GRID, OUTPUT_GRID), 0, 0);
    this.hasImage = true;
    this.redraw();
  }

  /** What the colours mean: the classes (named as in the data), the regression range, or the hovered unit's sign. */
  private showLegend(): void {
    const el = this.legend, d = this.data;
    if (!el || !d) return;
    el.textContent = '';
    const key = (color: string, text: string) => {
      const k = document.createElement('span');
      k.className = 'key';
      const sw = document.createElement('span');
      sw.className = 'key-swatch';
      sw.style.background = color;
      k.append(sw, text);
      el.append(k, ' ');
    };
    if (this.showing !== 'output') {
      const [l, u] = this.showing.split(',').map(Number);
      el.append(l === 0 ? `Input ${u! + 1} over the plane: ` : `Layer ${l}, unit ${u! + 1}: its output a[${l}] over the plane: `);
      key(css(NEGATIVE), 'negative');
      key(css(POSITIVE), 'positive');
      return;
    }
    if (d.task === 'regression') {
      const v = Number(d.yScale.toPrecision(3));
      el.append('ŷ and targets: ');
      const bar = document.createElement('span');
      bar.className = 'key-bar';
      bar.style.background = `linear-gradient(to right, ${css(NEGATIVE)}, ${css(diverging(0))}, ${css(POSITIVE)})`;
      el.append(`${-v} `, bar, ` ${v}`);
      return;
    }
    // the built-in sets' classes are 0 and 1 (or 0, 1, 2): "class 0"; a CSV's are named by its labels
    const names = (d.classes ?? (d.task === 'binary' ? ['0', '1'] : [])).map((n) => (/^\d+$/.test(n) ? `class ${n}` : n));
    const color = (c: number) => css(CLASS_COLORS[c % CLASS_COLORS.length]!);
    if (d.task === 'binary') {
      key(color(0), `${names[0]}: ŷ < 0.5`);
      key(color(1), `${names[1]}: ŷ > 0.5`);
      el.append('(paler near 0.5)');
    } else {
      names.forEach((name, c) => key(color(c), name));
      el.append('(the likeliest; paler where unsure)');
    }
  }

  /** Canvas pixel position of a data point. */
  private toPixel(x1: number, x2: number, size: number): [number, number] {
    const d = this.data!.domain;
    return [((x1 + d) / (2 * d)) * size, ((d - x2) / (2 * d)) * size];
  }

  /** The plot's size in device pixels, as the last layout made it (its ResizeObserver); 0 before the first layout. */
  private size = 0;

  redraw(): void {
    const c = this.canvas;
    const size = this.size || c.width;
    if (c.width !== size) { c.width = size; c.height = size; }
    const ctx = c.getContext('2d')!;
    const colours = plotColours();
    ctx.fillStyle = colours.background;
    ctx.fillRect(0, 0, size, size);
    if (!this.data) return;
    if (this.hasImage) {
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(this.heat, 0, 0, size, size);
      ctx.fillStyle = colours.veil; // lighter (darker in the dark theme), so the points stand out
      ctx.fillRect(0, 0, size, size);
    }
    const r = Math.max(2.5, size / 110);
    const key = `${this.dataVersion}|${size}|${this.showTest}`;
    if (key !== this.pointsKey) { this.pointsKey = key; this.drawPoints(size, r); }
    ctx.drawImage(this.points, 0, 0);
    if (this.selected) {
      const j = (this.selected.set === 'train' ? this.data.trainIdx : this.data.testIdx)[this.selected.i];
      if (j !== undefined) {
        const [px, py] = this.toPixel(this.data.x1[j]!, this.data.x2[j]!, size);
        ctx.lineWidth = Math.max(2, r / 2);
        ctx.strokeStyle = '#d0021b';
        ctx.beginPath();
        ctx.arc(px, py, r * 2.4, 0, 2 * Math.PI);
        ctx.stroke();
      }
    }
    // the keyboard's point, while the plot has the keyboard focus: a black and white ring
    const at = this.cursor && document.activeElement === c && c.matches(':focus-visible') ? this.position(this.cursor) : undefined;
    if (at) {
      const [px, py] = this.toPixel(at[0], at[1], size);
      ctx.lineWidth = Math.max(3, r / 1.5);
      ctx.strokeStyle = '#fff';
      ctx.beginPath();
      ctx.arc(px, py, r * 3.2, 0, 2 * Math.PI);
      ctx.stroke();
      ctx.lineWidth = Math.max(1.5, r / 3);
      ctx.strokeStyle = '#000';
      ctx.stroke();
    }
  }

  /** (x1, x2) of example i of a set, or undefined when there is none. */
  private position(s: Selection): [number, number] | undefined {
    const d = this.data;
    const j = d && (s.set === 'train' ? d.trainIdx : d.testIdx)[s.i];
    return d && j !== undefined ? [d.x1[j]!, d.x2[j]!] : undefined;
  }

  /** Arrow keys: to the nearest point in that direction; Enter or space: its forward pass. */
  private key(e: KeyboardEvent): void {
    if (!this.data || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'Enter' || e.key === ' ') {
      if (!this.cursor) return;
      e.preventDefault();
      e.stopPropagation(); // (space is not play/pause here)
      this.onSelect(this.cursor);
      return;
    }
    const dir = ARROWS[e.key];
    if (!dir) return;
    e.preventDefault();
    const from = this.cursor && this.position(this.cursor);
    if (!from) { this.moveCursor({ set: 'train', i: 0 }); return; }
    let best: Selection | undefined, bestScore = Infinity;
    for (const [set, idx] of this.sets()) {
      idx.forEach((j, i) => {
        const dx = this.data!.x1[j]! - from[0], dy = this.data!.x2[j]! - from[1];
        const along = dx * dir[0] + dy * dir[1];
        if (!(along > 0)) return;
        const score = along + 2 * Math.abs(dx * dir[1] - dy * dir[0]); // straight ahead before off to the side
        if (score < bestScore) { bestScore = score; best = { set, i }; }
      });
    }
    if (best) this.moveCursor(best);
  }

  /** The keyboard's point moves (and, while a point's forward pass is shown, that pass follows it); the readout names it. */
  private moveCursor(s: Selection): void {
    this.cursor = s;
    const at = this.position(s);
    if (this.readout && at) {
      this.readout.textContent = this.describe(s) + (this.selected ? '' : ' Enter: its forward pass.');
      this.readout.dataset.example = `${s.set}:${s.i}`;
    }
    if (this.selected) this.onSelect(s);
    else this.redraw();
  }

  /** "Training example 3 of 250: x₁ = 1.2, x₂ = -0.5, class 1." */
  describe(s: Selection): string {
    const d = this.data!;
    const idx = s.set === 'train' ? d.trainIdx : d.testIdx;
    const j = idx[s.i]!;
    const y = d.y[j]!;
    const label = d.task === 'regression' ? `target ${tickText(y)}` : `class ${className(d.classes?.[y] ?? y)}`;
    return `${s.set === 'train' ? 'Training' : 'Test'} example ${s.i + 1} of ${idx.length}: x₁ = ${tickText(d.x1[j]!)}, x₂ = ${tickText(d.x2[j]!)}, ${label}.`;
  }

  /** The sets of points drawn: the training set, and the test set when shown. */
  private sets(): ['train' | 'test', Int32Array][] {
    const sets: ['train' | 'test', Int32Array][] = [['train', this.data!.trainIdx]];
    if (this.showTest) sets.push(['test', this.data!.testIdx]);
    return sets;
  }

  /**
   * The training points (and the test points when shown) on the points layer, rasterized into its pixels
   * (stampPoint) in slices of about 10 ms (4 ms for the first, inside the change that asked for it), the
   * plot recomposed after each: 20,000 points of a CSV drawn as canvas paths at once took 100-250 ms of the main thread at every new data set, problem type or
   * window size. A newer drawing stops an older one.
   */
  private drawPoints(size: number, r: number): void {
    const c = this.points;
    if (c.width !== size) { c.width = size; c.height = size; }
    const ctx = c.getContext('2d')!;
    const img = ctx.createImageData(size, size);
    const job = ++this.pointsJob;
    const data = this.data!;
    const edge = Math.max(1, r / 3);
    const sets: [Int32Array, RGB][] = [[data.trainIdx, [255, 255, 255]]];
    if (this.showTest) sets.push([data.testIdx, [34, 34, 34]]);
    let set = 0, n = 0;
    // (the first slice runs inside the change that asked for it: a shorter one)
    const slice = (budget: number) => {
      const t0 = performance.now();
      while (set < sets.length && performance.now() - t0 < budget) {
        const [idx, stroke] = sets[set]!;
        for (const end = Math.min(idx.length, n + 500); n < end; n++) {
          const j = idx[n]!;
          const [px, py] = this.toPixel(data.x1[j]!, data.x2[j]!, size);
          stampPoint(img, px, py, r, edge, this.pointColor(data.y[j]!), stroke);
        }
        if (n >= idx.length) { set++; n = 0; }
      }
      ctx.putImageData(img, 0, 0);
      const done = set >= sets.length;
      this.canvas.dataset.points = done ? 'drawn' : 'drawing';
      return done;
    };
    const next = () => {
      if (job !== this.pointsJob) return;
      const done = slice(10);
      this.redraw();
      if (!done) setTimeout(next, 0);
    };
    if (!slice(4)) setTimeout(next, 0);
  }

  /** A point's colour: its class's, or for a target its value's on the diverging scale. */
  private pointColor(y: number): RGB {
    const d = this.data!;
    if (d.task === 'regression') return diverging(y / d.yScale);
    return CLASS_COLORS[y % CLASS_COLORS.length]!;
  }

  private click(e: MouseEvent): void {
    if (!this.data) return;
    const rect = this.canvas.getBoundingClientRect();
    const size = rect.width;
    const mx = e.clientX - rect.left, my = e.clientY - rect.top;
    let best: Selection | undefined, bestD = 12 * 12;
    for (const [set, idx] of this.sets()) {
      idx.forEach((j, i) => {
        const [px, py] = this.toPixel(this.data!.x1[j]!, this.data!.x2[j]!, size);
        const dd = (px - mx) ** 2 + (py - my) ** 2;
        if (dd < bestD) { bestD = dd; best = { set, i }; }
      });
    }
    if (best) { this.cursor = best; this.onSelect(best); }
  }
}
