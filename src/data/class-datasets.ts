import type { Matrix } from '../tensor/matrix.ts';
import type { RandomState } from '../tensor/random.ts';
import { circleData } from './circle.ts';
import { gaussianData } from './gaussian.ts';
import type { PointNoiseOptions } from './point-noise.ts';
import { spiralData } from './spiral.ts';
import { verticalData } from './vertical.ts';
import { xorData } from './xor.ts';

export type ClassDatasetName = 'spiral' | 'vertical' | 'circle' | 'xor' | 'gaussian';

export type ClassDatasetMaker = (
  samples: number,
  classes: number,
  rng: RandomState,
  options?: PointNoiseOptions,
) => { X: Matrix; y: Int32Array };

/**
 * The generated classification data sets by name, as `scratchnet train --dataset` and the
 * playground know them; without a `noise` option each has its default (the book's for spiral and
 * vertical, 0.1 for the Playground-style ones).
 */
export const CLASS_DATASETS: Readonly<Record<ClassDatasetName, ClassDatasetMaker>> = {
  spiral: spiralData,
  vertical: verticalData,
  circle: circleData,
  xor: xorData,
  gaussian: gaussianData,
};

export function isClassDatasetName(name: string): name is ClassDatasetName {
  return Object.hasOwn(CLASS_DATASETS, name);
}
