// The book's training loop on configurations where numpy's order of additions shows (fixtures from
// test/fixtures/reference/spiral_variants.py): 8 and 10 classes (softmax rows of 8 or more are summed
// pairwise), a hidden layer of one neuron (its (N, 1) bias gradient is one pairwise run, float32
// without dropout and float64 with it), every penalty on both layers (the printed reg_loss and loss
// are float32 sums). scratchnet's Model, as the command line builds it, must give every recorded
// number bit for bit and every printed line character for character. Each of these failed before
// scratchnet summed in numpy's order: the data loss of epoch 0 was already 1 ulp off for 8 classes.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  Adam,
  CategoricalAccuracy,
  CategoricalCrossentropy,
  Dense,
  type DenseOptions,
  Dropout,
  type EpochLogs,
  formatEpochLine,
  formatValidationLine,
  Model,
  type Optimizer,
  RandomState,
  ReLU,
  SGD,
  Softmax,
  spiralData,
} from 'scratchnet';
import { readJson, reference } from './book-parity.ts';

type Regularizers = Partial<
  Record<
    'weight_regularizer_l1' | 'weight_regularizer_l2' | 'bias_regularizer_l1' | 'bias_regularizer_l2',
    number
  >
>;

interface Variant {
  case: string;
  config: {
    samples: number;
    classes: number;
    hidden: number;
    dropout: number | null;
    dense1: Regularizers;
    dense2: Regularizers;
    optimizer: { name: 'adam' | 'sgd'; learning_rate: number; decay: number; momentum?: number };
    epochs: number;
  };
  epochs: Record<'epoch' | 'accuracy' | 'dataLoss' | 'regularizationLoss' | 'loss' | 'lr', number[]> & {
    lines: string[];
  };
  validation: { accuracy: number; loss: number; line: string };
}

function denseOptions(rng: RandomState, r: Regularizers): DenseOptions {
  return {
    rng,
    weightRegularizerL1: r.weight_regularizer_l1 ?? 0,
    weightRegularizerL2: r.weight_regularizer_l2 ?? 0,
    biasRegularizerL1: r.bias_regularizer_l1 ?? 0,
    biasRegularizerL2: r.bias_regularizer_l2 ?? 0,
  };
}

function optimizerOf(o: Variant['config']['optimizer']): Optimizer {
  return o.name === 'adam'
    ? new Adam({ learningRate: o.learning_rate, decay: o.decay })
    : new SGD({ learningRate: o.learning_rate, decay: o.decay, momentum: o.momentum ?? 0 });
}

/** The script's run with scratchnet's Model: the same draws in the same order (data, weights, masks, validation). */
function runVariant(v: Variant) {
  const c = v.config;
  const rng = new RandomState(0);
  const { X, y } = spiralData(c.samples, c.classes, rng);
  const model = new Model({ rng });
  model.add(new Dense(2, c.hidden, denseOptions(rng, c.dense1)));
  model.add(new ReLU());
  if (c.dropout !== null) model.add(new Dropout(c.dropout, { rng }));
  model.add(new Dense(c.hidden, c.classes, denseOptions(rng, c.dense2)));
  model.add(new Softmax());
  model.set({
    loss: new CategoricalCrossentropy(),
    optimizer: optimizerOf(c.optimizer),
    accuracy: new CategoricalAccuracy(),
  });
  model.finalize();
  const logs: EpochLogs[] = [];
  model.train(X, y, { epochs: c.epochs, callbacks: [{ onEpochEnd: (l) => logs.push(l) }] });
  const test = spiralData(100, c.classes, rng);
  return { logs, validation: model.evaluate(test.X, test.y) };
}

const variants: Variant[] = readdirSync(join(reference, 'variants'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => readJson(join('variants', f)));

describe('the book’s loop on more classes, one hidden neuron, every penalty: numpy’s numbers', () => {
  assert.ok(variants.length >= 6, 'the variant fixtures are present');
  for (const v of variants) {
    test(`${v.case}: every recorded epoch bit for bit, every line identical (${v.config.epochs} epochs)`, () => {
      const { logs, validation } = runVariant(v);
      assert.equal(logs.length, v.config.epochs);
      const e = v.epochs;
      // the script prints epoch k before its update; the Model reports epoch k + 1 after it, and the
      // rate of update k (the one the script prints at epoch k) in its epoch k's logs
      const learningRate = (k: number) =>
        k === 0 ? v.config.optimizer.learning_rate : logs[k - 1].learningRate;
      const lines = e.epoch.map((k) =>
        formatEpochLine({ ...logs[k], epoch: k, learningRate: learningRate(k) }),
      );
      const firstDifferent = lines.findIndex((line, i) => line !== e.lines[i]);
      assert.equal(
        firstDifferent,
        -1,
        `first different line:\n  ${lines[firstDifferent]}\n  ${e.lines[firstDifferent]}`,
      );
      for (let i = 0; i < e.epoch.length; i++) {
        const k = e.epoch[i];
        const after = logs[k];
        const what = `${v.case} epoch ${k}`;
        assert.equal(after.dataLoss, e.dataLoss[i], `${what}: data loss`);
        assert.equal(after.regularizationLoss, e.regularizationLoss[i], `${what}: regularization loss`);
        assert.equal(after.loss, e.loss[i], `${what}: loss`);
        assert.equal(after.accuracy, e.accuracy[i], `${what}: accuracy`);
        assert.equal(learningRate(k), e.lr[i], `${what}: learning rate`);
      }
      assert.equal(validation.dataLoss, v.validation.loss, 'validation loss');
      assert.equal(validation.accuracy, v.validation.accuracy, 'validation accuracy');
      assert.equal(formatValidationLine(validation.accuracy, validation.dataLoss), v.validation.line);
    });
  }
});
