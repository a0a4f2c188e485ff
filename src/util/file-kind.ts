// What a file is, from its first bytes, when it is not what a reader expected: the files that come in
// place of data in the wild (a web page or a Git LFS pointer saved under a dataset's name, an Excel
// workbook or a Parquet file named .csv, a WebP picture named .jpg). Said by every reader in its
// refusal, so that the message names the file's kind and the way out instead of a parser's symptom
// ("only a header line", "no HDF5 signature", "not a PNG or JPEG image"). Pure: the browser uses it too.

/** Signatures of binary formats, by their first bytes (null: any byte). */
const SIGNATURES: { magic: (number | null)[]; kind: string }[] = [
  { magic: [0x89, 0x48, 0x44, 0x46], kind: 'an HDF5 file (name it .h5)' },
  { magic: [0x89, 0x50, 0x4e, 0x47], kind: 'a PNG image' },
  { magic: [0xff, 0xd8, 0xff], kind: 'a JPEG image' },
  { magic: [0x47, 0x49, 0x46, 0x38], kind: 'a GIF image (convert it to PNG)' },
  { magic: [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50], kind: 'a WebP image (convert it to PNG or JPEG)' },
  { magic: [0x42, 0x4d, null, null, null, null, 0, 0, 0, 0], kind: 'a BMP image (convert it to PNG)' },
  { magic: [0x49, 0x49, 0x2a, 0x00], kind: 'a TIFF image (convert it to PNG)' },
  { magic: [0x4d, 0x4d, 0x00, 0x2a], kind: 'a TIFF image (convert it to PNG)' },
  { magic: [null, null, null, null, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69], kind: 'a HEIC image (convert it to JPEG)' },
  { magic: [null, null, null, null, 0x66, 0x74, 0x79, 0x70, 0x6d, 0x69, 0x66, 0x31], kind: 'a HEIF image (convert it to JPEG)' },
  { magic: [null, null, null, null, 0x66, 0x74, 0x79, 0x70, 0x61, 0x76, 0x69, 0x66], kind: 'an AVIF image (convert it to PNG or JPEG)' },
  { magic: [0x25, 0x50, 0x44, 0x46, 0x2d], kind: 'a PDF document' },
  { magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], kind: 'an Excel 97-2003 workbook (.xls) or another old Office file; save it as CSV (UTF-8)' },
  { magic: [0x50, 0x41, 0x52, 0x31, 0x15], kind: 'a Parquet file; write it as CSV (pandas: pd.read_parquet(path).to_csv(out, index=False))' },
  { magic: [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59], kind: 'a NumPy .npy array; save it as CSV (numpy.savetxt) or HDF5' },
  // (Kaggle ships datasets as SQLite databases; pandas writes Feather/Arrow: both were "binary data (a zero byte at offset 15)")
  { magic: [...'SQLite format 3'].map((c) => c.charCodeAt(0)).concat(0), kind: 'an SQLite database; export a table as CSV (sqlite3 -header -csv FILE "SELECT * FROM table" > out.csv)' },
  { magic: [...'ARROW1'].map((c) => c.charCodeAt(0)), kind: 'an Arrow / Feather file; write it as CSV (pandas: pd.read_feather(path).to_csv(out, index=False))' },
  { magic: [0x1f, 0x8b], kind: 'gzip-compressed data (gunzip it first; a .gz file is decompressed once)' },
  { magic: [0x42, 0x5a, 0x68], kind: 'a bzip2 file (only gzip is read: decompress it first)' },
  { magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], kind: 'an xz file (only gzip is read: decompress it first)' },
  { magic: [0x28, 0xb5, 0x2f, 0xfd], kind: 'a Zstandard file (only gzip is read: decompress it first)' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], kind: 'a 7-Zip archive (extract it first)' },
  { magic: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], kind: 'a RAR archive (extract it first)' },
  { magic: [0x00, 0x00, 0x08, 0x03], kind: 'an MNIST IDX images file (name it ...-images-idx3-ubyte)' },
  { magic: [0x00, 0x00, 0x08, 0x01], kind: 'an MNIST IDX labels file' },
];

const latin1 = (bytes: Uint8Array, end: number) => String.fromCharCode(...bytes.subarray(0, Math.min(end, bytes.length)));

/** A ZIP archive: an Office or OpenDocument file when its entries say so (found in the first bytes: the names are stored in clear). */
function zipKind(bytes: Uint8Array): string {
  const head = latin1(bytes, 65536);
  if (head.includes('mimetypeapplication/vnd.oasis.opendocument.spreadsheet')) return 'an OpenDocument spreadsheet (.ods); save it as CSV (UTF-8)';
  if (/(^|[^\w])xl\/(workbook|worksheets|styles|sharedStrings|_rels|theme)/.test(head)) return 'an Excel workbook (.xlsx); save it as CSV (UTF-8)';
  if (head.includes('word/')) return 'a Word document (.docx)';
  return 'a ZIP archive (unzip it first)';
}

/**
 * What a file is, from its first bytes, when it is one of the kinds often given in place of data (see
 * above): a phrase such as 'an HTML page (...)' for a message "FILE: not X: it is ...", or undefined.
 */
export function foreignFileKind(bytes: Uint8Array): string | undefined {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return zipKind(bytes);
  const signed = SIGNATURES.find((s) => bytes.length >= s.magic.length && s.magic.every((b, i) => b === null || bytes[i] === b));
  if (signed) return signed.kind;
  const text = latin1(bytes, 512).replace(/^\xef\xbb\xbf/, '');
  if (/^\s*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i.test(text)) return 'an HTML page, not the data (a web page saved in place of the file? download the raw file)';
  if (/^version https:\/\/git-lfs\.github\.com\/spec\//.test(text)) return 'a Git LFS pointer, not the data (fetch the file itself: git lfs pull)';
  return undefined;
}
