import type { Matrix } from '../tensor/matrix.ts';
import type { RandomState } from '../tensor/random.ts';
import { circleData } from './circle.ts';
import { gaussianData } from './gaussian.ts';
import { spiralData } from './spiral.ts';
import { verticalData } from './vertical.ts';
import { xorData } from './xor.ts';

export type ClassDatasetName = 'spiral' | 'vertical' | 'circle' | 'xor' | 'gaussian';

export type ClassDatasetMaker = (
  samples: number,
  classes: number,
  rng: RandomState,
) => { X: Matrix; y: Int32Array };

/**
 * The generated classification data sets by name, as `scratchnet train --dataset` and the
 * playground know them (the Playground-style ones with their default noise).
 */
export const CLASS_DATASETS: Readonly<Record<ClassDatasetName, ClassDatasetMaker>> = {
  spiral: spiralData,
  vertical: verticalData,
  circle: (samples, classes, rng) => circleData(samples, classes, rng),
  xor: (samples, classes, rng) => xorData(samples, classes, rng),
  gaussian: (samples, classes, rng) => gaussianData(samples, classes, rng),
};

export function isClassDatasetName(name: string): name is ClassDatasetName {
  return Object.hasOwn(CLASS_DATASETS, name);
}
