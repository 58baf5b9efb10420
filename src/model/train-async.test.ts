// Model.trainAsync and TrainOptions.signal (issue 15: a Ctrl-C during a long CSV run was heard only
// between chunks of 50 epochs, because train() never gave the event loop a turn).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { smallModel } from '../../test/model-helpers.ts';
import { spiralData } from '../data/spiral.ts';
import { RandomState } from '../tensor/random.ts';

const options = { epochs: 6, batchSize: 40, shuffle: true };

describe('Model.trainAsync', () => {
  test('takes the same steps as train: the same weights, bit for bit, and the same history', async () => {
    const run = async (asynchronous: boolean) => {
      const rng = new RandomState(3);
      const { X, y } = spiralData(50, 3, rng);
      const model = smallModel(rng, { dropout: 0.2 });
      const history = asynchronous ? await model.trainAsync(X, y, options) : model.train(X, y, options);
      return { parameters: model.getParameters(), loss: history.loss };
    };
    assert.deepEqual(await run(true), await run(false));
  });

  test('gives the event loop a turn inside an epoch once the time slice has passed', async () => {
    // a clock that moves 100 ms per reading: every step ends a 50 ms slice, without timing anything
    let now = 0;
    const rng = new RandomState(0);
    const { X, y } = spiralData(50, 3, rng);
    const model = smallModel(rng, { clock: () => (now += 100) });
    const seen: number[] = [];
    const timer = setInterval(() => seen.push(model.epoch), 0);
    await model.trainAsync(X, y, { epochs: 2, batchSize: 10 });
    clearInterval(timer);
    assert.ok(seen.includes(0), `no turn during the first epoch (turns at epochs ${seen.join(', ')})`);
  });

  test('an abort inside an epoch stops training when that epoch ends', async () => {
    let now = 0;
    const rng = new RandomState(0);
    const { X, y } = spiralData(50, 3, rng);
    const model = smallModel(rng, { clock: () => (now += 100) });
    const controller = new AbortController();
    // aborted by a timer, as a signal handler would: heard during epoch 2's steps
    const onBatchEnd = (logs: { epoch: number; step: number }) => {
      if (logs.epoch === 2 && logs.step === 3) setTimeout(() => controller.abort(), 0);
    };
    const history = await model.trainAsync(X, y, {
      epochs: 10,
      batchSize: 10,
      callbacks: [{ onBatchEnd }],
      signal: controller.signal,
    });
    assert.equal(model.epoch, 2);
    assert.equal(history.loss.length, 2);
  });

  test('train() also stops between epochs once the signal is aborted, and never starts when it already is', () => {
    const rng = new RandomState(0);
    const { X, y } = spiralData(20, 3, rng);
    const model = smallModel(rng);
    const controller = new AbortController();
    const onEpochEnd = (logs: { epoch: number }) => logs.epoch === 3 && controller.abort();
    model.train(X, y, { epochs: 10, callbacks: [{ onEpochEnd }], signal: controller.signal });
    assert.equal(model.epoch, 3);
    model.train(X, y, { epochs: 10, signal: controller.signal });
    assert.equal(model.epoch, 3);
  });

  test('refuses a signal that is not an AbortSignal', () => {
    const rng = new RandomState(0);
    const { X, y } = spiralData(5, 3, rng);
    assert.throws(
      () => smallModel(rng).train(X, y, { signal: 'stop' } as never),
      /signal must be an AbortSignal/,
    );
  });
});
