import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { numpyExpFloat32 } from '../tensor/libm/numpy-float32-exp.ts';
import { Matrix } from '../tensor/matrix.ts';
import { Linear, ReLU, Sigmoid, Softmax } from './activations.ts';

const f32 = Math.fround;
const FC = { seed: 1415, numRuns: 200 };

function close(actual: number, expected: number, tolerance: number, what = ''): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what} ${actual} vs ${expected}`);
}

describe('ReLU', () => {
  test('forward: max(0, x); NaN passes through so divergence stays visible', () => {
    const out = new ReLU().forward(
      Matrix.fromRows(
        [
          [-1, 0, 2.5],
          [-0.25, 7, Number.NaN],
        ],
        'float64',
      ),
    );
    assert.deepEqual(out.toRows(), [
      [0, 0, 2.5],
      [0, 7, Number.NaN],
    ]);
  });

  test('backward: the gradient passes where x > 0 and is 0 at x <= 0', () => {
    const relu = new ReLU();
    relu.forward(Matrix.fromRows([[-1, 0, 2.5, 3]], 'float64'));
    const d = relu.backward(Matrix.fromRows([[5, 6, 7, -8]], 'float64'));
    assert.deepEqual(d.toRows(), [[0, 0, 7, -8]]);
  });
});

describe('Sigmoid', () => {
  test('forward: σ(0) = 1/2, σ(ln 3) = 1/(1 + 1/3) = 3/4, σ(−ln 3) = 1/4', () => {
    const out = new Sigmoid().forward(Matrix.fromRows([[0, Math.log(3), -Math.log(3)]], 'float64'));
    assert.equal(out.data[0], 0.5);
    close(out.data[1], 0.75, 1e-15);
    close(out.data[2], 0.25, 1e-15);
  });

  test('backward: d · σ(1 − σ); at 0 that is d/4', () => {
    const s = new Sigmoid();
    s.forward(Matrix.fromRows([[0, Math.log(3)]], 'float64'));
    const d = s.backward(Matrix.fromRows([[2, 4]], 'float64'));
    assert.equal(d.data[0], 2 * 0.5 * 0.5);
    close(d.data[1], 4 * 0.75 * 0.25, 1e-15);
  });
});

describe('Linear', () => {
  test('forward and backward are copies, in new buffers', () => {
    const x = Matrix.fromRows([[1.5, -2]], 'float64');
    const linear = new Linear();
    const out = linear.forward(x);
    assert.deepEqual(out.toRows(), [[1.5, -2]]);
    assert.notEqual(out, x);
    const dOut = Matrix.fromRows([[3, 4]], 'float64');
    const d = linear.backward(dOut);
    assert.deepEqual(d.toRows(), [[3, 4]]);
    assert.notEqual(d, dOut);
  });
});

describe('Softmax', () => {
  test('golden values: equal inputs share evenly; softmax([1, 2, 3])', () => {
    const out = new Softmax().forward(
      Matrix.fromRows(
        [
          [5, 5],
          [-3, -3],
        ],
        'float64',
      ),
    );
    assert.deepEqual(out.toRows(), [
      [0.5, 0.5],
      [0.5, 0.5],
    ]);
    // e^k / (e + e² + e³) for k = 1, 2, 3 (the book's example values)
    const three = new Softmax().forward(Matrix.fromRows([[1, 2, 3]], 'float64'));
    const sum = Math.E + Math.E ** 2 + Math.E ** 3;
    close(three.data[0], Math.E / sum, 1e-15);
    close(three.data[1], Math.E ** 2 / sum, 1e-15);
    close(three.data[2], Math.E ** 3 / sum, 1e-15);
    close(three.data[0], 0.09003057317038046, 1e-15);
  });

  test('large inputs (1000, 1001) give no NaN thanks to the max subtraction', () => {
    const out = new Softmax().forward(Matrix.fromRows([[1000, 1001]], 'float64'));
    // shifted: [−1, 0] → [e⁻¹, 1] / (e⁻¹ + 1)
    close(out.data[0], Math.exp(-1) / (Math.exp(-1) + 1), 1e-15);
    close(out.data[1], 1 / (Math.exp(-1) + 1), 1e-15);
  });

  test("float32: numpy order, each step rounded (x − max, numpy's float32 exp, running row sum, divide)", () => {
    const rows = [
      [0.3, -1.7, 2.2, 0.9],
      [10.5, 10.25, -3, 0.001],
    ];
    const out = new Softmax().forward(Matrix.fromRows(rows));
    for (let r = 0; r < rows.length; r++) {
      const x = rows[r].map(f32);
      const max = Math.max(...x);
      const e = x.map((v) => numpyExpFloat32(f32(v - max)));
      let sum = 0;
      for (const v of e) sum = f32(sum + v);
      for (let c = 0; c < x.length; c++) assert.equal(out.get(r, c), f32(e[c] / sum), `(${r},${c})`);
    }
  });

  test('backward: s ⊙ (d − Σ d·s); for s = [1/2, 1/2], d = [1, 0]: [1/4, −1/4]', () => {
    const softmax = new Softmax();
    softmax.forward(Matrix.fromRows([[0, 0]], 'float64'));
    const d = softmax.backward(Matrix.fromRows([[1, 0]], 'float64'));
    // Σ d·s = 1/2; [1/2·(1 − 1/2), 1/2·(0 − 1/2)]
    assert.deepEqual(d.toRows(), [[0.25, -0.25]]);
  });

  const rowsArb = (value: fc.Arbitrary<number>) =>
    fc
      .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 9 }))
      .chain(([r, c]) =>
        fc.array(fc.array(value, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }),
      );

  test('property: rows sum to 1 and stay in [0, 1] for any finite float64 inputs', () => {
    const value = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.double({ min: -1e3, max: 1e3, noNaN: true }),
    );
    fc.assert(
      fc.property(rowsArb(value), (rows) => {
        const out = new Softmax().forward(Matrix.fromRows(rows, 'float64'));
        for (let r = 0; r < out.rows; r++) {
          let sum = 0;
          for (let c = 0; c < out.cols; c++) {
            const v = out.get(r, c);
            assert.ok(v >= 0 && v <= 1, `(${r},${c}) = ${v}`);
            sum += v;
          }
          close(sum, 1, 1e-12, `row ${r}`);
        }
      }),
      FC,
    );
  });

  test('property: rows sum to 1 in float32 for any finite float32 inputs', () => {
    fc.assert(
      fc.property(rowsArb(fc.float({ noNaN: true, noDefaultInfinity: true })), (rows) => {
        const out = new Softmax().forward(Matrix.fromRows(rows));
        for (let r = 0; r < out.rows; r++) {
          let sum = 0;
          for (let c = 0; c < out.cols; c++) sum += out.get(r, c);
          close(sum, 1, 1e-6, `row ${r}`);
        }
      }),
      FC,
    );
  });

  test('property: adding a constant to a row does not change its softmax', () => {
    const arb = rowsArb(fc.double({ min: -50, max: 50, noNaN: true })).chain((rows) =>
      fc.tuple(
        fc.constant(rows),
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), {
          minLength: rows.length,
          maxLength: rows.length,
        }),
      ),
    );
    fc.assert(
      fc.property(arb, ([rows, shifts]) => {
        const plain = new Softmax().forward(Matrix.fromRows(rows, 'float64'));
        const shifted = new Softmax().forward(
          Matrix.fromRows(
            rows.map((row, r) => row.map((v) => v + shifts[r])),
            'float64',
          ),
        );
        for (let i = 0; i < plain.data.length; i++)
          close(shifted.data[i], plain.data[i], 1e-12, `element ${i}`);
      }),
      FC,
    );
  });
});

describe('every activation', () => {
  for (const make of [() => new ReLU(), () => new Sigmoid(), () => new Linear(), () => new Softmax()]) {
    const name = make().name;
    test(`${name}: buffers reused for a steady shape, new for another; errors`, () => {
      const layer = make();
      const out1 = layer.forward(
        Matrix.fromRows([
          [1, 2],
          [3, 4],
        ]),
      );
      const out2 = layer.forward(
        Matrix.fromRows([
          [5, 6],
          [7, 8],
        ]),
      );
      assert.equal(out1, out2);
      const d1 = layer.backward(
        Matrix.fromRows([
          [1, 1],
          [1, 1],
        ]),
      );
      const d2 = layer.backward(
        Matrix.fromRows([
          [2, 2],
          [2, 2],
        ]),
      );
      assert.equal(d1, d2);
      assert.notEqual(layer.forward(Matrix.fromRows([[1, 2]])), out1);
      const code = (c: string) => (e: unknown) => e instanceof ScratchnetError && e.code === c;
      assert.throws(() => layer.backward(Matrix.fromRows([[1, 2, 3]])), code('SHAPE_MISMATCH'));
      assert.throws(() => make().backward(Matrix.fromRows([[1]])), code('BAD_STATE'));
    });
  }
});
