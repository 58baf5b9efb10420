// One training step of scratchnet against the numpy reference (test/fixtures/reference/): from the
// reference's parameters, optimizer state and generator state after 20 steps, step 21 gives the same
// dropout mask, generator state, gradients, optimizer state and parameters, bit for bit. (The issue
// asks for 2 float32 ulps; reproducing numpy's rounding, its float32 exp and its float64 dropout island
// gets 0.)
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  Adagrad,
  Adam,
  Dense,
  Dropout,
  type Layer,
  Matrix,
  type Optimizer,
  RandomState,
  ReLU,
  RMSprop,
  SGD,
  SoftmaxCategoricalCrossentropy,
} from 'scratchnet';
import { regularizationLoss } from '../src/layers/regularization-loss.ts';
import { maxUlps } from './float32-ulps.ts';

type Rows = number[][];
interface OptimizerSnapshot {
  iterations: number;
  currentLearningRate: number;
  state: Record<string, Record<string, Rows>>;
}
interface StepSnapshot {
  case: string;
  config: {
    optimizer: {
      name: string;
      learningRate: number;
      decay: number;
      momentum?: number;
      epsilon?: number;
      rho?: number;
      beta1?: number;
      beta2?: number;
    };
    layers: {
      nInputs: number;
      nNeurons: number;
      weightRegularizerL1: number;
      weightRegularizerL2: number;
      biasRegularizerL1: number;
      biasRegularizerL2: number;
    }[];
    dropout: number | null;
  };
  X: Rows;
  y: number[];
  before: {
    params: Record<string, Rows>;
    optimizer: OptimizerSnapshot;
    rng: { key: number[]; pos: number; hasGauss: boolean; gauss: number };
  };
  step: {
    dataLoss: number;
    regularizationLoss: number;
    dropoutMask: Rows | null;
    grads: Record<string, Rows>;
  };
  after: {
    params: Record<string, Rows>;
    optimizer: OptimizerSnapshot;
    rng: { key: number[]; pos: number; hasGauss: boolean; gauss: number };
  };
}

const folder = join(import.meta.dirname, 'fixtures/reference/steps');
const snapshots: StepSnapshot[] = readdirSync(folder)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(folder, f), 'utf8')));

function makeOptimizer(o: StepSnapshot['config']['optimizer']): Optimizer {
  const common = { learningRate: o.learningRate, decay: o.decay };
  if (o.name === 'sgd') return new SGD({ ...common, momentum: o.momentum ?? 0 });
  if (o.name === 'adagrad') return new Adagrad({ ...common, epsilon: o.epsilon });
  if (o.name === 'rmsprop') return new RMSprop({ ...common, epsilon: o.epsilon, rho: o.rho });
  return new Adam({ ...common, epsilon: o.epsilon, beta1: o.beta1, beta2: o.beta2 });
}

/** Replays step 21 of a snapshot with scratchnet. */
function replay(s: StepSnapshot) {
  const rng = new RandomState(0);
  rng.setState(s.before.rng);
  const dense = s.config.layers.map((spec, i) => {
    const { nInputs, nNeurons, ...regularizers } = spec;
    const layer = new Dense(nInputs, nNeurons, {
      rng: new RandomState(1),
      name: `dense${i + 1}`,
      ...regularizers,
    });
    layer.weights.data.set(s.before.params[`dense${i + 1}.weights`].flat());
    layer.biases.data.set(s.before.params[`dense${i + 1}.biases`].flat());
    return layer;
  });
  const dropout = s.config.dropout === null ? null : new Dropout(s.config.dropout, { rng });
  const layers: Layer[] = [dense[0], new ReLU(), ...(dropout ? [dropout] : []), dense[1]];
  const head = new SoftmaxCategoricalCrossentropy();
  const optimizer = makeOptimizer(s.config.optimizer);
  const parameters = dense.flatMap((d) => d.parameters());
  const slots = Object.fromEntries(
    Object.entries(s.before.optimizer.state).map(([name, st]) => [
      name,
      Object.fromEntries(Object.entries(st).map(([k, v]) => [k, v.flat()])),
    ]),
  );
  optimizer.setState(parameters, {
    iterations: s.before.optimizer.iterations,
    currentLearningRate: s.before.optimizer.currentLearningRate,
    slots,
  });

  const X = Matrix.fromRows(s.X);
  const y = Int32Array.from(s.y);
  let x = X;
  for (const layer of layers) x = layer.forward(x, true);
  const dataLoss = head.forward(x, y);
  // the script's `regularization_loss(dense1) + regularization_loss(dense2)`: two float32 sums, a float32 add
  const regLoss = Math.fround(regularizationLoss([dense[0]]).total + regularizationLoss([dense[1]]).total);
  let d = head.backward(head.output, y);
  for (let i = layers.length - 1; i >= 0; i--) d = layers[i].backward(d);
  const grads = Object.fromEntries(parameters.map((p) => [p.name, Float64Array.from(p.grad.data)]));
  optimizer.preUpdateParams();
  for (const layer of dense) optimizer.updateParams(layer);
  optimizer.postUpdateParams();
  return { rng, dropout, dataLoss, regLoss, grads, parameters, optimizer };
}

describe('one training step equals the numpy reference', () => {
  assert.ok(snapshots.length >= 15, 'the step snapshots are present');
  for (const s of snapshots) {
    test(s.case, () => {
      const r = replay(s);
      if (s.step.dropoutMask !== null)
        assert.deepEqual(Array.from(r.dropout?.mask ?? []), s.step.dropoutMask.flat(), 'dropout mask');
      const rngState = r.rng.getState();
      assert.deepEqual(
        [rngState.pos, rngState.key],
        [s.after.rng.pos, s.after.rng.key],
        'generator state after the step',
      );
      assert.equal(r.dataLoss, s.step.dataLoss, 'data loss, bit for bit');
      assert.equal(r.regLoss, s.step.regularizationLoss, 'regularization loss, bit for bit');
      for (const [name, expected] of Object.entries(s.step.grads)) {
        assert.deepEqual(Array.from(r.grads[name]), expected.flat(), `gradient of ${name}`);
      }
      for (const p of r.parameters) {
        const ulps = maxUlps(p.value.data, s.after.params[p.name].flat());
        assert.equal(ulps, 0, `${p.name} after the step: ${ulps} ulps from numpy`);
      }
      const state = r.optimizer.getState(r.parameters);
      for (const [name, slots] of Object.entries(s.after.optimizer.state)) {
        for (const [slot, values] of Object.entries(slots)) {
          assert.deepEqual(state.slots[name][slot], values.flat(), `optimizer ${slot} of ${name}`);
        }
      }
      assert.equal(r.optimizer.iterations, s.after.optimizer.iterations);
      assert.equal(
        r.optimizer.currentLearningRate,
        s.after.optimizer.currentLearningRate,
        'learning rate, bit for bit',
      );
    });
  }
});
