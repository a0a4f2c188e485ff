// What a PNG's chunks say before it is decoded, for a check a decoder does not make: whether the
// image data holds every row its header promises (pngjs decoded image data that inflated to 20 of
// the 72 bytes an 8 x 8 grey picture needs, silently, into a picture).

import { inflateSync } from 'node:zlib';

/** Samples per pixel of each PNG colour type (grey, RGB, palette, grey + alpha, RGBA). */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** The seven passes of Adam7 interlacing: first column and row, column and row steps. */
const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] as const;

/** Bytes the image data of a PNG with this header inflates to: each row a filter byte and its samples. */
function inflatedSize(width: number, height: number, depth: number, colourType: number, interlaced: boolean): number {
  const row = (w: number) => 1 + Math.ceil((w * (CHANNELS[colourType] ?? 4) * depth) / 8);
  if (!interlaced) return height * row(width);
  let total = 0;
  for (const [x0, y0, dx, dy] of ADAM7) {
    const w = Math.ceil((width - x0) / dx), h = Math.ceil((height - y0) / dy);
    if (w > 0 && h > 0) total += h * row(w);
  }
  return total;
}

/**
 * When the image data (the IDAT chunks, inflated) is shorter than the header's size needs: the bytes
 * it has and needs; undefined when it is whole, or when it does not inflate (the decoder says so then).
 */
export function pngDataShortfall(bytes: Buffer): { have: number; need: number } | undefined {
  const parts: Buffer[] = [];
  for (let at = 8; at + 8 <= bytes.length; ) {
    const length = bytes.readUInt32BE(at), type = bytes.toString('latin1', at + 4, at + 8);
    if (type === 'IEND') break;
    if (type === 'IDAT') parts.push(bytes.subarray(at + 8, Math.min(bytes.length, at + 8 + length)));
    at += 12 + length;
  }
  const need = inflatedSize(bytes.readUInt32BE(16), bytes.readUInt32BE(20), bytes[24]!, bytes[25]!, bytes[28] === 1);
  let have: number;
  try {
    have = inflateSync(Buffer.concat(parts), { maxOutputLength: need + 1 }).length;
  } catch {
    return undefined;
  }
  return have < need ? { have, need } : undefined;
}
