// What scratchnet keeps in model.json beyond the Keras topology, under userDefinedMetadata.scratchnet
// (TF.js carries userDefinedMetadata through load and save: tfjs-layers/src/models.ts
// loadLayersModelFromIOHandler → setUserDefinedMetadata; tfjs-layers/src/engine/training.ts save).
import type { LossName, ModelDescription, OptimizerDescription } from '../model/model-description.ts';
import { SCRATCHNET_VERSION } from '../version.ts';
import {
  corrupt,
  isObject,
  type JsonObject,
  type JsonValue,
  requireArray,
  requireFinite,
  requireObject,
  requireOneOf,
  requireString,
} from './json-fields.ts';

export interface ScratchnetMetadata {
  version: string;
  /** scratchnet's layer names in forward order, including activations folded into a Dense layer. */
  layerNames: string[];
  loss: LossName | null;
  optimizer: OptimizerDescription | null;
  accuracy: ModelDescription['accuracy'];
  /** Hex sha256 of the weight data; saveModelFiles adds it so that an altered weights file is caught. */
  weightsSha256?: string;
  /** Whatever else the caller of saveModelFiles stores (e.g. training state). */
  extras?: { [key: string]: JsonValue };
}

const LOSS_NAMES: readonly LossName[] = [
  'categoricalCrossentropy',
  'binaryCrossentropy',
  'meanSquaredError',
  'meanAbsoluteError',
];
const OPTIMIZER_NAMES: readonly OptimizerDescription['name'][] = ['sgd', 'adagrad', 'rmsprop', 'adam'];
const ACCURACY_NAMES = ['categorical', 'binary', 'regression'] as const;
const OPTIONAL_OPTIMIZER_FIELDS = ['momentum', 'epsilon', 'rho', 'beta1', 'beta2'] as const;
const WHERE = 'userDefinedMetadata.scratchnet';

export function metadataFor(description: ModelDescription): ScratchnetMetadata {
  return {
    version: SCRATCHNET_VERSION,
    layerNames: description.layers.map((layer) => layer.name),
    loss: description.loss,
    optimizer: description.optimizer === null ? null : { ...description.optimizer },
    accuracy: description.accuracy,
  };
}

/** The parsed metadata with the fields loading uses; null for a file without any (TF.js wrote it). */
export interface ParsedMetadata {
  layerNames: string[];
  loss: LossName | null;
  optimizer: OptimizerDescription | null;
  accuracy: ModelDescription['accuracy'];
  weightsSha256: string | null;
  extras: JsonObject;
}

export function parseScratchnetMetadata(userDefinedMetadata: unknown): ParsedMetadata | null {
  if (!isObject(userDefinedMetadata) || userDefinedMetadata.scratchnet === undefined) return null;
  const meta = requireObject(userDefinedMetadata.scratchnet, WHERE);
  requireString(meta.version, `${WHERE}.version`);
  const layerNames = requireArray(meta.layerNames, `${WHERE}.layerNames`).map((name, i) =>
    requireString(name, `${WHERE}.layerNames[${i}]`),
  );
  return {
    layerNames,
    loss: meta.loss === null ? null : requireOneOf(meta.loss, LOSS_NAMES, `${WHERE}.loss`),
    optimizer: meta.optimizer === null ? null : parseOptimizer(meta.optimizer),
    accuracy:
      meta.accuracy === null ? null : requireOneOf(meta.accuracy, ACCURACY_NAMES, `${WHERE}.accuracy`),
    weightsSha256: meta.weightsSha256 === undefined ? null : parseSha256(meta.weightsSha256),
    extras: meta.extras === undefined ? {} : requireObject(meta.extras, `${WHERE}.extras`),
  };
}

function parseOptimizer(value: unknown): OptimizerDescription {
  const where = `${WHERE}.optimizer`;
  const o = requireObject(value, where);
  const optimizer: OptimizerDescription = {
    name: requireOneOf(o.name, OPTIMIZER_NAMES, `${where}.name`),
    learningRate: requireFinite(o.learningRate, `${where}.learningRate`),
    decay: requireFinite(o.decay, `${where}.decay`),
  };
  for (const key of OPTIONAL_OPTIMIZER_FIELDS) {
    if (o[key] !== undefined) optimizer[key] = requireFinite(o[key], `${where}.${key}`);
  }
  return optimizer;
}

function parseSha256(value: unknown): string {
  const sha = requireString(value, `${WHERE}.weightsSha256`);
  if (!/^[0-9a-f]{64}$/.test(sha)) {
    throw corrupt(
      `model.json: ${WHERE}.weightsSha256 must be 64 lowercase hex digits, got ${JSON.stringify(sha)}`,
    );
  }
  return sha;
}
