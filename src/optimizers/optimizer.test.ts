import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withCode } from '../../test/assertions.ts';
import type { Layer } from '../layers/layer.ts';
import { Parameter } from '../layers/parameter.ts';
import { type FloatArray, Matrix } from '../tensor/matrix.ts';
import { Adagrad } from './adagrad.ts';
import { Adam } from './adam.ts';
import type { Optimizer } from './optimizer.ts';
import { RMSprop } from './rmsprop.ts';
import { SGD } from './sgd.ts';

function param(name: string, values: number[], dtype: 'float32' | 'float64' = 'float32'): Parameter {
  return new Parameter(name, Matrix.fromRows([values], dtype), Matrix.zeros(1, values.length, dtype), null);
}

/** A different, deterministic gradient per step and per parameter. */
function setGradient(p: Parameter, step: number, salt: number): void {
  const g = p.grad.data;
  for (let i = 0; i < g.length; i++) g[i] = Math.sin(step * 3.1 + i * 1.7 + salt) * 0.1;
}

const MAKERS: [string, () => Optimizer][] = [
  ['SGD with momentum', () => new SGD({ learningRate: 0.5, decay: 0.01, momentum: 0.9 })],
  ['Adagrad', () => new Adagrad({ learningRate: 0.5, decay: 0.01 })],
  ['RMSprop', () => new RMSprop({ learningRate: 0.01, decay: 0.01, rho: 0.95 })],
  ['Adam', () => new Adam({ learningRate: 0.01, decay: 0.01 })],
];

describe('learning-rate decay: lr_t = lr · 1/(1 + decay·t), t = steps taken so far', () => {
  test('currentLearningRate after preUpdateParams at t = 0, 1, 2', () => {
    const sgd = new SGD({ learningRate: 1, decay: 0.5 });
    const seen: number[] = [];
    for (let t = 0; t < 3; t++) {
      sgd.preUpdateParams();
      seen.push(sgd.currentLearningRate);
      sgd.postUpdateParams();
    }
    // 1/(1 + 0) = 1, 1/(1 + 0.5) = 0.666…, 1/(1 + 1) = 0.5
    assert.deepEqual(seen, [1 * (1 / (1 + 0.5 * 0)), 1 * (1 / (1 + 0.5 * 1)), 1 * (1 / (1 + 0.5 * 2))]);
    assert.deepEqual(seen, [1, 2 / 3, 0.5]);
    assert.equal(sgd.iterations, 3);
  });

  test('the book’s rate 1e-3 after 1000 steps is halved (ch. 10: 1/(1 + 1e-3·1000) = 0.5)', () => {
    const adam = new Adam({ learningRate: 0.02, decay: 1e-3 });
    adam.iterations = 1000;
    adam.preUpdateParams();
    assert.equal(adam.currentLearningRate, 0.02 * (1 / (1 + 1e-3 * 1000)));
    assert.equal(adam.currentLearningRate, 0.01);
  });

  test('decay 0 keeps the rate; step() counts iterations', () => {
    const sgd = new SGD({ learningRate: 0.3 });
    const p = param('p', [1]);
    for (let t = 0; t < 4; t++) sgd.step([p]);
    assert.equal(sgd.currentLearningRate, 0.3);
    assert.equal(sgd.iterations, 4);
  });
});

for (const [name, make] of MAKERS) {
  describe(name, () => {
    test('getState/setState round trip: a fresh optimizer continues exactly where the first left off', () => {
      const a = make();
      const pa = [param('w', [0.5, -0.25, 0.125]), param('b', [0, 0.01])];
      for (let t = 0; t < 3; t++) {
        for (const [k, p] of pa.entries()) setGradient(p, t, k);
        a.step(pa);
      }
      // plain data: survives JSON, as a checkpoint on disk would
      const state = JSON.parse(JSON.stringify(a.getState(pa)));
      const b = make();
      const pb = pa.map((p) => new Parameter(p.name, p.value.clone(), p.grad.clone(), null));
      const pc = pa.map((p) => new Parameter(p.name, p.value.clone(), p.grad.clone(), null));
      b.setState(pb, state);
      assert.equal(b.iterations, 3);
      assert.equal(b.currentLearningRate, a.currentLearningRate);
      for (const ps of [pa, pb, pc]) for (const [k, p] of ps.entries()) setGradient(p, 3, k);
      a.step(pa);
      b.step(pb);
      make().step(pc); // without the state: a different step (the round trip test can fail)
      for (const [k, p] of pa.entries())
        assert.deepEqual(Array.from(pb[k].value.data), Array.from(p.value.data));
      assert.notDeepEqual(Array.from(pc[0].value.data), Array.from(pa[0].value.data));
    });

    test('state is kept per Parameter object, whatever the order parameters are passed in', () => {
      const shared = make();
      const p = param('p', [1, 2]);
      const q = param('q', [1, 2]);
      const loneP = param('p', [1, 2]);
      const loneQ = param('q', [1, 2]);
      const onlyP = make();
      const onlyQ = make();
      for (let t = 0; t < 3; t++) {
        setGradient(p, t, 0);
        setGradient(loneP, t, 0);
        setGradient(q, t, 9);
        setGradient(loneQ, t, 9);
        shared.step(t % 2 === 0 ? [p, q] : [q, p]);
        onlyP.step([loneP]);
        onlyQ.step([loneQ]);
      }
      assert.deepEqual(Array.from(p.value.data), Array.from(loneP.value.data));
      assert.deepEqual(Array.from(q.value.data), Array.from(loneQ.value.data));
      assert.notDeepEqual(Array.from(p.value.data), Array.from(q.value.data));
    });

    test('updates in place and reuses the same state arrays every step', () => {
      const optimizer = make();
      const seen: FloatArray[][] = [];
      // observe the slot arrays the base class hands to `update`
      const update = Reflect.get(optimizer, 'update') as (
        p: Parameter,
        s: Record<string, FloatArray>,
      ) => void;
      Reflect.set(optimizer, 'update', (p: Parameter, slots: Record<string, FloatArray>) => {
        seen.push(Object.values(slots));
        update.call(optimizer, p, slots);
      });
      const p = param('p', [0.5, -0.5]);
      const data = p.value.data;
      for (let t = 0; t < 3; t++) {
        setGradient(p, t, 1);
        optimizer.step([p]);
      }
      assert.equal(p.value.data, data);
      assert.equal(seen.length, 3);
      assert.ok(seen[0].length > 0);
      for (const slots of seen) for (const [k, array] of slots.entries()) assert.equal(array, seen[0][k]);
      assert.ok(seen[0].every((array) => array.length === 2 && array instanceof Float32Array));
    });
  });
}

test('updateParams(layer) between pre- and postUpdateParams equals step(layer.parameters())', () => {
  const params = [param('w', [0.3, -0.2]), param('b', [0.1])];
  const layer: Layer = {
    name: 'layer',
    get output(): Matrix {
      throw new Error('unused');
    },
    get dInputs(): Matrix {
      throw new Error('unused');
    },
    forward: (x) => x,
    backward: (d) => d,
    parameters: () => params,
  };
  const other = params.map((p) => new Parameter(p.name, p.value.clone(), p.grad.clone(), null));
  const [a, b] = [new Adam({ learningRate: 0.1 }), new Adam({ learningRate: 0.1 })];
  for (let t = 0; t < 2; t++) {
    for (const [k, p] of params.entries()) setGradient(p, t, k);
    for (const [k, p] of other.entries()) setGradient(p, t, k);
    a.preUpdateParams();
    a.updateParams(layer);
    a.postUpdateParams();
    b.step(other);
  }
  for (const [k, p] of params.entries())
    assert.deepEqual(Array.from(p.value.data), Array.from(other[k].value.data));
});

describe('state errors', () => {
  test('setState with the wrong number of values, or negative iterations → BAD_STATE', () => {
    const adam = new Adam();
    const p = param('p', [1, 2]);
    adam.step([p]);
    const state = adam.getState([p]);
    state.slots.p.momentum = [1];
    assert.throws(
      () => new Adam().setState([p], state),
      withCode('BAD_STATE', 'p.momentum has 1 values, expected 2'),
    );
    assert.throws(() => new Adam().setState([p], { ...state, iterations: -1 }), withCode('BAD_STATE', '-1'));
  });

  test('getState with two parameters of the same name → BAD_STATE naming it', () => {
    const adam = new Adam();
    const ps = [param('dense.weights', [1]), param('dense.weights', [2])];
    adam.step(ps);
    assert.throws(() => adam.getState(ps), withCode('BAD_STATE', '"dense.weights"'));
  });
});
