// A saved model on disk (Node only): model.json + weights.bin in one folder, the layout of
// tensorflow/tfjs tfjs-node/src/io/file_system.ts, so tf.loadLayersModel('file://dir/model.json') in
// tfjs-node reads it as is. Every file is written atomically; model.json, written last, is the commit
// point. A sha256 of the weights in model.json catches an altered weights file of the right length.
import { createHash } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import { isAbsolute, join, normalize } from 'node:path';
import { formatBytes } from '../errors/format-bytes.ts';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import type { ModelDescription } from '../model/model-description.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { corrupt, type JsonValue, requireObject, SAVE_AGAIN_HINT } from './json-fields.ts';
import { type OpenedFile, openRegularFile, readExactly, readRegularTextFile } from './regular-file.ts';
import {
  type LoadedLayersModel,
  readLayersModel,
  toLayersModelArtifacts,
  WEIGHTS_FILE_NAME,
} from './tfjs-artifacts.ts';
import { type ParsedManifest, parseWeightsManifest } from './weights-manifest.ts';
import { makeFolder } from './write-target.ts';

export const MODEL_JSON_FILE_NAME = 'model.json';

/**
 * Writes `dir/weights.bin`, then `dir/model.json` (creating `dir` if needed). `extras` is stored in
 * model.json under userDefinedMetadata.scratchnet.extras and comes back from readModelFiles.
 */
export async function saveModelFiles(
  dir: string,
  description: ModelDescription,
  extras?: { [key: string]: JsonValue },
): Promise<void> {
  const { modelJson, weightData } = encodeModelFiles(description, extras);
  await makeFolder(dir);
  const weightsPath = join(dir, WEIGHTS_FILE_NAME);
  const hadWeights = await exists(weightsPath);
  await writeFileAtomic(weightsPath, weightData);
  try {
    await writeFileAtomic(join(dir, MODEL_JSON_FILE_NAME), modelJson);
  } catch (error) {
    // without its model.json, a new weights.bin is debris; an older model.json beside it would
    // still refuse it by the sha256
    if (!hadWeights) await rm(weightsPath, { force: true });
    throw error;
  }
}

/** What saveModelFiles writes: the text of model.json (with the weights' sha256) and weights.bin. */
export function encodeModelFiles(
  description: ModelDescription,
  extras?: { [key: string]: JsonValue },
): { modelJson: string; weightData: Uint8Array } {
  const { modelJson, weightData } = toLayersModelArtifacts(description);
  const metadata = modelJson.userDefinedMetadata.scratchnet;
  metadata.weightsSha256 = sha256Hex(weightData);
  if (extras !== undefined) metadata.extras = extras;
  return { modelJson: `${JSON.stringify(modelJson, null, 2)}\n`, weightData };
}

/** The description saved in `dir`, bit for bit; also reads folders TF.js saved for a Dense network. */
export async function loadModelFiles(dir: string): Promise<ModelDescription> {
  return (await readModelFiles(dir)).description;
}

/** loadModelFiles, plus the extras stored at saving. */
export async function readModelFiles(dir: string): Promise<LoadedLayersModel> {
  const modelJson = parseJson(await readModelJson(dir), dir);
  try {
    const manifest = parseWeightsManifest(requireObject(modelJson, 'the top level').weightsManifest);
    const weightData = await readWeightFiles(dir, manifest);
    const paths = manifest.paths;
    const loaded = readLayersModel(modelJson, weightData);
    const actual = sha256Hex(weightData);
    if (loaded.weightsSha256 !== null && actual !== loaded.weightsSha256) {
      throw corrupt(
        `${paths.join(' + ')}: sha256 ${actual} differs from ${loaded.weightsSha256} recorded in model.json; ` +
          'the weights were altered after saving',
        'the weights file does not belong to this model.json (or was damaged); save the model again',
      );
    }
    return loaded;
  } catch (error) {
    // name the folder too: the pure reader only knows file names
    if (error instanceof ScratchnetError && error.code === 'CORRUPT_MODEL_FILE') {
      throw new ScratchnetError(error.code, `${error.message} (model folder ${dir})`, error.hint);
    }
    throw error;
  }
}

function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** The largest model.json read: the topology and manifest of a Dense network are a few kB. */
const MAX_MODEL_JSON_BYTES = 64_000_000;

async function readModelJson(dir: string): Promise<string> {
  const path = join(dir, MODEL_JSON_FILE_NAME);
  try {
    return await readRegularTextFile(path, {
      what: 'the model file',
      maxBytes: MAX_MODEL_JSON_BYTES,
      code: 'CORRUPT_MODEL_FILE',
    });
  } catch (error) {
    if (error instanceof ScratchnetError) throw error;
    const code = errorCode(error);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
    const folder = await stat(dir).catch(() => null);
    const why =
      folder === null
        ? 'the folder does not exist'
        : folder.isDirectory()
          ? `the folder has no ${MODEL_JSON_FILE_NAME}`
          : 'it is a file, not a model folder';
    throw new ScratchnetError(
      'MODEL_NOT_FOUND',
      `no model at ${dir}: ${why}`,
      `pass the folder a model was saved into (it holds ${MODEL_JSON_FILE_NAME} and ${WEIGHTS_FILE_NAME})`,
    );
  }
}

function parseJson(text: string, dir: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw corrupt(`${join(dir, MODEL_JSON_FILE_NAME)} is not valid JSON (${reason})`);
  }
}

/**
 * The manifest's weight files, concatenated. Each must be a regular file inside the model folder,
 * listed once, and together they must hold exactly the bytes the manifest's shapes declare: all of
 * that is checked on the open files before a byte is read, so a manifest that lists one file sixty
 * times, or a weights.bin that is a link to /dev/zero, is refused at once.
 */
async function readWeightFiles(dir: string, manifest: ParsedManifest): Promise<Uint8Array> {
  if (manifest.byteLength > MAX_WEIGHT_BYTES) {
    throw corrupt(
      `model.json: the weights manifest declares ${formatBytes(manifest.byteLength)} of weights; scratchnet loads at most ${formatBytes(MAX_WEIGHT_BYTES)}`,
    );
  }
  const files: OpenedFile[] = [];
  try {
    for (const path of manifest.paths) {
      const file = await openWeightFile(dir, path);
      files.push(file);
      const twin = files.findIndex((other) => other.identity === file.identity);
      if (twin !== files.length - 1) {
        throw corrupt(
          `model.json: the weights manifest lists ${JSON.stringify(path)}, the same file as ${JSON.stringify(manifest.paths[twin])} before it`,
        );
      }
    }
    const total = files.reduce((sum, file) => sum + file.size, 0);
    if (total !== manifest.byteLength) {
      const what = total < manifest.byteLength ? 'is missing bytes' : 'has extra bytes';
      throw corrupt(
        `${manifest.paths.join(' + ') || 'the weight data'}: expected ${manifest.byteLength} bytes (the sum of the weights manifest's shapes × 4), ` +
          `got ${total}; it ${what}`,
        SAVE_AGAIN_HINT,
      );
    }
    const chunks: Uint8Array[] = [];
    for (const [i, file] of files.entries()) {
      chunks.push(await readExactly(file.handle, file.size, 0, manifest.paths[i], WEIGHTS_LIMIT));
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
  } finally {
    await Promise.all(files.map((file) => file.handle.close()));
  }
}

/**
 * The largest weight data loaded: 1 GB, 250 million float32 values. Loading one takes several times
 * that (the bytes, the weights, their gradients, the initial draws of the layers it rebuilds); the
 * book's Fashion-MNIST network is 0.5 MB.
 */
const MAX_WEIGHT_BYTES = 1_000_000_000;
const WEIGHTS_LIMIT = {
  what: 'the weights file',
  maxBytes: MAX_WEIGHT_BYTES,
  code: 'CORRUPT_MODEL_FILE',
} as const;

/** A weights file named in the manifest, opened; only regular files inside the model folder are read. */
async function openWeightFile(dir: string, path: string): Promise<OpenedFile> {
  const relative = normalize(path);
  if (isAbsolute(path) || relative.split(/[\\/]/)[0] === '..') {
    throw corrupt(`model.json: the weights manifest names ${JSON.stringify(path)}, outside the model folder`);
  }
  try {
    return await openRegularFile(join(dir, relative), WEIGHTS_LIMIT);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
    throw corrupt(
      `model.json lists the weights file ${JSON.stringify(path)}, which is missing`,
      'copy the weights file along with model.json, or save the model again',
    );
  }
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}
