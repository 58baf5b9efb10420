import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withCode } from '../../test/assertions.ts';
import { Parameter } from '../layers/parameter.ts';
import { Matrix } from '../tensor/matrix.ts';
import { SGD } from './sgd.ts';

const f32 = Math.fround;

function scalar(w: number, dtype: 'float32' | 'float64' = 'float64'): Parameter {
  return new Parameter('p', Matrix.fromRows([[w]], dtype), Matrix.fromRows([[0]], dtype), null);
}

function stepWith(optimizer: SGD, p: Parameter, g: number): number {
  p.grad.data[0] = g;
  optimizer.step([p]);
  return p.value.data[0];
}

describe('SGD worked by hand (float64)', () => {
  test('plain, lr 0.5: w −= lr·g', () => {
    const sgd = new SGD({ learningRate: 0.5 });
    const p = scalar(1);
    assert.equal(stepWith(sgd, p, 0.5), 1 - 0.5 * 0.5); // 0.75
    assert.equal(stepWith(sgd, p, 0.25), 0.75 - 0.5 * 0.25); // 0.625
  });

  test('momentum 0.9 and decay 0.1, lr 1: lr_t = lr/(1 + decay·t), v = μv − lr_t·g, w += v', () => {
    const sgd = new SGD({ learningRate: 1, decay: 0.1, momentum: 0.9 });
    const p = scalar(1);
    // t = 0: lr_0 = 1; v = 0.9·0 − 1·0.5 = −0.5; w = 1 − 0.5 = 0.5
    assert.equal(stepWith(sgd, p, 0.5), 0.5);
    assert.equal(sgd.currentLearningRate, 1);
    // t = 1: lr_1 = 1/1.1 = 0.90909…; v = 0.9·(−0.5) − 0.90909…·0.25 = −0.67727…; w = 0.5 − 0.67727… = −0.17727…
    const lr1 = 1 * (1 / (1 + 0.1 * 1));
    assert.equal(stepWith(sgd, p, 0.25), 0.5 + (0.9 * -0.5 - lr1 * 0.25));
    assert.equal(sgd.currentLearningRate, lr1);
    assert.ok(Math.abs(p.value.data[0] - -0.17727272727) < 1e-10);
  });

  test('without momentum the velocity is not kept: the same gradient gives the same step twice', () => {
    const sgd = new SGD({ learningRate: 0.25 });
    const p = scalar(0);
    assert.equal(stepWith(sgd, p, 1), -0.25);
    assert.equal(stepWith(sgd, p, 1), -0.5);
  });
});

test('float32: numpy order with each step rounded (momentum and plain)', () => {
  const n = 128;
  const init = Array.from({ length: n }, (_, i) => f32(Math.sin(i + 1) * 0.3));
  for (const momentum of [0, 0.9]) {
    const o = { learningRate: 1, decay: 1e-3, momentum };
    const sgd = new SGD(o);
    const p = new Parameter('p', Matrix.fromRows([init]), Matrix.zeros(1, n), null);
    const w = [...init];
    const v = new Array<number>(n).fill(0);
    let differsFromDouble = 0;
    for (let t = 0; t < 3; t++) {
      const g = Array.from({ length: n }, (_, i) => f32(Math.cos(i * 5 + t) * 0.07));
      p.grad.data.set(g);
      sgd.step([p]);
      const lr = f32(o.learningRate * (1 / (1 + o.decay * t)));
      for (let i = 0; i < n; i++) {
        // numpy: updates = μ·v − lr·g (each product rounded, then the difference); w += updates
        const update = momentum ? f32(f32(f32(momentum) * v[i]) - f32(lr * g[i])) : f32(-lr * g[i]);
        const once = f32(w[i] + (momentum * v[i] - o.learningRate * (1 / (1 + o.decay * t)) * g[i]));
        v[i] = update;
        w[i] = f32(w[i] + update);
        if (once !== w[i]) differsFromDouble++;
        assert.equal(p.value.data[i], w[i], `momentum ${momentum}, step ${t}, element ${i}`);
      }
    }
    assert.ok(differsFromDouble > 0, 'the data exercise the per-step rounding');
  }
});

describe('SGD options', () => {
  test("defaults are the book's: lr 1, no decay, no momentum", () => {
    const sgd = new SGD();
    assert.deepEqual([sgd.learningRate, sgd.decay, sgd.momentum, sgd.currentLearningRate], [1, 0, 0, 1]);
  });

  test('validation', () => {
    assert.throws(() => new SGD({ learningRate: -1 }), withCode('INVALID_OPTION', 'SGD learningRate'));
    assert.throws(() => new SGD({ learningRate: 0 }), withCode('INVALID_OPTION', 'got 0'));
    assert.throws(() => new SGD({ momentum: -0.5 }), withCode('INVALID_OPTION', '-0.5'));
    assert.throws(() => new SGD({ decay: Number.POSITIVE_INFINITY }), withCode('INVALID_OPTION', 'Infinity'));
    const misspelt = { learningRate: 1, momentun: 0.9 };
    assert.throws(() => new SGD(misspelt), withCode('UNKNOWN_OPTION', '"momentun"'));
  });
});
