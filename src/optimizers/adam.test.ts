import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withCode } from '../../test/assertions.ts';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { Parameter } from '../layers/parameter.ts';
import { Matrix } from '../tensor/matrix.ts';
import { Adam } from './adam.ts';

const f32 = Math.fround;

function scalar(w: number): Parameter {
  return new Parameter('p', Matrix.fromRows([[w]], 'float64'), Matrix.fromRows([[0]], 'float64'), null);
}

describe('Adam, two steps worked by hand (float64, lr 0.01, β1 0.9, β2 0.999, ε 1e-7)', () => {
  const adam = new Adam({ learningRate: 0.01 });
  const p = scalar(1);

  test('step 1, g = 0.5: m = 0.1g, v = 0.001g², m̂ = g, v̂ = g², w −= lr·g/(|g| + ε)', () => {
    p.grad.data[0] = 0.5;
    adam.step([p]);
    const m = 0.9 * 0 + (1 - 0.9) * 0.5; // 0.05
    const v = 0.999 * 0 + (1 - 0.999) * 0.5 ** 2; // 0.00025
    const mHat = m / (1 - 0.9 ** 1); // 0.5 (= g, up to double rounding of 1 − 0.9)
    const vHat = v / (1 - 0.999 ** 1); // 0.25 (= g²)
    assert.equal(p.value.data[0], 1 + (-0.01 * mHat) / (Math.sqrt(vHat) + 1e-7));
    // the closed form: 1 − 0.01·0.5/(0.5 + 1e-7) = 1 − 0.01/(1 + 2e-7) ≈ 0.990000002
    assert.ok(Math.abs(p.value.data[0] - (1 - (0.01 * 0.5) / (0.5 + 1e-7))) < 1e-15);
    assert.ok(Math.abs(p.value.data[0] - 0.990000002) < 1e-12);
    assert.equal(adam.iterations, 1);
  });

  test('step 2, g = −0.25: the momentum still points the old way, corrections use t + 1 = 2', () => {
    p.grad.data[0] = -0.25;
    const w1 = p.value.data[0];
    adam.step([p]);
    const m = 0.9 * 0.05 + (1 - 0.9) * -0.25; // 0.045 − 0.025 = 0.02
    const v = 0.999 * 0.00025 + (1 - 0.999) * 0.0625; // 0.00024975 + 0.0000625 = 0.00031225
    const mHat = m / (1 - 0.9 ** 2); // 0.02 / 0.19 = 0.1052631…
    const vHat = v / (1 - 0.999 ** 2); // 0.00031225 / 0.001999 = 0.1562031…
    const expected = w1 + (-0.01 * mHat) / (Math.sqrt(vHat) + 1e-7);
    assert.ok(Math.abs(p.value.data[0] - expected) <= 2 ** -52, `${p.value.data[0]} vs ${expected}`);
    // by hand: 0.990000002 − 0.01·0.1052632/0.3952254 ≈ 0.990000002 − 0.0026634 = 0.9873366
    assert.ok(Math.abs(p.value.data[0] - 0.9873366) < 1e-7);
  });

  test('bias correction divides (multiplying, as ConvNetJS once did, gives a tiny first step)', () => {
    const q = scalar(0);
    q.grad.data[0] = 2;
    new Adam({ learningRate: 0.1 }).step([q]);
    // m̂ = g and v̂ = g², so the first step is −lr·g/|g| = −0.1 whatever the gradient's size
    assert.ok(Math.abs(q.value.data[0] - -0.1) < 1e-8);
  });
});

test('float32 matches a step-by-step Math.fround emulation of numpy, over three steps', () => {
  const n = 64;
  const init = Array.from({ length: n }, (_, i) => f32(Math.sin(i + 1) * 0.3));
  const grads = (step: number) => Array.from({ length: n }, (_, i) => f32(Math.cos(i * 7 + step) * 0.05));
  const p = new Parameter('p', Matrix.fromRows([init]), Matrix.zeros(1, n), null);
  const o = { learningRate: 0.05, decay: 5e-5, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };
  const adam = new Adam(o);
  const w = [...init];
  const m = new Array<number>(n).fill(0);
  const v = new Array<number>(n).fill(0);
  let differsFromDouble = 0;
  for (let t = 0; t < 3; t++) {
    const g = grads(t);
    p.grad.data.set(g);
    adam.step([p]);
    const lr = o.learningRate * (1 / (1 + o.decay * t));
    const c1 = f32(1 - o.beta1 ** (t + 1));
    const c2 = f32(1 - o.beta2 ** (t + 1));
    for (let i = 0; i < n; i++) {
      m[i] = f32(f32(f32(o.beta1) * m[i]) + f32(f32(1 - o.beta1) * g[i]));
      v[i] = f32(f32(f32(o.beta2) * v[i]) + f32(f32(1 - o.beta2) * f32(g[i] * g[i])));
      const mHat = f32(m[i] / c1);
      const vHat = f32(v[i] / c2);
      const once = f32(w[i] + (-lr * mHat) / (Math.sqrt(vHat) + o.epsilon));
      w[i] = f32(w[i] + f32(f32(f32(-lr) * mHat) / f32(f32(Math.sqrt(vHat)) + f32(o.epsilon))));
      if (once !== w[i]) differsFromDouble++;
      assert.equal(p.value.data[i], w[i], `step ${t}, element ${i}`);
    }
  }
  assert.ok(differsFromDouble > 0, 'the data exercise the per-step rounding');
});

describe('Adam options', () => {
  test("defaults are the book's: lr 0.001, β1 0.9, β2 0.999, ε 1e-7, no decay", () => {
    const adam = new Adam();
    assert.deepEqual(
      [adam.learningRate, adam.beta1, adam.beta2, adam.epsilon, adam.decay, adam.currentLearningRate],
      [0.001, 0.9, 0.999, 1e-7, 0, 0.001],
    );
  });

  test('validation: β1 = 1, β2 = 1.5, negative lr, ε = 0 → INVALID_OPTION; a misspelt name → UNKNOWN_OPTION', () => {
    assert.throws(() => new Adam({ beta1: 1 }), withCode('INVALID_OPTION', 'beta1'));
    // regression: the hint once spoke of "the fraction to drop", dropout's wording, for β1 too
    assert.throws(
      () => new Adam({ beta1: 1 }),
      (e: unknown) =>
        e instanceof ScratchnetError && !e.hint.includes('drop') && e.hint.includes('decay factor'),
    );
    assert.throws(() => new Adam({ beta2: 1.5 }), withCode('INVALID_OPTION', '1.5'));
    assert.throws(() => new Adam({ learningRate: -0.001 }), withCode('INVALID_OPTION', '-0.001'));
    assert.throws(() => new Adam({ epsilon: 0 }), withCode('INVALID_OPTION', 'epsilon'));
    assert.throws(() => new Adam({ decay: Number.NaN }), withCode('INVALID_OPTION', 'NaN'));
    const misspelt = { learningRate: 0.01, beta_1: 0.9 }; // a variable, so TypeScript allows the extra name
    assert.throws(() => new Adam(misspelt), withCode('UNKNOWN_OPTION', '"beta_1"'));
  });
});
