import { createRequire } from 'node:module';
import type * as Pngjs from 'pngjs';
import type { RgbaImage } from '../data/rgba-image.ts';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { checkPng } from './png-checks.ts';
import { encodePng } from './png-encoder.ts';
import { readRegularFile } from './regular-file.ts';

export { encodePng } from './png-encoder.ts';

// PNG decoding goes through pngjs (any PNG a user gives: palettes, 16 bits, interlacing), loaded on
// the first decode so that commands which only write pictures never load it; this file adapts it to
// RgbaImage and turns its failures into errors that say which file and what to do.
const requirePngjs = () => createRequire(import.meta.url)('pngjs') as typeof Pngjs;

/** Writes `image` to `path` as a PNG, atomically: a reader never sees half a picture. */
export async function writePngFile(path: string, image: RgbaImage): Promise<void> {
  await writeFileAtomic(path, encodePng(image));
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function decodePng(bytes: Uint8Array, source = 'the image'): RgbaImage {
  // pngjs's own message for a non-PNG is about its stream internals; the signature check says what is wrong.
  if (bytes.length < 8 || PNG_SIGNATURE.some((byte, i) => bytes[i] !== byte)) {
    throw new ScratchnetError(
      'BAD_DATA',
      `${source} is not a PNG file (it does not start with the PNG signature)`,
      'give a PNG image; convert other formats first, e.g. `convert photo.jpg photo.png`',
    );
  }
  // refused here, before pngjs allocates the declared size or zero-fills missing pixels
  checkPng(bytes, source);
  let png: Pngjs.PNG;
  try {
    png = requirePngjs().PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ScratchnetError(
      'BAD_DATA',
      `${source} is a damaged PNG file (${reason})`,
      'give a PNG image; convert other formats first, e.g. `convert photo.jpg photo.png`',
    );
  }
  const data = new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength);
  return { width: png.width, height: png.height, data };
}

/** The largest PNG file read: a 4096x4096 RGBA image of 16-bit channels, stored uncompressed, is 134 MB. */
const MAX_PNG_FILE_BYTES = 256_000_000;

export async function readPngFile(path: string): Promise<RgbaImage> {
  let bytes: Uint8Array;
  try {
    bytes = await readRegularFile(path, {
      what: 'the image',
      maxBytes: MAX_PNG_FILE_BYTES,
      tooLargeHint:
        'the network sees 28x28 pixels: shrink the picture first, e.g. `convert big.png -resize 1024x1024 small.png`',
    });
  } catch (error) {
    if (error instanceof ScratchnetError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ScratchnetError(
      'BAD_DATA',
      `cannot read the image ${JSON.stringify(path)} (${code ?? 'unknown error'})`,
      'check the path; it must name an existing PNG file',
    );
  }
  return decodePng(bytes, JSON.stringify(path));
}
