// A Model in a folder (Node only), as Keras's model.save(path) and keras.models.load_model(path):
// the TensorFlow.js layers-model files of model-files.ts, written from a model and read into one.
// In a browser, toLayersModelArtifacts(model.describe()) gives the same two files as bytes.
import { Model } from '../model/model.ts';
import { RandomState } from '../tensor/random.ts';
import { loadModelFiles, saveModelFiles } from './model-files.ts';

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
 * becomes the model's generator and its Dropout layers' (loading draws nothing from it).
 */
export async function loadModel(dir: string, rng: RandomState = new RandomState(0)): Promise<Model> {
  return Model.fromDescription(await loadModelFiles(dir), rng);
}
