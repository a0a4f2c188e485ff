// The network diagram: one thumbnail heat map per unit (what that unit outputs over the plane),
// weights as curves whose width is |w| and colour its sign. Hover a curve to read W[l](j,k);
// click it (or focus a unit and press Enter) to edit the unit's incoming weights and bias.

import { NODE_GRID } from './protocol.js';
import { css, NEGATIVE, POSITIVE } from './colors.js';
import { putBack, typedText } from './typed-number.js';

const SVG = 'http://www.w3.org/2000/svg';
/** The smallest unit (px) the diagram shrinks to before it scrolls sideways; the room for the curves between columns, in unit widths. */
const MIN_UNIT = 20;
const CURVE_ROOM = 0.6;
/** A phone's touch target, px: the stacked +/- of a layer each tap in TAP x TAP. */
const TAP = 40;

export interface NetworkViewHandlers {
  setWeight(layer: number, row: number, col: number, value: number): void;
  changeUnits(hiddenLayer: number, delta: number): void;
  /** The pointer (or the keyboard focus) is on unit `unit` of layer `layer`, or left it (undefined). */
  hoverUnit(unit: { layer: number; unit: number } | undefined): void;
  /** A value typed in the weight editor that is not a finite number: the message to show. */
  refuse(message: string): void;
}

interface Edge { l: number; j: number; k: number; line: SVGPathElement; hit: SVGPathElement; }

export class NetworkView {
  private sizes: number[] = [];
  private labels: string[] = [];
  private nodes: { el: HTMLElement; ctx: CanvasRenderingContext2D; x: number; y: number }[][] = [];
  private edges: Edge[] = [];
  private svg!: SVGSVGElement;
  private weights: { W: Float64Array; b: Float64Array }[] = [];

  private editing: { l: number; j: number } | undefined;
  /** The diagram's box's width as the last layout made it (its ResizeObserver); undefined before the first layout, which lays the units out. */
  private width: number | undefined;
  private tipFor: { l: number; j: number; k: number } | undefined;

  constructor(private root: HTMLElement, private editor: HTMLElement, private tip: HTMLElement, private handlers: NetworkViewHandlers) {
    // the width to lay the units out in is read here, after a layout: read in build, after the new units were
    // written, it forced a layout of the whole page in the middle of a script task
    new ResizeObserver(() => {
      const width = this.root.parentElement!.clientWidth;
      if (width === this.width) return;
      this.width = width;
      this.layout();
    }).observe(root.parentElement!);
    editor.addEventListener('keydown', (e) => { if (e.key === 'Escape') this.closeEditor(true); });
  }

  /** Rebuild for layer sizes n[0..L] (input labels for layer 0, activation names for 1..L). */
  build(sizes: number[], inputLabels: string[], activations: string[], maxHidden: number): void {
    this.sizes = sizes;
    this.labels = inputLabels;
    this.closeEditor(false);
    this.tip.hidden = true;
    this.tipFor = undefined;
    this.root.textContent = '';
    this.svg = document.createElementNS(SVG, 'svg');
    this.svg.setAttribute('aria-hidden', 'true');
    this.root.append(this.svg);
    const L = sizes.length - 1;
    this.nodes = sizes.map((n, l) => Array.from({ length: n }, (_, j) => {
      const el = document.createElement('div');
      el.className = `node ${l === 0 ? 'input' : l === L ? 'out' : 'hidden'}`;
      el.dataset.layer = String(l);
      el.dataset.unit = String(j);
      if (l > 0) { // units with weights can be focused and edited
        el.tabIndex = 0;
        el.setAttribute('role', 'button');
        el.setAttribute('aria-label', `layer ${l} (${activations[l - 1]}) unit ${j + 1}: press Enter to edit its weights and bias`);
      } else {
        el.setAttribute('title', `input feature ${inputLabels[j]}`);
      }
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = NODE_GRID;
      el.append(canvas);
      if (l === 0) {
        const label = document.createElement('span');
        label.className = 'node-label';
        label.textContent = inputLabels[j]!;
        el.append(label);
      }
      if (l > 0) {
        el.addEventListener('click', () => this.openEditor(l, j));
        el.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); this.openEditor(l, j); } });
      }
      // hovering (or focusing) a unit shows its map in the large output plot
      el.addEventListener('mouseenter', () => this.handlers.hoverUnit({ layer: l, unit: j }));
      el.addEventListener('mouseleave', () => this.handlers.hoverUnit(undefined));
      el.addEventListener('focus', () => this.handlers.hoverUnit({ layer: l, unit: j }));
      el.addEventListener('blur', () => this.handlers.hoverUnit(undefined));
      this.root.append(el);
      return { el, ctx: canvas.getContext('2d')!, x: 0, y: 0 };
    }));
    // the +/- buttons above each hidden layer
    for (let l = 1; l < L; l++) {
      const box = document.createElement('div');
      box.className = 'units';
      box.dataset.layer = String(l);
      const plus = button('+', `Add a unit to hidden layer ${l}`, () => this.handlers.changeUnits(l - 1, +1));
      const minus = button('−', `Remove a unit from hidden layer ${l}`, () => this.handlers.changeUnits(l - 1, -1));
      plus.disabled = sizes[l]! >= maxHidden;
      minus.disabled = sizes[l]! <= 1;
      if (plus.disabled) plus.title = `At most ${maxHidden} units in a layer`;
      if (minus.disabled) minus.title = 'At least 1 unit in a layer';
      const count = document.createElement('span');
      count.textContent = `${sizes[l]} unit${sizes[l] === 1 ? '' : 's'}`;
      box.append(plus, minus, count);
      this.root.append(box);
    }
    this.edges = [];
    for (let l = 1; l <= L; l++) {
      for (let j = 0; j < sizes[l]!; j++) {
        for (let k = 0; k < sizes[l - 1]!; k++) {
          const line = document.createElementNS(SVG, 'path');
          line.setAttribute('class', 'w');
          const hit = document.createElementNS(SVG, 'path');
          hit.setAttribute('class', 'hit');
          hit.dataset.w = `${l},${j},${k}`;
          hit.addEventListener('mousemove', (e) => this.showTip(l, j, k, e));
          hit.addEventListener('mouseleave', () => { this.tip.hidden = true; });
          hit.addEventListener('click', () => this.openEditor(l, j, k));
          this.svg.append(line);
          this.edges.push({ l, j, k, line, hit });
        }
      }
    }
    for (const e of this.edges) this.svg.append(e.hit); // hit areas above all lines
    this.layout();
  }

  /**
   * Place columns across the available width. The units shrink (from 32 px, 26 on a phone, down to
   * MIN_UNIT) so that the whole diagram fits: 6 hidden layers of 8 units on a 390 px phone fit with
   * units of 23 px and the +/- buttons stacked, instead of a diagram that scrolls sideways.
   */
  layout(): void {
    const L = this.sizes.length - 1;
    if (L < 1) return;
    if (this.width === undefined) return; // (the first layout's observation lays them out)
    const avail = this.width - 8;
    const narrow = avail < 512;
    const left = 44; // room for the input labels
    // each column is a unit and room for the curves: at least CURVE_ROOM unit widths
    const fit = Math.floor((avail - left - 8) / (L * (1 + CURVE_ROOM) + 1));
    let S = Math.max(MIN_UNIT, Math.min(narrow ? 26 : 32, fit));
    const gapY = S < 26 ? 8 : narrow ? 10 : 12;
    const width = Math.max(avail, left + 8 + S * (L * (1 + CURVE_ROOM) + 1));
    let step = (width - left - S - 8) / L;
    // on a phone each stacked +/- taps in 40 x 40 px: columns at least TAP apart (the units shrink for it)
    const phone = matchMedia('(max-width: 640px)').matches;
    if (phone && step < TAP && S > MIN_UNIT) { S = Math.max(MIN_UNIT, width - left - 8 - TAP * L); step = (width - left - S - 8) / L; }
    // the +/- buttons of a layer side by side need about 46 px; closer columns stack them
    // (on a phone side by side when two 40 px tap areas fit between the columns)
    const stacked = step < (phone ? 2 * TAP + 4 : 48);
    this.root.classList.toggle('stacked', stacked);
    // (stacked on a phone: two 40 px tap areas one above the other, the units under them)
    const top = stacked ? (phone ? 80 : 56) : 34;
    const maxUnits = Math.max(...this.sizes);
    const height = top + maxUnits * (S + gapY);
    this.root.style.width = `${width}px`;
    this.root.style.height = `${height}px`;
    this.svg.setAttribute('width', String(width));
    this.svg.setAttribute('height', String(height));
    this.nodes.forEach((col, l) => col.forEach((node, j) => {
      node.x = left + l * step;
      node.y = top + j * (S + gapY);
      Object.assign(node.el.style, { left: `${node.x}px`, top: `${node.y}px`, width: `${S}px`, height: `${S}px` });
    }));
    this.root.querySelectorAll<HTMLElement>('.units').forEach((box) => {
      const l = Number(box.dataset.layer);
      box.style.left = `${left + l * step + S / 2}px`;
    });
    for (const e of this.edges) {
      const a = this.nodes[e.l - 1]![e.k]!, b = this.nodes[e.l]![e.j]!;
      const x1 = a.x + S, y1 = a.y + S / 2, x2 = b.x, y2 = b.y + S / 2, mx = (x1 + x2) / 2;
      const d = `M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}`;
      e.line.setAttribute('d', d);
      e.hit.setAttribute('d', d);
    }
  }

  update(weights: { W: Float64Array; b: Float64Array }[], images: Uint8ClampedArray[]): void {
    this.weights = weights;
    if (!this.tip.hidden) this.tipText();
    const n2 = NODE_GRID * NODE_GRID;
    this.nodes.forEach((col, l) => col.forEach((node, j) => {
      const img = images[l];
      if (img) node.ctx.putImageData(new ImageData(img.slice(j * n2 * 4, (j + 1) * n2 * 4), NODE_GRID, NODE_GRID), 0, 0);
    }));
    // (written only when they change, the width in tenths of a pixel: every line's two attributes written at every
    // frame made the browser restyle, lay out and paint the whole diagram at every epoch)
    for (const e of this.edges) {
      const w = this.weight(e.l, e.j, e.k);
      const stroke = css(w >= 0 ? POSITIVE : NEGATIVE, 0.85), width = (0.6 + Math.min(Math.abs(w), 4) * 1.6).toFixed(1);
      if (e.line.getAttribute('stroke') !== stroke) e.line.setAttribute('stroke', stroke);
      if (e.line.getAttribute('stroke-width') !== width) e.line.setAttribute('stroke-width', width);
    }
    if (this.editing) this.fillEditorValues();
  }

  weight(l: number, j: number, k: number): number {
    const W = this.weights[l - 1]?.W;
    return W ? W[j * this.sizes[l - 1]! + k]! : 0;
  }

  private showTip(l: number, j: number, k: number, e: MouseEvent): void {
    const box = this.root.parentElement!.parentElement!.getBoundingClientRect();
    this.tip.hidden = false;
    this.tipFor = { l, j, k };
    this.tipText();
    this.tip.style.left = `${e.clientX - box.left + 12}px`;
    this.tip.style.top = `${e.clientY - box.top + 12}px`;
  }

  /** The tip's text: the weight's value now (a frame that arrives while it shows updates it). */
  private tipText(): void {
    if (!this.tipFor) return;
    const { l, j, k } = this.tipFor;
    this.tip.textContent = `W[${l}](${j + 1},${k + 1}) = ${this.weight(l, j, k).toPrecision(4)}  (click to edit)`;
  }

  /** The editor for unit j of layer l: its row of W[l] and its b[l], optionally focusing weight k. */
  openEditor(l: number, j: number, focusCol?: number): void {
    this.tip.hidden = true;
    this.editing = { l, j };
    const ed = this.editor;
    ed.textContent = '';
    const title = document.createElement('h3');
    title.id = 'editor-title';
    title.textContent = `Layer ${l}, unit ${j + 1}: z = Σₖ W[${l}](${j + 1},k)·a[${l - 1}]ₖ + b[${l}](${j + 1})`;
    ed.append(title);
    const grid = document.createElement('div');
    grid.className = 'editor-grid';
    const from = (k: number) => (l === 1 ? this.labels[k]! : `unit ${k + 1}`);
    for (let k = -1; k < this.sizes[l - 1]!; k++) {
      const label = document.createElement('label');
      label.textContent = k < 0 ? `b[${l}](${j + 1}) bias` : `W[${l}](${j + 1},${k + 1}) from ${from(k)}`;
      const input = document.createElement('input');
      input.type = 'number';
      input.step = '0.1';
      input.dataset.col = String(k);
      input.addEventListener('change', () => {
        // (the text with a comma the page refused, ',5', is refused as typed: the field showed 5, and the weight became 5)
        const text = typedText(input);
        const v = Number(text);
        if (text.trim() !== '' && Number.isFinite(v)) { this.handlers.setWeight(l, j, k, v); return; }
        // (a number input holds '' for what is not a number, or for 1e309, beyond float64)
        const now = k < 0 ? this.weights[l - 1]?.b[j] ?? 0 : this.weight(l, j, k);
        const got = text !== input.value ? `; got '${text}'` : '';
        this.handlers.refuse(`${label.textContent} must be a finite number (as -0.5 or 2e3, at most 1.8e308 in magnitude)${got}; it stays ${Number(now.toPrecision(6))}.`);
        putBack(input, String(Number(now.toPrecision(6))));
      });
      input.addEventListener('keydown', (e) => { if (e.key === 'Enter') input.dispatchEvent(new Event('change')); });
      label.append(input);
      grid.append(label);
    }
    ed.append(grid);
    // (its name holds its visible word: a voice-control user says 'click Done'; it was 'Close the weight editor')
    ed.append(button('Done', 'Done: close the weight editor', () => this.closeEditor(true)));
    ed.hidden = false;
    this.fillEditorValues(true);
    const node = this.nodes[l]![j]!;
    const host = this.root.parentElement!.parentElement!.getBoundingClientRect();
    const nb = node.el.getBoundingClientRect();
    ed.style.top = `${Math.max(0, nb.bottom - host.top + 6)}px`;
    const focus = ed.querySelector<HTMLInputElement>(`input[data-col="${focusCol ?? -1}"]`) ?? ed.querySelector('input');
    focus?.focus();
    focus?.select();
  }

  private fillEditorValues(force = false): void {
    const { l, j } = this.editing!;
    this.editor.querySelectorAll<HTMLInputElement>('input').forEach((input) => {
      if (!force && document.activeElement === input) return; // do not overwrite what the user types
      const k = Number(input.dataset.col);
      const v = k < 0 ? this.weights[l - 1]?.b[j] ?? 0 : this.weight(l, j, k);
      input.value = String(Number(v.toPrecision(6)));
    });
  }

  closeEditor(returnFocus: boolean): void {
    const was = this.editing;
    this.editing = undefined;
    this.editor.hidden = true;
    if (returnFocus && was) this.nodes[was.l]?.[was.j]?.el.focus();
  }
}

function button(text: string, label: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}
