import { join } from 'node:path';
import type { FeatureName } from '../data/features.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { writePngFile } from '../io/png-file.ts';
import type { HistoryData } from '../model/history.ts';
import type { Model } from '../model/model.ts';
import type { ModelDescription } from '../model/model-description.ts';
import { renderTrainingCurvesSvg } from '../plot/curves-svg.ts';
import { type PictureData, renderRunPictures } from '../plot/run-pictures.ts';
import type { Matrix } from '../tensor/matrix.ts';
import type { TrainConfig } from './train-config.ts';
import type { TrainingData } from './train-data.ts';

export const PICTURE_FILES = {
  decisionBoundary: 'decision-boundary.png',
  surface: 'surface.png',
  curves: 'curves.svg',
  predictions: 'predictions.svg',
} as const;

export interface PictureSources {
  task?: 'classification' | 'regression';
  /** The model's feature transform; `train` and `validation` are then the points before it. */
  features?: readonly FeatureName[] | null;
  train?: PictureData | null;
  validation?: PictureData | null;
  history?: HistoryData | null;
  title?: string;
  /** Size of the decision boundary or regression surface. @default 512 × 512 */
  width?: number;
  height?: number;
}

export interface WrittenPictures {
  /** Paths of the files written, in a stable order. */
  paths: string[];
  /** Why a picture was not drawn. */
  notes: string[];
}

/** Multiply-adds of the grid evaluation above which the boundary is evaluated on a coarser grid. */
const GRID_BUDGET = 2e9;

/** Draws every picture that fits the model and data and writes them into `folder`, atomically. */
export async function writeRunPictures(
  folder: string,
  model: Model,
  sources: PictureSources,
): Promise<WrittenPictures> {
  const description = model.describe();
  const { inputs, outputs, cost } = shapeOf(description);
  const width = sources.width ?? 512;
  const height = sources.height ?? width;
  const pictures = renderRunPictures({
    predict: (X: Matrix) => model.predict(X),
    inputs,
    features: sources.features,
    outputs,
    task: sources.task ?? taskOf(description),
    train: sources.train,
    validation: sources.validation,
    history: sources.history,
    title: sources.title,
    width,
    height,
    // a large network on a large picture: evaluate every few pixels and interpolate
    cellSize: Math.max(1, Math.ceil(Math.sqrt((width * height * cost) / GRID_BUDGET))),
  });
  const paths: string[] = [];
  for (const [image, file] of [
    [pictures.decisionBoundary, PICTURE_FILES.decisionBoundary],
    [pictures.surface, PICTURE_FILES.surface],
  ] as const) {
    if (image === null) continue;
    const path = join(folder, file);
    await writePngFile(path, image);
    paths.push(path);
  }
  for (const [picture, file] of [
    [pictures.curves, PICTURE_FILES.curves],
    [pictures.predictions, PICTURE_FILES.predictions],
  ] as const) {
    if (picture === null) continue;
    const path = join(folder, file);
    await writeFileAtomic(path, picture);
    paths.push(path);
  }
  return { paths, notes: pictures.notes };
}

/** Classification when the model ends in softmax or sigmoid (or says so in its loss), else regression. */
export function taskOf(description: ModelDescription): 'classification' | 'regression' {
  if (description.loss === 'categoricalCrossentropy' || description.loss === 'binaryCrossentropy') {
    return 'classification';
  }
  if (description.loss !== null) return 'regression';
  const last = description.layers.at(-1);
  return last?.kind === 'activation' && (last.activation === 'softmax' || last.activation === 'sigmoid')
    ? 'classification'
    : 'regression';
}

/** Input and output columns of a model, and its multiply-adds per row. */
export function shapeOf(description: ModelDescription): { inputs: number; outputs: number; cost: number } {
  let inputs = 0;
  let outputs = 0;
  let cost = 0;
  for (const layer of description.layers) {
    if (layer.kind !== 'dense') continue;
    if (inputs === 0) inputs = layer.nInputs;
    outputs = layer.nNeurons;
    cost += layer.nInputs * layer.nNeurons;
  }
  return { inputs, outputs, cost };
}

/** The pictures at the end of `scratchnet train`: the training rows and the validation set. */
export async function writeTrainingPictures(
  folder: string,
  model: Model,
  data: TrainingData,
  history: HistoryData,
  config: Pick<TrainConfig, 'dataset' | 'features'>,
  size: { width?: number; height?: number } = {},
): Promise<string[]> {
  // with features, the boundary (or surface) is drawn over the points before the transform
  const points = config.features !== null && data.points !== undefined ? data.points : null;
  const validation: PictureData | null = data.validation && {
    X: points?.validation ?? data.validation[0],
    y: data.validation[1],
  };
  const written = await writeRunPictures(folder, model, {
    task: data.task,
    features: points === null ? null : config.features,
    train: { X: points?.X ?? data.X, y: data.y },
    validation,
    history,
    title: `Training curves: ${config.dataset.replace(/^csv:/, '')}`,
    ...size,
  });
  return written.paths;
}

/** Only curves.svg (after a divergence, when the weights are not worth drawing); its path, or null. */
export async function writeCurvesOnly(folder: string, history: HistoryData): Promise<string | null> {
  if (history.epoch.length === 0) return null;
  const path = join(folder, PICTURE_FILES.curves);
  await writeFileAtomic(path, renderTrainingCurvesSvg(history));
  return path;
}
