// The cost curve: training and test cost after every epoch. Hover (or use the arrow keys
// while it has focus) to read the values of one epoch.

export class LossChart {
  train: number[] = [];
  test: number[] = [];
  private cursor: number | undefined; // epoch index under the mouse or keyboard cursor

  constructor(private canvas: HTMLCanvasElement, private readout: HTMLElement) {
    canvas.addEventListener('mousemove', (e) => {
      const r = canvas.getBoundingClientRect();
      this.setCursor(Math.round(((e.clientX - r.left) / r.width) * (this.train.length - 1)));
    });
    canvas.addEventListener('mouseleave', () => { this.cursor = undefined; this.draw(); });
    canvas.addEventListener('keydown', (e) => {
      const n = this.train.length;
      if (n === 0) return;
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

  clear(): void { this.train = []; this.test = []; this.cursor = undefined; this.readout.textContent = ''; this.draw(); }

  append(train: number[], test: number[]): void {
    for (const v of train) this.train.push(v);
    for (const v of test) this.test.push(v);
  }

  private setCursor(i: number): void {
    if (this.train.length === 0) return;
    this.cursor = Math.max(0, Math.min(this.train.length - 1, i));
    const t = this.test[this.cursor];
    this.readout.textContent = `epoch ${this.cursor + 1}: training cost ${this.train[this.cursor]!.toFixed(4)}` +
      (t !== undefined && Number.isFinite(t) ? `, test cost ${t.toFixed(4)}` : '');
    this.draw();
  }

  /** The costs as CSV, one row per epoch. */
  csv(): string {
    return 'epoch,train_cost,test_cost\n' + this.train.map((v, i) => `${i + 1},${v},${this.test[i] ?? ''}`).join('\n') + '\n';
  }

  draw(): void {
    const c = this.canvas;
    const w = Math.round(c.clientWidth * devicePixelRatio) || c.width;
    const h = Math.round(c.clientHeight * devicePixelRatio) || c.height;
    if (c.width !== w || c.height !== h) { c.width = w; c.height = h; }
    const ctx = c.getContext('2d')!;
    ctx.clearRect(0, 0, w, h);
    const n = this.train.length;
    if (n === 0) return;
    let max = 0;
    for (const s of [this.train, this.test]) for (const v of s) if (Number.isFinite(v)) max = Math.max(max, v);
    max = max || 1;
    const x = (i: number) => (n === 1 ? w / 2 : (i / (n - 1)) * (w - 2) + 1);
    const y = (v: number) => h - 2 - (Math.min(v, max) / max) * (h - 6);
    const line = (s: number[], colour: string) => {
      ctx.strokeStyle = colour;
      ctx.lineWidth = 1.5 * devicePixelRatio;
      ctx.beginPath();
      // at most about one point per pixel column
      const every = Math.max(1, Math.floor(n / w));
      for (let i = 0; i < n; i += every) {
        const v = s[i]!;
        if (!Number.isFinite(v)) continue;
        if (i === 0) ctx.moveTo(x(i), y(v)); else ctx.lineTo(x(i), y(v));
      }
      const last = s[n - 1];
      if (last !== undefined && Number.isFinite(last)) ctx.lineTo(x(n - 1), y(last));
      ctx.stroke();
    };
    line(this.train, '#999');
    line(this.test, '#111');
    ctx.fillStyle = '#666';
    ctx.font = `${Math.round(10 * devicePixelRatio)}px system-ui, sans-serif`;
    ctx.fillText(max.toPrecision(3), 3, 11 * devicePixelRatio);
    const label = `${n} epoch${n === 1 ? '' : 's'}`;
    ctx.fillText(label, w - ctx.measureText(label).width - 3, h - 4);
    if (this.cursor !== undefined) {
      ctx.strokeStyle = '#d0021b';
      ctx.lineWidth = devicePixelRatio;
      ctx.beginPath();
      ctx.moveTo(x(this.cursor), 0);
      ctx.lineTo(x(this.cursor), h);
      ctx.stroke();
    }
  }
}
