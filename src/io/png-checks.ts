import { inflateSync } from 'node:zlib';
import { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE } from '../data/image-limits.ts';
import { formatBytes } from '../errors/format-bytes.ts';
import { ScratchnetError } from '../errors/scratchnet-error.ts';

// What a PNG declares, checked before its pixels are decoded: a 69-byte file may declare
// 30000 x 30000 pixels (3.6 GB as RGBA), and an image data stream shorter than the image would be
// decoded as zero pixels. Layout as in the PNG specification (W3C, 3rd edition): chunks of
// length (uint32 BE), type, data, CRC; IHDR first (width, height, bit depth, colour type,
// compression, filter, interlace); the IDAT chunks' data concatenated is one zlib stream which
// inflates to exactly one filter-type byte plus the packed pixels of each scanline (section 7.2),
// per Adam7 pass when interlaced (section 8.2).

/** Channels per pixel of each valid colour type, and the bit depths it allows. */
const COLOUR_TYPES: Readonly<Record<number, { channels: number; depths: readonly number[] }>> = {
  0: { channels: 1, depths: [1, 2, 4, 8, 16] }, // greyscale
  2: { channels: 3, depths: [8, 16] }, // truecolour
  3: { channels: 1, depths: [1, 2, 4, 8] }, // indexed
  4: { channels: 2, depths: [8, 16] }, // greyscale + alpha
  6: { channels: 4, depths: [8, 16] }, // truecolour + alpha
};

/** Adam7's passes: first column, first row, column step, row step. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  interlaced: boolean;
}

const HINT = 'give a PNG image; convert other formats first, e.g. `convert photo.jpg photo.png`';

function damaged(source: string, problem: string): ScratchnetError {
  return new ScratchnetError('BAD_DATA', `${source} is a damaged PNG file (${problem})`, HINT);
}

/**
 * Checks the PNG in `bytes` (signature already checked) before it is decoded: its declared size
 * is at most MAX_IMAGE_PIXELS, and its image data inflates to exactly the bytes that size needs,
 * inflating no further than that. Returns the header.
 */
export function checkPng(bytes: Uint8Array, source: string): PngHeader {
  const { header, data } = readChunks(bytes, source);
  const pixels = header.width * header.height;
  if (pixels > MAX_IMAGE_PIXELS) {
    throw new ScratchnetError(
      'BAD_DATA',
      `${source} declares ${header.width}x${header.height} pixels (${(pixels / 1e6).toFixed(1)} megapixels, ` +
        `${formatBytes(pixels * 4)} decoded); scratchnet reads images up to ${(MAX_IMAGE_PIXELS / 1e6).toFixed(1)} megapixels (${MAX_IMAGE_SIDE}x${MAX_IMAGE_SIDE})`,
      'the network sees 28x28 pixels: shrink the picture first, e.g. `convert big.png -resize 1024x1024 small.png`',
    );
  }
  const expected = scanlineBytes(header);
  let inflated: Uint8Array;
  try {
    // stops, with ERR_BUFFER_TOO_LARGE, as soon as the output passes the declared size
    inflated = inflateSync(data, { maxOutputLength: expected });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') {
      throw damaged(
        source,
        `its image data inflates to more than the ${expected} bytes ${header.width}x${header.height} pixels need`,
      );
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw damaged(source, `its image data does not inflate: ${reason}; is the file truncated?`);
  }
  if (inflated.length !== expected) {
    throw damaged(
      source,
      `its image data holds ${inflated.length} bytes, but ${header.width}x${header.height} pixels need ${expected}; is the file truncated?`,
    );
  }
  return header;
}

/** The IHDR fields and the IDAT chunks' data, concatenated; chunk lengths are checked against the file. */
function readChunks(bytes: Uint8Array, source: string): { header: PngHeader; data: Uint8Array } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [];
  let header: PngHeader | null = null;
  for (let at = 8; ; ) {
    if (at + 8 > bytes.length) throw damaged(source, 'it ends before its IEND chunk; is the file truncated?');
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const start = at + 8;
    if (start + length + 4 > bytes.length) {
      throw damaged(source, `its ${type} chunk declares ${length} bytes, more than the file holds`);
    }
    if (header === null) {
      if (type !== 'IHDR' || length !== 13) throw damaged(source, 'it does not start with an IHDR chunk');
      header = parseHeader(view, start, source);
    } else if (type === 'IDAT') {
      parts.push(bytes.subarray(start, start + length));
    } else if (type === 'IEND') {
      break;
    }
    at = start + length + 4;
  }
  if (parts.length === 0) throw damaged(source, 'it has no image data (IDAT chunk)');
  return { header, data: parts.length === 1 ? parts[0] : Buffer.concat(parts) };
}

function parseHeader(view: DataView, at: number, source: string): PngHeader {
  const width = view.getUint32(at);
  const height = view.getUint32(at + 4);
  const bitDepth = view.getUint8(at + 8);
  const colourType = view.getUint8(at + 9);
  const interlace = view.getUint8(at + 12);
  if (width === 0 || height === 0) throw damaged(source, `it declares ${width}x${height} pixels`);
  const colour = COLOUR_TYPES[colourType];
  if (colour === undefined || !colour.depths.includes(bitDepth)) {
    throw damaged(source, `colour type ${colourType} with bit depth ${bitDepth} is not a PNG format`);
  }
  if (interlace > 1) throw damaged(source, `interlace method ${interlace} is not a PNG method`);
  return { width, height, bitDepth, colourType, interlaced: interlace === 1 };
}

/** The bytes the image data inflates to: per scanline, a filter byte and the packed pixels. */
export function scanlineBytes(header: PngHeader): number {
  const bits = COLOUR_TYPES[header.colourType].channels * header.bitDepth;
  const pass = (width: number, height: number) =>
    width === 0 || height === 0 ? 0 : height * (1 + Math.ceil((width * bits) / 8));
  if (!header.interlaced) return pass(header.width, header.height);
  let total = 0;
  for (const [x0, y0, dx, dy] of ADAM7) {
    total += pass(
      Math.ceil(Math.max(0, header.width - x0) / dx),
      Math.ceil(Math.max(0, header.height - y0) / dy),
    );
  }
  return total;
}
