import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RandomState } from '../../tensor/random.ts';
import { buildModel } from '../build-model.ts';
import { TRAIN_DEFAULTS } from '../train-config.ts';
import { nearZeroShare } from './train-point.ts';

test("near zero counts the hidden layers' weights below the threshold, not biases or the output layer", () => {
  // Dense(2, 4) → ReLU → Dense(4, 4) → ReLU → Dense(4, 3): hidden weights 8 + 16 = 24
  const config = { ...TRAIN_DEFAULTS, hidden: [4, 4], dropout: [0] };
  const model = buildModel(config, 2, 3, 'classification', new RandomState(0));
  const parameters = model.getParameters();
  const fill = (name: string, value: (i: number) => number) => {
    parameters[name].values = parameters[name].values.map((_, i) => value(i));
  };
  fill('dense1.weights', (i) => (i < 3 ? 5e-4 : 0.5)); // 3 of 8 small
  fill('dense2.weights', (i) => (i < 6 ? -9e-4 : -2e-3)); // 6 of 16 small (|w| counts)
  fill('dense3.weights', () => 0); // the output layer: not counted
  fill('dense1.biases', () => 0); // biases: not counted
  model.setParameters(parameters);
  assert.equal(nearZeroShare(model, 1e-3), (3 + 6) / 24);
  assert.equal(nearZeroShare(model, 1e-2), (24 - 5) / 24, 'only the five 0.5 weights stay above 1e-2');
});
