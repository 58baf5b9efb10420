import type { RgbaImage } from '../data/rgba-image.ts';
import type { Rgb } from './palette.ts';

/** One filled circle of a marker; a marker is several, outermost first (an outline, a ring, a centre). */
export interface MarkerRing {
  radius: number;
  color: Rgb;
}

/**
 * Draws concentric anti-aliased discs centred at (cx, cy) in pixel coordinates (0 = the left or top
 * edge of the image, so pixel (i, j) has its centre at (i + 0.5, j + 0.5)), over what is there.
 * Coverage is estimated from the distance to each circle's edge, which is smooth enough for markers
 * a few pixels wide and needs no supersampling.
 */
export function drawMarker(image: RgbaImage, cx: number, cy: number, rings: readonly MarkerRing[]): void {
  if (rings.length === 0) return;
  const outer = rings[0].radius;
  const { width, height, data } = image;
  const i0 = Math.max(0, Math.floor(cx - outer - 1));
  const i1 = Math.min(width - 1, Math.ceil(cx + outer + 1));
  const j0 = Math.max(0, Math.floor(cy - outer - 1));
  const j1 = Math.min(height - 1, Math.ceil(cy + outer + 1));
  for (let j = j0; j <= j1; j++) {
    const dy = j + 0.5 - cy;
    for (let i = i0; i <= i1; i++) {
      const dx = i + 0.5 - cx;
      const distance = Math.sqrt(dx * dx + dy * dy);
      const alpha = coverage(outer, distance);
      if (alpha <= 0) continue;
      // indexing, not destructuring: an array pattern runs the iterator protocol, which in a cold
      // process (a picture is drawn once) cost more than the rest of the loop
      const outline = rings[0].color;
      let r = outline[0];
      let g = outline[1];
      let b = outline[2];
      for (let k = 1; k < rings.length; k++) {
        const a = coverage(rings[k].radius, distance);
        if (a <= 0) break;
        const color = rings[k].color;
        r += (color[0] - r) * a;
        g += (color[1] - g) * a;
        b += (color[2] - b) * a;
      }
      const offset = (j * width + i) * 4;
      data[offset] += (r - data[offset]) * alpha;
      data[offset + 1] += (g - data[offset + 1]) * alpha;
      data[offset + 2] += (b - data[offset + 2]) * alpha;
      data[offset + 3] = 255;
    }
  }
}

/** The share of a pixel at `distance` from the centre that a circle of `radius` covers (a 1-pixel ramp). */
function coverage(radius: number, distance: number): number {
  const value = radius - distance + 0.5;
  return value <= 0 ? 0 : value >= 1 ? 1 : value;
}
