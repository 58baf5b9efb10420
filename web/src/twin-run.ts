// The comparison's second network: the same settings, seed and data without any regularization
// (no L1, no L2, no dropout), trained epoch for epoch beside the page's own run. Same seed and same
// data set mean the same initial weights: the two differ only by the regularization.
import { buildNetwork, type Matrix, type Model } from '../../src/index.ts';
import { networkSpec, toRunFlags } from './command-line.ts';
import { makePlaygroundData } from './playground-data.ts';
import type { PlaygroundSettings } from './settings.ts';

export interface TwinRun {
  model: Model;
}

export function unregularized(settings: PlaygroundSettings): PlaygroundSettings {
  return {
    ...settings,
    layers: settings.layers.map((layer) => ({ ...layer, l1w: 0, l2w: 0, l1b: 0, l2b: 0, dropout: 0 })),
  };
}

export function makeTwin(settings: PlaygroundSettings, csvText: string | null): TwinRun {
  const plain = unregularized(settings);
  // drawn again from the seed: the same points, and the generator where the weights come next
  const data = makePlaygroundData(plain, csvText);
  const flags = toRunFlags(plain, data, null);
  return { model: buildNetwork(networkSpec(flags, data.classes), data.rng) };
}

export function trainTwin(
  twin: TwinRun,
  settings: PlaygroundSettings,
  X: Matrix,
  y: Parameters<Model['train']>[1],
  validation: readonly [Matrix, Parameters<Model['train']>[1]] | null,
): void {
  twin.model.train(X, y, {
    epochs: 1,
    batchSize: settings.batchSize > 0 ? settings.batchSize : undefined,
    shuffle: settings.shuffle,
    validationData: validation === null ? undefined : [validation[0], validation[1]],
  });
}

/** Training minus validation accuracy after each epoch: the overfitting the comparison is about. */
export function accuracyGaps(model: Model): number[] {
  const { accuracy, valAccuracy } = model.history;
  return accuracy.map((a, i) => a - (valAccuracy[i] ?? Number.NaN));
}
