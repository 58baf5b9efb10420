import { createRgbaImage, type RgbaImage } from '../data/rgba-image.ts';
import { escapeXml, svgDocument } from './svg-axes.ts';

export interface GridImage {
  /** side × side grey bytes, 0 = black. */
  readonly pixels: Uint8Array;
  readonly predicted: string;
  readonly truth: string;
}

export interface ImageGridOptions {
  /** Images per row. @default 8 */
  columns?: number;
  /** Pixel side of the images. @default 28 */
  side?: number;
  /** Screen pixels per image pixel. @default 3 */
  zoom?: number;
  title?: string;
}

const WRONG = '#D55E00';
const RIGHT = '#222222';

/**
 * A grid of grey images, each captioned with the predicted class and the true one; wrong predictions
 * are framed and captioned in red. Each image is embedded as a PNG data URI, so the SVG stands alone.
 * `encodePng` is passed in (src/io/png-file.ts's in Node) so that this module runs in a browser too.
 */
export function imageGridSvg(
  images: readonly GridImage[],
  encodePng: (image: RgbaImage) => Uint8Array,
  options: ImageGridOptions = {},
): string {
  const columns = options.columns ?? 8;
  const side = options.side ?? 28;
  const size = side * (options.zoom ?? 3);
  const cellWidth = Math.max(size + 12, 104);
  const cellHeight = size + 44;
  const top = options.title ? 34 : 8;
  const rows = Math.ceil(images.length / columns);
  const parts: string[] = [];
  if (options.title) {
    parts.push(
      `<text x="8" y="22" font-size="14" font-weight="600" fill="${RIGHT}">${escapeXml(options.title)}</text>`,
    );
  }
  images.forEach((image, i) => {
    const x = 8 + (i % columns) * cellWidth + (cellWidth - size) / 2;
    const y = top + Math.floor(i / columns) * cellHeight;
    const wrong = image.predicted !== image.truth;
    const uri = `data:image/png;base64,${toBase64(encodePng(greyToRgba(image.pixels, side)))}`;
    parts.push(
      `<image x="${x}" y="${y}" width="${size}" height="${size}" style="image-rendering:pixelated" href="${uri}"/>`,
    );
    if (wrong) {
      parts.push(
        `<rect x="${x - 2}" y="${y - 2}" width="${size + 4}" height="${size + 4}" fill="none" stroke="${WRONG}" stroke-width="3"/>`,
      );
    }
    const cx = x + size / 2;
    const colour = wrong ? WRONG : RIGHT;
    parts.push(
      `<text x="${cx}" y="${y + size + 15}" text-anchor="middle" font-size="11" fill="${colour}">${wrong ? '✗ ' : ''}${escapeXml(image.predicted)}</text>`,
      `<text x="${cx}" y="${y + size + 29}" text-anchor="middle" font-size="10" fill="#666666">true: ${escapeXml(image.truth)}</text>`,
    );
  });
  const width = 16 + columns * cellWidth;
  return svgDocument(
    width,
    top + rows * cellHeight + 4,
    `${parts.join('\n')}\n`,
    'Test images with predicted and true labels',
  );
}

function greyToRgba(pixels: Uint8Array, side: number): RgbaImage {
  const image = createRgbaImage(side, side);
  for (let i = 0; i < side * side; i++) {
    image.data.set([pixels[i], pixels[i], pixels[i], 255], i * 4);
  }
  return image;
}

/** Base64 without Buffer, so that it runs in browsers as well as Node. */
function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(text);
}
