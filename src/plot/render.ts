// Charts are Vega-Lite specifications rendered to SVG by Vega, and to PNG by resvg. Both are
// optional peer dependencies, loaded on the first call (see docs/packaging.md).

import { writeFileAtomic } from '../io/write-file.js';
import { OptionError } from '../errors.js';
import { missingDependency } from '../optional.js';
import type { ChartSpec } from './spec.js';

const PURPOSE = 'drawing charts';

/** Render a Vega-Lite spec to an SVG string (needs the optional packages vega and vega-lite). */
export async function renderSvg(spec: ChartSpec): Promise<string> {
  let vega: typeof import('vega');
  let vl: typeof import('vega-lite');
  try {
    vega = await import('vega');
    vl = await import('vega-lite');
  } catch (e) {
    throw missingDependency(e, ['vega', 'vega-lite'], PURPOSE);
  }
  const view = new vega.View(vega.parse(vl.compile(spec as unknown as import('vega-lite').TopLevelSpec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

/** Rasterize an SVG to PNG bytes on a white background (needs the optional package @resvg/resvg-js). */
export async function svgToPng(svg: string): Promise<Uint8Array> {
  let resvg: typeof import('@resvg/resvg-js');
  try {
    resvg = await import('@resvg/resvg-js');
  } catch (e) {
    throw missingDependency(e, ['@resvg/resvg-js'], 'PNG charts');
  }
  const { Resvg } = resvg;
  return new Resvg(svg, { background: 'white', font: { loadSystemFonts: true } }).render().asPng();
}

/**
 * Throw the MissingDependencyError that writing these chart files would throw, before the work that
 * precedes the chart (a command checks this before it trains): the chart packages when any file is
 * given, and @resvg/resvg-js too when one is a .png.
 */
export async function checkChartPackages(files: (string | undefined)[]): Promise<void> {
  const given = files.filter((f): f is string => f !== undefined);
  if (given.length === 0) return;
  try {
    await import('vega');
    await import('vega-lite');
  } catch (e) {
    throw missingDependency(e, ['vega', 'vega-lite'], PURPOSE);
  }
  if (!given.some((f) => f.toLowerCase().endsWith('.png'))) return;
  try {
    await import('@resvg/resvg-js');
  } catch (e) {
    throw missingDependency(e, ['@resvg/resvg-js'], 'PNG charts');
  }
}

/** Write a chart to FILE.svg or FILE.png (chosen by the extension), atomically. */
export async function writeChart(file: string, spec: ChartSpec, option = '--plot'): Promise<void> {
  const lower = file.toLowerCase();
  if (!lower.endsWith('.svg') && !lower.endsWith('.png')) {
    throw new OptionError(`${option}: the file must end in .svg or .png, got '${file}'`);
  }
  const svg = await renderSvg(spec);
  await writeFileAtomic(file, lower.endsWith('.png') ? await svgToPng(svg) : svg);
}
