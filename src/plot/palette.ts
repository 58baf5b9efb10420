/**
 * Class colours shared by every picture scratchnet draws (decision boundary, playground, sweep charts).
 * The first seven are Okabe and Ito's colour-blind-safe set (without its black, which the outlines
 * use), ordered so that the usual two or three classes get the most distinct hues; beyond seven the
 * list continues with darker, still distinct colours, then repeats.
 * https://jfly.uni-koeln.de/color/
 */
export const CLASS_COLORS: readonly string[] = [
  '#0072B2', // blue
  '#E69F00', // orange
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#D55E00', // vermillion
  '#56B4E9', // sky blue
  '#F0E442', // yellow
  '#7F7F7F', // grey
  '#8C564B', // brown
  '#332288', // indigo
];

/** Colours for lines that are not classes (training vs validation, data vs regularization loss). */
export const SERIES_COLORS = {
  training: '#0072B2',
  validation: '#D55E00',
  dataLoss: '#009E73',
  regularizationLoss: '#CC79A7',
  learningRate: '#555555',
} as const;

/** Outline of points and frames: near-black, softer than pure black on pastel regions. */
export const OUTLINE_COLOR = '#222222';

export type Rgb = readonly [red: number, green: number, blue: number];

/** The colour of class `index` (wrapping around when there are more classes than colours). */
export function classColor(index: number): string {
  const n = CLASS_COLORS.length;
  return CLASS_COLORS[((Math.trunc(index) % n) + n) % n];
}

/** `#rrggbb` → [r, g, b] in 0..255. */
export function hexToRgb(hex: string): Rgb {
  const match = /^#([0-9a-f]{6})$/i.exec(hex);
  if (match === null) throw new RangeError(`expected a colour as #rrggbb, got ${JSON.stringify(hex)}`);
  const value = Number.parseInt(match[1], 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** The colour of class `index` as [r, g, b]. */
export function classRgb(index: number): Rgb {
  return hexToRgb(classColor(index));
}
