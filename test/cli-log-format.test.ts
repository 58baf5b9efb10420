// `scratchnet train --log book-model` prints the book's Model log (chapter 19 on): each epoch's
// header, a step line every --print-every steps and the last, the accumulated training line and the
// validation line. The numbers themselves are checked against numpy in book-parity-chapter-19.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from './cli-runner.ts';

const NUMBERS = String.raw`acc: \d\.\d{3}, loss: \d\.\d{3} \(data_loss: \d\.\d{3}, reg_loss: \d\.\d{3}\), lr: 0\.\d+`;

test('train --log book-model: epoch, step, training and validation lines as the book’s Model prints them', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'scratchnet-log-')), 'run');
  const args = ['train', '--classes', '8', '--samples', '50', '--epochs', '2', '--batch-size', '128'];
  const { code, stdout, stderr } = runCli([
    ...args,
    '--print-every',
    '2',
    '--log',
    'book-model',
    '--out',
    out,
  ]);
  assert.equal(code, 0, stderr);
  const lines = stdout.split('\n');
  const log = lines.slice(0, lines.indexOf(''));
  // 400 rows in batches of 128: steps 0..3, printed at 0, 2 and the last
  const epoch = (n: number) => [`epoch: ${n}`, 'step: 0', 'step: 2', 'step: 3', 'training', 'validation'];
  assert.deepEqual(
    log.map((line) => line.replace(/^(step: \d+|training|validation), .*$/, '$1')),
    [...epoch(1), ...epoch(2)],
  );
  for (const line of log.filter((l) => /^(step|training)/.test(l)))
    assert.match(line, new RegExp(`, ${NUMBERS}$`));
  assert.match(log[5], /^validation, acc: \d\.\d{3}, loss: \d\.\d{3}$/);
});

test('train --log book-model without --batch-size: one step of every row per epoch, as batch_size=None', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'scratchnet-log-')), 'run');
  const { code, stdout, stderr } = runCli([
    'train',
    '--samples',
    '20',
    '--epochs',
    '2',
    '--log',
    'book-model',
    '--out',
    out,
  ]);
  assert.equal(code, 0, stderr);
  const log = stdout.split('\n').slice(0, 8);
  assert.deepEqual(
    log.map((line) => line.replace(/^(step: \d+|training|validation), .*$/, '$1')),
    ['epoch: 1', 'step: 0', 'training', 'validation', 'epoch: 2', 'step: 0', 'training', 'validation'],
  );
});
