import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withCode } from '../../test/assertions.ts';
import { Parameter } from '../layers/parameter.ts';
import { Matrix } from '../tensor/matrix.ts';
import { Adagrad } from './adagrad.ts';

const f32 = Math.fround;

test('two steps by hand (float64, lr 1, ε 1e-7): cache += g²; w −= lr·g/(√cache + ε)', () => {
  const adagrad = new Adagrad();
  const p = new Parameter('p', Matrix.fromRows([[1]], 'float64'), Matrix.fromRows([[0.5]], 'float64'), null);
  adagrad.step([p]);
  // cache = 0.25; w = 1 − 0.5/(0.5 + 1e-7) = 1 − 0.9999998 = 1.9999996e-7
  assert.equal(p.value.data[0], 1 + (-1 * 0.5) / (Math.sqrt(0.25) + 1e-7));
  assert.ok(Math.abs(p.value.data[0] - 1.9999996e-7) < 1e-15);
  p.grad.data[0] = 0.25;
  adagrad.step([p]);
  // cache = 0.25 + 0.0625 = 0.3125; w −= 0.25/(0.5590170 + 1e-7) = 0.4472135…
  const cache = 0.25 + 0.25 ** 2;
  assert.equal(
    p.value.data[0],
    1 + (-1 * 0.5) / (Math.sqrt(0.25) + 1e-7) + (-1 * 0.25) / (Math.sqrt(cache) + 1e-7),
  );
  assert.ok(Math.abs(p.value.data[0] - -0.4472133155) < 1e-9);
});

test('float32: numpy order with each step rounded', () => {
  const n = 128;
  const init = Array.from({ length: n }, (_, i) => f32(Math.sin(i + 1) * 0.3));
  const o = { learningRate: 1, decay: 1e-4, epsilon: 1e-7 };
  const adagrad = new Adagrad(o);
  const p = new Parameter('p', Matrix.fromRows([init]), Matrix.zeros(1, n), null);
  const w = [...init];
  const cache = new Array<number>(n).fill(0);
  let differsFromDouble = 0;
  for (let t = 0; t < 3; t++) {
    const g = Array.from({ length: n }, (_, i) => f32(Math.cos(i * 3 + t) * 0.05));
    p.grad.data.set(g);
    adagrad.step([p]);
    const lr = o.learningRate * (1 / (1 + o.decay * t));
    for (let i = 0; i < n; i++) {
      cache[i] = f32(cache[i] + f32(g[i] * g[i]));
      const once = f32(w[i] + (-lr * g[i]) / (Math.sqrt(cache[i]) + o.epsilon));
      w[i] = f32(w[i] + f32(f32(f32(-lr) * g[i]) / f32(f32(Math.sqrt(cache[i])) + f32(o.epsilon))));
      if (once !== w[i]) differsFromDouble++;
      assert.equal(p.value.data[i], w[i], `step ${t}, element ${i}`);
    }
  }
  assert.ok(differsFromDouble > 0, 'the data exercise the per-step rounding');
});

test("defaults are the book's (lr 1, ε 1e-7, no decay); validation", () => {
  const adagrad = new Adagrad();
  assert.deepEqual([adagrad.learningRate, adagrad.epsilon, adagrad.decay], [1, 1e-7, 0]);
  assert.throws(() => new Adagrad({ learningRate: -1 }), withCode('INVALID_OPTION', 'Adagrad learningRate'));
  assert.throws(() => new Adagrad({ epsilon: -1e-7 }), withCode('INVALID_OPTION', 'epsilon'));
  const misspelt = { learningRate: 1, rho: 0.9 };
  assert.throws(() => new Adagrad(misspelt), withCode('UNKNOWN_OPTION', '"rho"'));
});
