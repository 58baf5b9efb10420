import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { Regularizer } from './regularizer.ts';

const f32 = Math.fround;

/** Deterministic float32-representable values in (-scale, scale), none exactly zero. */
function values32(n: number, scale: number, salt: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const u = (Math.sin((i + 1) * 12.9898 + salt * 78.233) * 43758.5453) % 1; // in (-1, 1)
    out[i] = u === 0 ? 0.5 * scale : u * scale;
  }
  return out;
}

function assertInvalidOption(fn: () => unknown, named: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof ScratchnetError);
    assert.equal(error.code, 'INVALID_OPTION');
    assert.ok(error.message.includes(named), `message ${JSON.stringify(error.message)} names ${named}`);
    return true;
  });
}

describe('Regularizer penalties', () => {
  const w = Float64Array.of(1, -2, 3, -4);

  test('L1 penalty is l1·Σ|w|', () => {
    assert.equal(new Regularizer(0.01, 0).penaltyL1(w), 0.01 * (1 + 2 + 3 + 4));
    assert.equal(new Regularizer(0.01, 0).penalty(w), 0.01 * (1 + 2 + 3 + 4));
  });

  test('L2 penalty is l2·Σw²', () => {
    assert.equal(new Regularizer(0, 0.5).penaltyL2(w), 0.5 * (1 + 4 + 9 + 16));
    assert.equal(new Regularizer(0, 0.5).penalty(w), 0.5 * (1 + 4 + 9 + 16));
  });

  test('both: the sum of the two, each term independent of the other lambda', () => {
    const r = new Regularizer(0.25, 0.5);
    assert.equal(r.penaltyL1(w), 0.25 * 10);
    assert.equal(r.penaltyL2(w), 0.5 * 30);
    assert.equal(r.penalty(w), 0.25 * 10 + 0.5 * 30);
  });

  test('a zero lambda contributes nothing', () => {
    const r = new Regularizer(0, 0.5);
    assert.equal(r.penaltyL1(w), 0);
    assert.equal(new Regularizer(0.5, 0).penaltyL2(w), 0);
  });

  test('float32 values: the book’s float32 λ times numpy’s float32 pairwise sum, rounded to float32', () => {
    const v = Float32Array.of(0.1, -0.2);
    // numpy 2.4: float(5e-4 * np.sum(np.abs(v))) and float(5e-4 * np.sum(v * v)) for v = float32 [0.1, -0.2]
    assert.equal(new Regularizer(5e-4, 0).penaltyL1(v), 0.0001500000071246177);
    assert.equal(new Regularizer(0, 5e-4).penaltyL2(v), 2.5000003006425686e-5);
    assert.equal(new Regularizer(5e-4, 0).penaltyL1(v), f32(f32(5e-4) * f32(f32(0.1) + f32(0.2))));
    // the double λ times a double sum would be 0.00015000000596046448
    assert.notEqual(new Regularizer(5e-4, 0).penaltyL1(v), 5e-4 * (f32(0.1) + f32(0.2)));
    // 300 values: the pairwise order (numpy: v = (np.arange(1, 301) / -7.3).astype(np.float32) * np.float32(0.01))
    const w = Float32Array.from({ length: 300 }, (_, i) => f32(f32((i + 1) / -7.3) * f32(0.01)));
    assert.equal(new Regularizer(0, 5e-4).penaltyL2(w), 0.008486628532409668);
    assert.equal(new Regularizer(3e-4, 0).penaltyL1(w), 0.018554793670773506);
  });
});

describe('Regularizer.addGradient (float64)', () => {
  test('L1 adds l1·sign(w), with sign(0) = +1 (the book)', () => {
    const w = Float64Array.of(2, -3, 0, -0.5);
    const grad = Float64Array.of(10, 10, 10, 10);
    new Regularizer(0.1, 0).addGradient(w, grad);
    assert.deepEqual(Array.from(grad), [10 + 0.1, 10 - 0.1, 10 + 0.1, 10 - 0.1]);
  });

  test('L2 adds 2·l2·w', () => {
    const w = Float64Array.of(2, -3, 0, 0.5);
    const grad = Float64Array.of(1, 1, 1, 1);
    new Regularizer(0, 0.25).addGradient(w, grad);
    assert.deepEqual(Array.from(grad), [1 + 2 * 0.25 * 2, 1 + 2 * 0.25 * -3, 1 + 0, 1 + 2 * 0.25 * 0.5]);
  });

  test('both: grad + l1·sign(w) + 2·l2·w', () => {
    const w = Float64Array.of(4, -8);
    const grad = Float64Array.of(0, 0);
    new Regularizer(0.5, 0.125).addGradient(w, grad);
    // 0.5·(+1) + 2·0.125·4 = 1.5; 0.5·(−1) + 2·0.125·(−8) = −2.5
    assert.deepEqual(Array.from(grad), [1.5, -2.5]);
  });

  test('the values are not modified', () => {
    const w = Float64Array.of(1, -1);
    new Regularizer(0.1, 0.1).addGradient(w, new Float64Array(2));
    assert.deepEqual(Array.from(w), [1, -1]);
  });
});

describe('Regularizer.addGradient (float32) rounds each step in numpy order', () => {
  // numpy: dW += l1·dL1 with l1·dL1 = ±f32(l1); then dW += f32(2·l2)·W, every step rounded to float32.
  // Gradients, l1 and the L2 term are of similar size, so that every rounding step matters.
  const l1 = 0.00003;
  const l2 = 0.0007;
  const n = 512;
  const w = values32(n, 0.05, 1);
  const g0 = values32(n, 0.0001, 2);
  const sign = (i: number) => (w[i] < 0 ? -1 : 1);

  /** The numpy order; `skip` names a rounding step to leave out, for the discrimination check. */
  function emulate(skip: 'none' | 'after-l1' | 'l2-product' | 'l2-factor' = 'none'): Float32Array {
    const out = new Float32Array(n);
    const round = (x: number, step: typeof skip) => (skip === step ? x : f32(x));
    for (let i = 0; i < n; i++) {
      const afterL1 = round(g0[i] + sign(i) * f32(l1), 'after-l1');
      out[i] = f32(afterL1 + round(round(2 * l2, 'l2-factor') * w[i], 'l2-product'));
    }
    return out;
  }

  test('equals a step-by-step Math.fround emulation exactly', () => {
    const grad = Float32Array.from(g0);
    new Regularizer(l1, l2).addGradient(w, grad);
    assert.deepEqual(Array.from(grad), Array.from(emulate()));
  });

  test('the emulation is discriminating: leaving out any one rounding step changes some elements', () => {
    const expected = emulate();
    for (const skip of ['after-l1', 'l2-product', 'l2-factor'] as const) {
      const variant = emulate(skip);
      assert.ok(
        variant.some((v, i) => v !== expected[i]),
        `skipping ${skip} is detectable`,
      );
    }
    const once = Array.from(g0, (g, i) => f32(g + sign(i) * l1 + 2 * l2 * w[i]));
    assert.ok(
      once.some((v, i) => v !== expected[i]),
      'rounding once in double is detectable',
    );
  });

  test('sign(0) = +1 in float32 too', () => {
    const grad = new Float32Array(1);
    new Regularizer(l1, 0).addGradient(new Float32Array(1), grad);
    assert.equal(grad[0], f32(l1));
  });
});

describe('Regularizer validation', () => {
  const bad: [string, unknown, string][] = [
    ['negative', -0.1, '-0.1'],
    ['NaN', Number.NaN, 'NaN'],
    ['Infinity', Number.POSITIVE_INFINITY, 'Infinity'],
    ['a string', '0.1', '"0.1"'],
    ['undefined', undefined, 'undefined'],
  ];
  for (const [what, value, shown] of bad) {
    test(`${what} L1 → INVALID_OPTION naming the value`, () => {
      assertInvalidOption(() => new Regularizer(value as number, 0, 'weightRegularizer'), shown);
      assertInvalidOption(
        () => new Regularizer(value as number, 0, 'weightRegularizer'),
        'weightRegularizer L1',
      );
    });
    test(`${what} L2 → INVALID_OPTION naming the value`, () => {
      assertInvalidOption(() => new Regularizer(0, value as number, 'biasRegularizer'), shown);
      assertInvalidOption(() => Regularizer.of(0, value as number, 'biasRegularizer'), 'biasRegularizer L2');
    });
  }

  test('Regularizer.of(0, 0) is null; any lambda set gives a regularizer', () => {
    assert.equal(Regularizer.of(0, 0), null);
    assert.equal(Regularizer.of(0.1, 0)?.l1, 0.1);
    assert.equal(Regularizer.of(0, 0.2)?.l2, 0.2);
    assert.equal(Regularizer.of(0, 0.2)?.l1, 0);
  });
});
