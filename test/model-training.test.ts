// Model.train end to end: callbacks and their logs, validation, shuffling, early stopping, divergence,
// buffers reused across steps, and resuming from a training state.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  Adam,
  type BatchLogs,
  CategoricalAccuracy,
  CategoricalCrossentropy,
  type EpochLogs,
  type History,
  Matrix,
  Model,
  type ModelParameters,
  RandomState,
  SGD,
  spiralData,
} from 'scratchnet';
import { withCode } from './assertions.ts';
import { allValues, Probe, smallModel } from './model-helpers.ts';

function recorder() {
  const epochs: EpochLogs[] = [];
  const batches: BatchLogs[] = [];
  const ends: History[] = [];
  return {
    epochs,
    batches,
    ends,
    callback: {
      onEpochEnd: (logs: EpochLogs) => epochs.push(logs),
      onBatchEnd: (logs: BatchLogs) => batches.push(logs),
      onTrainEnd: (history: History) => ends.push(history),
    },
  };
}

describe('callbacks', () => {
  test('full batch: every printEvery-th epoch and the last; logs equal the history; onTrainEnd once', () => {
    const rng = new RandomState(0);
    const { X, y } = spiralData(20, 3, rng);
    const model = smallModel(rng, { clock: () => 0 });
    const r = recorder();
    const history = model.train(X, y, { epochs: 7, printEvery: 3, callbacks: [r.callback] });
    assert.deepEqual(
      r.epochs.map((logs) => logs.epoch),
      [3, 6, 7],
    );
    assert.deepEqual(r.batches, [], 'no step logs without batchSize (chapter 18)');
    assert.deepEqual(r.ends, [history]);
    for (const logs of r.epochs) {
      const i = logs.epoch - 1;
      assert.deepEqual(logs, {
        epoch: logs.epoch,
        step: 0,
        accuracy: history.accuracy[i],
        loss: history.loss[i],
        dataLoss: history.dataLoss[i],
        regularizationLoss: history.regularizationLoss[i],
        learningRate: history.learningRate[i],
        epochTime: 0,
      });
      assert.equal(logs.loss, Math.fround(logs.dataLoss + logs.regularizationLoss), 'a float32 addition');
    }
  });

  test('batches: every epoch, and steps 0, printEvery, … and the last of each epoch (chapter 19)', () => {
    const rng = new RandomState(0);
    const { X, y } = spiralData(40, 3, rng); // 120 rows: steps of 32, 32, 32, 24
    const model = smallModel(rng);
    const r = recorder();
    const history = model.train(X, y, { epochs: 2, batchSize: 32, printEvery: 2, callbacks: [r.callback] });
    assert.deepEqual(
      r.batches.map((logs) => [logs.epoch, logs.step]),
      [
        [1, 0],
        [1, 2],
        [1, 3],
        [2, 0],
        [2, 2],
        [2, 3],
      ],
    );
    assert.deepEqual(
      r.epochs.map((logs) => [logs.epoch, logs.step]),
      [
        [1, 3],
        [2, 3],
      ],
    );
    // the learning rate after the last step of an epoch is the epoch's
    assert.equal(r.batches[2].learningRate, history.learningRate[0]);
    assert.ok(r.epochs.every((logs) => logs.epochTime >= 0));
  });

  test('with validation data, epoch logs carry valLoss (with the penalty), valDataLoss and valAccuracy', () => {
    const rng = new RandomState(0);
    const { X, y } = spiralData(20, 3, rng);
    const test = spiralData(10, 3, rng);
    const model = smallModel(rng);
    const r = recorder();
    model.train(X, y, { epochs: 3, validationData: [test.X, test.y], callbacks: [r.callback] });
    const last = r.epochs[2];
    const evaluation = model.evaluate(test.X, test.y);
    assert.equal(last.valLoss, evaluation.loss);
    assert.equal(last.valDataLoss, evaluation.dataLoss);
    assert.equal(last.valAccuracy, evaluation.accuracy);
    assert.equal(last.valLoss, Math.fround((last.valDataLoss as number) + evaluation.regularizationLoss));
  });
});

describe('validation and shuffling', () => {
  test('validationSplit holds out the last rows, as Keras, and equals passing them as validationData', () => {
    const rng = new RandomState(0);
    const { X, y } = spiralData(10, 3, rng); // 30 rows; 0.3 → train on rows 0..20, validate on 21..29
    const run = (options: object) => {
      const probe = new Probe();
      const model = smallModel(new RandomState(1), { before: [probe], clock: () => 0 });
      const history = model.train(X, y, { epochs: 2, ...options });
      return { probe, history: history.toJSON(), values: allValues(model) };
    };
    const split = run({ validationSplit: 0.3 });
    const training = split.probe.seen.filter((s) => s.training);
    const validation = split.probe.seen.filter((s) => !s.training);
    assert.deepEqual(training[0].values, Array.from(X.data.subarray(0, 21 * 2)));
    assert.deepEqual(validation[0].values, Array.from(X.data.subarray(21 * 2)));
    const trainOnly = new Matrix(21, 2, X.data.slice(0, 42));
    const probe = new Probe();
    const model = smallModel(new RandomState(1), { before: [probe], clock: () => 0 });
    const history = model.train(trainOnly, y.slice(0, 21), {
      epochs: 2,
      validationData: [new Matrix(9, 2, X.data.slice(42)), y.slice(21)],
    });
    assert.deepEqual(history.toJSON(), split.history);
    assert.deepEqual(allValues(model), split.values);
  });

  test('shuffle: the same order for the same seed, a new order each epoch, every row once; off by default', () => {
    const { X, y } = spiralData(10, 3, new RandomState(0));
    const orders = (seed: number, shuffle: boolean) => {
      const probe = new Probe();
      const model = smallModel(new RandomState(seed), { before: [probe] });
      model.train(X, y, { epochs: 3, batchSize: 30, shuffle });
      return probe.seen.map((s) => s.values);
    };
    const a = orders(5, true);
    assert.deepEqual(orders(5, true), a);
    assert.notDeepEqual(orders(6, true), a);
    assert.notDeepEqual(a[0], a[1]);
    const rowsOf = (data: number[]) =>
      Array.from({ length: 30 }, (_, i) => `${data[2 * i]},${data[2 * i + 1]}`).sort();
    assert.deepEqual(rowsOf(a[0]), rowsOf(Array.from(X.data)));
    for (const epoch of orders(5, false)) assert.deepEqual(epoch, Array.from(X.data));
  });
});

describe('early stopping', () => {
  // Validation labels shifted by one class: the better the model fits the training data, the worse it
  // does on these, so the validation loss soon rises for good and training must stop.
  const rng = new RandomState(0);
  const { X, y } = spiralData(30, 3, rng);
  const shifted = y.map((label) => (label + 1) % 3);
  const train = (patience: number, restoreBestWeights: boolean) => {
    const model = smallModel(new RandomState(2));
    const history = model.train(X, y, {
      epochs: 500,
      validationData: [X, shifted],
      earlyStopping: { patience, restoreBestWeights },
    });
    return { model, history };
  };

  for (const patience of [0, 3]) {
    // as Keras, patience 0 and 1 both stop at the first epoch that does not improve
    const after = Math.max(patience, 1);
    test(`patience ${patience}: stops ${after} epochs after the best, which none after it beat`, () => {
      const { history } = train(patience, false);
      const best = history.valLoss.indexOf(Math.min(...history.valLoss)) + 1;
      assert.ok(history.length < 500, 'stopped early');
      assert.equal(history.length, best + after);
    });
  }

  test('restoreBestWeights puts back the parameters of the best epoch', () => {
    const { model, history } = train(4, true);
    const best = Math.min(...history.valLoss);
    assert.notEqual(history.valLoss.at(-1), best);
    assert.equal(model.evaluate(X, shifted).loss, best);
    const { model: kept } = train(4, false);
    assert.equal(kept.evaluate(X, shifted).loss, history.valLoss.at(-1));
  });

  test('monitor accuracy: stops when the training accuracy stops rising by minDelta', () => {
    const model = smallModel(new RandomState(2));
    const history = model.train(X, y, {
      epochs: 300,
      earlyStopping: { monitor: 'accuracy', patience: 2, minDelta: 0.05 },
    });
    assert.ok(history.length < 300);
  });
});

describe('divergence', () => {
  test('SGD lr 1e30: DIVERGED naming the epoch, hint lowering the learning rate; onTrainEnd first; good parameters back', () => {
    const rng = new RandomState(0);
    const { X, y } = spiralData(20, 3, rng);
    const model = smallModel(rng, { optimizer: new SGD({ learningRate: 1e30 }) });
    const r = recorder();
    const seen: ModelParameters[] = [model.getParameters()];
    const callback = { ...r.callback, onEpochEnd: () => seen.push(model.getParameters()) };
    let error: unknown;
    try {
      model.train(X, y, { epochs: 50, callbacks: [callback] });
    } catch (e) {
      error = e;
    }
    assert.ok(error !== undefined, 'training diverged');
    withCode('DIVERGED', 'training diverged at epoch')(error);
    const diverged = seen.length; // epochs 1..diverged-1 completed
    assert.match((error as Error).message, new RegExp(`epoch ${diverged}: the loss is (NaN|Infinity)`));
    assert.match((error as { hint: string }).hint, /lower the learning rate \(it was 1e\+30/);
    assert.equal(r.ends.length, 1, 'onTrainEnd ran before the throw');
    assert.equal(r.ends[0].length, diverged - 1);
    assert.equal(model.epoch, diverged - 1);
    // restored: the parameters the last finite epoch started from, whose loss that epoch reported
    assert.deepEqual(model.getParameters(), seen[Math.max(diverged - 2, 0)]);
    assert.equal(model.evaluate(X, y).loss, r.ends[0].loss.at(-1));
  });
});

describe('buffers', () => {
  test('a batched, shuffled training step reuses every buffer: batches, layer outputs and gradients, masks', () => {
    const rng = new RandomState(0);
    const { X, y } = spiralData(20, 3, rng); // 60 rows in batches of 20
    const probe = new Probe();
    const model = smallModel(rng, { dropout: 0.1, before: [probe] });
    // the probe's output is the batch buffer, made once per train() call and checked below; the
    // Softmax layer's own backward never runs: the fused head replaces it
    const buffers = () =>
      model.layers
        .slice(1)
        .flatMap((layer, i) => [
          layer.output,
          ...(i === model.layers.length - 2 ? [] : [layer.dInputs]),
          ...layer.parameters().flatMap((p) => [p.value, p.grad]),
          ...('mask' in layer ? [layer.mask] : []),
        ]);
    model.train(X, y, { epochs: 1, batchSize: 20, shuffle: true });
    const first = buffers();
    const batchesBefore = new Set(probe.seen.map((s) => s.inputs));
    model.train(X, y, { epochs: 2, batchSize: 20, shuffle: true });
    const later = buffers();
    assert.equal(later.length, first.length);
    for (const [i, buffer] of later.entries()) assert.equal(buffer, first[i], `buffer ${i} was replaced`);
    assert.equal(batchesBefore.size, 1, 'one batch buffer within a call');
    assert.equal(new Set(probe.seen.slice(3).map((s) => s.inputs)).size, 1, 'and within the next');
  });
});

describe('resuming', () => {
  test('20 epochs straight = 10, then trainingState as JSON + describe() into a fresh model, then 10 more', () => {
    const { X, y } = spiralData(30, 3, new RandomState(0));
    const options = { batchSize: 32, shuffle: true, validationSplit: 0.2 };
    const straight = smallModel(new RandomState(3), { dropout: 0.2, clock: () => 0 });
    straight.train(X, y, { ...options, epochs: 20 });

    const first = smallModel(new RandomState(3), { dropout: 0.2, clock: () => 0 });
    first.train(X, y, { ...options, epochs: 10 });
    const state = JSON.parse(JSON.stringify(first.trainingState()));
    const description = first.describe();

    const resumed = Model.fromDescription(description, new RandomState(99));
    resumed.restoreTrainingState(state);
    assert.equal(resumed.epoch, 10);
    const rest = resumed.train(X, y, { ...options, epochs: 10 });
    assert.deepEqual(rest.epoch, [11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    assert.deepEqual(allValues(resumed), allValues(straight));
    const withoutTimes = (h: History) => ({ ...h.toJSON(), epochTime: [] });
    assert.deepEqual(withoutTimes(resumed.history), withoutTimes(straight.history));
  });

  test('a malformed state → BAD_STATE; a state with a generator for a model without one → BAD_STATE', () => {
    const rng = new RandomState(0);
    const model = smallModel(rng);
    assert.throws(
      () => model.restoreTrainingState({} as never),
      withCode('BAD_STATE', 'not a training state'),
    );
    const state = model.trainingState();
    assert.throws(
      () => model.restoreTrainingState({ ...state, epoch: -1 }),
      withCode('BAD_STATE', 'epoch -1'),
    );
    const { X, y } = spiralData(5, 3, new RandomState(1));
    model.train(X, y, { epochs: 1 });
    const trained = model.trainingState();
    const renamed = {
      ...trained.optimizer.slots,
      'dense9.weights': trained.optimizer.slots['dense1.weights'],
    };
    assert.throws(
      () => model.restoreTrainingState({ ...trained, optimizer: { ...trained.optimizer, slots: renamed } }),
      withCode('BAD_STATE', 'dense9.weights, which this model does not have'),
    );
    const bare = new Model();
    for (const layer of Model.fromDescription(model.describe(), new RandomState(0)).layers) bare.add(layer);
    bare.set({
      loss: new CategoricalCrossentropy(),
      optimizer: new Adam(),
      accuracy: new CategoricalAccuracy(),
    });
    assert.throws(
      () => bare.finalize().restoreTrainingState(state),
      withCode('BAD_STATE', 'has no generator'),
    );
  });
});
