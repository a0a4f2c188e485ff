// The cost curve: training and test cost after every epoch. Hover (or use the arrow keys
// while it has focus) to read the values of one epoch.

import { formatLoss } from './format.js';
import { plotColours } from './colors.js';
import { CostHistory } from './cost-history.js';

export class LossChart {
  /** The costs shown: every epoch's, or, in a long run, epochs spread over it (cost-history.ts). */
  readonly history = new CostHistory();
  private cursor: number | undefined; // index of the point (cost-history.ts) under the mouse or keyboard cursor
  private start = { train: NaN, test: NaN }; // the last losses shown (of the fresh network before any epoch)

  /** The canvas's size in device pixels, as the last layout made it (read by its ResizeObserver, not in draw: after the page's writes, that forced a layout). */
  private size = { w: 0, h: 0 };

  constructor(private canvas: HTMLCanvasElement, private readout: HTMLElement) {
    new ResizeObserver(() => {
      const w = Math.round(canvas.clientWidth * devicePixelRatio), h = Math.round(canvas.clientHeight * devicePixelRatio);
      if (w === this.size.w && h === this.size.h) return;
      this.size = { w, h };
      this.draw();
    }).observe(canvas);
    canvas.addEventListener('mousemove', (e) => {
      const r = canvas.getBoundingClientRect();
      this.setCursor(Math.round(((e.clientX - r.left) / r.width) * (this.history.size - 1)));
    });
    canvas.addEventListener('mouseleave', () => { this.cursor = undefined; this.draw(); });
    canvas.addEventListener('keydown', (e) => {
      const n = this.history.size;
      if (n === 0) {
        // (no epoch yet, or the first diverged and was undone: the chart shows the fresh network's losses at epoch 0, and so does its readout)
        if (['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) { this.readStart(); e.preventDefault(); }
        return;
      }
      const step = e.shiftKey ? Math.max(1, Math.round(n / 20)) : 1;
      const at = this.cursor ?? n - 1;
      if (e.key === 'ArrowLeft') this.setCursor(at - step);
      else if (e.key === 'ArrowRight') this.setCursor(at + step);
      else if (e.key === 'Home') this.setCursor(0);
      else if (e.key === 'End') this.setCursor(n - 1);
      else return;
      e.preventDefault();
    });
    canvas.addEventListener('blur', () => { this.cursor = undefined; this.draw(); });
  }

  clear(): void { this.history.clear(); this.cursor = undefined; this.readout.textContent = ''; this.draw(); }

  /** The costs of the epochs that end at `lastEpoch`. */
  append(train: number[], test: number[], lastEpoch: number): void {
    this.history.append(train, test, lastEpoch);
  }

  /** The readout of the fresh network's losses at epoch 0, the point the chart shows before any epoch. */
  private readStart(): void {
    const { train, test } = this.start;
    if (!Number.isFinite(train)) return;
    this.readout.textContent = `epoch 0 (before training): training loss ${formatLoss(train)}` + (Number.isFinite(test) ? `, test loss ${formatLoss(test)}` : '');
  }

  private setCursor(i: number): void {
    if (this.history.size === 0) { this.readStart(); return; }
    this.cursor = Math.max(0, Math.min(this.history.size - 1, i));
    const p = this.history.at(this.cursor)!;
    // (the readouts' words and digits: 'Training loss 0.482'; the epoch's own number, also where a long run keeps some epochs only)
    this.readout.textContent = `epoch ${p.epoch}: training loss ${formatLoss(p.train)}` +
      (Number.isFinite(p.test) ? `, test loss ${formatLoss(p.test)}` : '');
    this.draw();
  }

  /** The costs as CSV, one row per kept epoch. */
  csv(): string {
    return this.history.csv();
  }

  /**
   * Redraw. The plot sits between a top band (the largest value) and a bottom band (the epochs), so
   * the labels are never drawn over; before any epoch it shows the fresh network's losses at epoch 0.
   */
  draw(startTrain = this.start.train, startTest = this.start.test): void {
    this.start = { train: startTrain, test: startTest };
    const c = this.canvas;
    const w = this.size.w || c.width;
    const h = this.size.h || c.height;
    if (c.width !== w || c.height !== h) { c.width = w; c.height = h; }
    const ctx = c.getContext('2d')!;
    const colours = plotColours();
    const [TRAIN, TEST] = [colours.train, colours.test];
    ctx.clearRect(0, 0, w, h);
    const band = Math.round(13 * devicePixelRatio);
    const top = band, bottom = h - band; // the plot area's rows
    c.dataset.plotTop = String(top);
    c.dataset.plotBottom = String(bottom);
    const n = this.history.size;
    let max = 0;
    for (const v of [startTrain, startTest]) if (Number.isFinite(v)) max = Math.max(max, v);
    const higher = (v: number) => { if (Number.isFinite(v)) max = Math.max(max, v); };
    for (let i = 0; i < n; i++) { higher(this.history.cost(i, 'train')); higher(this.history.cost(i, 'test')); }
    max = max || 1;
    const x = (i: number) => (n <= 1 ? 2 : (i / (n - 1)) * (w - 4) + 2);
    const y = (v: number) => bottom - 1 - (Math.min(v, max) / max) * (bottom - top - 2);
    ctx.strokeStyle = colours.axes; // the axes of the plot area
    ctx.lineWidth = devicePixelRatio;
    ctx.beginPath();
    ctx.moveTo(0.5, top); ctx.lineTo(0.5, bottom); ctx.lineTo(w, bottom);
    ctx.stroke();
    ctx.fillStyle = colours.text;
    ctx.font = `${Math.round(10 * devicePixelRatio)}px system-ui, sans-serif`;
    ctx.textBaseline = 'top';
    ctx.fillText(`loss ${formatLoss(max)}`, 3, 1);
    ctx.textBaseline = 'bottom';
    const epochs = this.history.latest?.epoch ?? 0;
    const label = n === 0 ? 'epoch 0: press Play to train' : `${epochs} epoch${epochs === 1 ? '' : 's'}`;
    ctx.fillText(label, w - ctx.measureText(label).width - 3, h - 1);
    if (n === 0) {
      for (const [v, colour] of [[startTrain, TRAIN], [startTest, TEST]] as const) {
        if (!Number.isFinite(v)) continue;
        ctx.fillStyle = colour;
        ctx.beginPath();
        ctx.arc(4 * devicePixelRatio, y(v), 3 * devicePixelRatio, 0, 2 * Math.PI);
        ctx.fill();
      }
      return;
    }
    const line = (cost: 'train' | 'test', colour: string) => {
      ctx.strokeStyle = colour;
      ctx.lineWidth = 1.5 * devicePixelRatio;
      ctx.beginPath();
      // at most about one point per pixel column
      const every = Math.max(1, Math.floor(n / w));
      for (let i = 0; i < n; i += every) {
        const v = this.history.cost(i, cost);
        if (!Number.isFinite(v)) continue;
        if (i === 0) ctx.moveTo(x(i), y(v)); else ctx.lineTo(x(i), y(v));
      }
      const last = this.history.cost(n - 1, cost);
      if (Number.isFinite(last)) ctx.lineTo(x(n - 1), y(last));
      ctx.stroke();
    };
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, top, w, bottom - top); // the curves stay inside the plot area
    ctx.clip();
    line('train', TRAIN);
    line('test', TEST);
    if (this.cursor !== undefined) {
      ctx.strokeStyle = '#d0021b';
      ctx.lineWidth = devicePixelRatio;
      ctx.beginPath();
      ctx.moveTo(x(this.cursor), top);
      ctx.lineTo(x(this.cursor), bottom);
      ctx.stroke();
    }
    ctx.restore();
  }
}
