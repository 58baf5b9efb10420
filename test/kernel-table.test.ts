// The speed wing is an optimization, never a change of result: the book's chapter-15 network trained
// with only the TypeScript reference kernels in the kernel table ends with the very bits it ends with
// when the speed wing's kernels are installed (WebAssembly, resident arrays, masks drawn ahead).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RandomState, spiralData } from 'scratchnet';
import { installAcceleration } from '../src/accel/install.ts';
import { kernels, useReferenceKernels } from '../src/tensor/kernel-table.ts';
import { chapter15Model } from './model-helpers.ts';

function trainedBits(): { weights: string; loss: number } {
  const rng = new RandomState(0);
  const { X, y } = spiralData(100, 3, rng);
  const model = chapter15Model(rng);
  const history = model.train(X, y, { epochs: 30 });
  const parameters = model.getParameters();
  const weights = Object.values(parameters)
    .map((p) => Buffer.from(new Float64Array(p.values).buffer).toString('base64'))
    .join('|');
  return { weights, loss: history.dataLoss.at(-1) ?? Number.NaN };
}

test('the reference kernels and the speed wing train the chapter-15 network to the same bits', () => {
  installAcceleration();
  const fast = trainedBits();
  try {
    useReferenceKernels();
    assert.equal(kernels.arrays.float32(4).buffer instanceof SharedArrayBuffer, false, 'reference arrays');
    const reference = trainedBits();
    assert.ok(Number.isFinite(reference.loss));
    assert.equal(reference.loss, fast.loss);
    assert.equal(reference.weights, fast.weights);
  } finally {
    installAcceleration();
  }
});

test('installing the speed wing replaces the reference slots', () => {
  useReferenceKernels();
  const referenceMatmul = kernels.matmul;
  installAcceleration();
  assert.notEqual(kernels.matmul, referenceMatmul);
  assert.equal(
    kernels.arrays.float32(4).buffer instanceof SharedArrayBuffer,
    true,
    'resident arrays in Node',
  );
});
