// The output: the network's prediction over the plane as a heat map, with the data points on top.
// Click a point to choose it for the forward pass.

import { OUTPUT_GRID } from './protocol.js';
import { CLASS_COLORS, css, diverging, NEGATIVE, POSITIVE } from './colors.js';
import type { PlayData } from './data.js';

export interface Selection { set: 'train' | 'test'; i: number; }

export class OutputView {
  private heat = document.createElement('canvas');
  /** The data points, drawn once per data, size and test toggle: every frame only composes it (50,000 points of a CSV drew at 14 frames per second). */
  private points = document.createElement('canvas');
  private pointsKey = '';
  private dataVersion = 0;
  private data: PlayData | undefined;
  private showTest = false;
  private selected: Selection | undefined;
  private hasImage = false;

  private showing = 'output';

  constructor(private canvas: HTMLCanvasElement, private onSelect: (s: Selection) => void, private legend?: HTMLElement) {
    this.heat.width = this.heat.height = OUTPUT_GRID;
    canvas.addEventListener('click', (e) => this.click(e));
    new ResizeObserver(() => this.redraw()).observe(canvas);
  }

  setData(data: PlayData, showTest: boolean): void {
    this.data = data;
    this.dataVersion++;
    this.showTest = showTest;
    this.hasImage = false;
    this.showLegend();
    this.redraw();
  }

  setShowTest(show: boolean): void { this.showTest = show; this.redraw(); }
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

  redraw(): void {
    const c = this.canvas;
    const size = Math.round(c.clientWidth * devicePixelRatio) || c.width;
    if (c.width !== size) { c.width = size; c.height = size; }
    const ctx = c.getContext('2d')!;
    ctx.fillStyle = '#e8eaeb';
    ctx.fillRect(0, 0, size, size);
    if (!this.data) return;
    if (this.hasImage) {
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(this.heat, 0, 0, size, size);
      ctx.fillStyle = 'rgba(255, 255, 255, 0.35)'; // lighter, so the points stand out
      ctx.fillRect(0, 0, size, size);
    }
    const r = Math.max(2.5, size / 110);
    const key = `${this.dataVersion}|${size}|${this.showTest}`;
    if (key !== this.pointsKey) { this.drawPoints(size, r); this.pointsKey = key; }
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
    // axis ticks: the domain at the corners
    ctx.fillStyle = 'rgba(0,0,0,0.55)';
    ctx.font = `${Math.round(10 * devicePixelRatio)}px system-ui, sans-serif`;
    ctx.fillText(`${-this.data.domain}`, 3, size - 4);
    const t = `${this.data.domain}`;
    ctx.fillText(t, size - ctx.measureText(t).width - 3, size - 4);
  }

  /** The training points (and the test points when shown) on the points layer. */
  private drawPoints(size: number, r: number): void {
    const c = this.points;
    if (c.width !== size) { c.width = size; c.height = size; }
    const ctx = c.getContext('2d')!;
    ctx.clearRect(0, 0, size, size);
    const draw = (idx: Int32Array, stroke: string) => {
      ctx.lineWidth = Math.max(1, r / 3);
      ctx.strokeStyle = stroke;
      for (let c2 = 0; c2 < idx.length; c2++) {
        const j = idx[c2]!;
        const [px, py] = this.toPixel(this.data!.x1[j]!, this.data!.x2[j]!, size);
        ctx.fillStyle = this.pointColor(this.data!.y[j]!);
        ctx.beginPath();
        ctx.arc(px, py, r, 0, 2 * Math.PI);
        ctx.fill();
        ctx.stroke();
      }
    };
    draw(this.data!.trainIdx, '#fff');
    if (this.showTest) draw(this.data!.testIdx, '#222');
  }

  private pointColor(y: number): string {
    const d = this.data!;
    if (d.task === 'regression') return css(diverging(y / d.yScale));
    return css(CLASS_COLORS[y % CLASS_COLORS.length]!);
  }

  private click(e: MouseEvent): void {
    if (!this.data) return;
    const rect = this.canvas.getBoundingClientRect();
    const size = rect.width;
    const mx = e.clientX - rect.left, my = e.clientY - rect.top;
    let best: Selection | undefined, bestD = 12 * 12;
    const sets: ['train' | 'test', Int32Array][] = [['train', this.data.trainIdx]];
    if (this.showTest) sets.push(['test', this.data.testIdx]);
    for (const [set, idx] of sets) {
      idx.forEach((j, i) => {
        const [px, py] = this.toPixel(this.data!.x1[j]!, this.data!.x2[j]!, size);
        const dd = (px - mx) ** 2 + (py - my) ** 2;
        if (dd < bestD) { bestD = dd; best = { set, i }; }
      });
    }
    if (best) this.onSelect(best);
  }
}
