import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { MAX_IMAGE_PIXELS } from '../data/image-limits.ts';
import type { ImageSet, ImageSplit } from '../data/image-set.ts';
import { formatBytes } from '../errors/format-bytes.ts';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { MAX_MATRIX_VALUES } from '../tensor/matrix.ts';
import { type FileLimit, openRegularFile, readExactly, readRegularFile } from './regular-file.ts';

// The IDX files of MNIST and Fashion-MNIST as distributed: big-endian headers, then unsigned bytes.
// images (idx3): magic 0x00000803 = 2051, count, rows, cols, pixels
// labels (idx1): magic 0x00000801 = 2049, count, labels
// The header declares the size of what follows, and nothing is read or inflated past it: a plain
// file must be exactly that long, and a gzipped one is inflated as a stream that stops there.

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

interface IdxLayout {
  header: number;
  /** The whole file's size as its header declares it, and what it holds (throws when the header is refused). */
  declared(head: Uint8Array, file: string): { bytes: number; holds: string };
}

const IMAGES: IdxLayout = { header: 16, declared: imagesHeader };
const LABELS: IdxLayout = { header: 8, declared: labelsHeader };

function wrongSize(file: string, declared: { bytes: number; holds: string }, size: number): ScratchnetError {
  return bad(file, `${declared.holds} need ${declared.bytes} bytes, the file has ${size} (truncated?)`);
}

function magicOf(head: Uint8Array, expected: number, kind: string, file: string): DataView {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const magic = view.getUint32(0);
  if (magic !== expected) {
    const other =
      magic === LABELS_MAGIC
        ? '; this is a labels file'
        : magic === IMAGES_MAGIC
          ? '; this is an images file'
          : '';
    throw bad(file, `magic number ${magic}, expected ${expected} (an IDX ${kind} file)${other}`);
  }
  return view;
}

/** An images header's fields, refused when they declare no images, huge images, or too many bytes. */
function imagesHeader(
  head: Uint8Array,
  file: string,
): { count: number; rows: number; cols: number; bytes: number; holds: string } {
  if (head.length < 16) throw bad(file, `has ${head.length} bytes, too few for an IDX images header (16)`);
  const view = magicOf(head, IMAGES_MAGIC, 'images', file);
  const [count, rows, cols] = [view.getUint32(4), view.getUint32(8), view.getUint32(12)];
  if (count === 0 || rows === 0 || cols === 0)
    throw bad(file, `declares ${count} images of ${rows}x${cols}: no pixels`);
  if (rows * cols > MAX_IMAGE_PIXELS) {
    throw bad(
      file,
      `declares images of ${rows}x${cols} pixels; scratchnet reads images up to ${MAX_IMAGE_PIXELS} pixels (4096x4096)`,
    );
  }
  if (count * rows * cols > MAX_MATRIX_VALUES) {
    throw bad(
      file,
      `declares ${count} images of ${rows}x${cols}, ${formatBytes(count * rows * cols)} of pixels; scratchnet reads at most ${MAX_MATRIX_VALUES} pixels (they become one matrix)`,
    );
  }
  return { count, rows, cols, bytes: 16 + count * rows * cols, holds: `${count} images of ${rows}x${cols}` };
}

function labelsHeader(head: Uint8Array, file: string): { count: number; bytes: number; holds: string } {
  if (head.length < 8) throw bad(file, `has ${head.length} bytes, too few for an IDX labels header (8)`);
  const count = magicOf(head, LABELS_MAGIC, 'labels', file).getUint32(4);
  return { count, bytes: 8 + count, holds: `${count} labels` };
}

/** The pixels of an idx3 images file. */
export function parseIdxImages(
  bytes: Uint8Array,
  file: string,
): { count: number; rows: number; cols: number; pixels: Uint8Array } {
  const header = imagesHeader(bytes, file);
  if (bytes.length !== header.bytes) throw wrongSize(file, header, bytes.length);
  const { count, rows, cols } = header;
  return { count, rows, cols, pixels: bytes.subarray(16) };
}

/** The labels of an idx1 labels file, each checked to be below `classes`. */
export function parseIdxLabels(bytes: Uint8Array, file: string, classes = 10): Uint8Array {
  const header = labelsHeader(bytes, file);
  if (bytes.length !== header.bytes) throw wrongSize(file, header, bytes.length);
  const labels = bytes.subarray(8);
  const index = labels.findIndex((label) => label >= classes);
  if (index >= 0) throw bad(file, `label ${index} is ${labels[index]}, expected 0..${classes - 1}`);
  return labels;
}

/** The largest file read: a header and MAX_MATRIX_VALUES bytes (compressed files are smaller still). */
const IDX_LIMIT: FileLimit = { what: 'the IDX file', maxBytes: 16 + MAX_MATRIX_VALUES };

/** The file's bytes, from `name` or `name.gz` in `dir`, never more than its header declares. */
async function readIdx(
  dir: string,
  name: string,
  layout: IdxLayout,
): Promise<{ bytes: Uint8Array; file: string }> {
  const plain = join(dir, name);
  if (existsSync(plain)) return { bytes: await readPlain(plain, layout), file: plain };
  const gz = `${plain}.gz`;
  if (!existsSync(gz)) {
    throw new ScratchnetError(
      'BAD_DATA',
      `${dir} has no ${name} (nor ${name}.gz)`,
      `idx:DIR needs ${Object.values(FILES).join(', ')} (each may be gzipped)`,
    );
  }
  return { bytes: await gunzipDeclared(await readRegularFile(gz, IDX_LIMIT), gz, layout), file: gz };
}

/** A plain IDX file: its header first, then, when the file's size is what it declares, the rest. */
async function readPlain(file: string, layout: IdxLayout): Promise<Uint8Array> {
  const { handle, size } = await openRegularFile(file, IDX_LIMIT);
  try {
    const head = await readExactly(handle, Math.min(size, layout.header), 0, file, IDX_LIMIT);
    const declared = layout.declared(head, file);
    if (size !== declared.bytes) throw wrongSize(file, declared, size);
    return await readExactly(handle, size, 0, file, IDX_LIMIT);
  } finally {
    await handle.close();
  }
}

/**
 * Inflates a gzipped IDX file as a stream, reading its header from the first bytes and stopping as
 * soon as the output passes the size the header declares: a small file that inflates to gigabytes
 * behind a header of 200 images is refused after those 200 images' bytes.
 */
async function gunzipDeclared(compressed: Uint8Array, file: string, layout: IdxLayout): Promise<Uint8Array> {
  const gunzip = createGunzip({ chunkSize: 1 << 16 });
  gunzip.end(compressed);
  const head = new Uint8Array(layout.header);
  let out: Uint8Array | null = null;
  let filled = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      let offset = 0;
      if (out === null) {
        offset = Math.min(layout.header - filled, chunk.length);
        head.set(chunk.subarray(0, offset), filled);
        filled += offset;
        if (filled < layout.header) continue;
        out = new Uint8Array(layout.declared(head, file).bytes);
        out.set(head);
      }
      const rest = chunk.length - offset;
      if (filled + rest > out.length) {
        throw bad(
          file,
          `inflates to more than the ${out.length} bytes its header declares; inflating stopped there`,
        );
      }
      out.set(chunk.subarray(offset), filled);
      filled += rest;
    }
  } catch (error) {
    if (error instanceof ScratchnetError) throw error;
    throw bad(
      file,
      `is not a readable gzip file (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  // short files reach the parser, which words what is missing
  return out === null ? head.subarray(0, filled) : out.subarray(0, filled);
}

async function readSet(
  dir: string,
  imagesName: string,
  labelsName: string,
  classes: number,
): Promise<ImageSet> {
  const images = await readIdx(dir, imagesName, IMAGES);
  const labels = await readIdx(dir, labelsName, LABELS);
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
