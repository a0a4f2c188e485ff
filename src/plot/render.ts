// Charts are Vega-Lite specifications rendered to SVG by Vega, and to PNG by resvg.

import * as vega from 'vega';
import * as vl from 'vega-lite';
import { Resvg } from '@resvg/resvg-js';
import { writeFileAtomic } from '../io/write-file.js';
import { OptionError } from '../errors.js';

export async function renderSvg(spec: vl.TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

export function svgToPng(svg: string): Uint8Array {
  return new Resvg(svg, { background: 'white', font: { loadSystemFonts: true } }).render().asPng();
}

/** Write a chart to FILE.svg or FILE.png (chosen by the extension), atomically. */
export async function writeChart(file: string, spec: vl.TopLevelSpec, option = '--plot'): Promise<void> {
  const lower = file.toLowerCase();
  if (!lower.endsWith('.svg') && !lower.endsWith('.png')) {
    throw new OptionError(`${option}: the file must end in .svg or .png, got '${file}'`);
  }
  const svg = await renderSvg(spec);
  await writeFileAtomic(file, lower.endsWith('.png') ? svgToPng(svg) : svg);
}
