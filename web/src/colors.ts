// Colours as in TensorFlow Playground: orange for negative / class 0, blue for positive / class 1.

export type RGB = [number, number, number];

export const NEGATIVE: RGB = [245, 147, 34];
export const POSITIVE: RGB = [8, 119, 189];
/** The neutral middle of the scales (and the plots' background): light grey, or dark grey in the dark theme (setDark). */
const MIDDLE: RGB = [232, 234, 235];
const LIGHT_MIDDLE: RGB = [232, 234, 235];
const DARK_MIDDLE: RGB = [46, 50, 56];
let dark = false;

/** Paint for the dark theme (prefers-color-scheme: dark) or the light one: the scales' middle and the plots' background. */
export function setDark(on: boolean): void {
  dark = on;
  for (let i = 0; i < 3; i++) MIDDLE[i] = (on ? DARK_MIDDLE : LIGHT_MIDDLE)[i]!;
}

export const isDark = () => dark;

/** The colours of the plots drawn in the page (canvas): background, veil over the heat map, axes, text, the curves. */
export function plotColours() {
  return dark
    ? { background: css(DARK_MIDDLE), veil: 'rgba(0, 0, 0, 0.35)', axes: '#5a6068', text: '#b0b4b9', train: '#8a8a8a', test: '#eeeeee' }
    : { background: css(LIGHT_MIDDLE), veil: 'rgba(255, 255, 255, 0.35)', axes: '#cccccc', text: '#666666', train: '#999999', test: '#111111' };
}
export const CLASS_COLORS: RGB[] = [NEGATIVE, POSITIVE, [60, 160, 70], [150, 80, 180], [210, 50, 60], [120, 90, 40], [230, 110, 180], [90, 90, 90]];

export const css = (c: RGB, alpha = 1) => `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${alpha})`;

/** v in [-1, 1] (clamped) to the orange-grey-blue scale. */
export function diverging(v: number, out: RGB = [0, 0, 0]): RGB {
  const t = Math.max(-1, Math.min(1, Number.isFinite(v) ? v : 0));
  const end = t < 0 ? NEGATIVE : POSITIVE;
  const a = Math.abs(t);
  for (let i = 0; i < 3; i++) out[i] = MIDDLE[i]! + (end[i]! - MIDDLE[i]!) * a;
  return out;
}

/** Fill RGBA pixels from values v (each mapped by `scale` to [-1, 1]). */
export function paintDiverging(values: ArrayLike<number>, offset: number, count: number, scale: (v: number) => number, rgba: Uint8ClampedArray, at: number): void {
  const c: RGB = [0, 0, 0];
  for (let k = 0; k < count; k++) {
    diverging(scale(values[offset + k]!), c);
    const p = at + 4 * k;
    rgba[p] = c[0]; rgba[p + 1] = c[1]; rgba[p + 2] = c[2]; rgba[p + 3] = 255;
  }
}

/** Class probabilities (k rows of `count` values) to a blend of the class colours (discrete: the likeliest class's colour). */
export function paintClasses(A: ArrayLike<number>, k: number, count: number, rgba: Uint8ClampedArray, discrete = false): void {
  for (let j = 0; j < count; j++) {
    let r = 0, g = 0, b = 0, best = 0;
    for (let c = 0; c < k; c++) {
      const p = A[c * count + j]!;
      const col = CLASS_COLORS[c % CLASS_COLORS.length]!;
      if (discrete) {
        if (p > best) [r, g, b, best] = [col[0], col[1], col[2], p];
        continue;
      }
      r += p * col[0]; g += p * col[1]; b += p * col[2];
      best = Math.max(best, p);
    }
    if (discrete) best = 1;
    // fade towards the neutral grey where the network is unsure
    const t = k > 1 ? Math.max(0, (best - 1 / k) / (1 - 1 / k)) : 1;
    const q = 4 * j;
    rgba[q] = MIDDLE[0] + (r - MIDDLE[0]) * t;
    rgba[q + 1] = MIDDLE[1] + (g - MIDDLE[1]) * t;
    rgba[q + 2] = MIDDLE[2] + (b - MIDDLE[2]) * t;
    rgba[q + 3] = 255;
  }
}

/** Values in [0, 1] (a class probability) from the neutral grey to one class colour. */
export function paintIntensity(values: ArrayLike<number>, offset: number, count: number, colour: RGB, rgba: Uint8ClampedArray, at: number): void {
  for (let k = 0; k < count; k++) {
    const t = Math.max(0, Math.min(1, values[offset + k]!));
    const p = at + 4 * k;
    for (let i = 0; i < 3; i++) rgba[p + i] = MIDDLE[i]! + (colour[i]! - MIDDLE[i]!) * t;
    rgba[p + 3] = 255;
  }
}
