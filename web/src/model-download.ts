// A playground model's files as `scratchnet train` saves them: model.json (with the input features
// beside the weights, so the download reproduces) and weights.bin.
import { type FeatureName, isIdentity } from '../../src/data/features.ts';
import { type Model, toLayersModelArtifacts } from '../../src/index.ts';

export function modelDownload(
  model: Model,
  features: readonly FeatureName[],
): { modelJson: string; weights: Uint8Array } {
  const artifacts = toLayersModelArtifacts(model.describe());
  if (!isIdentity(features))
    artifacts.modelJson.userDefinedMetadata.scratchnet.extras = { features: [...features] };
  return { modelJson: JSON.stringify(artifacts.modelJson, null, 2), weights: artifacts.weightData };
}
