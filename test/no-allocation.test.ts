// "Hot loops allocate nothing per step": every buffer a training step touches is allocated on the
// first step and handed back, the same object, on every later step of the same batch size.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RandomState, spiralData } from 'scratchnet';
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
  trainClassifier(net, X, y, { epochs: 2 });
  const later = buffers();
  assert.equal(later.length, first.length);
  for (const [i, buffer] of later.entries()) assert.equal(buffer, first[i], `buffer ${i} was replaced`);
  assert.notDeepEqual(
    Array.from(net.dense[0].weights.data),
    firstWeights,
    'the steps did update the weights in place',
  );
});
