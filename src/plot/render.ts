// Charts are Vega-Lite specifications rendered to SVG by Vega, and to PNG by resvg. Both are
// optional peer dependencies, loaded on the first call (see docs/packaging.md).

import { checkReplaceable, writeFileAtomic } from '../io/write-file.js';
import { OptionError } from '../errors.js';
import { missingDependency } from '../optional.js';
import { checkObjectArgument, checkStringArgument } from '../util/arguments.js';
import { checkFileArgument } from '../io/arguments.js';
import type { ChartSpec } from './spec.js';
import { crc32 } from '../util/crc32.js';

const PURPOSE = 'drawing charts';

/** Render a Vega-Lite spec to an SVG string (needs the optional packages vega and vega-lite). */
export async function renderSvg(spec: ChartSpec): Promise<string> {
  checkObjectArgument('renderSvg', 'spec', spec, 'a Vega-Lite specification (an object, e.g. from costCurveSpec)');
  let vega: typeof import('vega');
  let vl: typeof import('vega-lite');
  try {
    vega = await import('vega');
    vl = await import('vega-lite');
  } catch (e) {
    throw missingDependency(e, ['vega', 'vega-lite'], PURPOSE);
  }
  let view: import('vega').View;
  try {
    view = new vega.View(vega.parse(vl.compile(spec as unknown as import('vega-lite').TopLevelSpec).spec), { renderer: 'none' });
  } catch (e) {
    // an object that is no chart ({}) failed with vega-lite's own Error
    throw new OptionError(`renderSvg: spec is no chart Vega-Lite can draw (${(e as Error).message.split('\n')[0]}); give one from costCurveSpec, gradientNormsSpec or decisionBoundarySpec`);
  }
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

/** Rasterize an SVG to PNG bytes on a white background (needs the optional package @resvg/resvg-js). */
export async function svgToPng(svg: string): Promise<Uint8Array> {
  checkStringArgument('svgToPng', 'svg', svg, 'SVG text (a string, from renderSvg)');
  let resvg: typeof import('@resvg/resvg-js');
  try {
    resvg = await import('@resvg/resvg-js');
  } catch (e) {
    throw missingDependency(e, ['@resvg/resvg-js'], 'PNG charts');
  }
  const { Resvg } = resvg;
  // text that is no SVG failed with resvg's "SVG data parsing failed cause unknown token at 1:1"
  if (!/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/.test(svg)) {
    throw new OptionError(`svgToPng: svg must be SVG text (a string, from renderSvg), got text that begins '${svg.slice(0, 30).replace(/\s+/g, ' ')}'`);
  }
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

/** The mark of a chart file this library wrote: an SVG comment, a PNG tEXt chunk (keyword Software). */
export const CHART_MARK = 'Software: backprop';
const SVG_MARK = `<!-- ${CHART_MARK} -->`;
const PNG_KEYWORD = 'Software', PNG_TEXT = 'backprop';

/**
 * What a chart may replace: a chart this library wrote (marked, see CHART_MARK). `--plot notes.png`
 * replaced any file of that name, a photo or a figure of another tool.
 */
export function checkChartTarget(file: string): void {
  checkFileArgument('checkChartTarget', file);
  checkReplaceable(file, `a chart written by backprop (an SVG or PNG marked '${CHART_MARK}')`, (head) =>
    svgMarked(head.replace(/^\ufeff/, '')) || (/^\ufffdPNG\r\n/.test(head) && head.includes(`tEXt${PNG_KEYWORD}\u0000${PNG_TEXT}`)));
}

/** The mark first inside the root element. */
function svgMarked(text: string): boolean {
  const open = /^<svg[^>]*>/.exec(text);
  return open !== null && text.startsWith(SVG_MARK, open[0].length);
}

/** An SVG with the mark of this library first inside its root element (the file still begins '<svg'). */
export function markSvg(svg: string): string {
  const open = /^<svg[^>]*>/.exec(svg);
  if (!open) throw new OptionError(`markSvg: not an SVG document (it does not begin '<svg'): '${svg.slice(0, 20)}'`);
  const end = open[0].length;
  return svg.startsWith(SVG_MARK, end) ? svg : svg.slice(0, end) + SVG_MARK + svg.slice(end);
}

/** PNG bytes with a tEXt chunk 'Software' = 'backprop' right after the IHDR chunk (as PNG asks of tEXt). */
export function markPng(png: Uint8Array): Uint8Array {
  const ihdrEnd = 8 + 4 + 4 + 13 + 4;
  const data = new TextEncoder().encode(`tEXt${PNG_KEYWORD}\u0000${PNG_TEXT}`); // chunk type + data, what the CRC covers
  const chunk = new Uint8Array(4 + data.length + 4);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length - 4);
  chunk.set(data, 4);
  view.setUint32(4 + data.length, crc32(data));
  const out = new Uint8Array(png.length + chunk.length);
  out.set(png.subarray(0, ihdrEnd));
  out.set(chunk, ihdrEnd);
  out.set(png.subarray(ihdrEnd), ihdrEnd + chunk.length);
  return out;
}

/**
 * Write a chart to FILE.svg or FILE.png (chosen by the extension), atomically, marked as ours; an
 * existing file that is not a chart of ours is refused (checkChartTarget), never replaced.
 */
export async function writeChart(file: string, spec: ChartSpec, option = '--plot'): Promise<void> {
  checkFileArgument('writeChart', file);
  checkObjectArgument('writeChart', 'spec', spec, 'a Vega-Lite specification (an object, e.g. from costCurveSpec)');
  const lower = file.toLowerCase();
  if (!lower.endsWith('.svg') && !lower.endsWith('.png')) {
    throw new OptionError(`${option}: the file must end in .svg or .png, got '${file}'`);
  }
  checkChartTarget(file);
  const svg = await renderSvg(spec);
  await writeFileAtomic(file, lower.endsWith('.png') ? markPng(await svgToPng(svg)) : markSvg(svg));
}
