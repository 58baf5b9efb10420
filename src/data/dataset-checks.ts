import { describeValue, ScratchnetError } from '../errors/scratchnet-error.ts';
import { requireInteger } from '../errors/validate.ts';
import { RandomState } from '../tensor/random.ts';

/** The most points a generated data set makes (a Float32Array of 2**27 coordinates). */
const MAX_POINTS = 2 ** 26;

/** Checks the (samples, classes, rng) arguments shared by the nnfs datasets. */
export function checkDatasetArguments(
  dataset: string,
  samples: unknown,
  classes: unknown,
  rng: unknown,
): void {
  requireInteger(`${dataset} samples`, samples, 1);
  requireInteger(`${dataset} classes`, classes, 1);
  if ((samples as number) * (classes as number) > MAX_POINTS) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `${dataset}: samples * classes = ${(samples as number) * (classes as number)} points is too many`,
      'ask for at most 2**26 points',
    );
  }
  requireRandomState(dataset, rng);
}

/** Checks the (samples, rng) arguments of a generated regression data set (samples in total). */
export function checkRegressionArguments(dataset: string, samples: unknown, rng: unknown): void {
  requireInteger(`${dataset} samples`, samples, 1);
  if ((samples as number) > MAX_POINTS) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `${dataset}: ${samples as number} samples is too many`,
      'ask for at most 2**26 points',
    );
  }
  requireRandomState(dataset, rng);
}

function requireRandomState(dataset: string, rng: unknown): void {
  if (!(rng instanceof RandomState)) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `${dataset} needs a RandomState as its generator, got ${describeValue(rng)}`,
      'pass new RandomState(0) to get the data nnfs.init() gives the book',
    );
  }
}
