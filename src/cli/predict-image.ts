import { join } from 'node:path';
import { FASHION_MNIST_CLASSES } from '../data/image-set.ts';
import { imageToInput } from '../data/image-to-input.ts';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { readPngFile } from '../io/png-file.ts';
import { readRegularTextFile } from '../io/regular-file.ts';
import type { Model } from '../model/model.ts';
import { Matrix } from '../tensor/matrix.ts';

export interface ClassProbability {
  readonly label: number;
  readonly name: string;
  readonly probability: number;
}

/**
 * The model's `top` most likely classes for a PNG file, converted as the book's chapter 22 converts a
 * photo (greyscale, 28×28, inverted when the background is light, scaled to [-1, 1]).
 */
export async function predictImage(
  model: Model,
  modelDir: string,
  file: string,
  top = 3,
): Promise<{ ranked: ClassProbability[]; inverted: boolean; width: number; height: number }> {
  const image = await readPngFile(file);
  const inputs = inputCount(model);
  const side = Math.round(Math.sqrt(inputs));
  if (side * side !== inputs) {
    throw new ScratchnetError(
      'SHAPE_MISMATCH',
      `the model takes ${inputs} inputs, not a square image`,
      'predict on an image with a model trained on images (e.g. --dataset fashion-mnist)',
    );
  }
  const { input, inverted } = imageToInput(image, { side });
  const probabilities = model.predict(new Matrix(1, inputs, input)).data;
  const names = await classNames(modelDir, probabilities.length);
  const ranked = Array.from(probabilities, (probability, label) => ({
    label,
    name: names[label],
    probability,
  }))
    .sort((a, b) => b.probability - a.probability)
    .slice(0, top);
  return { ranked, inverted, width: image.width, height: image.height };
}

function inputCount(model: Model): number {
  const first = model.describe().layers.find((layer) => layer.kind === 'dense');
  return first?.kind === 'dense' ? first.nInputs : 0;
}

/** Fashion-MNIST's names when the run's config.json (beside the model) says so; else the numbers. */
async function classNames(modelDir: string, classes: number): Promise<string[]> {
  let dataset = '';
  try {
    const text = await readRegularTextFile(join(modelDir, 'config.json'), {
      what: 'the run configuration',
      maxBytes: 1_000_000,
    });
    const config = JSON.parse(text) as { dataset?: unknown };
    dataset = typeof config.dataset === 'string' ? config.dataset : '';
  } catch {
    // a model without its run folder (e.g. saved by TensorFlow.js): numbers will do
  }
  const fashion = classes === FASHION_MNIST_CLASSES.length && /fashion/i.test(dataset);
  return Array.from({ length: classes }, (_, i) => (fashion ? FASHION_MNIST_CLASSES[i] : `class ${i}`));
}
