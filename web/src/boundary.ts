// The decision boundary picture of a playground network: class regions over the plane, training
// points as dots and validation points as rings.
import { applyFeatures, type FeatureName } from '../../src/data/features.ts';
import type { RgbaImage } from '../../src/data/rgba-image.ts';
import type { Model } from '../../src/index.ts';
import { renderDecisionBoundary } from '../../src/plot/decision-boundary.ts';
import type { PlotRange } from '../../src/plot/plot-range.ts';
import type { PlaygroundData } from './playground-data.ts';

export const BOUNDARY_SIZE = 360;

export function boundaryImage(
  data: PlaygroundData,
  features: readonly FeatureName[],
  model: Model,
  range: PlotRange,
): RgbaImage {
  const validation = data.validation ?? undefined;
  return renderDecisionBoundary((grid) => model.predict(applyFeatures(grid, features)), {
    classCount: data.classes,
    width: BOUNDARY_SIZE,
    height: BOUNDARY_SIZE,
    range,
    cellSize: 3,
    train: { inputs: data.X, labels: data.y },
    validation: validation && { inputs: validation.X, labels: validation.y },
  });
}
