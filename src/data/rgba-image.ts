/**
 * A picture as 8-bit RGBA rows, top row first: the shape of a browser's ImageData and of a PNG's
 * pixels, so that the same drawing code feeds a canvas in the playground and a file on the command line.
 */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  /** width × height × 4 bytes: red, green, blue, alpha. */
  readonly data: Uint8ClampedArray;
}

export function createRgbaImage(width: number, height: number): RgbaImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`an image needs a positive integer width and height, got ${width}×${height}`);
  }
  return { width, height, data: new Uint8ClampedArray(width * height * 4) };
}
