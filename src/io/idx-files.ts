import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ImageSet, ImageSplit } from '../data/image-set.ts';
import { ScratchnetError } from '../errors/scratchnet-error.ts';

// The IDX files of MNIST and Fashion-MNIST as distributed: big-endian headers, then unsigned bytes.
// images (idx3): magic 0x00000803 = 2051, count, rows, cols, pixels
// labels (idx1): magic 0x00000801 = 2049, count, labels

const IMAGES_MAGIC = 2051;
const LABELS_MAGIC = 2049;
const FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

const FIX = 'download the four files again (gzipped or not) and keep their standard names';

function bad(file: string, problem: string): ScratchnetError {
  return new ScratchnetError('BAD_DATA', `${file}: ${problem}`, FIX);
}

/** The pixels of an idx3 images file. */
export function parseIdxImages(
  bytes: Uint8Array,
  file: string,
): { count: number; rows: number; cols: number; pixels: Uint8Array } {
  if (bytes.length < 16) throw bad(file, `has ${bytes.length} bytes, too few for an IDX images header (16)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  if (magic !== IMAGES_MAGIC) {
    throw bad(
      file,
      `magic number ${magic}, expected ${IMAGES_MAGIC} (an IDX images file)${magic === LABELS_MAGIC ? '; this is a labels file' : ''}`,
    );
  }
  const [count, rows, cols] = [view.getUint32(4), view.getUint32(8), view.getUint32(12)];
  const expected = 16 + count * rows * cols;
  if (bytes.length !== expected) {
    throw bad(
      file,
      `${count} images of ${rows}x${cols} need ${expected} bytes, the file has ${bytes.length} (truncated?)`,
    );
  }
  return { count, rows, cols, pixels: bytes.subarray(16) };
}

/** The labels of an idx1 labels file, each checked to be below `classes`. */
export function parseIdxLabels(bytes: Uint8Array, file: string, classes = 10): Uint8Array {
  if (bytes.length < 8) throw bad(file, `has ${bytes.length} bytes, too few for an IDX labels header (8)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  if (magic !== LABELS_MAGIC) {
    throw bad(
      file,
      `magic number ${magic}, expected ${LABELS_MAGIC} (an IDX labels file)${magic === IMAGES_MAGIC ? '; this is an images file' : ''}`,
    );
  }
  const count = view.getUint32(4);
  if (bytes.length !== 8 + count) {
    throw bad(file, `${count} labels need ${8 + count} bytes, the file has ${bytes.length} (truncated?)`);
  }
  const labels = bytes.subarray(8);
  const index = labels.findIndex((label) => label >= classes);
  if (index >= 0) throw bad(file, `label ${index} is ${labels[index]}, expected 0..${classes - 1}`);
  return labels;
}

/** The file's bytes, from `name` or `name.gz` in `dir`. */
async function readIdx(dir: string, name: string): Promise<{ bytes: Uint8Array; file: string }> {
  const plain = join(dir, name);
  if (existsSync(plain)) return { bytes: plainBytes(await readFile(plain)), file: plain };
  const gz = `${plain}.gz`;
  if (!existsSync(gz)) {
    throw new ScratchnetError(
      'BAD_DATA',
      `${dir} has no ${name} (nor ${name}.gz)`,
      `idx:DIR needs ${Object.values(FILES).join(', ')} (each may be gzipped)`,
    );
  }
  try {
    return { bytes: plainBytes(gunzipSync(await readFile(gz))), file: gz };
  } catch (error) {
    throw bad(gz, `is not a readable gzip file (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** A Buffer's bytes as a plain Uint8Array view, the type the rest of scratchnet uses. */
function plainBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

async function readSet(
  dir: string,
  imagesName: string,
  labelsName: string,
  classes: number,
): Promise<ImageSet> {
  const images = await readIdx(dir, imagesName);
  const labels = await readIdx(dir, labelsName);
  const parsed = parseIdxImages(images.bytes, images.file);
  const parsedLabels = parseIdxLabels(labels.bytes, labels.file, classes);
  if (parsedLabels.length !== parsed.count) {
    throw bad(labels.file, `has ${parsedLabels.length} labels but ${images.file} has ${parsed.count} images`);
  }
  return { ...parsed, labels: parsedLabels };
}

/** The training and test sets of an IDX folder (MNIST, Fashion-MNIST), as the files split them. */
export async function loadIdxDirectory(dir: string, classes = 10): Promise<ImageSplit> {
  const train = await readSet(dir, FILES.trainImages, FILES.trainLabels, classes);
  const test = await readSet(dir, FILES.testImages, FILES.testLabels, classes);
  if (train.rows !== test.rows || train.cols !== test.cols) {
    throw bad(
      join(dir, FILES.testImages),
      `images are ${test.rows}x${test.cols}, the training images ${train.rows}x${train.cols}`,
    );
  }
  return { train, test };
}
