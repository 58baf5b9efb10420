import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { Matrix } from '../tensor/matrix.ts';
import type { RandomState } from '../tensor/random.ts';

/**
 * Labelled grey images as they sit on disk: one byte per pixel (0 = black), rows × cols pixels per
 * image, images one after another. A compact form (70,000 Fashion-MNIST images take 55 MB) that the
 * loaders share and the cache stores; `toInputs` makes the float32 matrix a network trains on.
 */
export interface ImageSet {
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
  /** count × rows × cols bytes. */
  readonly pixels: Uint8Array;
  /** One class index per image. */
  readonly labels: Uint8Array;
}

/** A training set and a test set, as the loaders return them. */
export interface ImageSplit {
  readonly train: ImageSet;
  readonly test: ImageSet;
}

/** Fashion-MNIST's ten classes, by label. */
export const FASHION_MNIST_CLASSES: readonly string[] = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];

/** (x − 127.5) / 127.5 for every byte x: a lookup is faster than 55 million divisions. */
const SCALED = Float32Array.from({ length: 256 }, (_, x) => (x - 127.5) / 127.5);

/**
 * The book's scaling, (x − 127.5) / 127.5, of every pixel into one float32 matrix (one row per
 * image), allocated once: the whole Fashion-MNIST set is about 220 MB of float32.
 */
export function toInputs(set: ImageSet): Matrix {
  const size = set.rows * set.cols;
  const out = new Float32Array(set.count * size);
  const pixels = set.pixels;
  for (let i = 0; i < out.length; i++) out[i] = SCALED[pixels[i]];
  return new Matrix(set.count, size, out);
}

/** The labels as the Int32Array the losses take. */
export function toLabels(set: ImageSet): Int32Array {
  return Int32Array.from(set.labels);
}

/** The number of images of each class 0..classes-1. */
export function classCounts(set: ImageSet, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const label of set.labels) counts[label]++;
  return counts;
}

/** Images `indices` of `set`, in that order, copied into a new set. */
export function pickImages(set: ImageSet, indices: ArrayLike<number>): ImageSet {
  const size = set.rows * set.cols;
  const pixels = new Uint8Array(indices.length * size);
  const labels = new Uint8Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const from = indices[i] * size;
    pixels.set(set.pixels.subarray(from, from + size), i * size);
    labels[i] = set.labels[indices[i]];
  }
  return { count: indices.length, rows: set.rows, cols: set.cols, pixels, labels };
}

export interface StratifiedSplitOptions {
  /** Test images taken from each class; the rest of the class trains. */
  testPerClass: number;
  /** Keep at most this many training images per class (a quick subset). @default all */
  trainPerClass?: number;
}

/**
 * A seeded, stratified split: each class's images are permuted by `rng` (class 0 first), the first
 * `testPerClass` of each go to the test set, the rest (or `trainPerClass` of them) to the training
 * set; then both sets are shuffled by `rng` (test, then training), so that batches mix the classes.
 * Same seed, same split.
 */
export function stratifiedSplit(
  set: ImageSet,
  classes: number,
  rng: RandomState,
  options: StratifiedSplitOptions,
): ImageSplit {
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  for (let i = 0; i < set.count; i++) {
    const label = set.labels[i];
    if (label >= classes) {
      throw new ScratchnetError(
        'BAD_LABEL',
        `image ${i} has label ${label}, but the data set has classes 0..${classes - 1}`,
        'check the labels of the data set',
      );
    }
    byClass[label].push(i);
  }
  const train: number[] = [];
  const test: number[] = [];
  for (const [label, members] of byClass.entries()) {
    if (members.length <= options.testPerClass) {
      throw new ScratchnetError(
        'BAD_DATA',
        `class ${label} has ${members.length} images, too few to hold out ${options.testPerClass} for testing`,
        'use a data set with more images per class',
      );
    }
    const order = rng.permutation(members.length);
    const trainEnd = Math.min(members.length, options.testPerClass + (options.trainPerClass ?? Infinity));
    for (let k = 0; k < options.testPerClass; k++) test.push(members[order[k]]);
    for (let k = options.testPerClass; k < trainEnd; k++) train.push(members[order[k]]);
  }
  const trainOrder = Int32Array.from(train);
  const testOrder = Int32Array.from(test);
  // the test set first, so that its order does not depend on how many training images are kept
  rng.shuffle(testOrder);
  rng.shuffle(trainOrder);
  return { train: pickImages(set, trainOrder), test: pickImages(set, testOrder) };
}

/** A training set cut to at most `perClass` images of each class, keeping their order. */
export function limitPerClass(set: ImageSet, classes: number, perClass: number): ImageSet {
  const taken = new Array<number>(classes).fill(0);
  const keep: number[] = [];
  for (let i = 0; i < set.count; i++) {
    if (taken[set.labels[i]]++ < perClass) keep.push(i);
  }
  return keep.length === set.count ? set : pickImages(set, keep);
}
