import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { assertValues, withCode } from '../../test/assertions.ts';
import { Matrix } from '../tensor/matrix.ts';
import { RandomState } from '../tensor/random.ts';
import { Dropout } from './dropout.ts';

function ones(rows: number, cols: number, dtype: 'float32' | 'float64' = 'float32'): Matrix {
  const m = Matrix.zeros(rows, cols, dtype);
  m.data.fill(1);
  return m;
}

describe('Dropout rate validation', () => {
  const rng = new RandomState(0);
  const bad: [unknown, string][] = [
    [1, 'got 1'],
    [1.5, 'got 1.5'],
    [-0.1, 'got -0.1'],
    [Number.NaN, 'got NaN'],
    ['0.1', 'got "0.1"'],
  ];
  for (const [rate, named] of bad) {
    test(`rate ${String(rate)} (${typeof rate}) → INVALID_OPTION naming it`, () => {
      assert.throws(() => new Dropout(rate as number, { rng }), withCode('INVALID_OPTION', named));
    });
  }

  test('an rng that is not a generator → INVALID_OPTION; a misspelt option → UNKNOWN_OPTION', () => {
    // @ts-expect-error: a JavaScript caller can pass anything as rng
    assert.throws(() => new Dropout(0.1, { rng: 0 }), withCode('INVALID_OPTION', 'seeded generator'));
    const options = { rng, keepProb: 0.9 };
    assert.throws(() => new Dropout(0.1, options), withCode('UNKNOWN_OPTION', '"keepProb"'));
  });
});

describe('Dropout in training', () => {
  test('the mask is binomial(1, 1 − rate) from the generator, row-major; kept units ×(1/0.9) in double', () => {
    const dropout = new Dropout(0.1, { rng: new RandomState(42) });
    const out = dropout.forward(ones(20, 10, 'float64'));
    const expectedMask = new RandomState(42).binomial(1, 1 - 0.1, 200);
    assert.deepEqual(Array.from(dropout.mask), Array.from(expectedMask));
    // 1 / (1 − 0.1) = 1 / 0.9 = 1.1111111111111112 in double
    assert.equal(1 / (1 - 0.1), 1.1111111111111112);
    assertValues(
      out.data,
      Array.from(expectedMask, (m) => (m === 1 ? 1.1111111111111112 : 0)),
    );
    assert.ok(expectedMask.includes(0) && expectedMask.includes(1), 'both kinds of unit occur');
  });

  test('float32 in, float64 out: x · 1.1111111111111112 in double (numpy’s float64 island), and back', () => {
    const x = Matrix.fromRows([[0.3, -1.7, 2.2, 0.9, 5, -0.01]]);
    const dropout = new Dropout(0.1, { rng: new RandomState(3) });
    const out = dropout.forward(x);
    const mask = new RandomState(3).binomial(1, 0.9, 6);
    assert.equal(out.dtype, 'float64');
    assertValues(
      out.data,
      Array.from(x.data, (v, i) => (mask[i] === 1 ? v * 1.1111111111111112 : 0)),
    );
    const dInputs = dropout.backward(Matrix.fromRows([[1, 1, 1, 1, 1, 1]]));
    assert.equal(dInputs.dtype, 'float64');
    assertValues(
      dInputs.data,
      Array.from(mask, (m) => (m === 1 ? 1.1111111111111112 : 0)),
    );
  });

  test('each forward draws a fresh mask: the next 200 draws of the same stream', () => {
    const dropout = new Dropout(0.5, { rng: new RandomState(9) });
    dropout.forward(ones(10, 20));
    const second = Array.from(dropout.forward(ones(10, 20)).data);
    const reference = new RandomState(9);
    reference.binomial(1, 0.5, 200);
    const expected = reference.binomial(1, 0.5, 200);
    assertValues(Array.from(dropout.mask), Array.from(expected));
    assertValues(
      second,
      Array.from(expected, (m) => m * 2),
    ); // 1 / (1 − 0.5) = 2
  });

  test('backward multiplies by the same mask and scale', () => {
    const dropout = new Dropout(0.25, { rng: new RandomState(5) });
    dropout.forward(ones(3, 4, 'float64'));
    const d = Matrix.fromRows(
      [
        [1, -2, 3, -4],
        [5, 6, 7, 8],
        [0.5, 0.25, -1, 2],
      ],
      'float64',
    );
    const dInputs = dropout.backward(d);
    const mask = new RandomState(5).binomial(1, 0.75, 12);
    // 1 / (1 − 0.25) = 1.3333333333333333
    assertValues(
      dInputs.data,
      Array.from(d.data, (v, i) => (mask[i] === 1 ? v * (1 / 0.75) : 0)),
    );
  });

  test('property: the output mean is within 5 standard errors of the input mean (expectation preserved)', () => {
    const n = 4000;
    const arb = fc.record({
      seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      rate: fc.integer({ min: 5, max: 90 }).map((percent) => percent / 100),
      // a mean well away from 0, so that a wrong scale (keep instead of 1/keep) would show
      offset: fc.integer({ min: 50, max: 300 }).chain((v) => fc.constantFrom(v / 100, -v / 100)),
    });
    fc.assert(
      fc.property(arb, ({ seed, rate, offset }) => {
        const x = Matrix.zeros(40, n / 40, 'float64');
        const g = new RandomState((seed ^ 0x5a5a) >>> 0).randn(n);
        for (let i = 0; i < n; i++) x.data[i] = offset + g[i];
        const out = new Dropout(rate, { rng: new RandomState(seed) }).forward(x).data;
        let meanIn = 0;
        let meanOut = 0;
        let squares = 0;
        for (let i = 0; i < n; i++) {
          meanIn += x.data[i] / n;
          meanOut += out[i] / n;
          squares += x.data[i] ** 2;
        }
        // Var(x·m/keep) = x²·rate/keep per unit, so the mean's standard error is √(Σx²·rate/keep)/n
        const standardError = Math.sqrt((squares * rate) / (1 - rate)) / n;
        assert.ok(
          Math.abs(meanOut - meanIn) <= 5 * standardError,
          `${meanOut} vs ${meanIn} (se ${standardError})`,
        );
      }),
      { seed: 4242, numRuns: 40 },
    );
  });
});

describe('Dropout at inference and at rate 0', () => {
  test('training = false is the identity and draws nothing from the generator', () => {
    const rng = new RandomState(11);
    const before = rng.getState();
    const dropout = new Dropout(0.3, { rng });
    const x = Matrix.fromRows([
      [0.5, -1, 2],
      [3, 4, 5],
    ]);
    const out = dropout.forward(x, false);
    assertValues(out.data, Array.from(x.data));
    assert.notEqual(out, x);
    assert.deepEqual(rng.getState(), before);
    assert.equal(rng.randomSample(1)[0], new RandomState(11).randomSample(1)[0]);
    // and backward after an inference forward passes the gradient through
    assertValues(dropout.backward(x).data, Array.from(x.data));
  });

  test('rate 0 is the identity in training too', () => {
    const x = Matrix.fromRows([[0.5, -1, 2]]);
    assertValues(new Dropout(0, { rng: new RandomState(1) }).forward(x).data, Array.from(x.data));
  });
});

describe('Dropout buffers and state', () => {
  test('same batch size: same output, mask and dInputs buffers; another size: new ones', () => {
    const dropout = new Dropout(0.2, { rng: new RandomState(2) });
    const out = dropout.forward(ones(4, 3));
    const mask = dropout.mask;
    assert.equal(dropout.forward(ones(4, 3)), out);
    assert.equal(dropout.mask, mask);
    dropout.forward(ones(2, 3));
    assert.notEqual(dropout.mask, mask);
    dropout.forward(ones(4, 3));
    assert.equal(dropout.mask, mask, 'each batch size keeps its own mask buffer');
    const d = dropout.backward(ones(4, 3));
    assert.equal(dropout.backward(ones(4, 3)), d);
    assert.notEqual(dropout.forward(ones(2, 3)), out);
  });

  test('backward before forward → BAD_STATE; a gradient of another shape → SHAPE_MISMATCH', () => {
    const dropout = new Dropout(0.2, { rng: new RandomState(2) });
    assert.throws(() => dropout.backward(ones(1, 1)), withCode('BAD_STATE', 'before forward'));
    dropout.forward(ones(2, 2));
    assert.throws(() => dropout.backward(ones(2, 3)), withCode('SHAPE_MISMATCH', 'got 2x3'));
  });
});
