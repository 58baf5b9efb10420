import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Matrix } from '../tensor/matrix.ts';
import { MeanSquaredError } from './mean-squared-error.ts';

// Loss.calculate is the book's `np.mean(sample_losses)`. For float32 losses numpy sums pairwise in
// float32 (8 accumulators per block of up to 128 values, halves above that) and divides in float32.
// Golden values from numpy 2.4:
//   a = np.array([(i*37 % 101)/7 + i/3 for i in range(n)]).astype(np.float32); float(np.mean(a))
const NUMPY_MEANS: [number, number][] = [
  [5, 5.4666666984558105],
  [100, 23.62285614013672],
  [300, 56.9609489440918],
  [1000, 173.644287109375],
];

function values(n: number): number[] {
  return Array.from({ length: n }, (_, i) => ((i * 37) % 101) / 7 + i / 3);
}

/** The values as a one-column prediction matrix, with (unused) zero targets of the same shape. */
function predictionsFor(losses: number[], dtype: 'float32' | 'float64'): { p: Matrix; t: Matrix } {
  const p = Matrix.zeros(losses.length, 1, dtype);
  p.data.set(losses);
  return { p, t: Matrix.zeros(losses.length, 1, dtype) };
}

/** A loss whose sample losses are the predictions themselves, to test `calculate` alone. */
class IdentityLoss extends MeanSquaredError {
  override forward(predictions: Matrix): Float32Array | Float64Array {
    const out = this.lossBuffer(predictions);
    out.set(predictions.data);
    return out;
  }
}

for (const [n, expected] of NUMPY_MEANS) {
  test(`float32 mean of ${n} sample losses equals numpy's np.mean bit for bit`, () => {
    const { p, t } = predictionsFor(values(n), 'float32');
    assert.equal(new IdentityLoss().calculate(p, t), expected);
  });
}

test('the golden values discriminate: a double sum rounded once differs from numpy for n = 100 and 300', () => {
  for (const n of [100, 300]) {
    const stored = Float32Array.from(values(n));
    let sum = 0;
    for (const v of stored) sum += v;
    const expected = NUMPY_MEANS.find(([k]) => k === n)?.[1];
    assert.notEqual(Math.fround(sum / n), expected);
  }
});

test('float64 mean is the plain double mean', () => {
  const { p, t } = predictionsFor([1, 2, 3, 4.5], 'float64');
  assert.equal(new IdentityLoss().calculate(p, t), (1 + 2 + 3 + 4.5) / 4);
});

test('calculate goes through forward: MSE of [[1], [3]] against [[0], [0]] is (1 + 9) / 2', () => {
  const p = Matrix.fromRows([[1], [3]]);
  assert.equal(new MeanSquaredError().calculate(p, Matrix.zeros(2, 1)), (1 + 9) / 2);
});
