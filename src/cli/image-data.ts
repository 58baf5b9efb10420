import {
  FASHION_MNIST_CLASSES,
  type ImageSplit,
  limitPerClass,
  toInputs,
  toLabels,
} from '../data/image-set.ts';
import type { Matrix } from '../tensor/matrix.ts';
import type { TrainConfig } from './train-config.ts';

/**
 * The book's chapter-19 run, the preset of `--dataset fashion-mnist` and `--dataset idx:DIR`:
 * Dense 128 ReLU, Dense 128 ReLU, Dense 10 Softmax, Adam (lr 0.001) with decay 1e-3, batches of 128,
 * shuffled, 10 epochs, no regularization. Flags (and config keys) given explicitly still win.
 */
export const IMAGE_PRESET: Partial<TrainConfig> = {
  samples: 60000,
  hidden: [128, 128],
  l1w: [0],
  l2w: [0],
  l1b: [0],
  l2b: [0],
  dropout: [0],
  optimizer: 'adam',
  lr: 0.001,
  decay: 1e-3,
  epochs: 10,
  batchSize: 128,
  shuffle: true,
  printEvery: 1,
  checkpointEvery: 1,
};

export function isImageDatasetName(name: string): boolean {
  return name === 'fashion-mnist' || (name.startsWith('idx:') && name.length > 4);
}

/** The config with the preset's values for every key not set explicitly (by flag or config file). */
export function withImagePreset(config: TrainConfig, explicit: ReadonlySet<string>): TrainConfig {
  if (!isImageDatasetName(config.dataset)) return config;
  const out = { ...config };
  for (const [key, value] of Object.entries(IMAGE_PRESET)) {
    if (!explicit.has(key)) Object.assign(out, { [key]: value });
  }
  return out;
}

/** What the end of an image run reports on: the test set, as images and as network inputs. */
export interface ImageRunData {
  readonly split: ImageSplit;
  readonly testX: Matrix;
  readonly testY: Int32Array;
  readonly classNames: readonly string[];
  /** Where the images came from and how long loading took, for the log. */
  readonly note: string;
}

export interface LoadedImageData {
  X: Matrix;
  y: Int32Array;
  outputs: number;
  images: ImageRunData;
}

/** Loads Fashion-MNIST (split by the run's seed) or an IDX folder (split as its files are). */
export async function loadImageData(config: TrainConfig): Promise<LoadedImageData> {
  const started = performance.now();
  let split: ImageSplit;
  let note: string;
  // the readers are loaded here, not with the module: `scratchnet train` imports this file for every data set
  if (config.dataset === 'fashion-mnist') {
    const { loadFashionMnist } = await import('../io/fashion-mnist-package.ts');
    const loaded = await loadFashionMnist({ seed: config.seed, trainPerClass: config.samples });
    split = { train: loaded.train, test: loaded.test };
    note = `fashion-mnist: ${split.train.count} training and ${split.test.count} test images (read from the ${loaded.loaded.source} in ${loaded.loaded.ms.toFixed(0)} ms)`;
    if (loaded.loaded.cacheNote) note += `; ${loaded.loaded.cacheNote}`;
  } else {
    const dir = config.dataset.slice('idx:'.length);
    const { loadIdxDirectory } = await import('../io/idx-files.ts');
    const full = await loadIdxDirectory(dir);
    const classes = maxLabel(full.train.labels, full.test.labels) + 1;
    split = { train: limitPerClass(full.train, classes, config.samples), test: full.test };
    note = `${dir}: ${split.train.count} training and ${split.test.count} test images`;
  }
  const classes = maxLabel(split.train.labels, split.test.labels) + 1;
  const classNames =
    config.dataset === 'fashion-mnist' || (classes === 10 && /fashion/i.test(config.dataset))
      ? FASHION_MNIST_CLASSES
      : Array.from({ length: classes }, (_, i) => String(i));
  const X = toInputs(split.train);
  const testX = toInputs(split.test);
  note += `, ready in ${(performance.now() - started).toFixed(0)} ms`;
  const images: ImageRunData = { split, testX, testY: toLabels(split.test), classNames, note };
  return { X, y: toLabels(split.train), outputs: classes, images };
}

function maxLabel(...sets: Uint8Array[]): number {
  let max = 0;
  for (const labels of sets) for (const label of labels) if (label > max) max = label;
  return max;
}
