// The decision boundary picture of a playground network: class regions over the plane, training
// points as dots and validation points as rings; for a regression, the predicted surface over the
// plane (plane, multi-gaussian) or the predicted curve along x (the sine data).
import { applyFeatures, type FeatureName, featureRow } from '../../src/data/features.ts';
import type { RgbaImage } from '../../src/data/rgba-image.ts';
import { type ClassLabels, Matrix, type Model } from '../../src/index.ts';
import { dataRange, renderDecisionBoundary } from '../../src/plot/decision-boundary.ts';
import type { PlotRange } from '../../src/plot/plot-range.ts';
import { CURVE_RANGE, curveImage } from './curve-image.ts';
import { type Diagram, networkDiagram } from './neuron-pictures.ts';
import type { PlaygroundData } from './playground-data.ts';
import { surfaceImage } from './surface-image.ts';

export const BOUNDARY_SIZE = 360;

export function boundaryImage(
  data: PlaygroundData,
  features: readonly FeatureName[],
  model: Model,
  range: PlotRange,
): RgbaImage {
  if (data.y instanceof Matrix) {
    if (isCurve(data)) return curveImage(data.X, data.y, model, BOUNDARY_SIZE);
    const targets = (v: { X: Matrix; y: ClassLabels | Matrix }) => ({ X: v.X, y: v.y as Matrix });
    const predict = (grid: Matrix) => model.predict(applyFeatures(grid, features));
    const validation = data.validation && targets(data.validation);
    return surfaceImage(predict, range, BOUNDARY_SIZE, { X: data.X, y: data.y }, validation);
  }
  const validation = data.validation ?? undefined;
  const labels = (v: { y: ClassLabels | Matrix }) => v.y as ClassLabels; // classification: labels
  return renderDecisionBoundary((grid) => model.predict(applyFeatures(grid, features)), {
    classCount: data.classes,
    width: BOUNDARY_SIZE,
    height: BOUNDARY_SIZE,
    range,
    cellSize: 3,
    train: { inputs: data.X, labels: data.y },
    validation: validation && { inputs: validation.X, labels: labels(validation) },
  });
}

/** The sine data: one input x, drawn as a curve; every other set has points on the plane. */
function isCurve(data: PlaygroundData): boolean {
  return data.X.cols === 1;
}

/** What the network sees: the points' features, or for the sine data x itself. */
export function networkInputs(X: Matrix, data: PlaygroundData, features: readonly FeatureName[]): Matrix {
  return isCurve(data) ? X : applyFeatures(X, features);
}

export function pictureRange(data: PlaygroundData): PlotRange {
  return isCurve(data) ? CURVE_RANGE : dataRange([data.X, data.validation?.X], { aspect: 1 });
}

export function diagramOf(
  data: PlaygroundData,
  model: Model,
  range: PlotRange,
  features: FeatureName[],
): Diagram {
  if (isCurve(data)) return networkDiagram(model, range, ['x'], (x) => [x]);
  return networkDiagram(model, range, features, (x, y) => featureRow(features, x, y));
}
