import type { Matrix } from '../tensor/matrix.ts';
import type { RandomState } from '../tensor/random.ts';
import { multiGaussianData } from './multi-gaussian.ts';
import { planeData } from './plane.ts';
import type { PointNoiseOptions } from './point-noise.ts';
import { sineData } from './sine.ts';

export type RegressionDatasetName = 'sine' | 'plane' | 'multi-gaussian';

export type RegressionDatasetMaker = (
  samples: number,
  rng: RandomState,
  options?: PointNoiseOptions,
) => { X: Matrix; y: Matrix };

/**
 * The generated regression data sets by name, as `scratchnet train --dataset` and the playground
 * know them; `samples` counts rows in total. The sine data are the book's (noise 0 by default, and
 * nothing drawn then); plane and multi-gaussian are TensorFlow Playground's, with its noise.
 */
export const REGRESSION_DATASETS: Readonly<Record<RegressionDatasetName, RegressionDatasetMaker>> = {
  sine: (samples, rng, options = {}) => sineData(samples, { ...options, rng }),
  plane: planeData,
  'multi-gaussian': multiGaussianData,
};

export function isRegressionDatasetName(name: string): name is RegressionDatasetName {
  return Object.hasOwn(REGRESSION_DATASETS, name);
}
