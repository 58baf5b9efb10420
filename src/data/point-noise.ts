import { rejectUnknownOptions, requireNonNegative } from '../errors/validate.ts';

/** The options of the Playground-style data sets (circle, xor, gaussian, plane, multi-gaussian). */
export interface PointNoiseOptions {
  /** How much noise: see each data set for what it jitters. @default 0.1 */
  noise?: number;
}

/** The options of the book's spiral and vertical data. */
export interface BookNoiseOptions {
  /** The scale of the gaussian jitter. @default the book's: 0.2 (spiral's angle), 0.1 (vertical) */
  noise?: number;
}

export const DEFAULT_POINT_NOISE = 0.1;

/** The noise of a Playground-style data set, checked (finite, >= 0). */
export function pointNoise(dataset: string, options: PointNoiseOptions): number {
  return requireNonNegative(`${dataset} noise`, options.noise ?? DEFAULT_POINT_NOISE);
}

/** The noise scale of a book data set as float32, which numpy multiplies float32 noise by (NEP 50). */
export function bookNoiseScale(dataset: string, options: BookNoiseOptions, bookValue: number): number {
  rejectUnknownOptions(dataset, options, ['noise']);
  return Math.fround(requireNonNegative(`${dataset} noise`, options.noise ?? bookValue));
}
