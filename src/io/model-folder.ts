// A Model in a folder (Node only), as Keras's model.save(path) and keras.models.load_model(path):
// the TensorFlow.js layers-model files of model-files.ts, written from a model and read into one.
// In a browser, toLayersModelArtifacts(model.describe()) gives the same two files as bytes.
import { type FeatureName, savedFeatures } from '../data/features.ts';
import { Model } from '../model/model.ts';
import { RandomState } from '../tensor/random.ts';
import { loadModelFiles, readModelFiles, saveModelFiles } from './model-files.ts';

/**
 * Writes the model as TensorFlow.js layers-model files, `model.json` and `weights.bin`, into `dir`
 * (created if missing); each file is written atomically. TensorFlow.js loads them as they are.
 */
export async function saveModel(model: Model, dir: string): Promise<void> {
  await saveModelFiles(dir, model.describe());
}

/**
 * The finalized model saveModel wrote into `dir` (or TensorFlow.js, for a Dense network), bit for bit,
 * with its loss, optimizer and accuracy; damaged files are refused with CORRUPT_MODEL_FILE. `rng`
 * becomes the model's generator and its Dropout layers' (loading draws nothing from it). A model
 * trained with input features takes the feature columns: see loadModelFeatures.
 */
export async function loadModel(dir: string, rng: RandomState = new RandomState(0)): Promise<Model> {
  return Model.fromDescription(await loadModelFiles(dir), rng);
}

/**
 * The input features saved with the model in `dir` (`scratchnet train --features`, the playground's
 * download), or null for a model of plain inputs. loadModel's model takes the feature columns:
 * give it featureInputs(X, features) of the raw x1, x2 points, not X.
 */
export async function loadModelFeatures(dir: string): Promise<FeatureName[] | null> {
  return savedFeatures((await readModelFiles(dir)).extras);
}
