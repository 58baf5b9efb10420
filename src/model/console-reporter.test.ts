import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withCode } from '../../test/assertions.ts';
import { smallModel } from '../../test/model-helpers.ts';
import { spiralData } from '../data/spiral.ts';
import { RandomState } from '../tensor/random.ts';
import type { EpochLogs } from './callbacks.ts';
import { ConsoleReporter } from './console-reporter.ts';

const logs: EpochLogs = {
  epoch: 100,
  step: 0,
  accuracy: 0.717,
  loss: 0.7340000001,
  dataLoss: 0.671,
  regularizationLoss: 0.063,
  learningRate: 0.019999010049002574,
  epochTime: 3,
};

test('prints the book’s epoch line, then the validation line (with the data loss) when validated', () => {
  const lines: string[] = [];
  const reporter = new ConsoleReporter({ write: (line) => lines.push(line) });
  reporter.onEpochEnd(logs);
  reporter.onEpochEnd({ ...logs, epoch: 101, valLoss: 0.5, valDataLoss: 0.435, valAccuracy: 0.83 });
  assert.deepEqual(lines, [
    'epoch: 100, acc: 0.717, loss: 0.734 (data_loss: 0.671, reg_loss: 0.063), lr: 0.019999010049002574',
    'epoch: 101, acc: 0.717, loss: 0.734 (data_loss: 0.671, reg_loss: 0.063), lr: 0.019999010049002574',
    'validation, acc: 0.830, loss: 0.435',
  ]);
});

test('printEvery: only epochs whose number is a multiple', () => {
  const lines: string[] = [];
  const reporter = new ConsoleReporter({ printEvery: 3, write: (line) => lines.push(line) });
  for (let epoch = 1; epoch <= 10; epoch++) reporter.onEpochEnd({ ...logs, epoch });
  assert.deepEqual(
    lines.map((line) => line.slice(0, line.indexOf(','))),
    ['epoch: 3', 'epoch: 6', 'epoch: 9'],
  );
});

test('as a training callback: one line per reported epoch, the numbers of the history', () => {
  const rng = new RandomState(0);
  const { X, y } = spiralData(20, 3, rng);
  const lines: string[] = [];
  const history = smallModel(rng).train(X, y, {
    epochs: 6,
    printEvery: 2,
    callbacks: [new ConsoleReporter({ write: (line) => lines.push(line) })],
  });
  assert.equal(lines.length, 3);
  assert.ok(lines[2].startsWith('epoch: 6, acc: '), lines[2]);
  assert.ok(lines[2].endsWith(`lr: ${history.learningRate[5]}`), lines[2]);
});

test('bad options → UNKNOWN_OPTION / INVALID_OPTION', () => {
  assert.throws(() => new ConsoleReporter({ every: 2 } as never), withCode('UNKNOWN_OPTION', '"every"'));
  assert.throws(() => new ConsoleReporter({ printEvery: 0 }), withCode('INVALID_OPTION', 'printEvery'));
});
