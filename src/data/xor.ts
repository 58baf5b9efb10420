import { defaultGenerator } from '../tensor/default-generator.ts';
import { Matrix } from '../tensor/matrix.ts';
import type { RandomState } from '../tensor/random.ts';
import { checkDatasetArguments } from './dataset-checks.ts';
import { type PointNoiseOptions, pointNoise } from './point-noise.ts';

/**
 * TensorFlow Playground's "xor", for any number of classes: [-1, 1]² cut into a classes × classes
 * checkerboard whose cell (i, j) belongs to class (i + j) mod classes; with 2 classes, class 0 holds
 * the quadrants where x·y > 0. Each point draws its column, then its position in the cell, then
 * gaussian jitter of `noise`. Rows are class by class.
 */
export function xorData(
  samples: number,
  classes: number,
  rng: RandomState = defaultGenerator(),
  options: PointNoiseOptions = {},
): { X: Matrix; y: Int32Array } {
  checkDatasetArguments('xorData', samples, classes, rng);
  const noise = pointNoise('xorData', options);
  const X = Matrix.zeros(samples * classes, 2);
  const y = new Int32Array(samples * classes);
  const cell = 2 / classes;
  for (let c = 0; c < classes; c++) {
    for (let i = 0; i < samples; i++) {
      const row = c * samples + i;
      const column = Math.min(classes - 1, Math.floor(rng.random() * classes));
      // the one row of that column whose cell is class c
      const cellRow = (((c - column) % classes) + classes) % classes;
      const x = -1 + (column + rng.random()) * cell;
      const yCoordinate = -1 + (cellRow + rng.random()) * cell;
      X.data[2 * row] = x + noise * rng.gauss();
      X.data[2 * row + 1] = yCoordinate + noise * rng.gauss();
      y[row] = c;
    }
  }
  return { X, y };
}
