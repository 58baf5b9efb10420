// The Model API against the book's low-level loop (examples/chapter-15.ts): the same network, data and
// generator must give bit-identical weights and the same reported numbers. The book's Model reports
// epoch k (1-based) after its update; the low-level loop prints epoch k − 1 before its update: the
// losses and accuracy of one are those of the other, and the learning rate printed by the loop at
// epoch k is the rate that Model's epoch k update used.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  Adam,
  buildNetwork,
  CategoricalAccuracy,
  Dense,
  Dropout,
  type EpochReport,
  formatEpochLine,
  RandomState,
  ReLU,
  SoftmaxCategoricalCrossentropy,
  spiralData,
} from 'scratchnet';
import { readLog } from './book-parity.ts';
import { allValues, chapter15Model, smallModel } from './model-helpers.ts';

const K = 50;

/** examples/chapter-15.ts's loop for `updates` updates, keeping every epoch's report and the weights. */
function lowLevelChapter15(updates: number) {
  const rng = new RandomState(0);
  const { X, y } = spiralData(1000, 3, rng);
  const dense1 = new Dense(2, 64, { rng, weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4 });
  const activation1 = new ReLU();
  const dropout1 = new Dropout(0.1, { rng });
  const dense2 = new Dense(64, 3, { rng });
  const lossActivation = new SoftmaxCategoricalCrossentropy();
  const accuracy = new CategoricalAccuracy();
  const optimizer = new Adam({ learningRate: 0.05, decay: 5e-5 });
  const reports: EpochReport[] = [];
  for (let epoch = 0; epoch < updates; epoch++) {
    dense1.forward(X);
    activation1.forward(dense1.output);
    dropout1.forward(activation1.output);
    dense2.forward(dropout1.output);
    const dataLoss = lossActivation.forward(dense2.output, y);
    const regularizationLoss = Math.fround(
      lossActivation.loss.regularizationLoss(dense1) + lossActivation.loss.regularizationLoss(dense2),
    );
    const acc = accuracy.calculate(lossActivation.output, y);
    const learningRate = optimizer.currentLearningRate;
    reports.push({
      epoch,
      accuracy: acc,
      loss: Math.fround(dataLoss + regularizationLoss),
      dataLoss,
      regularizationLoss,
      learningRate,
    });
    lossActivation.backward(lossActivation.output, y);
    dense2.backward(lossActivation.dInputs);
    dropout1.backward(dense2.dInputs);
    activation1.backward(dropout1.dInputs);
    dense1.backward(activation1.dInputs);
    optimizer.preUpdateParams();
    optimizer.updateParams(dense1);
    optimizer.updateParams(dense2);
    optimizer.postUpdateParams();
  }
  const weights = {
    'dense1.weights': Array.from(dense1.weights.data),
    'dense1.biases': Array.from(dense1.biases.data),
    'dense2.weights': Array.from(dense2.weights.data),
    'dense2.biases': Array.from(dense2.biases.data),
  };
  return { reports, weights, finalLearningRate: optimizer.currentLearningRate };
}

describe('Model reproduces the book’s chapter-15 loop', () => {
  const low = lowLevelChapter15(K);
  const rng = new RandomState(0);
  const { X, y } = spiralData(1000, 3, rng); // drawn before the layers, as the book
  const model = chapter15Model(rng);
  const history = model.train(X, y, { epochs: K });

  test(`after ${K} epochs every weight and bias is bit-identical to the low-level loop's after ${K} updates`, () => {
    assert.deepEqual(allValues(model), low.weights);
  });

  test('Model epoch k reports the loop’s epoch k − 1 loss, data loss, regularization loss and accuracy', () => {
    assert.deepEqual(
      history.epoch,
      Array.from({ length: K }, (_, i) => i + 1),
    );
    for (let k = 1; k <= K; k++) {
      const theirs = low.reports[k - 1];
      assert.equal(history.loss[k - 1], theirs.loss, `loss at epoch ${k}`);
      assert.equal(history.dataLoss[k - 1], theirs.dataLoss, `data loss at epoch ${k}`);
      assert.equal(history.regularizationLoss[k - 1], theirs.regularizationLoss, `reg loss at epoch ${k}`);
      assert.equal(history.accuracy[k - 1], theirs.accuracy, `accuracy at epoch ${k}`);
    }
  });

  test('the learning rate of epoch k is the one the loop prints at epoch k: the rate of update k', () => {
    for (let k = 1; k < K; k++)
      assert.equal(history.learningRate[k - 1], low.reports[k].learningRate, `epoch ${k}`);
    assert.equal(history.learningRate[K - 1], low.finalLearningRate);
  });

  test('epoch 1, printed as the loop’s epoch 0, is the first line of the numpy reference log', () => {
    const line = formatEpochLine({
      epoch: 0,
      accuracy: history.accuracy[0],
      loss: history.loss[0],
      dataLoss: history.dataLoss[0],
      regularizationLoss: history.regularizationLoss[0],
      learningRate: 0.05,
    });
    assert.equal(line, readLog('chapter-15.log')[0]);
  });
});

describe('buildNetwork reproduces it too: the builder behind the command line and the playground', () => {
  test(`the chapter-15 spec, trained ${K} epochs, has the low-level loop's weights bit for bit`, () => {
    const low = lowLevelChapter15(K);
    const rng = new RandomState(0);
    const { X, y } = spiralData(1000, 3, rng);
    const spec = { inputs: 2, hidden: [64], outputs: 3, l2w: 5e-4, l2b: 5e-4, dropout: 0.1 };
    const model = buildNetwork({ ...spec, learningRate: 0.05, decay: 5e-5 }, rng);
    const history = model.train(X, y, { epochs: K });
    assert.deepEqual(allValues(model), low.weights);
    assert.deepEqual(
      history.loss,
      low.reports.map((report) => report.loss),
    );
  });
});

describe('batch training', () => {
  test('batchSize = rows (or more) is full-batch training, bit for bit; it reports as chapter 19', () => {
    const run = (batchSize?: number) => {
      const rng = new RandomState(0);
      const { X, y } = spiralData(100, 3, rng);
      const model = smallModel(rng, { dropout: 0.1, clock: () => 0 });
      const history = model.train(X, y, batchSize === undefined ? { epochs: 5 } : { epochs: 5, batchSize });
      return { values: allValues(model), history: history.toJSON() };
    };
    const full = run();
    for (const batched of [run(300), run(1000)]) {
      assert.deepEqual(batched.values, full.values);
      assert.deepEqual(batched.history.dataLoss, full.history.dataLoss);
      assert.deepEqual(batched.history.accuracy, full.history.accuracy);
      // the book's chapter-19 epoch line takes the penalty after the epoch's update: the one the
      // chapter-18 (full-batch) report of the next epoch takes before its update
      assert.deepEqual(
        batched.history.regularizationLoss.slice(0, 4),
        full.history.regularizationLoss.slice(1),
      );
    }
  });

  test('with batches of 32, shuffled, the loss on spiral data falls', () => {
    const rng = new RandomState(0);
    const { X, y } = spiralData(100, 3, rng);
    const model = smallModel(rng);
    const history = model.train(X, y, { epochs: 200, batchSize: 32, shuffle: true });
    const first = history.loss[0];
    const last = history.loss.at(-1) as number;
    assert.ok(last < 0.85 * first, `loss ${first} → ${last}`);
    assert.ok((history.accuracy.at(-1) as number) > history.accuracy[0]);
  });
});
