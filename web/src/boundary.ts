// The decision boundary picture of a playground network: class regions over the plane, training
// points as dots and validation points as rings; for a regression, the predicted surface over the
// plane (plane, multi-gaussian) or the predicted curve along x (the sine data).
import { applyFeatures, type FeatureName, featureRow } from '../../src/data/features.ts';
import type { RgbaImage } from '../../src/data/rgba-image.ts';
import { type ClassLabels, Matrix, type Model } from '../../src/index.ts';
import { dataRange, renderDecisionBoundary } from '../../src/plot/decision-boundary.ts';
import type { PlotRange } from '../../src/plot/plot-range.ts';
import { renderRegressionSurface } from '../../src/plot/regression-surface.ts';
import { CURVE_RANGE, curveImage } from './curve-image.ts';
import { type Diagram, networkDiagram } from './neuron-pictures.ts';
import type { PlaygroundData } from './playground-data.ts';
import type { PlaygroundSettings } from './settings.ts';

export const BOUNDARY_SIZE = 360;

/** The picture with the page's display toggles: validation points shown or not, hard colours or not. */
export function boundaryImage(
  data: PlaygroundData,
  settings: Pick<PlaygroundSettings, 'features' | 'showTest' | 'discretize'>,
  model: Model,
  range: PlotRange,
): RgbaImage {
  const { features, discretize } = settings;
  const validation = (settings.showTest && data.validation) || undefined;
  // the plane's points go through the run's feature transform, as its training rows did
  const predict = (grid: Matrix) => model.predict(applyFeatures(grid, features));
  if (data.y instanceof Matrix) {
    const shown = (validation && { X: validation.X, y: validation.y as Matrix }) ?? null; // regression: values
    const train = { X: data.X, y: data.y };
    if (isCurve(data)) return curveImage(train, shown, model, { size: BOUNDARY_SIZE, discretize });
    return renderRegressionSurface(predict, {
      width: BOUNDARY_SIZE,
      height: BOUNDARY_SIZE,
      range,
      cellSize: 3,
      discrete: discretize,
      train,
      validation: shown,
    });
  }
  const labels = (v: { y: ClassLabels | Matrix }) => v.y as ClassLabels; // classification: labels
  return renderDecisionBoundary(predict, {
    classCount: data.classes,
    width: BOUNDARY_SIZE,
    height: BOUNDARY_SIZE,
    range,
    cellSize: 3,
    discrete: discretize,
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
