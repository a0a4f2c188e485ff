// The CRC-32 of PNG chunks (ISO 3309, polynomial 0xEDB88320): written into the charts' PNGs
// (plot/render.ts) and checked in the images read (data/images.ts). Pure: it runs in a browser.

let crcTable: Uint32Array | undefined;

export function crc32(bytes: Uint8Array): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
