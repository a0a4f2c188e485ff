// Image folders -> Dataset: one sub-folder per class (class order = folder names sorted) holding
// PNG or JPEG files. Each image is resized (bilinear) to width x height (by default the images' own
// size when they all share one), made RGB (alpha dropped, grey repeated) or one grey level per pixel
// (by default when every file holds grey levels only), flattened in (height, width, channel) order
// and scaled by 1/255: one column each.

import { readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, extname, join, relative, sep } from 'node:path';
import jpeg from 'jpeg-js';
import type * as Pngjs from 'pngjs';
import { NEAR_DUPLICATE_TEXT, nearDuplicateNames, nearNameText } from '../util/names.js';
import { checkOptionShapes, type OptionKind } from '../util/known-keys.js';
import { DataError, MissingDependencyError, OptionError } from '../errors.js';
import { checkDTypeOption, Matrix, type DType } from '../tensor/matrix.js';
import { checkInput, describeReadError, readBytes, readHead } from './files.js';
import { showPath } from '../io/path-text.js';
import { requireDependency } from '../util/require-dependency.js';
import type { Dataset } from './synthetic.js';
import { envVar } from '../util/env.js';
import { pngDataShortfall } from './png-chunks.js';
import { crc32 } from '../util/crc32.js';
import { foreignFileKind } from '../util/file-kind.js';

export interface ImageFolderOptions {
  /** Pixels across and down that every image is resized to; default: the images' own size when they all share one (up to AUTO_MAX_PIXELS), else 64 x 64. */
  width?: number;
  height?: number;
  /** 3: red, green and blue per pixel; 1: one grey level per pixel; default: 1 when every file is a grey-level PNG or JPEG, else 3. */
  channels?: 1 | 3;
  /** Class names in index order from training; the folder's sub-folders must be among them. */
  classes?: string[];
  /** Accept a folder of images without class sub-folders (Y is then NaN); default false. */
  allowUnlabeled?: boolean;
  name?: string;
  /** Called with one warning naming the files that are not read (not PNG or JPEG, or outside the class sub-folders). */
  warn?: (message: string) => void;
  /**
   * The number type of X: 'float32' (default) or 'float64', resized and scaled to 0..1 in double
   * precision (a float64 network's gradient check saw the pixels of a float32 resize, rounded).
   */
  dtype?: DType;
}

/** What is needed to load a matching folder the same way. */
export interface ImageSchema {
  format: 'images';
  width: number;
  height: number;
  /** Values per pixel; absent in the files of models saved before it was recorded: 3. */
  channels?: 1 | 3;
  classes: string[];
}

/** The size images are resized to when neither the options nor the images decide it (the course's cat pictures). */
export const DEFAULT_IMAGE_SIDE = 64;
/** The most pixels of the images' own size taken by default (256 x 256): larger images are resized to the default size. */
export const AUTO_MAX_PIXELS = 256 * 256;

export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg'];
const isImage = (file: string) => IMAGE_EXTENSIONS.includes(extname(file).toLowerCase()) && !file.startsWith('.');

/** A decoded image: width x height pixels of 4 bytes (red, green, blue, alpha). */
export interface Rgba { width: number; height: number; data: Uint8Array }

/**
 * Largest picture decoded by default: 40 million pixels (a photo is 10 to 50 million) are 160 MB of
 * RGBA, plus as much again of inflated PNG rows while decoding; 16-bit PNGs count double.
 */
export const DEFAULT_MAX_IMAGE_PIXELS = 40e6;
export const MAX_IMAGE_PIXELS_ENV = 'BACKPROP_MAX_IMAGE_PIXELS';

function maxImagePixels(): number {
  const raw = envVar(MAX_IMAGE_PIXELS_ENV);
  if (raw === undefined || raw.trim() === '') return DEFAULT_MAX_IMAGE_PIXELS;
  const v = Number(raw);
  if (!(Number.isFinite(v) && v >= 1)) throw new OptionError(`the environment variable ${MAX_IMAGE_PIXELS_ENV} must be a number of pixels, got '${raw}'`);
  return v;
}

function checkPixels(path: string, width: number, height: number, weight = 1): void {
  const max = maxImagePixels();
  if (width * height * weight > max) {
    const depth = weight > 1 ? ' at 16 bits per channel (counted double)' : '';
    throw new DataError(`${showPath(path)}: ${width} x ${height} pixels${depth} is too large to decode: the limit is ${max / 1e6} million pixels; raise it with the environment variable ${MAX_IMAGE_PIXELS_ENV}`);
  }
}

let pngjs: typeof Pngjs | undefined;

/**
 * pngjs, required on the first PNG, synchronously. It is CommonJS and requires Node's built-ins (zlib,
 * stream, util), which a bundle in ES module format cannot do (esbuild `--format=esm`: "Dynamic require
 * of "util" is not supported", at start, had it been imported): see requireDependency.
 */
function pngDecoder(): typeof Pngjs.PNG {
  pngjs ??= requireDependency<typeof Pngjs>('pngjs', 'reading PNG images');
  return pngjs.PNG;
}

/** Decode a PNG or JPEG file to RGBA bytes. */
export function decodeImage(path: string): Rgba {
  const bytes = Buffer.from(readBytes(path)); // PNG and JPEG are never gzip'd, so these are the file's bytes
  if (bytes.length === 0) throw new DataError(`${path}: the file is empty (0 bytes), not a PNG or JPEG image`);
  maxImagePixels(); // a bad limit is said as such here, not as a file that does not decode
  try {
    if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
      checkPngHeader(path, bytes);
      // the size is in the header (IHDR): refuse a picture whose pixels would not fit in memory before decoding it
      const w = bytes.length >= 24 ? bytes.readUInt32BE(16) : 0, h = bytes.length >= 24 ? bytes.readUInt32BE(20) : 0;
      checkPixels(path, w, h, bytes.length >= 25 && bytes[24] === 16 ? 2 : 1);
      if (bytes.length >= 24) checkNotEmpty(path, { width: w, height: h, data: new Uint8Array(0) }); // pngjs reads past an empty picture's data
      checkStillPng(path, bytes);
      const short = pngDataShortfall(bytes);
      if (short) throw new DataError(`${path}: cannot decode the image: the PNG file is damaged: its image data holds ${short.have} of the ${short.need} bytes its ${w} x ${h} pixels need (re-save or re-download it)`);
      const png = pngDecoder().sync.read(bytes); // any bit depth / colour type -> 8-bit RGBA
      return checkNotEmpty(path, { width: png.width, height: png.height, data: png.data });
    }
    if (bytes[0] === 0xff && bytes[1] === 0xd8) {
      const frame = jpegFrame(bytes);
      if (frame) { checkJpegFrame(path, frame); checkPixels(path, frame.width, frame.height); checkNotEmpty(path, { ...frame, data: new Uint8Array(0) }); }
      const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: maxImagePixels() / 1e6, maxMemoryUsageInMB: 1024 });
      return checkNotEmpty(path, { width: img.width, height: img.height, data: img.data });
    }
  } catch (e) {
    if (e instanceof DataError || e instanceof MissingDependencyError) throw e;
    throw new DataError(`${path}: cannot decode the image: ${whyNotDecoded(bytes)}`);
  }
  // a WebP or HEIC picture named .jpg, or a web page saved as one, was only 'not a PNG or JPEG image'
  const kind = foreignFileKind(bytes);
  throw new DataError(`${path}: not a PNG or JPEG image${kind ? `: it is ${kind}` : ''}`);
}

/**
 * A PNG's first chunk is its header (IHDR: size, depth, colour type), checked by its CRC before its
 * size is read: a damaged file was said to be a picture of 1731738519 x 1821879136 pixels, too
 * large to decode (raise the limit), and raising the limit then gave "cut short".
 */
function checkPngHeader(path: string, bytes: Buffer): void {
  const damaged = (why: string) => new DataError(`${path}: cannot decode the image: the PNG file is damaged: ${why} (re-save or re-download it)`);
  if (bytes.length < 33) throw new DataError(`${path}: cannot decode the image: ${whyNotDecoded(bytes)}`);
  if (bytes.readUInt32BE(8) !== 13 || bytes.toString('latin1', 12, 16) !== 'IHDR') throw damaged('it does not start with its header chunk (IHDR)');
  if (crc32(bytes.subarray(12, 29)) !== bytes.readUInt32BE(29)) throw damaged('its header chunk (IHDR) fails its checksum');
}

/**
 * Why a PNG or JPEG did not decode, in our words (the decoders' own, "invalid distance too far back"
 * or "unexpected end of data", said nothing a user could act on): cut short when the file does not
 * end with the format's closing mark (PNG's IEND chunk, JPEG's end-of-image marker), else damaged.
 */
function whyNotDecoded(bytes: Buffer): string {
  const png = bytes[0] === 0x89;
  const kind = png ? 'PNG' : 'JPEG';
  // (bytes after the closing mark are common, e.g. a camera's trailer: the mark anywhere past the header counts)
  const closed = png ? bytes.lastIndexOf('IEND', undefined, 'latin1') > 8 : bytes.lastIndexOf(Buffer.from([0xff, 0xd9])) > 2;
  if (!closed) return `the ${kind} file is cut short: it ends after ${bytes.length} bytes, before its ${png ? 'closing IEND chunk' : 'end-of-image marker'} (an interrupted download or copy?)`;
  return `the ${kind} file is damaged: its image data does not decode (re-save or re-download it)`;
}

/** A decoded picture with no pixels (a header of width or height 0) would resize to NaN: refused by name. */
function checkNotEmpty(path: string, img: Rgba): Rgba {
  if (!(img.width > 0 && img.height > 0)) throw new DataError(`${path}: the image is ${img.width} x ${img.height} pixels: it has no pixels to read`);
  return img;
}

/**
 * An animated PNG (APNG: an acTL chunk before the image data) of more than one frame was read as its
 * still default image, silently: a model trained on or predicting from one frame of an animation the
 * user did not choose. Refused by name; a one-frame APNG is a still picture.
 */
function checkStillPng(path: string, bytes: Buffer): void {
  let at = 8;
  while (at + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(at), type = bytes.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT' || type === 'IEND') return;
    if (type === 'acTL' && at + 12 <= bytes.length) {
      const frames = bytes.readUInt32BE(at + 8);
      if (frames > 1) throw new DataError(`${showPath(path)}: an animated PNG (APNG) of ${frames} frames: only still images are read; save the frame you want as a still PNG`);
    }
    at += 12 + length;
  }
}

interface JpegFrame { marker: number; precision: number; components: number; width: number; height: number; adobe: boolean }

/** The start-of-frame marker (SOF0..SOF15 but DHT, JPG, DAC) of a JPEG, with what it declares, and whether an Adobe (APP14) mark came before it. */
function jpegFrame(bytes: Buffer): JpegFrame | undefined {
  let at = 2, adobe = false;
  while (at + 9 < bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    if (marker === 0xee && bytes.toString('latin1', at + 4, at + 9) === 'Adobe') adobe = true;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { marker, precision: bytes[at + 4]!, height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7), components: bytes[at + 9] ?? 0, adobe };
    }
    at += 2 + bytes.readUInt16BE(at + 2);
  }
  return undefined;
}

/**
 * The JPEG kinds the decoder does not read were said to be damaged files (arithmetic coding, lossless,
 * hierarchical), and 12-bit samples would have decoded as 8-bit ones: each named, with what to do.
 * Baseline, extended and progressive Huffman JPEGs of 1, 3 or 4 (Adobe CMYK or YCCK) components decode.
 */
function checkJpegFrame(path: string, f: JpegFrame): void {
  const sof = `SOF${f.marker - 0xc0}`;
  const resave = 're-save it as a baseline JPEG or a PNG';
  if (f.marker >= 0xc9) throw new DataError(`${showPath(path)}: an arithmetic-coded JPEG (${sof}), which the decoder does not read; ${resave}`);
  if (f.marker === 0xc3 || f.marker === 0xc7) throw new DataError(`${showPath(path)}: a lossless JPEG (${sof}), which the decoder does not read; ${resave}`);
  if (f.marker === 0xc5 || f.marker === 0xc6) throw new DataError(`${showPath(path)}: a hierarchical JPEG (${sof}), which the decoder does not read; ${resave}`);
  if (f.precision !== 8) throw new DataError(`${showPath(path)}: a JPEG of ${f.precision}-bit samples; only 8-bit JPEGs are read; ${resave}`);
  if (f.components === 2 || f.components > 4 || (f.components === 4 && !f.adobe)) {
    throw new DataError(`${showPath(path)}: a JPEG of ${f.components} colour components${f.components === 4 ? ' without an Adobe colour mark (CMYK of unknown kind)' : ''}; only grey, RGB (YCbCr) and Adobe CMYK/YCCK JPEGs are read; ${resave}`);
  }
}

/** Pixel values in the precision of a dtype. */
type Pixels = Float32Array | Float64Array;
const pixelArray = (dtype: DType, n: number): Pixels => (dtype === 'float64' ? new Float64Array(n) : new Float32Array(n));

/**
 * Resize RGBA pixels to width x height RGB values in 0..255 (alpha dropped), bilinear with
 * half-pixel centres (as OpenCV's INTER_LINEAR), in (height, width, channel) order; float32 values
 * unless `dtype` is 'float64'.
 */
export function resizeBilinear(img: Rgba, width: number, height: number, dtype?: 'float32'): Float32Array;
export function resizeBilinear(img: Rgba, width: number, height: number, dtype: DType): Float32Array | Float64Array;
export function resizeBilinear(img: Rgba, width: number, height: number, dtype: DType = 'float32'): Float32Array | Float64Array {
  checkDTypeOption(dtype, 'resizeBilinear: dtype');
  const out = pixelArray(dtype, width * height * 3);
  const { data, width: sw, height: sh } = img;
  const clamp = (v: number, max: number) => (v < 0 ? 0 : v > max ? max : v);
  for (let y = 0; y < height; y++) {
    const sy = clamp((y + 0.5) * (sh / height) - 0.5, sh - 1);
    const y0 = Math.floor(sy), y1 = Math.min(y0 + 1, sh - 1), fy = sy - y0;
    for (let x = 0; x < width; x++) {
      const sx = clamp((x + 0.5) * (sw / width) - 0.5, sw - 1);
      const x0 = Math.floor(sx), x1 = Math.min(x0 + 1, sw - 1), fx = sx - x0;
      const a = (y0 * sw + x0) * 4, b = (y0 * sw + x1) * 4, c = (y1 * sw + x0) * 4, d = (y1 * sw + x1) * 4;
      for (let ch = 0; ch < 3; ch++) {
        const top = data[a + ch]! + (data[b + ch]! - data[a + ch]!) * fx;
        const bottom = data[c + ch]! + (data[d + ch]! - data[c + ch]!) * fx;
        out[(y * width + x) * 3 + ch] = top + (bottom - top) * fy;
      }
    }
  }
  return out;
}

/** Most pixels images are resized to: 3 inputs per pixel, and beyond this the first layer alone would not fit in memory. */
export const MAX_RESIZE_PIXELS = 2048 * 2048;

function checkSize(width: number, height: number): void {
  if (!(Number.isInteger(width) && width > 0 && Number.isInteger(height) && height > 0)) {
    throw new OptionError(`image size must be whole numbers of pixels > 0, got ${width} x ${height}`);
  }
  if (width * height > MAX_RESIZE_PIXELS) throw new OptionError(`image size ${width} x ${height} is too large: at most ${MAX_RESIZE_PIXELS} pixels (e.g. 2048 x 2048)`);
}

/** One image file as a (height*width*channels) x 1 column in [0, 1], for predicting; float32 unless `dtype` says float64 (a float64 model's). */
export function loadImageAsColumn(path: string, width = DEFAULT_IMAGE_SIDE, height = DEFAULT_IMAGE_SIDE, channels: 1 | 3 = 3, dtype: DType = 'float32'): Matrix {
  checkSize(width, height);
  checkChannels(channels);
  checkDTypeOption(dtype, 'loadImageAsColumn: dtype');
  const pixels = inChannels(resizeBilinear(decodeImage(path), width, height, dtype), channels);
  for (let i = 0; i < pixels.length; i++) pixels[i]! /= 255;
  return new Matrix(pixels.length, 1, pixels, dtype);
}

function checkChannels(channels: unknown): void {
  if (channels !== 1 && channels !== 3) throw new OptionError(`channels must be 1 (grey levels) or 3 (red, green, blue), got ${String(channels)}`);
}

/**
 * RGB values (as resizeBilinear gives them) as `channels` values per pixel: themselves (3), or one
 * grey level (1): the luma Y = 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601, as Pillow's and Keras's
 * grey conversions), and a grey pixel's own level exactly.
 */
export function inChannels<T extends Float32Array | Float64Array>(rgb: T, channels: 1 | 3): T {
  if (channels === 3) return rgb;
  const grey = pixelArray(rgb instanceof Float64Array ? 'float64' : 'float32', rgb.length / 3) as T;
  for (let p = 0; p < grey.length; p++) {
    const r = rgb[3 * p]!, g = rgb[3 * p + 1]!, b = rgb[3 * p + 2]!;
    grey[p] = r === g && g === b ? r : 0.299 * r + 0.587 * g + 0.114 * b;
  }
  return grey;
}

/** What an image file's header says: its size, and whether it holds grey levels only (a PNG of colour type 0 or 4, a JPEG of one component). */
interface ImageHeader { width: number; height: number; grey: boolean }

/** Bytes of a file read to find its header (a JPEG's frame comes after its EXIF and other marks, most often within these). */
const HEADER_BYTES = 1 << 16;

/** The header of a PNG or JPEG file, from its first bytes (all of them when a JPEG's frame lies further); undefined when it has none (decodeImage then says why). */
function imageHeader(path: string): ImageHeader | undefined {
  const head = (bytes: Buffer): ImageHeader | undefined => {
    if (bytes.length >= 26 && bytes[0] === 0x89 && bytes.toString('latin1', 12, 16) === 'IHDR') {
      return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), grey: bytes[25] === 0 || bytes[25] === 4 };
    }
    const frame = bytes[0] === 0xff && bytes[1] === 0xd8 ? jpegFrame(bytes) : undefined;
    return frame && { width: frame.width, height: frame.height, grey: frame.components === 1 };
  };
  try {
    const read = readHead(path, HEADER_BYTES);
    const bytes = Buffer.from(read.buffer, read.byteOffset, read.length);
    return head(bytes) ?? (bytes.length === HEADER_BYTES ? head(Buffer.from(readBytes(path))) : undefined);
  } catch {
    return undefined;
  }
}

/**
 * The size and channels of a folder's images, where the options leave them: the images' own size
 * when every header gives the same one (up to AUTO_MAX_PIXELS), else DEFAULT_IMAGE_SIDE square with a
 * warning; one grey level per pixel when every file holds grey levels only, else RGB.
 */
function imageShape(files: ImageFile[], options: ImageFolderOptions): { width: number; height: number; channels: 1 | 3 } {
  const { width, height, channels } = options;
  if (width !== undefined && height !== undefined && channels !== undefined) return { width, height, channels };
  const heads = files.map((f) => imageHeader(f.path));
  const known = heads.filter((h): h is ImageHeader => h !== undefined);
  const first = known[0];
  const same = first !== undefined && known.length === heads.length && known.every((h) => h.width === first.width && h.height === first.height);
  const own = same && first.width * first.height <= AUTO_MAX_PIXELS;
  // (a file without a header is refused by decodeImage, by name: no warning about sizes before that)
  if (width === undefined && height === undefined && !own && known.length === heads.length && known.length > 0) options.warn?.(sizeWarning(known));
  return {
    width: width ?? (own ? first.width : DEFAULT_IMAGE_SIDE),
    height: height ?? (own ? first.height : DEFAULT_IMAGE_SIDE),
    channels: channels ?? (known.length === heads.length && known.every((h) => h.grey) ? 1 : 3),
  };
}

/** Why the images are resized to the default size: they differ in size, or their one size is large. */
function sizeWarning(heads: ImageHeader[]): string {
  const side = `${DEFAULT_IMAGE_SIDE} x ${DEFAULT_IMAGE_SIDE}`;
  const px = (h: ImageHeader) => h.width * h.height;
  const small = heads.reduce((a, h) => (px(h) < px(a) ? h : a)), large = heads.reduce((a, h) => (px(h) > px(a) ? h : a));
  // (8 x 8 and 16 x 4 have one count of pixels: they were said to be one size, 'more than the 65536 pixels taken as they are')
  const other = heads.find((h) => h.width !== heads[0]!.width || h.height !== heads[0]!.height);
  const why = !other
    ? `the images are ${small.width} x ${small.height} pixels, more than the ${AUTO_MAX_PIXELS} pixels taken as they are`
    : `the images are not all one size (${px(small) === px(large) ? `${heads[0]!.width} x ${heads[0]!.height} and ${other.width} x ${other.height}` : `${small.width} x ${small.height} to ${large.width} x ${large.height}`} pixels)`;
  return `${why}: each is resized to ${side}; choose the size with --image-size WxH (width and height in the library)`;
}

/**
 * One image as a grey-level column (width * height values in [0, 1], row-major), for models trained on
 * MNIST-style data. With invert 'auto', a picture that is mostly light (a dark digit on paper) is
 * inverted to MNIST's light-on-dark; returns whether it was.
 */
export function loadGreyImageAsColumn(path: string, width: number, height: number, invert: 'auto' | boolean = 'auto', dtype: DType = 'float32'): { X: Matrix; inverted: boolean } {
  const rgb = resizeBilinear(decodeImage(path), width, height, dtype);
  const grey = pixelArray(dtype, width * height);
  let mean = 0;
  for (let i = 0; i < grey.length; i++) {
    grey[i] = (rgb[3 * i]! + rgb[3 * i + 1]! + rgb[3 * i + 2]!) / (3 * 255);
    mean += grey[i]! / grey.length;
  }
  const inverted = invert === 'auto' ? mean > 0.5 : invert;
  if (inverted) for (let i = 0; i < grey.length; i++) grey[i] = 1 - grey[i]!;
  return { X: new Matrix(grey.length, 1, grey, dtype), inverted };
}

/** The sorted names in a folder; an unreadable folder is a one-line DataError. */
function listFolder(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch (e) {
    throw new DataError(describeReadError(dir, e));
  }
}

/** Whether an entry is a folder (links followed); a dangling link or a link loop is a one-line DataError. */
function isFolderEntry(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch (e) {
    throw new DataError(describeReadError(p, e));
  }
}

interface ImageFile { path: string; label: number }

/**
 * The names under a class sub-folder, its own sub-folders' too ('2019/img1.png'), in sorted order,
 * depth first: as torchvision's ImageFolder and Keras' image_dataset_from_directory read a class (a
 * class kept in dated sub-folders lost those images with a warning). Names starting with '.' are
 * passed over; a folder reached twice through links is read once.
 */
function namesUnder(dir: string, checkFolder: (path: string) => void, seen = new Set<string>()): string[] {
  const real = realpathSync(dir);
  if (seen.has(real)) return [];
  seen.add(real);
  return listFolder(dir).filter((n) => !n.startsWith('.')).flatMap((n) => {
    if (!isFolderEntry(join(dir, n))) return [n];
    checkFolder(join(dir, n));
    return namesUnder(join(dir, n), checkFolder, seen).map((m) => `${n}/${m}`);
  });
}

/**
 * The check of a folder met inside class sub-folder `folder` of `dir` (followed through links): one
 * that is the data folder or above it, or another class's folder, would read other classes' images as
 * this class (a link 'cat/up' -> '..' read every dog as a cat, silently). Class folders that are one
 * folder (two links to it) would read each image as both. Refused, naming the link.
 */
function linkCheck(dir: string, folders: string[]): (folder: string) => (path: string) => void {
  const root = realpathSync(dir);
  const classOf = new Map<string, string>();
  for (const f of folders) {
    const real = realpathSync(join(dir, f));
    const twin = classOf.get(real);
    if (twin !== undefined) throw new DataError(`${showPath(dir)}: class sub-folders '${twin}' and '${f}' are one folder (${showPath(real)}, through links): each image would be read as both classes; give each class a folder of its own`);
    classOf.set(real, f);
  }
  return (folder) => (path) => {
    const real = realpathSync(path);
    const other = classOf.get(real);
    const what = real === root || root.startsWith(real + sep) ? `the data folder ${showPath(dir)}${real === root ? '' : ' or above it'}` : other !== undefined && other !== folder ? `class sub-folder '${other}'` : undefined;
    if (what) throw new DataError(`${showPath(path)}: a link to ${what}, inside class sub-folder '${folder}': the images of other classes would be read as '${folder}'; remove the link`);
  };
}

/**
 * What the class sub-folders hold when no file is a PNG or JPEG image: the files by extension
 * ('; they hold 8 other files (.webp 8): only PNG and JPEG images are read; convert them'), or ''. A
 * folder of WebP, GIF, BMP or TIFF pictures was "no PNG or JPEG images found", whatever it held.
 */
function otherFilesText(dir: string, folders: string[]): string {
  const names = folders.flatMap((f) => namesUnder(join(dir, f), () => {}));
  if (names.length === 0) return '';
  const byKind = new Map<string, number>();
  for (const n of names) byKind.set(extname(n).toLowerCase() || 'no extension', (byKind.get(extname(n).toLowerCase() || 'no extension') ?? 0) + 1);
  const kinds = [...byKind].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, c]) => `${k} ${c}`).join(', ');
  return `; the class sub-folders hold ${names.length} other file${names.length === 1 ? '' : 's'} (${kinds}${byKind.size > 5 ? ', ...' : ''}): only PNG and JPEG images are read; convert them`;
}

/**
 * The images of the class sub-folders, with their class index. When the classes are learned, a
 * sub-folder without images is a class without examples: an error naming it (unless no folder has
 * any); with the training's classes it is passed over. Files that are not read are named in one warning.
 */
function labelledImages(dir: string, folders: string[], entries: string[], options: ImageFolderOptions): { files: ImageFile[]; classes: string[] } {
  const check = linkCheck(dir, folders);
  const listed = folders.map((f) => ({ folder: f, names: namesUnder(join(dir, f), check(f)) }));
  const empty = listed.filter((l) => !l.names.some(isImage)).map((l) => l.folder);
  if (!options.classes && empty.length > 0 && empty.length < folders.length) {
    throw new DataError(`${join(dir, empty[0]!)}: class sub-folder${empty.length > 1 ? `s '${empty.join("', '")}' hold` : ` '${empty[0]}' holds`} no PNG or JPEG images (a class without examples); add images or remove the folder`);
  }
  // Cat/ and cat/: two classes of one kind on Linux, one folder on macOS or Windows; a user means one
  const clash = options.classes ? undefined : nearDuplicateNames(folders.filter((f) => !empty.includes(f)))[0];
  if (clash) {
    throw new DataError(`${showPath(dir)}: class sub-folders ${clash.map((f) => `'${f}'`).join(' and ')} ${NEAR_DUPLICATE_TEXT}: they would be ${clash.length} classes (and cannot all exist on macOS or Windows); put their images in one folder, or rename one`);
  }
  const classes = options.classes ?? folders;
  const files: ImageFile[] = [];
  const notRead = entries.filter((e) => !e.startsWith('.') && !folders.includes(e));
  for (const { folder, names } of listed) {
    const label = classes.indexOf(folder);
    if (label < 0 && !empty.includes(folder)) {
      const near = nearNameText(folder, classes);
      throw new DataError(`${join(dir, folder)}: class '${folder}' was not in the training data (classes: ${classes.join(', ')})${near ? `; ${near}` : ''}`);
    }
    for (const n of names) {
      if (isImage(n)) files.push({ path: join(dir, folder, ...n.split('/')), label });
      else notRead.push(`${folder}/${n}`);
    }
  }
  warnNotRead(dir, notRead, options.warn);
  return { files, classes };
}

/** One warning naming the entries of an image folder that are not read (the first 5, and how many in all). */
function warnNotRead(dir: string, names: string[], warn: ((m: string) => void) | undefined): void {
  if (names.length === 0 || !warn) return;
  const shown = names.slice(0, 5).map((n) => `'${n}'`).join(', ') + (names.length > 5 ? `, ... (${names.length} in all)` : '');
  warn(`${showPath(dir)}: ${names.length === 1 ? '1 file' : `${names.length} files`} not read (only PNG and JPEG images in the class sub-folders are): ${shown}`);
}

const IMAGE_OPTION_KINDS = { width: 'number', height: 'number', channels: 'number', classes: 'strings', allowUnlabeled: 'boolean', name: 'string', warn: 'function', dtype: 'string' } as const satisfies Record<keyof ImageFolderOptions, OptionKind>;

/** Load a folder of class sub-folders of images. */
export function loadImageFolder(dir: string, options: ImageFolderOptions = {}): { dataset: Dataset; schema: ImageSchema } {
  checkOptionShapes('loadImageFolder', options, IMAGE_OPTION_KINDS, (m) => new OptionError(m));
  if (options.width !== undefined || options.height !== undefined) checkSize(options.width ?? DEFAULT_IMAGE_SIDE, options.height ?? DEFAULT_IMAGE_SIDE);
  if (options.channels !== undefined) checkChannels(options.channels);
  checkDTypeOption(options.dtype, 'loadImageFolder: options.dtype');
  checkInput(dir, 'folder');
  const entries = listFolder(dir);
  const folders = entries.filter((e) => !e.startsWith('.') && isFolderEntry(join(dir, e)));

  // (file, class index) pairs; class -1 = unlabeled
  let files: ImageFile[], classes: string[];
  if (folders.length > 0) ({ files, classes } = labelledImages(dir, folders, entries, options));
  else if (options.allowUnlabeled) {
    classes = options.classes ?? [];
    files = entries.filter(isImage).map((f) => ({ path: join(dir, f), label: -1 }));
    warnNotRead(dir, entries.filter((e) => !isImage(e) && !e.startsWith('.')), options.warn);
  } else {
    throw new DataError(`${dir}: no class sub-folders; put the images of each class in a sub-folder named after the class`);
  }
  if (files.length === 0) throw new DataError(`${dir}: no PNG or JPEG images found${otherFilesText(dir, folders)}`);
  if (folders.length > 0 && !options.classes && classes.length < 2) {
    throw new DataError(`${dir}: only one class sub-folder ('${classes[0]}'); a classifier needs at least two`);
  }

  const { width, height, channels } = imageShape(files, options);
  checkSize(width, height);
  const m = files.length, nx = width * height * channels;
  const dtype = options.dtype ?? 'float32';
  const X = new Matrix(nx, m, undefined, dtype); // one image per column
  const Y = new Matrix(1, m, undefined, 'float64');
  files.forEach(({ path, label }, j) => {
    const pixels = inChannels(resizeBilinear(decodeImage(path), width, height, dtype), channels);
    for (let i = 0; i < nx; i++) X.data[i * m + j] = pixels[i]! / 255;
    Y.data[j] = label < 0 ? NaN : label;
  });
  const featureNames = Array.from({ length: nx }, (_, i) => `pixel_${Math.floor(i / (width * channels))}_${Math.floor(i / channels) % width}${channels === 3 ? `_${i % 3}` : ''}`);
  const unlabeled = files[0]!.label < 0;
  const dataset: Dataset = {
    name: options.name ?? basename(dir), X, Y,
    task: classes.length > 2 ? 'multiclass' : 'binary',
    classes: [...classes], featureNames,
    ...(unlabeled ? { unlabeled: true } : {}),
    // which picture each column is: predictions for a folder were a list of classes in an order the user had to guess
    files: files.map((f) => relative(dir, f.path).split(sep).join('/')),
  };
  return { dataset, schema: { format: 'images', width, height, channels, classes: [...classes] } };
}
