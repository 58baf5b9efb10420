// Plain bad input given to the library: each case is a ScratchnetError with a code, a message that
// names the value and a hint, never a RangeError or TypeError from deep inside (issue 15, "The rest").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  Dense,
  Dropout,
  gradientCheck,
  imageToInput,
  Matrix,
  RandomState,
  ReLU,
  ScratchnetError,
  Sigmoid,
  Softmax,
  SoftmaxCategoricalCrossentropy,
} from 'scratchnet';
import { withCode } from './assertions.ts';

function withHint(code: ScratchnetError['code'], named: string): (error: unknown) => boolean {
  return (error: unknown) => {
    withCode(code, named)(error);
    assert.ok(error instanceof ScratchnetError && error.hint.length > 0, 'a hint');
    return true;
  };
}

test('Matrix.zeros(-1, 3) is refused, not a RangeError from the typed array', () => {
  assert.throws(
    () => Matrix.zeros(-1, 3),
    withHint('INVALID_OPTION', 'rows must be a whole number >= 0, got -1'),
  );
});

test('new Matrix(1.5, 2, data) is refused (it was accepted: 1.5 x 2 = 3 values)', () => {
  assert.throws(
    () => new Matrix(1.5, 2, new Float32Array(3)),
    withHint('INVALID_OPTION', 'rows must be a whole number >= 0, got 1.5'),
  );
  assert.throws(() => new Matrix(2, Number.NaN, new Float32Array(0)), withCode('INVALID_OPTION', 'NaN'));
  assert.throws(
    () => new Matrix(1, 3, [1, 2, 3] as unknown as Float32Array),
    withCode('INVALID_OPTION', 'Float32Array or Float64Array'),
  );
});

test('new Dense(2, 1e10) names its size before allocating anything', () => {
  // 2 x 1e10 float32 weights = 8e10 bytes
  assert.throws(
    () => new Dense(2, 1e10, { rng: new RandomState(0) }),
    withHint(
      'OUT_OF_MEMORY',
      'Dense(2, 10000000000) weights: a 2x10000000000 matrix would hold 20000000000 values (80.0 GB)',
    ),
  );
});

test('gradientCheck with no layers is refused: there is nothing to check', () => {
  const options = {
    layers: [],
    loss: new SoftmaxCategoricalCrossentropy(),
    inputs: Matrix.zeros(2, 2, 'float64'),
    targets: new Int32Array([0, 1]),
  };
  assert.throws(() => gradientCheck(options), withHint('INVALID_OPTION', 'gradientCheck needs layers'));
  assert.throws(
    () => gradientCheck({ ...options, layers: [null] as never }),
    withCode('INVALID_OPTION', 'gradientCheck needs layers'),
  );
});

test('layer.forward(null) says it takes a Matrix, for every kind of layer', () => {
  const rng = new RandomState(0);
  const layers = [
    new Dense(2, 3, { rng }),
    new ReLU(),
    new Sigmoid(),
    new Softmax(),
    new Dropout(0.1, { rng }),
  ];
  for (const layer of layers) {
    for (const bad of [null, undefined, [[1, 2]], {}]) {
      assert.throws(() => layer.forward(bad as never, true), withHint('SHAPE_MISMATCH', 'takes a Matrix'));
    }
  }
});

test('layer.backward(null) after a forward says it takes a Matrix', () => {
  const rng = new RandomState(0);
  const dense = new Dense(2, 3, { rng });
  dense.forward(Matrix.zeros(1, 2), true);
  assert.throws(() => dense.backward(null as never), withCode('SHAPE_MISMATCH', 'takes a Matrix'));
  const relu = new ReLU();
  relu.forward(Matrix.zeros(1, 2), true);
  assert.throws(() => relu.backward(null as never), withCode('SHAPE_MISMATCH', 'takes a Matrix'));
});

test('imageToInput with a negative, fractional or huge side is refused', () => {
  const image = { width: 2, height: 2, data: new Uint8ClampedArray(16) };
  for (const side of [-1, 0, 1.5, Number.NaN, 1e6]) {
    assert.throws(() => imageToInput(image, { side }), withHint('INVALID_OPTION', 'imageToInput side'));
  }
  assert.equal(imageToInput(image, { side: 3 }).input.length, 9);
});

test('Matrix.fromRows(null) and an unknown dtype are refused', () => {
  assert.throws(
    () => Matrix.fromRows(null as never),
    withHint('INVALID_OPTION', 'Matrix.fromRows takes an array of rows'),
  );
  assert.throws(() => Matrix.fromRows([1, 2] as never), withCode('INVALID_OPTION', 'Matrix.fromRows'));
  assert.throws(
    () => Matrix.zeros(2, 3, 'float16' as never),
    withHint('INVALID_OPTION', 'dtype must be "float32" or "float64", got "float16"'),
  );
  assert.throws(
    () => new Dense(2, 3, { rng: new RandomState(0), dtype: 'float16' as never }),
    withCode('INVALID_OPTION', 'dtype must be'),
  );
});

test('imageToInput(null) says what an image is', () => {
  assert.throws(() => imageToInput(null as never), withHint('BAD_DATA', 'imageToInput takes an RGBA image'));
});
