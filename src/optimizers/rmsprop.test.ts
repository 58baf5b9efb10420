import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withCode } from '../../test/assertions.ts';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { Parameter } from '../layers/parameter.ts';
import { Matrix } from '../tensor/matrix.ts';
import { RMSprop } from './rmsprop.ts';

const f32 = Math.fround;

test('two steps by hand (float64, lr 0.001, ρ 0.9, ε 1e-7): cache = ρ·cache + (1 − ρ)·g²', () => {
  const rmsprop = new RMSprop();
  const p = new Parameter('p', Matrix.fromRows([[1]], 'float64'), Matrix.fromRows([[0.5]], 'float64'), null);
  rmsprop.step([p]);
  // cache = 0.1·0.25 = 0.025; w = 1 − 0.001·0.5/(0.1581139 + 1e-7) = 1 − 0.0031623 = 0.9968377
  const cache1 = 0.9 * 0 + (1 - 0.9) * 0.5 ** 2;
  const w1 = 1 + (-0.001 * 0.5) / (Math.sqrt(cache1) + 1e-7);
  assert.equal(p.value.data[0], w1);
  assert.ok(Math.abs(w1 - 0.9968377243) < 1e-9);
  p.grad.data[0] = 0.25;
  rmsprop.step([p]);
  // cache = 0.9·0.025 + 0.1·0.0625 = 0.02875; w −= 0.001·0.25/(0.1695582 + 1e-7) = 0.0014744
  const cache2 = 0.9 * cache1 + (1 - 0.9) * 0.25 ** 2;
  assert.equal(p.value.data[0], w1 + (-0.001 * 0.25) / (Math.sqrt(cache2) + 1e-7));
  assert.ok(Math.abs(p.value.data[0] - 0.9953633056) < 1e-9);
});

test('float32: numpy order with each step rounded', () => {
  const n = 128;
  const init = Array.from({ length: n }, (_, i) => f32(Math.sin(i + 1) * 0.3));
  const o = { learningRate: 0.02, decay: 1e-5, epsilon: 1e-7, rho: 0.999 };
  const rmsprop = new RMSprop(o);
  const p = new Parameter('p', Matrix.fromRows([init]), Matrix.zeros(1, n), null);
  const w = [...init];
  const cache = new Array<number>(n).fill(0);
  let differsFromDouble = 0;
  for (let t = 0; t < 3; t++) {
    const g = Array.from({ length: n }, (_, i) => f32(Math.cos(i * 11 + t) * 0.05));
    p.grad.data.set(g);
    rmsprop.step([p]);
    const lr = o.learningRate * (1 / (1 + o.decay * t));
    for (let i = 0; i < n; i++) {
      const onceCache = o.rho * cache[i] + (1 - o.rho) * g[i] * g[i];
      cache[i] = f32(f32(f32(o.rho) * cache[i]) + f32(f32(1 - o.rho) * f32(g[i] * g[i])));
      const once = f32(w[i] + (-lr * g[i]) / (Math.sqrt(onceCache) + o.epsilon));
      w[i] = f32(w[i] + f32(f32(f32(-lr) * g[i]) / f32(f32(Math.sqrt(cache[i])) + f32(o.epsilon))));
      if (once !== w[i]) differsFromDouble++;
      assert.equal(p.value.data[i], w[i], `step ${t}, element ${i}`);
    }
  }
  assert.ok(differsFromDouble > 0, 'the data exercise the per-step rounding');
});

test("defaults are the book's (lr 0.001, ρ 0.9, ε 1e-7, no decay); validation", () => {
  const rmsprop = new RMSprop();
  assert.deepEqual(
    [rmsprop.learningRate, rmsprop.rho, rmsprop.epsilon, rmsprop.decay],
    [0.001, 0.9, 1e-7, 0],
  );
  assert.throws(() => new RMSprop({ rho: 1 }), withCode('INVALID_OPTION', 'RMSprop rho'));
  assert.throws(
    () => new RMSprop({ rho: 1 }),
    (e: unknown) => e instanceof ScratchnetError && !e.hint.includes('drop'),
  );
  assert.throws(() => new RMSprop({ learningRate: -0.001 }), withCode('INVALID_OPTION', '-0.001'));
  const misspelt = { learningRate: 0.001, beta1: 0.9 };
  assert.throws(() => new RMSprop(misspelt), withCode('UNKNOWN_OPTION', '"beta1"'));
});
