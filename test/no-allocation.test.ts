// "Hot loops allocate nothing per step": every buffer a training step touches is allocated on the
// first step and handed back, the same object, on every later step of the same batch size. Dropout
// masks come in pairs, used in turn (the next mask may be drawn into the other on a helper thread),
// so a mask is the same object again every second step.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  buildNetwork,
  CategoricalCrossentropy,
  type ClassLabels,
  Dense,
  Dropout,
  type FloatArray,
  Matrix,
  RandomState,
  ReLU,
  spiralData,
} from 'scratchnet';

/** The model's loss, keeping what its forward returns (the per-sample losses) where the test sees it. */
class WatchedLoss extends CategoricalCrossentropy {
  lastLosses: FloatArray | null = null;
  override forward(predictions: Matrix, targets: ClassLabels): FloatArray {
    this.lastLosses = super.forward(predictions, targets);
    return this.lastLosses;
  }
}

test('a training step of Model.train reuses every layer, loss and mask buffer', () => {
  const rng = new RandomState(0);
  const { X, y } = spiralData(20, 3, rng);
  const model = buildNetwork(
    { inputs: 2, hidden: [16, 8], outputs: 3, l2w: 5e-4, l2b: 5e-4, dropout: 0.1, learningRate: 0.02 },
    rng,
  );
  const loss = new WatchedLoss();
  model.set({ loss }).finalize();
  const layers = model.layers;
  // the gradient the fused softmax + cross-entropy hands to the last Dense layer
  const lastDense = layers.at(-2) as Dense;
  let headGradient: Matrix | null = null;
  const backward = lastDense.backward.bind(lastDense);
  lastDense.backward = (dOutput: Matrix) => {
    headGradient = dOutput;
    return backward(dOutput);
  };
  const buffers = () => [
    ...layers.flatMap((layer) => [layer.output, ...layer.parameters().flatMap((p) => [p.value, p.grad])]),
    // the first Dense layer computes no dInputs (nothing uses them), the fused head skips the Softmax's
    ...layers.slice(1, -1).map((layer) => layer.dInputs),
    ...layers.flatMap((layer) => (layer instanceof Dropout ? [layer.mask] : [])),
    loss.lastLosses,
    headGradient,
  ];
  model.train(X, y, { epochs: 1 });
  const first = buffers();
  const firstWeights = Array.from((layers[0] as Dense).weights.data);
  // two more steps, so each dropout layer is back on the mask buffer it had
  model.train(X, y, { epochs: 2 });
  const later = buffers();
  assert.equal(later.length, first.length);
  for (const [i, buffer] of later.entries()) {
    assert.ok(buffer !== null, `buffer ${i} was never made`);
    assert.equal(buffer, first[i], `buffer ${i} was replaced`);
  }
  assert.notDeepEqual(
    Array.from((layers[0] as Dense).weights.data),
    firstWeights,
    'the steps did update the weights in place',
  );
});

test('alternating batch sizes (batches, a short last batch, validation) each keep their own buffers', () => {
  const rng = new RandomState(1);
  const layers = [new Dense(2, 4, { rng }), new ReLU(), new Dropout(0.2, { rng })];
  const pass = (rows: number) => {
    let x = Matrix.zeros(rows, 2);
    x.data.fill(0.5);
    for (const layer of layers) x = layer.forward(x, true);
    let d = Matrix.zeros(rows, 4);
    d.data.fill(1);
    for (let i = layers.length - 1; i >= 0; i--) d = layers[i].backward(d);
    return layers.flatMap((layer) => [layer.output, layer.dInputs]);
  };
  const big = pass(32);
  const small = pass(7);
  const validation = pass(100);
  assert.deepEqual(pass(32), big);
  assert.deepEqual(pass(7), small);
  assert.deepEqual(pass(100), validation);
  for (const [i, buffer] of pass(32).entries()) assert.equal(buffer, big[i], `buffer ${i} was replaced`);
});
