import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withCode } from '../../test/assertions.ts';
import type { EpochLogs } from './callbacks.ts';
import { History } from './history.ts';

const logs = (epoch: number, validated: boolean): EpochLogs => ({
  epoch,
  step: 0,
  accuracy: 0.5 + epoch / 100,
  loss: 1 / epoch + 0.25,
  dataLoss: 1 / epoch,
  regularizationLoss: 0.25,
  learningRate: 0.05 / (1 + 5e-5 * (epoch - 1)),
  ...(validated ? { valLoss: 2 / epoch, valDataLoss: 1.5 / epoch, valAccuracy: 0.75 } : {}),
  epochTime: 12.5,
});

test('record: one entry per epoch in every array; NaN where an epoch was not validated', () => {
  const history = new History();
  history.record(logs(1, true));
  history.record(logs(2, false));
  assert.equal(history.length, 2);
  assert.deepEqual(history.epoch, [1, 2]);
  assert.deepEqual(history.loss, [1.25, 0.75]);
  assert.deepEqual(history.valLoss, [2, Number.NaN]);
  assert.deepEqual(history.valAccuracy, [0.75, Number.NaN]);
  assert.deepEqual(history.epochTime, [12.5, 12.5]);
});

test('toCSV: a header, then one line per epoch with shortest round-trip numbers; empty cells when not validated', () => {
  const history = new History();
  history.record(logs(1, true));
  history.record(logs(2, false));
  assert.equal(
    history.toCSV(),
    'epoch,loss,dataLoss,regularizationLoss,accuracy,learningRate,valLoss,valDataLoss,valAccuracy,epochTime\n' +
      '1,1.25,1,0.25,0.51,0.05,2,1.5,0.75,12.5\n' +
      `2,0.75,0.5,0.25,0.52,${0.05 / (1 + 5e-5)},,,,12.5\n`,
  );
});

test('toJSON → JSON text → fromJSON gives the same history (NaN travels as null)', () => {
  const history = new History();
  history.record(logs(1, false));
  history.record(logs(2, true));
  const text = JSON.stringify(history);
  assert.ok(text.includes('"valLoss":[null,1]'), text);
  const back = History.fromJSON(JSON.parse(text));
  assert.deepEqual(back.toJSON(), history.toJSON());
  assert.ok(back instanceof History);
});

test('extend appends another history; toJSON returns copies', () => {
  const a = new History();
  a.record(logs(1, false));
  const b = new History();
  b.record(logs(2, false));
  a.extend(b);
  assert.deepEqual(a.epoch, [1, 2]);
  a.toJSON().epoch.push(99);
  assert.deepEqual(a.epoch, [1, 2]);
});

test('fromJSON of malformed data → BAD_STATE naming the problem', () => {
  const good = new History();
  good.record(logs(1, true));
  const data = good.toJSON();
  assert.throws(() => History.fromJSON(null), withCode('BAD_STATE', 'got null'));
  assert.throws(() => History.fromJSON({ ...data, loss: 3 }), withCode('BAD_STATE', 'loss is 3'));
  assert.throws(
    () => History.fromJSON({ ...data, accuracy: [] }),
    withCode('BAD_STATE', 'accuracy has 0 entries'),
  );
  assert.throws(
    () => History.fromJSON({ ...data, epochTime: ['1'] }),
    withCode('BAD_STATE', 'epochTime holds'),
  );
});
