import { describeValue, ScratchnetError } from '../errors/scratchnet-error.ts';
import { MAX_IMAGE_SIDE } from './image-limits.ts';
import type { RgbaImage } from './rgba-image.ts';

/**
 * A photo made into what a Fashion-MNIST network takes, as the book's chapter 22 does with OpenCV:
 * greyscale, resized to 28×28 (squashed, not cropped, like cv2.resize), inverted when the background
 * is light (the data set's clothes are light on black; a photo's are usually dark on white), then
 * scaled to (x − 127.5) / 127.5.
 */
export interface ImageInput {
  /** side × side values in [-1, 1], row by row: one row of a network's input. */
  readonly input: Float32Array;
  /** The same pixels as bytes 0..255 after resizing and inverting (for showing what the network saw). */
  readonly pixels: Uint8Array;
  /** Whether the colours were inverted (the border was light). */
  readonly inverted: boolean;
}

export interface ImageToInputOptions {
  /** Output width and height. @default 28 */
  side?: number;
  /** Invert: 'auto' when the border's mean is above mid-grey, or always / never. @default 'auto' */
  invert?: 'auto' | boolean;
}

/**
 * Greyscale luma (ITU-R 601: 0.299 R + 0.587 G + 0.114 B, what cv2 and PIL use), with transparent
 * pixels composited over white, as a viewer shows them.
 */
export function toGrey(image: RgbaImage): Float64Array {
  const { width, height, data } = image;
  const out = new Float64Array(width * height);
  for (let i = 0; i < out.length; i++) {
    const alpha = data[i * 4 + 3] / 255;
    const luma = 0.299 * data[i * 4] + 0.587 * data[i * 4 + 1] + 0.114 * data[i * 4 + 2];
    out[i] = luma * alpha + 255 * (1 - alpha);
  }
  return out;
}

/** Mean of the outermost ring of pixels: the background, in a photo of one object. */
export function borderMean(grey: Float64Array, width: number, height: number): number {
  let sum = 0;
  let n = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (y !== 0 && y !== height - 1 && x !== 0 && x !== width - 1) continue;
      sum += grey[y * width + x];
      n++;
    }
  }
  return sum / n;
}

/**
 * Resamples `count` lines of `from` values (spaced `stride` apart, each value `step` apart) to `to`
 * values: area averaging when shrinking (each output averages the input it covers, partial pixels
 * weighted), bilinear with half-pixel centres when enlarging (cv2's INTER_AREA and INTER_LINEAR).
 */
function resampleLine(
  src: Float64Array,
  offset: number,
  step: number,
  from: number,
  to: number,
  out: Float64Array,
  outOffset: number,
  outStep: number,
): void {
  const scale = from / to;
  for (let i = 0; i < to; i++) {
    let value: number;
    if (scale >= 1) {
      const start = i * scale;
      const end = start + scale;
      let sum = 0;
      for (let k = Math.floor(start); k < Math.min(Math.ceil(end), from); k++) {
        const cover = Math.min(end, k + 1) - Math.max(start, k);
        sum += cover * src[offset + k * step];
      }
      value = sum / scale;
    } else {
      const x = Math.min(Math.max((i + 0.5) * scale - 0.5, 0), from - 1);
      const left = Math.floor(x);
      const right = Math.min(left + 1, from - 1);
      const t = x - left;
      value = src[offset + left * step] * (1 - t) + src[offset + right * step] * t;
    }
    out[outOffset + i * outStep] = value;
  }
}

/** `grey` (width × height) resized to outWidth × outHeight, one axis at a time. */
export function resizeGrey(
  grey: Float64Array,
  width: number,
  height: number,
  outWidth: number,
  outHeight: number,
): Float64Array {
  const wide = new Float64Array(outWidth * height);
  for (let y = 0; y < height; y++) resampleLine(grey, y * width, 1, width, outWidth, wide, y * outWidth, 1);
  const out = new Float64Array(outWidth * outHeight);
  for (let x = 0; x < outWidth; x++) resampleLine(wide, x, outWidth, height, outHeight, out, x, outWidth);
  return out;
}

export function imageToInput(image: RgbaImage, options: ImageToInputOptions = {}): ImageInput {
  if (typeof image !== 'object' || image === null || !(image.data instanceof Uint8ClampedArray)) {
    throw new ScratchnetError(
      'BAD_DATA',
      `imageToInput takes an RGBA image { width, height, data }, got ${describeValue(image)}`,
      'pass what readPngFile or a canvas getImageData gives',
    );
  }
  const side = options.side ?? 28;
  if (typeof side !== 'number' || !Number.isInteger(side) || side < 1 || side > MAX_IMAGE_SIDE) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `imageToInput side must be a whole number from 1 to ${MAX_IMAGE_SIDE}, got ${describeValue(side)}`,
      "pass the side of the network's square input, e.g. 28 for Fashion-MNIST (28 x 28 = 784 inputs)",
    );
  }
  const { width, height } = image;
  if (
    !Number.isInteger(width) ||
    !Number.isInteger(height) ||
    width < 1 ||
    height < 1 ||
    image.data.length !== width * height * 4
  ) {
    throw new ScratchnetError(
      'BAD_DATA',
      `the image is ${width}x${height} with ${image.data.length} bytes, not a whole RGBA picture`,
      'give a PNG image',
    );
  }
  const grey = toGrey(image);
  const inverted =
    options.invert === undefined || options.invert === 'auto'
      ? borderMean(grey, width, height) > 127.5
      : options.invert;
  const small = resizeGrey(grey, width, height, side, side);
  const pixels = new Uint8Array(side * side);
  const input = new Float32Array(side * side);
  for (let i = 0; i < small.length; i++) {
    const byte = Math.min(255, Math.max(0, Math.round(small[i])));
    pixels[i] = inverted ? 255 - byte : byte;
    input[i] = (pixels[i] - 127.5) / 127.5;
  }
  return { input, pixels, inverted };
}
