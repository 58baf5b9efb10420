import { loadModelFiles } from '../io/model-files.ts';
import { Model } from '../model/model.ts';
import { RandomState } from '../tensor/random.ts';
import { requireCompleteFinalModel } from './final-model.ts';

/** A saved model ready for evaluate / predict / summary (dropout off at inference, so the seed is moot). */
export async function loadModel(dir: string): Promise<Model> {
  await requireCompleteFinalModel(dir);
  return Model.fromDescription(await loadModelFiles(dir), new RandomState(0));
}
