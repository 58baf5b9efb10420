import { requireNonNegative } from '../errors/validate.ts';

/** The options of the Playground-style data sets (circle, xor, gaussian). */
export interface PointNoiseOptions {
  /** Standard deviation of the gaussian jitter added to each coordinate. @default 0.1 */
  noise?: number;
}

export const DEFAULT_POINT_NOISE = 0.1;

/** The noise of a Playground-style data set, checked (finite, >= 0). */
export function pointNoise(dataset: string, options: PointNoiseOptions): number {
  return requireNonNegative(`${dataset} noise`, options.noise ?? DEFAULT_POINT_NOISE);
}
