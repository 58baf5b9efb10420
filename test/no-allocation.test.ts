// "Hot loops allocate nothing per step": every buffer a training step touches is allocated on the
// first step and handed back, the same object, on every later step of the same batch size. Dropout
// masks come in pairs, used in turn (the next mask may be drawn into the other on a helper thread),
// so a mask is the same object again every second step.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Dense, Dropout, Matrix, RandomState, ReLU, spiralData } from 'scratchnet';
import { buildClassifier, CHAPTER_14_SPEC } from '../src/network/network-spec.ts';
import { trainClassifier } from '../src/network/train-classifier.ts';

test('a training step reuses every layer, loss and mask buffer', () => {
  const rng = new RandomState(0);
  const { X, y } = spiralData(20, 3, rng);
  const net = buildClassifier({ ...CHAPTER_14_SPEC, hidden: [16, 8], dropout: [0.1] }, rng);
  const buffers = () => [
    ...net.layers.flatMap((layer) => [
      layer.output,
      layer.dInputs,
      ...layer.parameters().flatMap((p) => [p.value, p.grad]),
    ]),
    net.head.output,
    net.head.dInputs,
    ...net.layers.flatMap((layer) => ('mask' in layer ? [layer.mask] : [])),
  ];
  trainClassifier(net, X, y, { epochs: 0 });
  const first = buffers();
  const firstWeights = Array.from(net.dense[0].weights.data);
  // epochs 0..1: two more steps, so each dropout layer is back on the mask buffer it had
  trainClassifier(net, X, y, { epochs: 1 });
  const later = buffers();
  assert.equal(later.length, first.length);
  for (const [i, buffer] of later.entries()) assert.equal(buffer, first[i], `buffer ${i} was replaced`);
  assert.notDeepEqual(
    Array.from(net.dense[0].weights.data),
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
