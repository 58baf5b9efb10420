import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type * as Pngjs from 'pngjs';
import type { RgbaImage } from '../data/rgba-image.ts';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { encodePng } from './png-encoder.ts';

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

export async function readPngFile(path: string): Promise<RgbaImage> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ScratchnetError(
      'BAD_DATA',
      `cannot read the image ${JSON.stringify(path)} (${code ?? 'unknown error'})`,
      'check the path; it must name an existing PNG file',
    );
  }
  return decodePng(bytes, JSON.stringify(path));
}
