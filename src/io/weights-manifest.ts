// The weights manifest of model.json and the bytes it describes. Format as in tensorflow/tfjs:
//   tfjs-core/src/io/types.ts          WeightsManifestConfig, WeightsManifestEntry (name, shape, dtype,
//                                      group, quantization)
//   tfjs-node/src/io/file_system.ts    loadWeights: the files of all groups' paths, concatenated in
//                                      manifest order, hold the entries back to back
//   tfjs-core/src/io/io_utils.ts       decodeWeights: float32 little-endian, 4 bytes a value
import { describeValue } from '../errors/scratchnet-error.ts';
import {
  corrupt,
  requireArray,
  requireCount,
  requireObject,
  requireOneOf,
  requireString,
  SAVE_AGAIN_HINT,
} from './json-fields.ts';

export interface WeightSpecJson {
  name: string;
  shape: number[];
  dtype: 'float32';
}

export interface WeightsManifestGroupJson {
  paths: string[];
  weights: WeightSpecJson[];
}

export interface ManifestEntry {
  name: string;
  shape: readonly number[];
  /** 'optimizer' entries (TF.js includeOptimizer) are skipped, but their bytes still count. */
  group: 'model' | 'optimizer';
  byteOffset: number;
  byteLength: number;
}

export interface ParsedManifest {
  /** Every group's paths, in order: their files concatenated are the weight data. */
  paths: string[];
  entries: ManifestEntry[];
  byteLength: number;
}

const BYTES_PER_VALUE = { float32: 4, int32: 4 } as const;

export function parseWeightsManifest(value: unknown): ParsedManifest {
  const groups = requireArray(value, 'weightsManifest');
  const paths: string[] = [];
  const entries: ManifestEntry[] = [];
  const seen = new Set<string>();
  let byteOffset = 0;
  groups.forEach((groupJson, g) => {
    const group = requireObject(groupJson, `weightsManifest[${g}]`);
    requireArray(group.paths, `weightsManifest[${g}].paths`).forEach((path, p) => {
      paths.push(requireString(path, `weightsManifest[${g}].paths[${p}]`));
    });
    requireArray(group.weights, `weightsManifest[${g}].weights`).forEach((entryJson, w) => {
      const entry = parseEntry(entryJson, `weightsManifest[${g}].weights[${w}]`, byteOffset);
      if (seen.has(entry.name)) throw corrupt(`model.json: weightsManifest lists "${entry.name}" twice`);
      seen.add(entry.name);
      entries.push(entry);
      byteOffset += entry.byteLength;
    });
  });
  return { paths, entries, byteLength: byteOffset };
}

function parseEntry(value: unknown, where: string, byteOffset: number): ManifestEntry {
  const spec = requireObject(value, where);
  const name = requireString(spec.name, `${where}.name`);
  const named = `${where} ("${name}")`;
  if (spec.quantization !== undefined && spec.quantization !== null) {
    throw corrupt(
      `model.json: ${named} is quantized, which scratchnet cannot load`,
      'save the weights as float32 (no quantization) in TensorFlow.js',
    );
  }
  const group = spec.group === 'optimizer' ? 'optimizer' : 'model';
  const dtypes = group === 'model' ? (['float32'] as const) : (['float32', 'int32'] as const);
  const dtype = requireOneOf(spec.dtype, dtypes, `${named}.dtype`, 'scratchnet models hold float32 weights');
  const shape = requireArray(spec.shape, `${named}.shape`).map((d, i) =>
    requireCount(d, `${named}.shape[${i}]`, 0),
  );
  const byteLength = shape.reduce((size, d) => size * d, 1) * BYTES_PER_VALUE[dtype];
  return { name, shape, group, byteOffset, byteLength };
}

/** Refuses weight data of any length but the manifest's, naming both. */
export function requireByteLength(manifest: ParsedManifest, weightData: Uint8Array): void {
  if (weightData.byteLength === manifest.byteLength) return;
  const files = manifest.paths.join(' + ') || 'the weight data';
  const what = weightData.byteLength < manifest.byteLength ? 'is missing bytes' : 'has extra bytes';
  throw corrupt(
    `${files}: expected ${manifest.byteLength} bytes (the sum of the weights manifest's shapes × 4), ` +
      `got ${weightData.byteLength}; it ${what}`,
    SAVE_AGAIN_HINT,
  );
}

/** Checks an entry's shape against the layer chain; `expected` is [rows, cols] or [n]. */
export function requireShape(entry: ManifestEntry, expected: readonly number[], why: string): void {
  const same = entry.shape.length === expected.length && entry.shape.every((d, i) => d === expected[i]);
  if (!same) {
    throw corrupt(
      `model.json: weight "${entry.name}" has shape ${JSON.stringify(entry.shape)} in the weights manifest, ` +
        `but ${why} needs ${JSON.stringify(expected)}`,
    );
  }
}

/** Copies an entry's values out (little-endian, as TF.js writes them) and refuses NaN or ±Infinity. */
export function readFloat32(entry: ManifestEntry, weightData: Uint8Array): Float32Array {
  const view = new DataView(weightData.buffer, weightData.byteOffset + entry.byteOffset, entry.byteLength);
  const values = new Float32Array(entry.byteLength / 4);
  for (let i = 0; i < values.length; i++) {
    const v = view.getFloat32(i * 4, true);
    if (!Number.isFinite(v)) {
      throw corrupt(
        `weight "${entry.name}" element ${i} is ${describeValue(v)}; saved weights are always finite`,
      );
    }
    values[i] = v;
  }
  return values;
}

/** The arrays back to back as float32 little-endian bytes. */
export function packFloat32(arrays: readonly Float32Array[]): Uint8Array {
  const total = arrays.reduce((n, a) => n + a.length, 0);
  const bytes = new Uint8Array(total * 4);
  const view = new DataView(bytes.buffer);
  let offset = 0;
  for (const array of arrays) {
    for (let i = 0; i < array.length; i++, offset += 4) view.setFloat32(offset, array[i], true);
  }
  return bytes;
}
